"""Links back to where the visitor came from, checked so that none leads elsewhere."""

from urllib.parse import urlsplit


def back_link(request, *paths):
    """Return the page the visitor came from (path and query, from the ``Referer``) if it
    is one of ``paths`` on this site, else the first of ``paths``.

    "Back to the offers" then keeps the search; a referer from another site, another page
    or another district is not followed.
    """
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc == request.get_host() and referer.path in paths:
        return f"{referer.path}?{referer.query}" if referer.query else referer.path
    return paths[0]
