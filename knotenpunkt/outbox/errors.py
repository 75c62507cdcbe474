"""The last error of a delivery attempt, in words a coordinator understands."""

from django.utils.translation import gettext as _

CONNECTION_ERRORS = (
    "ConnectionRefusedError",
    "ConnectionResetError",
    "ConnectionAbortedError",
    "SMTPConnectError",
    "SMTPServerDisconnected",
    "gaierror",
    "OSError",
)
TIMEOUT_ERRORS = ("TimeoutError", "timeout")


def error_in_plain_words(summary: str) -> str:
    """Return a sentence for ``summary`` (delivery.error_summary), or "" for none."""
    if not summary:
        return ""
    name, _space, rest = summary.partition(" ")
    code = rest.split(" ", 1)[0] if rest[:3].isdigit() else ""
    if name == "LeaseExpired":
        return _("Sending was interrupted (the background service stopped).")
    if name in TIMEOUT_ERRORS:
        return _("The mail server did not answer in time.")
    if code.startswith("5"):
        return _("The mail server refused the e-mail (code %(code)s).") % {"code": code}
    if code.startswith("4"):
        return _("The mail server asked to try again later (code %(code)s).") % {"code": code}
    if name in CONNECTION_ERRORS:
        return _("The mail server could not be reached.")
    return _("A technical error occurred (%(error)s).") % {"error": name}
