"""What rich text may contain, and how any input becomes that: the server decides.

Whatever arrives (from the editor, from a plain textarea without JavaScript, from the API or a
command) goes through ``clean_rich_text``: input far beyond the limit is refused before it is
parsed; text without any tag is read as plain text (a blank line starts a new paragraph);
everything else is cleaned by nh3 down to the allowed subset. The editor
(``core/frontend/richtext.mjs``) writes exactly this subset.
"""

import html
import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What rich text may contain: structure and links, nothing that runs or styles.
ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h3", "h4", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# The longest rich text (sanitised HTML, tags included) a field keeps: about 3,000 words.
RICH_TEXT_MAX_LENGTH = 20_000
# Input longer than this is refused before it is parsed at all. Pasted text brings markup
# that is removed (styles, classes), so the raw input may be longer than what is kept.
RAW_FACTOR = 2

TAG = re.compile(r"<[^>]+>")
# Tags inside a line of text: removed without a space ("<em>Dienstag</em>." stays one word).
INLINE_TAG = re.compile(r"</?(?:a|b|i|em|strong|span|u)\b[^>]*>", re.IGNORECASE)
# "<" followed by a letter, "/", "!" or "?": the start of a tag. "Kinder < 6 Jahre" is text.
TAG_START = re.compile(r"<[A-Za-z/!?]")
BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")

RAW_TOO_LONG = _(
    "This text is far too long (%(length)s characters). At most %(limit)s characters are "
    "possible, formatting included."
)


def raw_limit(max_length: int = RICH_TEXT_MAX_LENGTH) -> int:
    """Return the longest raw input accepted for a field that keeps ``max_length``."""
    return max_length * RAW_FACTOR


def check_raw_length(value: str, max_length: int = RICH_TEXT_MAX_LENGTH) -> None:
    """Refuse input so long that it is not worth parsing (before nh3 sees it)."""
    if len(value or "") > raw_limit(max_length):
        raise ValidationError(
            RAW_TOO_LONG,
            code="raw_too_long",
            params={"length": len(value), "limit": max_length},
        )


def looks_like_html(value: str) -> bool:
    """Return whether ``value`` contains a tag (else it is read as plain text)."""
    return bool(TAG_START.search(value or ""))


def text_to_html(text: str) -> str:
    """Return plain text as paragraphs: a blank line starts a new one, a line break stays."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    paragraphs = []
    for block in BLANK_LINE.split(text):
        lines = [html.escape(line.strip(), quote=False) for line in block.split("\n")]
        paragraphs.append("<p>" + "<br>".join(line for line in lines if line) + "</p>")
    return "".join(paragraphs)


def sanitise_html(value: str) -> str:
    """Return ``value`` with only the allowed tags; scripts and styles go with their content."""
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def clean_rich_text(value: str, *, max_length: int = RICH_TEXT_MAX_LENGTH) -> str:
    """Return what a rich-text field keeps of ``value`` (see the module's docstring).

    Raise ``ValidationError`` for input too long to parse; the length of the result is
    checked by the field's validator (``RichTextLengthValidator``).
    """
    check_raw_length(value, max_length)
    value = value or ""
    if not looks_like_html(value):
        value = text_to_html(value)
    cleaned = sanitise_html(value)
    # What the editor sends for an empty text.
    return "" if html_to_text(cleaned).strip() == "" and "<a" not in cleaned else cleaned


def html_to_text(markup: str) -> str:
    """Return the text of sanitised HTML, without tags and entities."""
    return html.unescape(TAG.sub(" ", INLINE_TAG.sub("", markup or "")))
