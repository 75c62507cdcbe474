"""Rows of the view-access table (core/tests/test_view_access_matrix.py) for the workspace."""

# fmt: off
VIEW_ACCESS = [
    # URL name          kwargs anon  admin dco   mco   mgr   lead  part  vol   other
    ("workspace:home",  {},    302,  200,  200,  200,  200,  200,  200,  200,  404),
]
# fmt: on
