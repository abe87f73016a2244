"""`{% public_pdf edition [year] [chapter] %}`: the download link of a stored public PDF, or a
note that it is being made (one query; a missing file counts as being made)."""

from django import template

from opgaven.pdf.public import current_document, stored_size

register = template.Library()


@register.inclusion_tag("opgaven/includes/public_pdf.html")
def public_pdf(edition, year=None, chapter=None):
    document = current_document(edition, year or None, chapter)
    size = stored_size(document) if document else None
    if size is None:
        document = None
    return {"edition": edition, "year": document.year if document else year, "chapter": chapter,
            "document": document, "size": size}
