"""How a citizen reaches each public page, and the measurements taken on it (axe-core, bytes)."""

import gzip
import re
from pathlib import Path

from mosharekat.core.text import persian_digits

from .conftest import MOBILE

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SUBMIT_BUTTON = "ثبت و دریافت کد رهگیری"


def grouped(code):
    """A tracking code as a person copies it from the page: Persian digits in dashed groups of four."""
    return persian_digits("-".join(code[i : i + 4] for i in range(0, len(code), 4)))


def fill_submit_form(page, *, kind="شکایت", service=None, subject="تأخیر در صدور برگه سهام",
                     body="سه ماه است درخواست داده‌ام و هنوز برگه سهام عدالت به دستم نرسیده است.",
                     name="علی رضایی", mobile="۰۹۱۲۱۲۳۴۵۶۷"):
    page.get_by_label(kind, exact=True).check()
    if service is not None:
        page.get_by_label("خدمت مربوط").select_option(label=service.title)
    page.get_by_label("موضوع").fill(subject)
    page.get_by_label(re.compile("^متن")).fill(body)
    page.get_by_label("نام و نام خانوادگی").fill(name)
    page.get_by_label("شماره همراه").press_sequentially(mobile)


def submit(page):
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    page.wait_for_load_state()


def track(page, code, contact):
    page.goto("/desk/track/")
    page.get_by_label("کد رهگیری").fill(code)
    page.get_by_label("شماره همراه یا رایانامه").fill(contact)
    page.get_by_role("button", name="پیگیری").click()
    page.wait_for_load_state()


# Each opener brings a fresh page to one public page, the way a citizen gets there.

def _submit_with_server_errors(page, world):
    page.goto("/desk/submit/")
    page.get_by_label("موضوع").fill("تأخیر")
    page.get_by_label(re.compile("^متن")).fill("کوتاه")
    # form.submit() skips the submit event, so forms.js does not stop it: the server answers.
    with page.expect_navigation():
        page.locator("form[data-validate]").evaluate("form => form.submit()")
    assert page.locator("#form-errors").is_visible()


def _submit_with_client_errors(page, world):
    page.goto("/desk/submit/")
    page.get_by_role("button", name=SUBMIT_BUTTON).click()
    assert page.locator(".js-error").count() > 0


def _submitted(page, world):
    page.goto("/desk/submit/")
    fill_submit_form(page, service=world.service)
    submit(page)
    assert re.search(r"/desk/submitted/$", page.url)


def _track_with_error(page, world):
    track(page, "۱۲۳۴-۵۶۷۸-۹۰۱۲-۳۴", MOBILE)
    assert page.get_by_role("alert").count() or page.locator(".errorlist").count()


def _case(page, world):
    track(page, world.case.tracking_code, MOBILE)
    assert re.search(rf"/desk/track/case/{world.case.pk}/$", page.url)


def _participation(page, world):
    """Consultations and news as `make run` shows them: an open bylaw with comments and an official
    reply, an issued bill with its diff and report, news items with comments."""
    from mosharekat.consultations import demo as consultations_demo
    from mosharekat.news import demo as news_demo

    consultations_demo.load()
    news_demo.load()


def _goto_participation(path):
    def opener(page, world):
        _participation(page, world)
        page.goto(path)
    return opener


def _comment_with_server_errors(page, world):
    _participation(page, world)
    page.goto("/consultations/justice-shares-bylaw/")
    with page.expect_navigation():
        page.get_by_role("button", name="ثبت نظر", exact=True).click()
    assert page.get_by_role("alert").count() or page.locator(".errorlist").count()


PUBLIC_PAGES = {
    "home": lambda page, world: page.goto("/"),
    "services": lambda page, world: page.goto("/services/"),
    "services-search": lambda page, world: page.goto("/services/?q=سهام"),
    "service-detail": lambda page, world: page.goto(f"/services/{world.service.code}/"),
    "contact": lambda page, world: page.goto("/contact/"),
    "submit": lambda page, world: page.goto("/desk/submit/"),
    "submit-client-errors": _submit_with_client_errors,
    "submit-server-errors": _submit_with_server_errors,
    "submitted": _submitted,
    "track": lambda page, world: page.goto("/desk/track/"),
    "track-error": _track_with_error,
    "case": _case,
    "not-found": lambda page, world: page.goto("/no-such-page/"),
    "staff-login": lambda page, world: page.goto("/staff/login/"),
    "consultations": _goto_participation("/consultations/"),
    "consultation-open": _goto_participation("/consultations/justice-shares-bylaw/"),
    "consultation-errors": _comment_with_server_errors,
    "consultation-final": _goto_participation("/consultations/privatization-bill/"),
    "consultation-diff": _goto_participation("/consultations/privatization-bill/diff/"),
    "consultation-report": _goto_participation("/consultations/privatization-bill/report/"),
    "moderation-policy": _goto_participation("/consultations/policy/"),
    "news": _goto_participation("/news/"),
    "news-item": _goto_participation("/news/justice-shares-dividend/"),
}


def axe_violations(page):
    """axe-core's WCAG 2.2 AA violations on the page as it is now, as short readable lines."""
    # evaluate() goes through the DevTools protocol, which the page's CSP (script-src 'self') allows.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return violations


def describe(violations):
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " / "))
    return "\n".join(lines)


class Traffic:
    """Every response a page receives, with the HTTP cache off so each page load is a first visit."""

    def __init__(self, page):
        self.page = page
        self.responses = []
        page.route("**/*", lambda route: route.continue_())  # routing disables Chromium's HTTP cache
        page.on("response", lambda response: self.responses.append(response))

    def last_load(self):
        """The responses of the last page load: its document (after any redirect) and what it pulled in."""
        start = max(
            i for i, r in enumerate(self.responses)
            if r.request.resource_type == "document" and r.frame == self.page.main_frame and not r.request.redirected_to
        )
        return self.responses[start:]

    def weight(self):
        """(raw bytes, bytes on the wire, per-URL lines) of the last page load.

        Static files go out from whitenoise's precompressed copies, which it keeps only when they are
        smaller (fonts are not); Django's HTML goes out as it is (no GZipMiddleware), so it counts raw.
        """
        raw = wire = 0
        lines = []
        for response in self.last_load():
            body = response.body()
            size = len(body)
            sent = min(size, len(gzip.compress(body))) if "/static/" in response.url else size
            raw, wire = raw + size, wire + sent
            lines.append(f"{sent:>8,} B  {response.status} {response.url}")
        return raw, wire, lines
