"""Settings for ctassist, read from the environment.

Only a handful of variables matter (see the README): DATABASE_URL, SECRET_KEY,
DEBUG, ALLOWED_HOSTS, and the mail settings. Without DATABASE_URL the embedded
SQLite database in ``var/`` is used, so a fresh checkout runs with no server.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CTASSIST_VAR_DIR", Path.cwd() / "var"))
# The shared corpus (resolutions, instruments) sits beside the checkout in
# development and CI; production points CTASSIST_SHARED_DIR wherever it is kept.
SHARED_DIR = Path(os.environ.get("CTASSIST_SHARED_DIR", PACKAGE_DIR.parent.parent.parent / "shared"))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    # Development only: a fresh key per process; sessions do not survive a restart.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ctassist.core",
    "ctassist.accounts",
    "ctassist.geo",
    "ctassist.treaties",
    "ctassist.mandates",
    "ctassist.assistance",
    "ctassist.directory",
    "ctassist.cooperation",
    "ctassist.library",
    "ctassist.funding",
    "ctassist.training",
    "ctassist.needs",
    "ctassist.reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the database: 503 with the product's page while it is unreachable.
    "ctassist.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ctassist.core.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ctassist.accounts.middleware.TwoFactorRequiredMiddleware",
    "ctassist.core.middleware.RequestContextMiddleware",
    "ctassist.core.middleware.RejectNulParametersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ctassist.config.urls"
WSGI_APPLICATION = "ctassist.config.wsgi.application"

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
                "ctassist.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'ctassist.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Writers take the lock when their transaction begins, so two writers queue (busy timeout)
            # instead of one failing with "database is locked" when it upgrades a read lock.
            "transaction_mode": "IMMEDIATE",
        }
    )
# Seconds a client is told to wait (Retry-After) when the database is briefly unavailable.
UNAVAILABLE_RETRY_AFTER = int(os.environ.get("UNAVAILABLE_RETRY_AFTER", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# How many reverse proxies of this installation stand in front of the product. 0 (the default):
# clients connect directly and X-Forwarded-For is never trusted; N: the client is the N-th address
# from the end of X-Forwarded-For (core.client.client_address). Throttles and lock-outs key on it.
CTASSIST_TRUSTED_PROXIES = int(os.environ.get("CTASSIST_TRUSTED_PROXIES", "0"))

# Failed sign-ins (page and API token endpoint) lock out the account, and separately the client
# address, after AXES_FAILURE_LIMIT failures for AXES_COOLOFF_MINUTES (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "ctassist.core.client.client_address"
AXES_LOCKOUT_CALLABLE = "ctassist.accounts.views.locked_out"

# API tokens expire this many days after they are issued; a user holds at most this many at once.
CTASSIST_TOKEN_DAYS = int(os.environ.get("CTASSIST_TOKEN_DAYS", "30"))
CTASSIST_TOKENS_PER_USER = int(os.environ.get("CTASSIST_TOKENS_PER_USER", "10"))
# Two-factor authentication (TOTP or a security key): always required of administrators; offered and
# suggested to UNODC staff and focal points; required of the roles listed here too (for example "officer,focal_point").
CTASSIST_TWO_FACTOR_REQUIRED_ROLES = env_list("CTASSIST_TWO_FACTOR_REQUIRED_ROLES", "")


def _default_rp_id(hosts: list[str]) -> str:
    """The first ALLOWED_HOSTS entry that is a host name (WebAuthn refuses IP addresses), else localhost."""
    import ipaddress

    for host in hosts:
        name = host.lstrip(".")
        if not name or "*" in name:
            continue
        try:
            ipaddress.ip_address(name.strip("[]"))
        except ValueError:
            return name
    return "localhost"


# WebAuthn security keys and passkeys (a second kind of two-factor device). The relying party id is
# the site's host name, which every key registered is bound to: set WEBAUTHN_RP_ID to the public name
# (for example ctassist.example.org); by default the first host name of ALLOWED_HOSTS ("localhost" for
# the demonstration, so keys work at http://localhost:8000/ but not at http://127.0.0.1:8000/).
# WEBAUTHN_ORIGINS lists the exact origins a browser may answer from; empty: the request's own origin
# when its host is the relying party id or a name under it.
WEBAUTHN_RP_ID = os.environ.get("WEBAUTHN_RP_ID", "") or _default_rp_id(ALLOWED_HOSTS)
WEBAUTHN_RP_NAME = os.environ.get("WEBAUTHN_RP_NAME", "ctassist")
WEBAUTHN_ORIGINS = env_list("WEBAUTHN_ORIGINS", "")

# Password-reset e-mails: at most this many requests per client address, and e-mails per account, an hour.
CTASSIST_RESET_PER_ADDRESS_HOURLY = int(os.environ.get("CTASSIST_RESET_PER_ADDRESS_HOURLY", "5"))
CTASSIST_RESET_PER_ACCOUNT_HOURLY = int(os.environ.get("CTASSIST_RESET_PER_ACCOUNT_HOURLY", "3"))
AXES_RESET_ON_SUCCESS = True

# Sessions end after a period without activity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(4 * 3600)))
# The idle limit slides forward at most every five minutes (core.middleware.SlidingSessionMiddleware),
# so reading pages does not write the session each time.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = int(os.environ.get("SESSION_REFRESH_SECONDS", "300"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
# One date format and one number style per language (core/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["ctassist.core.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security headers. Production runs behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Server-rendered SVG charts carry their own style attributes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ctassist <no-reply@ctassist.invalid>")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so that an unauthenticated call is answered 401 with WWW-Authenticate.
        "ctassist.accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ctassist.core.drf.PolicyPermission"],
    "DEFAULT_PAGINATION_CLASS": "ctassist.core.drf.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "ctassist.core.api.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "ctassist.core.api.exception_handler",
    # The throttles' address: REMOTE_ADDR unless proxies are configured (the same count as above).
    "NUM_PROXIES": CTASSIST_TRUSTED_PROXIES,
}
# How long the personal data of trained people are kept after their last session (training_erase_expired).
TRAINING_RETENTION_DAYS = int(os.environ.get("TRAINING_RETENTION_DAYS", str(10 * 365)))

SPECTACULAR_SETTINGS = {
    "TITLE": "ctassist API",
    "DESCRIPTION": (
        "Technical assistance for implementing the international conventions and protocols "
        "related to counter-terrorism: States, instruments, participation and the records "
        "of the assistance programme. Every endpoint applies the same permission policy as the pages."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two choice sets are both called "language"; each keeps the name it had before training reused them.
    # A contribution and each step of its history share the statuses: one enum for both.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "ctassist.library.choices.Language",
        "PreferredLanguagesEnum": "ctassist.assistance.choices.Language",
        "ContributionStatusEnum": "ctassist.funding.choices.ContributionStatus",
        "NeedStatusEnum": "ctassist.needs.choices.NeedStatus",
        "NeedSourceEnum": "ctassist.needs.choices.NeedSource",
        "SharingActionEnum": "ctassist.needs.choices.SharingAction",
        "RoleEnum": "ctassist.assistance.choices.PartnerRole",
        "DecisionEnum": ["accepted", "declined"],
        "TrainerRoleEnum": "ctassist.training.choices.TrainerRole",
        "AssessmentDecisionEnum": ["validate", "return"],
    },
}

DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "data-table"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "ctassist.core.middleware.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_context"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Background work (imports, report builds) goes through a task queue kept in the
# database: `ctassist db_worker` runs the tasks; no other server is needed.
# Long work keeps a lease (core.jobs): a heartbeat every TASK_HEARTBEAT_SECONDS; work "running" with no
# heartbeat for TASK_LEASE_SECONDS lost its worker and is queued again, at most TASK_MAX_ATTEMPTS times.
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", "60"))
TASK_HEARTBEAT_SECONDS = float(os.environ.get("TASK_HEARTBEAT_SECONDS", "10"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))
# An export of more rows than this runs as a job on the task queue (core.jobs), followed on its page.
EXPORT_INLINE_MAX_ROWS = int(os.environ.get("EXPORT_INLINE_MAX_ROWS", "5000"))
# Applying an import of more rows than this runs as a job (core.jobs), all or nothing as in the request.
IMPORT_INLINE_MAX_ROWS = int(os.environ.get("IMPORT_INLINE_MAX_ROWS", "2000"))
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Product settings.
CTASSIST_DEMO_BANNER = env_bool("CTASSIST_DEMO_BANNER", True)
# The reporting organisation's IATI organisation identifier (registration agency prefix, then the
# identifier with that agency). The placeholder blocks the IATI export until the real one is set.
CTASSIST_IATI_ORG_REF = os.environ.get("CTASSIST_IATI_ORG_REF", "XI-EXAMPLE-CTASSIST")
CTASSIST_IATI_ORG_NAME = os.environ.get("CTASSIST_IATI_ORG_NAME", "United Nations Office on Drugs and Crime")
