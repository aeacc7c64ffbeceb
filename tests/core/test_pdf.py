"""PDF rendering shares its font configuration per process, so a worker that renders receipts
and letters all day does not grow with every document."""

import gc
from pathlib import Path

import pytest
from django.utils import translation

from inklusiv.applications.receipts import render_receipt
from tests.applications.test_receipts import version  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _resident_kilobytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS in /proc/self/status")


def test_two_hundred_receipts_leave_the_process_memory_flat(version):  # noqa: F811
    with translation.override("de"):
        for _ in range(20):  # warm-up: fonts, templates, caches settle
            render_receipt(version)
        gc.collect()
        before = _resident_kilobytes()
        for _ in range(200):
            render_receipt(version)
        gc.collect()
        after = _resident_kilobytes()
    growth_mb = (after - before) / 1024
    print(f"memory growth over 200 receipts: {growth_mb:.1f} MB")
    assert growth_mb < 8, f"memory grew by {growth_mb:.1f} MB over 200 receipts"
