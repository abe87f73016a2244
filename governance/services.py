"""The one write path for memberships, people's organisations and their accounts.

Rights follow from these facts (governance.permissions), so every change goes through here:
the Django admin, the participant import, the agenda loader, management commands and tests.
Each function re-derives the grants of the accounts it affects in the same transaction; a
bulk caller wraps its work in `permissions.deferred()` to re-derive each account once.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from governance import permissions
from governance.models import ERASED_NAME, Erasure, Membership, Organisation, Person, Role, identity_digests

# `change_membership(organisation=KEEP)`: leave the organisation as it is.
KEEP = object()


def resync_people(*, people=(), user_ids=()):
    """Re-derive the grants of these people's accounts (and of these accounts).

    For writes that a form or a bulk statement made to people, memberships or bodies: the
    admin's change forms and the participant import call it in their transaction."""
    people_ids = [p.pk if isinstance(p, Person) else p for p in people]
    user_ids = {pk for pk in user_ids if pk}
    users = permissions.users_of_people(people_ids)
    if user_ids:
        users = users | get_user_model().objects.filter(pk__in=user_ids)
    permissions.sync_users(users.distinct())


@transaction.atomic
def add_membership(*, body, person, role=Role.MEMBER, organisation=None, reason="") -> Membership:
    membership = Membership(body=body, person=person, role=role, organisation=organisation)
    membership.full_clean()
    if reason:
        membership._change_reason = reason
    membership.save()
    resync_people(people=[person])
    return membership


@transaction.atomic
def change_membership(*, membership, role=None, organisation=KEEP, reason="") -> Membership:
    """A new role (schrijver, meelezer …) and/or the organisation someone speaks for."""
    if role is not None:
        membership.role = role
    if organisation is not KEEP:
        membership.organisation = organisation
    membership.full_clean()
    if reason:
        membership._change_reason = reason
    membership.save()
    resync_people(people=[membership.person_id])
    return membership


@transaction.atomic
def remove_membership(*, membership, reason=""):
    person_id = membership.person_id
    if reason:
        membership._change_reason = reason
    membership.delete()
    resync_people(people=[person_id])


@transaction.atomic
def set_person_organisations(*, person, organisations):
    """Make `organisations` exactly the organisations this person works for."""
    person.organisations.set(organisations)
    resync_people(people=[person])


@transaction.atomic
def add_person_organisations(*, person, organisations):
    person.organisations.add(*organisations)
    resync_people(people=[person])


@transaction.atomic
def remove_person_organisations(*, person, organisations):
    person.organisations.remove(*organisations)
    resync_people(people=[person])


@transaction.atomic
def link_account(*, person, user, reason=""):
    """Give the person this portal account (None: none); both accounts' grants follow."""
    previous = Person.objects.filter(pk=person.pk).values_list("user_id", flat=True).first()
    person.user = user
    if reason:
        person._change_reason = reason
    person.save(update_fields=["user"])
    resync_people(people=[person], user_ids=[previous])


@transaction.atomic
def account_for_verified_email(email: str):
    """The portal account of whoever the participant import knows by this (verified) e-mail
    address, for sign-on with the network's accounts; None for an address nobody has.

    Never a second account: the person's own account, or else the one account with this
    address. A known person without an account gets one, as an import invitation would
    give them (no password: they sign on with the network's account)."""
    User = get_user_model()
    email = (email or "").strip()
    if not email:
        return None
    person = Person.objects.select_related("user").filter(email__iexact=email).first()
    if person is not None and person.user is not None:
        return person.user
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) == 1 and (person is None or not hasattr(accounts[0], "person")):
        account = accounts[0]
    elif person is not None and not accounts:
        username = email.casefold()[:150]
        if User.objects.filter(username__iexact=username).exists():
            return None
        first, _sep, last = person.name.partition(" ")
        account = User(username=username, email=email, first_name=first[:150], last_name=last[:150])
        account.set_unusable_password()
        account.save()
    else:
        return None
    if person is not None:
        link_account(person=person, user=account, reason="Account gekoppeld bij inloggen met netwerkaccount")
    return account


class SelfErasureError(ValueError):
    """An administrator cannot anonymise their own account: they would lock themselves out."""


@transaction.atomic
def anonymise_person(*, person, by=None) -> Erasure:
    """Erase a person at their request (AVG): they leave their bodies and organisations; their
    name and e-mail address make way for ERASED_NAME, in their account too, which can no longer
    sign in. What they wrote stays, attributed to that name. Returns the Erasure (the same one
    when the person was anonymised before).

    The history tables, logs and stored exports across the apps are scrubbed by
    netwerkagenda.privacy.erasure, which calls this first."""
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    existing = Erasure.objects.filter(person=person).first()
    if existing is not None:
        return existing
    user = person.user
    if user is not None and by is not None and user.pk == by.pk:
        raise SelfErasureError("U kunt uw eigen account niet anonimiseren.")
    identities = [person.name, person.email]
    if user is not None:
        identities += [user.email, user.get_full_name()]
    digests = set().union(*(identity_digests(value) for value in identities if value))
    reason = "AVG: geanonimiseerd op verzoek"
    with permissions.deferred():
        for membership in list(person.memberships.all()):
            remove_membership(membership=membership, reason=reason)
        person.organisations.clear()
        person.name, person.email = ERASED_NAME, ""
        person._change_reason = reason
        if by is not None:
            person._history_user = by
        person.save()
        if user is not None:
            _anonymise_account(user)
        erasure = Erasure.objects.create(person=person, erased_by=by, digests=sorted(digests))
        resync_people(people=[person])
    return erasure


def _anonymise_account(user):
    """The account keeps its id (what it wrote points at it) and nothing that names anyone."""
    user.username = f"verwijderd-{user.pk}"
    user.first_name, user.last_name, user.email = ERASED_NAME, "", ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()  # governance.signals ends the sessions of an inactive account
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def delete_person(*, person):
    user_id = person.user_id
    person.delete()
    resync_people(user_ids=[user_id])


def organisation_staff_ids(organisations) -> set:
    """The accounts whose action grants depend on these organisations (collectives included)."""
    return set(permissions.users_of_organisations(organisations).values_list("pk", flat=True))


@transaction.atomic
def save_organisation(*, organisation) -> Organisation:
    """Save an organisation; a new type or collective flag moves its staff's action grants."""
    before = Organisation.objects.filter(pk=organisation.pk).first() if organisation.pk else None
    organisation.full_clean()
    organisation.save()
    if before is None or (before.type, before.collective) != (organisation.type, organisation.collective):
        resync_people(user_ids=organisation_staff_ids([before, organisation] if before else [organisation]))
    return organisation


@transaction.atomic
def delete_organisations(*, organisations):
    organisations = list(organisations)
    affected = organisation_staff_ids(organisations)
    for organisation in organisations:
        organisation.delete()
    resync_people(user_ids=affected)
