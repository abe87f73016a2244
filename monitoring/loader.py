"""Loads fixtures/monitoring.yaml (where the text links opgaven and stelseluitdagingen, who owns
each indicator, baseline measurements, reporting periods) and fixtures/progress.yaml (the progress
the network reported, as dated updates on the parts of the actions they concern).

Loading twice changes nothing: rows are matched on natural keys and saved only when a value
differs; an update already recorded from a source is not recorded again."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from governance.models import Organisation
from jaarprogramma.models import Action
from opgaven.models import Chapter, Edition

from .models import ChapterLink, Indicator, LinkSource, Measurement, ProgressUpdate, ReportingPeriod
from .services import post_progress_update

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "monitoring.yaml"
PROGRESS_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "progress.yaml"


@dataclass
class LoadReport:
    created: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)

    def count(self, name, created):
        if created:
            self.created[name] = self.created.get(name, 0) + 1


def _sync(model, lookup, values):
    """get_or_create, then save only when a value differs: a second load writes no row and
    no history (update_or_create saves, and so records history, every time)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return True
    changed = [name for name, value in values.items()
               if getattr(obj, name) != model._meta.get_field(name.removesuffix("_id")).to_python(value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return False


class _Agenda:
    """The edition's chapters and actions by their natural keys: the chapter's slug, and the
    action's number as the document prints it (Action.number_path: "3", or "2-3" for the third
    action of chapter 11's second series)."""

    def __init__(self, edition):
        self.chapters = {c.slug: c for c in Chapter.objects.filter(edition=edition)}
        self.actions = {
            (a.jaarprogramma.chapter.slug, a.number_path): a
            for a in Action.objects.filter(jaarprogramma__chapter__edition=edition)
            .select_related("jaarprogramma__chapter").order_by("jaarprogramma__year")
        }

    def action(self, chapter, number):
        return self.actions.get((chapter, str(number).replace(".", "-")))


@transaction.atomic
def load_monitoring(path=FIXTURE, progress_path=PROGRESS_FIXTURE):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()
    edition = Edition.objects.filter(slug=data["edition"]).first()
    if edition is None:
        report.skipped.append(f"editie {data['edition']} ontbreekt: eerst load_netwerkagenda")
        return report
    agenda = _Agenda(edition)
    for item in data.get("links") or []:
        _load_link(agenda, item, report)
    indicators = {i.slug: i for i in Indicator.objects.filter(edition=edition)}
    organisations = {o.key: o for o in Organisation.objects.all()}
    for slug, owner in (data.get("indicator_owners") or {}).items():
        if slug not in indicators or owner not in organisations:
            report.skipped.append(f"eigenaar {owner} van indicator {slug}")
            continue
        _sync(Indicator, {"pk": indicators[slug].pk}, {"owner_id": organisations[owner].pk})
    for item in data.get("measurements") or []:
        indicator = indicators.get(item["indicator"])
        if indicator is None:
            report.skipped.append(f"meting voor {item['indicator']}")
            continue
        created = _sync(Measurement, {"indicator": indicator, "date": item["date"], "source": item["source"]},
                        {"value": item["value"], "note": item.get("note", "")})
        report.count("metingen", created)
    for item in data.get("reporting_periods") or []:
        created = _sync(ReportingPeriod, {"name": item["name"]}, {"start": item["start"], "end": item["end"]})
        report.count("rapportageperiodes", created)
    if progress_path and Path(progress_path).exists():
        load_progress(agenda, yaml.safe_load(Path(progress_path).read_text(encoding="utf-8")), report)
    return report


def _load_link(agenda, item, report):
    opgave, uitdaging = agenda.chapters.get(item["opgave"]), agenda.chapters.get(item["uitdaging"])
    if opgave is None or uitdaging is None:
        report.skipped.append(f"verbinding {item['uitdaging']} × {item['opgave']}")
        return
    link = ChapterLink.objects.filter(opgave=opgave, uitdaging=uitdaging).first()
    if link is None:
        link = ChapterLink.objects.create(opgave=opgave, uitdaging=uitdaging)
        report.count("verbindingen", True)
    for source in item.get("sources") or []:
        chapter = agenda.chapters.get(source["chapter"])
        # The words may be about an action of another chapter (9.3 on Digitaal Burgerschap, 4.4).
        action_chapter = source.get("action_chapter") or source["chapter"]
        action = agenda.action(action_chapter, source["action"]) if source.get("action") else None
        if chapter is None or (source.get("action") and action is None):
            report.skipped.append(f"vindplaats {source['chapter']} {source.get('section')} {source.get('action', '')}")
            continue
        created = _sync(LinkSource, {"link": link, "chapter": chapter, "section": str(source["section"]),
                                     "action": action}, {"quote": source.get("quote", "").strip()})
        report.count("vindplaatsen", created)


def load_progress(agenda, data, report):
    """Progress from published reports, as updates on the parts of the actions they concern.

    An entry names its source, the action and (optionally) the carriers whose part it is (by
    organisation key or body slug; none named: every part). The update is posted through the one
    write path, so each part's status and the action's status follow."""
    sources = data.get("sources") or {}
    organisations = {o.key: o for o in Organisation.objects.all()}
    for item in data.get("updates") or []:
        source = sources[item["source"]]
        action = agenda.action(item["chapter"], item["action"])
        if action is None:
            report.skipped.append(f"voortgang {item['chapter']} {item['action']}")
            continue
        carriers = list(action.carriers.select_related("organisation", "body"))
        wanted = item.get("carriers")
        if wanted:
            carriers = [c for c in carriers if (c.organisation.key if c.organisation_id else c.body.slug) in wanted]
            if len(carriers) != len(wanted):
                report.skipped.append(f"voortgang {item['chapter']} {item['action']}: uitvoerders {wanted}")
                continue
        date = source["date"] if isinstance(source["date"], datetime.date) else datetime.date.fromisoformat(
            str(source["date"]))
        reporter = organisations.get(item.get("reported_by")) if item.get("reported_by") else None
        for carrier in carriers:
            if ProgressUpdate.objects.filter(carrier=carrier, date=date, source=source["title"]).exists():
                continue
            post_progress_update(carrier=carrier, author=None, date=date, text=item["text"].strip(),
                                 status=item.get("status") or "", percentage=item.get("percentage"),
                                 source=source["title"], organisation=reporter or carrier.organisation)
            report.count("voortgangsberichten", True)
