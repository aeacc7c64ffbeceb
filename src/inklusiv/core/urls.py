from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("imprint/", views.imprint, name="imprint"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("easy-read/", views.easy_read, name="easy_read"),
    path("staff/outbox/", views.outbox, name="outbox"),
    path("staff/outbox/<str:name>/", views.outbox_message, name="outbox_message"),
    path("staff/audit/", views.audit_log, name="audit_log"),
    path("staff/audit/export.csv", views.audit_export, name="audit_export"),
    path(
        "staff/history/<int:content_type_id>/<str:object_id>/",
        views.object_history,
        name="object_history",
    ),
    path("staff/barrier-reports/", views.feedback_list, name="feedback_list"),
]
