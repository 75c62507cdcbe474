"""Rows of the view-access table (core/tests/test_view_access_matrix.py) for districts."""

# fmt: off
VIEW_ACCESS = [
    # URL name             kwargs anon  admin dco   mco   mgr   lead  part  vol   other
    ("districts:settings", {},    302,  200,  403,  403,  403,  403,  403,  403,  404),
    # The logo is public; the district of these tests has none.
    ("districts:logo",     {},    404,  404,  404,  404,  404,  404,  404,  404,  404),
]
# fmt: on
