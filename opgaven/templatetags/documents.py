"""`{% public_pdf edition [year] [chapter] %}`: the download link of a stored public PDF, or a
note that it is being made (one query)."""

from django import template

from opgaven.pdf.public import current_document

register = template.Library()


@register.inclusion_tag("opgaven/includes/public_pdf.html")
def public_pdf(edition, year=None, chapter=None):
    document = current_document(edition, year or None, chapter)
    return {"edition": edition, "year": document.year if document else year, "chapter": chapter,
            "document": document}
