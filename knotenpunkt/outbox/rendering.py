"""Render an e-mail from templates: subject, plain text and HTML, in one language.

A mail ``<base>`` has three templates: ``<base>_subject.txt``, ``<base>.txt`` and
``<base>.html``; the HTML extends ``outbox/email/layout.html``. They get the caller's
context plus ``district``, ``language`` and ``language_bidi``. Keep personal data in mails
to what the recipient needs to act.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def mail_language(user) -> str:
    """Return the language to write to ``user`` in: their own, else the default (German)."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def render_mail(template_base: str, context: dict, *, language: str, district=None) -> RenderedMail:
    """Render the subject, text and HTML of ``template_base`` in ``language``."""
    with translation.override(language):
        full_context = {
            **context,
            "district": district,
            "language": language,
            "language_bidi": translation.get_language_bidi(),
        }
        subject = render_to_string(f"{template_base}_subject.txt", full_context)
        # A subject is one line, whatever the template's line breaks.
        subject = " ".join(subject.split())
        full_context["subject"] = subject
        text = render_to_string(f"{template_base}.txt", full_context).strip() + "\n"
        html = render_to_string(f"{template_base}.html", full_context)
    return RenderedMail(subject=subject, text=text, html=html)


def html_from_text(text: str, *, subject: str, language: str, district=None) -> str:
    """Return ``text`` as HTML in the shared layout: paragraphs, links clickable."""
    with translation.override(language):
        return render_to_string(
            "outbox/email/plain.html",
            {
                "text": text,
                "subject": subject,
                "district": district,
                "language": language,
                "language_bidi": translation.get_language_bidi(),
            },
        )
