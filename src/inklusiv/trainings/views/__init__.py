"""Pages of the trainings, a module per area; each defines its urlpatterns."""
