"""The writing aid's server side: a live preview and who else is at work (static/js/editor.js).

Both are small POST endpoints for writers of the chapter (opgaven.access.can_edit); the
preview renders through opgaven.text, as the page and the PDF do."""

import re
from types import SimpleNamespace

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from opgaven import access, presence, text
from opgaven.editables import REGISTRY
from opgaven.forms import LONG_TEXT, FootnotesField

ITEM_KEY = re.compile(r"^([a-z]+)-(\d{1,10})$")
PREFIX = re.compile(r"[^a-z0-9_-]")


def _notes(raw):
    try:
        return FootnotesField().clean(raw)
    except Exception:  # noqa: BLE001 (a preview shows what it can; saving validates)
        return {}


@require_POST
@login_required
def preview(request, edition_slug, chapter_slug):
    """The text as the page will show it; footnotes with the numbers the editor gave them."""
    access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    source = request.POST.get("voorbeeld_tekst", "")[:LONG_TEXT]
    # Ids unique on the page even with two editors open: the prefix names the textarea.
    prefix = "voorbeeld-" + PREFIX.sub("", request.POST.get("voorbeeld_id", "").lower())[:60] + "-"
    html = text.to_html(source, footnote=text.footnote_link(prefix))
    notes = _notes(request.POST.get("voorbeeld_voetnoten", ""))
    cited = [int(n) for n in dict.fromkeys(re.findall(r"\[\^(\d{1,4})\]", source))]
    shown = [SimpleNamespace(number=n, text=notes[n], anchor=f"{prefix}fn-{n}", ref_anchor=f"{prefix}fnref-{n}")
             for n in cited if n in notes]
    return render(request, "opgaven/includes/preview.html", {"html": mark_safe(html), "notes": shown})  # noqa: S308


@require_POST
@login_required
def heartbeat(request, edition_slug, chapter_slug):
    """Records that this writer is here (and which block is open); answers who else is."""
    chapter = access.get_chapter_for_edit(request, edition_slug, chapter_slug)
    match = ITEM_KEY.match(request.POST.get("bewerkt", ""))
    if match and match[1] in REGISTRY:
        presence.beat(chapter=chapter, user=request.user, item_key=match[0], item_label=REGISTRY[match[1]].label)
    else:
        presence.beat(chapter=chapter, user=request.user)
    return render(request, "opgaven/includes/presence_list.html",
                  {"present": presence.present(chapter=chapter, exclude=request.user)})


