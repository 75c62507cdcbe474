"""Rich text: what it may contain (``sanitise``), its fields and the shared editor (``fields``)."""

from .fields import (
    RICH_TEXT_HINT,
    LimitedTextField,
    RichTextField,
    RichTextFormField,
    RichTextLengthValidator,
    RichTextWidget,
)
from .sanitise import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    RICH_TEXT_MAX_LENGTH,
    check_raw_length,
    clean_rich_text,
    html_to_text,
    looks_like_html,
    raw_limit,
    sanitise_html,
    text_to_html,
)

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_TAGS",
    "ALLOWED_URL_SCHEMES",
    "RICH_TEXT_HINT",
    "RICH_TEXT_MAX_LENGTH",
    "LimitedTextField",
    "RichTextField",
    "RichTextFormField",
    "RichTextLengthValidator",
    "RichTextWidget",
    "check_raw_length",
    "clean_rich_text",
    "html_to_text",
    "looks_like_html",
    "raw_limit",
    "sanitise_html",
    "text_to_html",
]
