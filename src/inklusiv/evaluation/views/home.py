"""home pages of the evaluation (see CONTRACT)."""

urlpatterns = []
