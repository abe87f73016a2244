from django import template

from governance.notifications.services import unread_count

register = template.Library()


@register.inclusion_tag("governance/notifications/header_link.html", takes_context=True)
def notifications_link(context):
    """The header's link to Meldingen with the unread count (cached: no query on every page)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user) if user is not None and user.is_authenticated else 0
    return {"count": count, "current": request.resolver_match.view_name if request and request.resolver_match else ""}
