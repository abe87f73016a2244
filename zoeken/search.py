"""Searching what a reader may read: the established agenda for everyone, and for those with a
draft right (opgaven.access.can_view_draft) the drafts of their chapters, marked as drafts.

Established content and public records come from the index (SearchEntry). On PostgreSQL the
query is Dutch full text (websearch syntax, so "bibliotheken" finds "bibliotheek"), ranked by
ts_rank and highlighted by ts_headline; on SQLite every word must occur (LIKE), ranked by
words in the title. A chapter whose draft the reader reads is searched in that draft instead
of its established copy, like the chapter page shows it: built live, never stored."""

import html
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.safestring import mark_safe

from opgaven import publication
from opgaven.access import draft_chapter_ids
from opgaven.models import Chapter

from . import index, sources
from .models import SearchEntry

PER_PAGE = 20
MAX_QUERY = 200
MAX_TERMS = 10
SNIPPET_CHARS = 240
# Markers ts_headline puts around a hit; the text is escaped first, then they become <mark>.
START, STOP = "\ue000", "\ue001"


@dataclass
class Hit:
    kind: str
    title: str
    snippet: str
    url: str
    context: str
    rank: float
    position: int
    is_draft: bool = False

    @property
    def kind_label(self):
        kind = sources.KINDS.get(self.kind)
        return kind.label if kind else self.kind


@dataclass
class Results:
    query: str
    hits: list = field(default_factory=list)
    total: int = 0
    page: int = 1

    @property
    def pages(self):
        return max(1, -(-self.total // PER_PAGE))

    @property
    def first_number(self):
        return (self.page - 1) * PER_PAGE + 1

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def terms_of(query):
    words = re.findall(r"\w+", query.lower())
    return list(dict.fromkeys(words))[:MAX_TERMS]


def _marked(text):
    """Escaped text whose headline markers became <mark> elements."""
    escaped = html.escape(text or "")
    return mark_safe(escaped.replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308 - escaped above


def _highlight(text, terms, *, whole=False):
    """Python's highlighting (SQLite, drafts): a window of the text around the first hit."""
    text = text or ""
    lower = text.lower()
    if not whole and len(text) > SNIPPET_CHARS:
        first = min((i for i in (lower.find(term) for term in terms) if i >= 0), default=0)
        start = max(0, first - SNIPPET_CHARS // 3)
        end = start + SNIPPET_CHARS
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(lower) else "")
    if terms:
        pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)),
                             re.IGNORECASE)
        text = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", text)
    return _marked(text)


def _filters(chapter=None, kind=None, year=None):
    q = Q()
    if chapter is not None:
        q &= Q(chapter_id=chapter.pk)
    if kind:
        q &= Q(kind=kind)
    if year:
        q &= Q(year=year)
    return q


# -- the index --------------------------------------------------------------------------------

def _indexed(query, terms, filters, excluded_chapters, limit):
    entries = SearchEntry.objects.filter(filters)
    if excluded_chapters:
        entries = entries.exclude(chapter_id__in=excluded_chapters)
    if index.uses_postgres():
        found = SearchQuery(query, config=index.CONFIG, search_type="websearch")
        entries = entries.filter(vector=found)
        total = entries.count()
        rows = (entries.annotate(
            rank=SearchRank(F("vector"), found),
            marked_title=SearchHeadline("title", found, config=index.CONFIG, start_sel=START, stop_sel=STOP,
                                        highlight_all=True),
            snippet=SearchHeadline("text", found, config=index.CONFIG, start_sel=START, stop_sel=STOP,
                                   max_words=35, min_words=15, max_fragments=2, fragment_delimiter=" … "),
        ).order_by("-rank", "position", "pk")[:limit])
        return total, [Hit(row.kind, _marked(row.marked_title), _marked(row.snippet), row.url, row.context,
                           row.rank, row.position) for row in rows]
    for term in terms:
        entries = entries.filter(Q(title__icontains=term) | Q(text__icontains=term))
    total = entries.count()
    in_title = sum((Case(When(title__icontains=term, then=Value(2)), default=Value(0),
                         output_field=IntegerField()) for term in terms), Value(1))
    rows = entries.annotate(rank=in_title).order_by("-rank", "position", "pk")[:limit]
    return total, [Hit(row.kind, _highlight(row.title, terms, whole=True), _highlight(row.text, terms), row.url,
                       row.context, row.rank, row.position) for row in rows]


# -- drafts -----------------------------------------------------------------------------------

def _draft_documents(chapter_ids, chapter=None, kind=None, year=None):
    chapters = Chapter.objects.filter(pk__in=chapter_ids)
    if chapter is not None:
        chapters = chapters.filter(pk=chapter.pk)
    documents = [document for shown in publication.drafts(chapters)
                 for document in sources.chapter_documents(shown)]
    return [d for d in documents if (not kind or d.kind == kind) and (not year or d.year == year)]


_DRAFT_SQL = """
SELECT t.i, ts_rank(v.vector, q), ts_headline(%s, t.title, q, %s), ts_headline(%s, t.text, q, %s)
FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS t(title, text, i)
CROSS JOIN websearch_to_tsquery(%s, %s) AS q
CROSS JOIN LATERAL (SELECT setweight(to_tsvector(%s, t.title), 'A') || setweight(to_tsvector(%s, t.text), 'B')
                    AS vector) AS v
WHERE v.vector @@ q
"""


def _draft_hits(query, terms, documents):
    if not documents:
        return []
    hits = []
    if index.uses_postgres():
        title_options = f"StartSel={START}, StopSel={STOP}, HighlightAll=true"
        text_options = (f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
                        "FragmentDelimiter=\" … \"")
        config = index.CONFIG
        with connection.cursor() as cursor:
            cursor.execute(_DRAFT_SQL, [config, title_options, config, text_options,
                                        [d.title for d in documents], [d.text for d in documents],
                                        config, query, config, config])
            for number, rank, title, snippet in cursor.fetchall():
                document = documents[number - 1]
                hits.append(Hit(document.kind, _marked(title), _marked(snippet), document.url,
                                document.context, rank, document.position, is_draft=True))
        return hits
    for document in documents:
        title, text = document.title.lower(), document.text.lower()
        if terms and all(term in title or term in text for term in terms):
            rank = 1 + sum(2 for term in terms if term in title)
            hits.append(Hit(document.kind, _highlight(document.title, terms, whole=True),
                            _highlight(document.text, terms), document.url, document.context, rank,
                            document.position, is_draft=True))
    return hits


# -- the search -------------------------------------------------------------------------------

def search(user, query, *, chapter=None, kind=None, year=None, page=1):
    """One page of what this reader may find for `query`, best first."""
    query = (query or "").strip()[:MAX_QUERY]
    terms = terms_of(query)
    results = Results(query=query, page=max(1, page))
    if not terms:
        return results
    drafts = set(draft_chapter_ids(user))
    if chapter is not None and chapter.pk not in drafts and chapter.established_at is None:
        return results
    limit = results.page * PER_PAGE
    total, hits = _indexed(query, terms, _filters(chapter, kind, year), drafts, limit)
    if drafts:
        draft_hits = _draft_hits(query, terms, _draft_documents(drafts, chapter, kind, year))
        total += len(draft_hits)
        hits = sorted(hits + draft_hits, key=lambda hit: (-hit.rank, hit.position))
    results.total = total
    results.page = min(results.page, results.pages)
    start = (results.page - 1) * PER_PAGE
    results.hits = hits[start:start + PER_PAGE]
    return results
