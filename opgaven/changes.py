"""What changed between two versions of a chapter, item by item (the "wijzigingen" page).

Versions are frozen content trees (opgaven.publication); items are matched by their identity,
so an edited ambition shows as changed, a new action as added and a removed criterion as
removed, each with its words marked."""

import contextlib
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from opgaven import publication
from opgaven.history import word_diff

DRAFT = "concept"
FRONT = "voorwerk"
SKIPPED = {"order", "version", "chapter", "jaarprogramma", "action", "section"}


@dataclass
class ItemChange:
    label: str
    change: str  # "toegevoegd", "verwijderd", "gewijzigd"
    fields: list = field(default_factory=list)  # [(label, segments)]


def _label(name, node, parents):
    data = node["fields"]
    year = next((p["fields"].get("year") for p in parents if "year" in p["fields"]), None)
    labels = {
        "sections": lambda: _("Paragraaf %(number)s %(title)s") % data,
        "ambitions": lambda: _("Ambitie %(number)s") % data,
        "contributions": lambda: _("Bijdrage van partners"),
        "quotes": lambda: _("Citaat"),
        "footnotes": lambda: _("Voetnoot %(number)s") % data,
        "jaarprogrammas": lambda: _("Jaarprogramma %(year)s") % data,
        "success_criteria": lambda: _("Succescriterium (%(year)s)") % {"year": year},
        "actions": lambda: _("Actie %(number)s (%(year)s)") % {"number": data.get("number"), "year": year},
        "subitems": lambda: _("Subactie %(letter)s") % data,
        "intro_sections": lambda: _("Introductie %(number)s %(title)s") % data,
        "principles": lambda: _("Uitgangspunt %(number)s") % data,
        "blocks": lambda: _("Blok in %(number)s") % (parents[-1]["fields"] if parents else {"number": ""}),
        FRONT: lambda: _("Motto en manifest"),
        "carriers": lambda: _("Uitvoerder van %(action)s") % {
            "action": _("actie %(number)s") % {"number": parents[-1]["fields"].get("number")}},
    }
    return str(labels.get(name, lambda: name)())


def _items(content, parents=()):
    for name, nodes in content.items():
        if name == "fields":  # the front matter's own fields (motto, manifest): one item
            name, nodes = FRONT, [{"pk": FRONT, "fields": nodes}]
        for node in nodes:
            yield (name, node["pk"]), name, node, parents
            yield from _items(node.get("children", {}), (*parents, node))


def compare(old, new):
    """[ItemChange] from content tree `old` to `new`, in the order of `new` (removals last)."""
    from opgaven.models import Edition

    models = {**publication.content_models(), FRONT: Edition}
    before = {key: (name, node, parents) for key, name, node, parents in _items(old)}
    result, seen = [], set()
    for key, name, node, parents in _items(new):
        seen.add(key)
        if key not in before:
            result.append(ItemChange(_label(name, node, parents), _("toegevoegd"),
                                     _field_changes(models.get(name), {}, node["fields"])))
            continue
        fields = _field_changes(models.get(name), before[key][1]["fields"], node["fields"])
        if fields:
            result.append(ItemChange(_label(name, node, parents), _("gewijzigd"), fields))
    for key, (name, node, parents) in before.items():
        if key not in seen:
            result.append(ItemChange(_label(name, node, parents), _("verwijderd"),
                                     _field_changes(models.get(name), node["fields"], {})))
    return result


def _field_changes(model, old, new):
    changes = []
    names = [*new, *(n for n in old if n not in new)]
    for name in (n for n in names if n not in SKIPPED):
        if old.get(name) == new.get(name):
            continue
        label = name
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):  # a field of an older schema
                label = str(model._meta.get_field(name).verbose_name)
        changes.append((label, word_diff(_text(old.get(name)), _text(new.get(name)))))
    return changes


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass
class Comparison:
    old_key: str
    new_key: str
    choices: list  # [(key, label)]
    changes: list


def years_in(versions):
    """The years whose programme any of these versions holds."""
    return sorted({node["fields"].get("year") for v in versions for node in v.content.get("jaarprogrammas", [])})


def only_year(content, year):
    """A version's content narrowed to one year's programme (its criteria, actions …)."""
    if year is None:
        return content
    programmes = content.get("jaarprogrammas", [])
    return {"jaarprogrammas": [node for node in programmes if node["fields"].get("year") == year]}


def compare_request(request, subject, versions, sees_draft, year=None):
    """The comparison a reader asked for (?van=<id>&naar=<id|concept>; ?naar= alone compares a
    version with the one before it), or the latest change; with `year` only that year's programme."""
    from django.utils import timezone

    choices = [(str(v.pk), _("versie van %(date)s%(state)s") % {
        "date": timezone.localtime(v.established_at or v.frozen_at).strftime("%d-%m-%Y %H:%M"),
        "state": "" if v.established_at else _(" (in besluitvorming)")}) for v in versions]
    if sees_draft:
        choices.append((DRAFT, _("huidig concept")))
    keys = [key for key, _label in choices]
    if len(keys) < 2:
        return Comparison("", "", choices, [])
    public = [str(v.pk) for v in versions if v.established_at]
    default_new = DRAFT if sees_draft else keys[-1]
    default_old = public[-1] if sees_draft and public else keys[-2]
    new_key = request.GET.get("naar") if request.GET.get("naar") in keys else default_new
    if request.GET.get("van") in keys:
        old_key = request.GET["van"]
    elif new_key != default_new:  # ?naar= alone (a decision's link): what that version changed
        old_key = keys[max(keys.index(new_key) - 1, 0)]
    else:
        old_key = default_old
    by_key = {str(v.pk): v.content for v in versions}

    def content(key):
        return only_year(publication.freeze_draft(subject) if key == DRAFT else by_key[key], year)

    return Comparison(old_key, new_key, choices, compare(content(old_key), content(new_key)))
