"""Rows of the view-access table (core/tests/test_view_access_matrix.py) for the portal."""

# fmt: off
VIEW_ACCESS = [
    # URL name                 kwargs anon  admin dco   mco   mgr   lead  part  vol   other
    ("portal:district_home",   {},    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("portal:municipalities",  {},    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("portal:imprint",         {},    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("portal:privacy",         {},    200,  200,  200,  200,  200,  200,  200,  200,  200),
    ("portal:accessibility",   {},    200,  200,  200,  200,  200,  200,  200,  200,  200),
]
# fmt: on
