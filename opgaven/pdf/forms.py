from django import forms
from django.utils.translation import gettext_lazy as _

from opgaven.models import Chapter, Edition


class ExportForm(forms.Form):
    """Which edition, which year's jaarprogramma, and optionally one chapter."""

    edition = forms.ModelChoiceField(
        label=_("Editie"), queryset=Edition.objects.all(), empty_label=None,
        error_messages={"invalid_choice": _("Kies een bestaande editie.")},
    )
    year = forms.TypedChoiceField(label=_("Jaarprogramma"), coerce=int, choices=())
    chapter = forms.ModelChoiceField(
        label=_("Onderdeel"), required=False, queryset=Chapter.objects.select_related("edition"),
        empty_label=_("De hele Netwerkagenda"),
        error_messages={"invalid_choice": _("Kies een onderdeel uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        editions = list(self.fields["edition"].queryset)
        years = sorted({year for edition in editions for year in edition.years})
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _("Kies een jaar uit de lijst.")
        self.fields["chapter"].label_from_instance = lambda c: f"{c.edition.slug}: {c.number}. {c.display_title}"

    def clean(self):
        data = super().clean()
        edition, year, chapter = data.get("edition"), data.get("year"), data.get("chapter")
        if edition and year and year not in edition.years:
            self.add_error("year", _("Deze editie loopt van %(start)s tot en met %(end)s.")
                           % {"start": edition.start_year, "end": edition.end_year})
        if edition and chapter and chapter.edition_id != edition.pk:
            self.add_error("chapter", _("Dit onderdeel hoort niet bij de gekozen editie."))
        return data
