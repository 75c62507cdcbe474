"""Access table of the feed of new offers (collected by core's view access matrix)."""

# Columns: see knotenpunkt/core/tests/test_view_access_matrix.py.
# fmt: off
VIEW_ACCESS = [
    # URL name      kwargs  anon admin dco  mco  mgr  lead part vol  other
    ("offers:feed", {},     200, 200,  200, 200, 200, 200, 200, 200, 200),
]
# fmt: on
