"""Rows of the view-access table (core/tests/test_view_access_matrix.py) for notifications."""

PK = {"pk": 999999}

# fmt: off
VIEW_ACCESS = [
    # URL name                    kwargs anon  admin dco   mco   mgr   lead  part  vol   other
    ("notifications:list",        {},    302,  200,  200,  200,  200,  200,  200,  200,  404),
    ("notifications:open",        PK,    302,  404,  404,  404,  404,  404,  404,  404,  404),
    ("notifications:mark_read",   {},    405,  405,  405,  405,  405,  405,  405,  405,  405),
]
# fmt: on
