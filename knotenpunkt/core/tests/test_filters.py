"""Search forms forgive old links (``core.filters``)."""

from django import forms
from django.http import QueryDict

from knotenpunkt.core.filters import SearchFilterForm, renamed_parameters


class _Form(SearchFilterForm):
    q = forms.CharField(max_length=5, required=False)
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], required=False)
    free = forms.BooleanField(required=False)


def test_an_old_parameter_name_is_read_as_the_new_one_in_its_place():
    assert renamed_parameters(QueryDict("kind=a&query=x&page=2")).urlencode() == "kind=a&q=x&page=2"
    assert renamed_parameters(QueryDict("query=old&q=new")).urlencode() == "q=new"


def test_an_invalid_filter_is_dropped_and_named():
    form = _Form(QueryDict("q=abc&kind=zzz&free=on"))

    assert form.is_valid()
    assert form.dropped == ["kind"]
    assert form.cleaned_data["q"] == "abc" and form.cleaned_data["free"]
    assert str(form.dropped_note)


def test_a_search_text_that_is_too_long_keeps_its_error():
    form = _Form(QueryDict("q=abcdefgh&kind=a"))

    assert not form.is_valid()
    assert "q" in form.errors and form.dropped == []


def test_each_active_filter_links_to_the_search_without_it():
    form = _Form(QueryDict("q=abc&kind=a&free=on&page=3"))

    chips = {chip["name"]: chip["remove"] for chip in form.active_filters()}

    assert chips == {"kind": "?q=abc&free=on", "free": "?q=abc&kind=a"}


def test_the_ways_back_keep_the_text_or_the_filters_or_nothing():
    links = _Form(QueryDict("q=abc&kind=a&page=2")).reset_links()

    assert links == {"keep_text": "?q=abc", "without_text": "?kind=a"}
    assert _Form(QueryDict("kind=a")).reset_links()["keep_text"] is None
