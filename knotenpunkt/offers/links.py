"""Links to the public page of each offer, for pages that list many offers.

``Offer.get_absolute_url`` reads ``offer.district`` (a query per offer unless joined) and
reverses the URL each time; a list reverses once and fills in the ids.
"""

from django.urls import NoReverseMatch, reverse

PLACEHOLDER = "987654321987654321"


class OfferLinks:
    """``links(offer)``: the path (or, with ``request``, the absolute URL) of its page.

    ``None`` where the installation has no public offer page (``offers:offer``).
    """

    def __init__(self, district, request=None):
        try:
            path = reverse(
                "offers:offer", kwargs={"district_slug": district.slug, "pk": PLACEHOLDER}
            )
        except NoReverseMatch:
            self.parts = None
            return
        url = request.build_absolute_uri(path) if request is not None else path
        self.parts = url.rsplit(PLACEHOLDER, 1)

    def __call__(self, offer):
        return self.for_pk(offer.public_pk)

    def for_pk(self, public_pk):
        """The link of the offer public under ``public_pk`` (see ``Offer.public_pk``)."""
        if self.parts is None:
            return None
        return f"{self.parts[0]}{public_pk}{self.parts[1]}"
