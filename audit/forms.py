from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Kind


class AuditFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle soorten")), *Kind.choices])
    persoon = forms.CharField(label=_("Persoon"), required=False, max_length=100,
                              help_text=_("Naam, gebruikersnaam of e-mailadres; door wie of over wie."))
    van = forms.DateField(label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def filter(self, entries):
        data = self.cleaned_data
        if data.get("soort"):
            entries = entries.filter(kind=data["soort"])
        if data.get("persoon"):
            text = data["persoon"].strip()
            entries = entries.filter(Q(actor_name__icontains=text) | Q(target__icontains=text)
                                     | Q(actor__email__iexact=text))
        if data.get("van"):
            entries = entries.filter(at__date__gte=data["van"])
        if data.get("tot"):
            entries = entries.filter(at__date__lte=data["tot"])
        return entries
