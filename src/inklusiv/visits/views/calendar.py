"""Calendar files of on-site meetings: one meeting's .ics for signed-in people who may see it,
the same by poll token for participants without an account, the personal subscription feed
(opened by its secret token alone, since calendar programs cannot sign in) and the page that
shows the feed's address and renews it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from inklusiv.core import ical

from ..models import CalendarFeed, Participant, Visit
from ..services import invitations

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _download(visit: Visit, participant: Participant | None = None) -> HttpResponse:
    event = invitations.event_for(visit, participant=participant)
    response = HttpResponse(ical.download(event), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, invitations.ics_filename(visit)
    )
    # The file names the participants and the place: no shared caches.
    patch_cache_control(response, private=True)
    return response


@login_required
@require_GET
def visit_ics(request, pk):
    visit = get_object_or_404(invitations.with_details(Visit.objects), pk=pk)
    # A meeting nobody was invited to yet has no time to put into a calendar.
    if visit.start is None or not request.user.has_perm("visits.view_visit", visit):
        raise Http404
    return _download(visit)


@require_GET
def poll_ics(request, token):
    participant = get_object_or_404(Participant, token=token)
    visit = get_object_or_404(invitations.with_details(Visit.objects), pk=participant.visit_id)
    if visit.start is None:
        raise Http404
    return _download(visit, participant)


@require_GET
def feed(request, token):
    # Calendar programs fetch this without a session: the token is the only key, and
    # request.user is never consulted.
    calendar_feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    user = calendar_feed.user
    # Each event links the agenda the way it opens for this person (by their seat's token
    # where they take part by e-mail address only).
    events = [
        invitations.event_for(visit, participant=invitations.seat_of(visit, user))
        for visit in invitations.meetings_for(user)
    ]
    name = _("On-site meetings (%(name)s)") % {"name": user.name or user.email}
    response = HttpResponse(ical.feed(events, name), content_type=CONTENT_TYPE)
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar(request):
    if request.method == "POST":
        invitations.renew_feed(actor=request.user)
        messages.success(
            request,
            _(
                "Your calendar has a new address. The old address no longer works: add the "
                "new one to your calendar program."
            ),
        )
        return redirect("visits:calendar")
    calendar_feed = invitations.feed_for(request.user)
    feed_url = invitations.absolute_url("visits:feed", calendar_feed.token)
    return render(
        request,
        "visits/calendar/subscribe.html",
        {
            "feed_url": feed_url,
            # Apple Calendar and Outlook open "webcal:" links as a subscription.
            "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
            "meetings": invitations.meetings_for(request.user),
        },
    )


urlpatterns = [
    path("visits/meetings/<int:pk>/calendar.ics", visit_ics, name="ics"),
    path("visits/poll/<str:token>/calendar.ics", poll_ics, name="poll_ics"),
    path("visits/feed/<str:token>.ics", feed, name="feed"),
    path("visits/calendar/", calendar, name="calendar"),
]
