"""The registry of notification kinds. Each app registers its own in AppConfig.ready, so the
preferences page and the e-mails know every kind without governance knowing the higher apps."""

from collections.abc import Callable
from dataclasses import dataclass

from governance.notifications.models import Delivery


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # what the person chooses about, on the preferences page ("Een ronde opent voor u")
    default: str = Delivery.IMMEDIATE
    # For links that must not be stored (a password link): made when the e-mail is written.
    link: Callable | None = None


_kinds: dict[str, Kind] = {}


def register(key, label, *, default=Delivery.IMMEDIATE, link=None) -> Kind:
    kind = Kind(key, label, default, link)
    _kinds[key] = kind
    return kind


def get(key) -> Kind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"unregistered notification kind {key!r}") from None


def all_kinds() -> list[Kind]:
    return list(_kinds.values())
