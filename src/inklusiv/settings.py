"""Settings for Inklusiv, configured entirely by environment variables (12-factor).

The defaults make a local demo work without any configuration: SQLite under var/,
e-mail written to var/mail/. Production sets DEBUG=false and the variables in README.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(environ.Env().str("INKLUSIV_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["127.0.0.1", "localhost"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
)

DEBUG = env("DEBUG")
# The demo and the tests run without a configured key; production must set one
# (manage.py check --deploy refuses short or "insecure" keys).
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-inklusiv-local-development-only")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "inklusiv.core",
    "inklusiv.notifications",
    "inklusiv.accounts",
    "inklusiv.calls",
    "inklusiv.applications",
    "inklusiv.selection",
    "inklusiv.visits",
    "inklusiv.pilots",
    "inklusiv.trainings",
    "inklusiv.evaluation",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "inklusiv.accounts.middleware.RequireMultiFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "inklusiv.urls"
WSGI_APPLICATION = "inklusiv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inklusiv.core.context_processors.site",
                "inklusiv.notifications.context_processors.inbox",
            ],
        },
    },
]
FORM_RENDERER = "inklusiv.core.forms.KernFormRenderer"

VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'inklusiv.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a background task writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

# django-allauth: e-mail is the only login name.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Inklusiv] "
ACCOUNT_ADAPTER = "inklusiv.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "inklusiv.accounts.forms.SignupExtraForm"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Inklusiv"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "src" / "inklusiv" / "locale"]
TIME_ZONE = "Europe/Berlin"
FORMAT_MODULE_PATH = ["inklusiv.core.formats"]  # English pages: "4 December 2026, 13:55"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Serve straight from the app folders when collectstatic has not run (demo, tests).
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (decision letters and other long jobs) through the Django Tasks API. The
# database backend needs no extra server: `make demo` and production run `manage.py db_worker`
# beside the web server. Tests run tasks immediately unless a test starts a worker itself.
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# E-mail: the demo writes every message as an .eml file under var/mail/ and staff read
# them on the outbox page; production sets EMAIL_URL (e.g. smtp+tls://user:pw@host:587).
EMAIL_OUTBOX_DIR = VAR_DIR / "mail"
_email = env.email_url("EMAIL_URL", default="filemail://")
if _email.get("EMAIL_BACKEND") == "django.core.mail.backends.filebased.EmailBackend":
    EMAIL_BACKEND = "inklusiv.core.mail.OutboxEmailBackend"
else:
    vars().update(_email)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Inklusiv <noreply@inklusiv.example>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
# The sender block of decision letters: the funder's postal address (lines, comma-separated in
# the environment) and the phone number applicants can call; the funder's name comes from the
# initiative, the contact person is the staff member who decided.
LETTER_SENDER_ADDRESS = env.list(
    "LETTER_SENDER_ADDRESS", default=["Heinemannstraße 36", "53175 Bonn"]
)
LETTER_SENDER_PHONE = env.str("LETTER_SENDER_PHONE", default="")
# Minutes a confirmed batch of decision letters waits before it is sent; staff can cancel it
# until then (0: send at once).
LETTER_HOLD_BACK_MINUTES = env.int("LETTER_HOLD_BACK_MINUTES", default=10)
# Days before a stage's review due date on which reviewers with reviews outstanding get their
# first reminder (the second goes out the day after the due date).
REVIEW_REMINDER_DAYS_BEFORE = env.int("REVIEW_REMINDER_DAYS_BEFORE", default=3)
# How long a freed training seat stays offered to the next person on the waiting list.
TRAINING_OFFER_HOURS = env.int("TRAINING_OFFER_HOURS", default=48)
# The minimum group size: no figure about fewer people than this is shown or exported
# (anonymous feedback, evaluation results), so nobody can be singled out.
MIN_GROUP_SIZE = env.int("MIN_GROUP_SIZE", default=5)
# Where reports from the accessibility feedback form go, besides every funder staff account.
ACCESSIBILITY_CONTACT_EMAIL = env.str(
    "ACCESSIBILITY_CONTACT_EMAIL", default="barrierefreiheit@inklusiv.example"
)

# Security: the production values are the defaults whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers ask for the health check over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# Django's own page for a refused form is bare English and drops what was typed.
CSRF_FAILURE_VIEW = "inklusiv.core.views.csrf_failure"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 8)

# No inline script or style anywhere: the policy forbids them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "script-src": [SELF],
        "style-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # PDF rendering reports every step at INFO; only problems belong in the log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PAGINATE_BY = 25

# Where the platform is reached from outside: links in e-mails, calendar invitations and
# letters sent without a request. Production must set it (check --deploy refuses localhost);
# `make demo` sets it from the port it serves on.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Uploads (letters of intent, answers of kind "file"): checked by content, not by name.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
