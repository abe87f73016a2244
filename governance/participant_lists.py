"""Which participant list an import adds its people to, and which one an export lists.

The 'Totstandkoming' list of each agenda edition is the many-to-many `participants` (to
Person) of opgaven.Edition. governance does not import opgaven: opgaven registers its model
here (OpgavenConfig.ready), and the participant import and export, their form, view and
management commands ask this module for the lists. The import and export only use the
list's `participants` manager, so any model with one would do."""

from django.utils.text import capfirst

_model = None


def register(model):
    """`model` has a unique `slug`, a many-to-many `participants` to Person, newest first."""
    global _model
    _model = model


def available():
    """All lists, newest first; None when no app registered one."""
    return _model.objects.all() if _model is not None else None


def label() -> str:
    return capfirst(_model._meta.verbose_name) if _model is not None else ""


def get(*, slug=None, pk=None):
    """The list with this slug or primary key, or None."""
    lists = available()
    if lists is None or (slug is None and pk is None):
        return None
    return lists.filter(**({"slug": slug} if slug is not None else {"pk": pk})).first()


def newest():
    lists = available()
    return lists.first() if lists is not None else None
