"""The pilot regions' pages: each area keeps its own urlpatterns beside its views."""

from .views import concept, network, public, region, reports, structures, support

app_name = "pilots"

urlpatterns = [
    *region.urlpatterns,
    *structures.urlpatterns,
    *network.urlpatterns,
    *concept.urlpatterns,
    *support.urlpatterns,
    *reports.urlpatterns,
    *public.urlpatterns,
]
