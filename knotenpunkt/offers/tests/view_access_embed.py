"""Access table of the embeddable catalogue and of its snippet page (collected by core's
view access matrix). Both are public: everybody may open them, in every district."""

# Columns: see knotenpunkt/core/tests/test_view_access_matrix.py.
# fmt: off
VIEW_ACCESS = [
    # URL name                kwargs  anon admin dco  mco  mgr  lead part vol  other
    ("offers:embed",          {},     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("offers:embed_snippet",  {},     200, 200,  200, 200, 200, 200, 200, 200, 200),
]
# fmt: on
