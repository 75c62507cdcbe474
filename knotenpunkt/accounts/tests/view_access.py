"""Rows of the view-access table (core/tests/test_view_access_matrix.py) for members and
invitations. POST behaviour per role and district: test_members.py, test_invitations.py."""

TOKEN = {"token": "no-such-invitation-token"}
# An id no membership or invitation has: the administrator gets the same 404 as outsiders.
PK = {"pk": 999999}

# fmt: off
VIEW_ACCESS = [
    # URL name                       kwargs anon  admin dco   mco   mgr   lead  part  vol   other
    ("accounts:members",             {},    302,  200,  403,  403,  403,  403,  403,  403,  404),
    ("accounts:invite",              {},    302,  200,  403,  403,  403,  403,  403,  403,  404),
    ("accounts:membership_change",   PK,    302,  404,  403,  403,  403,  403,  403,  403,  404),
    ("accounts:membership_remove",   PK,    302,  404,  403,  403,  403,  403,  403,  403,  404),
    ("accounts:invitation_withdraw", PK,    405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("accounts:invitation_resend",   PK,    405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("accounts:invitation_accept",   TOKEN, 404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("accounts:invitation_renewal",  TOKEN, 405,  405,  405,  405,  405,  405,  405,  405,  405),
]
# fmt: on
