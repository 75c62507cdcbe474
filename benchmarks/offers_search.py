"""HTTP latency and throughput of the offers search (public catalogue and API) under gunicorn.

    .venv/bin/python benchmarks/offers_search.py                          # SQLite, 100,000 offers
    .venv/bin/python benchmarks/offers_search.py --offers 10000
    .venv/bin/python benchmarks/offers_search.py --offers 1000000 \
        --database-url postgres://postgres@127.0.0.1:5432/knotenpunkt_bench_offers

Builds a throwaway database (the demo districts plus ``--offers`` generated offers in the
demo district), then starts gunicorn with ``--workers`` sync workers (default 2) on a free
port of 127.0.0.1, with the production settings (``knotenpunkt.config.settings.prod``: a
random SECRET_KEY, DEBUG off, ``SECURE_SSL_REDIRECT=false`` because there is no TLS proxy,
static files collected into a temporary ``KNOTENPUNKT_VAR_DIR``; ``--settings dev`` uses the
development settings with DEBUG off instead). It then requests varied searches (text with
and without typos, in German, English, Arabic and Ukrainian; category, municipality,
language, target group, free of charge; sort by newest; page 2) over HTTP:

- the public catalogue ``/<district>/angebote/`` (URL name ``offers:catalogue``),
- the API list ``/api/v1/<district>/offers``,

first one request at a time (latency p50/p95/max), then with ``--clients`` concurrent
clients (latency and requests per second). The clients are threads of this process on the
same machine, so they take some of its CPU. SQL queries per page are counted separately,
in-process, with Django's test client and ``CaptureQueriesContext``.

``--conn-max-age N`` (N > 0) puts ``conn_max_age=N`` into ``DATABASE_URL``; without it
the settings decide: the production settings keep connections for 60 s, the development
settings open one per request (Django's default).

The search caches under the catalogue version (knotenpunkt/offers/search/caching.py): the
catalogue's index once per version and process, each text's matches once per version. The
script says how many measured searches repeat a text searched before; the first search of
a text is the slow kind, and ``slowest`` lists the three slowest. Each endpoint is measured
on a gunicorn of its own with empty caches, so that the API does not find the texts the
catalogue searched before it.

``--keep`` (PostgreSQL) keeps the database afterwards and reuses it on the next run with
``--keep``, which then skips generating the offers.
"""

import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode

from _common import (
    ROOT,
    arguments,
    commit,
    cpu_probe,
    load_average,
    machine,
    percentiles,
    setup_database,
)
from _queries import UniqueTexts, vocabulary


def main():
    args = arguments(
        __doc__,
        offers=100000,
        requests=200,
        warmup=20,
        clients=8,
        workers=2,
        settings="prod",
        conn_max_age=0,
        baseline="",
        rounds=1,
    )
    database = setup_database(args.database_url, keep=args.keep)
    try:
        run(args, generate=not database.reused)
    finally:
        database.drop()


def searches(rng, texts, *, count, api, options, repeat_from=None):
    """Searches with a text each, most with filters too, some sorted by date or on page 2.

    The text comes from ``texts`` (a ``UniqueTexts``: never searched before) or, with
    ``repeat_from``, is one of those texts again (what the search caches serve).
    """
    result = []
    for _index in range(count):
        text = texts.next() if repeat_from is None else rng.choice(repeat_from)
        params = {"q" if api else "query": text}
        filters = rng.sample(
            ["municipality", "category", "language", "target_group", "free"],
            rng.choice((0, 0, 1, 1, 2)),
        )
        for name in filters:
            if name == "free":
                params["free"] = "true" if api else "on"
            else:
                params[name] = rng.choice(options[name])
        if rng.random() < 0.1:
            params["sort"] = "newest"
        if rng.random() < 0.15:
            params["page"] = 2
        if api and rng.random() < 0.2:
            params["lang"] = rng.choice(["en", "ar", "uk"])
        result.append(params)
    return result


def _text(search):
    return search.get("q", search.get("query"))


def run(args, *, generate=True):
    from django.core.management import call_command
    from django.db import connection

    from knotenpunkt.districts.models import District, Municipality
    from knotenpunkt.offers.models import Category, Offer

    district = District.objects.get(slug="mittelwald")
    if not generate:
        # The catalogue version is the one of the previous run: forget what this process's
        # cache kept of it, so that the query counts below start cold as after generating.
        from django.core.cache import cache

        cache.clear()
    started = time.perf_counter()
    if generate:
        call_command(
            "generate_offers",
            district=district.slug,
            offers=args.offers,
            seed=args.seed,
            verbosity=0,
        )
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Statistics and the visibility map, as a database has them some time after a bulk
        # load (autovacuum): VACUUM ANALYZE on PostgreSQL, ANALYZE on SQLite.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    analyze_s = time.perf_counter() - started
    total = Offer.objects.in_district(district).count()
    print(f"Machine: {machine()}; CPU probe {cpu_probe():.0f} ms; commit {commit()}")
    statistics = (
        f"{'VACUUM ' if connection.vendor == 'postgresql' else ''}ANALYZE {analyze_s:.1f} s"
    )
    source = (
        f"{args.offers} offers generated in {generated_s:.1f} s ({statistics})"
        if generate
        else f"reused from a previous --keep run ({statistics})"
    )
    print(
        f"Data: {source}, {total} offers in the district with the demo;"
        f" load average {load_average()}"
    )

    rng = random.Random(args.seed)  # noqa: S311
    words, pairs = vocabulary(district)
    texts = UniqueTexts(rng, words, pairs)
    options = {
        "category": list(Category.objects.in_district(district).values_list("pk", flat=True)),
        "municipality": list(
            Municipality.objects.in_district(district).values_list("pk", flat=True)
        ),
        "language": ["ar", "uk", "en", "fa", "tr", "ru"],
        "target_group": ["women", "children", "young_people", "refugees", "parents"],
    }
    plans = {}
    for name, path, api in (
        ("catalogue", f"/{district.slug}/angebote/", False),
        ("API", f"/api/v1/{district.slug}/offers", True),
    ):
        unique_one = searches(
            rng, texts, count=args.warmup + args.requests, api=api, options=options
        )
        unique_many = searches(rng, texts, count=args.requests, api=api, options=options)
        used = [_text(search) for search in unique_one + unique_many]
        repeated = searches(
            rng, texts, count=args.requests, api=api, options=options, repeat_from=used
        )
        plans[name] = (path, unique_one, unique_many, repeated)
    print(
        f"Texts: {len(texts.seen)} unique ({', '.join(f'{k} {v}' for k, v in texts.kinds.items())})"
        f" from {len(words)} words and {len(pairs)} pairs of the district's offers, e.g. "
        + ", ".join(repr(_text(search)) for search in plans["catalogue"][1][:6])
    )
    plans = {name: plan for name, plan in plans.items() if _available(name, plan[0], plan[1][0])}
    for name, (path, unique_one, _many, _repeated) in plans.items():
        _count_queries(name, path, unique_one[: min(len(unique_one), 40)])
    if not plans:
        return

    connection.close()
    codes = [("new", ROOT)]
    if args.baseline:
        codes = [("old", Path(args.baseline).resolve()), *codes]
    summary = []
    for round_number in range(args.rounds):
        order = codes if round_number % 2 == 0 else codes[::-1]
        for name, (path, unique_one, unique_many, repeated) in plans.items():
            for label, code in order:
                # A server of its own for each endpoint and code: the catalogue and the API
                # share the search caches, and each would find the texts the other searched.
                with _Server(args, code=code) as server:
                    print(f"-- {name}, {label} code ({code}), CPU probe {cpu_probe():.0f} ms")
                    for round_name, params, clients, warmup in (
                        ("unique texts", unique_one, 1, args.warmup),
                        ("unique texts", unique_many, args.clients, 0),
                        ("repeated texts", repeated, 1, 0),
                        ("repeated texts", repeated, args.clients, 0),
                    ):
                        urls = [f"{path}?{urlencode(p)}" for p in params]
                        figures = _measure(
                            server, f"{name} ({label}, {round_name})", urls,
                            clients=clients, warmup=warmup,
                        )  # fmt: skip
                        if figures:
                            summary.append((name, label, round_name, clients, figures))
    print("\nSummary (ms; requests/s):")
    for name, label, round_name, clients, figures in summary:
        print(
            f"  {name:9} {label:3} {round_name:14} {clients} client(s): p50 {figures['p50']:.0f}"
            f" / p95 {figures['p95']:.0f} / max {figures['max']:.0f}; {figures['rate']:.1f} req/s"
        )


def _available(name, path, params):
    """Whether ``path`` answers 200 in-process (the views are being built in parallel)."""
    from django.test import Client

    response = Client().get(path, params)
    if response.status_code != 200:
        print(f"{name} ({path}) answered {response.status_code}: not measured.")
        return False
    return True


def _count_queries(name, path, params):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), []
    for search in params:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, search)
        if response.status_code == 200:
            counts.append(len(captured.captured_queries))
    if not counts:
        return
    print(
        f"{name}: SQL queries per page (in-process, {len(counts)} searches): "
        f"{min(counts)}–{max(counts)}"
    )


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Server:
    """gunicorn with the benchmark database, started and stopped around the measurements."""

    def __init__(self, args, *, code=ROOT, env=None):
        """``code``: the checkout whose code gunicorn runs (``--baseline`` names another);
        ``env``: more environment variables for it."""
        self.args = args
        self.code = Path(code)
        self.extra_env = env or {}
        self.port = _free_port()
        self.vardir = tempfile.TemporaryDirectory(prefix="knotenpunkt-bench-var-")
        self.process = None

    def environment(self):
        env = {
            **os.environ,
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "KNOTENPUNKT_VAR_DIR": self.vardir.name,
            "LOG_LEVEL": "WARNING",
            # The checkout's own package first (the virtual environment's may be another).
            "PYTHONPATH": str(self.code),
            **self.extra_env,
        }
        if self.args.conn_max_age and env["DATABASE_URL"].startswith("postgres"):
            # Keep the database connection between requests (a deployment setting; by
            # default Django opens one per request, which costs a few milliseconds).
            joiner = "&" if "?" in env["DATABASE_URL"] else "?"
            env["DATABASE_URL"] += f"{joiner}conn_max_age={self.args.conn_max_age}"
        if self.args.settings == "prod":
            env["DJANGO_SETTINGS_MODULE"] = "knotenpunkt.config.settings.prod"
            env["SECRET_KEY"] = secrets.token_urlsafe(50)
            env["SECURE_SSL_REDIRECT"] = "false"
        else:
            env["DJANGO_SETTINGS_MODULE"] = "knotenpunkt.config.settings.dev"
        return env

    def __enter__(self):
        bin_dir = Path(sys.executable).parent
        if self.args.settings == "prod":
            # The production settings serve static files from a manifest: collect them.
            collected = subprocess.run(  # noqa: S603
                [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                cwd=self.code,
                env=self.environment(),
                capture_output=True,
                text=True,
                check=False,
            )
            if collected.returncode:
                lines = collected.stderr.strip().splitlines() or ["?"]
                reason = next((line for line in lines if "Error" in line), lines[-1])
                print(f"collectstatic failed ({reason}); using the dev settings with DEBUG off")
                self.args.settings = "dev"
        env = self.environment()
        command = [
            str(bin_dir / "gunicorn"),
            "knotenpunkt.config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.args.workers),
            "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=self.code, env=env)  # noqa: S603
        # Workers warm up before they answer (core.warmup): on a loaded machine that takes.
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if self.get("/healthz/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            self.__exit__()
            raise SystemExit("gunicorn did not answer within 300 s")
        print(
            f"gunicorn: {self.args.workers} sync workers, settings {self.args.settings} "
            f"(DEBUG off), 127.0.0.1:{self.port}, CONN_MAX_AGE "
            f"{self.args.conn_max_age or 'as the settings say (prod: 60, dev: 0)'}"
        )
        return self

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.vardir.cleanup()

    def get(self, url):
        """GET ``url``; return (status, milliseconds)."""
        connection = HTTPConnection("127.0.0.1", self.port, timeout=60)
        started = time.perf_counter()
        try:
            connection.request("GET", url, headers={"Accept-Language": "de"})
            response = connection.getresponse()
            response.read()
            return response.status, (time.perf_counter() - started) * 1000
        finally:
            connection.close()


def _measure(server, name, urls, *, clients, warmup):
    for url in urls[:warmup]:
        server.get(url)
    measured = urls[warmup:]
    times, failures, slowest, lock = [], [], [], threading.Lock()

    def one(url):
        status, elapsed = server.get(url)
        with lock:
            if status == 200:
                times.append(elapsed)
                slowest.append((elapsed, url))
            else:
                failures.append(f"{status} {url}")

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, measured))
    wall = time.perf_counter() - started
    if failures:
        print(f"{name}: {len(failures)} requests not answered with 200, e.g. {failures[0]}")
    if not times:
        return None
    figures = percentiles(times)
    figures["rate"] = len(times) / wall
    print(
        f"{name} over HTTP, {clients} client(s), {len(times)} requests: "
        f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, max {figures['max']:.0f} ms; "
        f"{len(times) / wall:.1f} requests/s; load average {load_average()}"
    )
    if clients == 1:
        slow = ", ".join(f"{url} {ms:.0f} ms" for ms, url in sorted(slowest)[-3:][::-1])
        print(f"  slowest: {slow}")
    return figures


if __name__ == "__main__":
    main()
