"""Pages of the pilot regions (network)."""

urlpatterns = []
