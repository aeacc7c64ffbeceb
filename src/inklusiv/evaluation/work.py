"""The evaluation on the dashboard."""
