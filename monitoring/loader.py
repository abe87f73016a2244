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
        (a.jaarprogramma.chapter.slug, a.number): a
        for a in Action.objects.filter(jaarprogramma__chapter__edition=edition)
        .select_related("jaarprogramma__chapter").order_by("jaarprogramma__year")
    }
    for item in data.get("links") or []:
        action = actions.get((item["chapter"], str(item["action"])))
        target = chapters.get(item["contributes_to"])
        if action is None or target is None:
            report.skipped.append(f"verbinding {item['chapter']} {item['action']} → {item['contributes_to']}")
            continue
        _, created = ActionLink.objects.update_or_create(action=action, chapter=target,
                                                         defaults={"note": item.get("note", "")})
        report.count("verbindingen", created)
    indicators = {i.slug: i for i in Indicator.objects.filter(edition=edition)}
    for item in data.get("measurements") or []:
        indicator = indicators.get(item["indicator"])
        if indicator is None:
            report.skipped.append(f"meting voor {item['indicator']}")
            continue
        _, created = Measurement.objects.update_or_create(
            indicator=indicator, date=item["date"], source=item["source"],
            defaults={"value": item["value"], "note": item.get("note", "")},
        )
        report.count("metingen", created)
    for item in data.get("reporting_periods") or []:
        _, created = ReportingPeriod.objects.update_or_create(
            name=item["name"], defaults={"start": item["start"], "end": item["end"]})
        report.count("rapportageperiodes", created)
    return report
