"""The one settings module. Everything that differs between machines comes from the
environment through the typed helpers in idmf.env."""

from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from idmf.env import database_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

# DEBUG is only for the local demo (`make run` sets DJANGO_DEBUG=true).
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "local-demo-only-not-secret-" + "x" * 40

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "crispy_forms",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "idmf",
    "idmf.core",
    "idmf.notices",
    "idmf.actions",
    "idmf.people",
    "idmf.organisations",
    "idmf.publishing",
    "idmf.decisions",
    "assessments",
    "eds",
    "boardtool",
    "idmf.evidence",
    "idmf.integrity",
    "django_prometheus",
]

MIDDLEWARE = [
    # First and last: request latency by route, for the metrics.
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # Every request has an id (X-Request-ID) and a line in the log.
    "idmf.core.logs.request_log",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "idmf.core.middleware.StaticFiles",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Keeps a session alive while it is used (inside SessionMiddleware, which saves it).
    "idmf.core.middleware.renew_sessions",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # What was typed when the session had ended is kept, and shown back after signing in.
    "idmf.people.kept.KeepTypedAfterExpiry",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Pages of records are private: never kept by a browser or a shared cache.
    "idmf.core.middleware.private_pages",
    # A file store that cannot be reached is a page saying so (503), not a server error.
    "idmf.core.file_store.store_trouble",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Counts failed logins and locks out; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Idle unless single sign-on is configured (idmf.people.sso).
    "idmf.people.sso.SingleSignOnBackend",
]
# Login throttling (idmf.people.throttle): after this many wrong passwords for one username
# from one address, that username may not log in from that address until the cool-off has
# passed since the last; an address alone is stopped after many more.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "idmf.people.throttle.LoginThrottle"
AXES_LOCKOUT_CALLABLE = "idmf.people.throttle.locked_out"
# Behind a reverse proxy every request comes from the proxy: name how many proxies add
# X-Forwarded-For, so each person's own address is counted (else one person's mistakes
# would lock everyone out). 0: no proxy, the direct address is the person's.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "idmf.core.middleware.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy: our own files only, no inline script or style, never framed.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "https://assets.nhs.uk"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}

# Sessions end after a working day idle, and with the browser. Use renews them, at most
# once every few minutes (idmf.core.middleware.renew_sessions).
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 8 * 60) * 60
SESSION_RENEW_SECONDS = env_int("DJANGO_SESSION_RENEW_SECONDS", 5 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_ENDS_WITH_BROWSER", True)
CSRF_FAILURE_VIEW = "idmf.core.views.csrf_failure"

ROOT_URLCONF = "idmf.urls"
WSGI_APPLICATION = "idmf.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "idmf.context_processors.navigation",
]
# Pages in Jinja2 on NHS.UK frontend's macros (idmf/templating.py); Django's engine second, for
# the admin and for what renders through Django's forms (templates/django/: crispy's pack).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "OPTIONS": {
            "environment": "idmf.templating.environment",
            "context_processors": CONTEXT_PROCESSORS,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

# Widget templates (e.g. the NHS.UK date input) live in templates/ with the rest.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": database_config(default_sqlite=VAR_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Single sign-on with NHSmail / Microsoft Entra ID (or any OpenID Connect provider): on when
# an issuer and a client id are set. See the README for registering the app with Entra ID.
OIDC_ISSUER = (env_str("DJANGO_OIDC_ISSUER", "") or "").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("DJANGO_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("DJANGO_OIDC_CLIENT_SECRET", "")
if OIDC_ISSUER and OIDC_RP_CLIENT_ID and not OIDC_RP_CLIENT_SECRET:
    raise ImproperlyConfigured("DJANGO_OIDC_CLIENT_SECRET must be set with DJANGO_OIDC_CLIENT_ID")
# Only addresses in these domains may sign in this way (the provider vouches for them).
OIDC_EMAIL_DOMAINS = env_list("DJANGO_OIDC_EMAIL_DOMAINS", ["nhs.net"])
OIDC_LABEL = env_str("DJANGO_OIDC_LABEL", "Sign in with NHSmail")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
# Whom someone signed in with no access yet is told to ask, besides their organisation's
# admin: a service desk's address or name ("" for none).
ACCESS_CONTACT = env_str("DJANGO_ACCESS_CONTACT", "")
# An invitation to join an organisation can be accepted for this many days.
INVITATION_DAYS = env_int("DJANGO_INVITATION_DAYS", 7, minimum=1)
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Files the site makes (built board assurance packs, kept PDFs of final records); never
# served directly (downloads go through views that check who may have them). A folder by
# default (shared by every app server, e.g. a network file system), or S3-compatible object
# storage through django-storages (`pip install ".[s3]"`).
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_STORE = env_str("DJANGO_FILE_STORE", "folder")
if FILE_STORE == "folder":
    FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif FILE_STORE == "s3":
    # Credentials as boto3 finds them (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the
    # machine's role); files are private and never overwritten.
    FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("DJANGO_S3_BUCKET"),
            "endpoint_url": env_str("DJANGO_S3_ENDPOINT_URL"),
            "region_name": env_str("DJANGO_S3_REGION"),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
    if not FILE_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("DJANGO_FILE_STORE=s3 needs DJANGO_S3_BUCKET")
else:
    raise ImproperlyConfigured(f"DJANGO_FILE_STORE must be folder or s3, not {FILE_STORE!r}")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": FILE_STORAGE,
    "staticfiles": {
        # Outside DEBUG, WhiteNoise serves hashed, compressed files made by collectstatic.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = not DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

TASKS = {
    "default": {
        "BACKEND": env_str("DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# E-mail: printed to the console in the demo; SMTP (or any backend) by settings.
EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
# Seconds to wait for the mail server before the notice is put back in the outbox; the
# worker tries the outbox again NOTICE_RETRY_SECONDS later.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10, minimum=1)
NOTICE_RETRY_SECONDS = env_int("DJANGO_NOTICE_RETRY_SECONDS", 300, minimum=1)
DEFAULT_FROM_EMAIL = env_str(
    "DJANGO_DEFAULT_FROM_EMAIL", "Inclusive decisions <no-reply@localhost>"
)
# The site's address as e-mails link to it (they are sent outside any request).
SITE_URL = env_str("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# HTTPS hardening: on outside DEBUG unless the site is served over plain HTTP on
# loopback (the browser tests).
SECURE_HTTPS = env_bool("DJANGO_SECURE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer asks each app server over plain HTTP whether it is up.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Each person may ask for this many PDFs or Word documents a minute (each costs seconds of
# CPU); a PDF of a record that can no longer change is rendered once and kept.
PDF_RENDERS_PER_MINUTE = env_int("DJANGO_PDF_RENDERS_PER_MINUTE", 6)

# A final record's PDF and a board assurance pack are signed with the site's key and certificate
# (PEM files; `manage.py make_signing_certificate` makes a self-signed pair where they are
# missing), so a copy can be checked against alteration on the "Check a document" page.
# Without the files, PDFs are made unsigned and the log says so once.
SIGNING_KEY = Path(env_str("DJANGO_SIGNING_KEY", str(VAR_DIR / "signing" / "key.pem")))
SIGNING_CERTIFICATE = Path(
    env_str("DJANGO_SIGNING_CERTIFICATE", str(VAR_DIR / "signing" / "certificate.pem"))
)
# The history of final records is sealed with the first of these keys (an HMAC), and checked
# with any of them: someone who can write to the database but does not hold a key cannot
# forge a seal. A new key goes first; keep the old ones while what they sealed is checked.
HISTORY_SEAL_KEYS = env_list("DJANGO_HISTORY_SEAL_KEYS", [SECRET_KEY])

# Long free text is capped so a pasted document cannot flood a record or a PDF.
LONG_TEXT_MAX_LENGTH = 10000

# Prometheus metrics (idmf/operations/metrics.py): at this path, only for a scraper that
# sends the token (none set: no metrics).
METRICS_PATH = (env_str("DJANGO_METRICS_PATH", "metrics") or "metrics").strip("/")
METRICS_TOKEN = env_str("DJANGO_METRICS_TOKEN", "")

# Logs on standard error, for the platform to collect: outside DEBUG one JSON object a line
# (idmf/core/logs.py), with a line per request and per background task at INFO.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "idmf.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # In the demo, runserver prints its own line a request.
        "idmf.requests": {
            "level": env_str("DJANGO_REQUEST_LOG_LEVEL", "WARNING" if DEBUG else "INFO")
        },
        "idmf.tasks": {"level": "INFO"},
        # Django's own line for a refused or missing page (403, 404), with its traceback:
        # the request's line above already has the status. Errors (500) stay.
        "django.request": {"level": "ERROR"},
        # WeasyPrint logs each refused fetch; they are expected, not errors.
        "weasyprint": {"level": "ERROR"},
        # django-axes logs each failed sign-in with the name typed: the attempts are in its
        # tables (the admin site), not in the logs.
        "axes": {"level": "ERROR"},
    },
}
