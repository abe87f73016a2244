"""Readers' comments on the chapters and the PDF exports staff asked for over the years."""

import datetime
import hashlib

from opgaven.models import Ambition, Chapter, Comment, CommentStatus, ExportJob, ExportKind, ExportStatus

from .bulk import BATCH, moment, own_dates


def _day_in(rng, edition):
    """A working day in the year before the edition starts up to the last year's establishment."""
    start = datetime.date(edition.start_year - 1, 3, 1)
    end = datetime.date(edition.end_year - 1, 12, 1)
    return start + datetime.timedelta(days=rng.randrange((end - start).days))


def seed_comments(size, rng, staff, editions, counts):
    chapters = list(Chapter.objects.filter(edition__in=editions).select_related("edition").order_by("pk"))
    ambitions = {}
    for pk, chapter_id in Ambition.objects.filter(chapter__in=chapters).values_list("pk", "chapter_id"):
        ambitions.setdefault(chapter_id, []).append(pk)
    users = staff.user_ids
    comments = []
    for n in range(size.comments):
        chapter = chapters[n % len(chapters)]
        day = _day_in(rng, chapter.edition)
        handled = rng.random() < 0.8
        on_ambition = ambitions.get(chapter.pk) if rng.random() < 0.4 else None
        comments.append(Comment(
            chapter=chapter, ambition_id=rng.choice(on_ambition) if on_ambition else None,
            author_id=users[rng.randrange(len(users))], text=f"Opmerking {n + 1}: kan dit concreter?",
            created_at=moment(day), status=CommentStatus.HANDLED if handled else CommentStatus.OPEN,
            reply="Verwerkt in de nieuwe versie." if handled else "",
            handled_by_id=users[rng.randrange(len(users))] if handled else None,
            handled_at=moment(day + datetime.timedelta(days=7)) if handled else None))
    with own_dates(Comment._meta.get_field("created_at")):
        Comment.objects.bulk_create(comments, batch_size=BATCH)
    counts["commentaren"] = len(comments)


def seed_exports(size, rng, staff, editions, counts):
    """Finished exports (their files long since cleared away) and a few that failed; all made
    before the last establishment, so none is the current document of a chapter."""
    chapters = list(Chapter.objects.filter(edition__in=editions).select_related("edition").order_by("pk"))
    users = staff.user_ids
    jobs = []
    for n in range(size.exports):
        edition = editions[n % len(editions)]
        chapter = chapters[n % len(chapters)] if n % 3 == 0 else None
        chapter = chapter if chapter is None or chapter.edition_id == edition.pk else None
        day = _day_in(rng, edition)
        done = rng.random() < 0.9
        year = edition.start_year + n % 3
        slug = f"netwerkagenda-{edition.slug}-{year}" + (f"-{chapter.slug}" if chapter else "")
        jobs.append(ExportJob(
            kind=ExportKind.CHAPTER if chapter else ExportKind.AGENDA, edition=edition, year=year, chapter=chapter,
            requested_by_id=users[rng.randrange(len(users))], created_at=moment(day),
            started_at=moment(day, seconds=5), finished_at=moment(day, seconds=40),
            status=ExportStatus.DONE if done else ExportStatus.FAILED, progress=100 if done else 40, attempts=1,
            error="" if done else "WeasyPrint gaf een fout.",
            content_hash=hashlib.sha256(f"{slug}-{n}".encode()).hexdigest(),
            file=f"exports/{day.year}/{slug}.pdf" if done else ""))
    with own_dates(ExportJob._meta.get_field("created_at")):
        ExportJob.objects.bulk_create(jobs, batch_size=BATCH)
    counts["exports"] = len(jobs)
