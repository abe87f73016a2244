from django import template

from opgaven import editables

register = template.Library()


@register.simple_tag
def edit_url(view, chapter, item_or_kind, year=None):
    """{% edit_url "edit" chapter ambition %} or {% edit_url "create" chapter "actie" year=2021 %}."""
    if isinstance(item_or_kind, str):
        return editables.url_for(view, chapter=chapter, kind=item_or_kind, year=year)
    return editables.url_for_item(view, item_or_kind, chapter)

