"""WeasyPrint may read the project's own static files and nothing else."""

import io
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from opgaven.pdf.fetcher import BASE_URL, RefusedURL, StaticOnlyFetcher, static_url
from opgaven.pdf.render import render_html, render_pdf
from tests import factories as f


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


# If it were ever fetched, the PDF would contain an image.
PNG = _png()


@pytest.fixture
def listener():
    """A local HTTP server that counts every request it gets."""
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


@pytest.fixture
def local_png(tmp_path):
    path = tmp_path / "geheim.png"
    path.write_bytes(PNG)
    return path


def images_in(pdf, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    return listing.strip().splitlines()[2:]


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1/",
    "http://127.0.0.1:8000/static/pdf/agenda.css",
    "https://example.org/static/pdf/agenda.css",
    "data:image/png;base64,iVBORw0KGgo=",
    "ftp://netwerkagenda.invalid/static/pdf/agenda.css",
    BASE_URL + "media/exports/geheim.pdf",
    BASE_URL + "static/../netwerkagenda/settings.py",
    BASE_URL + "static/%2e%2e/netwerkagenda/settings.py",
    BASE_URL + "static/bestaat-niet.css",
    BASE_URL + "static/",
])
def test_the_fetcher_refuses_everything_but_our_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_the_fetcher_serves_our_stylesheet_and_fonts():
    fetcher = StaticOnlyFetcher()
    css = fetcher.fetch(static_url("pdf/agenda.css"))
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(static_url("fonts/source-sans-3/source-sans-3-latin-400-normal.woff"))
    assert font.read(4) == b"wOFF"


def test_html_pointing_at_the_network_or_local_files_fetches_nothing(listener, local_png, tmp_path):
    base, hits = listener
    html = f"""<!DOCTYPE html><html lang="nl"><head><title>t</title>
      <link rel="stylesheet" href="{base}/extern.css">
      <link rel="stylesheet" href="file://{local_png}">
      <style>@import url("{base}/import.css"); body {{ background: url("{base}/bg.png"); }}
        p {{ background-image: url("file://{local_png}"); }}</style></head>
      <body><p>Tekst</p><img src="{base}/img.png" alt=""><img src="file://{local_png}" alt="">
      <img src="/static/../{local_png}" alt=""></body></html>"""
    pdf = render_pdf(html)
    assert hits == []
    assert images_in(pdf, tmp_path) == []


def test_a_field_with_network_and_file_references_is_rendered_without_fetching_them(
    db, listener, local_png, tmp_path
):
    base, hits = listener
    edition = f.EditionFactory(motto=f'<img src="{base}/motto.png">')
    chapter = f.ChapterFactory(edition=edition, title="Onderdeel met verwijzingen")
    f.SectionFactory(chapter=chapter, body=(
        f'<img src="{base}/sectie.png"> ![x](file://{local_png}) ![y]({base}/md.png) '
        f'<style>body {{ background: url("{base}/stijl.png") }}</style>'
        f'<link rel="stylesheet" href="file://{local_png}">'
    ))
    f.FootnoteFactory(chapter=chapter, number=1, text=f'<img src="file://{local_png}">')
    html = render_html("agenda", edition.pk, 2021)
    pdf = render_pdf(html)
    assert hits == []
    assert images_in(pdf, tmp_path) == []


def test_the_listener_and_the_image_would_be_seen_without_our_fetcher(listener, local_png, tmp_path):
    """The control for the two tests above: plain WeasyPrint does fetch both references."""
    from weasyprint import HTML

    base, hits = listener
    html = f'<html><body><img src="{base}/img.png" alt=""><img src="file://{local_png}" alt=""></body></html>'
    pdf = HTML(string=html).write_pdf()
    assert hits == ["/img.png"]
    assert len(images_in(pdf, tmp_path)) == 2
