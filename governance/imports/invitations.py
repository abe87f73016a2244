"""Accounts for imported people, with an e-mail that lets them choose a password."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from governance import services
from governance.notifications import kinds
from governance.notifications import services as notifications


def invite_people(people, *, user=None) -> list:
    """Give every person with an e-mail and no account one; mail the link after the commit."""
    User = get_user_model()
    candidates = [p for p in people if p.email and not p.user_id]
    if not candidates:
        return []
    emails = {p.email.casefold() for p in candidates}
    existing = {}
    for account in User.objects.annotate(email_folded=Lower("email")).filter(email_folded__in=emails):
        if not hasattr(account, "person"):
            existing.setdefault(account.email.casefold(), account)
    taken = set(User.objects.annotate(u=Lower("username")).filter(u__in=emails).values_list("u", flat=True))
    invited = []
    for person in candidates:
        account = existing.pop(person.email.casefold(), None)
        if account is None:
            username = person.email.casefold()[:150]
            if username in taken:
                continue
            first, _sep, last = person.name.partition(" ")
            account = User(username=username, email=person.email, first_name=first[:150], last_name=last[:150])
            account.set_unusable_password()
            account.save()
        services.link_account(person=person, user=account, reason=_("Account aangemaakt bij import"))
        invited.append(account)
    transaction.on_commit(lambda: [send_invitation(account) for account in invited])
    return invited


INVITED = "uitnodiging"


def _password_link(notification):
    """Made when the e-mail is written, never stored: it lets its holder choose the password."""
    account = notification.user
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    token = default_token_generator.make_token(account)
    return settings.SITE_URL.rstrip("/") + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})


def register_notification_kind():
    kinds.register(INVITED, _("Een deelnemersimport heeft u uitgenodigd"), link=_password_link)


def send_invitation(account):
    """Through the notifications, like everything the portal tells a person (e-mail at once)."""
    notifications.notify(
        account, INVITED, subject=_("Uitnodiging voor het portaal van de Netwerkagenda"),
        text=render_to_string("governance/import_invitation_email.txt", {"account": account}),
    )
