"""Anonymous feedback: an answer names its session, never its author (whether someone
answered is kept on the registration, apart from the answer)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .session import TrainingSession

RATING = [MinValueValidator(1), MaxValueValidator(5)]


class FeedbackResponse(models.Model):
    # The questions, in the order of the questionnaire; 1 = not at all … 5 = fully.
    RATINGS = ("overall", "content", "practice", "trainer", "accessibility")

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="feedback_responses"
    )
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING)
    content = models.PositiveSmallIntegerField(_("content"), validators=RATING)
    practice = models.PositiveSmallIntegerField(_("useful in practice"), validators=RATING)
    trainer = models.PositiveSmallIntegerField(_("trainer"), validators=RATING)
    accessibility = models.PositiveSmallIntegerField(_("accessibility"), validators=RATING)
    liked = models.TextField(_("what was good"), max_length=2000, blank=True)
    improve = models.TextField(_("what could be better"), max_length=2000, blank=True)
    # Only the day: a time to the second would let an organiser match answers to check-outs.
    answered_on = models.DateField()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        # Not by primary key: the order of answers must not reveal the order of answering.
        ordering = ["session", "improve", "liked"]

    def __str__(self):
        return f"{self.session}: {self.overall}"
