"""The one settings module. Every value comes from the environment through `gongkai.env`;
each is documented in docs/configuration.md."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from gongkai.env import database_settings, env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("GONGKAI_DATA_DIR", Path.cwd() / "data")

DEBUG = env_bool("GONGKAI_DEBUG", False)
TESTING = env_bool("GONGKAI_TESTING", False)

_secret = os.environ.get("GONGKAI_SECRET_KEY", "")
if not _secret:
    if DEBUG or TESTING or env_bool("GONGKAI_DEMO", False):
        _secret = "insecure-development-key-do-not-use-in-production-0123456789"
    else:
        # A missing key in production is refused by the system check `gongkai.E001`; a key
        # kept per data folder lets a single-machine deployment restart without logging
        # everybody out.
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file = DATA_DIR / "secret_key"
        if not key_file.exists():
            import secrets

            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            key_file.chmod(0o600)
        _secret = key_file.read_text(encoding="utf-8").strip()
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("GONGKAI_SITE_NAME", "政府信息公开")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "gongkai.core",
    "gongkai.orgs",
    "gongkai.workdays",
    "gongkai.publications",
    "gongkai.applications",
    "gongkai.appeals",
    "gongkai.reporting",
    "gongkai.portal",
    "gongkai.api",
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
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": database_settings(os.environ.get("DATABASE_URL"), DATA_DIR / "gongkai.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("GONGKAI_PASSWORD_MIN_LENGTH", 10, minimum=8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # The default PBKDF2 hasher is slow on purpose; tests create many accounts.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/office/"
LOGOUT_REDIRECT_URL = "/"

# Account protection (see gongkai.orgs): lock an account after repeated failures, and require
# TOTP two-factor authentication for staff when enforced.
GONGKAI_LOGIN_MAX_FAILURES = env_int("GONGKAI_LOGIN_MAX_FAILURES", 5, minimum=1)
GONGKAI_LOGIN_LOCKOUT_MINUTES = env_int("GONGKAI_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int(
    "GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS", 4 * GONGKAI_LOGIN_MAX_FAILURES, minimum=1
)
GONGKAI_REQUIRE_2FA = env_bool("GONGKAI_REQUIRE_2FA", False)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("GONGKAI_SESSION_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SECURE_COOKIES = env_bool("GONGKAI_SECURE_COOKIES", False)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("GONGKAI_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns at every request when the folder it serves is missing.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_AUTOREFRESH = DEBUG

FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
GONGKAI_UPLOAD_MAX_BYTES = env_int("GONGKAI_UPLOAD_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = env_str("GONGKAI_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("GONGKAI_FROM_EMAIL", "gongkai@localhost")

# Which year an appeal (reconsideration/litigation) is counted in: the year it was filed
# (observed practice, report-rules.md §10). Alternative: "decided".
GONGKAI_APPEAL_COUNT_YEAR = env_str("GONGKAI_APPEAL_COUNT_YEAR", "filed")
if GONGKAI_APPEAL_COUNT_YEAR not in {"filed", "decided"}:
    raise ImproperlyConfigured(
        "GONGKAI_APPEAL_COUNT_YEAR 只能是 filed 或 decided。 / must be 'filed' or 'decided'."
    )

# Applications (gongkai.applications, docs/applications.md).
# Which date counts an application corrected across the year end in table 三 "new":
# "received" (original receipt, the default per regulations.md §5.5) or "corrected".
GONGKAI_T3_NEW_BY = env_str("GONGKAI_T3_NEW_BY", "received")
if GONGKAI_T3_NEW_BY not in {"received", "corrected"}:
    raise ImproperlyConfigured(
        "GONGKAI_T3_NEW_BY 只能是 received 或 corrected。 / must be 'received' or 'corrected'."
    )
GONGKAI_CORRECTION_PERIOD_DAYS = env_int("GONGKAI_CORRECTION_PERIOD_DAYS", 15, minimum=1)
GONGKAI_DUE_SOON_DAYS = env_int("GONGKAI_DUE_SOON_DAYS", 3, minimum=0)
GONGKAI_APPLY_RATE_PER_HOUR = env_int("GONGKAI_APPLY_RATE_PER_HOUR", 10, minimum=1)
GONGKAI_LOOKUP_RATE_PER_HOUR = env_int("GONGKAI_LOOKUP_RATE_PER_HOUR", 30, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}
