"""Domain rules of the import: which organisations a cell names, which body and role it means."""

import re
from dataclasses import dataclass, field

from django.utils.text import slugify

from governance.models import OrganisationType, Role, normalise_name

# "KB en Stichting Lezen", "Rijnbrink & SPN", "BiSC, Cubiss": several organisations in one cell.
SEPARATORS = re.compile(r"\s+en\s+|\s*&\s*|\s*[,;/+]\s*", re.IGNORECASE)
AND = re.compile(r"\s+en\s+", re.IGNORECASE)


@dataclass
class UnknownOrganisation:
    """An organisation the file names that the portal does not know yet."""

    name: str
    suggested_type: str
    rows: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return normalise_name(self.name)


def resolve_organisations(text: str, index: dict) -> list:
    """The organisations a cell names: `Organisation`s, or `str` names the portal does not know.

    The whole text wins when it is a known spelling ("Bibliotheken Mar en Fean"). Otherwise it
    is split on "en", "&", "," and "/" when a part is a known organisation ("ZB Planbureau en
    Bibliotheek X"); when no part is known, only on "en" ("Bibliotheek Lek & IJssel" is one).
    """
    key = normalise_name(text)
    if not key:
        return []
    if key in index:
        return [index[key]]
    parts = _parts(SEPARATORS, text)
    if not any(normalise_name(p) in index for p in parts):
        parts = _parts(AND, text)
    result = []
    for part in parts:
        found = index.get(normalise_name(part))
        candidate = found if found is not None else part
        if candidate not in result:
            result.append(candidate)
    return result


def _parts(pattern, text):
    return [" ".join(part.split()) for part in pattern.split(text) if part and part.strip()] or [" ".join(text.split())]


def guess_organisation_type(name: str) -> str:
    """A sensible default for the type select of an unknown organisation."""
    folded = normalise_name(name)
    if folded in ("kb", "koninklijke bibliotheek"):
        return OrganisationType.KB
    if folded in ("spn", "samenwerkende poi's nederland"):
        return OrganisationType.SPN
    if folded in ("vob", "vereniging openbare bibliotheken"):
        return OrganisationType.VOB
    if "biblio" in folded or folded.startswith("de bieb") or "bieb" in folded.split():
        return OrganisationType.OB
    return OrganisationType.EXTERNAL


def unique_key(name: str, taken: set) -> str:
    base = slugify(name)[:70] or "organisatie"
    key, counter = base, 2
    while key in taken:
        key = f"{base}-{counter}"
        counter += 1
    taken.add(key)
    return key


ROLE_INDEX = {
    **{normalise_name(value): value for value in Role.values},
    **{normalise_name(str(label)): value for value, label in Role.choices},
    "chair": Role.CHAIR, "member": Role.MEMBER, "writer": Role.WRITER, "reader": Role.READER,
    "secretary": Role.SECRETARY, "ambassador": Role.AMBASSADOR, "voorzitster": Role.CHAIR,
    "leden": Role.MEMBER,
}


def resolve_role(text: str):
    """The Role value, `Role.MEMBER` for an empty cell, None when the text is no role."""
    if not normalise_name(text):
        return Role.MEMBER
    return ROLE_INDEX.get(normalise_name(text))


def body_index(bodies) -> dict:
    index = {}
    for body in bodies:
        index[normalise_name(body.name)] = body
        index[normalise_name(body.slug)] = body
        index[normalise_name(body.slug.replace("-", " "))] = body
    return index
