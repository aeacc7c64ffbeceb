"""Pages of the trainings (organise)."""

urlpatterns = []
