import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests around it are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    from django.core.cache import cache

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.NOTIFY_MODE = "outbox"
    cache.clear()
    yield
    cache.clear()


from tests.browser_support import browser, new_context  # noqa: E402,F401  one browser for every package
from tests.factories import *  # noqa: E402,F403  fixtures shared by every test module
