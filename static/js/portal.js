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
