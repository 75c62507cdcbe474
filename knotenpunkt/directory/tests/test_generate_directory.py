"""The generator command for benchmarks: the requested counts, valid and fictional rows."""

import pytest
from django.core.management import CommandError, call_command

from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType

pytestmark = pytest.mark.django_db


def test_generates_the_requested_rows_in_the_district(district, municipalities):
    call_command(
        "generate_directory",
        district=district.slug,
        organisations=60,
        contacts=150,
        seed=7,
        batch_size=25,
        verbosity=0,
    )
    organisations = Organisation.objects.in_district(district)
    contacts = ContactPerson.objects.in_district(district)
    assert organisations.count() == 60
    assert contacts.count() == 150
    assert not organisations.filter(languages__isnull=True).exists()
    assert not organisations.filter(topics__isnull=True).exists()
    for item in [*organisations[:20], *contacts[:40]]:
        item.full_clean()
        assert item.email.endswith(".example")
        assert item.phone.startswith("07999 ")


def test_can_generate_one_type_only(district, municipalities):
    call_command(
        "generate_directory",
        district=district.slug,
        organisations=5,
        contacts=5,
        type=OrganisationType.COORDINATION_POINT,
        verbosity=0,
    )
    assert set(Organisation.objects.values_list("type", flat=True)) == {"coordination_point"}


def test_unknown_district_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("generate_directory", district="nowhere", verbosity=0)
