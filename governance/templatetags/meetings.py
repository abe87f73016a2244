from django import template

from governance.access import can_view_meeting

register = template.Library()


@register.filter
def visible_to(meeting, user):
    """`{% if meeting|visible_to:request.user %}`: may this user open the meeting's page (a link
    only where it leads somewhere)."""
    return meeting is not None and can_view_meeting(user, meeting)
