from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models import Organisation
from jaarprogramma.models import ActionStatus, SuccessCriterion
from jaarprogramma.years import ALL_YEARS
from opgaven.forms import SHORT_TEXT, TextLimitsMixin
from opgaven.models import Chapter

from .models import ChapterLink, Measurement, ProgressUpdate, ReportingPeriod


def date_input():
    # <input type="date"> only takes ISO dates, whatever the locale.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DashboardFilterForm(forms.Form):
    """The dashboards' filters; a GET form, so it works without JavaScript too."""

    # "alle" chooses every year where a view opens on the current one (jaarprogramma.years).
    year = forms.TypedChoiceField(label=_("Jaar"), required=False, empty_value=None,
                                  coerce=lambda value: None if value == ALL_YEARS else int(value))
    chapter = forms.ModelChoiceField(label=_("Onderdeel"), required=False, queryset=Chapter.objects.none(),
                                     empty_label=_("Alle onderdelen"))
    organisation = forms.ModelChoiceField(label=_("Organisatie"), required=False,
                                          queryset=Organisation.objects.none(),
                                          empty_label=_("Alle organisaties"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Alle statussen")), *ActionStatus.choices])
    period = forms.ModelChoiceField(label=_("Rapportageperiode"), required=False,
                                    queryset=ReportingPeriod.objects.all(), empty_label=_("Huidige periode"))
    link = forms.ModelChoiceField(label=_("Verbinding opgave × stelseluitdaging"), required=False,
                                  queryset=ChapterLink.objects.none(), empty_label=_("Alle acties"))

    def __init__(self, data=None, *, edition, public=False, default_year=None, **kwargs):
        year = data.get("year") if data is not None else None
        if default_year and not year:
            data = data.copy() if data is not None else QueryDict(mutable=True)
            data["year"] = str(default_year)
        elif not default_year and year == ALL_YEARS:
            data = data.copy()
            del data["year"]
        super().__init__(data, **kwargs)
        self.edition = edition
        years = list(edition.years) if edition else []
        # A view that opens on one year offers every year as "alle"; elsewhere every year is
        # the default, and "alle" (a tab link from such a view) means the same.
        every = ALL_YEARS if default_year else ""
        self.fields["year"].choices = [(every, _("Alle jaren")), *[(y, str(y)) for y in years]]
        chapters = Chapter.objects.filter(edition=edition)
        if public:
            chapters = chapters.established()
            del self.fields["period"]
            del self.fields["link"]
        else:
            self.fields["link"].queryset = ChapterLink.objects.filter(opgave__edition=edition).select_related(
                "opgave", "uitdaging")
        self.fields["chapter"].queryset = chapters
        self.fields["organisation"].queryset = Organisation.objects.filter(
            carried_actions__action__jaarprogramma__chapter__edition=edition
        ).distinct()
        self.fields["status"].help_text = _("De status van de actie volgt uit de delen van haar uitvoerders.")

    def filters(self):
        """The valid filters as a dict; invalid input is reported on the form and ignored."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class ProgressUpdateForm(TextLimitsMixin, forms.ModelForm):
    """A progress update on one part of an action: the part of the organisation or body the
    user reports for (jaarprogramma.access.parts_reportable_for gives the choice)."""

    text_limits = {"text": SHORT_TEXT}

    status = forms.ChoiceField(label=_("Nieuwe status van dit deel"), required=False,
                               choices=[("", _("Status niet wijzigen")), *ActionStatus.choices])
    percentage = forms.IntegerField(label=_("Percentage gereed van dit deel (0–100)"), required=False, min_value=0,
                                    max_value=100)

    class Meta:
        model = ProgressUpdate
        fields = ["carrier", "date", "text", "percentage", "status"]
        labels = {"carrier": _("Voor het deel van")}
        widgets = {"date": date_input(), "text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, parts, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["carrier"].queryset = parts
        self.fields["carrier"].required = True
        self.fields["carrier"].empty_label = None
        self.fields["carrier"].label_from_instance = lambda part: part.party_name

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Een voortgangsbericht kan niet in de toekomst liggen."))
        return date


class MeasurementForm(TextLimitsMixin, forms.ModelForm):
    """A new measurement of an indicator: date, value, source and a note."""

    text_limits = {"note": SHORT_TEXT}

    class Meta:
        model = Measurement
        fields = ["date", "value", "source", "note"]
        widgets = {"date": date_input(), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"source": _("Bijvoorbeeld ‘Bibliotheekmonitor 2021’ of een link naar het rapport.")}

    def __init__(self, *args, indicator, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["value"].label = _("Waarde (%(unit)s)") % {"unit": indicator.unit}

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Een meting kan niet in de toekomst liggen."))
        return date


class SuccessCriterionForm(TextLimitsMixin, forms.ModelForm):
    text_limits = {"met_note": SHORT_TEXT}

    met = forms.TypedChoiceField(
        label=_("Behaald?"), required=False, empty_value=None,
        coerce=lambda value: {"ja": True, "nee": False}.get(value),
        choices=[("", _("Nog niet beoordeeld")), ("ja", _("Behaald")), ("nee", _("Niet behaald"))],
    )

    class Meta:
        model = SuccessCriterion
        fields = ["met", "met_note"]
        widgets = {"met_note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.met is not None:
            self.initial["met"] = "ja" if self.instance.met else "nee"


class ReportingPeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["name", "start", "end"]
        widgets = {"start": date_input(), "end": date_input()}
