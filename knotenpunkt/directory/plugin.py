"""What the directory brings to the kernel (core.plugins)."""

import datetime

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from knotenpunkt.core.permissions import holds
from knotenpunkt.core.plugins import (
    AppPlugin,
    DeletionHint,
    DemoLoader,
    HomePanel,
    MembershipScope,
    NavEntry,
    NavGroup,
    PeriodicJob,
)
from knotenpunkt.core.roles import Role

from . import affiliations, selectors
from .permissions import can_import_export, can_use_directory_workspace, can_view_stale


def _load_demo():
    from .demo import load_directory_demo_everywhere

    load_directory_demo_everywhere()


def _daily():
    from django.conf import settings

    from .management.commands.send_directory_reminders import send_directory_reminders

    send_directory_reminders(base_url=settings.SITE_URL)


def _affiliations_blocking(affiliations):
    count = len(affiliations)
    return ngettext(
        "%(count)s person acts for it (a partner editor or volunteer, or an open invitation): "
        "give them another organisation, change their role or withdraw the invitation first.",
        "%(count)s people act for it (partner editors or volunteers, or open invitations): "
        "give them another organisation, change their roles or withdraw the invitations first.",
        count,
    ) % {"count": count}


def _responsibilities_blocking(responsibilities):
    names = sorted(str(responsibility.municipality) for responsibility in responsibilities)
    return gettext(
        "It carries out integration management for %(municipalities)s: name another "
        "provider there first."
    ) % {"municipalities": ", ".join(names)}


plugin = AppPlugin(
    public_navigation=[
        NavEntry(_("Directory"), "directory:directory", order=10, match_prefix=True),
        NavEntry(_("Who is responsible?"), "directory:responsible", order=40),
        NavEntry(_("Get involved"), "directory:get_involved", order=50),
    ],
    workspace_groups=[NavGroup("directory", _("Directory"), order=30)],
    workspace_navigation=[
        NavEntry(
            _("Edit directory"),
            "directory:workspace_list",
            order=0,
            group="directory",
            visible=can_use_directory_workspace,
            match_prefix=True,
        ),
        NavEntry(
            _("Entries to check"),
            "directory:workspace_stale",
            order=10,
            group="directory",
            visible=can_view_stale,
        ),
        NavEntry(
            _("Import"),
            "directory:import_upload",
            order=20,
            group="directory",
            visible=can_import_export,
            match_prefix=True,
        ),
        NavEntry(
            _("Export"),
            "directory:export",
            order=30,
            group="directory",
            visible=can_import_export,
            match_prefix=True,
        ),
    ],
    home_panels=[
        HomePanel(
            "directory.organisation",
            _("Your organisation"),
            visible=holds(Role.PARTNER_EDITOR),
            order=5,
            template="directory/panels/organisation.html",
            context=selectors.own_organisation_panel,
        ),
        HomePanel(
            "directory.initiative",
            _("Your initiative"),
            visible=holds(Role.VOLUNTEER),
            order=5,
            template="directory/panels/initiative.html",
            context=selectors.own_initiative_panel,
        ),
        HomePanel(
            "directory.stale",
            _("Directory entries to check"),
            visible=can_view_stale,
            order=30,
            url_name="directory:workspace_stale",
            count=selectors.count_stale_organisations,
            describe=lambda n: ngettext(
                "entry has not been confirmed for a long time",
                "entries have not been confirmed for a long time",
                n,
            ),
            empty_text=_("Every entry has been confirmed recently."),
        ),
        HomePanel(
            "directory.get_involved",
            _("Get involved"),
            visible=holds(Role.VOLUNTEER),
            order=40,
            template="directory/panels/get_involved.html",
        ),
    ],
    demo=DemoLoader(order=20, load=_load_demo),
    view_access=[
        "tests.view_access_public",
        "tests.view_access_workspace",
        "tests.view_access_transfer",
    ],
    periodic_jobs=[
        PeriodicJob("directory.reminders", run=_daily, daily_at=datetime.time(5, 0)),
    ],
    deletion_hints=[
        DeletionHint("directory.affiliation", _affiliations_blocking),
        DeletionHint("directory.responsibility", _responsibilities_blocking),
    ],
    membership_scopes=[
        MembershipScope(
            key="organisation",
            roles=affiliations.AFFILIATED_ROLES,
            required_for=affiliations.ROLES_NEEDING_AN_ORGANISATION,
            required_message=_("This role needs an organisation."),
            form_field=affiliations.organisation_field,
            bind=affiliations.bind,
            carry_over=affiliations.carry_over,
            current=affiliations.current,
            labels=affiliations.labels,
        )
    ],
)
