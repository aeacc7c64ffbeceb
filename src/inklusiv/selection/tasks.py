"""Background tasks of the selection procedure; they take ids and call services."""

from django_tasks import task


@task()
def send_letter_batch(batch_id: int) -> None:
    """Render, store and send the decision letters of one LetterBatch."""
    from .services.letters import run_batch

    run_batch(batch_id)


@task()
def send_review_reminders() -> None:
    """The daily reminders of outstanding reviews (see services.review_reminders)."""
    from .services.review_reminders import send_review_reminders as run

    run()
