"""The selection procedure's pages: each area keeps its own urlpatterns beside its views."""

from .views import (
    assignment,
    commission,
    decisions,
    ranking,
    research,
    review_progress,
    reviews,
    statistics,
)

app_name = "selection"

urlpatterns = [
    *commission.urlpatterns,
    *assignment.urlpatterns,
    *reviews.urlpatterns,
    *review_progress.urlpatterns,
    *research.urlpatterns,
    *ranking.urlpatterns,
    *decisions.urlpatterns,
    *statistics.urlpatterns,
]
