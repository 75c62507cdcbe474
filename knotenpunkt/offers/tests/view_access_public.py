"""Access table of the offers' public pages (collected by core's view access matrix).

Every visitor may open them; the ``offer`` fixture is published and confirmed, so its page
and print version are open to everybody. What the pages show: test_public_views.py.
"""

OFFER = "offer_kwargs"

# Columns: see knotenpunkt/core/tests/test_view_access_matrix.py.
# fmt: off
VIEW_ACCESS = [
    # URL name              kwargs  anon admin dco  mco  mgr  lead part vol  other
    ("offers:catalogue",    {},     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("offers:map",          {},     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("offers:offer",        OFFER,  200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("offers:offer_print",  OFFER,  200, 200,  200, 200, 200, 200, 200, 200, 200),
]
# fmt: on
