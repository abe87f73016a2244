"""Agenda text is Markdown written by users: render it, then let nh3 keep a safe subset."""

import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote",
    "h3", "h4", "sup", "sub", "code", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "id"}, "sup": {"id", "class"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto"}

FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


def _footnote_link(prefix):
    def replace(match):
        n = match.group(1)
        return (
            f'<sup class="fnref" id="{prefix}fnref-{n}">'
            f'<a href="#{prefix}fn-{n}" title="Voetnoot {n}">{n}</a></sup>'
        )

    return replace


# Rendering is a pure function of the text, and the same agenda text is shown on every
# page view: caching it makes a chapter page several times cheaper.
@lru_cache(maxsize=8192)
def render_markdown(text: str, *, footnote_prefix: str = "") -> str:
    """Markdown → sanitised HTML. `[^N]` becomes a link to footnote N of the chapter."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    html = FOOTNOTE_REF.sub(_footnote_link(footnote_prefix), html)
    return sanitise(html)


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """The text without any markup, for titles and attributes."""
    return nh3.clean(markdown.markdown(text or ""), tags=set()).strip()
