"""A hostile press article: `ecokg extract` turns any text into candidates YAML that
reads back as plain data (no tags, anchors or injected keys), keeps the sentences
verbatim, and raises nothing but ecokg errors. The candidates then load like any
curated file, and their hostile strings reach the graph as text.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reliability_helpers import fuzz

from ecokg import KnowledgeGraph
from ecokg.errors import EcokgError
from ecokg.loaders.articles import extract_file
from ecokg.loaders.yamlsafe import read_yaml

HOSTILE = """\
Une délégation menée par Jean O'Neil, Président de l'entreprise Acme <script>window.__xss=1</script> Bio, s'est rendue à Madison.
---
- id: evil
  type: Person
&a [*a, *a]
!!python/object/apply:os.system ["echo pwned"]
Marie Dupont, Directrice Générale de l'Agence {{7*7}} ${jndi:ldap://127.0.0.1:9/x}, a signé un accord avec "BioForward": ok.
"""


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="ecokg-article-") as folder:
        yield Path(folder)


def test_hostile_article_gives_plain_yaml_with_verbatim_quotes(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    output = tmp_path / "hostile.yaml"
    extract_file(article, output, "fr")
    tree = read_yaml(output).plain()  # refuses tags, anchors, aliases and duplicate keys
    assert set(tree) <= {"ecokg", "document", "quotes", "entities"}
    quotes = list(tree.get("quotes", {}).values())
    assert any("<script>window.__xss=1</script>" in q for q in quotes)
    assert any("${jndi:ldap://127.0.0.1:9/x}" in q for q in quotes)
    ids = [e["id"] for e in tree.get("entities", [])]
    assert "evil" not in ids  # a line of the article never becomes YAML structure


def test_candidates_load_and_hostile_strings_stay_text(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    output = tmp_path / "hostile.yaml"
    extract_file(article, output, "fr")
    kg = KnowledgeGraph.open(memory=True)
    kg.build()
    kg.load([output])
    texts = [str(t) for (t,) in kg.select("SELECT ?t WHERE { ?x ek:text ?t }")]
    assert any("<script>window.__xss=1</script>" in t for t in texts)


@fuzz(25)
@given(text=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_extract_any_text_only_ecokg_errors_and_yaml_reads_back(scratch: Path, text: str) -> None:
    article = scratch / "article.txt"
    article.write_text(text, encoding="utf-8")
    output = scratch / "article.yaml"
    output.unlink(missing_ok=True)
    try:
        extract_file(article, output, "fr")
    except EcokgError:
        return
    read_yaml(output)
