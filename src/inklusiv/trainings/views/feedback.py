"""Pages of the trainings (feedback)."""

urlpatterns = []
