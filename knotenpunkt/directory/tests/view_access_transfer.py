"""Who gets which answer on the directory's import and export pages.

See core/tests/test_view_access_matrix.py for the columns: anon, then the roles of the own
district (admin, dco, mco, mgr, lead, part, vol), last each role of another district.
Only district administrators and coordinators import and export.
"""

KIND = {"kind": "organisations"}

# fmt: off
VIEW_ACCESS = [
    # URL name                     kwargs anon admin dco  mco  mgr  lead part vol  other
    ("directory:import_upload",    {},    302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("directory:import_preview",   {},    302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("directory:import_commit",    {},    405, 405,  405, 405, 405, 405, 405, 405, 405),
    ("directory:import_result",    {},    302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("directory:import_template",  KIND,  302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("directory:export",           {},    302, 200,  200, 403, 403, 403, 403, 403, 404),
    ("directory:export_download",  {},    302, 200,  200, 403, 403, 403, 403, 403, 404),
]
# fmt: on
