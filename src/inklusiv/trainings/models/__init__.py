"""Trainings for the pilot regions: the catalogue of courses, their dated sessions, who
registered (with the waiting list and seat offers), attendance, certificates and anonymous
feedback. One module per part; this package exports them all."""

from .course import Course, Format
from .feedback import FeedbackResponse
from .registration import (
    AccessibilityNeed,
    Certificate,
    CertificateBatch,
    Need,
    Registration,
)
from .session import Service, TrainingSession

__all__ = [
    "AccessibilityNeed",
    "Certificate",
    "CertificateBatch",
    "Course",
    "FeedbackResponse",
    "Format",
    "Need",
    "Registration",
    "Service",
    "TrainingSession",
]
