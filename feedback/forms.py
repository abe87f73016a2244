from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import Resolution
from governance.models import Body


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    closes_on = forms.DateField(label=_("Sluit op"), widget=forms.DateInput(attrs={"type": "date"}))
    bodies = forms.ModelMultipleChoiceField(label=_("Uitgenodigde gremia"), queryset=Body.objects.all(),
                                            required=False, widget=forms.CheckboxSelectMultiple)
    everyone = forms.BooleanField(label=_("Iedereen met een account"), required=False)


class RemarkForm(forms.Form):
    item = forms.ChoiceField(label=_("Onderdeel"))
    quote = forms.CharField(label=_("Passage (optioneel)"), required=False, max_length=2000,
                            help_text=_("Kopieer de zin of zinnen uit de tekst waarop u reageert."),
                            widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=_("Uw reactie"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(item.key, item.label) for item in items]


class AnswerForm(forms.Form):
    resolution = forms.ChoiceField(label=_("Afhandeling"), widget=forms.RadioSelect,
                                   choices=[c for c in Resolution.choices if c[0]])
    reply = forms.CharField(label=_("Antwoord"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    history_id = forms.TypedChoiceField(label=_("Wijziging waarin de reactie is verwerkt"), coerce=int,
                                        required=False, empty_value=None)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, history, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["history_id"].choices = [("", "—")] + [
            (record.history_id, f"{record.history_date:%d-%m-%Y %H:%M} – {record.history_user or ''}")
            for record in history
        ]


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Bericht"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
