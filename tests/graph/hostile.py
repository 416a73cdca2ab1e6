"""A hostile document shared by the map tests: script-bearing labels, quotes and titles."""

from __future__ import annotations

from pathlib import Path

from ecokg import KnowledgeGraph

EVIL = "<img src=x onerror=alert(1)>"
EVIL_YAML = """\
ecokg: 1
document:
  id: evil-doc
  type: PressRelease
  title: "Test <b>document</b> & co"
  publisher: evil-co
  date: 2024-10
  language: en
quotes:
  q1: "The company <img src=x onerror=alert(1)> works with </script><script>alert(2)</script> Gilson \u2028 & friends."
entities:
  - id: evil-co
    type: Company
    label: "<img src=x onerror=alert(1)>"
    description: "<script>alert(3)</script>"
    quote: q1
  - id: evil-person
    type: Person
    label: "Eve <script>alert(4)</script>"
    quote: q1
    posts:
      - organization: evil-co
        role: president
        title: "President of <img src=x>"
"""


def evil_kg(tmp_path: Path) -> KnowledgeGraph:
    """The seed plus a source whose names, properties and quote are HTML."""
    source = tmp_path / "evil.yaml"
    source.write_text(EVIL_YAML, encoding="utf-8")
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    kg.load([source])
    return kg
