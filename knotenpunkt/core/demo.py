"""The demo: every app fills the fictional demo districts with its own loader."""

from django.db import transaction

from .plugins import plugins


def load_demo():
    """Run the demo loader of every app (``AppPlugin.demo``) in order; return the logins."""
    loaders = sorted((plugin.demo for _app, plugin in plugins() if plugin.demo), key=_order)
    logins = []
    with transaction.atomic():
        for loader in loaders:
            logins.extend(loader.load() or [])
    return logins


def _order(loader):
    return loader.order
