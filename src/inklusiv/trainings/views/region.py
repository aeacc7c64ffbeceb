"""Pages of the trainings (region)."""

urlpatterns = []
