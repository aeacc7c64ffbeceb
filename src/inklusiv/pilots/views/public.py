"""Pages of the pilot regions (public)."""

urlpatterns = []
