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


def test_phone_menu_is_one_row_and_reaches_every_section(page, world):
    """The menu used to wrap to three rows (≈ 200 px) above every page on a phone; now it scrolls sideways."""
    page.goto("/")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] < 120, f"the header takes {header['height']:.0f} px of a 740 px phone screen"
    last = page.locator("header.site-header .nav-link").last
    assert last.bounding_box()["x"] < 0  # off screen to the left (RTL) until the menu is scrolled
    last.click()
    page.wait_for_url("**/committee/")


def test_service_steps_are_numbered_in_persian(page, world):
    world.service.steps = "ورود به سامانه\nبررسی مدارک"
    world.service.save()
    page.goto(f"/services/{world.service.code}/")
    markers = page.locator("ol li").evaluate_all(
        "items => items.map(li => getComputedStyle(li).listStyleType || getComputedStyle(li.parentNode).listStyleType)")
    assert markers == ["persian", "persian"]


def test_contact_directory_reads_as_cards_on_a_phone(page, world):
    """Six columns scrolled sideways on a 360 px screen; now each manager is a card of labelled lines."""
    page.goto("/contact/")
    wrapper = page.locator(".table-responsive")
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth"), "the directory still scrolls sideways"
    phone = page.get_by_role("link", name="۰۲۱-۸۸۷۷۶۶۵۵")
    box = phone.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 360
    label = phone.locator("xpath=..").evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"تلفن: "'
