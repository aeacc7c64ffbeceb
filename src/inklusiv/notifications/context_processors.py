"""The unread count beside the inbox link on every page."""


def inbox(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    from .selectors import unread_count

    counted = []

    # Templates call a callable when they read it: pages that do not show the navigation pay
    # no query, and a page that reads it twice pays one.
    def unread():
        if not counted:
            counted.append(unread_count(user))
        return counted[0]

    return {"unread_notifications": unread}
