"""Sanitising agenda text before it is stored.

Text is Markdown that may contain a small subset of HTML. nh3 removes every other tag and
attribute (and the content of script/style). nh3 also escapes the characters Markdown
needs ('>' for quotes, '&'), so those are restored afterwards; '<' stays escaped unless it
cannot open a tag, so unescaping can never bring a tag back."""

import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote", "sup", "sub", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}

_HARMLESS_LT = re.compile(r"&lt;(?=[\s\d=<]|$)")
# Markdown links and images to script URLs: rendering drops them anyway; do not keep them.
_SCRIPT_LINK = re.compile(r"(\]\(\s*<?)\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def clean_source(value: str) -> str:
    if not value:
        return value
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    cleaned = cleaned.replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    cleaned = _HARMLESS_LT.sub("<", cleaned)
    cleaned = _SCRIPT_LINK.sub(r"\1#", cleaned)
    return cleaned.replace("&amp;", "&").strip()
