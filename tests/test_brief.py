"""The printable briefing: what it says (from the library's own answers), one self-contained
page, French, the command line, clear errors, and a PDF printed by Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from ecokg import KnowledgeGraph
from ecokg.errors import QueryError
from ecokg.maps.brief import brief_page, mission_brief, territory_brief
from ecokg.network.answers import brokers_answer

CHROMIUM = "/usr/bin/chromium"


def test_territory_briefing_says_what_the_library_says(seed_kg: KnowledgeGraph) -> None:
    brief = territory_brief(seed_kg.backend, "Wisconsin")
    assert brief["home"] == "Bourgogne-Franche-Comté"  # the other territory with the most actors
    names = {a["label"] for a in brief["actors"]}
    assert {"BioForward", "Nicolas Paris", "Wisconsin Economic Development Corporation"} <= names
    paris = next(a for a in brief["actors"] if a["label"] == "Nicolas Paris")
    assert {t["label"] for t in paris["ties"]} >= {"Marie-Guite Dufay"}  # his link to the home region
    assert brief["brokers"] == brokers_answer(seed_kg.backend, "Bourgogne-Franche-Comté", "Wisconsin", top=12)
    agreement = brief["agreements"][0]
    assert "BioForward" in agreement["signatories"] and agreement["status"]
    assert any("WEDC" in e["label"] for e in brief["events"])
    assert all({s["first"]["label"], s["second"]["label"]} & names for s in brief["introductions"])
    assert brief["sources"] and all(d["title"] and d["sentences"] > 0 for d in brief["sources"])


def test_mission_briefing(seed_kg: KnowledgeGraph) -> None:
    brief = mission_brief(seed_kg.backend, "mission-bfc-usa-2024")
    assert {m["label"] for m in brief["members"]} >= {"Nicolas Paris", "Nicolas Soret", "Martine Abrahamse-Pleux"}
    assert any("Gilson" in e["label"] for e in brief["events"])
    assert brief["brokers"]["between"] == ["Bourgogne-Franche-Comté", "Wisconsin"]


def test_the_page_is_self_contained_escaped_and_french(seed_kg: KnowledgeGraph) -> None:
    page = brief_page(seed_kg.backend, territory="Wisconsin", links=False)
    assert "default-src 'none'" in page and "@media print" in page
    assert not re.search(r"<script|<link|<img|src=", page)  # nothing to fetch, nothing to run
    assert "Briefing: Wisconsin" in page and "Brokers between Bourgogne-Franche-Comté and Wisconsin" in page
    french = brief_page(seed_kg.backend, territory="Wisconsin", lang="fr", links=False)
    assert '<html lang="fr">' in french and "Note de synthèse : Wisconsin" in french and "Accords" in french
    linked = brief_page(seed_kg.backend, territory="Wisconsin")  # as /brief serves it
    assert '<a href="/entity/bioforward">BioForward</a>' in linked


def test_bad_requests_are_clear(seed_kg: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"territories with actors: .*Wisconsin"):
        brief_page(seed_kg.backend, territory="Atlantis")
    with pytest.raises(QueryError, match="one of them"):
        brief_page(seed_kg.backend, territory="Wisconsin", mission="mission-bfc-usa-2024")


def test_command_line_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "wisconsin.html"
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", "brief", "--memory", "--territory", "Wisconsin", "--lang", "fr", "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Note de synthèse : Wisconsin" in out.read_text("utf-8")
    missing = tmp_path / "nowhere.html"
    failed = subprocess.run(
        [sys.executable, "-m", "ecokg", "brief", "--memory", "--territory", "Atlantis", "-o", str(missing)],
        capture_output=True, text=True, timeout=300,
    )
    assert failed.returncode != 0 and "Atlantis" in failed.stderr
    assert not missing.exists()


def test_chromium_prints_it_to_pdf(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    source = tmp_path / "brief.html"
    source.write_text(brief_page(seed_kg.backend, territory="Wisconsin", links=False), "utf-8")
    requested: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.goto(source.as_uri())
            page.emulate_media(media="print")
            # Every section is laid out on paper, with its content.
            for section in ("actors", "agreements", "events", "brokers", "introductions", "sources"):
                assert page.locator(f"#{section}").is_visible(), section
            assert page.locator("#actors tbody tr").count() >= 3
            pdf = page.pdf(format="A4")
        finally:
            browser.close()
    assert requested == [source.as_uri()]  # the page asked for nothing else
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages >= 1
    assert len(pdf) > 20_000  # text and fonts, not an empty page
