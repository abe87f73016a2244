// Reactierondes: text selected in an item fills in the remark form (that item, the passage).
// Without JavaScript the form still works: choose the item and paste the passage.
(function () {
  "use strict";
  function selectionIn() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return null;
    var node = selection.anchorNode;
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    var text = element && element.closest("[data-feedback-item]");
    return text ? { item: text.getAttribute("data-feedback-item"), passage: selection.toString().trim() } : null;
  }
  function fill() {
    var found = selectionIn();
    var item = document.getElementById("id_item");
    var quote = document.getElementById("id_quote");
    if (!found || !found.passage || !item || !quote) return;
    item.value = found.item;
    quote.value = found.passage;
    var status = document.getElementById("passage-status");
    if (status) status.textContent = "Passage overgenomen in het reactieformulier.";
  }
  document.addEventListener("mouseup", fill);
  document.addEventListener("keyup", function (event) { if (event.shiftKey) fill(); });
})();
