"""The PDF export against WeasyPrint alone, and a re-export of unchanged data against the first.

- pdf_export_vs_weasyprint: a full export (load the live data, build the HTML, hash it,
  render, store the file, record the job) over WeasyPrint rendering the same HTML with the
  same options.
- pdf_unchanged_check_vs_first: exporting again when nothing changed, over the first export:
  the fingerprint of the data and of every template, stylesheet and font (no rendering),
  the look-up of the stored file and the new job's row.
"""

from weasyprint import HTML

from opgaven.models import Edition, ExportJob, ExportStatus
from opgaven.pdf import services
from opgaven.pdf.fetcher import BASE_URL, StaticOnlyFetcher
from opgaven.pdf.render import PDF_VARIANT, render_html

REPEAT = 3


def run(bench):
    edition = Edition.objects.get(slug="2021-2023")
    year = edition.start_year
    html = render_html("agenda", edition.pk, year)

    def weasyprint_alone():
        HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf(pdf_variant=PDF_VARIANT)

    def first_export():
        ExportJob.objects.all().delete()
        job = services.start_export(user=None, edition=edition, year=year)
        job.refresh_from_db()
        if job.status != ExportStatus.DONE:
            raise RuntimeError(f"export mislukt: {job.error}")

    def re_export():
        job = services.start_export(user=None, edition=edition, year=year)
        if job.status != ExportStatus.DONE or job.attempts:
            raise RuntimeError("het opgeslagen bestand is niet hergebruikt")

    alone = bench.median_seconds(weasyprint_alone, repeat=REPEAT, warmup=1)
    export = bench.median_seconds(first_export, repeat=REPEAT, warmup=0)
    yield "pdf_export_vs_weasyprint", export / alone, "ratio"
    again = bench.median_seconds(re_export, repeat=REPEAT * 3, warmup=1)
    yield "pdf_unchanged_check_vs_first", again / export, "ratio"
