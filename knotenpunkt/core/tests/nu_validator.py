"""Check HTML documents with the Nu Html Checker (vnu.jar, the W3C's validator), in one run.

The checker comes from npm (``vnu-jar``, a devDependency in package.json) and runs on the
Java that ``make java`` installs. Starting Java takes seconds, so every document of a test
is written to one folder and checked by one run.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Warnings that count as errors: a section without a heading is a landmark without a name.
WARNINGS_AS_ERRORS = ("Section lacks heading", "Article lacks heading")


def _java():
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "Java is missing: run `make java` (Debian: apt-get install default-jre-headless)."
        )
    if not VNU_JAR.exists():
        pytest.fail(f"{VNU_JAR} is missing; run `npm ci` (or `make assets`).")
    return java


def html_errors(documents):
    """Return the validator's errors in ``documents`` ({label: HTML}) as readable lines.

    Each line names the document's label (a page's address, language and visitor), the line
    in the page's source, the message and the markup around the error.
    """
    java = _java()
    with tempfile.TemporaryDirectory(prefix="knotenpunkt-vnu-") as folder:
        labels = {}
        for number, (label, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:05d}.html"
            path.write_bytes(html if isinstance(html, bytes) else html.encode())
            labels[path.resolve().as_uri()] = label
        result = subprocess.run(  # noqa: S603  (our own command line)
            [
                java,
                "-Xss4m",
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--exit-zero-always",
                folder,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"The Nu Html Checker did not answer in JSON:\n{result.stderr[:2000]}")
    errors = []
    for message in messages:
        if message.get("type") != "error" and not message.get("message", "").startswith(
            WARNINGS_AS_ERRORS
        ):
            continue
        label = labels.get(message.get("url", "").replace("file:/", "file:///", 1), None)
        label = label or labels.get(message.get("url"), message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())
        errors.append(
            f"{label}, line {message.get('lastLine', '?')}: {message.get('message')}\n"
            f"      {extract}"
        )
    return errors
