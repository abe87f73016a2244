"""Every URL × every persona → the expected status; never a 500.

Rows build their own objects per persona (a fresh ambition to delete, a fresh chapter to
move through its states), so one persona's allowed write never changes the next one's."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db

LOGIN = "login"  # redirected to a login page


def expect(default, **overrides):
    return {p: overrides.get(p, default) for p in PERSONAS}


def everyone(status):
    return expect(status)


def logged_in(status):
    return expect(status, anonymous=LOGIN)


def only(status, *allowed):
    return {p: status if p in allowed else (LOGIN if p == "anonymous" else 403) for p in PERSONAS}


WRITERS = ("writer", "admin")
OVERLEG = ("netwerkoverleg", "admin")
# `advisor` is a schrijver in a reflectiegroep linked to the chapter: advisory bodies comment, never edit.
COMMENTERS = ("writer", "reader", "advisor", "netwerkoverleg", "admin")


@dataclass
class Row:
    name: str
    url: Callable  # world -> url (may create what it needs)
    expected: dict
    method: str = "get"
    data: Callable = lambda w: {}
    headers: Callable | None = None  # (world, persona) -> request headers, e.g. an API key


def chapter_url(name, *args):
    return lambda w: reverse(f"opgaven:{name}", args=[w.edition.slug, w.chapter.slug, *args])


def item_url(view, kind, make, **extra):
    def build(w):
        item = make(w)
        w.last_item = item
        kwargs = {"edition_slug": w.edition.slug, "chapter_slug": w.chapter.slug, "kind": kind, "pk": item.pk, **extra}
        if kind in ("actie", "succescriterium"):
            kwargs["year"] = item.jaarprogramma.year
            return reverse(f"opgaven:programme_item_{view}", kwargs=kwargs)
        return reverse(f"opgaven:item_{view}", kwargs=kwargs)
    return build


def ambition(w):
    return f.AmbitionFactory(chapter=w.chapter, text="Ambitie.")


def programme(w):
    return f.JaarprogrammaFactory._meta.model.objects.get_or_create(chapter=w.chapter, year=2021)[0]


def action(w):
    item = f.ActionFactory(jaarprogramma=programme(w))
    f.ActionCarrierFactory(action=item, organisation=w.kb)
    w.last_item = item
    return item


def edited_ambition(w):
    item = ambition(w)
    item.text = "Gewijzigd."
    item.version = 2
    item.save()
    return item


def restore_url(w):
    item = edited_ambition(w)
    first = item.history.order_by("history_date").first()
    return reverse("opgaven:item_restore", args=[w.edition.slug, w.chapter.slug, "ambitie", item.pk, first.history_id])


def _criterion_restore_url(w):
    item = f.SuccessCriterionFactory(jaarprogramma=programme(w), text="Eerst.")
    item.text = "Later."
    item.save()
    first = item.history.order_by("history_date").first()
    return reverse("opgaven:programme_item_restore",
                   args=[w.edition.slug, w.chapter.slug, 2021, "succescriterium", item.pk, first.history_id])


def _export_job(w):
    from opgaven.models import ExportJob

    return ExportJob.objects.create(edition=w.edition, year=2021, requested_by=w["admin"])


def _criterion_mark_url(w):
    w.last_item = f.SuccessCriterionFactory(jaarprogramma=programme(w))
    return reverse("monitoring:mark_criterion", args=[w.last_item.pk])


def _route(w):
    from opgaven.models import RouteStep

    if not RouteStep.objects.filter(edition=w.edition).exists():
        vob = f.OrganisationFactory._meta.model.objects.get(key="vob")
        f.build_route(w.edition, netwerkoverleg=w.netwerkoverleg, organisations=[vob, w.spn, w.kb],
                      ratifier=f.BodyFactory(slug="bestuurlijk-overleg", kind="bestuurlijk-overleg"))
    return RouteStep.objects.filter(edition=w.edition).order_by("position")


def _front_matter_adopted(w):
    from django.utils import timezone

    from opgaven import publication

    publication.ensure_front_matter_published(w.edition, timezone.now())
    return True


def fresh_chapter_route_url(w):
    """A fresh chapter of the koersgroep, up for offering."""
    _route(w)
    chapter = f.ChapterFactory(edition=w.edition)
    chapter.koersgroepen.add(w.koersgroep)
    return reverse("opgaven:chapter_route", args=[w.edition.slug, chapter.slug])


def offer_data(w):
    step = _route(w).first()
    return {"step": step.pk, f"stap-{step.pk}-text": "Aangeboden.", f"stap-{step.pk}-date": "2021-01-15"}


def offered_chapter_route_url(w):
    """A fresh chapter of the koersgroep, offered and past its feedback round: up for establishing."""
    from opgaven import signoff

    steps = list(_route(w))
    chapter = f.ChapterFactory(edition=w.edition)
    chapter.koersgroepen.add(w.koersgroep)
    for step in steps[:2]:
        signoff.take_step(subject=chapter, step=step, user=w["admin"])
    w.establish_step = steps[2]
    return reverse("opgaven:chapter_route", args=[w.edition.slug, chapter.slug])


def establish_data(w):
    step = w.establish_step
    return {"step": step.pk, f"stap-{step.pk}-outcome": "aangenomen", f"stap-{step.pk}-date": "2021-02-20"}


def meeting_url(public=True, document=False):
    """A fresh meeting of the netwerkoverleg (with a document), public or for its members."""
    def build(w):
        from django.core.files.base import ContentFile

        from governance.models import Meeting, MeetingDocument

        meeting = Meeting.objects.create(body=w.netwerkoverleg, date="2022-03-14", title="Netwerkoverleg",
                                         is_public=public, agenda="Opening", minutes="Het *verslag*.")
        item = MeetingDocument.objects.create(meeting=meeting, title="Stukken",
                                              file=ContentFile(b"stukken", name="stukken.pdf"))
        return item.get_absolute_url() if document else meeting.get_absolute_url()
    return build


def action_page_url(w):
    """The page of an established action: one world.chapter's established copy holds (the leak
    test's), else published_action's."""
    from django.contrib.auth.models import AnonymousUser

    from opgaven import publication

    shown = publication.read(AnonymousUser(), w.chapter)
    for programme in shown.jaarprogrammas.all() if shown else []:
        for item in programme.actions.all():
            return item.get_page_url()
    return published_action(w).get_page_url()


def indicator_url(w):
    return reverse("monitoring:indicator_detail", args=[f.IndicatorFactory(edition=w.edition, owner=w.kb).pk])


def comment_handle_url(w):
    comment = w.chapter.comments.create(author=w["reader"], text="Vraag.")
    return reverse("opgaven:comment_handle", args=[w.edition.slug, w.chapter.slug, comment.pk])


def figure_block(w):
    from opgaven.models import Block

    return Block.objects.create(section=f.SectionFactory(chapter=w.chapter), kind="figuur", figure_layout="stappen",
                                figure_description="Drie stappen.")


def suggestion_url(w, name=None):
    """A fresh proposal by the advisor on a fresh ambition (each persona decides its own)."""
    from opgaven import suggestions

    item = ambition(w)
    suggestion = suggestions.propose(item=item, author=w["advisor"], proposed={"text": "Voorgesteld."})
    if name is None:
        return reverse("opgaven:suggestion_detail", args=[w.edition.slug, w.chapter.slug, suggestion.pk])
    return reverse(f"opgaven:{name}", args=[w.edition.slug, w.chapter.slug, suggestion.pk])


def published_action(w):
    """An action of world.other_chapter as established, carried by the KB (made once per world)."""
    if not hasattr(w, "published_action"):
        item = f.ActionFactory(jaarprogramma=f.JaarprogrammaFactory(chapter=w.other_chapter, year=2021))
        f.ActionCarrierFactory(action=item, organisation=w.kb)
        f.establish(w.other_chapter)
        w.published_action = item
    return w.published_action


def indicator(w):
    if not hasattr(w, "indicator"):
        w.indicator = f.IndicatorFactory(edition=w.edition, chapter=w.chapter)
    return w.indicator


def owned_indicator(w):
    """An indicator the KB owns: its staff (kb_staff, and other_writer who works there) record
    measurements, the staff of other organisations do not."""
    if not hasattr(w, "owned_indicator"):
        w.owned_indicator = f.IndicatorFactory(edition=w.edition, chapter=w.chapter, owner=w.kb)
    return w.owned_indicator


def api_key(w, persona):
    """The persona's personal API key in the Authorization header (none for anonymous)."""
    from opendata import tokens

    if w[persona] is None:
        return {}
    return {"Authorization": f"Token {tokens.create_token(user=w[persona], name='matrix')[1]}"}


def public_pdf(w, chapter=None):
    """A stored public PDF, as establishing leaves it (rendering is off in the tests)."""
    from django.core.files.base import ContentFile

    from opgaven.models import ExportJob, ExportKind, ExportStatus

    job = ExportJob(kind=ExportKind.CHAPTER if chapter else ExportKind.AGENDA, edition=w.edition, year=2021,
                    chapter=chapter, status=ExportStatus.DONE)
    job.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=True)
    args = [w.edition.slug, chapter.slug, 2021] if chapter else [w.edition.slug, 2021]
    return reverse("chapter_pdf" if chapter else "agenda_pdf", args=args)


def token_revoke_url(w):
    from opendata import tokens

    token, _key = tokens.create_token(user=w["kb_staff"], name="matrix")
    return reverse("token_revoke", args=[token.pk])


def decision(w):
    from opgaven.models import Decision

    return Decision.objects.create(edition=w.edition, chapter=w.chapter, body=w.netwerkoverleg, text="Vastgesteld.")


def _person(w):
    """A fresh person for each persona: one of them may anonymise it."""
    return f.PersonFactory(name="Persoon voor de AVG").pk


def api(name, *args):
    return lambda w: reverse(f"api:{name}", args=[arg(w) if callable(arg) else arg for arg in args])


REPORTERS = ("kb_staff", "other_writer", "admin")  # staff of the KB, which carries the action



def notification_read_url(w):
    from governance.notifications.models import Notification

    notification = Notification.objects.create(user=w["kb_staff"], kind="uitnodiging", subject="Melding")
    return reverse("governance:notification_read", args=[notification.pk])


def unsubscribe_url(w):
    from governance.notifications.services import unsubscribe_token

    return reverse("governance:notification_unsubscribe", args=[unsubscribe_token(w["kb_staff"], "uitnodiging")])



def round_create_url(w):
    return reverse("feedback:round_create_chapter", args=[w.edition.slug, w.chapter.slug])


def feedback_round(w, new=False):
    """A round on world.chapter for the reflectiegroep, opened by its writer (one per persona when `new`)."""
    import datetime

    from feedback.services import open_round

    if new or not hasattr(w, "feedback_round"):
        w.feedback_round = open_round(user=w["writer"], edition=w.edition, chapter=w.chapter, title="Ronde",
                                      closes_on=datetime.date(2099, 1, 1), bodies=[w.reflectiegroep])
    return w.feedback_round


def closed_round(w):
    from feedback.services import close_round

    if not hasattr(w, "closed_round"):
        w.closed_round = close_round(round=feedback_round(w, new=True))
    return w.closed_round


def feedback_item(w):
    from feedback.items import items_of

    return items_of(feedback_round(w))[0].key


def remark_url(w, name):
    """A fresh remark by the advisor, so every persona answers version 1."""
    from feedback.services import add_remark

    remark = add_remark(round=feedback_round(w), user=w["advisor"], item_key=feedback_item(w), text="Reactie.")
    return reverse(f"feedback:{name}", args=[remark.round_id, remark.pk])


def outsiders_key(w):
    """The security key of an account none of the personas is."""
    from allauth.mfa.models import Authenticator

    from tests.accounts.webauthn import add_key

    key = Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN, user__username="sleutelhouder").first()
    if key is None:
        add_key(f.UserFactory(username="sleutelhouder"))
        key = Authenticator.objects.get(type=Authenticator.Type.WEBAUTHN, user__username="sleutelhouder")
    return key.pk


ROWS = [
    # Public reading
    Row("home", lambda w: reverse("opgaven:home"), everyone(200)),
    Row("chapter", lambda w: w.chapter.get_absolute_url(), everyone(200)),
    Row("unknown chapter", lambda w: reverse("opgaven:chapter_detail", args=[w.edition.slug, "bestaat-niet"]),
        everyone(404)),
    Row("participants", lambda w: reverse("opgaven:participants"), everyone(200)),
    Row("organisations", lambda w: reverse("governance:organisation_list"), everyone(200)),
    Row("organisation", lambda w: reverse("governance:organisation_detail", args=[w.kb.key]), everyone(200)),
    Row("bodies", lambda w: reverse("governance:body_list"), everyone(200)),
    Row("body", lambda w: reverse("governance:body_detail", args=[w.koersgroep.slug]), everyone(200)),
    # Accounts
    Row("login", lambda w: reverse("login"), everyone(200)),
    Row("logout", lambda w: reverse("logout"), everyone(302), method="post"),
    Row("password reset", lambda w: reverse("password_reset"), everyone(200)),
    Row("password reset done", lambda w: reverse("password_reset_done"), everyone(200)),
    Row("password reset bad link", lambda w: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        everyone(200)),
    Row("password reset complete", lambda w: reverse("password_reset_complete"), everyone(200)),
    Row("password change", lambda w: reverse("password_change"), logged_in(200)),
    Row("login, after an expired sign-in step", lambda w: reverse("account_login"), everyone(302)),
    Row("confirm password", lambda w: reverse("account_reauthenticate"), logged_in(200)),
    # Two-factor sign-in: the personas have not set up an authenticator app
    Row("two-factor", lambda w: reverse("mfa_index"), logged_in(200)),
    Row("two-factor code, without a password first", lambda w: reverse("mfa_authenticate"), everyone(302)),
    Row("two-factor confirm", lambda w: reverse("mfa_reauthenticate"), logged_in(302)),
    Row("two-factor app set-up", lambda w: reverse("mfa_activate_totp"), logged_in(302)),  # password first
    Row("two-factor app off", lambda w: reverse("mfa_deactivate_totp"), logged_in(404)),
    Row("recovery codes", lambda w: reverse("mfa_view_recovery_codes"), logged_in(404)),
    Row("recovery codes new", lambda w: reverse("mfa_generate_recovery_codes"), logged_in(302), "post"),
    Row("recovery codes download", lambda w: reverse("mfa_download_recovery_codes"), logged_in(404)),
    # Security keys (tests/accounts/test_security_keys.py signs in with one): adding, renaming and
    # removing ask to confirm first; the list is the overview's.
    Row("security keys", lambda w: reverse("mfa_list_webauthn"), everyone(302)),
    Row("security key add", lambda w: reverse("mfa_add_webauthn"), logged_in(302)),
    Row("security key confirm", lambda w: reverse("mfa_reauthenticate_webauthn"), logged_in(302)),  # none added
    Row("security key rename", lambda w: reverse("mfa_edit_webauthn", args=[outsiders_key(w)]), logged_in(302)),
    Row("security key remove", lambda w: reverse("mfa_remove_webauthn", args=[outsiders_key(w)]), logged_in(302)),
    # Sign-on with the network's accounts: not configured here (tests/accounts/test_network_sign_on.py is)
    Row("network sign-on", lambda w: reverse("openid_connect_login", args=["netwerk"]), everyone(404)),
    Row("network sign-on callback", lambda w: reverse("openid_connect_callback", args=["netwerk"]), everyone(404)),
    Row("network sign-on cancelled", lambda w: reverse("socialaccount_login_cancelled"), everyone(200)),
    Row("network sign-on failed", lambda w: reverse("socialaccount_login_error"), everyone(401)),
    # Editing a chapter
    Row("chapter edit", chapter_url("chapter_edit"), only(200, *WRITERS)),
    Row("chapter edit, unknown chapter",
        lambda w: reverse("opgaven:chapter_edit", args=[w.edition.slug, "bestaat-niet"]), logged_in(404)),
    Row("ambition create form", chapter_url("item_create", "ambitie"), only(200, *WRITERS)),
    Row("ambition create", chapter_url("item_create", "ambitie"), only(302, *WRITERS), "post",
        lambda w: {"text": "Nieuw."}),
    Row("unknown kind", chapter_url("item_create", "onzin"), {**only(404, *WRITERS)}),
    Row("ambition edit form", item_url("edit", "ambitie", ambition), only(200, *WRITERS)),
    Row("ambition edit", item_url("edit", "ambitie", ambition), only(302, *WRITERS), "post",
        lambda w: {"text": "Bewerkt.", "version": 1}),
    Row("ambition of another chapter",
        item_url("edit", "ambitie", lambda w: f.AmbitionFactory(chapter=w.other_chapter)),
        only(404, *WRITERS)),
    Row("ambition delete form", item_url("delete", "ambitie", ambition), only(200, *WRITERS)),
    Row("ambition delete", item_url("delete", "ambitie", ambition), only(302, *WRITERS), "post"),
    Row("ambition move", item_url("move", "ambitie", ambition), only(302, *WRITERS), "post",
        lambda w: {"direction": "up"}),
    Row("ambition move by GET", item_url("move", "ambitie", ambition), expect(405)),
    Row("ambition history", item_url("history", "ambitie", edited_ambition), only(200, *WRITERS)),
    # Editing in place: without htmx "show" leads back to the draft page at the item.
    Row("ambition in place", item_url("show", "ambitie", ambition), only(302, *WRITERS)),
    Row("ambition in place (htmx)", item_url("show", "ambitie", ambition), only(200, *WRITERS),
        headers=lambda w, persona: {"HX-Request": "true"}),
    Row("edit preview", chapter_url("chapter_preview"), only(200, *WRITERS), "post",
        lambda w: {"voorbeeld_tekst": "**Vet**[^1]", "voorbeeld_voetnoten": '{"1": "Noot."}'}),
    Row("edit preview by GET", chapter_url("chapter_preview"), expect(405)),
    Row("edit presence", chapter_url("chapter_presence"), only(200, *WRITERS), "post",
        lambda w: {"bewerkt": "ambitie-1"}),
    Row("edit presence by GET", chapter_url("chapter_presence"), expect(405)),
    Row("ambition restore", restore_url, only(302, *WRITERS), "post"),
    Row("section edit form", item_url("edit", "paragraaf", lambda w: f.SectionFactory(chapter=w.chapter)),
        only(200, *WRITERS)),
    Row("contribution edit form", item_url("edit", "bijdrage", lambda w: f.ContributionFactory(chapter=w.chapter)),
        only(200, *WRITERS)),
    # Jaarprogramma
    Row("action create form",
        lambda w: programme(w) and reverse("opgaven:programme_item_create",
                                           args=[w.edition.slug, w.chapter.slug, 2021, "actie"]),
        only(200, *WRITERS)),
    # The netwerkoverleg or the writers open the next year; once it exists it cannot be opened again.
    Row("new jaarprogramma form", lambda w: reverse("jaarprogramma:jaarprogramma_create",
                                                     args=[w.edition.slug, w.chapter.slug]),
        only(200, *WRITERS, "netwerkoverleg")),
    Row("new jaarprogramma", lambda w: reverse("jaarprogramma:jaarprogramma_create",
                                                args=[w.edition.slug, w.chapter.slug]),
        {**only(302, "writer"), "netwerkoverleg": 422, "admin": 422}, "post", lambda w: {"year": 2023}),
    Row("year on year", lambda w: reverse("jaarprogramma:year_on_year", args=[w.edition.slug, w.chapter.slug]),
        everyone(200)),
    Row("action create, no such year",
        lambda w: reverse("opgaven:programme_item_create", args=[w.edition.slug, w.chapter.slug, 1999, "actie"]),
        only(404, *WRITERS)),
    Row("action edit form", item_url("edit", "actie", action), only(200, *WRITERS)),
    Row("action delete", item_url("delete", "actie", action), only(302, *WRITERS), "post"),
    Row("action move", item_url("move", "actie", action), only(302, *WRITERS), "post", lambda w: {"direction": "down"}),
    Row("action history", item_url("history", "actie", action), only(200, *WRITERS)),
    Row("action in place", item_url("show", "actie", action), only(302, *WRITERS)),
    Row("criterion restore", lambda w: _criterion_restore_url(w), only(302, *WRITERS), "post"),
    Row("criterion edit form", item_url("edit", "succescriterium",
                                        lambda w: f.SuccessCriterionFactory(jaarprogramma=programme(w))),
        only(200, *WRITERS)),
    # Review
    # Members of the chapter's bodies and the netwerkoverleg comment; other logged-in users don't.
    Row("comments", chapter_url("chapter_comments"), only(200, *COMMENTERS)),
    Row("comment", chapter_url("chapter_comments"), only(302, *COMMENTERS), "post", lambda w: {"text": "Goed stuk."}),
    # Suggestions: whoever comments proposes new text; the writers accept or decline it
    Row("suggestions", chapter_url("suggestion_list"), only(200, *COMMENTERS)),
    Row("suggestion form", item_url("suggest", "ambitie", ambition), only(200, *COMMENTERS)),
    Row("suggestion form, action", item_url("suggest", "actie", action), only(200, *COMMENTERS)),
    Row("suggestion form, figure block", item_url("suggest", "blok", figure_block), only(404, *COMMENTERS)),
    Row("suggestion", item_url("suggest", "ambitie", ambition), only(302, *COMMENTERS), "post",
        lambda w: {"text": "Een betere ambitie.", "version": 1}),
    Row("suggestion detail", suggestion_url, only(200, *COMMENTERS)),
    Row("suggestion accept", lambda w: suggestion_url(w, "suggestion_accept"), only(302, *WRITERS), "post"),
    Row("suggestion decline", lambda w: suggestion_url(w, "suggestion_decline"), only(302, *WRITERS), "post",
        lambda w: {"reason": "Past niet bij de ambitie."}),
    Row("comment handle form", comment_handle_url, only(200, *WRITERS)),
    Row("comment handle", comment_handle_url, only(302, *WRITERS), "post",
        lambda w: {"reply": "Verwerkt.", "version": 1}),
    # Sign-off route: whoever reads the draft sees it; each step only its own body
    Row("route page", chapter_url("chapter_route"), only(200, *WRITERS, "reader", "netwerkoverleg", "advisor")),
    Row("route: offer", fresh_chapter_route_url, only(302, *WRITERS), "post", offer_data),
    Row("route: establish", offered_chapter_route_url, only(302, *OVERLEG), "post", establish_data),
    Row("edition page", lambda w: reverse("opgaven:edition_detail", args=[w.edition.slug]), everyone(200)),
    # The motto, introduction and manifest are the netwerkoverleg's to write and take through the route
    Row("front matter edit", lambda w: reverse("opgaven:front_matter_edit", args=[w.edition.slug]),
        only(200, *OVERLEG)),
    Row("front matter item",
        lambda w: reverse("opgaven:front_matter_item", args=[w.edition.slug, "motto", w.edition.pk]),
        only(200, *OVERLEG)),
    Row("front matter item save", lambda w: reverse("opgaven:front_matter_item",
                                                    args=[w.edition.slug, "motto", w.edition.pk]),
        {**only(302, *OVERLEG), "admin": 409}, "post", lambda w: {"motto": "Ons motto.", "version": 1}),
    Row("front matter route", lambda w: _route(w) and reverse("opgaven:front_matter_route", args=[w.edition.slug]),
        only(200, *OVERLEG)),
    Row("changes page", chapter_url("chapter_changes"), everyone(200)),
    Row("front matter changes", lambda w: _front_matter_adopted(w) and reverse(
        "opgaven:front_matter_changes", args=[w.edition.slug]), everyone(200)),
    Row("decisions", lambda w: reverse("opgaven:decision_list"), everyone(200)),
    # Meetings: public ones for everyone, the others for the members of their body (and administrators)
    Row("meeting", meeting_url(), everyone(200)),
    Row("meeting document", meeting_url(document=True), everyone(200)),
    Row("meeting, not public", meeting_url(public=False),
        {**expect(404, anonymous=LOGIN), "netwerkoverleg": 200, "admin": 200}),
    Row("meeting document, not public", meeting_url(public=False, document=True),
        {**expect(404, anonymous=LOGIN), "netwerkoverleg": 200, "admin": 200}),
    # PDF export (netwerkoverleg through its group; administrators)
    Row("export list", lambda w: reverse("opgaven:export_list"), only(200, *OVERLEG)),
    Row("export status", lambda w: reverse("opgaven:export_status", args=[_export_job(w).pk]), only(200, *OVERLEG)),
    Row("export requeue, unknown job", lambda w: reverse("opgaven:export_requeue", args=[999999]),
        only(404, *OVERLEG), "post"),
    Row("export download, not ready", lambda w: reverse("opgaven:export_download", args=[_export_job(w).pk]),
        only(404, *OVERLEG)),
    # Participant lists (administrators)
    Row("participant import", lambda w: reverse("governance:participant_import"), only(200, "admin")),
    Row("participant import preview, unknown upload",
        lambda w: reverse("governance:participant_import_preview", args=["onbekend"]), only(404, "admin")),
    Row("participant export", lambda w: reverse("governance:participant_export", args=["csv"]), only(200, "admin")),
    Row("participant export, unknown format",
        lambda w: reverse("governance:participant_export", args=["exe"]), only(404, "admin")),
    # Monitoring: dashboards for the netwerkoverleg, progress for carriers, a public cockpit
    *[Row(f"dashboard {name}", lambda w, name=name: reverse(f"monitoring:{name}"), only(200, *OVERLEG))
      for name in ["dashboard", "organisations", "matrix", "indicators", "actions", "success_criteria", "report",
                   "period_create"]],
    Row("dashboard export", lambda w: reverse("monitoring:export_actions", args=["xlsx"]), only(200, *OVERLEG)),
    Row("dashboard export, unknown format", lambda w: reverse("monitoring:export_actions", args=["exe"]),
        only(404, *OVERLEG)),
    Row("progress report pdf", lambda w: reverse("monitoring:report_pdf"), only(302, *OVERLEG), "post"),
    Row("success criterion mark", lambda w: _criterion_mark_url(w), only(302, *OVERLEG), "post",
        lambda w: {f"sc-{w.last_item.pk}-met": "ja"}),
    Row("progress updates", lambda w: reverse("monitoring:action_progress", args=[action(w).pk]),
        only(200, "kb_staff", "other_writer", "netwerkoverleg", "admin")),
    Row("progress update", lambda w: reverse("monitoring:action_progress", args=[action(w).pk]),
        only(302, "kb_staff", "other_writer", "admin"), "post",
        lambda w: {"carrier": w.last_item.carriers.get().pk, "date": "2021-06-01", "text": "Gestart."}),
    Row("my actions", lambda w: reverse("monitoring:my_actions"), logged_in(200)),
    # An action's own page: public once established (the leak test reads it as a public page).
    Row("action page", action_page_url, everyone(200)),
    # Measurements: the staff of the indicator's owner (KB: kb_staff, and other_writer who works
    # there) and the netwerkoverleg enter them.
    Row("indicator", indicator_url, only(200, "kb_staff", "other_writer", "netwerkoverleg", "admin")),
    Row("indicator measurement", indicator_url, only(302, "kb_staff", "other_writer", "netwerkoverleg", "admin"),
        "post",
        lambda w: {"date": "2021-12-31", "value": "4.5", "source": "Bibliotheekmonitor"}),
    Row("cockpit", lambda w: reverse("monitoring:cockpit"), everyone(200)),
    Row("health", lambda w: reverse("health"), everyone(200)),
    Row("accessibility statement", lambda w: reverse("accessibility_statement"), everyone(200)),
    Row("colofon", lambda w: reverse("colofon"), everyone(200)),
    # Search, public documents, the public API and feeds (issue 14). The search asks for the draft
    # marker in lower case: only draft readers may get a hit, which shows it as written.
    Row("search", lambda w: reverse("zoeken:search"), everyone(200), data=lambda w: {"q": "matrixconceptx"}),
    Row("agenda pdf", lambda w: public_pdf(w), everyone(200)),
    Row("chapter pdf", lambda w: public_pdf(w, w.chapter), everyone(200)),
    Row("chapter pdf, never rendered",
        lambda w: reverse("chapter_pdf", args=[w.edition.slug, w.chapter.slug, 1999]), everyone(404)),
    Row("public actions csv", lambda w: reverse("monitoring:public_actions", args=["csv"]), everyone(200)),
    Row("api editions", api("edition-list"), everyone(200)),
    Row("api edition", api("edition-detail", lambda w: w.edition.slug), everyone(200)),
    Row("api chapters", api("chapter-list"), everyone(200)),
    Row("api chapter", api("chapter-detail", lambda w: w.chapter.pk), everyone(200)),
    Row("api programmes", api("programme-list"), everyone(200)),
    Row("api programme", api("programme-detail", lambda w: published_action(w).jaarprogramma_id), everyone(200)),
    Row("api actions", api("action-list"), everyone(200)),
    Row("api action", api("action-detail", lambda w: published_action(w).pk), everyone(200)),
    Row("api action, not established", api("action-detail", lambda w: action(w).pk), everyone(404)),
    Row("api action updates", api("action-updates", lambda w: published_action(w).pk), everyone(200)),
    Row("api progress update with a key", api("action-updates", lambda w: published_action(w).pk),
        {**only(201, *REPORTERS), "anonymous": 401}, "post",
        lambda w: {"organisation": "kb", "date": "2021-06-01", "text": "Gemeld via de API."}, headers=api_key),
    Row("api updates", api("update-list"), everyone(200)),
    Row("api indicators", api("indicator-list"), everyone(200)),
    Row("api indicator", api("indicator-detail", lambda w: indicator(w).pk), everyone(200)),
    Row("api measurement with a key", api("indicator-measurements", lambda w: indicator(w).pk),
        {**only(201, *OVERLEG), "anonymous": 401}, "post",
        lambda w: {"date": "2022-01-01", "value": "5", "source": "Monitor"}, headers=api_key),
    Row("api measurement with a key, an owned indicator",
        api("indicator-measurements", lambda w: owned_indicator(w).pk),
        {**only(201, "kb_staff", "other_writer", *OVERLEG), "anonymous": 401}, "post",
        lambda w: {"date": "2022-01-01", "value": "6", "source": "Monitor"}, headers=api_key),
    Row("api bodies", api("body-list"), everyone(200)),
    Row("api body", api("body-detail", lambda w: w.koersgroep.slug), everyone(200)),
    Row("api organisations", api("organisation-list"), everyone(200)),
    Row("api organisation", api("organisation-detail", lambda w: w.kb.key), everyone(200)),
    Row("api decisions", api("decision-list"), everyone(200)),
    Row("api decision", api("decision-detail", lambda w: decision(w).pk), everyone(200)),
    Row("api unknown address", api("not_found", "bestaat-niet/"), everyone(404)),
    Row("api schema", lambda w: reverse("api_schema"), everyone(200)),
    Row("api docs", lambda w: reverse("api_docs"), everyone(200)),
    Row("profile", lambda w: reverse("profile"), logged_in(200)),
    Row("profile: new key", lambda w: reverse("profile"), logged_in(200), "post", lambda w: {"name": "Planning"}),
    Row("profile: revoke a key", token_revoke_url, {**logged_in(404), "kb_staff": 302}, "post"),
    Row("feed of establishments", lambda w: reverse("feed_established"), everyone(200)),
    Row("feed of decisions", lambda w: reverse("feed_decisions"), everyone(200)),
    Row("feed of a chapter's progress", lambda w: reverse("feed_chapter_updates", args=[w.chapter.pk]),
        everyone(200)),
    Row("feed of an organisation's progress", lambda w: reverse("feed_organisation_updates", args=[w.kb.key]),
        everyone(200)),
    Row("password change done", lambda w: reverse("password_change_done"), logged_in(200)),
    # Meldingen: everyone signed in has their own; an unsubscribe link works for whoever holds it
    Row("notifications", lambda w: reverse("governance:notification_list"), logged_in(200)),
    Row("notification read", notification_read_url, {**logged_in(404), "kb_staff": 302}, "post"),
    Row("notifications all read", lambda w: reverse("governance:notification_read_all"), logged_in(302), "post"),
    Row("notification preferences", lambda w: reverse("governance:notification_preferences"), logged_in(200)),
    Row("notification unsubscribe", unsubscribe_url, everyone(200)),
    # Reactierondes: the chapter's writers open and answer; invited bodies (the reflectiegroep) comment
    Row("feedback rounds", lambda w: reverse("feedback:round_list"), logged_in(200)),
    Row("feedback open remarks", lambda w: reverse("feedback:open_feedback"), logged_in(200)),
    Row("feedback round form", round_create_url, only(200, "writer", "netwerkoverleg", "admin")),
    Row("feedback round form, whole agenda", lambda w: reverse("feedback:round_create", args=[w.edition.slug]),
        only(200, "netwerkoverleg", "admin")),
    Row("feedback round open", round_create_url, only(302, "writer", "netwerkoverleg", "admin"), "post",
        lambda w: {"title": "Ronde", "closes_on": "2099-01-01", "bodies": [w.reflectiegroep.pk]}),
    Row("feedback round", lambda w: reverse("feedback:round_detail", args=[feedback_round(w).pk]),
        {**logged_in(404), **{p: 200 for p in ("writer", "advisor", "netwerkoverleg", "admin")}}),
    Row("feedback remark", lambda w: reverse("feedback:remark_create", args=[feedback_round(w).pk]),
        {**logged_in(404), **{p: 302 for p in ("writer", "advisor", "admin")}, "netwerkoverleg": 403}, "post",
        lambda w: {"item": feedback_item(w), "text": "Reactie."}),
    Row("feedback answer form", lambda w: remark_url(w, "remark_answer"),
        {**logged_in(404), "writer": 200, "admin": 200, "advisor": 403, "netwerkoverleg": 403}),
    Row("feedback answer", lambda w: remark_url(w, "remark_answer"),
        {**logged_in(404), "writer": 302, "admin": 302, "advisor": 403, "netwerkoverleg": 403}, "post",
        lambda w: {"resolution": "niet", "reply": "Nee.", "version": 1}),
    Row("feedback thread", lambda w: remark_url(w, "remark_message"),
        {**logged_in(404), "writer": 302, "admin": 302, "advisor": 302, "netwerkoverleg": 403}, "post",
        lambda w: {"text": "Bericht."}),
    Row("feedback close", lambda w: reverse("feedback:round_close", args=[feedback_round(w, new=True).pk]),
        {**logged_in(404), "writer": 302, "netwerkoverleg": 302, "admin": 302, "advisor": 403}, "post"),
    Row("reactienota", lambda w: reverse("feedback:reactienota", args=[feedback_round(w).pk]),
        {**logged_in(404), **{p: 200 for p in ("writer", "advisor", "netwerkoverleg", "admin")}}),
    Row("reactienota xlsx", lambda w: reverse("feedback:reactienota_xlsx", args=[feedback_round(w).pk]),
        {**logged_in(404), **{p: 200 for p in ("writer", "advisor", "netwerkoverleg", "admin")}}),
    Row("reactienota pdf", lambda w: reverse("feedback:reactienota_pdf", args=[closed_round(w).pk]),
        {**logged_in(404), **{p: 202 for p in ("writer", "advisor", "netwerkoverleg", "admin")}}),
    # Administration
    Row("admin", lambda w: reverse("admin:index"), expect(LOGIN, admin=200)),
    Row("admin chapters", lambda w: reverse("admin:opgaven_chapter_changelist"), expect(LOGIN, admin=200)),
    Row("admin memberships", lambda w: reverse("admin:governance_membership_changelist"), expect(LOGIN, admin=200)),
    Row("audit log", lambda w: reverse("audit:log"), only(200, "admin")),
    Row("audit log filtered", lambda w: reverse("audit:log") + "?soort=aangemeld&van=2021-01-01", only(200, "admin")),
    Row("admin audit log", lambda w: reverse("admin:audit_auditentry_changelist"), expect(LOGIN, admin=302)),
    # Privacy (AVG): the statement for everyone; inzage and anonymising for administrators
    Row("privacy statement", lambda w: reverse("privacy:statement"), everyone(200)),
    Row("person inzage", lambda w: reverse("privacy:person_inzage", args=[_person(w)]), only(200, "admin")),
    Row("person inzage json", lambda w: reverse("privacy:person_inzage_json", args=[_person(w)]), only(200, "admin")),
    Row("person anonymise form", lambda w: reverse("privacy:person_anonymise", args=[_person(w)]),
        only(200, "admin")),
    Row("person anonymise", lambda w: reverse("privacy:person_anonymise", args=[_person(w)]), only(302, "admin"),
        "post"),
]


# Who reads world.chapter's draft; everyone else must never get a byte of it.
DRAFT_READERS = COMMENTERS  # whoever may comment on the chapter reads its draft
DRAFT_MARKER, ESTABLISHED_MARKER = "MATRIXCONCEPTX", "MATRIXVASTGESTELDX"


@pytest.fixture
def drafted(world):
    """world.chapter established with one ambition, and a draft ambition added since."""
    f.SectionFactory(chapter=world.chapter, aspects=["context", "ambitie"])
    f.AmbitionFactory(chapter=world.chapter, text=ESTABLISHED_MARKER)
    f.establish(world.chapter)
    f.AmbitionFactory(chapter=world.chapter, text=DRAFT_MARKER)
    return world


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_permission_matrix(row, drafted, client_for):
    world = drafted
    failures = []
    for persona in PERSONAS:
        client = client_for(persona)
        url = row.url(world)
        headers = row.headers(world, persona) if row.headers else {}
        response = getattr(client, row.method)(url, row.data(world), headers=headers)
        expected = row.expected[persona]
        if expected == LOGIN:
            ok = response.status_code == 302 and "login" in response["Location"]
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{persona}: {row.method.upper()} {url} → {response.status_code}, expected {expected}")
        assert response.status_code != 500
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and "text/html" in content_type:
            assert "unsafe-inline" not in response["Content-Security-Policy"]
        if response.status_code in (200, 201) and not response.streaming and any(
                kind in content_type for kind in ("text/html", "json", "atom", "text/csv")):
            html = response.content.decode()
            if persona not in DRAFT_READERS and DRAFT_MARKER in html:
                failures.append(f"{persona}: {url} shows the draft")
            if row.name == "chapter" and ESTABLISHED_MARKER not in html:
                failures.append(f"{persona}: {url} misses the established text")
    assert not failures, "\n".join(failures)


def test_the_matrix_covers_every_url_of_the_portal(world):
    """A new URL must get a row here, with its expected status for every persona."""
    from django.urls import URLPattern, URLResolver, get_resolver, resolve

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":  # Django's own; three rows sample it
                    continue
                yield from names(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield namespace + pattern.name

    covered = {resolve(row.url(world)).view_name for row in ROWS}
    assert set(names(get_resolver())) - covered == set()


# -- the sign-off route's later steps (issue 10) ------------------------------------------------
# An organisation's akkoord is given by whoever represents it in the netwerkoverleg (the persona
# `netwerkoverleg` represents the VOB; `spn_rep` and `kb_rep` SPN and the KB); the bekrachtiging by
# the members of the bestuurlijk overleg (`ocw`). Their staff, the writers and the other
# representatives are outsiders to that step.
REPRESENTATIVES = ["spn_rep", "kb_rep", "ocw"]


@pytest.fixture
def representatives(world):
    from governance import permissions
    from governance.models import Body, Role

    _route(world)
    bestuurlijk = Body.objects.get(slug="bestuurlijk-overleg")
    users = {}
    for name, body, org in [("spn_rep", world.netwerkoverleg, world.spn), ("kb_rep", world.netwerkoverleg, world.kb),
                            ("ocw", bestuurlijk, None)]:
        users[name] = f.UserFactory(username=name)
        person = f.PersonFactory(user=users[name], organisations=[org] if org else [])
        f.MembershipFactory(body=body, person=person, role=Role.MEMBER, organisation=org)
    permissions.sync_all()
    return users


def chapter_before_step(step_name):
    """A fresh chapter of the koersgroep, taken (by an administrator) through every step before
    `step_name`: that step is its turn."""
    def build(w):
        from opgaven import signoff

        steps = list(_route(w))
        target = next(step for step in steps if step.name == step_name)
        chapter = f.ChapterFactory(edition=w.edition)
        chapter.koersgroepen.add(w.koersgroep)
        for step in steps:
            if step.position < target.position:  # the other akkoorden stay open beside it
                signoff.take_step(subject=chapter, step=step, user=w["admin"])
        w.route_step, w.route_chapter = target, chapter
        return reverse("opgaven:chapter_route", args=[w.edition.slug, chapter.slug])
    return build


def step_data(w):
    step = w.route_step
    return {"step": step.pk, f"stap-{step.pk}-outcome": "aangenomen", f"stap-{step.pk}-date": "2021-03-01"}


def takers(*allowed):
    return {**only(302, "admin", *allowed), **{name: 302 if name in allowed else 403 for name in REPRESENTATIVES}}


ROUTE_ROWS = [
    Row("route: akkoord VOB", chapter_before_step("Akkoord VOB"), takers("netwerkoverleg"), "post", step_data),
    Row("route: akkoord SPN", chapter_before_step("Akkoord SPN"), takers("spn_rep"), "post", step_data),
    Row("route: akkoord KB", chapter_before_step("Akkoord KB"), takers("kb_rep"), "post", step_data),
    Row("route: bekrachtiging", chapter_before_step("Bestuurlijk overleg bekrachtigt"), takers("ocw"), "post",
        step_data),
]


@pytest.mark.parametrize("row", ROUTE_ROWS, ids=[row.name for row in ROUTE_ROWS])
def test_route_step_matrix(row, world, representatives, client):
    from opgaven.models import Decision

    failures = []
    for persona in [*PERSONAS, *REPRESENTATIVES]:
        client.logout()
        user = representatives.get(persona) or world[persona]
        if user is not None:
            client.force_login(user)
        url = row.url(world)
        response = client.post(url, row.data(world))
        expected = row.expected[persona]
        if expected == LOGIN:
            ok = response.status_code == 302 and "login" in response["Location"]
        else:
            ok = response.status_code == expected
        recorded = Decision.objects.filter(chapter=world.route_chapter, step=world.route_step).exists()
        if not ok or recorded != (expected == 302):
            failures.append(f"{persona}: POST {url} → {response.status_code}, expected {expected}; "
                            f"decision recorded: {recorded}")
    assert not failures, "\n".join(failures)
