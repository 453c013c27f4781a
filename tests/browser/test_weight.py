"""Public pages stay light (under 200 KB on the wire) and fit a 360 px phone screen."""

import pytest

from .pages import PUBLIC_PAGES, Traffic

pytestmark = pytest.mark.browser

BUDGET = 200 * 1024


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_weighs_under_budget(name, page, world):
    traffic = Traffic(page)
    PUBLIC_PAGES[name](page, world)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => document.fonts.size)")  # web fonts are fetched lazily
    raw, wire, lines = traffic.weight()
    report = f"{name}: {wire / 1024:.1f} KB on the wire ({raw / 1024:.1f} KB raw)\n" + "\n".join(lines)
    print(report)
    assert wire < BUDGET, report


@pytest.mark.parametrize("name", ["home", "submit", "submit-server-errors", "case"])
def test_public_page_fits_a_phone(name, page, world):
    PUBLIC_PAGES[name](page, world)
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert width == 360
    assert scroll <= 360, f"{name} scrolls sideways: {scroll} px wide on a 360 px screen"
