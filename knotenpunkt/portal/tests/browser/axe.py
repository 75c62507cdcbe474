"""Run axe-core in a page and report WCAG 2.1 A/AA violations readably."""

from functools import cache

from django.conf import settings

AXE_PATH = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_source():
    if not AXE_PATH.exists():
        raise AssertionError(f"{AXE_PATH} is missing; run `npm ci` (or `make assets`).")
    return AXE_PATH.read_text()


def axe_violations(page):
    """Return the WCAG 2.1 A/AA violations axe finds in the page's current document."""
    if not getattr(page, "javascript_enabled", True):
        # axe.run waits for timers that never fire in such a page: it would hang, not fail.
        raise AssertionError("axe needs JavaScript: check this page in a page that has it.")
    # Evaluated through the DevTools protocol, so the strict CSP does not block it.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    # resultTypes: only the violations are collected in full, which makes a run on a long
    # page several times faster (axe still evaluates every rule on every element).
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def format_violations(url, violations):
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
