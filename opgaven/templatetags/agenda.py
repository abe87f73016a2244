from django import template
from django.utils.safestring import mark_safe

from opgaven import text

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value, footnote_prefix=""):
    """Render user Markdown as sanitised HTML (nh3 removes anything unsafe)."""
    return mark_safe(text.render_markdown(value, footnote_prefix=footnote_prefix))  # noqa: S308


@register.filter
def plaintext(value):
    return text.plain(value)
