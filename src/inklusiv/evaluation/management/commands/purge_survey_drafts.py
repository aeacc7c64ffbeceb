"""Delete unfinished survey answers nobody will send: those of surveys that ended and those
untouched for 180 days (data minimisation; run daily from cron)."""

from django.core.management.base import BaseCommand

from inklusiv.evaluation.services.answering import purge_drafts


class Command(BaseCommand):
    help = "Delete unfinished answers of ended surveys and those untouched for 180 days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=180)

    def handle(self, *args, days, **options):
        count = purge_drafts(days=days)
        self.stdout.write(f"{count} unfinished answer sets deleted.")
