"""What each app brings to the kernel, declared in one place: ``<app>/plugin.py``.

An app of Knotenpunkt declares its contributions as a module-level ``plugin = AppPlugin(…)``
in ``knotenpunkt/<app>/plugin.py``: its entries in the public and the workspace navigation,
its panels on the workspace home, its demo loader, its view-access tables, its reactions to
other apps' events, its periodic jobs, its kinds of notification, the hints it gives
when its records block a deletion, and what of its own a role can be bound to. The kernel
(``core``, ``districts``, ``accounts``, ``workspace`` …) reads them through the functions
below and never imports a domain app, so a new app is added without editing another one
(docs/architecture.md, "Kernel").

The modules are imported on first use, after Django's app registry is ready; they may
import their own app's permissions, selectors and services.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule

PLUGIN_MODULE = "plugin"

# (user, district) -> bool
Predicate = Callable[[Any, Any], bool]


def everyone(user, district) -> bool:
    """A predicate that admits every visitor."""
    return True


@dataclass(frozen=True)
class NavEntry:
    """A link in the public navigation or in the workspace navigation.

    ``url_name`` is reversed with the district's slug. ``group`` places a workspace entry
    under a ``NavGroup``. ``visible(user, district)`` decides whether the visitor sees it.
    With ``match_prefix`` the entry is marked as the current page on every page below its
    address too (e.g. "Offers" while editing one offer). ``in_district=False`` is for
    addresses outside the district (the account pages under /accounts/).
    """

    label: Any
    url_name: str
    order: int = 100
    group: str = ""
    visible: Predicate = everyone
    match_prefix: bool = False
    in_district: bool = True


@dataclass(frozen=True)
class NavGroup:
    """A heading of the workspace navigation ("Offers", "District" …)."""

    key: str
    label: Any
    order: int = 100


@dataclass(frozen=True)
class HomePanel:
    """A panel of the workspace home "Mein Knotenpunkt".

    A to-do panel has ``count(user, district)``: how many things wait for the person. It
    must cost at most one query whatever the size of the data (a test counts them); the
    panel links to ``url_name`` (plus ``url_query``), whose list shows exactly what was
    counted, and ``describe(count)`` says what the number means ("offers wait for your
    review", with the right plural). With a count of 0 the panel says ``empty_text``
    ("Nothing to do"). An information panel has no count and is drawn by ``template``
    with ``context(user, district)`` as ``panel``.
    """

    key: str
    title: Any
    visible: Predicate
    order: int = 100
    url_name: str = ""
    url_query: str = ""
    count: Callable[[Any, Any], int] | None = None
    describe: Callable[[int], str] | None = None
    empty_text: Any = ""
    template: str = ""
    context: Callable[[Any, Any], dict] | None = None


@dataclass(frozen=True)
class DemoLogin:
    """A demo login printed by ``load_demo``."""

    district: str
    role: str
    email: str
    municipality: str = ""
    password: str = ""


@dataclass(frozen=True)
class DemoLoader:
    """Fills the demo districts with an app's data; loaders run in ``order``.

    ``load()`` finds the demo districts by their slugs, is idempotent and may return
    ``DemoLogin`` rows to print.
    """

    order: int
    load: Callable[[], Sequence[DemoLogin] | None]


@dataclass(frozen=True)
class Reaction:
    """Run ``handler(event)`` after a transaction that published an ``event`` committed.

    Reactions run as tasks (``core.events``), so a failing reaction neither breaks nor
    delays the change that caused it.
    """

    event: type
    handler: Callable[[Any], None]


@dataclass(frozen=True)
class PeriodicJob:
    """Work the task worker starts on its own: every ``every``, or once a day.

    ``run()`` should only enqueue tasks or be quick; one worker of the installation runs a
    job at a time (``core.worker``).
    """

    key: str
    run: Callable[[], Any]
    every: datetime.timedelta | None = None
    daily_at: datetime.time | None = None


@dataclass(frozen=True)
class NotificationKind:
    """A kind of notification people receive (``notifications.services.notify``).

    - ``label``: what it is about, for the notification settings ("My offer was published");
    - ``message(params)``: the sentence, from the plain values stored with the notification,
      in the active language (the reader's, or the recipient's for the e-mail);
    - ``links(target_ids, user, district)``: ``{target id: address}`` of what the
      notifications are about, for a whole page of them at once (a fixed number of
      queries); an id the reader may no longer see is left out, so that a notification
      never leads to what it must not;
    - ``delivery``: the default e-mail delivery, "immediate", "digest" or "off";
      ``always_immediate``: the person cannot change it;
    - ``roles``: who can receive it (the settings page shows only these kinds);
    - ``link_in_email``: whether the e-mail links to the notification (not when the
      recipient may have lost access to the workspace, e.g. their role was taken away).
    """

    key: str
    label: Any
    message: Callable[[dict], str]
    links: Callable[[list, Any, Any], dict] | None = None
    delivery: str = "immediate"
    always_immediate: bool = False
    roles: frozenset = frozenset()
    link_in_email: bool = True


@dataclass(frozen=True)
class DeletionHint:
    """What to do when rows of ``model`` (a label such as "offers.offer") block a deletion.

    ``message(rows)`` returns a translated sentence about the blocking rows ("It is the
    provider of 3 offers …", "It carries out integration management for Oberbach …").
    """

    model: str
    message: Callable[[list], str]


@dataclass(frozen=True)
class MembershipScope:
    """Something of another app that a role is bound to, e.g. the organisation of the
    directory that a partner editor edits.

    The kernel keeps memberships and invitations (``accounts``) but knows no domain app;
    the app that owns the scope stores the binding and answers for it. ``key`` names the
    form field and the value in ``invitation_create(scopes={key: value})``.

    - ``form_field(district)``: the form field offering the district's choices;
    - ``bind(holder, value)``: bind a Membership or an Invitation (None unbinds); raises a
      ValidationError for a value it refuses (e.g. of another district);
    - ``carry_over(invitation, membership)``: on acceptance, the invitation's binding
      becomes the membership's;
    - ``current(holder)``: the value a holder is bound to now (None), for forms;
    - ``labels(holders)``: ``{holder pk: label}`` for holders of one model, in one query.
    """

    key: str
    roles: frozenset
    required_for: frozenset
    required_message: Any
    form_field: Callable[[Any], Any]
    bind: Callable[[Any, Any], None]
    carry_over: Callable[[Any, Any], None]
    current: Callable[[Any], Any]
    labels: Callable[[Sequence], dict]


@dataclass(frozen=True)
class AppPlugin:
    """Everything one app contributes to the kernel. Every part is optional."""

    public_navigation: Sequence[NavEntry] = ()
    workspace_groups: Sequence[NavGroup] = ()
    workspace_navigation: Sequence[NavEntry] = ()
    home_panels: Sequence[HomePanel] = ()
    demo: DemoLoader | None = None
    # Modules of the app (relative names, e.g. "tests.view_access_public") holding a
    # VIEW_ACCESS table for core/tests/test_view_access_matrix.py.
    view_access: Sequence[str] = ()
    reactions: Sequence[Reaction] = ()
    periodic_jobs: Sequence[PeriodicJob] = ()
    notification_kinds: Sequence[NotificationKind] = ()
    deletion_hints: Sequence[DeletionHint] = ()
    membership_scopes: Sequence[MembershipScope] = ()
    # Functions that prepare a server process before its first request (``core.warmup``):
    # quick, and never required for correctness.
    warm_up: Sequence[Callable[[], Any]] = ()


@cache
def plugins() -> tuple[tuple[str, AppPlugin], ...]:
    """Return ``(app label, plugin)`` of every installed app that has a ``plugin.py``."""
    found = []
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, PLUGIN_MODULE):
            continue
        module = import_module(f"{app_config.name}.{PLUGIN_MODULE}")
        plugin = getattr(module, "plugin", None)
        if not isinstance(plugin, AppPlugin):
            raise TypeError(f"{module.__name__}.plugin must be an AppPlugin")
        found.append((app_config.label, plugin))
    return tuple(found)


def contributions(part: str) -> list[tuple[str, Any]]:
    """Return ``(app label, item)`` for every item of ``part`` over all plugins."""
    return [(label, item) for label, plugin in plugins() for item in getattr(plugin, part)]
