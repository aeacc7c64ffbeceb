"""Pages of the pilot regions (support)."""

urlpatterns = []
