"""Keeping the search index (SearchEntry) in step with what the public reads.

A chapter's entries are rebuilt from its established copy when a version of it becomes
public (opgaven.signals.chapter_established), in the same transaction; a public record (an
organisation, a body, a decision) is re-indexed when it is saved or deleted. Drafts are never
indexed: zoeken.search reads them live for those who may. `rebuild_all` (the command
`rebuild_search_index`) starts over, e.g. after bulk writes that send no signals."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from opgaven import publication
from opgaven.models import Chapter
from opgaven.signals import chapter_established

from . import sources
from .models import SearchEntry

CONFIG = "dutch"


def uses_postgres():
    return connection.vendor == "postgresql"


def vector():
    """The Dutch full-text vector: a word in the title weighs more than one in the text."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector("text", weight="B", config=CONFIG)


def _entry(document):
    return SearchEntry(
        kind=document.kind, object_id=document.object_id, edition_id=document.edition_id,
        chapter_id=document.chapter_id, year=document.year, title=document.title[:500],
        context=str(document.context)[:300], text=document.text, url=document.url[:500],
        position=document.position,
    )


def _store(documents):
    entries = SearchEntry.objects.bulk_create([_entry(document) for document in documents])
    if entries and uses_postgres():
        SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).update(vector=vector())
    return len(entries)


@transaction.atomic
def rebuild_chapters(chapters):
    """The entries of these chapters, from their established copies (none if never established)."""
    chapters = list(chapters)
    SearchEntry.objects.filter(chapter__in=chapters).delete()
    shown = publication.established(Chapter.objects.filter(pk__in=[c.pk for c in chapters]))
    return _store(document for chapter in shown for document in sources.chapter_documents(chapter))


@transaction.atomic
def index_object(source, obj):
    SearchEntry.objects.filter(kind=source.kind, object_id=str(obj.pk)).delete()
    public = source.queryset().filter(pk=obj.pk).first() if obj.pk is not None else None
    if public is not None:  # as stored, with what its queryset selects
        _store([source.document(public)])


@transaction.atomic
def rebuild_all():
    SearchEntry.objects.all().delete()
    count = rebuild_chapters(Chapter.objects.filter(established_at__isnull=False))
    for source in sources.SOURCES.values():
        count += _store(source.document(obj) for obj in source.queryset())
    return count


# -- keeping it up to date --------------------------------------------------------------------

def _chapter_established(sender, chapter, **kwargs):
    rebuild_chapters([chapter])
    for source in sources.SOURCES.values():
        if source.chapter_field:
            for obj in source.model._default_manager.filter(**{source.chapter_field: chapter}):
                index_object(source, obj)


def watch(source):
    """Re-index a source's object whenever it is saved or deleted."""

    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            index_object(source, instance)

    def deleted(sender, instance, **kwargs):
        SearchEntry.objects.filter(kind=source.kind, object_id=str(instance.pk)).delete()

    uid = f"zoeken-{source.kind}"
    # weak=False: the receivers are closures that live as long as the registration.
    post_save.connect(saved, sender=source.model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(deleted, sender=source.model, weak=False, dispatch_uid=f"{uid}-delete")


def connect():
    chapter_established.connect(_chapter_established, sender=Chapter, dispatch_uid="zoeken-chapter")
