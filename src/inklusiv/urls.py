"""URLs: every page lives under a language prefix (/de/, /en/), German by default."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path
from django.views.static import serve


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", include("inklusiv.core.urls")),
    path("", include("inklusiv.accounts.urls")),
    path("", include("inklusiv.calls.urls")),
    path("", include("inklusiv.applications.urls")),
    path("", include("inklusiv.selection.urls")),
    path("", include("inklusiv.visits.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "inklusiv.core.views.error_403"
handler404 = "inklusiv.core.views.error_404"
handler500 = "inklusiv.core.views.error_500"
