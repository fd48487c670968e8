"""A real browser (Debian's chromium via Playwright) on the HTML report and the served app.

Skipped only when /usr/bin/chromium is absent (CI installs it). Playwright never downloads a
browser here: it drives the system chromium.

    python tests/test_browser.py REPORT.html OUTDIR   # screenshots of a report and the app
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")


# ---------------------------------------------------------------- helpers (also used by main)


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The app under uvicorn on 127.0.0.1 in a thread, stopped on exit."""

    def __init__(self, store: Path) -> None:
        import uvicorn

        from storyline.web import LOOPBACK_HOSTS, create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        app = create_app(store, token=TOKEN, allowed_hosts=LOOPBACK_HOSTS)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning", lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)

    def post(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        req = urllib.request.Request(
            self.url + "/api/articles", data=json.dumps(records).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            return dict(json.loads(resp.read()))


def watch(page: Any) -> dict[str, list[str]]:
    """Record dialogs (alert/confirm: an injected script ran), requests and console errors."""
    seen: dict[str, list[str]] = {"dialogs": [], "requests": [], "errors": []}

    def on_dialog(d: Any) -> None:
        seen["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    return seen


def check_citation_jump(page: Any) -> None:
    """Click the first summary citation: the cited sentence is shown, highlighted, in view."""
    cite = page.locator("ul.summary a.cite").first
    target_id = cite.get_attribute("href")[1:]
    target = page.locator(f"[id='{target_id}']")
    assert not target.is_visible()  # inside a closed article
    cite.click()
    page.wait_for_function("id => location.hash === '#' + id", arg=target_id)
    target.wait_for(state="visible")
    assert "hit" in (target.get_attribute("class") or "")
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["y"] < viewport["height"]
    background = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


# ---------------------------------------------------------------- tests


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from storyline.render.html import to_html
    from test_render_html import make_briefing

    path = tmp_path_factory.mktemp("report") / "briefing.html"
    path.write_text(to_html(make_briefing()), encoding="utf-8")
    return path


def test_report_citation_and_injection_corpus(browser: Any, report: Path) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    seen = watch(page)
    page.goto(report.as_uri())
    check_citation_jump(page)
    # the finding list links to the marked text inside the spun article
    page.locator("ul.findings a[href$='-f1']").click()
    mark = page.locator("mark.finding[id$='-f1']")
    mark.wait_for(state="visible")
    assert mark.inner_text() == "40 days"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert seen["dialogs"] == []
    assert seen["errors"] == []  # no CSP violation: our own CSS/JS hashes match
    assert all(u.startswith("file://") for u in seen["requests"])  # offline: no network at all
    page.close()


def test_report_fits_a_phone(browser: Any, report: Path) -> None:
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(report.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 362
    # tables too (their wrapper would only scroll them sideways): cells stack on a phone
    widest = "Math.max(...[...document.querySelectorAll('table')].map(t => t.scrollWidth))"
    assert page.evaluate(widest) <= 362
    page.close()


def test_report_prints_every_article(browser: Any, report: Path) -> None:
    page = browser.new_page()
    page.goto(report.as_uri())
    assert page.locator("details[open]").count() == 0
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details[open]").count() == page.locator("details").count() == 3
    assert page.locator("details .body").last.is_visible()
    assert page.pdf(format="A4")[:5] == b"%PDF-"
    page.close()


def test_served_app_updates_live(browser: Any, tmp_path: Path) -> None:
    from test_web import RECORDS

    with LiveServer(tmp_path / "store.sqlite") as server:
        added = server.post(RECORDS)
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        seen = watch(page)
        page.goto(server.url + "/")
        items = page.locator("ol.stories > li")
        before = items.count()
        assert before >= 1
        server.post([{"id": "fest-1", "title": "Orchard Valley cider festival opens",
                      "source": "Valley Post", "published": "2031-05-02",
                      "text": "The Orchard Valley cider festival opened on Saturday with 80 "
                              "stalls and a parade through the old town."}])
        # the page polls /api/version and reloads itself: no click, no manual refresh
        page.get_by_text("Orchard Valley cider festival opens").wait_for(timeout=15_000)
        assert items.count() == before + 1
        # search, then the story page of the article with the injection corpus
        page.fill("input[name=q]", "ferries")
        page.press("input[name=q]", "Enter")
        page.wait_for_url("**/?q=ferries")
        assert items.count() == 1
        page.goto(server.url + f"/stories/{added['articles'][2]['story']}")
        check_citation_jump(page)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert seen["dialogs"] == [] and seen["errors"] == []
        assert all(u.startswith(server.url) for u in seen["requests"])
        page.close()


# ---------------------------------------------------------------- screenshots for the docs


def screenshots(report: Path, outdir: Path) -> None:
    """PNGs of a report (desktop, citation clicked, phone) and of the app serving its articles."""
    from playwright.sync_api import sync_playwright

    from storyline.model import Briefing

    outdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = launch(p)
        page = b.new_page(viewport={"width": 1100, "height": 900})
        page.goto(report.as_uri())
        page.screenshot(path=str(outdir / "report.png"))
        page.locator("h3", has_text="Key facts").first.evaluate("h => h.scrollIntoView()")
        page.screenshot(path=str(outdir / "report-facts.png"))
        page.locator("ul.summary a.cite").first.click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(outdir / "report-citation.png"))
        page.locator("ul.findings li a:not(.cite)").first.click()
        page.wait_for_timeout(300)
        page.screenshot(path=str(outdir / "report-finding.png"))
        phone = b.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
        phone.goto(report.as_uri())
        phone.screenshot(path=str(outdir / "report-phone.png"))
        json_path = report.with_suffix(".json")
        if json_path.exists():
            import tempfile

            briefing = Briefing.from_dict(json.loads(json_path.read_text(encoding="utf-8")))
            records = [a.public_dict() for a in briefing.articles]
            with tempfile.TemporaryDirectory() as tmp, LiveServer(Path(tmp) / "s.sqlite") as srv:
                out = srv.post(records)
                page.goto(srv.url + "/")
                page.screenshot(path=str(outdir / "app-stories.png"))
                page.goto(srv.url + f"/stories/{out['articles'][0]['story']}")
                page.screenshot(path=str(outdir / "app-story.png"))
        b.close()


if __name__ == "__main__":
    screenshots(Path(sys.argv[1]), Path(sys.argv[2]))
