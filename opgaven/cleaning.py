"""Sanitising agenda text before it is stored.

Text is Markdown that may contain a small subset of HTML. nh3 removes every other tag and
attribute (and the content of script/style) and leaves everything else as the writer typed
it: the stored source is what the edit form shows again, so `&`, `<` and `&lt;` must come
back unchanged, not as entities. Rendering (`opgaven.text`) sanitises again.

nh3 reads its input as HTML, so every `&` is first written as `&amp;`: the parser then sees
the writer's text, entities included, as literal characters, and unescaping its output
gives that text back. Markdown autolinks (`<https://…>`, `<mailto:…>`) look like tags
to an HTML parser; they are protected the same way."""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote", "sup", "sub", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Possessive quantifiers: each pattern reads any run of characters once (no backtracking).
_AUTOLINK = re.compile(r"<(?=(?:https?|mailto):[^\s<>\"']*+>)", re.IGNORECASE)
# Markdown links and images to script URLs: rendering drops them anyway; do not keep them.
_SCRIPT_LINK = re.compile(r"(\]\(\s*+<?+)\s*+(?:javascript|vbscript|data)\s*+:", re.IGNORECASE)


def clean_source(value: str) -> str:
    if not value:
        return value
    protected = _AUTOLINK.sub("&lt;", value.replace("&", "&amp;"))
    cleaned = nh3.clean(
        protected,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    cleaned = html.unescape(cleaned)
    return _SCRIPT_LINK.sub(r"\1#", cleaned).strip()
