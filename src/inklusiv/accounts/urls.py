from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/export/", views.profile_export, name="profile_export"),
    path("organisations/", views.my_organisations, name="my_organisations"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/members/add/", views.member_add, name="member_add"),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/role/",
        views.member_role,
        name="member_role",
    ),
    path(
        "organisations/<int:pk>/members/<int:membership_pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("staff/users/", views.staff_users, name="staff_users"),
    path("staff/users/new/", views.staff_user_invite, name="staff_user_invite"),
    path("staff/users/<int:pk>/", views.staff_user_detail, name="staff_user_detail"),
    path("staff/users/<int:pk>/roles/", views.staff_user_roles, name="staff_user_roles"),
    path("staff/users/<int:pk>/active/", views.staff_user_active, name="staff_user_active"),
    path("staff/organisations/", views.staff_organisations, name="staff_organisations"),
]
