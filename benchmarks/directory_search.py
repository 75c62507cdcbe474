"""Server time of the public directory search with 5,000 organisations and 20,000 contacts.

    .venv/bin/python benchmarks/directory_search.py                      # SQLite in a temp dir
    .venv/bin/python benchmarks/directory_search.py \
        --database-url postgres://postgres@127.0.0.1:5432/knotenpunkt_bench

Builds a throwaway database (demo districts plus generated entries), then requests the
public search page (URL name ``directory:directory``) in-process through Django's test
client with varied filters, and prints p50/p95/max in milliseconds and the number of SQL
queries per page. The time covers middleware, view, selector, database and template; not
the network. Target (issue 3): p95 <= 50 ms on SQLite and PostgreSQL.
"""

import random

from _common import (
    arguments,
    commit,
    load_average,
    machine,
    percentiles,
    setup_database,
    timed,
)

TEXTS = [
    "Helferkreis", "Caritas", "schule", "Sprach", "Beratung", "Café", "Integrationskurs",
    "Kirchengemeinde", "Verein", "Jobcenter", "Tafel", "Koordination", "birken", "Asyl",
]  # fmt: skip


def main():
    args = arguments(__doc__, organisations=5000, contacts=20000, requests=200, warmup=20)
    database = setup_database(args.database_url)
    try:
        run(args)
    finally:
        database.drop()


def _queries(rng, municipalities, types, topics, languages, count):
    """Varied searches as visitors make them: text alone, filters alone, combinations."""
    searches = []
    for index in range(count):
        params = {}
        kind = index % 6
        if kind in (0, 4):
            params["query"] = rng.choice(TEXTS)
        if kind in (1, 4, 5):
            params["municipality"] = rng.choice(municipalities)
        if kind in (2, 5):
            params["type"] = rng.choice(types)
        if kind == 3:
            params["topic"] = rng.choice(topics)
        if kind in (3, 5) or rng.random() < 0.15:
            params["language"] = rng.choice(languages)
        if rng.random() < 0.2:
            params["page"] = 2
        searches.append(params)
    return searches


def run(args):
    import time

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from knotenpunkt.accounts.models import User
    from knotenpunkt.directory.models import LanguageCode, OrganisationType, TopicCode
    from knotenpunkt.districts.models import District, Municipality

    district = District.objects.get(slug="mittelwald")
    started = time.perf_counter()
    call_command(
        "generate_directory",
        district=district.slug,
        organisations=args.organisations,
        contacts=args.contacts,
        seed=args.seed,
        verbosity=0,
    )
    generated_s = time.perf_counter() - started
    rng = random.Random(args.seed)  # noqa: S311
    municipalities = list(Municipality.objects.in_district(district).values_list("pk", flat=True))
    searches = _queries(
        rng,
        municipalities,
        OrganisationType.values,
        TopicCode.values,
        LanguageCode.values,
        args.warmup + args.requests,
    )
    try:
        url = reverse("directory:directory", kwargs={"district_slug": district.slug})
    except NoReverseMatch:
        url = None
    print(f"Machine: {machine()}; commit {commit()}")
    print(
        f"Data: {args.organisations} organisations, {args.contacts} contacts generated in "
        f"{generated_s:.1f} s (plus the demo directory)"
    )
    if url is None:
        print("The public search view (directory:directory) is missing: nothing measured.")
        return

    member = User.objects.get(email="district-coordinator@mittelwald.example")
    for label, client in (("anonymous", Client()), ("member", Client())):
        if label == "member":
            client.force_login(member)
        times, cpu_times, counts = [], [], set()
        for index, params in enumerate(searches):
            with CaptureQueriesContext(connection) as captured:
                elapsed, cpu, response = timed(client.get, url, params)
            if response.status_code != 200:
                raise SystemExit(f"{url}?{params} answered {response.status_code}")
            if index >= args.warmup:
                times.append(elapsed)
                cpu_times.append(cpu)
                counts.add(len(captured.captured_queries))
        figures, cpu = percentiles(times), percentiles(cpu_times)
        print(
            f"Search page ({label}, {connection.vendor}), {len(times)} requests: "
            f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, "
            f"max {figures['max']:.1f} ms; CPU of this process p50 {cpu['p50']:.1f} ms, "
            f"p95 {cpu['p95']:.1f} ms; SQL queries per page: {min(counts)}–{max(counts)}; "
            f"load average {load_average()}"
        )


if __name__ == "__main__":
    main()
