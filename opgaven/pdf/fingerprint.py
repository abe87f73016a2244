"""Whether anything a PDF shows changed since an earlier export, decided without rendering.

A fingerprint covers everything the document is made of:
- the data: one query reads a change marker per table the document's content reads (a
  digest of its rows, or for a table whose rows never change its count, newest key and
  newest dates), so any change gives a new fingerprint;
- the assets: every template the document's template includes or extends, every stylesheet
  it links and every font or image those stylesheets load (content digests, kept per file
  until its size or modification time changes);
- the pipeline (render.PIPELINE) and the document's kind, edition, year and chapter.

The tables are declared with the document (render.register(..., models=...));
tests/opgaven/test_pdf_fingerprint.py checks that they cover every table a render reads.
"""

import hashlib
import re
from pathlib import Path

from django.apps import apps
from django.contrib.staticfiles import finders
from django.db import connection
from django.template import loader
from django.template.loader_tags import ExtendsNode, IncludeNode

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+?)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")

_digests = {}  # path -> (mtime_ns, size, sha256)


def _file_digest(path) -> str:
    stat = Path(path).stat()
    cached = _digests.get(path)
    if cached and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    _digests[path] = (stat.st_mtime_ns, stat.st_size, digest)
    return digest


def _templates(name, seen):
    """The files of this template and of every template it includes or extends by name."""
    if name in seen:
        return
    seen[name] = None
    template = loader.get_template(name).template
    seen[name] = template.origin.name
    for node_type in (ExtendsNode, IncludeNode):
        for node in template.nodelist.get_nodes_by_type(node_type):
            expression = node.parent_name if node_type is ExtendsNode else node.template
            literal = getattr(expression, "var", None)
            if isinstance(literal, str):  # a constant name; a variable one is the context's
                _templates(literal, seen)


def _static_files(relative, found):
    """A static file, and for a stylesheet every file it loads, as {relative: path}."""
    if relative in found:
        return
    path = finders.find(relative)
    found[relative] = path
    if path and relative.endswith(".css"):
        for match in CSS_URL.finditer(Path(path).read_text(errors="replace")):
            target = (match[1] or match[2]).split("#")[0].split("?")[0]
            if target and ":" not in target:  # not data: or http:
                _static_files(_join(relative, target), found)


def _join(stylesheet, target):
    """pdf/agenda.css + ../fonts/x.woff = fonts/x.woff"""
    parts = stylesheet.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def asset_files(template, extra=()) -> dict:
    """{name: path} of every template and static file the document uses."""
    seen = {}
    _templates(template, seen)
    static = {}
    for relative in extra:
        _static_files(relative, static)
    for path in seen.values():
        for relative in STATIC_TAG.findall(Path(path).read_text()):
            _static_files(relative, static)
    return {**{f"template:{name}": path for name, path in seen.items()},
            **{f"static:{name}": path for name, path in static.items()}}


def _markers(model):
    """SQL for one table's change marker.

    A model with history is edited in place, and not always through a save that records a
    history row (a status or date set with .update()): its rows themselves are digested, in
    the database. A model without history is written once and only its dates change
    (Publication), or is a many-to-many table whose rows come and go: counts, the newest key
    and the dates say enough without reading its (large) content."""
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    if hasattr(model, "history"):
        if connection.vendor == "postgresql":
            return f"(SELECT md5(string_agg(t::text, '|' ORDER BY t.{pk})) FROM {table} t)"  # noqa: S608
        row = " || ',' || ".join(f"quote({quote(f.column)})" for f in model._meta.concrete_fields)
        return f"(SELECT group_concat(r, '|') FROM (SELECT {row} AS r FROM {table} ORDER BY {pk}))"  # noqa: S608
    columns = ["COUNT(*)", f"MAX({pk})"]
    for field in model._meta.concrete_fields:
        if field.get_internal_type() == "DateTimeField":
            columns += [f"COUNT({quote(field.column)})", f"MAX({quote(field.column)})"]
    return ", ".join(f"(SELECT {column} FROM {table})" for column in columns)  # noqa: S608 - our own names


def data_state(models) -> str:
    """One query over the change markers of these models' tables ("app_label.Model", or
    "app_label.Model.field" for a many-to-many field's own table)."""
    parts = []
    for label in models:
        app_label, name, *field = label.split(".")
        model = apps.get_model(app_label, name)
        if field:
            model = model._meta.get_field(field[0]).remote_field.through
        parts.append(_markers(model))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return hashlib.sha256("|".join(str(value) for value in cursor.fetchone()).encode()).hexdigest()


def fingerprint(document, *, header, extra_assets=()) -> str:
    digest = hashlib.sha256(header.encode())
    digest.update(data_state(document.models).encode())
    for name, path in sorted(asset_files(document.template, extra_assets).items()):
        digest.update(f"\n{name}:{_file_digest(path) if path else '-'}".encode())
    return digest.hexdigest()
