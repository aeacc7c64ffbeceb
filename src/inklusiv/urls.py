"""URLs: every page lives under a language prefix (/de/, /en/), German by default.

There is no Django admin: every model is managed through the product's own pages, where the
second factor and the roles apply (see README, "The first staff account").
"""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from inklusiv.core.views import healthz

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
    path("", include("inklusiv.pilots.urls")),
    path("", include("inklusiv.trainings.urls")),
    path("", include("inklusiv.evaluation.urls")),
    path("", include("inklusiv.notifications.urls")),
    path("accounts/", include("allauth.urls")),
    prefix_default_language=True,
)

# Uploaded files are served only by views that check who may read them, never under /media/.

handler400 = "inklusiv.core.views.error_400"
handler403 = "inklusiv.core.views.error_403"
handler404 = "inklusiv.core.views.error_404"
handler500 = "inklusiv.core.views.error_500"
