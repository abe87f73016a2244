"""Differences between two texts, word by word: as segments, rendered, and merged.

Used by the item history (opgaven.history), the changes page (opgaven.changes), suggestions
(opgaven.suggestions) and the edit-conflict page. A word is what stands between spaces; the
space after it goes with it, so a text comes back exactly as written.

`render` shows a difference as the page shows the text (opgaven.text: Markdown rendered,
sanitised), with each inserted and deleted word in <ins>/<del> and a visually hidden
"toegevoegd:"/"verwijderd:" for screen readers. It marks the words in the source with
private-use characters, renders the marked source once and turns the marks into elements,
so markup (bold, lists, links) stays what it was and no raw Markdown shows."""

import difflib
import re

import nh3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from opgaven import text

# SequenceMatcher takes time up to the product of the lengths it compares (seconds for two
# long texts of repeated words): past this many word pairs the changed middle is shown whole.
MAX_DIFF_PAIRS = 250_000

_WORD = re.compile(r"\s*\S+\s*|\s+")
# Marks around inserted and deleted words while the text is rendered (never in agenda text:
# they are removed from it first).
INS_OPEN, INS_CLOSE, DEL_OPEN, DEL_CLOSE = "\ue010", "\ue011", "\ue012", "\ue013"
_MARKS = re.compile("[\ue010-\ue013]")
# A word that starts a block (list item, quote, heading) only counts as syntax at the start of
# a line: a mark before it would turn the list into a paragraph.
_BLOCK_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)]|>+|#{1,6})")


def words(value) -> list[str]:
    """The words of a text, each with the spaces around it; "".join(words(t)) == t."""
    return _WORD.findall(str(value or ""))


def _key(word):
    return word.strip()


def opcodes(old_words, new_words):
    """Common start and end first (linear); the middle word by word only when it is small."""
    old_keys, new_keys = [_key(w) for w in old_words], [_key(w) for w in new_words]
    start = 0
    while start < min(len(old_keys), len(new_keys)) and old_keys[start] == new_keys[start]:
        start += 1
    end = 0
    while (end < min(len(old_keys), len(new_keys)) - start
           and old_keys[-1 - end] == new_keys[-1 - end]):
        end += 1
    old_mid, new_mid = old_keys[start:len(old_keys) - end], new_keys[start:len(new_keys) - end]
    if start:
        yield "equal", 0, start, 0, start
    if len(old_mid) * len(new_mid) <= MAX_DIFF_PAIRS:
        matcher = difflib.SequenceMatcher(a=old_mid, b=new_mid, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            yield op, a1 + start, a2 + start, b1 + start, b2 + start
    elif old_mid or new_mid:
        yield "replace", start, start + len(old_mid), start, start + len(new_mid)
    if end:
        yield "equal", len(old_keys) - end, len(old_keys), len(new_keys) - end, len(new_keys)


def word_diff(old, new):
    """[(op, text)] with op "equal", "insert" or "delete"; words joined by single spaces."""
    old_words, new_words = [_key(w) for w in words(old)], [_key(w) for w in words(new)]
    old_words, new_words = [w for w in old_words if w], [w for w in new_words if w]
    segments = []
    for op, a1, a2, b1, b2 in opcodes(old_words, new_words):
        if op == "equal":
            segments.append(("equal", " ".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", " ".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(("insert", " ".join(new_words[b1:b2])))
    return segments


def _marked(word, opening, closing, at_line_start):
    """The word between marks, its spaces outside them (a mark never spans a paragraph)."""
    core = word.strip()
    if not core:
        return word
    lead, trail = word[: len(word) - len(word.lstrip())], word[len(word.rstrip()):]
    if at_line_start and _BLOCK_MARKER.fullmatch(core):
        return word if opening == INS_OPEN else lead + trail
    return f"{lead}{opening}{core}{closing}{trail}"


def marked_source(old, new, *, show=("delete", "insert")):
    """The new text with the old text's deleted words put back, every changed word marked.

    `show` leaves out one side: ("insert",) is the new text with its additions marked,
    ("delete",) the old text with what was removed marked."""
    old_words = words(_MARKS.sub("", str(old or "")))
    new_words = words(_MARKS.sub("", str(new or "")))
    out = []

    def line_start():
        return not out or "\n" in out[-1][len(out[-1].rstrip()):] or not out[-1].strip()

    for op, a1, a2, b1, b2 in opcodes(old_words, new_words):
        if op == "equal":
            out.extend(new_words[b1:b2] if "insert" in show else old_words[a1:a2])
            continue
        if op in ("delete", "replace") and "delete" in show:
            # Shown beside the new text, removed words follow its lines and paragraphs.
            removed = old_words[a1:a2] if "insert" not in show else [w.rstrip() + " " for w in old_words[a1:a2]]
            out.extend(_marked(w, DEL_OPEN, DEL_CLOSE, line_start()) for w in removed)
        if op in ("insert", "replace") and "insert" in show:
            out.extend(_marked(w, INS_OPEN, INS_CLOSE, line_start()) for w in new_words[b1:b2])
    return "".join(out)


_JOIN_INS = re.compile(f"{INS_CLOSE}(\\s*){INS_OPEN}")
_JOIN_DEL = re.compile(f"{DEL_CLOSE}(\\s*){DEL_OPEN}")
_TAGS = text.ALLOWED_TAGS | {"ins", "del", "span"}
_ATTRIBUTES = {**text.ALLOWED_ATTRIBUTES, "span": {"class"}, "sup": {"class"}}


def _footnote(number):
    return f'<sup class="fnref">{number}</sup>'


def render(old, new, *, show=("delete", "insert"), inline=False):
    """The difference as the page shows the text: Markdown rendered, words marked (safe HTML)."""
    source = marked_source(old, new, show=show)
    # Neighbouring changed words are one change: one <ins>, one announcement.
    source = _JOIN_DEL.sub(r"\1", _JOIN_INS.sub(r"\1", source))
    html = text.to_html(source, footnote=_footnote, inline=inline)
    html = (html.replace(INS_OPEN, f'<ins><span class="visually-hidden">{_("toegevoegd:")} </span>')
            .replace(INS_CLOSE, "</ins>")
            .replace(DEL_OPEN, f'<del><span class="visually-hidden">{_("verwijderd:")} </span>')
            .replace(DEL_CLOSE, "</del>"))
    # A change inside bold or a link can close after it: the HTML parser puts the elements
    # back in order (the result is well formed), and nh3 keeps only what text.py allows.
    return mark_safe(nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES,  # noqa: S308 - nh3
                               url_schemes=text.URL_SCHEMES, link_rel="noopener noreferrer"))


def merge(base, mine, theirs):
    """A three-way merge of two edits of `base`, word by word: (text, conflicts).

    Where only one side changed a passage, its change is taken; where both changed the same
    passage differently, the writer's own text (`mine`) stands and `conflicts` counts it."""
    base_w, mine_w, theirs_w = words(base), words(mine), words(theirs)
    if max(len(mine_w), len(theirs_w)) * len(base_w) > 4 * MAX_DIFF_PAIRS:
        return str(mine or ""), 1
    out, conflicts = [], 0
    ib = im = it = 0
    for zb, ze, mb, me, tb, te in _sync_regions(base_w, mine_w, theirs_w):
        base_chunk, mine_chunk, theirs_chunk = base_w[ib:zb], mine_w[im:mb], theirs_w[it:tb]
        if mine_chunk or theirs_chunk:
            keys = [[_key(w) for w in c] for c in (base_chunk, mine_chunk, theirs_chunk)]
            if keys[1] == keys[2] or keys[2] == keys[0]:
                out.extend(mine_chunk)
            elif keys[1] == keys[0]:
                out.extend(theirs_chunk)
            else:
                out.extend(mine_chunk)
                conflicts += 1
        out.extend(mine_w[mb:me])
        ib, im, it = ze, me, te
    return "".join(out), conflicts


def _sync_regions(base, a, b):
    """Stretches of `base` that both `a` and `b` kept (bzr's merge3), with an empty one at the end."""
    keys = [[_key(w) for w in s] for s in (base, a, b)]
    a_matches = difflib.SequenceMatcher(None, keys[0], keys[1], autojunk=False).get_matching_blocks()
    b_matches = difflib.SequenceMatcher(None, keys[0], keys[2], autojunk=False).get_matching_blocks()
    ia = ib = 0
    regions = []
    while ia < len(a_matches) and ib < len(b_matches):
        a_base, a_start, a_len = a_matches[ia]
        b_base, b_start, b_len = b_matches[ib]
        start, end = max(a_base, b_base), min(a_base + a_len, b_base + b_len)
        if start < end:
            regions.append((start, end, a_start + start - a_base, a_start + end - a_base,
                            b_start + start - b_base, b_start + end - b_base))
        if a_base + a_len < b_base + b_len:
            ia += 1
        else:
            ib += 1
    regions.append((len(base), len(base), len(a), len(a), len(b), len(b)))
    return regions
