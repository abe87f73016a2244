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
