"""Mails are rendered in the recipient's language, in a simple, self-contained layout."""

import re
from types import SimpleNamespace

import pytest

from knotenpunkt.accounts.tests.factories import InvitationFactory
from knotenpunkt.outbox.rendering import html_from_text, mail_language, render_mail

pytestmark = pytest.mark.django_db


def _invitation_mail(district, language):
    invitation = InvitationFactory(district=district, email="neu@example.org")
    return render_mail(
        "accounts/email/invitation",
        {"invitation": invitation, "accept_url": "https://knotenpunkt.example/einladung/x/"},
        language=language,
        district=district,
    )


def test_a_mail_is_written_in_the_language_asked_for_with_the_districts_name(district):
    german = _invitation_mail(district, "de")
    arabic = _invitation_mail(district, "ar")

    assert german.subject == "Einladung zu Knotenpunkt Landkreis Nordkreis"
    assert german.text.startswith("Guten Tag,")
    assert '<html lang="de" dir="ltr">' in german.html
    assert '<html lang="ar" dir="rtl">' in arabic.html
    assert arabic.subject.startswith("دعوة")
    header, footer = re.findall(
        r"<(?:header|footer)[^>]*>(.*?)</(?:header|footer)>", german.html, re.S
    )
    assert "Landkreis Nordkreis" in header and "Landkreis Nordkreis" in footer


def test_the_html_is_self_contained_and_its_links_are_clickable(district):
    html = _invitation_mail(district, "de").html

    assert "<script" not in html
    assert not re.search(r"\s(?:src|srcset)=", html), "no images or other resources to load"
    assert "<link" not in html
    assert html.count('href="https://knotenpunkt.example/einladung/x/"') == 2


def test_a_plain_text_becomes_paragraphs_with_clickable_links():
    html = html_from_text(
        "Hallo,\n\nbitte öffnen: https://knotenpunkt.example/a?b=1&c=2\n",
        subject="Betreff",
        language="de",
    )

    assert "<p>Hallo,</p>" in html
    assert '<a href="https://knotenpunkt.example/a?b=1&amp;c=2"' in html
    assert "Knotenpunkt" in html


def test_the_language_is_the_users_own_if_the_account_has_one_else_german():
    assert mail_language(SimpleNamespace(language="uk")) == "uk"
    assert mail_language(SimpleNamespace(language="")) == "de"
    assert mail_language(SimpleNamespace()) == "de"
    assert mail_language(None) == "de"
