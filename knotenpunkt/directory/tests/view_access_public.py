"""Access table of the directory's public pages (collected by core's view access matrix).

Every visitor may open them; what they see differs (tested in test_public_views.py).
The contact of the ``contact`` fixture is public, so its vCard is open to everybody.
"""

ORG = "organisation_kwargs"
CONTACT = "contact_kwargs"

# Columns: see knotenpunkt/core/tests/test_view_access_matrix.py.
# fmt: off
VIEW_ACCESS = [
    # URL name                            kwargs   anon admin dco  mco  mgr  lead part vol  other
    ("directory:directory",               {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:organisation",            ORG,     200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:contact_vcard",           CONTACT, 200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:responsible",             {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:get_involved",            {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:office_staff",            {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
    ("directory:integration_management",  {},      200, 200,  200, 200, 200, 200, 200, 200, 200),
]
# fmt: on
