"""Background tasks of the notifications app; they call services."""

from django_tasks import task


@task()
def send_daily_digests() -> int:
    """The daily digest (see services.send_digests); queued by the daily cron job."""
    from .services import send_digests

    return send_digests()
