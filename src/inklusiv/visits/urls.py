"""The on-site meetings' pages: each area keeps its own urlpatterns beside its views."""

from .views import availability, calendar, minutes, polls, rounds, visit

app_name = "visits"

urlpatterns = [
    *rounds.urlpatterns,
    *visit.urlpatterns,
    *availability.urlpatterns,
    *polls.urlpatterns,
    *calendar.urlpatterns,
    *minutes.urlpatterns,
]
