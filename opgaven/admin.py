from django.contrib import admin
from guardian.admin import GuardedModelAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from .admin_writes import VersionedAdminMixin, VersionedInlineMixin
from .models import (
    Ambition,
    Block,
    Chapter,
    Comment,
    Contribution,
    Decision,
    Edition,
    ExportJob,
    Footnote,
    IntroSection,
    Principle,
    Publication,
    Quote,
    RouteStep,
    Section,
    Suggestion,
)


class IntroSectionInline(VersionedInlineMixin, admin.StackedInline):
    model = IntroSection
    extra = 0


class PrincipleInline(VersionedInlineMixin, admin.StackedInline):
    model = Principle
    extra = 0


@admin.register(Edition)
class EditionAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "start_year", "end_year"]
    inlines = [IntroSectionInline, PrincipleInline]
    autocomplete_fields = ["participants"]


class SectionInline(VersionedInlineMixin, admin.StackedInline):
    model = Section
    extra = 0


class AmbitionInline(VersionedInlineMixin, admin.TabularInline):
    model = Ambition
    extra = 0


class ContributionInline(VersionedInlineMixin, admin.StackedInline):
    model = Contribution
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Chapter)
class ChapterAdmin(VersionedAdminMixin, GuardedModelAdminMixin, SimpleHistoryAdmin):
    """Object permissions here are for groups; user grants are derived (governance.permissions)."""

    list_display = ["number", "title", "kind", "status", "established_at"]
    list_filter = ["edition", "kind", "status"]
    search_fields = ["title"]
    filter_horizontal = ["koersgroepen"]
    # Establishing freezes what the public reads (opgaven.services.change_chapter_status).
    readonly_fields = ["status", "established_at"]
    inlines = [SectionInline, AmbitionInline, ContributionInline]


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    """Established versions are frozen: they can be read here, never changed."""

    list_display = ["chapter", "established_at"]
    list_filter = ["chapter__edition", "chapter"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ContentAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    pass


for model in (Section, Ambition, Contribution, Quote, Footnote):
    admin.site.register(model, ContentAdmin, list_filter=["chapter"], search_fields=["chapter__title"])


@admin.register(Block)
class BlockAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    """A section's blocks in reading order (introduction sections' figures too)."""

    list_display = ["__str__", "section", "intro_section", "order", "year"]
    list_filter = ["kind", "section__chapter"]
    search_fields = ["text", "section__chapter__title"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["chapter", "author", "status", "created_at"]
    list_filter = ["status", "chapter"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """To look up a proposal; deciding it goes through its page (opgaven.suggestions)."""

    list_display = ["item_label", "chapter", "author", "status", "created_at"]
    list_filter = ["status", "chapter"]
    readonly_fields = [field.name for field in Suggestion._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "edition", "year", "status", "progress", "requested_by", "created_at"]
    list_filter = ["status", "kind"]


@admin.register(RouteStep)
class RouteStepAdmin(admin.ModelAdmin):
    """An edition's sign-off route; the steps themselves are taken on the chapter's page."""

    list_display = ["name", "edition", "position", "kind", "body", "organisation", "publishes"]
    list_filter = ["edition"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Decisions outside the route (the agenda's history) are recorded here; route decisions
    are made on the chapter's Besluitvorming page and only read here."""

    list_display = ["text", "edition", "chapter", "decided_by", "date", "outcome"]
    list_filter = ["edition", "outcome", "body"]
    search_fields = ["text", "reasons", "source"]
    readonly_fields = ["version", "step", "recorded_by", "recorded_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
