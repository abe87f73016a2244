"""Agenda text is Markdown written by users: render it, then let nh3 keep a safe subset.

Every page and the PDF render agenda text here, so it is cleaned once and the same way.
Rendering must never let a text hurt the server: markdown-it-py (CommonMark) parses in
time linear in the text's length and limits nesting, and a text with far more syntax
characters than writing needs is shown as plain text, so that no text costs much more to
show than prose of the same length (`make bench` reports the ratio).
"""

import html
import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "sup", "sub", "code", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}

# `[^N]` refers to footnote N of the chapter. The parser turns it into this marker, which
# nh3 leaves alone; the footnote's own HTML replaces it after sanitising.
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_MARK_OPEN}(\\d+){_MARK_CLOSE}")

# The characters that make the parser do more than copy text, and line breaks, which the
# block rules look at: each costs tens of microseconds where a letter of prose costs a
# tenth of one. A text asking for more of that work than MAX_SYNTAX (or 3 in 200 characters
# of a longer text) is not Markdown anyone writes: the real agenda has 32 in its longest
# text of 2,800 characters. Such a text is shown as plain text, which costs what prose
# costs, so no text can make a page much slower than prose would (`make bench`).
_SYNTAX_CHARACTERS = "[]*_`<>&\\"
MAX_SYNTAX = 500
MAX_SYNTAX_SHARE = 0.015


def syntax_count(text: str) -> int:
    """How much parsing work `text` asks for: its syntax characters plus its lines."""
    return sum(text.count(c) for c in _SYNTAX_CHARACTERS) + text.count("\n")


def syntax_budget(text: str) -> int:
    return max(MAX_SYNTAX, int(MAX_SYNTAX_SHARE * len(text)))


def within_syntax_budget(text: str) -> bool:
    return syntax_count(text) <= syntax_budget(text)


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    """`[^N]` (N up to four digits) becomes a footnote reference, wherever it stands."""
    src, pos = state.src, state.pos
    if not src.startswith("[^", pos):
        return False
    end = pos + 2
    while end < state.posMax and end - pos < 7 and src[end].isdigit() and src[end].isascii():
        end += 1
    if end == pos + 2 or end >= state.posMax or src[end] != "]":
        return False
    if not silent:
        state.push("footnote_ref", "", 0).meta = {"number": int(src[pos + 2:end])}
    state.pos = end + 1
    return True


def _render_footnote_ref(renderer, tokens, idx, options, env):
    return f"{_MARK_OPEN}{tokens[idx].meta['number']}{_MARK_CLOSE}"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "maxNesting": 10})
    # Images are not allowed in agenda text, fenced code never was (Python-Markdown without
    # extensions); the other CommonMark rules are what writers use.
    md.disable(["image", "fence"])
    # Every link is parsed as a link; nh3 then drops a URL outside URL_SCHEMES (javascript:,
    # data:), so the link text stays and the URL is neither linked nor shown.
    md.validateLink = lambda url: True
    md.inline.ruler.before("link", "footnote_ref", _footnote_rule)
    md.add_render_rule("footnote_ref", _render_footnote_ref)
    # Only the characters our rules start on stop the text rule: others are copied at once.
    md.inline.terminator_re = re.compile(r"[\n\\`*_\[\]<&]")
    return md


_md = _parser()


def sanitise(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _as_plain_paragraphs(text: str) -> str:
    """The text as written (footnote references too), escaped, in paragraphs."""
    paragraphs = (p.strip() for p in re.split(r"\n[ \t]*+\n", text))
    escaped = (html.escape(p).replace("\n", "<br>\n") for p in paragraphs if p)
    return "\n".join(f"<p>{p}</p>" for p in escaped)


def to_html(text: str, *, footnote=None, inline: bool = False) -> str:
    """Markdown → sanitised HTML, uncached.

    `footnote(n)` gives the (trusted) HTML for a reference to footnote n; without it
    references are left out, for pages that do not show the footnotes. `inline` leaves out
    the paragraph around a text of one paragraph, for titles and table cells.
    """
    if not text:
        return ""
    if not within_syntax_budget(text):
        # Escaped text in paragraphs is safe as it is; nh3 would only spend time on entities.
        shown = _as_plain_paragraphs(text)
        if inline and "</p>\n<p>" not in shown:
            shown = shown.removeprefix("<p>").removesuffix("</p>")
        return shown
    env = {}
    tokens = _md.parse(text.replace(_MARK_OPEN, "").replace(_MARK_CLOSE, ""), env)
    one_paragraph = (
        len(tokens) == 3 and tokens[0].type == "paragraph_open" and tokens[2].type == "paragraph_close"
    )
    if inline and one_paragraph:
        tokens = tokens[1:2]
    cleaned = sanitise(_md.renderer.render(tokens, _md.options, env)).strip()
    return _MARK.sub(lambda m: footnote(int(m[1])) if footnote else "", cleaned)


def footnote_link(prefix: str):
    """A footnote reference on a page: a link to footnote n in the page's list of notes.

    Only a note's first reference in a text carries the id the note links back to: an id is
    unique in a page, and a text may cite one note twice."""
    cited = set()

    def link(n: int) -> str:
        anchor = "" if n in cited else f' id="{prefix}fnref-{n}"'
        cited.add(n)
        return f'<sup class="fnref"{anchor}><a href="#{prefix}fn-{n}" title="Voetnoot {n}">{n}</a></sup>'

    return link


# The same agenda text is shown on every page view: caching makes a chapter page cheaper.
# It is not what keeps pages fast: rendering any text costs about what prose costs.
@lru_cache(maxsize=4096)
def render_markdown(text: str, *, footnote_prefix: str | None = "", inline: bool = False) -> str:
    """Markdown → sanitised HTML. `[^N]` becomes a link to footnote N on the page
    (ids prefixed by `footnote_prefix`), or is left out when `footnote_prefix` is None."""
    footnote = None if footnote_prefix is None else footnote_link(footnote_prefix)
    return to_html(text, footnote=footnote, inline=inline)


@lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """The text without markup or footnote references, for titles and attributes.

    Not HTML: the template escapes it, once."""
    stripped = nh3.clean(to_html(text or ""), tags=set())
    return html.unescape(stripped).strip()
