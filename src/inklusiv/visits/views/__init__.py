"""On-site meeting pages; each area keeps its urlpatterns beside its views."""
