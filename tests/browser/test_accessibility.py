"""axe-core finds no WCAG 2.2 A/AA violation on any public page, in any of its states."""

import pytest

from .pages import PUBLIC_PAGES, axe_violations, describe

pytestmark = pytest.mark.browser

# axe-core tolerates aria-describedby pointing at nothing; a screen reader then reads no error at all.
DANGLING_REFERENCES = """() => {
    const found = [];
    for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
        for (const el of document.querySelectorAll(`[${attr}]`)) {
            for (const id of el.getAttribute(attr).split(/\\s+/)) {
                if (id && !document.getElementById(id)) found.push(`${el.tagName} #${el.id} ${attr}=${id}`);
            }
        }
    }
    return found;
}"""


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_axe_violation(name, page, world):
    PUBLIC_PAGES[name](page, world)
    violations = axe_violations(page)
    assert not violations, f"axe-core on {name} ({page.url}):\n{describe(violations)}"
    dangling = page.evaluate(DANGLING_REFERENCES)
    assert not dangling, f"{name}: references to missing ids (screen readers get nothing): {dangling}"
