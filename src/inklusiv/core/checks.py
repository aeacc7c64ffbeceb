"""Deploy checks of our own, run by `manage.py check --deploy` beside Django's."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.http.request import validate_host

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """Links in e-mails, invitations and letters are built from SITE_URL; in production a
    local address would send every recipient to their own machine."""
    if settings.DEBUG:
        return []
    url = urlsplit(settings.SITE_URL)
    host = url.hostname or ""
    if not host or host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Error(
                f"SITE_URL is {settings.SITE_URL!r}: links in e-mails would lead to the "
                "recipient's own computer.",
                hint="Set SITE_URL to the address people open, e.g. https://inklusiv.example.org.",
                id="inklusiv.E001",
            )
        ]
    problems = []
    if url.scheme != "https":
        problems.append(
            Warning(
                f"SITE_URL {settings.SITE_URL!r} does not use HTTPS.",
                hint="Production serves HTTPS only; links in e-mails should too.",
                id="inklusiv.W002",
            )
        )
    if not validate_host(host, settings.ALLOWED_HOSTS):
        problems.append(
            Warning(
                f"The host of SITE_URL ({host}) is not in ALLOWED_HOSTS: links in e-mails "
                "would be refused.",
                hint="Add it to ALLOWED_HOSTS or correct SITE_URL.",
                id="inklusiv.W003",
            )
        )
    return problems
