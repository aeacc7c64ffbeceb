from django.urls import path

from . import views, views_staff

app_name = "applications"

urlpatterns = [
    path("calls/<slug:slug>/apply/", views.start, name="start"),
    path("applications/", views.mine, name="mine"),
    path("applications/<int:pk>/", views.overview, name="overview"),
    path("applications/<int:pk>/steps/<str:key>/", views.step, name="step"),
    path("applications/<int:pk>/partners/", views.partners, name="partners"),
    path("applications/<int:pk>/partners/new/", views.partner_form, name="partner_add"),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/",
        views.partner_form,
        name="partner_edit",
    ),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/remove/",
        views.partner_remove,
        name="partner_remove",
    ),
    path("applications/<int:pk>/review/", views.review, name="review"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path(
        "applications/<int:pk>/versions/<int:number>/receipt.pdf",
        views.receipt,
        name="receipt",
    ),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/",
        views.attachment,
        name="attachment",
    ),
    # The funder's pages.
    path("staff/applications/", views_staff.staff_list, name="staff_list"),
    path(
        "staff/applications/export.<str:file_format>",
        views_staff.staff_export,
        name="staff_export",
    ),
    path("staff/applications/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path(
        "staff/applications/<int:pk>/extension/",
        views_staff.staff_extension,
        name="staff_extension",
    ),
    path(
        "staff/applications/<int:pk>/message/",
        views_staff.staff_message,
        name="staff_message",
    ),
]
