"""Test settings: production settings (DEBUG off) minus HTTPS, which the live server lacks."""

import os
import tempfile

from inklusiv.settings import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Letters go out at once; the hold-back tests set their own minutes.
LETTER_HOLD_BACK_MINUTES = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: the live server's thread and the test thread then
    # get their own connections, and WAL lets them read and write without table locks.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"inklusiv-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"]["timeout"] = 20  # noqa: F405
else:
    # A name of its own per run: a second suite on the same server (a developer's run beside
    # CI's) must neither drop this run's database nor fail on finding it in use.
    DATABASES["default"]["TEST"] = {"NAME": f"test_inklusiv_{os.getpid()}"}  # noqa: F405
