"""Background tasks of the pilot regions; they call services."""

from django_tasks import task


@task()
def send_pilot_reminders() -> int:
    """Remind the owners of tasks that fall due (see services.support.send_task_reminders);
    queued by the daily cron job."""
    from .services.support import send_task_reminders

    return send_task_reminders()
