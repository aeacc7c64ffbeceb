"""Pages of the pilot regions (region)."""

urlpatterns = []
