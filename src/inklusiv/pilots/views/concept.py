"""Pages of the pilot regions (concept)."""

urlpatterns = []
