"""Small helpers for text that is put into sentences."""


def before_full_stop(text) -> str:
    """Return ``text`` for the end of a sentence whose full stop follows it: without its own
    final full stop, so that "… Jana Müller B.Sc." does not become "… B.Sc..". An ellipsis
    stays as it is."""
    text = "" if text is None else str(text).rstrip()
    if text.endswith(".") and not text.endswith(("..", "…")):
        return text[:-1]
    return text
