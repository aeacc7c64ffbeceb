"""Time the staff application pages in-process with Django's test Client, as the bench staff
account, and count their database queries.

    DATABASE_URL=sqlite:///var/bench.sqlite3 .venv/bin/python -m bench.load --repeat 20

Run bench.generate first. Times include rendering and, for exports, reading the whole file;
they exclude the network and a web server.
"""

import argparse
import statistics
import time

from ._setup import setup_django


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--export-repeat", type=int, default=3, help="timed requests per full export"
    )
    parser.add_argument("--call", help="slug of the call to measure (default: the newest bench)")
    return parser


def _scenarios(call, application_pk):
    from django.urls import reverse

    listing = reverse("applications:staff_list")
    return [
        ("list, page 1", listing, {}),
        ("list, call filter, page 20", listing, {"call": call.pk, "page": 20}),
        ("list, Bundesland NW", listing, {"state": "NW", "call": call.pk}),
        ("list, field + status", listing, {"field_of_action": "mobility", "status": "submitted"}),
        ("list, search 'Görlitz'", listing, {"q": "Görlitz"}),
        ("list, search concept text", listing, {"q": "Volkshochschule"}),
        ("list, sort -population", listing, {"sort": "-population"}),
        ("list, sort Bundesland", listing, {"sort": "state"}),
        ("detail", reverse("applications:staff_detail", args=[application_pk]), {}),
    ]


def _exports(call):
    from django.urls import reverse

    return [
        (
            "export CSV, whole call",
            reverse("applications:staff_export", args=["csv"]),
            {"call": call.pk},
        ),
        (
            "export XLSX, whole call",
            reverse("applications:staff_export", args=["xlsx"]),
            {"call": call.pk},
        ),
    ]


def _measure(client, url, params, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries, size = [], set(), 0
    for run in range(repeat + 1):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url, params, secure=True)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
        if run == 0:
            continue  # the first request warms caches (templates, translations, sessions)
        timings.append(elapsed)
        queries.add(len(captured.captured_queries))
        size = len(body)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, sorted(queries), size


def main(argv=None) -> None:
    arguments = _argument_parser().parse_args(argv)
    setup_django("bench.settings")
    from django.db import connection
    from django.test import Client

    from inklusiv.accounts.models import User
    from inklusiv.applications.models import Application
    from inklusiv.calls.models import Call

    from .generate import STAFF_EMAIL

    calls = Call.objects.filter(initiative__slug="bench").order_by("-pk")
    call = calls.get(slug=arguments.call) if arguments.call else calls.first()
    if call is None:
        raise SystemExit("No bench call: run `python -m bench.generate` first.")
    staff = User.objects.get(email=STAFF_EMAIL)
    # The project's settings, not the test settings: "localhost" is an allowed host.
    client = Client(SERVER_NAME="localhost")
    client.force_login(staff)
    total = Application.objects.count()
    in_call = call.applications.count()
    application_pk = call.applications.order_by("pk").values_list("pk", flat=True)[in_call // 2]
    print(f"{connection.vendor}: {total} applications in the database, {in_call} in “{call.slug}”")
    print(f"{'page':<30} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'KiB':>8}")
    plan = [
        (name, url, params, arguments.repeat)
        for name, url, params in _scenarios(call, application_pk)
    ]
    plan += [(name, url, params, arguments.export_repeat) for name, url, params in _exports(call)]
    for name, url, params, repeat in plan:
        median, p95, queries, size = _measure(client, url, params, repeat)
        counts = "/".join(str(count) for count in queries)
        print(f"{name:<30} {median:>10.1f} {p95:>8.1f} {counts:>8} {size / 1024:>8.0f}")


if __name__ == "__main__":
    main()
