"""Daily cron job: remind the owners of open tasks in the pilot regions that fall due."""

from django.core.management.base import BaseCommand

from inklusiv.pilots.services.support import send_task_reminders


class Command(BaseCommand):
    help = (
        "Remind the owners of open tasks due within three days or overdue. "
        "Safe to run twice a day: each task is reminded at most once a day."
    )

    def handle(self, *args, **options):
        reminded = send_task_reminders()
        self.stdout.write(f"{reminded} task reminder(s) sent.")
