"""Chapter 6: one barrier report for the staff's inbox (core's accessibility feedback)."""

from inklusiv.core.models import AccessibilityFeedback
from inklusiv.core.services import submit_accessibility_feedback


def load():
    if AccessibilityFeedback.objects.exists():
        return []
    submit_accessibility_feedback(
        actor=None,
        data={
            "name": "Renate Vogel",
            "email": "r.vogel@example.org",
            "page_url": "/de/accessibility/",
            "message": (
                "Mit meinem Screenreader (NVDA) wird die Tabelle der Mitglieder nicht "
                "vorgelesen, wenn ich in den Formularmodus wechsle."
            ),
        },
        language="de",
    )
    return []
