"""Settings read from the environment (12-factor) with safe embedded defaults.

Without any variable set, the platform runs embedded: SQLite in var/, a file cache in var/cache,
Celery tasks run eagerly and notifications land in the outbox table.
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("MOSHAREKAT_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key():
    """Use SECRET_KEY when given; embedded mode keeps a generated key in var/ so sessions survive restarts."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "mosharekat.core",
    "mosharekat.catalog",
    "mosharekat.desk",
    "mosharekat.api",
    "mosharekat.channels",
    "mosharekat.surveys",
    "mosharekat.oversight",
    "mosharekat.committee",
    "mosharekat.consultations",
    "mosharekat.news",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "mosharekat.core.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mosharekat.core.middleware.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "mosharekat.urls"
WSGI_APPLICATION = "mosharekat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mosharekat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mosharekat.core.context_processors.staff",
            ],
            "builtins": ["mosharekat.core.templatetags.persian"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # With persistent connections (DB_CONN_MAX_AGE > 0), a request after a database restart or
        # fail-over first checks its connection and reconnects instead of failing.
        conn_health_checks=True,
    )
}
# PostgreSQL's default random_page_cost (4) assumes spinning disks: with it the planner combines a search's
# few thousand full-text matches with a unit's million-row index (bench/README.md, inbox). 1.1 is the usual
# value for SSDs or a database held in memory; set DB_RANDOM_PAGE_COST="" to leave the server's own (e.g.
# behind a pooler that refuses startup options, then set it with ALTER DATABASE instead).
if DATABASES["default"]["ENGINE"].endswith("postgresql") and os.environ.get("DB_RANDOM_PAGE_COST", "1.1"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={float(os.environ.get('DB_RANDOM_PAGE_COST', '1.1'))}")
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Django turns psycopg's prepared statements off (prepare_threshold None); its own cursors bind on the
    # client and never prepare, so this reaches only the server-binding cursors of core.rows and
    # consultations.bulk: a statement run 5 times on a connection is then parsed and planned once.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:inbox"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Short socket timeouts: an unreachable Redis must fail a cache call fast, not hold a web worker for minutes.
    _REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    CACHES = {
        "default": {"BACKEND": "mosharekat.core.redis_cache.RedisCache", "LOCATION": REDIS_URL,
                    "OPTIONS": _REDIS_OPTIONS},
        # Rate-limit counters (RATELIMIT_USE_CACHE, core/throttle): the same Redis, kept in each process while
        # Redis is unreachable, so lookups and posts keep working (core/redis_cache.FailoverRedisCache).
        "ratelimit": {"BACKEND": "mosharekat.core.redis_cache.FailoverRedisCache", "LOCATION": REDIS_URL,
                      "OPTIONS": _REDIS_OPTIONS},
    }
else:
    # Rate-limit counters must be shared by every process (gunicorn workers, ingest_email): files with
    # atomic counters (core/cache.py), not a per-process memory cache. A pytest run (PYTEST_VERSION is
    # set) gets a directory of its own, so test runs started side by side never share counters.
    _CACHE_DIR = os.environ.get("CACHE_DIR") or (
        VAR_DIR / "cache" if "PYTEST_VERSION" not in os.environ else VAR_DIR / "test-cache" / str(os.getpid())
    )
    CACHES = {"default": {"BACKEND": "mosharekat.core.cache.SharedFileCache", "LOCATION": str(_CACHE_DIR),
                          "OPTIONS": {"MAX_ENTRIES": 20000}}}
    if "PYTEST_VERSION" in os.environ and not os.environ.get("CACHE_DIR"):
        import atexit
        import shutil

        atexit.register(shutil.rmtree, _CACHE_DIR, ignore_errors=True)
# Page parts that are the same for every request a process serves (the header's links, rendered by reverse()
# and the static manifest, a fifth of a page's rendering): kept in each process, never shared, so nothing
# can go stale across a deploy, which restarts the processes.
CACHES["fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"}

CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
# A web request that queues a task must not hang while Redis is down or unreachable: give up quickly
# (measured: a stopped Redis costs well under a second, a hung one about 2 s) and leave the outbox row
# pending for `retry_notifications`. Kombu's defaults retry and wait for connections for several seconds.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 2}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TIMEZONE = "Asia/Tehran"
# Periodic work for `celery -A mosharekat beat`: retries and provider polling (none of it sets state
# that follows from dates; that is always computed).
CELERY_BEAT_SCHEDULE = {
    "retry-notifications": {"task": "mosharekat.core.tasks.retry_pending_notifications", "schedule": 300},
    "retry-case-mail": {"task": "mosharekat.channels.tasks.retry_case_mail", "schedule": 300},
    "process-stored-messages": {"task": "mosharekat.channels.tasks.process_stored_messages", "schedule": 300},
    "poll-sms": {"task": "mosharekat.channels.tasks.poll_sms", "schedule": 60},
}

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
LOCALE_PATHS = [BASE_DIR / "mosharekat" / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "mosharekat" / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/vazirmatn", NODE_MODULES / "vazirmatn" / "fonts" / "webfonts"),
    ("vendor/swagger-ui", NODE_MODULES / "swagger-ui-dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_STORAGE", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS")

# Uploaded files are private: no MEDIA_URL route exists; they are served only through access-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "private"))
FILE_UPLOAD_PERMISSIONS = 0o600
DATA_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 3 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Staff sessions also end after this long without a request (core.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", 3600))
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("BEHIND_TLS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))  # start lower while trying TLS
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@mosharekat.local")

# Notifications: "outbox" keeps messages in the database only (embedded mode); "live" also sends them.
NOTIFY_MODE = os.environ.get("NOTIFY_MODE", "outbox")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "mosharekat.core.notifications.OutboxSms")

# Service-desk rules an organization tunes without code.
DESK_REOPEN_DAYS = int(os.environ.get("DESK_REOPEN_DAYS", "14"))
DESK_DEFAULT_RESPONSE_DAYS = int(os.environ.get("DESK_DEFAULT_RESPONSE_DAYS", "10"))
# Python weekday numbers (Monday=0): Friday by default; many agencies add Thursday (3).
WEEKEND_DAYS = [int(d) for d in env_list("WEEKEND_DAYS", "4")]
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 2 * 1024 * 1024))
ATTACHMENT_MAX_FILES = int(os.environ.get("ATTACHMENT_MAX_FILES", "3"))
LOOKUP_RATE_PER_CLIENT = os.environ.get("LOOKUP_RATE_PER_CLIENT", "20/10m")
# How often each process asks the cache whether routing rules, response times, holidays or services changed
# (catalog.refdata); 0 in tests: their transactions roll back without any signal to notice.
REFDATA_CHECK_SECONDS = float(os.environ.get("REFDATA_CHECK_SECONDS", "0" if "PYTEST_VERSION" in os.environ else "2"))
LOOKUP_RATE_PER_CODE = os.environ.get("LOOKUP_RATE_PER_CODE", "5/h")
# Consultation and news comments: one-time SMS codes (each costs an SMS) and comments, per client and per mobile.
PARTICIPATION_CODE_RATE_PER_CLIENT = os.environ.get("PARTICIPATION_CODE_RATE_PER_CLIENT", "20/h")
PARTICIPATION_CODE_RATE_PER_MOBILE = os.environ.get("PARTICIPATION_CODE_RATE_PER_MOBILE", "5/h")
PARTICIPATION_COMMENT_RATE_PER_CLIENT = os.environ.get("PARTICIPATION_COMMENT_RATE_PER_CLIENT", "60/10m")
PARTICIPATION_COMMENT_RATE_PER_MOBILE = os.environ.get("PARTICIPATION_COMMENT_RATE_PER_MOBILE", "10/h")
# Oversight reports are encrypted with a key kept outside the database (env var, or a file in var/).
OVERSIGHT_KEY = os.environ.get("OVERSIGHT_KEY", "")
OVERSIGHT_KEY_FILE = Path(os.environ.get("OVERSIGHT_KEY_FILE", VAR_DIR / "oversight.key"))
# Minimum responses before a staff member is ranked in survey reports (fairness).
SURVEY_MIN_RESPONSES = int(os.environ.get("SURVEY_MIN_RESPONSES", "5"))
RATELIMIT_VIEW = "mosharekat.core.views.rate_limited"
RATELIMIT_USE_CACHE = "ratelimit" if "ratelimit" in CACHES else "default"
# Behind nginx every request comes from the proxy's address, so per-client limits would count all citizens
# together: name the header the proxy sets to the client's address (nginx: `proxy_set_header X-Real-IP
# $remote_addr;` → HTTP_X_REAL_IP). Only for a header the proxy always overwrites: clients can forge it.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Channels (e-mail, SMS, phone, voicemail intake: mosharekat/channels) ---------------------------
# The desk lets this app send acknowledgements and answers for cases that came by e-mail or SMS.
DESK_CITIZEN_MESSENGER = os.environ.get("DESK_CITIZEN_MESSENGER", "mosharekat.channels.messenger.tell_citizen")
# The general mailbox (info@…): its mail goes to the triage unit. Services' own addresses are on the services.
CHANNELS_GENERAL_EMAIL = os.environ.get("CHANNELS_GENERAL_EMAIL", "info@ipo.example.ir").lower()
# Senders whose mail carries voicemail recordings (the telephone exchange, PBX), comma-separated.
CHANNELS_PBX_EMAILS = [a.lower() for a in env_list("CHANNELS_PBX_EMAILS", "pbx@ipo.example.ir")]
CHANNELS_MAIL_DOMAIN = os.environ.get("CHANNELS_MAIL_DOMAIN", CHANNELS_GENERAL_EMAIL.rpartition("@")[2])
CHANNELS_SMTP_HOST = os.environ.get("CHANNELS_SMTP_HOST", "127.0.0.1")
CHANNELS_SMTP_PORT = int(os.environ.get("CHANNELS_SMTP_PORT", "8025"))
CHANNELS_SMTP_MAX_BYTES = int(os.environ.get("CHANNELS_SMTP_MAX_BYTES", 10 * 1024 * 1024))
# Per-sender limits on new messages (e-mail address or mobile number): "count/period", period s, m, h or d.
CHANNELS_EMAIL_RATE = os.environ.get("CHANNELS_EMAIL_RATE", "10/h")
CHANNELS_SMS_RATE = os.environ.get("CHANNELS_SMS_RATE", "10/h")
# SMS: the shared secret the provider's webhook sends (empty: the webhook is closed), the provider's
# account and number (Kavenegar's HTTP API), and the longest text sent before a link is sent instead.
CHANNELS_SMS_WEBHOOK_SECRET = os.environ.get("CHANNELS_SMS_WEBHOOK_SECRET", "")
CHANNELS_SMS_GATEWAY = os.environ.get("CHANNELS_SMS_GATEWAY", "mosharekat.channels.sms.OutboxGateway")
KAVENEGAR_API_KEY = os.environ.get("KAVENEGAR_API_KEY", "")
KAVENEGAR_SENDER = os.environ.get("KAVENEGAR_SENDER", "")
KAVENEGAR_API_URL = os.environ.get("KAVENEGAR_API_URL", "https://api.kavenegar.com/v1")
CHANNELS_SMS_MAX_SEGMENTS = int(os.environ.get("CHANNELS_SMS_MAX_SEGMENTS", "3"))
# Django's widget templates in Jinja2, faster for the same HTML (core/renderers.py says why).
FORM_RENDERER = "mosharekat.core.renderers.FormRenderer"
