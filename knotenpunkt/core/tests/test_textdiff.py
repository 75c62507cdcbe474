"""The readable difference of two texts: words inserted and removed, HTML stripped first."""

from django.template.loader import render_to_string

from knotenpunkt.core.textdiff import INSERTED, REMOVED, SAME, SKIPPED, text_diff


def test_the_difference_marks_the_words_inserted_and_removed():
    diff = text_diff("Wir treffen uns am Montag.", "Wir treffen uns jeden Dienstag.")

    assert diff.parts == (
        (SAME, "Wir treffen uns "),
        (REMOVED, "am Montag."),
        (INSERTED, "jeden Dienstag."),
    )
    assert diff.changed


def test_html_is_compared_by_its_words_not_by_its_tags():
    diff = text_diff("<p>Kaffee &amp; Kuchen</p>", "<p><strong>Kaffee</strong> &amp; Tee</p>")

    assert diff.parts == ((SAME, "Kaffee & "), (REMOVED, "Kuchen"), (INSERTED, "Tee"))


def test_a_long_unchanged_text_is_shortened_around_the_change():
    words = " ".join(f"w{number}" for number in range(100))
    diff = text_diff(words, words.replace("w50", "neu"))

    kinds = [kind for kind, _text in diff.parts]
    assert kinds == [SKIPPED, SAME, REMOVED, INSERTED, SAME, SKIPPED]
    assert "w49" in diff.parts[1][1] and "w10" not in diff.parts[1][1]


def test_the_difference_is_rendered_with_ins_and_del_and_said_to_screen_readers():
    html = render_to_string(
        "components/text_diff.html", {"diff": text_diff("am <b>Montag</b>", "am Dienstag")}
    )

    assert '<del><span class="kern-sr-only">' in html and "Montag" in html
    assert '<ins><span class="kern-sr-only">' in html and "Dienstag" in html
    assert "<b>" not in html
