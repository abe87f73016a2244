"""`{% page_url number %}`: this page's address with another page (`?pagina=`) of its list. The
other parameters of the request (filters, a chosen year, `versie`) stay, so no view has to pass
them along (the request context processor gives the request)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number):
    query = context["request"].GET.copy()
    query["pagina"] = number
    return f"?{query.urlencode()}"
