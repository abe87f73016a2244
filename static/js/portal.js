// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = "Er ging iets mis bij het bijwerken van de pagina. Probeer het opnieuw.";
  }
});

// Dashboard tabs keep the filters that htmx applied without reloading the page.
document.addEventListener("htmx:pushedIntoHistory", function () {
  var params = new URLSearchParams(window.location.search);
  params.delete("pagina");
  var query = params.toString();
  document.querySelectorAll("[data-keeps-filters] a").forEach(function (link) {
    var url = new URL(link.href, window.location.href);
    if (url.pathname.indexOf("/cockpit/") === -1) {
      url.search = query;
      link.href = url.toString();
    }
  });
});

// On narrow screens the main navigation collapses behind a "Menu" button (a disclosure: a real
// button with aria-expanded, so keyboard and screen readers work). Without this script the
// navigation is a wrapped list.
(function () {
  var nav = document.querySelector(".main-nav");
  var list = nav && nav.querySelector("ul");
  if (!list) { return; }
  list.id = list.id || "hoofdmenu-lijst";
  var button = document.createElement("button");
  button.type = "button";
  button.className = "nav-toggle secondary";
  button.textContent = "Menu";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", list.id);
  button.addEventListener("click", function () {
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });
  nav.insertBefore(button, list);
  document.documentElement.classList.add("js-nav");
})();

// A security key or passkey that did not answer (cancelled, timed out, not for this account):
// allauth's webauthn.js reports it as an "allauth.error" event; say so where the page has room.
document.addEventListener("allauth.error", function (event) {
  var target = document.querySelector("[data-webauthn-error]");
  if (!target) { return; }
  event.preventDefault();
  var name = event.detail && event.detail.exception && event.detail.exception.name;
  target.textContent = name === "InvalidStateError"
    ? "Deze sleutel is al aan uw account toegevoegd."
    : "Het gebruik van de beveiligingssleutel is afgebroken of niet gelukt. Probeer het opnieuw.";
});
