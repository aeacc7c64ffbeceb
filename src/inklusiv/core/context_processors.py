"""Navigation for the signed-in person's roles, shared by every page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def _navigation(user):
    items = [(reverse("calls:list"), _("Calls"))]
    if not user.is_authenticated:
        return items
    items.append((reverse("core:dashboard"), _("Overview")))
    items.append((reverse("accounts:my_organisations"), _("My organisations")))
    items.append((reverse("applications:mine"), _("My applications")))
    items.append((reverse("visits:mine"), _("My meetings")))
    # Seats go to people with a platform role; checking roles first spares applicants a query.
    if user.role_set and user.has_perm("selection.my_reviews"):
        items.append((reverse("selection:my_reviews"), _("My reviews")))
    if user.has_perm("calls.manage_calls"):
        items.append((reverse("calls:staff_list"), _("Manage calls")))
    if user.has_perm("applications.list_applications"):
        items.append((reverse("applications:staff_list"), _("Applications")))
    if user.has_perm("selection.view_procedure"):
        items.append((reverse("selection:overview"), _("Selection procedure")))
    if user.has_perm("visits.manage_rounds"):
        items.append((reverse("visits:stages"), _("On-site meetings")))
    if user.has_perm("accounts.manage_users"):
        items.append((reverse("accounts:staff_users"), _("Users")))
        items.append((reverse("accounts:staff_organisations"), _("Organisations")))
    if user.has_perm("core.view_audit_log"):
        items.append((reverse("core:audit_log"), _("Audit log")))
    if user.has_perm("core.view_outbox"):
        items.append((reverse("core:outbox"), _("Outbox")))
    if user.has_perm("core.view_accessibility_feedback"):
        items.append((reverse("core:feedback_list"), _("Barrier reports")))
    return items


def site(request):
    user = getattr(request, "user", None)
    items = _navigation(user) if user is not None else []
    path = request.path
    navigation = [
        {
            "url": url,
            "label": label,
            "current": path == url or (url != "/" and path.startswith(url)),
        }
        for url, label in items
    ]
    return {"site_name": "Inklusiv", "navigation": navigation}
