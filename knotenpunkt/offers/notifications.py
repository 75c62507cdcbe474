"""What the offers tell people (``notifications``): review requested, published, sent back."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from knotenpunkt.accounts.models import Membership
from knotenpunkt.core.audit import history_of
from knotenpunkt.core.plugins import NotificationKind
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.affiliations import affiliated_people

from .models import Offer
from .permissions import RULES, editable_offers, reviewable_offers

REVIEW_REQUESTED = "offers.review_requested"
PUBLISHED = "offers.published"
SENT_BACK = "offers.sent_back"


def reviewers_of(offer):
    """The people who review ``offer``: the district's coordinators (not its
    administrators, who would hear of every offer) and the municipal coordinators of the
    provider's seat."""
    district_wide = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_any"] - {Role.DISTRICT_ADMIN}
    )
    local = Membership.objects.in_district(offer.district).filter(
        role__in=RULES["offers.review_own_municipality"],
        municipality=offer.provider.municipality_id,
    )
    return [membership.user for membership in (district_wide | local).select_related("user")]


def authors_of(offer):
    """The people who write ``offer``: its organisation's partner editors, and whoever
    last submitted it."""
    people = list(affiliated_people(organisation=offer.provider, roles={Role.PARTNER_EDITOR}))
    submission = (
        history_of(district=offer.district, target=offer).filter(action="offers.submit").first()
    )
    if submission is not None and submission.actor is not None:
        people.append(submission.actor)
    return people


def _links(target_ids, user, district):
    """The workspace pages of the offers the reader may still edit or review."""
    offers = Offer.objects.in_district(district).main_rows().filter(pk__in=target_ids)
    reachable = set(editable_offers(user, district, offers).values_list("pk", flat=True))
    reachable |= set(reviewable_offers(user, district, offers).values_list("pk", flat=True))
    return {
        str(pk): reverse("offers:workspace_offer", args=[district.slug, pk]) for pk in reachable
    }


KINDS = [
    NotificationKind(
        REVIEW_REQUESTED,
        gettext_lazy("An offer waits for my review"),
        message=lambda params: _("%(actor)s asks you to review the offer “%(title)s”.") % params,
        links=_links,
        roles=RULES["offers.review_any"] | RULES["offers.review_own_municipality"],
    ),
    NotificationKind(
        PUBLISHED,
        gettext_lazy("An offer of mine was published"),
        message=lambda params: (
            (
                _("The change to the offer “%(title)s” has been published.")
                if params.get("change")
                else _("The offer “%(title)s” has been published.")
            )
            % params
        ),
        links=_links,
        roles=frozenset({Role.PARTNER_EDITOR, Role.MUNICIPAL_COORDINATOR}),
    ),
    NotificationKind(
        SENT_BACK,
        gettext_lazy("An offer of mine was sent back"),
        message=lambda params: (
            _("The offer “%(title)s” was sent back to you. The reviewers' note: %(note)s") % params
        ),
        links=_links,
        roles=frozenset({Role.PARTNER_EDITOR, Role.MUNICIPAL_COORDINATOR}),
    ),
]
