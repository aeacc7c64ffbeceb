"""The inbox, the preferences page and the one-click unsubscribe page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from inklusiv.core.exceptions import DomainError
from inklusiv.core.pagination import paginate

from . import kinds, selectors, services
from .forms import PreferencesForm


@login_required
def inbox(request):
    page = paginate(request, selectors.inbox_of(request.user))
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
def detail(request, pk):
    notification = selectors.notification_of(request.user, pk)
    if notification is None:
        raise Http404
    # Opening a notification is reading it: the inbox then counts it as read.
    services.mark_read(actor=request.user, notification=notification)
    try:
        kind_label = kinds.get(notification.kind).label
    except LookupError:
        kind_label = ""
    # The link was made in the language of the moment it was sent; it opens in today's.
    link = translate_url(notification.link, get_language()) if notification.link else ""
    return render(
        request,
        "notifications/detail.html",
        {"notification": notification, "kind_label": kind_label, "link": link},
    )


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    current = selectors.preferences_of(request.user)
    data = None
    if request.method == "POST":
        # A group left out of the submitted form keeps its setting.
        data = request.POST.copy()
        for key, choice in current.items():
            data.setdefault(key, choice)
    form = PreferencesForm(data, user=request.user, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            for key, choice in form.cleaned_data.items():
                if current.get(key) != choice:
                    services.set_preference(
                        actor=request.user, user=request.user, kind=key, choice=choice
                    )
        except DomainError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


# RFC 8058: a mail client posts the one-click opt-out without a session or a CSRF token; the
# signed token is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        subscriber = services.subscriber_for(token)
    except services.InvalidToken:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    kind = kinds.get(subscriber.kind)
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "notifications/unsubscribe_done.html", {"kind": kind})
    return render(request, "notifications/unsubscribe.html", {"kind": kind})
