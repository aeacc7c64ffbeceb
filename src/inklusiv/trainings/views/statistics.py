"""Pages of the trainings (statistics)."""

urlpatterns = []
