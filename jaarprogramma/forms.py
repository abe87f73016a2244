from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import Body, Organisation
from jaarprogramma import services
from jaarprogramma.models import Action, SuccessCriterion
from opgaven.forms import LONG_TEXT, TEXT_HELP, VersionedForm
from opgaven.text import plain


class SuccessCriterionForm(VersionedForm):
    has_footnotes = True
    sanitised_fields = ("text",)
    text_limits = {"text": LONG_TEXT}

    class Meta:
        model = SuccessCriterion
        fields = ["text"]
        labels = {"text": _("Het jaar is geslaagd als …")}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"text": TEXT_HELP}


class ActionForm(VersionedForm):
    has_footnotes = True
    sanitised_fields = ("theme", "title", "description")
    text_limits = {"description": LONG_TEXT}

    carriers = forms.ModelMultipleChoiceField(
        label=_("Uitvoerende organisaties"), queryset=Organisation.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De organisaties die deze actie dragen; hun medewerkers melden de voortgang van hun deel."),
    )
    carrier_bodies = forms.ModelMultipleChoiceField(
        label=_("Uitvoerende gremia"), queryset=Body.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een koersgroep of programmateam die de actie draagt, bijvoorbeeld als de tekst niemand "
                    "noemt; de leden melden de voortgang van zijn deel."),
    )

    class Meta:
        model = Action
        fields = ["number", "theme", "title", "description", "due_date"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5}),
                   "due_date": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"description": TEXT_HELP}

    needs_parent = True

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = parent
        if self.instance.pk and not self.is_bound:
            carriers = list(self.instance.carriers.all())
            self.initial["carriers"] = [c.organisation_id for c in carriers if c.organisation_id]
            self.initial["carrier_bodies"] = [c.body_id for c in carriers if c.body_id]

    def clean_number(self):
        """One action per number in a programme's series (the database holds to it as well)."""
        number = self.cleaned_data["number"]
        others = self.programme.actions.filter(group=self.instance.group, number=number).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Actie %(number)s bestaat al in dit jaarprogramma."),
                                        code="duplicate_number", params={"number": number})
        return number

    def save_related(self, action):
        services.set_carriers(action=action, organisations=self.cleaned_data["carriers"],
                              bodies=self.cleaned_data["carrier_bodies"])


class NewJaarprogrammaForm(forms.Form):
    """Open the next year: which year, and last year's success criteria judged."""

    JUDGEMENTS = [("ja", _("behaald")), ("nee", _("niet behaald"))]

    year = forms.TypedChoiceField(label=_("Jaar"), coerce=int)

    def __init__(self, *args, chapter, **kwargs):
        super().__init__(*args, **kwargs)
        newest = chapter.jaarprogrammas.order_by("-year").first()
        # Years follow each other: the next programme builds on the newest one.
        self.fields["year"].choices = [(y, y) for y in chapter.edition.years if newest is None or y > newest.year]
        self.previous = newest
        self.criteria = list(newest.success_criteria.all()) if newest else []
        for criterion in self.criteria:
            if criterion.met is None:
                self.fields[f"criterium-{criterion.pk}"] = forms.ChoiceField(
                    label=plain(criterion.text),
                    choices=self.JUDGEMENTS, widget=forms.RadioSelect,
                    help_text=_("Succescriterium van %(year)s: is het behaald?") % {"year": newest.year})

    def judgements(self):
        return {criterion: (self.cleaned_data[f"criterium-{criterion.pk}"] == "ja", "")
                for criterion in self.criteria if f"criterium-{criterion.pk}" in self.cleaned_data}
