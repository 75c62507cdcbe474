"""Page-number pagination with the total count and links to the neighbouring pages."""

from dataclasses import dataclass
from math import ceil

from django.utils.translation import gettext as _

from .errors import invalid


@dataclass(frozen=True)
class Page:
    number: int
    limit: int
    count: int

    @property
    def pages(self):
        return max(1, ceil(self.count / self.limit))

    @property
    def offset(self):
        return (self.number - 1) * self.limit

    @property
    def end(self):
        return self.offset + self.limit


def page_of(*, count, number, limit):
    """Return the page; 422 for a page after the last (page 1 always exists, maybe empty)."""
    page = Page(number=number, limit=limit, count=count)
    if number > page.pages:
        raise invalid(
            "page",
            _("This page does not exist; the last page is %(last)s.") % {"last": page.pages},
            type="page_out_of_range",
        )
    return page


def _link(request, number):
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def envelope(request, page, results):
    """Return the body of a list answer: counts, links and the entries of ``page``."""
    return {
        "count": page.count,
        "page": page.number,
        "pages": page.pages,
        "limit": page.limit,
        "next": _link(request, page.number + 1) if page.number < page.pages else None,
        "previous": _link(request, page.number - 1) if page.number > 1 else None,
        "results": results,
    }
