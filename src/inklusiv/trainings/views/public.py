"""Pages of the trainings (public)."""

urlpatterns = []
