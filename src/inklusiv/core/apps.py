from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "inklusiv.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the deploy checks)
        from .db import register_sqlite_functions
        from .forms import install_single_line_check

        install_single_line_check()
        # Each app labels its audit keys in <app>/audit_actions.py (core's own among them).
        autodiscover_modules("audit_actions")

        connection_created.connect(register_sqlite_functions, dispatch_uid="inklusiv_sqlite_lower")
