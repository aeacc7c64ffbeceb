"""Pages of the trainings (manage)."""

urlpatterns = []
