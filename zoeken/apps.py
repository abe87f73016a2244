from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _fill_empty_index(sender, using="default", **kwargs):
    """A database from before search (or restored without it) gets its index once, at migrate."""
    from opgaven.models import Chapter
    from zoeken import index
    from zoeken.models import SearchEntry

    if not SearchEntry.objects.using(using).exists() and Chapter.objects.using(using).filter(
            established_at__isnull=False).exists():
        index.rebuild_all()


class ZoekenConfig(AppConfig):
    name = "zoeken"
    verbose_name = "Zoeken"

    def ready(self):
        from zoeken import index, sources

        sources.register_builtin()
        index.connect()
        post_migrate.connect(_fill_empty_index, sender=self, dispatch_uid="zoeken-fill-empty-index")
