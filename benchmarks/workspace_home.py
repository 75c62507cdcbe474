"""Server time and SQL queries of the workspace home "Mein Knotenpunkt" per role.

    .venv/bin/python benchmarks/workspace_home.py                        # SQLite in a temp dir
    .venv/bin/python benchmarks/workspace_home.py --offers 100000 \
        --database-url postgres://postgres@127.0.0.1:5432/knotenpunkt_bench_home

Builds a throwaway database (the demo districts, then ``--offers`` generated offers, so that
the to-do counts run over many rows), then requests ``/<district>/workspace/`` in-process
through Django's test client as each demo role: the first request of a fresh login (cold:
the role lookups and the counts, nothing cached) and ``--requests`` more; prints
p50/p95/max and the number of SQL queries, which must not grow with the data (issue 10:
"the counts cost a constant number of queries, whatever the data size"). The time covers
middleware, view, the panels' counts, database and template; not the network.
"""

from _common import arguments, commit, load_average, machine, percentiles, setup_database, timed

ROLES = [
    "district-admin",
    "district-coordinator",
    "municipal-coordinator",
    "partner-editor",
    "volunteer",
]


def main():
    args = arguments(__doc__, offers=10000, requests=30)
    database = setup_database(args.database_url, keep=args.keep)
    try:
        run(args)
    finally:
        database.drop()


def run(args):
    import time

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from knotenpunkt.accounts.models import User

    small = {role: _home(Client, User, connection, role)[1] for role in ROLES}
    started = time.perf_counter()
    call_command(
        "generate_offers", district="mittelwald", offers=args.offers, seed=args.seed, verbosity=0
    )
    generated_s = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Machine: {machine()}; commit {commit()}")
    print(f"Data: the demo (about 400 offers), then {args.offers} offers in {generated_s:.1f} s")
    for role in ROLES:
        client, queries, cold = _home(Client, User, connection, role)
        times = []
        for _ in range(args.requests):
            elapsed, _cpu, _response = timed(client.get, "/mittelwald/workspace/")
            times.append(elapsed)
        figures = percentiles(times)
        print(
            f"{role:22} ({connection.vendor}): first request {cold:.1f} ms; then "
            f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms, max {figures['max']:.1f} "
            f"ms; SQL queries {queries} (with the demo's 400 offers: "
            f"{small[role]}); load average {load_average()}"
        )


def _home(client_class, user_model, connection, role):
    """Log ``role`` in and request the home once; return (client, SQL queries, ms)."""
    client = client_class()
    client.force_login(user_model.objects.get(email=f"{role}@mittelwald.example"))
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        elapsed, _cpu, response = timed(client.get, "/mittelwald/workspace/")
    if response.status_code != 200:
        raise SystemExit(f"{role}: the home answered {response.status_code}")
    return client, len(queries), elapsed


if __name__ == "__main__":
    main()
