"""Text fields with a limit, and the rich-text field every app uses for formatted text.

Django checks a ``TextField``'s ``max_length`` only in forms; ``LimitedTextField`` checks it in
``full_clean`` too, so services refuse over-long text whichever way it arrives.
``RichTextField`` keeps cleaned HTML (``sanitise.clean_rich_text``); its form field draws the
shared editor (``RichTextWidget``), a plain textarea without JavaScript.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..i18n import text_direction
from .sanitise import RICH_TEXT_MAX_LENGTH, clean_rich_text

RICH_TEXT_HINT = _(
    "Format with the buttons above the text, or with Ctrl+B (bold), Ctrl+I (italic) and "
    "Ctrl+K (link); Alt+F10 moves to the buttons. Without the buttons, write plain text: a "
    "blank line starts a new paragraph (formatting saved before shows as HTML tags; keep or "
    "delete them). Scripts, styles and images are removed when saving."
)


class RichTextLengthValidator(MaxLengthValidator):
    message = _(
        "This text is too long: %(show_value)s characters with its formatting; at most "
        "%(limit_value)s are possible. Please shorten it."
    )


class LimitedTextField(models.TextField):
    """A ``TextField`` whose ``max_length`` is also checked by ``full_clean``."""

    length_validator = MaxLengthValidator

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            self.validators.append(self.length_validator(self.max_length))


class RichTextField(LimitedTextField):
    """Formatted text (the sanitised HTML subset), at most ``max_length`` characters of it."""

    length_validator = RichTextLengthValidator

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", RICH_TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": RichTextFormField, "widget": RichTextWidget, **kwargs}
        )


class RichTextWidget(forms.Textarea):
    """A textarea that the editor (``core/frontend/richtext.mjs``) turns into a rich-text editor.

    ``language``: the language of the text (its ``lang`` and direction); without it the text's
    direction follows its first letters (``dir="auto"``).
    """

    template_name = "core/widgets/richtext.html"

    def __init__(self, attrs=None, *, language=None):
        attrs = {"rows": 8, **(attrs or {})}
        if language:
            attrs.setdefault("lang", language)
            attrs.setdefault("dir", text_direction(language))
        super().__init__(attrs)


class RichTextFormField(forms.CharField):
    """The form field of rich text: refuses huge input, cleans it, then checks its length."""

    widget = RichTextWidget

    def __init__(self, *, max_length=RICH_TEXT_MAX_LENGTH, **kwargs):
        # A model field without a help text of its own passes an empty one.
        kwargs["help_text"] = kwargs.get("help_text") or RICH_TEXT_HINT
        # The limit applies to the cleaned text, not to what the browser sends; no maxlength
        # attribute, which would cut pasted text off without a word.
        super().__init__(**kwargs)
        self.rich_max_length = max_length
        self.validators.append(RichTextLengthValidator(max_length))

    def to_python(self, value):
        value = super().to_python(value)
        return clean_rich_text(value, max_length=self.rich_max_length)
