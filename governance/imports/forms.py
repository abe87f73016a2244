from django import forms
from django.utils.translation import gettext_lazy as _

from governance import participant_lists
from governance.models import OrganisationType

from .readers import MAX_UPLOAD_BYTES


class ParticipantUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("XLSX, ODS of CSV, hoogstens 5 MB, met kolommen zoals Naam, Organisatie, E-mail, Rol en "
                    "Koersgroep."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.ods,.csv"}),
    )
    # The participant list of an agenda edition (governance.participant_lists).
    edition = forms.ModelChoiceField(
        label=_("Editie"), queryset=None, required=False, empty_label=_("Geen editie"),
        help_text=_("De deelnemers worden toegevoegd aan de lijst ‘Totstandkoming’ van deze editie."),
    )
    invite = forms.BooleanField(
        label=_("Accounts aanmaken en uitnodigingen sturen"), required=False,
        help_text=_("Voor deelnemers met een e-mailadres en nog geen account."),
    )
    include_anonymised = forms.BooleanField(
        label=_("Ook verwijderde deelnemers opnemen"), required=False,
        help_text=_("Rijen over mensen die op hun verzoek zijn geanonimiseerd (AVG) worden overgeslagen. Vink dit "
                    "alleen aan als zo iemand zelf opnieuw wil deelnemen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lists = participant_lists.available()
        if lists is None:
            del self.fields["edition"]
        else:
            self.fields["edition"].queryset = lists
            self.fields["edition"].initial = lists.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


class ConfirmImportForm(forms.Form):
    """One type select per unknown organisation; the names come from the server-side plan."""

    def __init__(self, *args, unknown_organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown = list(unknown_organisations)
        for index, unknown in enumerate(self.unknown):
            self.fields[f"type_{index}"] = forms.ChoiceField(
                label=unknown.name, choices=OrganisationType.choices, initial=unknown.suggested_type,
            )

    @property
    def organisation_fields(self):
        return [(unknown, self[f"type_{index}"]) for index, unknown in enumerate(self.unknown)]

    def organisation_types(self) -> dict:
        return {unknown.name: self.cleaned_data[f"type_{i}"] for i, unknown in enumerate(self.unknown)}
