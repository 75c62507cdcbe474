# ruff: noqa: E501 (a table reads best on one line per page)
"""Who gets which answer on the directory's workspace pages.

Collected by knotenpunkt/core/tests/test_view_access_matrix.py, which explains the columns.

The ``organisation`` fixture is seated in the municipality of the own district's municipal
coordinator, so the coordinator edits it; the partner editor of the fixtures is bound to no
organisation, so the entry is invisible (404) to them.
"""

# 302 is always the redirect to the login page.
# Columns: anon = not logged in; then the roles of the own district: admin = district admin,
# dco = district coordinator, mco = municipal coordinator, mgr = integration manager,
# lead = integration team lead, part = partner editor, vol = volunteer; last, other = each
# role of another district (they all get the same answer).
# fmt: off
VIEW_ACCESS = [
    # URL name                                     kwargs                 anon  admin dco   mco   mgr   lead  part  vol   other
    ("directory:workspace_list",                   {},                    302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("directory:workspace_organisation_add",       {},                    302,  200,  200,  403,  403,  403,  403,  403,  404),
    ("directory:workspace_stale",                  {},                    302,  200,  200,  403,  403,  403,  403,  403,  404),
    ("directory:workspace_organisation",           "organisation_kwargs", 302,  200,  200,  200,  403,  403,  404,  403,  404),
    ("directory:workspace_organisation_confirm",   "organisation_kwargs", 405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("directory:workspace_organisation_delete",    "organisation_kwargs", 302,  200,  200,  403,  403,  403,  403,  403,  404),
    ("directory:workspace_organisation_history",   "organisation_kwargs", 302,  200,  200,  200,  403,  403,  404,  403,  404),
    ("directory:workspace_contact_add",            "organisation_kwargs", 302,  200,  200,  200,  403,  403,  404,  403,  404),
    ("directory:workspace_contact",                "contact_kwargs",      302,  200,  200,  200,  403,  403,  404,  403,  404),
    ("directory:workspace_contact_delete",         "contact_kwargs",      302,  200,  200,  200,  403,  403,  404,  403,  404),
]
# fmt: on
