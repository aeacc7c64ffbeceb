"""Navigation for the signed-in person's roles, shared by every page.

A person sees only what their roles let them use: the personal pages at the top level, the
funder's work in groups (Auswahl, Verwaltung) that the page shows as disclosure menus. Pages for
applicants appear for people without a platform role (who come to apply) and for members of an
organisation, not for staff who belong to none.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def uses_applicant_pages(user) -> bool:
    """People without a platform role come to apply; people with one only as members."""
    return user.is_authenticated and (not user.role_set or user.memberships.exists())


def _personal(user, applicant):
    items = [(reverse("core:dashboard"), _("Overview"))]
    roles = user.role_set
    if applicant:
        items.append((reverse("accounts:my_organisations"), _("My organisations")))
        items.append((reverse("applications:mine"), _("My applications")))
    # Seats go to people with a platform role; checking roles first spares applicants a query.
    reviewer = bool(roles) and user.has_perm("selection.my_reviews")
    if reviewer:
        items.append((reverse("selection:my_reviews"), _("My reviews")))
    # Applicants, the funder's people and the commission meet on site; a process coach or an
    # evaluator has no meetings to look at.
    if applicant or reviewer or (roles and user.has_perm("visits.manage_rounds")):
        items.append((reverse("visits:mine"), _("My meetings")))
    return items


def _groups(user):
    selection = []
    if user.has_perm("calls.manage_calls"):
        selection.append((reverse("calls:staff_list"), _("Manage calls")))
    if user.has_perm("applications.list_applications"):
        selection.append((reverse("applications:staff_list"), _("Applications")))
    if user.has_perm("selection.view_procedure"):
        selection.append((reverse("selection:overview"), _("Selection procedure")))
    # The on-site meetings belong to the second round of the selection.
    if user.has_perm("visits.manage_rounds"):
        selection.append((reverse("visits:stages"), _("On-site meetings")))
    accompaniment = []
    if user.has_perm("pilots.list_regions"):
        accompaniment.append((reverse("pilots:list"), _("Pilot regions")))
        accompaniment.append((reverse("pilots:my_tasks"), _("My tasks")))
    if user.has_perm("trainings.manage_catalogue"):
        accompaniment.append((reverse("trainings:manage"), _("Organise trainings")))
    if user.has_perm("trainings.view_statistics"):
        accompaniment.append((reverse("trainings:statistics"), _("Participation in trainings")))
    if user.has_perm("evaluation.view_programme"):
        accompaniment.append((reverse("evaluation:home"), _("Evaluation")))
    if user.has_perm("evaluation.manage_surveys"):
        accompaniment.append((reverse("evaluation:surveys"), _("Surveys")))
    administration = []
    if user.has_perm("accounts.manage_users"):
        administration.append((reverse("accounts:staff_users"), _("Users")))
        administration.append((reverse("accounts:staff_organisations"), _("Organisations")))
    if user.has_perm("core.view_audit_log"):
        administration.append((reverse("core:audit_log"), _("Audit log")))
    if user.has_perm("core.view_outbox"):
        administration.append((reverse("core:outbox"), _("Outbox")))
    if user.has_perm("core.view_accessibility_feedback"):
        administration.append((reverse("core:feedback_list"), _("Barrier reports")))
    return [
        (_("Selection"), selection),
        (_("Accompaniment"), accompaniment),
        (_("Administration"), administration),
    ]


def _is_current(path, url):
    return path == url or (url != "/" and path.startswith(url))


def _link(path, url, label):
    return {"url": url, "label": label, "current": _is_current(path, url)}


def navigation(user, path, applicant):
    """The entries of the main navigation: links, and groups of links with a label.

    A group with a single link is shown as that link: a menu of one only adds a step.
    """
    entries = [
        _link(path, reverse("calls:list"), _("Calls")),
        _link(path, reverse("pilots:public_list"), _("Regions")),
        _link(path, reverse("trainings:catalogue"), _("Trainings")),
    ]
    if not (user and user.is_authenticated):
        return entries
    entries += [_link(path, url, label) for url, label in _personal(user, applicant)]
    for label, items in _groups(user):
        links = [_link(path, url, link_label) for url, link_label in items]
        if len(links) == 1:
            entries += links
        elif links:
            current = any(link["current"] for link in links)
            entries.append({"label": label, "links": links, "current": current})
    return entries


def site(request):
    user = getattr(request, "user", None)
    applicant = user is not None and uses_applicant_pages(user)
    return {
        "site_name": "Inklusiv",
        "navigation": navigation(user, request.path, applicant),
        # The dashboard leaves out the applicant's sections for the same people as the menu.
        "applicant_pages": applicant,
    }
