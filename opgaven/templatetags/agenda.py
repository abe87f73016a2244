"""How templates show agenda text: always through these three filters, never as it is stored.

- `markdown`: a block of text (paragraphs, lists, quotes).
- `markdown_inline`: the same, without the paragraph around a one-paragraph text, for
  titles, list items and table cells.
- `plaintext`: no markup at all, for link texts, attributes, page titles and snippets.

`[^N]` links to footnote N of the page: `|markdown` to `#fn-N`, `|markdown:"intro-"` to
`#intro-fn-N`. On a page without the chapter's footnotes pass `False`
(`|markdown_inline:False`): the references are left out.
"""

import re

from django import template
from django.utils.safestring import mark_safe

from opgaven import text

register = template.Library()


def _render(value, footnote_prefix, *, inline):
    prefix = None if footnote_prefix is False or footnote_prefix is None else str(footnote_prefix)
    html = text.render_markdown(str(value or ""), footnote_prefix=prefix, inline=inline)
    return mark_safe(html)  # noqa: S308 - sanitised by nh3 in opgaven.text


@register.filter(name="markdown")
def markdown_filter(value, footnote_prefix=""):
    """Render user Markdown as sanitised HTML (nh3 removes anything unsafe)."""
    return _render(value, footnote_prefix, inline=False)


@register.filter
def markdown_inline(value, footnote_prefix=""):
    """Like `markdown`, without the <p> around a text of one paragraph."""
    return _render(value, footnote_prefix, inline=True)


@register.filter
def plaintext(value):
    """The text without markup; the template escapes it (once)."""
    return text.plain(str(value or ""))


_FOOTNOTE_REF_ID = re.compile(r'\sid="([\w-]*fnref-\d+)"')


@register.tag
def footnote_refs_once(parser, token):
    """{% footnote_refs_once %}…{% endfootnote_refs_once %}: a footnote referred to more than once
    keeps its reference id (the target of its "terug" link) on the first reference only, so the
    page's ids stay unique."""
    nodelist = parser.parse(("endfootnote_refs_once",))
    parser.delete_first_token()
    return FootnoteRefsOnceNode(nodelist)


class FootnoteRefsOnceNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        seen = set()

        def first_only(match):
            if match[1] in seen:
                return ""
            seen.add(match[1])
            return match[0]

        return _FOOTNOTE_REF_ID.sub(first_only, self.nodelist.render(context))
