"""The chapter page's server time against a trivial template view, at 1× and 10× the data."""

from opgaven.models import Chapter


def run(bench):
    chapter = Chapter.objects.get(edition__slug="2021-2023", slug="medewerkers-en-vrijwilligers")
    yield "chapter_page_vs_trivial_x1", bench.page_ratio(chapter.get_absolute_url()), "ratio"
    bench.scale(10)
    yield "chapter_page_vs_trivial_x10", bench.page_ratio(chapter.get_absolute_url()), "ratio"
