// Small progressive enhancements; every page works without this file.
document.addEventListener("htmx:responseError", function (event) {
  var target = document.getElementById("htmx-error");
  if (target) {
    target.textContent = "Er ging iets mis bij het bijwerken van de pagina. Probeer het opnieuw.";
  }
});
