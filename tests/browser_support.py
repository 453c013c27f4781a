"""Browser fixtures shared by every test package: one system Chromium per session (a second
Playwright in the same thread would fail), a fresh context (cookies, cache) per test.

Playwright's own browser download does not work here, so Debian's Chromium drives the tests
(``make test`` installs it with scripts/ensure-chromium.sh). Contexts default to a phone:
360×740, touch, Persian locale, Tehran time.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "screen": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "fa-IR",
    "timezone_id": "Asia/Tehran",
}
@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/ensure-chromium.sh", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _watch(context, problems):
    """Note script errors, CSP refusals and failed static files; the pages' own 4xx answers are expected."""

    def on_console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.url}")

    context.on("console", on_console)
    context.on("weberror", lambda error: problems.append(f"script error: {error.error}"))
    context.on("response", on_response)


@pytest.fixture
def new_context(browser, live_server):
    """Open a browser context on the live server: a phone unless told otherwise.

    A test fails (at teardown) if any of its pages hit a script error, a CSP refusal or a missing file.
    """
    contexts, problems = [], []

    def factory(**options):
        context = browser.new_context(base_url=live_server.url, **{**PHONE, **options})
        context.set_default_timeout(10_000)
        _watch(context, problems)
        contexts.append(context)
        return context

    yield factory
    for context in contexts:
        context.close()
    if problems:
        pytest.fail("the browser reported problems:\n" + "\n".join(problems), pytrace=False)
