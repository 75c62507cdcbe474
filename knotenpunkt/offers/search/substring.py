"""The text query on other databases: each word as a substring, without an index."""

from django.db.models import FloatField, Q, Value

from knotenpunkt.core.search.bits import _bits


class _Substring:
    """Other databases: each word as a substring (no index, no stemming)."""

    def __init__(self, using):
        self.using = using

    def expand(self, terms):
        pass

    def filter(self, offers, clauses):
        condition = Q(pk__in=[])
        for clause in clauses:
            wanted = Q()
            for term in clause:
                found = Q(search_text__icontains=term.word)
                wanted &= ~found if term.negated else found
            condition |= wanted
        return offers.filter(condition)

    def rank(self, clauses):
        return Value(0.0, output_field=FloatField())

    def match_tiers(self, clauses, district_id):
        from ..models import Offer

        offers = Offer.objects.using(self.using).filter(district_id=district_id)
        return {0: _bits(self.filter(offers, clauses).values_list("pk", flat=True))}
