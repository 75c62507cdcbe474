"""Rules of our markup that a plain reading of the templates can check."""

import re
from pathlib import Path

import knotenpunkt

PACKAGE = Path(knotenpunkt.__file__).parent
# An htmx attribute in its bare form (hx-get=…), which is not valid HTML; data-hx-get is.
BARE_HTMX_ATTRIBUTE = re.compile(r"""(?<![\w-])hx-[a-z-]+(\s*=|["']\s*:)""")


def _sources():
    for path in sorted(PACKAGE.rglob("*")):
        if "vendor" in path.parts or "tests" in path.parts:
            continue
        if path.suffix in (".html", ".txt", ".xml", ".py", ".js"):
            yield path


def test_templates_and_code_write_htmx_attributes_in_their_data_form():
    found = [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:120]}"
        for path in _sources()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if BARE_HTMX_ATTRIBUTE.search(line)
    ]
    assert not found, "Write data-hx-* (valid HTML) instead of hx-*:\n" + "\n".join(found)
