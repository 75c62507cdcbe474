"""WSGI entry point; production servers (gunicorn) load `application` from here.

With KNOTENPUNKT_WARM_UP on (the default), loading it also warms the process up
(``core.warmup``): a gunicorn worker loads the application before it accepts connections,
so its first visitor does not wait for the search snapshots.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.config.settings.prod")

application = get_wsgi_application()


def _warm_up():
    from django.conf import settings

    if settings.KNOTENPUNKT_WARM_UP:
        from knotenpunkt.core.warmup import warm_up

        warm_up()


_warm_up()
