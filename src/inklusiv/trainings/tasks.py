"""Background tasks of the trainings; they take ids and call services."""

from django_tasks import task


@task()
def issue_certificates(batch_id: int) -> None:
    """Render, store and announce the certificates of one CertificateBatch."""
    from .services.certificates import run_batch

    run_batch(batch_id)
