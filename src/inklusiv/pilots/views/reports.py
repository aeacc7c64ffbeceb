"""Pages of the pilot regions (reports)."""

urlpatterns = []
