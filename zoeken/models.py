from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One findable item as the public reads it: a paragraph, ambition, action, body …

    Filled by zoeken.index from the established copy of a chapter when it is established, and
    from organisations and bodies when they are saved; never from a draft. On PostgreSQL
    `vector` holds the Dutch full-text vector (title weighted above text), GIN-indexed."""

    kind = models.CharField(_("soort"), max_length=30)
    object_id = models.CharField(max_length=100)
    edition = models.ForeignKey("opgaven.Edition", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    chapter = models.ForeignKey("opgaven.Chapter", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=500)
    context = models.CharField(_("waar"), max_length=300, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    url = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)  # reading order, for equal ranks
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("zoekingang")
        verbose_name_plural = _("zoekingangen")
        indexes = [
            models.Index(fields=["kind", "object_id"], name="search_entry_object"),
            # Created on PostgreSQL only (migration 0001): SQLite searches with LIKE.
            GinIndex(fields=["vector"], name="search_entry_vector"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"
