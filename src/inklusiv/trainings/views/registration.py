"""Pages of the trainings (registration)."""

urlpatterns = []
