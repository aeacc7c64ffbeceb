"""The demo's letters of 2016 where a task worker sends them (as `make demo` runs one): a module
of its own, as it loads the demo with other settings than tests/selection/test_demo.py."""

import pytest

from inklusiv.demo import load as load_demo
from inklusiv.selection.models import LetterBatch

pytestmark = pytest.mark.django_db


def test_the_2016_letters_are_not_held_back_where_a_worker_sends_them(
    settings, django_capture_on_commit_callbacks
):
    """`make demo` runs a task worker that can wait: the letters of 2016 went out in 2016, so
    the story's batches must not sit there held back as if staff had just confirmed them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LETTER_HOLD_BACK_MINUTES = 10
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
    batches = LetterBatch.objects.all()
    assert batches.count() == 2
    assert [batch.send_after for batch in batches] == [None, None]
