"""The mails of the pilot regions, as notification kinds (found by the notifications app at
start-up): tasks given and falling due, and the yearly report's way to the expert and back.
Each links to the region page its addressee may open."""

from django.utils.translation import gettext_lazy as _

from inklusiv.notifications.kinds import Kind, register

TASK_ASSIGNED = register(
    Kind(
        key="pilots.task_assigned",
        label=_("A task in a pilot region was given to you"),
        audience=_("Owners of tasks in a pilot region"),
        template="pilots/email/task_assigned",
    )
)

TASK_REMINDER = register(
    Kind(
        key="pilots.task_reminder",
        label=_("Reminder of a task that falls due"),
        audience=_("Owners of open tasks due within three days or overdue"),
        template="pilots/email/task_reminder",
    )
)

REPORT_SUBMITTED = register(
    Kind(
        key="pilots.report_submitted",
        label=_("A yearly report was submitted"),
        audience=_("The programme expert responsible for the pilot region"),
        template="pilots/email/report_submitted",
    )
)

REPORT_REVIEWED = register(
    Kind(
        key="pilots.report_reviewed",
        label=_("A yearly report was acknowledged or returned with a request for changes"),
        audience=_("Network coordinators and editors of the pilot region"),
        template="pilots/email/report_reviewed",
    )
)
