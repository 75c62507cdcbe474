"""A readable difference of two texts, word by word (difflib), for people, not for patches.

``text_diff(old, new)`` strips HTML first (rich text is compared by its words, not its tags)
and returns a ``TextDiff``: runs of unchanged, inserted and removed words, long unchanged
runs shortened to their ends. ``components/text_diff.html`` marks the changes with
``<ins>``/``<del>`` and says "inserted"/"removed" to screen readers.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from knotenpunkt.core.richtext import html_to_text, looks_like_html

SAME, INSERTED, REMOVED, SKIPPED = "same", "inserted", "removed", "skipped"
TOKENS = re.compile(r"\S+\s*")
# Unchanged words shown either side of a change; longer unchanged runs are shortened.
CONTEXT_WORDS = 8


@dataclass(frozen=True)
class TextDiff:
    """Runs of ``(kind, text)``; kind is one of SAME, INSERTED, REMOVED, SKIPPED."""

    parts: tuple

    @property
    def changed(self) -> bool:
        return any(kind in (INSERTED, REMOVED) for kind, _text in self.parts)


def as_text(value) -> str:
    """Return ``value`` as plain text on one line: HTML reduced to its words."""
    text = "" if value is None else str(value)
    if looks_like_html(text):
        text = html_to_text(text)
    return " ".join(text.split())


def _shorten(words: list[str], *, first: bool, last: bool) -> list[tuple[str, str]]:
    """Return an unchanged run, cut to its context next to the changes around it."""
    keep_start = 0 if first else CONTEXT_WORDS
    keep_end = 0 if last else CONTEXT_WORDS
    if len(words) <= keep_start + keep_end + 2:
        return [(SAME, "".join(words))]
    parts = []
    if keep_start:
        parts.append((SAME, "".join(words[:keep_start])))
    parts.append((SKIPPED, "… "))
    if keep_end:
        parts.append((SAME, "".join(words[-keep_end:])))
    return parts


def text_diff(old, new, *, shorten: bool = True) -> TextDiff:
    """Return the word-by-word difference from ``old`` to ``new`` (HTML stripped first)."""
    before = TOKENS.findall(as_text(old))
    after = TOKENS.findall(as_text(new))
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            words = before[i1:i2]
            if shorten:
                first, last = index == 0, index == len(opcodes) - 1
                parts.extend(_shorten(words, first=first, last=last))
            else:
                parts.append((SAME, "".join(words)))
            continue
        if tag in ("delete", "replace"):
            parts.append((REMOVED, "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append((INSERTED, "".join(after[j1:j2])))
    return TextDiff(parts=tuple(parts))


class Difference(NamedTuple):
    """A field whose published and pending values differ (the review page's rows)."""

    label: str
    old: str
    new: str

    @property
    def diff(self) -> TextDiff:
        """The whole new text, with what was inserted and removed marked."""
        return text_diff(self.old, self.new, shorten=False)
