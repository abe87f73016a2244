from django import forms
from django.utils.translation import gettext_lazy as _

from . import search, sources


class SearchForm(forms.Form):
    """The search page's question and filters; choices follow what the reader may open."""

    q = forms.CharField(label=_("Zoek in de Netwerkagenda"), required=False, max_length=search.MAX_QUERY)
    onderdeel = forms.TypedChoiceField(label=_("Onderdeel"), required=False, coerce=int, empty_value=None)
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    jaar = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, chapters=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.chapters = {chapter.pk: chapter for chapter in chapters}
        self.fields["onderdeel"].choices = [("", _("Alle onderdelen"))] + [
            (chapter.pk, f"{chapter.number}. {chapter.display_title}") for chapter in chapters]
        self.fields["soort"].choices = [("", _("Alles"))] + [
            (kind.key, kind.plural) for kind in sources.KINDS.values()]
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [(year, str(year)) for year in years]

    def search_arguments(self):
        data = self.cleaned_data
        return {
            "chapter": self.chapters.get(data.get("onderdeel")),
            "kind": data.get("soort") or None,
            "year": data.get("jaar"),
        }
