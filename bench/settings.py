"""Settings for the benchmarks' gunicorn: the product's settings plus the bench-only URLconf.

Nothing else differs from production, except what the environment of the run sets (bench/server.py):
DATABASE_URL, DB_CONN_MAX_AGE, REDIS_URL, and for the lookup benchmark LOOKUP_RATE_PER_CLIENT.
"""

from mosharekat.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# Collected by the benchmarks themselves (collectstatic), apart from the embedded mode's var/static.
STATIC_ROOT = VAR_DIR / "bench" / "static"  # noqa: F405
# Hashed names as in production, without whitenoise's gzip/brotli pass (slow, and static files are not measured).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # noqa: F405
