from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "inklusiv.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Each app declares its mails in <app>/notification_kinds.py; finding them here keeps
        # the apps' own ready() free of it and no import pointing up the story.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("notification_kinds")
