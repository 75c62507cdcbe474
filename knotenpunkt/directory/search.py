"""The directory's text search: the shared search machinery (``core.search``) over a
``MemoryIndex`` of each district's organisations.

The index holds every organisation of the district (public or not; the caller keeps
those the visitor may see) and is rebuilt when an organisation is added, changed or
removed (its count or latest ``updated_at`` changes: one query per search).
"""

from django.db.models import Count, Max
from django.utils import translation

from knotenpunkt.core.search.bits import _ids
from knotenpunkt.core.search.clauses import TITLE
from knotenpunkt.core.search.memory import IndexCache, MemoryIndex
from knotenpunkt.core.search.words import parse

from .models import Organisation, OrganisationType

# A district's index: a few hundred organisations, some 100 kB.
_indexes = IndexCache(size=64)


def _documents(district, using):
    rows = (
        Organisation.objects.using(using)
        .in_district(district)
        .values_list("pk", "name", "type", "description", "city", "municipality__name")
    )
    # The type as German readers search for it ("Sprachkursträger"), whatever the language
    # of the request that builds the index.
    with translation.override("de"):
        for pk, name, kind, description, city, municipality in rows:
            label = str(OrganisationType(kind).label) if kind in OrganisationType else ""
            yield pk, name, " ".join([description, city, municipality or "", label])


def organisation_index(district, using="default"):
    """Return the ``MemoryIndex`` of ``district``'s organisations, as they are now."""
    state = (
        Organisation.objects.using(using)
        .in_district(district)
        .aggregate(count=Count("pk"), changed=Max("updated_at"))
    )
    key = (state["count"], state["changed"])
    return _indexes.get((using, district.pk), key, lambda: MemoryIndex(_documents(district, using)))


def searchable(text):
    """Whether ``text`` has a word to look for (emoji or quotes alone have none)."""
    return bool(parse(text))


def organisation_matches(district, text, using="default"):
    """Return the ids of the organisations that match ``text``: those whose name has the
    words, and the others (two lists)."""
    tiers = organisation_index(district, using).search(text)
    title = tiers.get(TITLE, 0)
    rest = 0
    for tier, bits in tiers.items():
        if tier != TITLE:
            rest |= bits
    return _ids(title), _ids(rest)
