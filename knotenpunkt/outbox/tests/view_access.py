"""The delivery log in the view access matrix (core/tests/test_view_access_matrix.py).

Columns: anon = not logged in; then the roles of the own district: admin = district admin,
dco = district coordinator, mco = municipal coordinator, mgr = integration manager,
lead = integration team lead, part = partner editor, vol = volunteer; last, other = each
role of another district. 302 is always the redirect to the login page.
"""

PK = {"pk": 999999}

# fmt: off
VIEW_ACCESS = [
    # URL name        kwargs anon admin dco  mco  mgr  lead part vol  other
    ("outbox:log",    {},    302, 200,  200, 200, 403, 403, 403, 403, 404),
    # POST only; its answers per role are in test_views.py.
    ("outbox:resend", PK,    405, 405,  405, 405, 405, 405, 405, 405, 405),
]
# fmt: on
