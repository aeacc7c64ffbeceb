"""Placeholder; see the module brief."""

urlpatterns = []
