"""Reads of the directory. Every function takes the district; lists are prefetched."""

from datetime import timedelta

from django.db.models import Prefetch, Q
from django.utils import timezone

from knotenpunkt.core.models import AuditEntry

from .models import ContactPerson, Organisation


def organisations_for_visitor(*, district, actor):
    """Return the organisations ``actor`` may see: public ones, or all for members."""
    from .permissions import can_view_internal

    organisations = Organisation.objects.in_district(district)
    if not can_view_internal(actor, district):
        organisations = organisations.public()
    return organisations


def contacts_for_visitor(*, district, actor):
    """Return the contacts ``actor`` may see: public ones, or all for members."""
    from .permissions import can_view_internal

    contacts = ContactPerson.objects.in_district(district)
    if not can_view_internal(actor, district):
        contacts = contacts.public()
    return contacts


def organisation_search(
    *, district, actor, query="", municipality=None, type="", topic=None, language=None
):
    """Return the organisations matching the filters, ready for a list page."""
    organisations = organisations_for_visitor(district=district, actor=actor)
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(description__icontains=query) | Q(city__icontains=query)
        )
    if municipality is not None:
        organisations = organisations.serving(municipality)
    if type:
        organisations = organisations.filter(type=type)
    if topic is not None:
        organisations = organisations.filter(topics=topic)
    if language is not None:
        organisations = organisations.filter(languages=language)
    return (
        organisations.select_related("municipality")
        .prefetch_related("languages", "topics")
        .distinct()
        .order_by("name")
    )


def organisation_detail(*, district, actor, pk):
    """Return one organisation with the contacts ``actor`` may see (404 via the caller)."""
    contacts = contacts_for_visitor(district=district, actor=actor).prefetch_related("languages")
    return (
        organisations_for_visitor(district=district, actor=actor)
        .select_related("municipality", "speaker")
        .prefetch_related(
            "languages",
            "topics",
            "municipalities",
            Prefetch("contacts", queryset=contacts, to_attr="visible_contacts"),
        )
        .get(pk=pk)
    )


def organisation_history(*, district, organisation):
    return (
        AuditEntry.objects.in_district(district)
        .filter(target_type=Organisation._meta.label_lower, target_id=str(organisation.pk))
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


def stale_organisations(*, district, today=None):
    """Return organisations not confirmed within the district's review period."""
    today = today or timezone.localdate()
    limit = today - timedelta(days=round(district.directory_review_months * 30.44))
    return (
        Organisation.objects.in_district(district)
        .filter(Q(last_confirmed_at__lt=limit) | Q(last_confirmed_at__isnull=True))
        .select_related("municipality")
        .order_by("last_confirmed_at", "name")
    )
