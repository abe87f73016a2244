from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from governance import permissions, services
from governance.access import needs_two_factor
from governance.models import Body, Membership, Organisation, Person, Role, User

DEMO_PASSWORD = "demo-netwerkagenda"
# The demo accounts that must sign in with two factors (beheerder, netwerkoverleg) share this
# authenticator-app key and these recovery codes; both are public (README, "Demo accounts").
DEMO_TOTP_SECRET = "NETWERKAGENDADEMOTOTPGEHEIM23456"
DEMO_RECOVERY_SEED = "netwerkagenda-demo-herstelcodes"

# username, full name, organisation key, (body slug, role) or None, superuser
DEMO_ACCOUNTS = [
    ("beheerder", "Demo Beheerder", "kb", None, True),
    ("netwerkoverleg", "Demo Netwerkoverleg", "vob", ("netwerkoverleg", Role.MEMBER), False),
    ("schrijver", "Demo Schrijver", "stichting-lezen", ("koersgroep-geletterde-samenleving", Role.WRITER), False),
    ("meelezer", "Demo Meelezer", "bibliotheek-eindhoven", ("koersgroep-geletterde-samenleving", Role.READER), False),
    ("kb", "Demo KB-medewerker", "kb", None, False),
    ("spn", "Demo SPN-medewerker", "spn", None, False),
    ("poi", "Demo POI-medewerker", "rijnbrink", None, False),
    ("ob", "Demo OB-medewerker", "bibliotheek-eindhoven", None, False),
    ("extern", "Demo Externe partner", "stichting-lezen", None, False),
]


class Command(BaseCommand):
    help = "Maakt demo-accounts aan, één per rol (alleen voor ontwikkeling)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Ook als DEBUG uit staat")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo-accounts horen niet in productie; gebruik --force als je het zeker weet.")
        with transaction.atomic(), permissions.deferred():
            self.create_accounts()
        with transaction.atomic():
            two_factor = [user for user in User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
                          if needs_two_factor(user)]
            codes = [set_up_demo_two_factor(user) for user in two_factor]
        self.stdout.write(self.style.SUCCESS(
            f"{len(DEMO_ACCOUNTS)} demo-accounts staan klaar (wachtwoord: {DEMO_PASSWORD})."
        ))
        if two_factor:
            names = ", ".join(sorted(user.username for user in two_factor))
            self.stdout.write(
                f"Tweestapsverificatie voor {names}: sleutel voor de authenticator-app {DEMO_TOTP_SECRET}, "
                f"herstelcodes (elk één keer, tot de volgende load_demo_accounts) {' '.join(codes[0][:3])} …"
            )

    def create_accounts(self):
        for username, full_name, org_key, membership, superuser in DEMO_ACCOUNTS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org",
                          "is_staff": superuser, "is_superuser": superuser},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            # Marked as demo: public pages never list these people (Person.objects.public()).
            person, _ = Person.objects.get_or_create(user=user, defaults={"name": full_name, "is_demo": True})
            if not person.is_demo:
                Person.objects.filter(pk=person.pk).update(is_demo=True)
            organisation = Organisation.objects.get(key=org_key)
            services.add_person_organisations(person=person, organisations=[organisation])
            if membership:
                slug, role = membership
                body = Body.objects.get(slug=slug)
                if not Membership.objects.filter(body=body, person=person).exists():
                    services.add_membership(body=body, person=person, role=role, organisation=organisation)


def set_up_demo_two_factor(user) -> list:
    """The published demo key and recovery codes for `user`, all codes unused again; returns the codes."""
    Authenticator.objects.update_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}}
    )
    codes, _ = Authenticator.objects.update_or_create(
        user=user, type=Authenticator.Type.RECOVERY_CODES,
        defaults={"data": {"seed": encrypt(DEMO_RECOVERY_SEED), "used_mask": 0}},
    )
    return RecoveryCodes(codes).generate_codes()
