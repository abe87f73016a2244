"""The admin writes the agenda's content the way the chapter pages do (opgaven.services): a change
is checked against the version the administrator loaded and raises it, and any change starts the
chapter's next concept. Without this an admin edit would silently be overwritten by a writer's
open form, or overwrite it, and an established chapter would change behind its route."""

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opgaven import services

ADMIN_REASON = "Gewijzigd in het beheer"
CONFLICT = gettext_lazy(
    "Iemand anders heeft dit item gewijzigd nadat u het opende. Open het opnieuw en breng uw "
    "wijziging dan opnieuw aan."
)


def _versioned(model):
    try:
        model._meta.get_field("version")
    except FieldDoesNotExist:
        return False
    return True


class VersionedForm(forms.ModelForm):
    """Carries the version the administrator loaded, as the chapter pages' forms do."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and _versioned(type(self.instance)):
            self.fields["loaded_version"].initial = self.instance.version

    def edited_fields(self):
        return [name for name in self.changed_data if name != "loaded_version"]

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None and self.edited_fields() and loaded != self.instance.version:
            raise ValidationError(CONFLICT, code="conflict")
        return cleaned


def _save(obj, form, user):
    model = type(obj)
    if obj.pk is None or not _versioned(model):
        obj._history_user = user
        obj.save()
        services.start_draft(services.chapter_of(obj))
        return
    names = {f.name for f in model._meta.concrete_fields}
    values = {name: getattr(obj, name) for name in form.edited_fields() if name in names}
    loaded = form.cleaned_data.get("loaded_version") or obj.version
    services.save_versioned(instance=obj, values=values, version=loaded, reason=ADMIN_REASON, user=user)


def _delete(obj):
    chapter = services.chapter_of(obj)
    obj.delete()
    services.start_draft(chapter)


class VersionedInlineMixin:
    form = VersionedForm


class VersionedAdminMixin:
    """For a ModelAdmin of agenda content; its inlines take VersionedInlineMixin."""

    form = VersionedForm

    def save_model(self, request, obj, form, change):
        _save(obj, form, request.user)

    def delete_model(self, request, obj):
        _delete(obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            _delete(obj)

    def save_formset(self, request, form, formset, change):
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            _delete(obj)
        forms_by_instance = {id(f.instance): f for f in formset.forms}
        for obj in [*formset.new_objects, *(obj for obj, _fields in formset.changed_objects)]:
            _save(obj, forms_by_instance[id(obj)], request.user)
        formset.save_m2m()

    def changeform_view(self, request, *args, **kwargs):
        # Someone saved between the form's check and the save (opgaven.services locks the row).
        try:
            return super().changeform_view(request, *args, **kwargs)
        except services.VersionConflict:
            messages.error(request, _(CONFLICT))
            return HttpResponseRedirect(request.get_full_path())
