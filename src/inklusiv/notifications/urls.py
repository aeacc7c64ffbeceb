"""Notification preferences, the in-app inbox and one-click unsubscribe."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/<int:pk>/", views.detail, name="detail"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("notifications/settings/", views.preferences, name="settings"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
