"""Settings, read from the environment (django-environ fails loudly on bad values).

With nothing configured the portal runs on a SQLite file with Celery on a broker in a
folder (var/celery), so `make run` works on a bare machine. Production sets DATABASE_URL,
CELERY_BROKER_URL, SECRET_KEY, ALLOWED_HOSTS and DEBUG=False (see docker-compose.yml).
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "guardian",
    "simple_history",
    "import_export",
    "axes",
    # Two-factor sign-in and OpenID Connect sign-on (netwerkagenda/accounts/ says how they fit).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # the API documentation's scripts, served from our own static files
    "governance",
    "opgaven",
    "jaarprogramma",
    "monitoring",
    "feedback",  # reactierondes on drafts, with the reactienota
    "zoeken",  # search over everything the public may read
    "opendata",  # the public API, feeds and personal API tokens
    "netwerkagenda",  # the project package: commands that know every app (load_netwerkagenda)
    "audit",  # the audit log: listens to every app's signals, plugs into netwerkagenda.privacy
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The request (who, from where) for the audit log's signal handlers; logs downloads.
    "audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "netwerkagenda.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "netwerkagenda.middleware.ResponseHeadersMiddleware",
    "netwerkagenda.middleware.MethodNotAllowedPageMiddleware",
    "netwerkagenda.middleware.PublishedPerRequestMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netwerkagenda.urls"
WSGI_APPLICATION = "netwerkagenda.wsgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run` has web, worker and beat writing to one file: a transaction takes the write lock
    # when it starts (a reader upgrading to a writer fails at once with "database is locked"),
    # waits for another's, and readers do not block writers (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "opgaven:home"
LOGOUT_REDIRECT_URL = "opgaven:home"

# Sign-in goes through django-allauth (netwerkagenda/accounts/): our password form, then its
# two-factor step (TOTP or a security key, with recovery codes) for accounts that have one.
# Administrators, the netwerkoverleg and importers must set one up
# (governance.access.needs_two_factor). There is no sign-up: accounts come from the participant import.
ACCOUNT_ADAPTER = "netwerkagenda.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False  # sessions end with the browser, as SESSION_EXPIRE_AT_BROWSER_CLOSE says
# Passwords are throttled by django-axes (netwerkagenda/throttling.py); allauth's default limit on
# failed attempts ("login_failed": 5 per account in 5 minutes) guards the second factor's codes.
MFA_ADAPTER = "netwerkagenda.accounts.adapters.MFAAdapter"
# Our forms set up a factor as proof of it for the session, and report a failed second step
# (netwerkagenda.accounts.signals.second_factor_failed, which the audit log records).
MFA_FORMS = {
    "activate_totp": "netwerkagenda.accounts.forms.ActivateTOTPForm",
    "add_webauthn": "netwerkagenda.accounts.forms.AddWebAuthnForm",
    "edit_webauthn": "netwerkagenda.accounts.forms.EditWebAuthnForm",
    "authenticate": "netwerkagenda.accounts.forms.AuthenticateForm",
    "reauthenticate": "netwerkagenda.accounts.forms.ReauthenticateForm",
    "authenticate_webauthn": "netwerkagenda.accounts.forms.AuthenticateWebAuthnForm",
    "reauthenticate_webauthn": "netwerkagenda.accounts.forms.ReauthenticateWebAuthnForm",
}
# A security key or passkey (WebAuthn) is a second factor like the app; it never replaces the
# password (MFA_PASSKEY_LOGIN_ENABLED stays off), so every sign-in still passes login throttling.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_TOLERANCE = 1  # a code from the previous or next 30 seconds counts too: phone clocks drift
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Netwerkagenda")

# Sign-on with the network's accounts (OpenID Connect): set all three to offer it on the login
# page. A verified e-mail address signs in the person the participant import knows by it
# (governance.services.account_for_verified_email); nobody else gets an account this way.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_NAME = env.str("OIDC_NAME", default="Netwerkaccount")  # the provider's name on the login page
OIDC_PROVIDER_ID = "netwerk"  # in the callback URL: /account/oidc/netwerk/login/callback/
_OIDC_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(OIDC_ISSUER))] if OIDC_ISSUER else []
SOCIALACCOUNT_ADAPTER = "netwerkagenda.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": OIDC_NAME,
                "client_id": OIDC_CLIENT_ID,
                "secret": OIDC_CLIENT_SECRET,
                "settings": {"server_url": OIDC_ISSUER, "oauth_pkce_enabled": True},
            }
        ]
        if OIDC_ISSUER and OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
        else [],
    }
}

LANGUAGE_CODE = "nl"
# The portal speaks Dutch whatever the browser asks for: the agenda text is Dutch, and a
# page marked lang="en" around Dutch text would mislead screen readers.
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Celery: Redis when CELERY_BROKER_URL is set; without it kombu's filesystem transport in a folder,
# so `make run` (manage.py devserver) has a real worker and beat, as in production, with no server.
# Tasks never run in-process outside the tests (test_settings.py).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_FILESYSTEM_BROKER_DIR = Path(env.str("CELERY_FILESYSTEM_BROKER_DIR", default=str(BASE_DIR / "var" / "celery")))
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "filesystem://"
    # Producer and worker read and write the same folder; kombu does not create it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_FILESYSTEM_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_FILESYSTEM_BROKER_DIR / "queue"),
        "data_folder_processed": str(CELERY_FILESYSTEM_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_FILESYSTEM_BROKER_DIR / "control"),
    }
    for _folder in ("queue", "processed", "control"):
        (CELERY_FILESYSTEM_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
CELERY_TIMEZONE = TIME_ZONE
# Seconds between two rounds of governance.jobs.recover (beat); a job whose worker died waits at most
# its hard time limit plus this long before it is queued again.
JOB_RECOVERY_INTERVAL = env.int("JOB_RECOVERY_INTERVAL", default=60)
# Run by the `beat` service of docker-compose.yml (netwerkagenda/tasks.py): the nightly backup
# and the removal of sign-in and audit logs past their term.
CELERY_BEAT_SCHEDULE = {
    "backup": {"task": "netwerkagenda.tasks.scheduled_backup", "schedule": crontab(hour=2, minute=30)},
    "purge-expired-logs": {"task": "netwerkagenda.tasks.purge_expired_logs", "schedule": crontab(hour=3, minute=15)},
    # Notifications: reporting periods that open or close soon, then the daily digest of the day's notifications.
    "reporting-periods": {"task": "monitoring.tasks.notify_reporting_periods", "schedule": crontab(hour=6, minute=30)},
    "notification-digests": {"task": "governance.tasks.send_daily_digests", "schedule": crontab(hour=7, minute=0)},
    # Feedback rounds past their date close; those closing in two days remind the invited.
    "feedback-rounds": {"task": "feedback.tasks.daily_rounds", "schedule": crontab(hour=6, minute=0)},
    # Jobs whose worker died are queued again, jobs the broker was down for handed over (governance.jobs).
    "recover-jobs": {"task": "governance.tasks.recover_jobs", "schedule": float(JOB_RECOVERY_INTERVAL),
                     "options": {"expires": JOB_RECOVERY_INTERVAL}},
}

# Backups (`manage.py backup`, netwerkagenda/backup/): the scheduled one writes into BACKUP_DIR and
# then keeps the newest backup of each of the last N days, weeks and months.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=4)
BACKUP_KEEP_MONTHLY = env.int("BACKUP_KEEP_MONTHLY", default=6)

# PDF exports (opgaven/pdf/services.py): attempts per job, Celery's soft and hard time limits in
# seconds, and the queue the export tasks go to.
PDF_EXPORT_MAX_ATTEMPTS = env.int("PDF_EXPORT_MAX_ATTEMPTS", default=3)
PDF_EXPORT_SOFT_TIME_LIMIT = env.int("PDF_EXPORT_SOFT_TIME_LIMIT", default=240)
PDF_EXPORT_TIME_LIMIT = env.int("PDF_EXPORT_TIME_LIMIT", default=300)
PDF_EXPORT_QUEUE = env.str("PDF_EXPORT_QUEUE", default="celery")
# Establishing a chapter renders the public PDFs (the chapter and the whole agenda) in the
# background, so readers download a stored file; off only where PDFs are not wanted (tests).
PUBLIC_PDF_EXPORTS = env.bool("PUBLIC_PDF_EXPORTS", default=True)

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://netwerkagenda"),
}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="netwerkagenda@example.org")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email("EMAIL_URL"))

# Security: `manage.py check --deploy` is clean when DEBUG is off.
SECURE = not DEBUG and env.bool("SECURE", default=True)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = SECURE and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions end after two hours without activity.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Sessions know their user, so logging out or deactivating an account ends all of them.
SESSION_ENGINE = "governance.sessions"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The login page's form for the network's accounts redirects to its issuer.
        "form-action": ["'self'", *_OIDC_ORIGINS],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

# The public API (opendata/api): JSON only, Dutch errors in one shape, token or session
# authentication, throttled per client. Rates are "<number>/<second|minute|hour|day>".
API_THROTTLE_ANON = env.str("API_THROTTLE_ANON", default="120/minute")
API_THROTTLE_USER = env.str("API_THROTTLE_USER", default="1200/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "opendata.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.pagination.Pagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "opendata.api.throttling.AnonThrottle",
        "opendata.api.throttling.UserThrottle",
    ],
    "EXCEPTION_HANDLER": "opendata.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Netwerkagenda API",
    "DESCRIPTION": "De vastgestelde Netwerkagenda van het openbaar bibliotheekstelsel als open data.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ChapterKindEnum": "opgaven.models.ChapterKind",
        "ContributionKindEnum": "opgaven.models.ContributionKind",
    },
}

# Browser features the portal never uses are switched off (Permissions-Policy header).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
        "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "browsing-topics",
    ]
}

# How many reverse proxies in front of the portal append to X-Forwarded-For (docker-compose.yml:
# the TLS proxy, 1). The client's address is the one the outermost of them saw; with 0 the
# header is ignored, as a client can write anything into it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Login throttling: growing waits per username and address, per account and per address
# (netwerkagenda/throttling.py says how); never a lock one address can put on an account.
AXES_HANDLER = "netwerkagenda.throttling.ThrottlingHandler"
AXES_CLIENT_IP_CALLABLE = "netwerkagenda.throttling.client_ip"
AXES_LOCKOUT_CALLABLE = "netwerkagenda.throttling.lockout_response"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)  # free tries per username and address
AXES_COOLOFF_TIME = timedelta(days=1)  # how long failures are remembered, not how long a wait lasts
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # what a successful sign-in clears
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a wait are not counted, so the wait does not grow while someone waits.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False

# AVG: how many days sign-in logs (django-axes: addresses, browsers, times) and the audit logs (the
# administration's, and audit/: sign-ins, rights, imports, exports, decisions) are kept; a nightly
# task removes older entries (netwerkagenda/privacy/).
# Login throttling trusts addresses an account signed in from in the last 30 days, so sign-in
# logs are kept at least that long.
SIGNIN_LOG_RETENTION_DAYS = env.int("SIGNIN_LOG_RETENTION_DAYS", default=90)
AUDIT_LOG_RETENTION_DAYS = env.int("AUDIT_LOG_RETENTION_DAYS", default=730)
if SIGNIN_LOG_RETENTION_DAYS < 30:
    raise ImproperlyConfigured("SIGNIN_LOG_RETENTION_DAYS is minstens 30: de inlogbeveiliging kijkt 30 dagen terug.")

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

IMPORT_EXPORT_SKIP_ADMIN_LOG = False

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
