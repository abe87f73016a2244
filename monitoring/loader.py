"""Loads fixtures/monitoring.yaml: action links, baseline measurements, reporting periods."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from jaarprogramma.models import Action
from opgaven.models import Chapter, Edition

from .models import ActionLink, Indicator, Measurement, ReportingPeriod

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "monitoring.yaml"


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
               if getattr(obj, name) != model._meta.get_field(name).to_python(value)]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return False


@transaction.atomic
def load_monitoring(path=FIXTURE):
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    report = LoadReport()
    edition = Edition.objects.filter(slug=data["edition"]).first()
    if edition is None:
        report.skipped.append(f"editie {data['edition']} ontbreekt: eerst load_netwerkagenda")
        return report
    chapters = {c.slug: c for c in Chapter.objects.filter(edition=edition)}
    actions = {
        (a.jaarprogramma.chapter.slug, a.number_path): a
        for a in Action.objects.filter(jaarprogramma__chapter__edition=edition)
        .select_related("jaarprogramma__chapter").order_by("jaarprogramma__year")
    }
    for item in data.get("links") or []:
        action = actions.get((item["chapter"], str(item["action"])))
        target = chapters.get(item["contributes_to"])
        if action is None or target is None:
            report.skipped.append(f"verbinding {item['chapter']} {item['action']} → {item['contributes_to']}")
            continue
        created = _sync(ActionLink, {"action": action, "chapter": target}, {"note": item.get("note", "")})
        report.count("verbindingen", created)
    indicators = {i.slug: i for i in Indicator.objects.filter(edition=edition)}
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
    return report
