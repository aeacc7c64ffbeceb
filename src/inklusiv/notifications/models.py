"""Notification preferences and the in-app inbox."""
