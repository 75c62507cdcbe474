"""The history of an entry: what was recorded, for whom, and how a history table shows it."""

from django.utils import translation

from knotenpunkt.accounts.tests.factories import UserFactory
from knotenpunkt.core.audit import ShownChange, history_of, history_rows, record_change
from knotenpunkt.districts.tests.factories import MunicipalityFactory


def test_the_history_of_an_entry_holds_its_own_changes_newest_first(district, other_district):
    target = MunicipalityFactory(district=district)
    other = MunicipalityFactory(district=district)
    record_change(actor=None, district=district, action="first", target=target)
    record_change(actor=None, district=district, action="second", target=target)
    record_change(actor=None, district=district, action="elsewhere", target=other)
    record_change(actor=None, district=other_district, action="foreign", target=target)

    actions = [entry.action for entry in history_of(district=district, target=target)]

    assert actions == ["second", "first"]


def test_history_rows_name_the_person_and_label_actions_fields_and_values(district):
    target = MunicipalityFactory(district=district)
    named = UserFactory(name="Aylin Demir")
    unnamed = UserFactory(name="", email="ohne.name@example.org")
    record_change(
        actor=named, district=district, action="edit", target=target, changes={"name": "Neu"}
    )
    record_change(actor=unnamed, district=district, action="edit", target=target)
    record_change(actor=None, district=district, action="confirm", target=target)
    record_change(actor=None, district=district, action="archive", target=target)

    rows = history_rows(
        history_of(district=district, target=target),
        actions={"edit": "Changed"},
        labels={"name": "Name"},
        automatic={"confirm": "The provider"},
        value=lambda field, value: value.upper(),
    )

    with translation.override("en"):
        who = [str(row.who) for row in rows]
    assert who == [
        "Knotenpunkt (automatic)",
        "The provider",
        "ohne.name@example.org",
        "Aylin Demir",
    ]
    assert [row.action for row in rows] == ["archive", "confirm", "Changed", "Changed"]
    assert rows[-1].changes == [ShownChange("Name", "NEU")]
    assert rows[0].changes == []
