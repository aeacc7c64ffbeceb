"""Pages of the trainings (certificates)."""

urlpatterns = []
