"""What a reader sees of the agenda: the one place that decides it.

Readers without a draft right (opgaven.access.can_view_draft) see each chapter as the
netwerkoverleg last established it. Establishing writes a frozen copy of the chapter's whole
content tree (a Publication); public pages, organisation and body pages, the cockpit, the PDF
and every feed or API read that copy, never the live rows writers are changing. A chapter
that was never established, and a year's programme that did not exist when it was, do not
exist for them.

The content tree is registered here by the apps that own its parts: opgaven registers the
chapter's sections, ambitions, contributions, quotes and footnotes; jaarprogramma plugs in the
year programmes with their criteria, actions, sub-items and carriers. Both the draft and the
established version come back in one shape: a Chapter whose related managers
(`chapter.ambitions.all`, `programme.actions.all` …) are filled in, so templates and the PDF
do not care which one they show.

Some fields are facts of the monitoring, not text that is established: an action's status,
a criterion's judgement. Readers always see their live value (`register_live_fields`).
"""

import copy
import threading
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core import serializers
from django.db import transaction
from django.db.models import Case, F, Prefetch, Value, When
from django.utils import timezone

from opgaven.access import can_edit_front_matter, can_view_draft
from opgaven.models import Chapter, Edition, Publication
from opgaven.signals import chapter_established


@dataclass(frozen=True)
class Child:
    name: str  # the related manager on the parent, e.g. "ambitions"
    queryset: object  # callable returning the live queryset (with its select_related)


_TREE: dict = {}
_LIVE_FIELDS: dict = {}


def register_children(parent_model, name, queryset):
    """`parent.<name>.all()` belongs to the established content of a chapter."""
    children = _TREE.setdefault(parent_model, [])
    if all(child.name != name for child in children):
        children.append(Child(name, queryset))


def _tree_models():
    """Every model whose rows belong to a chapter's frozen content."""
    children = {getattr(parent, child.name).rel.related_model for parent, kids in _TREE.items() for child in kids}
    return {Chapter, *_TREE, *children}


def register_live_fields(model, *fields):
    _LIVE_FIELDS[model] = fields


# -- the live draft -------------------------------------------------------------------------

def _prefetches(model):
    prefetches = []
    for child in _TREE.get(model, []):
        queryset = child.queryset()
        nested = _prefetches(queryset.model)
        if nested:
            queryset = queryset.prefetch_related(*nested)
        prefetches.append(Prefetch(child.name, queryset=queryset))
    return prefetches


def with_content(roots):
    """The chapters (or editions: their front matter) with their whole live content tree prefetched."""
    if roots.model is Chapter:
        roots = roots.select_related("edition")
    return roots.prefetch_related(*_prefetches(roots.model))


# -- freezing and thawing ---------------------------------------------------------------------

def _freeze(obj):
    node = serializers.serialize("python", [obj])[0]
    node.pop("model")
    children = {
        child.name: [_freeze(item) for item in getattr(obj, child.name).all()]
        for child in _TREE.get(type(obj), [])
    }
    if children:
        node["children"] = children
    return node


# The edition's own front-matter fields; its introduction and principles are registered children.
FRONT_MATTER_FIELDS = ("motto", "manifest_title", "manifest_intro")


def freeze(root):
    """A chapter's (or an edition's front matter's) content tree as JSON-ready data; `root`
    comes from with_content."""
    content = {child.name: [_freeze(item) for item in getattr(root, child.name).all()]
               for child in _TREE.get(type(root), [])}
    if isinstance(root, Edition):
        content["fields"] = {name: getattr(root, name) for name in FRONT_MATTER_FIELDS}
    return content


_EMPTY = {}
_NOTHING = {}
_FIELDS = {}


def _filled(model, items):
    queryset = _EMPTY[model]._chain()
    queryset._result_cache = items
    queryset._prefetch_done = True
    return queryset


def _set_children(obj, name, model, items):
    # A clone of one empty queryset per model: building each from the manager costs more than
    # the rest of a node when a page thaws hundreds of them. Most children lists are empty (a
    # page thaws only the parts it shows): those share one evaluated, empty queryset.
    if model not in _EMPTY:
        _EMPTY[model] = model._default_manager.none()
        _NOTHING[model] = _filled(model, [])
    items = list(items)
    queryset = _filled(model, items) if items else _NOTHING[model]
    if not hasattr(obj, "_prefetched_objects_cache"):
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = queryset


def _fields(model):
    """{name: field} of the model's concrete fields, and its foreign keys to `parent` models."""
    if model not in _FIELDS:
        _FIELDS[model] = {field.name: field for field in model._meta.concrete_fields}
    return _FIELDS[model]


def _instance(model, node):
    """An unsaved instance from a frozen node, as serializers.deserialize builds it (fields of an
    older schema are skipped), without its per-object cost: pages thaw hundreds of nodes."""
    fields = _fields(model)
    values = {model._meta.pk.attname: model._meta.pk.to_python(node["pk"])}
    for name, value in node["fields"].items():
        field = fields.get(name)
        if field is None:
            continue
        if field.is_relation:
            values[field.attname] = None if value is None else field.target_field.to_python(value)
        else:
            values[field.attname] = field.to_python(value)
    return model(**values)


class _Thaw:
    """Turns frozen nodes back into unsaved model instances, relations attached in bulk.

    `keep` ({child name: predicate(frozen node)}) leaves out, before they are thawed, the items
    of that kind a reader does not show (another year's programme, an action not on this page)."""

    def __init__(self, keep=None, related=None):
        self.by_model = {}  # model -> {pk: instance}
        self.keep = keep or {}
        # {model: ids} fetched along with what the thawed items point at: the rows a whole list
        # points at, when only a page of it is thawed, so every page runs the same queries.
        self.related = related or {}

    def children(self, parent, frozen):
        for child in _TREE.get(type(parent), []):
            model = getattr(type(parent), child.name).rel.related_model
            nodes = frozen.get(child.name, [])
            if child.name in self.keep:
                nodes = [node for node in nodes if self.keep[child.name](node)]
            items = [self.node(model, node, parent) for node in nodes]
            _set_children(parent, child.name, model, items)

    def node(self, model, node, parent):
        obj = _instance(model, node)
        for field in _fields(model).values():
            if field.is_relation and field.related_model is type(parent):
                setattr(obj, field.name, parent)
        self.by_model.setdefault(model, {})[obj.pk] = obj
        if node.get("children"):
            self.children(obj, node["children"])
        else:
            for child in _TREE.get(model, []):
                _set_children(obj, child.name, getattr(model, child.name).rel.related_model, [])
        return obj

    def attach_related(self):
        """Foreign keys outside the parent: an organisation, in one query per target model; or
        another part of the same content (a footnote's section, the block an item is printed
        in), taken from the frozen copy, never from the live rows."""
        tree = _tree_models()
        wanted = {model: set(ids) for model, ids in self.related.items() if ids}
        for model, objects in self.by_model.items():
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model is Chapter:
                    continue
                for obj in objects.values():
                    if field.is_cached(obj):
                        continue
                    value = getattr(obj, field.attname)
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
        found = {target: (self.by_model.get(target) or {}) if target in tree
                 else target._default_manager.in_bulk(ids)
                 for target, ids in wanted.items()}
        for model, objects in self.by_model.items():
            for field in model._meta.concrete_fields:
                if field.related_model in found:
                    for obj in objects.values():
                        value = getattr(obj, field.attname)
                        if value is None or field.is_cached(obj):
                            continue
                        target = found[field.related_model].get(value)
                        if target is not None or field.related_model not in tree:
                            setattr(obj, field.name, target)

    def overlay_live_facts(self):
        for model, fields in _LIVE_FIELDS.items():
            objects = self.by_model.get(model)
            if not objects:
                continue
            for row in model._default_manager.filter(pk__in=objects).order_by().values("pk", *fields):
                obj = objects[row.pop("pk")]
                for name, value in row.items():
                    setattr(obj, name, value)


def _thaw(pairs, keep=None, related=None):
    """[(chapter or edition, frozen content)] → the roots, showing that content."""
    thaw = _Thaw(keep, related)
    for chapter, content in pairs:
        thaw.children(chapter, content)
        for name, value in content.get("fields", {}).items():
            setattr(chapter, name, value)
    thaw.attach_related()
    thaw.overlay_live_facts()
    return [chapter for chapter, _ in pairs]


# -- what readers see ------------------------------------------------------------------------

class _DecodedContent:
    """Frozen content, decoded, by its version's token: a version is written once and never
    changed, so every page of this process reads its JSON from the database and decodes it once
    (an edition after three years of programmes is a few hundred kB of it). Bounded: the oldest
    goes first."""

    SIZE = 64

    def __init__(self):
        self.items = {}
        self.lock = threading.Lock()

    def tokens(self):
        with self.lock:
            return list(self.items)

    def get(self, token):
        with self.lock:
            return self.items.get(token)

    def keep(self, token, content):
        with self.lock:
            self.items[token] = content
            while len(self.items) > self.SIZE:
                del self.items[next(iter(self.items))]


_decoded = _DecodedContent()


def established_content(chapters):
    """[(chapter, frozen content)] of the chapters that have an established version, not yet
    thawed (two queries): for a reader that needs only a part of it (thaw_parts). Content this
    process decoded before is not sent again (the same query either way)."""
    chapters = list(chapters.filter(established_at__isnull=False).select_related("edition"))
    rows = Publication.objects.filter(
        chapter__in=chapters, established_at=F("chapter__established_at")
    ).annotate(
        unless_known=Case(When(token__in=_decoded.tokens(), then=Value(None)), default=F("content"),
                          output_field=Publication._meta.get_field("content")),
    ).values_list("chapter_id", "token", "unless_known")
    content = {}
    for chapter_id, token, fetched in rows:
        if fetched is None:
            fetched = _decoded.get(token)
            if fetched is None:  # pushed out meanwhile (by a row before it, or another thread)
                fetched = Publication.objects.get(token=token).content
        else:
            _decoded.keep(token, fetched)
        content[chapter_id] = fetched
    for chapter in chapters:
        chapter.is_draft = False
    return [(chapter, content.get(chapter.pk, {})) for chapter in chapters]


def established(chapters):
    """The chapters that have an established version, showing it (a fixed number of queries)."""
    return _thaw(established_content(chapters))


def thaw_parts(pairs, parts, *, keep=None, related=None):
    """Copies of the chapters of `pairs` (established_content) showing only the named parts of
    their content (e.g. ("contributions",); the others are empty), narrowed by `keep` (see
    _Thaw). What a page thaws grows with what it shows, not with all the content there is."""
    copies = []
    for chapter, content in pairs:
        shown = copy.copy(chapter)
        shown.__dict__.pop("_prefetched_objects_cache", None)
        copies.append((shown, {name: content[name] for name in parts if name in content}))
    return _thaw(copies, keep, related)


def drafts(chapters):
    chapters = list(with_content(chapters))
    for chapter in chapters:
        chapter.is_draft = True
    return chapters


def chapters_for(user, edition):
    """The chapters a reader may open, without their content: established ones, and the
    drafts this reader works on."""
    chapters = Chapter.objects.filter(edition=edition).select_related("edition").prefetch_related("koersgroepen")
    return [c for c in chapters if c.established_at is not None or can_view_draft(user, c)]


def read(user, chapter, *, established_version=False):
    """The chapter as this reader sees it: the draft for those who may read it (unless they
    ask for the established version), the established version for everyone else; None when
    there is nothing this reader may see."""
    queryset = Chapter.objects.filter(pk=chapter.pk)
    if can_view_draft(user, chapter) and not established_version:
        return drafts(queryset)[0]
    shown = established(queryset)
    return shown[0] if shown else None


# Per request (PublishedPerRequestMiddleware): {edition pk: {filters: chapters}}.
_per_request = ContextVar("published_per_request", default=None)


@contextmanager
def remembered_per_request():
    """Within this block `published` thaws an edition once, however many parts of a page ask for
    it, each with its own Edition object (the organisation page's actions and contributions)."""
    token = _per_request.set({})
    try:
        yield
    finally:
        _per_request.reset(token)


def published(edition, **filters):
    """Every established chapter of the edition, showing its established version.

    Remembered on the edition object, and for the whole request where one is running: a page
    that asks several times (the cockpit's parts) thaws the copies once."""
    memo = _per_request.get()
    remembered = (memo.setdefault(edition.pk, {}) if memo is not None
                  else edition.__dict__.setdefault("_published", {}))
    key = tuple(sorted(filters.items()))
    if key not in remembered:
        remembered[key] = established(Chapter.objects.filter(edition=edition, **filters))
    return remembered[key]


def published_content(edition, **filters):
    """established_content of the edition's chapters, fetched once per request (as `published`)."""
    memo = _per_request.get()
    remembered = (memo.setdefault(edition.pk, {}) if memo is not None
                  else edition.__dict__.setdefault("_published", {}))
    key = ("content", *sorted(filters.items()))
    if key not in remembered:
        remembered[key] = established_content(Chapter.objects.filter(edition=edition, **filters))
    return remembered[key]


def front_matter(user, edition, *, established_version=False):
    """The edition's motto, introduction and manifest as this reader sees them: the draft for
    those who write it (the netwerkoverleg), the established version for everyone else."""
    queryset = Edition.objects.filter(pk=edition.pk)
    if can_edit_front_matter(user) and not established_version:
        shown = with_content(queryset).get()
        shown.is_draft = True
        return shown
    shown = queryset.get()
    shown.is_draft = False
    content = Publication.objects.filter(
        edition=shown, chapter=None, established_at__isnull=False, established_at=shown.front_matter_established_at,
    ).values_list("content", flat=True).first()
    return _thaw([(shown, content or {"fields": dict.fromkeys(FRONT_MATTER_FIELDS, "")})])[0]


# -- establishing ---------------------------------------------------------------------------

def freeze_version(subject):
    """Freeze a chapter's (or an edition's front matter's) current content as a version,
    offered to its route, not yet public."""
    if isinstance(subject, Edition):
        live = with_content(Edition.objects.filter(pk=subject.pk)).get()
        return Publication.objects.create(edition=subject, content=freeze(live))
    live = with_content(Chapter.objects.filter(pk=subject.pk)).get()
    return Publication.objects.create(chapter=subject, content=freeze(live))


@transaction.atomic
def make_public(version, *, at=None):
    """From now on the public reads this version of its chapter (or front matter)."""
    at = at or timezone.now()
    Publication.objects.filter(pk=version.pk).update(established_at=at)
    version.established_at = at
    if version.chapter_id is None:
        Edition.objects.filter(pk=version.edition_id).update(front_matter_established_at=at)
        version.edition.front_matter_established_at = at
        return version
    Chapter.objects.filter(pk=version.chapter_id).update(established_at=at)
    chapter = version.chapter
    chapter.established_at = at
    chapter.edition.__dict__.pop("_published", None)
    if _per_request.get() is not None:
        _per_request.get().pop(chapter.edition_id, None)
    chapter_established.send(sender=Chapter, chapter=chapter, publication=version)
    return version


@transaction.atomic
def publish(chapter, *, at=None):
    """Freeze the chapter's current content and make it public at once (the agenda as loaded
    was established before the portal existed; tests)."""
    make_public(freeze_version(chapter), at=at)
    return chapter


def ensure_published(chapters):
    """Give established chapters without a frozen copy (a freshly loaded agenda, data from
    before copies were kept) one, from their current content."""
    missing = chapters.filter(established_at__isnull=False).exclude(
        publications__established_at=F("established_at"))
    for chapter in missing:
        with transaction.atomic():
            live = with_content(Chapter.objects.filter(pk=chapter.pk)).get()
            copy = Publication.objects.create(chapter=chapter, frozen_at=chapter.established_at,
                                              established_at=chapter.established_at, content=freeze(live))
            chapter_established.send(sender=Chapter, chapter=chapter, publication=copy)


def ensure_front_matter_published(edition, at):
    """The loaded edition's front matter was established with it: freeze it once."""
    if edition.front_matter_established_at is None:
        make_public(freeze_version(edition), at=at)


def content_models():
    """{related name: model} for every registered kind of chapter content."""
    return {child.name: getattr(parent, child.name).rel.related_model
            for parent, children in _TREE.items() for child in children}


def freeze_draft(subject):
    """The chapter's (or the edition's front matter's) live draft in the frozen shape, to compare
    with a version."""
    return freeze(with_content(type(subject).objects.filter(pk=subject.pk)).get())
