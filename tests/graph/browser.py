"""Waiting in a map page: its Content-Security-Policy forbids the string evaluation that
Playwright's ``wait_for_function`` uses while polling, so tests poll ``evaluate`` instead."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page


def wait_until(page: Page, script: str, arg: Any = None, timeout: float = 60.0) -> None:
    """Poll the function ``script`` (with ``arg``) until it returns a true value."""
    end = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < end, f"timed out after {timeout} s waiting for {script}"
        time.sleep(0.1)
