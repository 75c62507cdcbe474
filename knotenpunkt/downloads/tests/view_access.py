"""The download centre's pages in the view access matrix (core/tests/test_view_access_matrix.py).

Columns: anon = not logged in; then the roles of the own district: admin = district admin,
dco = district coordinator, mco = municipal coordinator, mgr = integration manager,
lead = integration team lead, part = partner editor, vol = volunteer; last, other = each
role of another district. 302 is always the redirect to the login page. A string in the
kwargs column names a fixture in tests/fixtures.py.
"""

# Fixtures (tests/fixtures.py) that give the kwargs of one public or non-public document.
DOC = "document_kwargs"
VER = "document_version_kwargs"
INT = "internal_document_kwargs"
INT_VER = "internal_document_version_kwargs"

# fmt: off
VIEW_ACCESS = [
    # URL name                            kwargs   anon admin dco  mco  mgr  lead part vol  other
    ("downloads:index",                   {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:coordination_points_pdf", {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:coordination_points_csv", {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:office_contacts_pdf",     {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:office_contacts_csv",     {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:document",                DOC,     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:download",                DOC,     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("downloads:version_download",        VER,     200, 200,  200, 200, 200, 200, 200, 200, 200),
    # Non-public documents: for members of the district only; everybody else gets 404.
    ("downloads:document",                INT,     404, 200,  200, 200, 200, 200, 200, 200, 404),
    ("downloads:download",                INT,     404, 200,  200, 200, 200, 200, 200, 200, 404),
    ("downloads:version_download",        INT_VER, 404, 200,  200, 200, 200, 200, 200, 200, 404),
    ("downloads:manage",                  {},      302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("downloads:create",                  {},      302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("downloads:edit",                    DOC,     302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("downloads:add_version",             DOC,     302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("downloads:delete",                  DOC,     302, 200,  200, 403, 403, 403, 403, 403, 404),
]
# fmt: on
