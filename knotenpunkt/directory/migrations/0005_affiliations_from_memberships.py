"""Copy the organisation of each partner editor's membership and of each open invitation
into ``Affiliation`` (before ``accounts`` drops its own organisation columns)."""

from django.db import migrations


def copy_forwards(apps, schema_editor):
    Affiliation = apps.get_model("directory", "Affiliation")
    Membership = apps.get_model("accounts", "Membership")
    Invitation = apps.get_model("accounts", "Invitation")
    Affiliation.objects.bulk_create(
        Affiliation(district_id=row.district_id, organisation_id=row.organisation_id, membership=row)
        for row in Membership.objects.filter(organisation__isnull=False)
    )
    Affiliation.objects.bulk_create(
        Affiliation(district_id=row.district_id, organisation_id=row.organisation_id, invitation=row)
        for row in Invitation.objects.filter(organisation__isnull=False, accepted_at__isnull=True)
    )


def copy_backwards(apps, schema_editor):
    Affiliation = apps.get_model("directory", "Affiliation")
    Membership = apps.get_model("accounts", "Membership")
    Invitation = apps.get_model("accounts", "Invitation")
    for affiliation in Affiliation.objects.all():
        if affiliation.membership_id:
            Membership.objects.filter(pk=affiliation.membership_id).update(
                organisation_id=affiliation.organisation_id
            )
        else:
            Invitation.objects.filter(pk=affiliation.invitation_id).update(
                organisation_id=affiliation.organisation_id
            )
    Affiliation.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_affiliation"),
        ("accounts", "0004_membership_moved_from_districts"),
    ]

    operations = [migrations.RunPython(copy_forwards, copy_backwards)]
