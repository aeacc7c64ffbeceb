"""The evaluation's pages: each area keeps its own urlpatterns beside its views."""

from .views import answer, builder, distribution, home, impact, indicators, reports, results

app_name = "evaluation"

urlpatterns = [
    *home.urlpatterns,
    *impact.urlpatterns,
    *indicators.urlpatterns,
    *builder.urlpatterns,
    *distribution.urlpatterns,
    *results.urlpatterns,
    *reports.urlpatterns,
    *answer.urlpatterns,
]
