# ruff: noqa: E501 (a table reads best on one line per page)
"""Who gets which answer on the offers workspace pages.

Collected by knotenpunkt/core/tests/test_view_access_matrix.py, which explains the columns.

The ``offer`` fixture belongs to the organisation the district's partner editor writes for,
seated in the municipality of the district's municipal coordinator: both edit it, and the
coordinator reviews it. Planners' overviews are for district staff and municipal
coordinators; categories for district staff only. The "still valid" link of the reminder
e-mail needs no login: its token is the key. The public coverage page exists only where
the district made it public (not in the fixtures).
"""

# 302 is always the redirect to the login page.
# Columns: anon = not logged in; then the roles of the own district: admin = district admin,
# dco = district coordinator, mco = municipal coordinator, mgr = integration manager,
# lead = integration team lead, part = partner editor, vol = volunteer; last, other = each
# role of another district (they all get the same answer).
# fmt: off
VIEW_ACCESS = [
    # URL name                        kwargs                      anon  admin dco   mco   mgr   lead  part  vol   other
    ("offers:workspace_list",         {},                         302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:workspace_export",       {},                         302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:offer_create",           {},                         302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:review_queue",           {},                         302,  200,  200,  200,  403,  403,  403,  403,  404),
    ("offers:workspace_offer",        "offer_kwargs",             302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:offer_edit",             "offer_kwargs",             302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:offer_form_row",         "form_row_kwargs",          302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:place_lookup",           {},                         302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:offer_submit",           "offer_kwargs",             405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("offers:offer_publish",          "offer_kwargs",             405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("offers:offer_reject",           "offer_kwargs",             302,  200,  200,  200,  403,  403,  403,  403,  404),
    ("offers:offer_archive",          "offer_kwargs",             302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:offer_confirm_now",      "offer_kwargs",             405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("offers:translation_edit",       "offer_translation_kwargs", 302,  200,  200,  200,  403,  403,  200,  403,  404),
    ("offers:translation_delete",     "offer_translation_kwargs", 405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("offers:translations_overview",  {},                         302,  200,  200,  200,  403,  403,  403,  403,  404),
    ("offers:stale",                  {},                         302,  200,  200,  200,  403,  403,  403,  403,  404),
    ("offers:coverage",               {},                         302,  200,  200,  200,  403,  403,  403,  403,  404),
    ("offers:categories",             {},                         302,  200,  200,  403,  403,  403,  403,  403,  404),
    ("offers:category_edit",          "category_kwargs",          302,  200,  200,  403,  403,  403,  403,  403,  404),
    ("offers:category_defaults",      {},                         405,  405,  405,  405,  405,  405,  405,  405,  405),
    ("offers:coverage_public",        {},                         404,  404,  404,  404,  404,  404,  404,  404,  404),
    ("offers:confirm",                "confirm_kwargs",           200,  200,  200,  200,  200,  200,  200,  200,  200),
]
# fmt: on
