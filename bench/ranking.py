"""Time the ranking of a stage: 500 applications in review with 3 submitted reviews each.

    DATABASE_URL=sqlite:///var/bench-ranking.sqlite3 .venv/bin/python -m bench.ranking

Adds a bench call (bench.generate) whose applications are all put in review, 40 reviewers and
three submitted reviews per application (each reviewer with a bias of their own, so the
normalised ranking differs from the plain one), then times ranking.rank() directly and the
ranking page and its CSV export through Django's test Client, with their query counts.
"""

import argparse
import random
import statistics
import time

from ._setup import setup_django


def _argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=500)
    parser.add_argument("--reviews", type=int, default=3, help="reviews per application")
    parser.add_argument("--reviewers", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2016)
    return parser


def _reviews(call, stage, *, reviewers: int, per_application: int, seed: int) -> int:
    from decimal import Decimal

    from django.db import transaction
    from django.utils import timezone

    from inklusiv.accounts.models import User
    from inklusiv.applications.models import Application, Status
    from inklusiv.selection.models import Review

    rng = random.Random(seed)
    with transaction.atomic():
        applications = list(call.applications.order_by("pk"))
        for number, application in enumerate(applications, start=1):
            application.status = Status.IN_REVIEW
            if not application.reference:
                application.reference = f"{call.reference_prefix}-2016-{number:04d}"
        Application.objects.bulk_update(applications, ["status", "reference"], batch_size=1000)
        stage.quota = 10
        stage.save(update_fields=["quota"])
        people = User.objects.bulk_create(
            User(email=f"gutachter{n}@{call.slug}.bench.example", name=f"Gutachter·in {n}")
            for n in range(reviewers)
        )
        bias = {person.pk: rng.uniform(-1.0, 1.0) for person in people}
        now = timezone.now()
        reviews = []
        for application in applications:
            quality = rng.uniform(1.5, 4.5)
            for person in rng.sample(people, per_application):
                total = min(5.0, max(1.0, quality + bias[person.pk] + rng.gauss(0, 0.3)))
                reviews.append(
                    Review(
                        stage=stage,
                        application=application,
                        reviewer=person,
                        status=Review.Status.SUBMITTED,
                        recommendation=rng.choice(Review.Recommendation.values),
                        total=Decimal(f"{total:.3f}"),
                        submitted_at=now,
                    )
                )
        Review.objects.bulk_create(reviews, batch_size=1000)
    return len(reviews)


def _time(function, repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile wall time, and median CPU time of this process, in ms.

    The CPU time is what to compare on a busy machine: other processes inflate wall time, not
    this one's CPU time (on PostgreSQL it leaves out the server's share of the work).
    """
    function()  # warm up
    timings, cpu = [], []
    for _run in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (repeat - 1)))]
    return statistics.median(timings), p95, statistics.median(cpu)


def _get(client, url, params) -> tuple[int, int]:
    """One request, the whole (streamed) body read: its size and the number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params, secure=True)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {response.status_code}")
    return len(body), len(captured.captured_queries)


def main(argv=None) -> None:
    arguments = _argument_parser().parse_args(argv)
    setup_django("bench.settings")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from inklusiv.accounts.models import User
    from inklusiv.selection.ranking import rank

    from .generate import STAFF_EMAIL, generate

    call_command("migrate", verbosity=0, interactive=False)
    made = generate(arguments.applications, arguments.seed)
    call = made["call"]
    stage = call.first_stage()
    started = time.perf_counter()
    count = _reviews(
        call,
        stage,
        reviewers=arguments.reviewers,
        per_application=arguments.reviews,
        seed=arguments.seed,
    )
    print(
        f"{connection.vendor}: “{call.slug}”: {made['applications']} applications in review, "
        f"{count} reviews by {arguments.reviewers} reviewers "
        f"(generated in {made['seconds'] + time.perf_counter() - started:.1f} s)"
    )
    print(
        f"{'measure':<32} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'queries':>8} {'KiB':>6}"
    )
    for normalise in (False, True):
        with CaptureQueriesContext(connection) as captured:
            rows = rank(stage, normalise=normalise)
        assert len(rows) == made["applications"]
        median, p95, cpu = _time(lambda n=normalise: rank(stage, normalise=n), arguments.repeat)
        name = "rank()" + (", normalised" if normalise else "")
        queries = len(captured.captured_queries)
        print(f"{name:<32} {median:>10.1f} {p95:>8.1f} {cpu:>8.1f} {queries:>8}")

    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email=STAFF_EMAIL))
    page = reverse("selection:ranking", args=[stage.pk])
    export = reverse("selection:ranking_export", args=[stage.pk])
    statistics_page = reverse("selection:statistics", args=[call.pk])
    for name, url, params in [
        ("ranking page", page, {}),
        ("ranking page, normalised", page, {"normalise": "1"}),
        ("ranking page, sorted by spread", page, {"sort": "-spread"}),
        ("ranking CSV export", export, {"normalise": "1"}),
        ("statistics page", statistics_page, {}),
    ]:
        sizes, counts = [], []

        def request(url=url, params=params, sizes=sizes, counts=counts):
            size, queries = _get(client, url, params)
            sizes.append(size)
            counts.append(queries)

        median, p95, cpu = _time(request, arguments.repeat)
        # The first (warm-up) request also fills caches such as the content types.
        queries = "/".join(str(number) for number in sorted(set(counts[1:])))
        kib = max(sizes) / 1024
        print(f"{name:<32} {median:>10.1f} {p95:>8.1f} {cpu:>8.1f} {queries:>8} {kib:>6.0f}")


if __name__ == "__main__":
    main()
