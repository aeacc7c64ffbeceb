from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("calls/", views.call_list, name="list"),
    path("calls/<slug:slug>/", views.call_detail, name="detail"),
    path("calls/<slug:slug>/leichte-sprache/", views.call_easy_read, name="easy_read"),
    path("staff/calls/", views.staff_list, name="staff_list"),
    path("staff/initiatives/new/", views.initiative_form, name="initiative_create"),
    path("staff/initiatives/<int:pk>/edit/", views.initiative_form, name="initiative_edit"),
    path("staff/calls/new/", views.call_form, name="call_create"),
    path("staff/calls/<int:pk>/", views.staff_call, name="staff_call"),
    path("staff/calls/<int:pk>/edit/", views.call_form, name="call_edit"),
    path("staff/calls/<int:pk>/publish/", views.call_publish, name="call_publish"),
    path("staff/calls/<int:call_pk>/stages/new/", views.stage_form, name="stage_create"),
    path("staff/stages/<int:pk>/edit/", views.stage_form, name="stage_edit"),
    path(
        "staff/stages/<int:stage_pk>/criteria/new/", views.criterion_form, name="criterion_create"
    ),
    path("staff/criteria/<int:pk>/edit/", views.criterion_form, name="criterion_edit"),
    path("staff/stages/<int:stage_pk>/questions/new/", views.question_form, name="question_create"),
    path("staff/questions/<int:pk>/edit/", views.question_form, name="question_edit"),
    path("staff/stages/<int:pk>/remove/", views.delete, {"kind": "stage"}, name="stage_delete"),
    path(
        "staff/criteria/<int:pk>/remove/",
        views.delete,
        {"kind": "criterion"},
        name="criterion_delete",
    ),
    path(
        "staff/questions/<int:pk>/remove/",
        views.delete,
        {"kind": "question"},
        name="question_delete",
    ),
]
