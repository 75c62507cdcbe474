"""Warm a server process up before it serves anyone (docs/decisions/0022).

The first request of a fresh process would otherwise pay for what the process keeps
afterwards, such as the offers catalogue's search snapshot (about 1.5 s at 100,000 offers).
``warm_up()`` runs every app's ``AppPlugin.warm_up`` functions. The WSGI module calls it
when KNOTENPUNKT_WARM_UP is on (the default outside the tests), so that each gunicorn
worker warms up after it has loaded the application and before it accepts a connection
(or the master does, once, with ``--preload``).
"""

import logging
import time

from .plugins import contributions

logger = logging.getLogger("knotenpunkt.warmup")


def warm_up() -> dict[str, float]:
    """Run every app's warm-up; return the seconds each took, by app label.

    A failure is logged, not raised: a process that could not warm up (the database not
    migrated yet, say) still serves, only its first requests are slower.
    """
    took = {}
    for label, function in contributions("warm_up"):
        started = time.perf_counter()
        try:
            function()
        except Exception:
            logger.exception("Warming up %s failed; the first requests will be slower.", label)
        took[label] = took.get(label, 0.0) + time.perf_counter() - started
    if took:
        logger.info(
            "Warmed up in %.2f s (%s).",
            sum(took.values()),
            ", ".join(f"{label} {seconds:.2f} s" for label, seconds in took.items()),
        )
    return took
