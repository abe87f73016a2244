"""Export the participant list to CSV and XLSX, with cells that no spreadsheet runs as formulas."""

from import_export import resources
from import_export.fields import Field

from governance.models import Person

# A cell starting with one of these is a formula (or becomes one) in Excel and LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value: str) -> str:
    """Undo `escape_formula` on import, so an export reads back as what was exported.

    Only a quote in front of a formula start is dropped: "'s-Hertogenbosch" keeps its own."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


class ParticipantResource(resources.ModelResource):
    name = Field(attribute="name", column_name="Naam")
    organisations = Field(column_name="Organisatie")
    email = Field(attribute="email", column_name="E-mail")
    bodies = Field(column_name="Gremia")

    class Meta:
        model = Person
        fields = ("name", "organisations", "email", "bodies")
        export_order = ("name", "organisations", "email", "bodies")

    def __init__(self, edition=None, **kwargs):
        super().__init__(**kwargs)
        self.edition = edition

    def get_queryset(self):
        people = Person.objects.all() if self.edition is None else self.edition.participants.all()
        return people.prefetch_related("organisations", "memberships__body").order_by("name", "pk")

    def filter_export(self, queryset, **kwargs):
        # The admin passes its own (filtered) queryset; keep its rows, add our prefetches.
        # Anonymised people (AVG) have nothing left to list, and would come back as a new person.
        return queryset.filter(erasure__isnull=True).prefetch_related("organisations", "memberships__body")

    def dehydrate_organisations(self, person):
        return ", ".join(sorted(o.name for o in person.organisations.all()))

    def dehydrate_bodies(self, person):
        return ", ".join(
            f"{m.body.name} ({m.get_role_display().lower()})"
            for m in sorted(person.memberships.all(), key=lambda m: m.body.name)
        )

    def export_field(self, field, instance, **kwargs):
        return escape_formula(super().export_field(field, instance, **kwargs))


def export_participants(*, file_format: str, edition=None, queryset=None) -> bytes:
    """The participant list (of `edition`, or everyone) as CSV or XLSX bytes."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(f"unknown format {file_format!r}")
    resource = ParticipantResource(edition=edition)
    dataset = resource.export(queryset=queryset)
    if file_format == "csv":
        # The BOM makes Excel read the file as UTF-8 instead of Windows-1252.
        return dataset.export("csv").encode("utf-8-sig")
    return dataset.export("xlsx")
