"""What the audit log listens to: Django's sign-in signals and a failed second step
(netwerkagenda.accounts.signals), changes to memberships, accounts, groups and grants, and the
signals the apps send for imports, exports and decisions.

Connected in AuditConfig.ready. Each handler writes in the transaction of the fact it logs,
so a change that rolls back leaves no entry claiming it happened."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from governance.models import Membership
from governance.permissions import NETWERKOVERLEG_GROUP, grants_changed
from governance.signals import participants_imported
from netwerkagenda.accounts.signals import second_factor_failed
from opgaven.models import ExportStatus
from opgaven.signals import chapter_established, export_finished, export_requested
from opgaven.signoff import step_taken

from .log import REQUEST, entry, name_of, record, record_many
from .models import Kind

User = get_user_model()
FLAGS = {"is_active": ("actief", "niet actief"), "is_staff": ("beheerder", "geen beheerder"),
         "is_superuser": ("superbeheerder", "geen superbeheerder")}


def connect():
    uid = "audit.receivers."
    user_logged_in.connect(signed_in, dispatch_uid=uid + "signed_in")
    user_logged_out.connect(signed_out, dispatch_uid=uid + "signed_out")
    user_login_failed.connect(signin_failed, dispatch_uid=uid + "signin_failed")
    second_factor_failed.connect(second_step_failed, dispatch_uid=uid + "second_step_failed")
    pre_save.connect(remember_membership, sender=Membership, dispatch_uid=uid + "remember_membership")
    post_save.connect(membership_saved, sender=Membership, dispatch_uid=uid + "membership_saved")
    post_delete.connect(membership_deleted, sender=Membership, dispatch_uid=uid + "membership_deleted")
    pre_save.connect(remember_account, sender=User, dispatch_uid=uid + "remember_account")
    post_save.connect(account_saved, sender=User, dispatch_uid=uid + "account_saved")
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(links_changed, sender=through, dispatch_uid=uid + "links." + through._meta.label)
    grants_changed.connect(grants_derived, dispatch_uid=uid + "grants_derived")
    participants_imported.connect(imported, dispatch_uid=uid + "imported")
    export_requested.connect(export_asked, dispatch_uid=uid + "export_asked")
    export_finished.connect(export_done, dispatch_uid=uid + "export_done")
    chapter_established.connect(established, dispatch_uid=uid + "established")
    step_taken.connect(decided, dispatch_uid=uid + "decided")


# -- signing in ------------------------------------------------------------------------------

def signed_in(sender, request, user, **kwargs):
    # The backend tells a password from a second factor's or the network's sign-on.
    record(Kind.SIGNED_IN, "Aangemeld", actor=user, request=request,
           details={"backend": getattr(user, "backend", "")})


def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.SIGNED_OUT, "Afgemeld", actor=user, request=request)


def signin_failed(sender, credentials, request=None, **kwargs):
    """Who was tried is what the form said; nobody is the actor (it may not be them)."""
    tried = str(credentials.get("username") or credentials.get("email") or "")
    refused = bool(request is not None and getattr(request, "axes_locked_out", False))
    description = f"Aanmelding mislukt als ‘{tried}’" if tried else "Aanmelding mislukt"
    if refused:
        description += " (geweigerd: wachttijd na eerdere mislukte pogingen)"
    record(Kind.SIGNIN_FAILED, description, actor=None, target=tried, request=request,
           details={"wachttijd": refused})


def second_step_failed(sender, request, user, method, refused=False, reauthentication=False, **kwargs):
    """The password was right, the second step was not: a failed sign-in as that account, like a
    wrong password (nobody is the actor: whoever knows the password may not be them)."""
    tried = user.get_username()
    what = "onjuiste code" if method == "code" else "beveiligingssleutel niet aanvaard"
    when = "bij het opnieuw bevestigen van de tweede stap" if reauthentication else "bij de tweede stap"
    description = f"Aanmelding mislukt als ‘{tried}’: {what} {when}"
    if refused:
        description = f"Aanmelding mislukt als ‘{tried}’ {when} (geweigerd: te veel onjuiste pogingen)"
    record(Kind.SIGNIN_FAILED, description, actor=None, target=tried, request=request,
           details={"tweede_stap": method, "wachttijd": refused, "opnieuw_bevestigen": reauthentication})


# -- memberships -----------------------------------------------------------------------------

def _membership_state(membership):
    return {"rol": membership.get_role_display(), "namens": str(membership.organisation or "")}


def remember_membership(sender, instance, raw=False, **kwargs):
    before = None
    if instance.pk and not raw:
        before = Membership.objects.filter(pk=instance.pk).select_related("organisation", "person", "body").first()
    instance._audit_before = before


def membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    now = _membership_state(instance)
    person, body = instance.person, instance.body
    if created or before is None:
        description = f"{person} lid van {body} als {now['rol'].lower()}"
    elif (before.person_id, before.body_id) != (instance.person_id, instance.body_id):
        description = f"Lidmaatschap {before.person} in {before.body} wordt {person} in {body} ({now['rol'].lower()})"
    else:
        was = _membership_state(before)
        if was == now:
            return
        changes = [f"{label} {was[key] or '–'} → {now[key] or '–'}" for key, label in
                   (("rol", "rol"), ("namens", "namens")) if was[key] != now[key]]
        description = f"{person} in {body}: " + "; ".join(changes)
    record(Kind.MEMBERSHIP, description, target=str(person), details={"lidmaatschap": instance.pk, **now})


def membership_deleted(sender, instance, **kwargs):
    record(Kind.MEMBERSHIP, f"{instance.person} geen lid meer van {instance.body}", target=str(instance.person),
           details={"lidmaatschap": instance.pk, **_membership_state(instance)})


# -- accounts, groups and grants -------------------------------------------------------------

def remember_account(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._audit_flags = None
    if raw or not instance.pk or (update_fields is not None and not set(update_fields) & set(FLAGS)):
        return
    instance._audit_flags = User.objects.filter(pk=instance.pk).values(*FLAGS).first()


def account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    flags = {name: getattr(instance, name) for name in FLAGS}
    if created:
        shown = [FLAGS[name][0] for name, on in flags.items() if on and name != "is_active"]
        record(Kind.RIGHTS, "Account aangemaakt" + (f" ({', '.join(shown)})" if shown else ""),
               target=name_of(instance), details={"account": instance.pk, **flags})
        return
    before = getattr(instance, "_audit_flags", None)
    if not before:
        return
    changed = [FLAGS[name][0 if flags[name] else 1] for name in FLAGS if before[name] != flags[name]]
    if changed:
        record(Kind.RIGHTS, f"Account {name_of(instance)}: " + ", ".join(changed), target=name_of(instance),
               details={"account": instance.pk, **flags})


def _link_table(sender):
    """(owner model, owner column, linked model, linked column, what a link is) of one table."""
    if sender is User.groups.through:
        return User, "user_id", Group, "group_id", "groep"
    if sender is User.user_permissions.through:
        return User, "user_id", Permission, "permission_id", "recht"
    return Group, "group_id", Permission, "permission_id", "recht"


def _existing_links(sender, instance, reverse, pk_set):
    owner, owner_col, _linked, linked_col, _word = _link_table(sender)
    rows = sender.objects.filter(**{linked_col if reverse else owner_col: instance.pk})
    if pk_set is not None:
        rows = rows.filter(**{f"{owner_col if reverse else linked_col}__in": pk_set})
    return list(rows.values_list(owner_col, linked_col))


def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    """Groups and permissions given to or taken from accounts and groups (the admin's forms,
    commands), from either side. Only links that really disappeared are logged: Django announces
    the removal of links that may not exist. The netwerkoverleg group that memberships give is
    logged with the derived grants (grants_derived)."""
    stash = f"_audit_removed_{sender._meta.db_table}"
    if action in ("pre_remove", "pre_clear"):
        setattr(instance, stash, _existing_links(sender, instance, reverse, pk_set))
        return
    if action == "post_add":
        pairs = [(pk, instance.pk) if reverse else (instance.pk, pk) for pk in pk_set or ()]
        verb = "erbij"
    elif action in ("post_remove", "post_clear"):
        pairs = getattr(instance, stash, [])
        setattr(instance, stash, [])
        verb = "eraf"
    else:
        return
    if not pairs:
        return
    owner, _owner_col, linked, _linked_col, word = _link_table(sender)
    owners = owner.objects.in_bulk({o for o, _ in pairs})
    linked_query = linked.objects.select_related("content_type") if linked is Permission else linked.objects
    targets = linked_query.in_bulk({t for _, t in pairs})
    for owner_pk in sorted({o for o, _ in pairs}):
        names = sorted(_link_name(targets.get(t)) for o, t in pairs if o == owner_pk)
        who = owners.get(owner_pk)
        label = f"Account {name_of(who)}" if owner is User else f"Groep {who}"
        plural = "groepen" if word == "groep" else "rechten"
        record(Kind.RIGHTS, f"{label}: {plural if len(names) > 1 else word} {', '.join(names)} {verb}",
               target=name_of(who) if owner is User else str(who), details={verb: names})


def _link_name(obj):
    if isinstance(obj, Permission):
        return f"{obj.content_type.app_label}.{obj.codename}"
    return str(obj)


def grants_derived(sender, changes, **kwargs):
    """Object grants and the netwerkoverleg group that followed from memberships and
    organisations (governance.permissions): one entry per account, in one statement."""
    names = _grant_names([grant for change in changes for grant in change.added + change.removed])
    made = []
    for change in changes:
        described = {verb: [names[grant] for grant in grants]
                     for verb, grants in (("erbij", change.added), ("eraf", change.removed)) if grants}
        parts = [f"{len(found)} {verb}" for verb, found in described.items()]
        if change.joined_group or change.left_group:
            parts.append(f"groep {NETWERKOVERLEG_GROUP} {'erbij' if change.joined_group else 'eraf'}")
        who = name_of(change.user)
        made.append(entry(Kind.RIGHTS, f"Afgeleide rechten van {who}: " + ", ".join(parts), target=who,
                          details=described))
    record_many(made)


def _grant_names(grants):
    """{(model, codename, object id): "codename op <object>"}, one query per kind of object."""
    by_model = {}
    for model, _codename, obj_id in grants:
        by_model.setdefault(model, set()).add(obj_id)
    objects = {model: model._base_manager.in_bulk(ids) for model, ids in by_model.items()}
    names = {}
    for model, codename, obj_id in grants:
        found = objects[model].get(obj_id)
        names[(model, codename, obj_id)] = f"{codename} op {found or f'{model._meta.verbose_name} {obj_id}'}"
    return names


# -- imports, exports, decisions -------------------------------------------------------------

def imported(sender, result, user, edition, filename, **kwargs):
    plan = result.plan
    counts = {"nieuw": len(plan.new), "gewijzigd": len(plan.changed), "ongewijzigd": len(plan.unchanged),
              "lidmaatschappen erbij": len(plan.memberships_added),
              "lidmaatschappen gewijzigd": len(plan.memberships_changed),
              "lidmaatschappen eraf": len(plan.memberships_removed),
              "nieuwe organisaties": len(result.created_organisations), "uitnodigingen": len(result.invited)}
    if not any(n for what, n in counts.items() if what != "ongewijzigd"):
        return  # an import that changed nothing (the loader run again) is no event
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    record(Kind.IMPORT, f"Deelnemerslijst geïmporteerd{f' ({filename})' if filename else ''}: {summary}",
           actor=user if user is not None else REQUEST, target=str(edition or ""),
           details={"bestand": filename, **counts})


def _export_subject(job):
    parts = [job.get_kind_display(), str(job.edition), str(job.year)]
    if job.chapter_id:
        parts.append(str(job.chapter))
    return " – ".join(parts)


def export_asked(sender, job, **kwargs):
    # Without an account the portal asked itself (the public PDFs after an establishment,
    # which is logged itself): nobody exported anything.
    if job.requested_by_id is None:
        return
    record(Kind.EXPORT, f"PDF-export aangevraagd: {_export_subject(job)}", actor=job.requested_by,
           target=_export_subject(job), details={"export": job.pk})


def export_done(sender, job, **kwargs):
    if job.requested_by_id is None:
        return
    outcome = "klaar" if job.status == ExportStatus.DONE else f"mislukt ({job.error})"
    record(Kind.EXPORT, f"PDF-export {outcome}: {_export_subject(job)}", actor=job.requested_by,
           target=_export_subject(job), details={"export": job.pk, "status": job.status})


def downloaded(request, response):
    """A file a signed-in account downloaded (called by the middleware)."""
    disposition = response.get("Content-Disposition", "")
    filename = disposition.split("filename=", 1)[-1].strip('"') if "filename=" in disposition else ""
    path = request.get_full_path()[:300]
    record(Kind.EXPORT, f"Bestand gedownload: {filename or path}", request=request, target=path,
           details={"bestand": filename, "pad": path})


def established(sender, chapter, publication, **kwargs):
    record(Kind.ESTABLISHED, f"{chapter} ({chapter.edition}) vastgesteld: de vastgestelde versie is nu openbaar",
           target=str(chapter), details={"hoofdstuk": chapter.pk, "versie": publication.pk})


def decided(sender, decision, chapter, subject, step, user, **kwargs):
    what = str(subject) if chapter is not None else f"Voorwerk van {subject}"
    description = f"{step.name}: {decision.get_outcome_display().lower()} – {what}"
    if decision.reasons:
        description += f" (reden: {decision.reasons[:300]})"
    record(Kind.DECISION, description, actor=user, target=what,
           details={"besluit": decision.pk, "stap": step.name, "uitkomst": decision.outcome,
                    "versie": decision.version_id})
