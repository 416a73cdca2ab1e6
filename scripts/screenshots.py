"""Screenshots of the explorer, an entity page, the briefing and the demo's main map, for the README.

Builds the seed into a temporary store, starts ``ecokg serve`` on a free loopback port, writes
the demo maps, and photographs each page in Debian's Chromium at desktop (1400×900) and phone
(390×844) sizes into ``docs/img/``::

    .venv/bin/python scripts/screenshots.py            # or: --out DIR --chromium PATH

Nothing is downloaded; the pages make no request outside the local server.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from playwright.sync_api import Page, sync_playwright

from ecokg import KnowledgeGraph
from ecokg.maps.build import demo_maps

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"": (1400, 900), "-phone": (390, 844)}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(page: Page, script: str, timeout: float = 60) -> None:
    # Map pages forbid string evaluation (CSP), so poll rather than wait_for_function.
    end = time.monotonic() + timeout
    while not page.evaluate(script):
        if time.monotonic() > end:
            raise TimeoutError(script)
        time.sleep(0.2)


def explorer(page: Page, url: str) -> None:
    page.goto(url + "/")
    form = page.locator("#q-territory-links")
    form.locator("summary").click()
    form.locator("button[type=submit]").click()
    wait_for(page, "() => /\\d/.test(document.querySelector('#results-status').textContent)")
    page.locator("#path-form button[type=submit]").click()
    wait_for(page, "() => document.querySelector('#path-answer').dataset.done === '1'")
    page.evaluate("document.querySelector('#results-title').scrollIntoView()")


def shoot(out: Path, url: str, chromium: str) -> list[Path]:
    written = []
    with tempfile.TemporaryDirectory() as maps_dir, sync_playwright() as p:
        with KnowledgeGraph.open(memory=True) as kg:
            kg.build()
            demo_maps(kg.backend, maps_dir)
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        for suffix, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for name in ("explorer", "entity", "briefing", "map"):
                if name == "explorer":
                    explorer(page, url)
                elif name == "entity":
                    page.goto(url + "/entity/nicolas-paris", wait_until="load")
                elif name == "briefing":
                    page.goto(url + "/brief?territory=Wisconsin", wait_until="load")
                else:
                    page.goto(Path(maps_dir, "ecosystem.html").as_uri(), wait_until="load")
                    wait_for(page, "() => !!document.querySelector('canvas')")
                    time.sleep(3)  # let the layout settle
                target = out / f"{name}{suffix}.png"
                page.screenshot(path=str(target))
                written.append(target)
            page.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        with KnowledgeGraph.open(store) as kg:
            kg.build()
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "ecokg", "serve", "--store", str(store), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(url + "/sparql?query=ASK%7B%7D", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("ecokg serve did not start")
                time.sleep(0.2)
            for path in shoot(options.out, url, options.chromium):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
