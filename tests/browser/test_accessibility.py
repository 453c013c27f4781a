"""axe-core finds no WCAG 2.2 A/AA violation on any public page, in any of its states."""

import pytest

from .pages import PUBLIC_PAGES, axe_violations, describe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(name, page, world):
    PUBLIC_PAGES[name](page, world)
    violations = axe_violations(page)
    assert not violations, f"axe-core on {name} ({page.url}):\n{describe(violations)}"
