"""Fuzzing (Hypothesis): the YAML reader, the curated loader, the mapping loader and the
query parameter binder raise nothing but ecokg's own errors, and a failed load leaves
the store exactly as it was.

Deterministic (``fuzz()`` in reliability_helpers.py: derandomized, no database).
Inputs come three ways: arbitrary text, documents shaped like the real formats (keys
from the ontology's vocabulary, values of every YAML type), and mutations of the
shipped files (lines dropped, duplicated, swapped, truncated, characters changed).
Inputs that once broke something are kept as ``@example``s.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from reliability_helpers import fuzz, quads

from ecokg import KnowledgeGraph
from ecokg.errors import EcokgError
from ecokg.loaders import LoadContext, seed_sources
from ecokg.loaders.curated import load_curated
from ecokg.loaders.spreadsheet import load_spreadsheet, read_mapping, shipped_mappings
from ecokg.loaders.yamlsafe import read_yaml
from ecokg.ontology import vocabulary
from ecokg.queries.binding import bind_value
from ecokg.queries.catalog import bind_parameters, catalog

VOCAB = vocabulary()
SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in seed_sources()}
MAPPING_TEXTS = {name: p.read_text(encoding="utf-8") for name, p in shipped_mappings().items()}


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    # Hypothesis runs many examples in one test call: one folder for all of them.
    with tempfile.TemporaryDirectory(prefix="ecokg-fuzz-") as folder:
        yield Path(folder)


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def _only_ecokg_errors(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run ``call``; an ``EcokgError`` is a fine answer to bad input, anything else fails."""
    try:
        return call(*args, **kwargs)
    except EcokgError as exc:
        assert str(exc).strip(), "an error without a message"
        return exc


# --- strategies -------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(), st.sampled_from(["2024-02-31", "2024-13", "yes", "~", "1e999", "0x1F"]),
)
KEYS = sorted({"ecokg", "document", "quotes", "entities", "id", "type", "label", "aliases", "quote",
               "confidence", "value", "posts", "organization", "role", "text", "language", "title",
               "publisher", "date", *VOCAB.properties})
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=12))
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=20,
)
ids = st.sampled_from(["acme", "gilson", "bioforward", "region-bfc", "x", "Bad Id", ""])
classes = st.one_of(st.sampled_from(sorted(VOCAB.classes)), st.text(max_size=10))


@st.composite
def curated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A curated file: the real shape, with any part possibly wrong."""
    entity = st.fixed_dictionaries(
        {"id": st.one_of(ids, values), "type": st.one_of(classes, values), "label": values},
        optional={
            "quote": st.one_of(st.sampled_from(["q1", "nope"]), values),
            **{k: st.one_of(ids, values, st.lists(ids, max_size=3)) for k in draw(
                st.lists(st.sampled_from(sorted(set(VOCAB.properties) - {"label"})), max_size=3, unique=True))},
        },
    )
    document = st.fixed_dictionaries(
        {"id": st.one_of(st.just("fuzz-doc"), values)},
        optional={"type": st.one_of(st.just("PressRelease"), values), "title": values,
                  "date": st.one_of(st.just("2024-10"), values), "language": st.one_of(st.just("fr"), values),
                  "publisher": st.one_of(ids, values), "text": values},
    )
    return draw(st.fixed_dictionaries(
        {"ecokg": st.one_of(st.just(1), values), "document": st.one_of(document, values)},
        optional={"quotes": st.one_of(st.just({"q1": "A quote."}), values),
                  "entities": st.one_of(st.lists(entity, max_size=4), values),
                  "extra": values},
    ))


@st.composite
def mutated(draw: st.DrawFn, texts: dict[str, str]) -> str:
    """A real file with a few edits: lines dropped, duplicated, swapped, cut, characters changed."""
    lines = texts[draw(st.sampled_from(sorted(texts)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "dup", "swap", "cut", "char", "indent", "tab"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "cut":
            lines = [*lines[:i], lines[i][:draw(st.integers(0, len(lines[i])))]]
        elif op == "char":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.sampled_from(list(":-[]{}&*!|>'\"%@`#,? \t\x00é\ufeff"))) + lines[i][k:]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i].replace("  ", "\t", 1)
    return "".join(lines)


def _dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


# --- the YAML reader ---------------------------------------------------------------


@fuzz(150)
@given(text=st.text())
@example(text="a: &x 1\nb: *x\n")
@example(text="? [a, b]\n: c\n")
@example(text="a: !!python/object:os.system x\n")
@example(text="a: 2024-02-31\n")
@example(text="--- 1\n--- 2\n")
@example(text="\ud800")  # a lone surrogate: not encodable text
def test_read_yaml_raises_only_input_errors(text: str) -> None:
    _only_ecokg_errors(read_yaml, Path("fuzz.yaml"), text=text)


@fuzz(60)
@given(data=st.binary(max_size=300))
@example(data=b"\xff\xfe\x00a")
@example(data=b"a: \xe9t\xe9\n")
def test_read_yaml_file_bytes(scratch: Path, data: bytes) -> None:
    _only_ecokg_errors(read_yaml, _write(scratch, "bytes.yaml", data))


# --- the curated loader -----------------------------------------------------------


@fuzz(80)
@given(document=curated_documents())
@example(document={"ecokg": 1, "document": {"id": "fuzz-doc"}, "entities": [{"id": None, "type": "Person", "label": "x"}]})
@example(document={"ecokg": 1, "document": {"id": ["a"]}, "entities": []})
@example(document={"ecokg": 1, "document": {"id": "fuzz-doc", "date": dt.date(2024, 1, 1)}, "entities": []})
def test_curated_loader_on_shaped_documents(scratch: Path, document: dict[str, Any]) -> None:
    _only_ecokg_errors(load_curated, _write(scratch, "fuzz-doc.yaml", _dump(document)), LoadContext())


@fuzz(80)
@given(text=mutated(SEED_TEXTS))
def test_curated_loader_on_mutated_seed(scratch: Path, text: str) -> None:
    # The seed's text file is referenced from the YAML (document.text): keep it beside.
    for source in seed_sources():
        if not source.with_suffix(".txt").exists():
            continue
        target = scratch / source.with_suffix(".txt").name
        if not target.exists():
            target.write_bytes(source.with_suffix(".txt").read_bytes())
    _only_ecokg_errors(load_curated, _write(scratch, "bfc-wisconsin-2024.yaml", text), LoadContext())


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeGraph]:
    kg = KnowledgeGraph.open(tmp_path_factory.mktemp("fuzz-store") / "store")
    kg.build()
    yield kg
    kg.close()


@fuzz(25)
@given(text=st.one_of(mutated(SEED_TEXTS), curated_documents().map(_dump)))
@example(text="ecokg: 1\ndocument: {id: gazetteer}\nentities: []\n")  # same document id as the seed
def test_failed_load_leaves_the_store_exactly_as_it_was(
    scratch: Path, loaded_store: KnowledgeGraph, text: str
) -> None:
    path = _write(scratch, "fuzz-load.yaml", text)
    before = quads(loaded_store)
    try:
        loaded_store.load([path])
    except EcokgError:
        assert quads(loaded_store) == before
        return
    # A load that succeeded added its document graph; take it away for the next example.
    loaded_store.build()


# --- the mapping loader -----------------------------------------------------------

CSV = "permalink,name,category_code,status,founded_at\n/company/acme,Acme,biotech,operating,2001-02-03\n"


@st.composite
def mapping_documents(draw: st.DrawFn) -> dict[str, Any]:
    spec_keys = st.sampled_from(["id", "type", "label", "properties", "mode", "column", "values",
                                 "template", "kind", "format", "relations", "lookup"])
    templates = st.sampled_from(["{name}", "cb-{permalink|removeprefix:/company/}", "{nope}", "{", "}",
                                 "{name|upper}", "{name|removeprefix}", "{|}", "x"])
    spec = st.dictionaries(spec_keys, st.one_of(templates, classes, values), max_size=5)
    return draw(st.fixed_dictionaries(
        {"ecokg_mapping": st.one_of(st.just(1), values),
         "entities": st.one_of(st.dictionaries(st.sampled_from(["company", "round", "x"]), st.one_of(spec, values), max_size=3), values)},
        optional={"document": st.one_of(st.just({"type": "Dataset", "language": "en"}), values),
                  "checks": st.one_of(st.dictionaries(st.sampled_from(["name", "founded_at", "nope"]), st.one_of(st.sampled_from(["date", "decimal", "x"]), values)), values),
                  "delimiter": st.one_of(st.just(","), values), "sheet": values, "files": values,
                  "mapping": values},
    ))


@fuzz(80)
@given(text=st.one_of(mapping_documents().map(_dump), mutated(MAPPING_TEXTS)))
@example(text="mapping: fuzz.mapping.yaml\n")  # a mapping naming itself
@example(text="ecokg_mapping: 1\nentities: {company: {id: '{name}', type: Company, label: '{name}', properties: {founded: {column: founded_at, format: '%'}}}}\n")
def test_mapping_loader_raises_only_input_errors(scratch: Path, text: str) -> None:
    mapping = _write(scratch, "fuzz.mapping.yaml", text)
    _only_ecokg_errors(read_mapping, mapping)
    # And with a spreadsheet, so the templates are bound to a header and rows are converted.
    data = _write(scratch, "fuzz.csv", CSV)
    _only_ecokg_errors(load_spreadsheet, data, LoadContext(mapping=mapping))


# --- the query parameter binder -----------------------------------------------------

QUERIES = catalog()
odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["ekr:", "ekr:nicolas-paris", "ek:Person", "http://", "https://x y", "urn:", "<>",
                     "\x00", "nicolas paris", "Nicolas PARIS", "2024-02-30", "1e309", "-0", "NaN",
                     "' } ; DROP ALL ; {", "\"\"\" }", "?x", "$x", "ekr:a>b", "x" * 5000]),
)


@fuzz(150)
@given(query=st.sampled_from(QUERIES), data=st.data())
def test_bind_value_raises_only_query_errors(seed_kg: KnowledgeGraph, query: Any, data: st.DataObject) -> None:
    if not query.parameters:
        return
    parameter = data.draw(st.sampled_from(query.parameters))
    raw = data.draw(st.one_of(odd_text, st.integers(), st.none(), st.lists(st.text(max_size=3), max_size=2)))
    _only_ecokg_errors(bind_value, seed_kg.backend, parameter, raw)


@fuzz(60)
@given(query=st.sampled_from(QUERIES), data=st.data())
def test_named_queries_with_fuzzed_parameters_only_raise_ecokg_errors(
    scratch: Path, loaded_store: KnowledgeGraph, query: Any, data: st.DataObject
) -> None:
    names = [p.name for p in query.parameters] + ["nope", "lang"]
    values = data.draw(st.dictionaries(st.sampled_from(names), odd_text, max_size=3))
    before = loaded_store.count()
    _only_ecokg_errors(bind_parameters, loaded_store.backend, query, values)
    _only_ecokg_errors(lambda: loaded_store.query(query.name, timeout=10, **values).to_records())
    assert loaded_store.count() == before
