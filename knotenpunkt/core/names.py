"""Split a person's name as written in one field into the parts of a vCard's ``N``
(RFC 6350, 6.2.2: family; given; additional; prefixes; suffixes)."""

from dataclasses import dataclass

# Written before the name (titles, forms of address) and after it (degrees).
PREFIXES = {
    "dr.",
    "dr",
    "prof.",
    "prof",
    "frau",
    "herr",
    "dipl.-ing.",
    "dipl.-päd.",
    "dipl.-soz.",
    "dipl.-soz.päd.",
    "mag.",
    "pfarrer",
    "pfarrerin",
    "pastor",
    "pastorin",
}
SUFFIXES = {
    "b.a.",
    "b.sc.",
    "m.a.",
    "m.sc.",
    "ll.m.",
    "mba",
    "ph.d.",
    "jr.",
    "sen.",
    "jun.",
    "msc",
    "bsc",
    "b.eng.",
    "m.eng.",
    "dipl.",
    "m.ed.",
    "b.ed.",
}
# Particles that belong to the family name (Anna von Berg: family "von Berg").
PARTICLES = {
    "von",
    "van",
    "de",
    "der",
    "den",
    "zu",
    "vom",
    "zum",
    "zur",
    "di",
    "da",
    "del",
    "al",
    "el",
    "ter",
    "ten",
}


@dataclass(frozen=True)
class NameParts:
    family: str = ""
    given: str = ""
    additional: str = ""
    prefix: str = ""
    suffix: str = ""


def split_name(name: str) -> NameParts:
    """Return the parts of ``name`` ("Dr. Jana Maria Müller B.Sc.", "Müller, Jana")."""
    name = " ".join((name or "").split())
    if not name:
        return NameParts()
    family_first = ""
    if "," in name:  # "Müller, Jana Maria": the family name comes first
        family_first, _comma, name = (part.strip() for part in name.partition(","))
    words = name.split(" ")
    prefixes, suffixes = [], []
    while len(words) > 1 and words[0].lower() in PREFIXES:
        prefixes.append(words.pop(0))
    while len(words) > 1 and words[-1].lower().rstrip(",") in SUFFIXES:
        suffixes.insert(0, words.pop())
    if family_first:
        return NameParts(
            family=family_first,
            given=words[0] if words else "",
            additional=" ".join(words[1:]),
            prefix=" ".join(prefixes),
            suffix=" ".join(suffixes),
        )
    if len(words) == 1:
        return NameParts(family=words[0], prefix=" ".join(prefixes), suffix=" ".join(suffixes))
    family = [words.pop()]
    while len(words) > 1 and words[-1].lower() in PARTICLES:
        family.insert(0, words.pop())
    given, additional = words[0], " ".join(words[1:])
    return NameParts(
        family=" ".join(family),
        given=given,
        additional=additional,
        prefix=" ".join(prefixes),
        suffix=" ".join(suffixes),
    )
