"""Pages of the pilot regions (structures)."""

urlpatterns = []
