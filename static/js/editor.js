// The writing aid: a progressive enhancement of every agenda textarea (data-markdown).
// A toolbar (bold, italic, list, link, footnote) with keyboard shortcuts, a live preview the
// server renders as the page and the PDF do, footnotes asked for in a dialog and numbered
// automatically, pasted word-processor text kept as bold/italic/lists/links, unsaved text kept
// in the browser, and the focus path of editing in place. Without this file the textarea and
// the full edit page work as they are.
(function () {
  "use strict";

  var STORE = "netwerkagenda:concept:";
  var PREVIEW_DELAY = 400;

  // -- Pasted HTML to Markdown: bold, italic, lists and links survive, the rest is text. -------

  function styleOf(element) { return (element.getAttribute("style") || "").toLowerCase(); }

  function isBold(element) {
    var tag = element.tagName, style = styleOf(element);
    var weight = (style.match(/font-weight\s*:\s*([a-z0-9]+)/) || [])[1];
    if (weight) { return weight === "bold" || weight === "bolder" || parseInt(weight, 10) >= 600; }
    return tag === "B" || tag === "STRONG";
  }

  function isItalic(element) {
    var tag = element.tagName, style = styleOf(element);
    var fontStyle = (style.match(/font-style\s*:\s*([a-z]+)/) || [])[1];
    if (fontStyle) { return fontStyle === "italic" || fontStyle === "oblique"; }
    return tag === "I" || tag === "EM";
  }

  function wrapInline(text, marker) {
    var match = text.match(/^(\s*)([\s\S]*?)(\s*)$/);
    return match[2] ? match[1] + marker + match[2] + marker + match[3] : text;
  }

  var SKIP = { SCRIPT: 1, STYLE: 1, HEAD: 1, TITLE: 1, META: 1, LINK: 1, TEMPLATE: 1, IMG: 1, SVG: 1 };
  var BLOCK = { P: 1, DIV: 1, H1: 1, H2: 1, H3: 1, H4: 1, H5: 1, H6: 1, BLOCKQUOTE: 1, TABLE: 1, TR: 1, SECTION: 1, ARTICLE: 1 };

  function convert(node, depth) {
    if (node.nodeType === 3) { return node.nodeValue.replace(/\s+/g, " "); }
    if (node.nodeType !== 1 || SKIP[node.tagName]) { return ""; }
    var tag = node.tagName, style = styleOf(node);
    if (/mso-list\s*:\s*ignore/.test(style)) { return ""; }  // Word's typed bullet "·" or "1."
    if (tag === "BR") { return "\n"; }
    if (tag === "UL" || tag === "OL") {
      var items = [], number = 0;
      Array.prototype.forEach.call(node.children, function (child) {
        if (child.tagName !== "LI") { return; }
        number += 1;
        var marker = tag === "OL" ? number + ". " : "- ";
        var body = children(child, depth + 1).replace(/\n{2,}/g, "\n").trim();
        items.push(new Array(depth + 1).join("  ") + marker + body);
      });
      return "\n\n" + items.join("\n") + "\n\n";
    }
    var inner = children(node, depth);
    if (tag === "A") {
      var href = node.getAttribute("href") || "";
      return /^(https?:|mailto:)/i.test(href) && inner.trim() ? "[" + inner.trim() + "](" + href + ")" : inner;
    }
    if (BLOCK[tag]) {
      // Word writes list paragraphs as <p style="mso-list:…">, with the bullet as text.
      return /mso-list/.test(style) ? "\n- " + inner.trim() + "\n" : "\n\n" + inner + "\n\n";
    }
    if (isBold(node)) { inner = wrapInline(inner, "**"); }
    if (isItalic(node)) { inner = wrapInline(inner, "*"); }
    return inner;
  }

  function children(node, depth) {
    var out = "";
    Array.prototype.forEach.call(node.childNodes, function (child) { out += convert(child, depth); });
    return out;
  }

  function htmlToMarkdown(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var lines = children(doc.body, 0).split("\n").map(function (line) {
      return line.replace(/\s+$/, "").replace(/^ (?=\S)/, "");
    });
    var isItem = function (line) { return /^\s*(- |\d+\. )/.test(line || ""); };
    var out = [];
    lines.forEach(function (line, index) {
      if (line) { out.push(line); return; }
      var next = lines.slice(index + 1).find(function (l) { return l; });
      // One blank line between paragraphs; none between the items of one list.
      if (out.length && out[out.length - 1] && !(isItem(out[out.length - 1]) && isItem(next))) { out.push(""); }
    });
    return out.join("\n").trim();
  }

  // -- Editing the textarea ------------------------------------------------------------------

  function replaceSelection(textarea, text, selectFrom, selectTo) {
    textarea.focus();
    var start = textarea.selectionStart;
    // execCommand keeps the browser's undo history; setRangeText is the fallback.
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      textarea.setRangeText(text, start, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selectFrom !== undefined) { textarea.setSelectionRange(start + selectFrom, start + selectTo); }
  }

  function wrap(textarea, marker) {
    var start = textarea.selectionStart, end = textarea.selectionEnd, value = textarea.value;
    var selected = value.slice(start, end);
    if (selected) {
      replaceSelection(textarea, marker + selected + marker, marker.length, marker.length + selected.length);
    } else if (value.slice(start, start + marker.length) === marker) {
      textarea.setSelectionRange(start + marker.length, start + marker.length);  // step out of it
    } else {
      replaceSelection(textarea, marker + marker, marker.length, marker.length);
    }
  }

  function toggleList(textarea) {
    var value = textarea.value;
    var start = value.lastIndexOf("\n", textarea.selectionStart - 1) + 1;
    var end = value.indexOf("\n", textarea.selectionEnd);
    if (end === -1) { end = value.length; }
    var lines = value.slice(start, end).split("\n");
    var listed = lines.every(function (line) { return /^- /.test(line); });
    var result = lines.map(function (line) { return listed ? line.replace(/^- /, "") : "- " + line; }).join("\n");
    // A list needs a line of its own: after a paragraph a blank line keeps it apart.
    var before = start > 0 && value[start - 2] !== "\n" && !listed && !/^- /.test(value.slice(value.lastIndexOf("\n", start - 2) + 1, start)) ? "\n" : "";
    textarea.setSelectionRange(start, end);
    replaceSelection(textarea, before + result);
  }

  function continueList(textarea, event) {
    var value = textarea.value, at = textarea.selectionStart;
    if (at !== textarea.selectionEnd) { return; }
    var lineStart = value.lastIndexOf("\n", at - 1) + 1;
    var line = value.slice(lineStart, at);
    var match = line.match(/^(\s*)(- |(\d+)\. )/);
    if (!match) { return; }
    event.preventDefault();
    if (line.trim() === match[2].trim()) {  // an empty item ends the list
      textarea.setSelectionRange(lineStart, at);
      replaceSelection(textarea, "\n");
      return;
    }
    var next = match[3] ? (parseInt(match[3], 10) + 1) + ". " : "- ";
    replaceSelection(textarea, "\n" + match[1] + next);
  }

  // -- Dialogs (link, footnote): native <dialog>, so focus stays inside and Escape closes. ---

  var dialogs = {};
  var dialogCount = 0;

  function field(dialog, name) { return dialog.querySelector("[name=" + name + "]"); }

  function makeDialog(title, fields, confirm) {
    dialogCount += 1;
    var dialog = document.createElement("dialog");
    dialog.className = "editor-dialog";
    var heading = document.createElement("h2");
    heading.id = "editor-dialog-" + dialogCount;
    heading.textContent = title;
    dialog.setAttribute("aria-labelledby", heading.id);
    var form = document.createElement("form");
    form.method = "dialog";
    form.appendChild(heading);
    fields.forEach(function (spec, index) {
      var wrapper = document.createElement("p");
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = spec.type || "text";
      input.name = spec.name;
      input.id = heading.id + "-" + index;
      label.htmlFor = input.id;
      label.textContent = spec.label;
      wrapper.appendChild(label);
      wrapper.appendChild(input);
      form.appendChild(wrapper);
    });
    var buttons = document.createElement("p");
    var ok = document.createElement("button");
    ok.value = "ok";
    ok.textContent = confirm;
    var cancel = document.createElement("button");
    cancel.value = "cancel";
    cancel.type = "button";
    cancel.className = "secondary";
    cancel.textContent = "Annuleren";
    cancel.addEventListener("click", function () { dialog.close("cancel"); });
    buttons.appendChild(ok);
    buttons.appendChild(cancel);
    form.appendChild(buttons);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    return dialog;
  }

  function ask(kind, values, done, textarea) {
    var dialog = dialogs[kind];
    if (!dialog) {
      dialog = dialogs[kind] = kind === "link"
        ? makeDialog("Koppeling invoegen", [{ name: "text", label: "Tekst van de koppeling" },
          { name: "url", label: "Adres (bijvoorbeeld https://www.kb.nl)" }], "Invoegen")
        : makeDialog("Voetnoot", [{ name: "text", label: "Tekst van de voetnoot" }], "Opslaan");
    }
    Object.keys(values).forEach(function (name) { field(dialog, name).value = values[name]; });
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    dialog.returnValue = "";
    dialog.onclose = function () {
      textarea.focus();
      textarea.setSelectionRange(start, end);
      if (dialog.returnValue === "ok") { done(dialog); }
    };
    dialog.showModal();
  }

  function insertLink(textarea) {
    var selected = textarea.value.slice(textarea.selectionStart, textarea.selectionEnd);
    ask("link", { text: selected, url: "" }, function (dialog) {
      var url = field(dialog, "url").value.trim();
      var text = field(dialog, "text").value.trim() || url;
      if (!url) { return; }
      if (!/^(https?:|mailto:)/i.test(url)) { url = (url.indexOf("@") > 0 ? "mailto:" : "https://") + url; }
      replaceSelection(textarea, "[" + text.replace(/[[\]]/g, "") + "](" + url.replace(/[()\s]/g, encodeURIComponent) + ")");
    }, textarea);
  }

  // Footnotes: the form knows the notes `[^N]` refers to where the text stands (data-footnotes)
  // and the next free number; notes written here travel in the hidden `footnotes` field.
  function notesOf(form) {
    if (!form._notes) {
      form._notes = { stored: JSON.parse(form.getAttribute("data-footnotes") || "{}"), touched: {} };
      var hidden = form.querySelector("input[name=footnotes]");
      if (hidden && hidden.value) {
        try { form._notes.touched = JSON.parse(hidden.value); } catch (error) { form._notes.touched = {}; }
      }
    }
    return form._notes;
  }

  function allNotes(form) {
    var notes = notesOf(form), all = {};
    Object.keys(notes.stored).forEach(function (n) { all[n] = notes.stored[n]; });
    Object.keys(notes.touched).forEach(function (n) { all[n] = notes.touched[n]; });
    return all;
  }

  function setNote(form, number, text) {
    var notes = notesOf(form);
    notes.touched[number] = text;
    var hidden = form.querySelector("input[name=footnotes]");
    if (hidden) { hidden.value = JSON.stringify(notes.touched); }
  }

  function noteAtCursor(textarea) {
    var value = textarea.value, at = textarea.selectionStart;
    var pattern = /\[\^(\d{1,4})\]/g, match;
    while ((match = pattern.exec(value))) {
      if (at >= match.index && at <= match.index + match[0].length) { return parseInt(match[1], 10); }
    }
    return null;
  }

  function nextNumber(form) {
    var highest = parseInt(form.getAttribute("data-footnote-next") || "1", 10) - 1;
    Object.keys(allNotes(form)).forEach(function (n) { highest = Math.max(highest, parseInt(n, 10)); });
    form.querySelectorAll("textarea[data-markdown]").forEach(function (area) {
      (area.value.match(/\[\^(\d{1,4})\]/g) || []).forEach(function (ref) {
        highest = Math.max(highest, parseInt(ref.slice(2), 10));
      });
    });
    return highest + 1;
  }

  function footnote(textarea) {
    var form = textarea.form;
    var existing = noteAtCursor(textarea);
    var number = existing || nextNumber(form);
    ask("footnote", { text: existing ? (allNotes(form)[existing] || "") : "" }, function (dialog) {
      var text = field(dialog, "text").value.trim();
      if (!text) { return; }
      setNote(form, number, text);
      if (existing) {
        schedulePreview(textarea);
        keepDraft(form);
      } else {
        var at = textarea.selectionEnd;
        textarea.setSelectionRange(at, at);
        replaceSelection(textarea, "[^" + number + "]");
      }
    }, textarea);
  }

  // -- Toolbar -------------------------------------------------------------------------------

  var TOOLS = [
    { label: "Vet", keys: "Control+B", run: function (t) { wrap(t, "**"); } },
    { label: "Cursief", keys: "Control+I", run: function (t) { wrap(t, "*"); } },
    { label: "Opsomming", keys: "Control+Shift+8", run: toggleList },
    { label: "Koppeling", keys: "Control+K", run: insertLink },
    { label: "Voetnoot", keys: "Control+Shift+F", run: footnote }
  ];

  function toolFor(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) { return null; }
    var key = event.key.toLowerCase();
    if (!event.shiftKey && key === "b") { return TOOLS[0]; }
    if (!event.shiftKey && key === "i") { return TOOLS[1]; }
    if (event.shiftKey && (key === "*" || event.code === "Digit8")) { return TOOLS[2]; }
    if (!event.shiftKey && key === "k") { return TOOLS[3]; }
    if (event.shiftKey && key === "f") { return TOOLS[4]; }
    return null;
  }

  function makeToolbar(textarea) {
    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Opmaak");
    toolbar.setAttribute("aria-controls", textarea.id);
    var buttons = TOOLS.map(function (tool, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = tool.label;
      button.title = tool.label + " (" + tool.keys.replace("Control", "Ctrl") + ")";
      button.setAttribute("aria-keyshortcuts", tool.keys);
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("click", function () { tool.run(textarea); });
      toolbar.appendChild(button);
      return button;
    });
    // One tab stop; the arrow keys move between the buttons (the ARIA toolbar pattern).
    toolbar.addEventListener("keydown", function (event) {
      var index = buttons.indexOf(document.activeElement);
      if (index === -1) { return; }
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) { return; }
      event.preventDefault();
      next = (next + buttons.length) % buttons.length;
      buttons[index].tabIndex = -1;
      buttons[next].tabIndex = 0;
      buttons[next].focus();
    });
    return toolbar;
  }

  // -- Live preview --------------------------------------------------------------------------

  function schedulePreview(textarea) {
    clearTimeout(textarea._previewTimer);
    textarea._previewTimer = setTimeout(function () { preview(textarea); }, PREVIEW_DELAY);
  }

  function preview(textarea) {
    var form = textarea.form, region = textarea._preview;
    if (!region || !window.htmx) { return; }
    window.htmx.ajax("POST", form.getAttribute("data-preview-url"), {
      source: region, target: region.querySelector(".preview-body"), swap: "innerHTML",
      values: { voorbeeld_tekst: textarea.value, voorbeeld_id: textarea.id, voorbeeld_voetnoten: JSON.stringify(allNotes(form)) }
    });
  }

  function makePreview(textarea) {
    var region = document.createElement("div");
    region.className = "editor-preview";
    var label = document.createElement("p");
    label.className = "preview-label";
    label.id = textarea.id + "-voorbeeld";
    label.textContent = "Voorbeeld: zo komt de tekst op de pagina en in de PDF";
    var body = document.createElement("div");
    body.className = "preview-body";
    body.setAttribute("role", "region");
    body.setAttribute("aria-labelledby", label.id);
    body.setAttribute("aria-live", "polite");
    region.appendChild(label);
    region.appendChild(body);
    return region;
  }

  // -- Unsaved text kept in the browser ------------------------------------------------------

  function draftFields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.matches("textarea[data-markdown], input[name=footnotes]");
    });
  }

  function storeKey(form) { return STORE + form.getAttribute("data-draft-key"); }

  function isDirty(form) {
    return draftFields(form).some(function (el) { return el.value !== el.defaultValue; });
  }

  function keepDraft(form) {
    if (!form.hasAttribute("data-draft-key")) { return; }
    var values = {};
    draftFields(form).forEach(function (el) { values[el.name] = el.value; });
    try {
      if (isDirty(form)) { localStorage.setItem(storeKey(form), JSON.stringify(values)); }
      else { localStorage.removeItem(storeKey(form)); }
    } catch (error) { /* private mode or full: the text is still in the textarea */ }
  }

  function forget(key) {
    try { localStorage.removeItem(STORE + key); } catch (error) { /* nothing kept */ }
  }

  function offerRestore(form) {
    var stored;
    try { stored = JSON.parse(localStorage.getItem(storeKey(form)) || "null"); } catch (error) { stored = null; }
    if (!stored) { return; }
    var fields = draftFields(form).filter(function (el) { return el.name in stored && stored[el.name] !== el.value; });
    if (!fields.length) { return; }
    var notice = document.createElement("div");
    notice.className = "draft-restore";
    notice.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = "Niet-opgeslagen tekst herstellen?";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Herstellen";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "secondary";
    discard.textContent = "Weggooien";
    notice.appendChild(text);
    notice.appendChild(restore);
    notice.appendChild(discard);
    form.insertBefore(notice, form.firstChild);
    restore.addEventListener("click", function () {
      fields.forEach(function (el) { el.value = stored[el.name]; });
      form._notes = null;
      notice.remove();
      var area = form.querySelector("textarea[data-markdown]");
      if (area) { area.focus(); schedulePreview(area); }
    });
    discard.addEventListener("click", function () {
      forget(form.getAttribute("data-draft-key"));
      notice.remove();
      var area = form.querySelector("textarea[data-markdown]");
      if (area) { area.focus(); }
    });
  }

  // -- Wiring --------------------------------------------------------------------------------

  function enhance(textarea) {
    if (textarea.hasAttribute("data-enhanced") || !textarea.form) { return; }
    textarea.setAttribute("data-enhanced", "");
    var form = textarea.form;
    textarea.parentNode.insertBefore(makeToolbar(textarea), textarea);
    // With the toolbar there is no syntax to learn: the help says what the buttons do.
    var help = document.getElementById(textarea.id + "_helptext");
    if (help) {
      help.textContent = "Opmaak met de knoppen of sneltoetsen: Ctrl+B vet, Ctrl+I cursief, Ctrl+Shift+8 opsomming, " +
        "Ctrl+K koppeling, Ctrl+Shift+F voetnoot. Plakken uit een tekstverwerker houdt vet, cursief, lijsten en koppelingen.";
    }
    if (form.hasAttribute("data-preview-url")) {
      textarea._preview = makePreview(textarea);
      textarea.parentNode.insertBefore(textarea._preview, textarea.nextSibling);
      preview(textarea);
    }
    textarea.addEventListener("keydown", function (event) {
      var tool = toolFor(event);
      if (tool) { event.preventDefault(); tool.run(textarea); return; }
      if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey) { continueList(textarea, event); }
    });
    textarea.addEventListener("input", function () { schedulePreview(textarea); keepDraft(form); });
    textarea.addEventListener("paste", function (event) {
      var html = event.clipboardData && event.clipboardData.getData("text/html");
      if (!html) { return; }
      event.preventDefault();
      replaceSelection(textarea, htmlToMarkdown(html));
    });
  }

  function setUp(root) {
    root.querySelectorAll("textarea[data-markdown]").forEach(enhance);
    root.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      if (form.hasAttribute("data-draft-watched")) { return; }
      form.setAttribute("data-draft-watched", "");
      offerRestore(form);
      form.addEventListener("submit", function () {
        // A form htmx does not handle leaves the page: the server has the text from here on.
        if (!form.hasAttribute("data-hx-post")) { form._leaving = true; forget(form.getAttribute("data-draft-key")); }
      });
    });
  }

  function presenceInput() { return document.getElementById("aanwezig-blok"); }

  function announcePresence(key) {
    var input = presenceInput();
    if (!input || !window.htmx) { return; }
    input.value = key || "";
    window.htmx.trigger(document.getElementById("aanwezig"), "heartbeat");
  }

  // Editing in place: focus moves into the form when it opens and back to the block after
  // saving or cancelling; the presence heartbeat names the open block.
  document.addEventListener("htmx:load", function (event) {
    var element = event.detail.elt;
    setUp(element);
    if (element.matches && element.matches(".item-form")) {
      var first = element.querySelector("textarea[data-markdown], input:not([type=hidden]), textarea, select");
      if (first) {
        first.focus();
        if (first.matches("textarea")) { first.setSelectionRange(first.value.length, first.value.length); }
      }
      announcePresence(element.getAttribute("data-presence-key"));
    } else if (element.matches && element.matches(".editable[data-return-focus]")) {
      element.removeAttribute("data-return-focus");
      element.focus();
      announcePresence("");
    }
  });

  document.addEventListener("itemSaved", function (event) {
    forget(event.detail.value);
    // A new item saved in place reloads the page at it: its form no longer holds unsaved text.
    document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      if (form.getAttribute("data-draft-key") === event.detail.value) { form._leaving = true; }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) { return; }
    var form = event.target.closest && event.target.closest(".item-form");
    var cancel = form && form.querySelector("a[data-cancel]");
    if (cancel) { event.preventDefault(); cancel.click(); }
  });

  // Other writers at their blocks: the heartbeat's answer lists them (opgaven.presence).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "aanwezig-lijst") { return; }
    var editing = {};
    event.detail.target.querySelectorAll("[data-presence-item]").forEach(function (entry) {
      editing[entry.getAttribute("data-presence-item")] = entry.getAttribute("data-presence-text");
    });
    document.querySelectorAll(".presence-note").forEach(function (note) {
      var text = editing[note.getAttribute("data-presence-for")];
      if ((note.textContent || "") !== (text || "")) { note.textContent = text || ""; }
      note.hidden = !text;
    });
  });

  window.addEventListener("beforeunload", function (event) {
    var dirty = Array.prototype.some.call(document.querySelectorAll("form[data-draft-key]"), function (form) {
      return !form._leaving && isDirty(form);
    });
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  if (document.readyState !== "loading") { setUp(document); }

  window.NetwerkagendaEditor = { htmlToMarkdown: htmlToMarkdown };
})();
