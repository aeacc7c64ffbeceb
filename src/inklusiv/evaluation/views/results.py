"""results pages of the evaluation (see CONTRACT)."""

urlpatterns = []
