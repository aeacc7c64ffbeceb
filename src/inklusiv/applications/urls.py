from django.urls import path

from .views import applicant, staff

app_name = "applications"

urlpatterns = [
    path("calls/<slug:slug>/apply/", applicant.start, name="start"),
    path("applications/", applicant.mine, name="mine"),
    path("applications/<int:pk>/", applicant.overview, name="overview"),
    path("applications/<int:pk>/steps/<str:key>/", applicant.step, name="step"),
    path("applications/<int:pk>/partners/", applicant.partners, name="partners"),
    path("applications/<int:pk>/partners/new/", applicant.partner_form, name="partner_add"),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/",
        applicant.partner_form,
        name="partner_edit",
    ),
    path(
        "applications/<int:pk>/partners/<int:partner_pk>/remove/",
        applicant.partner_remove,
        name="partner_remove",
    ),
    path("applications/<int:pk>/review/", applicant.review, name="review"),
    path("applications/<int:pk>/withdraw/", applicant.withdraw, name="withdraw"),
    path(
        "applications/<int:pk>/versions/<int:number>/receipt.pdf",
        applicant.receipt,
        name="receipt",
    ),
    path(
        "applications/<int:pk>/files/<int:attachment_pk>/",
        applicant.attachment,
        name="attachment",
    ),
    # The funder's pages.
    path("staff/applications/", staff.staff_list, name="staff_list"),
    path(
        "staff/applications/export.<str:file_format>",
        staff.staff_export,
        name="staff_export",
    ),
    path("staff/applications/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path(
        "staff/applications/<int:pk>/extension/",
        staff.staff_extension,
        name="staff_extension",
    ),
    path(
        "staff/applications/<int:pk>/message/",
        staff.staff_message,
        name="staff_message",
    ),
]
