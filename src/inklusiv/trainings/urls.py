"""The trainings' pages: each area keeps its own urlpatterns beside its views."""

from .views import (
    certificates,
    feedback,
    manage,
    organise,
    public,
    region,
    registration,
    statistics,
)

app_name = "trainings"

urlpatterns = [
    *manage.urlpatterns,
    *organise.urlpatterns,
    *statistics.urlpatterns,
    *region.urlpatterns,
    *certificates.urlpatterns,
    *feedback.urlpatterns,
    *registration.urlpatterns,
    # Last: the course page's /<slug>/ would shadow the others.
    *public.urlpatterns,
]
