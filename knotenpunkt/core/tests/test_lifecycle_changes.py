"""Apply changes: set the editable values, say what changed, audit it, refuse stale edits.

Directory entries serve as the example records.
"""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from knotenpunkt.core.forms import FINGERPRINT_FIELD, add_fingerprint
from knotenpunkt.core.lifecycle.changes import (
    KEEP,
    STALE_EDIT_MESSAGE,
    Audit,
    Editable,
    StaleEdit,
    apply_changes,
    save_changed,
)
from knotenpunkt.core.models import AuditEntry
from knotenpunkt.directory.models import Organisation
from knotenpunkt.directory.tests.factories import OrganisationFactory
from knotenpunkt.districts.models import Municipality

EDITABLE = Editable(
    fields=("name", "city", "municipality", "description"), m2m_fields=("municipalities",)
)


@pytest.fixture
def organisation(district, municipalities):
    organisation = OrganisationFactory(
        district=district, name="Caritas", city="Oberbach", municipality=municipalities[0]
    )
    organisation.municipalities.set(municipalities[:1])
    return organisation


def _fresh(organisation):
    return Organisation.objects.get(pk=organisation.pk)


def test_only_what_changed_is_set_and_reported(district, organisation):
    changes = apply_changes(
        instance=organisation,
        values={"name": "Caritas Nordkreis", "city": "Oberbach"},
        editable=EDITABLE,
        district=district,
    )

    assert changes == {"name": "Caritas Nordkreis"}
    assert _fresh(organisation).name == "Caritas Nordkreis"


def test_a_field_that_is_not_editable_is_refused_and_nothing_changes(district, organisation):
    with pytest.raises(ValueError, match="is_public"):
        apply_changes(
            instance=organisation,
            values={"name": "Neu", "is_public": False},
            editable=EDITABLE,
            district=district,
        )

    assert _fresh(organisation).name == "Caritas"


def test_a_related_record_of_another_district_is_refused_and_nothing_changes(
    district, organisation, other_municipalities
):
    for values in (
        {"name": "Neu", "municipality": other_municipalities[0]},
        {"name": "Neu", "municipalities": other_municipalities[:2]},
    ):
        with pytest.raises(ValidationError) as error:
            apply_changes(
                instance=_fresh(organisation), values=values, editable=EDITABLE, district=district
            )
        assert set(error.value.message_dict) <= {"municipality", "municipalities"}

    assert _fresh(organisation).name == "Caritas"


def test_many_to_many_fields_are_compared_by_id_and_described_by_name(
    district, organisation, municipalities
):
    unchanged = apply_changes(
        instance=organisation,
        values={"municipalities": [municipalities[0]]},
        editable=EDITABLE,
        district=district,
    )
    changed = apply_changes(
        instance=organisation,
        # A form gives a queryset.
        values={
            "municipalities": Municipality.objects.filter(pk__in=[m.pk for m in municipalities[1:]])
        },
        editable=EDITABLE,
        district=district,
    )

    assert unchanged == {}
    assert changed == {
        "municipalities": ", ".join(sorted([municipalities[1].name, municipalities[2].name]))
    }
    assert set(organisation.municipalities.all()) == {municipalities[1], municipalities[2]}


def test_normalisers_clean_a_value_or_keep_the_field(district, organisation):
    editable = Editable(
        fields=("name", "description"),
        normalise={"name": lambda value: KEEP, "description": str.strip},
        describe={"description": lambda value: f"{len(value)} letters"},
    )

    changes = apply_changes(
        instance=organisation,
        values={"name": "Überschrieben", "description": "  Beratung  "},
        editable=editable,
        district=district,
    )

    assert changes == {"description": "8 letters"}  # of the stripped text
    assert (_fresh(organisation).name, _fresh(organisation).description) == (
        "Caritas",
        "Beratung",
    )


def test_the_audit_entry_is_written_when_something_changed_or_when_asked(
    district, organisation, users
):
    from knotenpunkt.core.roles import Role

    actor = users[Role.DISTRICT_COORDINATOR]

    def apply(name, **audit):
        apply_changes(
            instance=organisation,
            values={"name": name},
            editable=EDITABLE,
            district=district,
            audit=Audit(actor=actor, action="test.changed", **audit),
        )

    apply("Caritas")
    apply("Caritas", when_unchanged=True, context=lambda instance: {"entry": instance.city})
    apply("Caritas Nordkreis")

    entries = AuditEntry.objects.filter(action="test.changed").order_by("id")
    assert [entry.changes for entry in entries] == [
        {"entry": "Oberbach"},
        {"name": "Caritas Nordkreis"},
    ]
    assert {entry.actor for entry in entries} == {actor}
    assert {entry.target_id for entry in entries} == {str(organisation.pk)}


def test_saving_only_the_changed_fields_keeps_a_colleagues_change_of_another_field(
    district, organisation
):
    Organisation.objects.filter(pk=organisation.pk).update(city="Unterbach")

    apply_changes(
        instance=organisation,
        values={"name": "Caritas Nordkreis", "city": "Oberbach"},
        editable=EDITABLE,
        district=district,
        save=save_changed,
    )

    assert (_fresh(organisation).name, _fresh(organisation).city) == (
        "Caritas Nordkreis",
        "Unterbach",
    )


def test_the_fingerprint_changes_with_a_field_or_a_many_to_many_field(organisation, municipalities):
    before = EDITABLE.fingerprint(_fresh(organisation))
    assert EDITABLE.fingerprint(_fresh(organisation)) == before

    Organisation.objects.filter(pk=organisation.pk).update(city="Unterbach")
    after_field = EDITABLE.fingerprint(_fresh(organisation))
    organisation.municipalities.add(municipalities[1])
    after_m2m = EDITABLE.fingerprint(_fresh(organisation))

    assert len({before, after_field, after_m2m}) == 3


def test_an_edit_of_a_record_changed_meanwhile_is_refused_and_changes_nothing(
    district, organisation
):
    shown = EDITABLE.fingerprint(_fresh(organisation))
    Organisation.objects.filter(pk=organisation.pk).update(city="Unterbach")

    with pytest.raises(StaleEdit) as error:
        apply_changes(
            instance=_fresh(organisation),
            values={"name": "Caritas Nordkreis"},
            editable=EDITABLE,
            district=district,
            fingerprint=shown,
        )

    assert (error.value.code, error.value.message) == ("stale_edit", STALE_EDIT_MESSAGE)
    assert _fresh(organisation).name == "Caritas"


def test_an_edit_with_the_current_fingerprint_or_none_is_saved(district, organisation):
    apply_changes(
        instance=_fresh(organisation),
        values={"name": "Caritas Nordkreis"},
        editable=EDITABLE,
        district=district,
        fingerprint=EDITABLE.fingerprint(_fresh(organisation)),
    )
    apply_changes(
        instance=_fresh(organisation),
        values={"city": "Unterbach"},
        editable=EDITABLE,
        district=district,
        fingerprint="",
    )

    assert (_fresh(organisation).name, _fresh(organisation).city) == (
        "Caritas Nordkreis",
        "Unterbach",
    )


class _OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ("name",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_fingerprint(self, EDITABLE)


def test_the_edit_form_of_a_saved_record_carries_its_fingerprint(district, organisation):
    shown = _OrganisationForm(instance=_fresh(organisation))
    submitted = _OrganisationForm({"name": "Neu", FINGERPRINT_FIELD: "abc"}, instance=organisation)
    new = _OrganisationForm(instance=Organisation(district=district))

    assert shown[FINGERPRINT_FIELD].value() == EDITABLE.fingerprint(organisation)
    assert f'type="hidden" name="{FINGERPRINT_FIELD}"' in str(shown[FINGERPRINT_FIELD])
    assert submitted.is_valid() and submitted.cleaned_data[FINGERPRINT_FIELD] == "abc"
    assert FINGERPRINT_FIELD not in new.fields
