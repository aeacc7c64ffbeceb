"""Trainings on the dashboard (registered with the notifications app's registry)."""
