"""What the offers catalogue brings to the kernel (core.plugins)."""

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from knotenpunkt.core.permissions import holds
from knotenpunkt.core.plugins import (
    AppPlugin,
    DeletionHint,
    DemoLoader,
    HomePanel,
    NavEntry,
    NavGroup,
    PeriodicJob,
    Reaction,
)
from knotenpunkt.core.roles import Role
from knotenpunkt.directory.events import OrganisationChanged

from . import selectors
from .notifications import KINDS as NOTIFICATION_KINDS
from .permissions import (
    can_edit_any,
    can_manage_categories,
    can_open_offer_workspace,
    can_review_some,
    can_use_offer_workspace,
    can_view_overviews,
)
from .reactions import refresh_offers_of_provider


def _writes_own_offers(user, district) -> bool:
    """Partner editors and municipal coordinators: they write the offers of their own."""
    return can_use_offer_workspace(user, district) and not can_edit_any(user, district)


def _load_demo():
    from knotenpunkt.districts.demo import SECOND_DISTRICT, demo_district

    from .categories import ensure_default_categories
    from .demo import load_offers_demo

    load_offers_demo(demo_district())
    ensure_default_categories(demo_district(SECOND_DISTRICT))


def _daily():
    from .management.commands.offers_daily import queue_daily_work_everywhere

    queue_daily_work_everywhere()


def _warm_up_search():
    from .search import warm_up_snapshots

    warm_up_snapshots()


def _offers_blocking(offers):
    # Offers keep their provider, also when archived: such an organisation stays.
    from knotenpunkt.directory.models import Organisation

    public = capfirst(Organisation._meta.get_field("is_public").verbose_name)
    return ngettext(
        "It is the provider of %(count)s offer (archived ones included), and offers keep "
        "their provider, so it stays in the directory. To hide it, untick “%(public)s”; give "
        "an offer that continues elsewhere another provider.",
        "It is the provider of %(count)s offers (archived ones included), and offers keep "
        "their provider, so it stays in the directory. To hide it, untick “%(public)s”; give "
        "offers that continue elsewhere another provider.",
        len(offers),
    ) % {"count": len(offers), "public": public}


plugin = AppPlugin(
    public_navigation=[
        NavEntry(_("Offers"), "offers:catalogue", order=20, match_prefix=True),
    ],
    workspace_groups=[NavGroup("offers", _("Offers"), order=20)],
    workspace_navigation=[
        NavEntry(
            _("Edit offers"),
            "offers:workspace_list",
            order=0,
            group="offers",
            visible=can_open_offer_workspace,
            match_prefix=True,
        ),
        NavEntry(
            _("Review"), "offers:review_queue", order=10, group="offers", visible=can_review_some
        ),
        NavEntry(
            _("Translations"),
            "offers:translations_overview",
            order=20,
            group="offers",
            visible=can_view_overviews,
        ),
        NavEntry(
            _("Not confirmed"), "offers:stale", order=30, group="offers", visible=can_view_overviews
        ),
        NavEntry(
            _("Coverage"), "offers:coverage", order=40, group="offers", visible=can_view_overviews
        ),
        NavEntry(
            _("Categories"),
            "offers:categories",
            order=50,
            group="offers",
            visible=can_manage_categories,
            match_prefix=True,
        ),
    ],
    home_panels=[
        HomePanel(
            "offers.own",
            _("Your organisation's offers"),
            visible=holds(Role.PARTNER_EDITOR),
            order=6,
            template="offers/panels/own_offers.html",
            context=selectors.own_offers_panel,
        ),
        HomePanel(
            "offers.review",
            _("Offers to review"),
            visible=can_review_some,
            order=10,
            url_name="offers:review_queue",
            count=selectors.count_offers_for_review,
            describe=lambda n: ngettext(
                "offer waits for your review", "offers wait for your review", n
            ),
            empty_text=_("No offer waits for your review."),
        ),
        HomePanel(
            "offers.sent_back",
            _("Offers sent back to you"),
            visible=_writes_own_offers,
            order=12,
            url_name="offers:workspace_list",
            url_query=f"state={selectors.SENT_BACK}",
            count=selectors.count_offers_needing(selectors.SENT_BACK),
            describe=lambda n: ngettext(
                "offer has a note from the reviewers", "offers have a note from the reviewers", n
            ),
            empty_text=_("No offer was sent back to you."),
        ),
        HomePanel(
            "offers.due",
            _("To be confirmed soon"),
            visible=_writes_own_offers,
            order=14,
            url_name="offers:workspace_list",
            url_query=f"state={selectors.DUE}",
            count=selectors.count_offers_needing(selectors.DUE),
            describe=lambda n: ngettext(
                "offer must be confirmed as still valid soon",
                "offers must be confirmed as still valid soon",
                n,
            ),
            empty_text=_("All your offers are confirmed."),
        ),
        HomePanel(
            "offers.outdated_translations",
            _("Outdated translations"),
            visible=can_use_offer_workspace,
            order=16,
            url_name="offers:workspace_list",
            url_query=f"state={selectors.OUTDATED_TRANSLATION}",
            count=selectors.count_offers_needing(selectors.OUTDATED_TRANSLATION),
            describe=lambda n: ngettext(
                "offer has a translation made from an older German text",
                "offers have a translation made from an older German text",
                n,
            ),
            empty_text=_("All translations are up to date."),
        ),
        HomePanel(
            "offers.stale",
            _("Offers not confirmed"),
            # The whole district's: for those who act on every offer. Municipal coordinators
            # see their own among "To be confirmed soon".
            visible=can_edit_any,
            order=18,
            url_name="offers:stale",
            count=selectors.count_stale_offers,
            describe=lambda n: ngettext(
                "offer is out of the catalogue until it is confirmed",
                "offers are out of the catalogue until they are confirmed",
                n,
            ),
            empty_text=_("Every published offer is confirmed."),
        ),
        HomePanel(
            "offers.find",
            _("Offers in the district"),
            visible=holds(Role.VOLUNTEER),
            order=45,
            template="offers/panels/find_offers.html",
        ),
    ],
    demo=DemoLoader(order=30, load=_load_demo),
    view_access=[
        "tests.view_access_public",
        "tests.view_access_workspace",
        "tests.view_access_embed",
        "tests.view_access_feeds",
    ],
    reactions=[Reaction(OrganisationChanged, refresh_offers_of_provider)],
    periodic_jobs=[PeriodicJob("offers.daily", run=_daily, daily_at=datetime.time(5, 30))],
    deletion_hints=[DeletionHint("offers.offer", _offers_blocking)],
    notification_kinds=NOTIFICATION_KINDS,
    warm_up=[_warm_up_search],
)
