import json

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from governance.models import Meeting
from opgaven import text
from opgaven.cleaning import clean_source
from opgaven.models import (
    Ambition,
    Block,
    BlockKind,
    Comment,
    Contribution,
    Decision,
    DecisionOutcome,
    Edition,
    FigureLayout,
    IntroSection,
    Principle,
    Section,
    StepKind,
)

# The longest section of the agenda runs to about 5,000 characters.
LONG_TEXT = 20_000
# Comments, replies, progress updates and notes.
SHORT_TEXT = 5_000


def limit_length(field, limit):
    """A length limit on a form field without one in the model (a TextField), said in Dutch."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(
        limit, message=_("Deze tekst is te lang: %(show_value)s tekens, ten hoogste %(limit_value)s.")))
    field.widget.attrs["maxlength"] = str(limit)


def validate_markup(value):
    """Refuses text with far more Markdown syntax than writing needs (see opgaven.text)."""
    if isinstance(value, str) and not text.within_syntax_budget(value):
        raise ValidationError(
            _("Deze tekst bevat ongewoon veel opmaaktekens en regels (%(count)s, ten hoogste %(limit)s): "
              "tekens als [ ] * _ ` < > & \\ en regelovergangen. Gebruik minder opmaak of verdeel de tekst."),
            code="too_much_markup",
            params={"count": text.syntax_count(value), "limit": text.syntax_budget(value)},
        )


class TextLimitsMixin:
    """`text_limits` maps a field to its length limit; model CharFields keep their max_length."""

    text_limits = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, limit in self.text_limits.items():
            limit_length(self.fields[name], limit)


class SanitisedFormMixin(TextLimitsMixin):
    """Text fields listed in `sanitised_fields` are agenda text: limited in length and markup,
    and cleaned with nh3 before anything is stored."""

    sanitised_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.sanitised_fields:
            self.fields[name].validators.append(validate_markup)

    def clean(self):
        cleaned = super().clean()
        for name in self.sanitised_fields:
            if isinstance(cleaned.get(name), str):
                cleaned[name] = clean_source(cleaned[name])
                if not cleaned[name] and self.fields[name].required:
                    self.add_error(name, _("Na het verwijderen van niet-toegestane opmaak blijft er niets over."))
        return cleaned


class FootnotesField(forms.CharField):
    """The footnotes a writer added or changed in the editor, as JSON {"number": "text"}
    (static/js/editor.js): the writer never types `[^N]`, the editor inserts it."""

    widget = forms.HiddenInput
    MAX_NOTES = 50

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return {}
        try:
            raw = json.loads(value)
            notes = {int(number): str(note) for number, note in raw.items()}
        except (ValueError, TypeError, AttributeError) as error:
            raise ValidationError(_("De voetnoten konden niet worden gelezen."), code="invalid") from error
        if len(notes) > self.MAX_NOTES or any(not 0 < n < 10_000 for n in notes):
            raise ValidationError(_("De voetnoten konden niet worden gelezen."), code="invalid")
        cleaned = {}
        for number, note in notes.items():
            if len(note) > SHORT_TEXT:
                raise ValidationError(_("Voetnoot %(n)s is te lang."), params={"n": number}, code="max_length")
            validate_markup(note)
            note = clean_source(note).strip()
            if note:
                cleaned[number] = note
        return cleaned


class VersionedForm(SanitisedFormMixin, forms.ModelForm):
    """Carries the version the form was loaded with, so a later save can detect a conflict.

    Agenda text fields (`sanitised_fields` with a textarea) are marked for the writing aid
    (static/js/editor.js); forms of chapter texts (`has_footnotes`) carry its footnotes."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    has_footnotes = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.sanitised_fields:
            if isinstance(self.fields[name].widget, forms.Textarea):
                self.fields[name].widget.attrs["data-markdown"] = ""
        if self.has_footnotes:
            self.fields["footnotes"] = FootnotesField()
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        if not self.instance.pk:
            # A new item has no stored version to conflict with.
            self.fields["version"].required = False

    def changed_values(self):
        """The model fields this form edits, as entered (version excluded)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data}


TEXT_HELP = _("Opmaak met Markdown: **vet**, *cursief*, lijstjes met - en koppelingen. Andere HTML wordt verwijderd.")


class SectionForm(VersionedForm):
    has_footnotes = True
    sanitised_fields = ("title", "body")
    text_limits = {"body": LONG_TEXT}

    class Meta:
        model = Section
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {"body": TEXT_HELP}


class AmbitionForm(VersionedForm):
    has_footnotes = True
    sanitised_fields = ("text",)
    text_limits = {"text": LONG_TEXT}

    class Meta:
        model = Ambition
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"text": TEXT_HELP}


class ContributionForm(VersionedForm):
    has_footnotes = True
    sanitised_fields = ("text", "amount_period")
    text_limits = {"text": LONG_TEXT}

    class Meta:
        model = Contribution
        fields = ["organisation", "kind", "text", "amount_eur", "amount_period"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"text": TEXT_HELP}


class BlockForm(VersionedForm):
    """A block of a section: where it stands, what it is, and its text or figure."""

    needs_parent = True
    has_footnotes = True
    sanitised_fields = ("text", "figure_description")
    text_limits = {"text": LONG_TEXT, "figure_description": SHORT_TEXT}

    class Meta:
        model = Block
        fields = ["section", "kind", "year", "list_style", "text", "figure_layout", "figure_items",
                  "figure_description"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8}), "figure_description": forms.Textarea(attrs={"rows": 3}),
                   "figure_items": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"text": TEXT_HELP}

    def __init__(self, *args, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = parent.sections.all()
        self.fields["section"].required = True
        self.fields["section"].empty_label = None

    def clean_figure_items(self):
        """A figure's parts: a list of {"title": …, "text": …}, their text cleaned like any text."""
        items = self.cleaned_data.get("figure_items") or []
        if not isinstance(items, list) or not all(isinstance(item, dict) and "title" in item for item in items):
            raise ValidationError(_('Geef de onderdelen als lijst: [{"title": "…", "text": "…"}].'))
        return [{"title": clean_source(str(item["title"])), "text": clean_source(str(item.get("text") or ""))}
                for item in items]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == BlockKind.FIGURE and not cleaned.get("figure_layout"):
            self.add_error("figure_layout", _("Kies hoe de figuur wordt opgebouwd."))
        if cleaned.get("kind") == BlockKind.FIGURE and not cleaned.get("figure_description"):
            self.add_error("figure_description", _("Een figuur heeft een tekstalternatief: wat laat zij zien?"))
        if cleaned.get("kind") in (BlockKind.TEXT, BlockKind.LIST, BlockKind.QUOTE) and not cleaned.get("text"):
            self.add_error("text", _("Dit blok heeft een tekst nodig."))
        if cleaned.get("kind") != BlockKind.FIGURE:
            cleaned["figure_layout"], cleaned["figure_items"] = "", []
        elif cleaned.get("figure_layout") not in FigureLayout.values:
            self.add_error("figure_layout", _("Kies een van de opbouwen."))
        return cleaned


class CommentForm(SanitisedFormMixin, forms.ModelForm):
    sanitised_fields = ("text",)
    text_limits = {"text": SHORT_TEXT}

    class Meta:
        model = Comment
        fields = ["ambition", "text"]
        labels = {"ambition": _("Over ambitie (optioneel)")}
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, chapter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambition"].queryset = chapter.ambitions.all()
        self.fields["ambition"].empty_label = _("Het hele onderdeel")
        self.fields["ambition"].label_from_instance = lambda a: _("Ambitie %(number)s") % {"number": a.number}


class CommentReplyForm(SanitisedFormMixin, forms.Form):
    sanitised_fields = ("reply",)
    text_limits = {"reply": SHORT_TEXT}

    reply = forms.CharField(label=_("Antwoord"), widget=forms.Textarea(attrs={"rows": 3}))
    # The comment's version when the form was loaded: a later answer by someone else wins.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class DecisionForm(forms.ModelForm):
    """A step of the sign-off route: the decision, its date and meeting, and why."""

    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=DecisionOutcome.choices, widget=forms.RadioSelect,
                                initial=DecisionOutcome.ADOPTED)

    class Meta:
        model = Decision
        fields = ["outcome", "text", "date", "meeting", "in_writing", "reasons", "weighing"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "weighing": forms.Textarea(attrs={"rows": 4}),
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "reasons": _("Verplicht als u de tekst terugstuurt."),
            "weighing": _("Hoe zijn open bezwaren en reacties gewogen? "
                          "Verplicht bij vaststellen als er nog iets open staat."),
        }

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].required = False
        self.fields["text"].initial = step.name
        if step.kind == StepKind.OFFER:
            del self.fields["outcome"], self.fields["reasons"], self.fields["weighing"]
        elif step.kind != StepKind.ESTABLISH:
            del self.fields["weighing"]
        meetings = Meeting.objects.filter(body=step.body) if step.body_id else Meeting.objects.none()
        self.fields["meeting"].queryset = meetings.order_by("-date")
        if not meetings.exists():
            del self.fields["meeting"]


class MottoForm(VersionedForm):
    sanitised_fields = ("motto", "manifest_title", "manifest_intro")
    text_limits = {"motto": LONG_TEXT, "manifest_intro": LONG_TEXT}

    class Meta:
        model = Edition
        fields = ["motto", "manifest_title", "manifest_intro"]
        widgets = {"motto": forms.Textarea(attrs={"rows": 3}), "manifest_intro": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"motto": TEXT_HELP, "manifest_intro": TEXT_HELP}


class IntroSectionForm(VersionedForm):
    sanitised_fields = ("title", "body")
    text_limits = {"body": LONG_TEXT}

    class Meta:
        model = IntroSection
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": TEXT_HELP}


class PrincipleForm(VersionedForm):
    sanitised_fields = ("title", "body")
    text_limits = {"body": LONG_TEXT}

    class Meta:
        model = Principle
        fields = ["title", "body"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 8})}
        help_texts = {"body": TEXT_HELP}


class HistoryFilterForm(forms.Form):
    """Which versions of an item's history to show: by whom, from and until which day."""

    persoon = forms.TypedChoiceField(label=_("Door"), required=False, coerce=int, empty_value=None)
    van = forms.DateField(label=_("Vanaf"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    tot = forms.DateField(label=_("Tot en met"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persoon"].choices = [("", _("iedereen")), *people]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["van"] > cleaned["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de datum 'vanaf'."))
        return cleaned

    def filters(self):
        from opgaven.history import Filters

        data = self.cleaned_data
        return Filters(person=data.get("persoon"), since=data.get("van"), until=data.get("tot"))


SUGGESTION_HELP = _("Pas de tekst aan zoals u hem zou willen lezen. De schrijvers zien wat u weghaalt en "
                    "toevoegt, en nemen het over of antwoorden waarom niet.")


class BaseSuggestionForm(SanitisedFormMixin, forms.Form):
    """New text for an item's text fields (declared per item by `suggestion_form`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    note = forms.CharField(label=_("Toelichting (optioneel)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Waarom u deze wijziging voorstelt."))

    def proposed(self):
        return {name: self.cleaned_data[name] for name in self.sanitised_fields}


def suggestion_form(item, text_fields):
    """A form class with one field per text field of the item, for its current text."""
    from django.db import models

    model = type(item)
    declared, limits = {}, {"note": SHORT_TEXT}
    for name in text_fields:
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.TextField):
            declared[name] = forms.CharField(label=model_field.verbose_name, required=not model_field.blank,
                                             help_text=SUGGESTION_HELP, widget=forms.Textarea(attrs={"rows": 10}))
            limits[name] = LONG_TEXT
        else:
            declared[name] = forms.CharField(label=model_field.verbose_name, required=not model_field.blank,
                                             max_length=model_field.max_length)
    fields = dict(declared)
    # Before the note: the text comes first.
    return type("SuggestionForm", (BaseSuggestionForm,), {
        **fields, "sanitised_fields": tuple(declared), "text_limits": limits,
        "field_order": [*declared, "note"],
    })


class DeclineForm(SanitisedFormMixin, forms.Form):
    sanitised_fields = ("reason",)
    text_limits = {"reason": SHORT_TEXT}

    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("De indiener leest dit als antwoord op het voorstel."))
