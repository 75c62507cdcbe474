"""Many districts on one installation: memory of a gunicorn worker and the catalogue's p95.

    .venv/bin/python benchmarks/districts_memory.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench_districts --keep

A state may run one installation for all its districts (Baden-Württemberg has 44). The
script adds ``--districts`` districts (default 44) with ten municipalities, a few
organisations and ``--offers`` generated offers each (default 10,000), then starts gunicorn
with ONE sync worker (production settings) and:

1. searches every district in turn (``--per-district`` searches with unique texts each,
   default 10) and reads the worker's resident memory (RSS, from /proc) after each district;
2. measures the catalogue with unique texts in one district only, then spread over all
   districts (``--requests`` each, one client), so that the p95 of both can be compared.

It does both with the search caches bounded as configured (``KNOTENPUNKT_SEARCH_SNAPSHOTS``,
default 48) and, for comparison, with room for every district (``--unbounded``), which is
what a worker kept before the bound. ``--keep`` (PostgreSQL) keeps the database and reuses it.
"""

import random
import time
from pathlib import Path
from urllib.parse import urlencode

from _common import arguments, commit, cpu_probe, load_average, machine, setup_database
from _queries import UniqueTexts, vocabulary
from offers_search import _measure, _Server, searches

SLUG = "kreis-{:02d}"


def main():
    args = arguments(
        __doc__,
        districts=44,
        offers=10000,
        per_district=10,
        requests=200,
        snapshots=8,
        unbounded=True,
        settings="prod",
        workers=1,
        conn_max_age=0,
        warmup=0,
    )
    database = setup_database(args.database_url, keep=args.keep)
    try:
        run(args, generate=not database.reused)
    finally:
        database.drop()


def _generate(args):
    from django.core.management import call_command
    from faker import Faker

    from knotenpunkt.districts.demo import _upsert_district, _upsert_municipalities
    from knotenpunkt.districts.models import IntegrationManagementCarrier, Region

    fake = Faker("de_DE")
    fake.seed_instance(args.seed)
    for index in range(args.districts):
        slug = SLUG.format(index)
        district = _upsert_district(
            slug=slug,
            name=f"Landkreis Kreis {index:02d}",
            official_key=f"08{index:03d}",
            city=f"Kreisstadt {index:02d}",
            postal_code=f"7{index:04d}",
            street="Am Landratsamt 1",
            fake=fake,
        )
        region = Region.objects.get_or_create(district=district, name="Mitte")[0]
        _upsert_municipalities(
            district=district,
            regions=[region],
            carriers=[IntegrationManagementCarrier.DISTRICT] * 10,
            key_prefix=f"08{index:03d}",
            fake=fake,
        )
        call_command(
            "generate_directory",
            district=slug,
            organisations=40,
            contacts=40,
            seed=args.seed + index,
            verbosity=0,
        )
        started = time.perf_counter()
        call_command(
            "generate_offers",
            district=slug,
            offers=args.offers,
            seed=args.seed + index,
            verbosity=0,
        )
        print(f"  {slug}: {args.offers} offers in {time.perf_counter() - started:.1f} s")


def _worker_rss_mb(server):
    """The resident memory of the (one) gunicorn worker: a child of the master."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    pids = children.read_text().split()
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total = max(total, int(line.split()[1]))
    return total / 1024


def run(args, *, generate=True):
    from django.db import connection

    from knotenpunkt.districts.models import District, Municipality
    from knotenpunkt.offers.models import Category, Offer

    if generate:
        started = time.perf_counter()
        _generate(args)
        print(f"Generated {args.districts} districts in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    slugs = [SLUG.format(index) for index in range(args.districts)]
    districts = list(District.objects.filter(slug__in=slugs).order_by("slug"))
    total = Offer.objects.filter(district__in=districts).count()
    print(f"Machine: {machine()}; CPU probe {cpu_probe():.0f} ms; commit {commit()}")
    print(
        f"Data: {len(districts)} districts, {total} offers in them; load average {load_average()}"
    )
    rng = random.Random(args.seed)  # noqa: S311
    words, pairs = vocabulary(districts[0])
    texts = UniqueTexts(rng, words, pairs)

    def plan(district, count):
        options = {
            "category": list(Category.objects.in_district(district).values_list("pk", flat=True)),
            "municipality": list(
                Municipality.objects.in_district(district).values_list("pk", flat=True)
            ),
            "language": ["ar", "uk", "en", "fa", "tr", "ru"],
            "target_group": ["women", "children", "young_people", "refugees", "parents"],
        }
        path = f"/{district.slug}/angebote/"
        params = searches(rng, texts, count=count, api=False, options=options)
        return [f"{path}?{urlencode(p)}" for p in params]

    tour = [plan(district, args.per_district) for district in districts]
    one = plan(districts[0], args.requests)
    spread = [url for _ in range(args.requests // len(districts) + 1) for url in
              (plan(district, 1)[0] for district in districts)][: args.requests]  # fmt: skip
    rng.shuffle(spread)
    connection.close()

    variants = [(f"bounded ({args.snapshots} snapshots)", str(args.snapshots))]
    if args.unbounded:
        variants.append(("unbounded (room for every district)", str(args.districts + 10)))
    for label, size in variants:
        env = {"KNOTENPUNKT_SEARCH_SNAPSHOTS": size}
        with _Server(args, env=env) as server:
            print(f"-- {label}: worker RSS after start and warm-up {_worker_rss_mb(server):.0f} MB")
            rss, started = [], time.perf_counter()
            for index, urls in enumerate(tour):
                for url in urls:
                    status, _ms = server.get(url)
                    if status != 200:
                        print(f"  {status} {url}")
                rss.append(_worker_rss_mb(server))
                if index % 11 == 10 or index == len(tour) - 1:
                    print(f"  after {index + 1} districts: worker RSS {rss[-1]:.0f} MB")
            print(
                f"  tour of {len(tour)} districts ({sum(map(len, tour))} searches) in "
                f"{time.perf_counter() - started:.0f} s; worker RSS max {max(rss):.0f} MB"
            )
            _measure(server, f"catalogue ({label}, one district)", one, clients=1, warmup=0)
            _measure(server, f"catalogue ({label}, all districts)", spread, clients=1, warmup=0)
            print(f"  worker RSS at the end {_worker_rss_mb(server):.0f} MB")


if __name__ == "__main__":
    main()
