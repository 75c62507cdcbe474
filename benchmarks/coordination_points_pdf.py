"""Time to generate the coordination-points PDF with 200 entries.

    .venv/bin/python benchmarks/coordination_points_pdf.py
    .venv/bin/python benchmarks/coordination_points_pdf.py \
        --database-url postgres://postgres@127.0.0.1:5432/knotenpunkt_bench

Builds a throwaway database (demo districts plus generated coordination points, all
public, with one to three contacts each), then calls
``knotenpunkt.downloads.generated.coordination_points_pdf(district)`` several times and
prints min/median/max in seconds. Target (issue 3): <= 3 s for 200 entries.
"""

import statistics

from _common import arguments, commit, load_average, machine, setup_database, timed


def main():
    args = arguments(__doc__, entries=200, runs=5)
    database = setup_database(args.database_url)
    try:
        run(args)
    finally:
        database.drop()


def run(args):
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # no progress lines
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from knotenpunkt.directory.models import ContactPerson, Organisation, OrganisationType
    from knotenpunkt.districts.models import District

    district = District.objects.get(slug="mittelwald")
    points = Organisation.objects.in_district(district).filter(
        type=OrganisationType.COORDINATION_POINT
    )
    missing = args.entries - points.count()
    if missing > 0:
        call_command(
            "generate_directory",
            district=district.slug,
            organisations=missing,
            contacts=missing * 2,
            type=OrganisationType.COORDINATION_POINT,
            seed=args.seed,
            verbosity=0,
        )
    points.update(is_public=True)
    ContactPerson.objects.in_district(district).filter(organisation__in=points).update(
        is_public=True
    )
    print(f"Machine: {machine()}; commit {commit()}")
    try:
        from knotenpunkt.downloads.generated import coordination_points_pdf
    except ImportError:
        print("knotenpunkt.downloads.generated.coordination_points_pdf is missing: not measured.")
        return
    entries = points.count()
    contacts = ContactPerson.objects.in_district(district).filter(organisation__in=points)
    seconds, cpu_seconds, sizes, counts = [], [], set(), set()
    for _ in range(args.runs):
        with CaptureQueriesContext(connection) as captured:
            elapsed, cpu, pdf = timed(coordination_points_pdf, district)
        seconds.append(elapsed / 1000)
        cpu_seconds.append(cpu / 1000)
        sizes.add(len(pdf))
        counts.add(len(captured.captured_queries))
        if not pdf.startswith(b"%PDF"):
            raise SystemExit("coordination_points_pdf did not return a PDF")
    print(
        f"Coordination-points PDF ({connection.vendor}), {entries} entries with "
        f"{contacts.count()} contacts, {args.runs} runs: min {min(seconds):.2f} s, "
        f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s; CPU median "
        f"{statistics.median(cpu_seconds):.2f} s; {max(sizes) // 1024} KiB; "
        f"SQL queries {min(counts)}–{max(counts)}; load average {load_average()}"
    )


if __name__ == "__main__":
    main()
