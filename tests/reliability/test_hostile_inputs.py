"""Hostile and careless inputs that used to get through (issue 22).

Each test runs the case that went wrong: ill-typed values stored by RDF and YAML, files
read without bound (devices, links, a 512 MiB XLSX cell, a document text naming any
file), terminal markup in user text, spreadsheet details (duplicate columns, formulas
in the rejects report), surrogates, deep nesting, spaces in file names and unbounded
path searches. Where a store is involved, the real CLI runs on a copy of the seed store
and every quad is compared before and after. docs/reliability.md lists the promises.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reliability_helpers import ecokg, store_quads

from ecokg import KnowledgeGraph
from ecokg.errors import InputError, QueryError
from ecokg.loaders import load_file
from ecokg.loaders.base import LoadContext, read_limited
from ecokg.loaders.curated import load_curated
from ecokg.loaders.yamlsafe import MAX_DEPTH, read_yaml

MB = 2**20
MAPPING = 'ecokg_mapping: 1\nentities:\n  member: {id: "m-{code}", type: Company, label: "{name}"}\n'
TTL_HEAD = (
    "@prefix ek: <https://w3id.org/ecokg/ontology#> .\n"
    "@prefix ekr: <https://w3id.org/ecokg/id/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)
#: Markup rich would parse: a closing tag with nothing to close (crashed the error
#: printer), a style-like tag (vanished), a live hyperlink, a style.
MARKUP = ("[/]", "[n/a]", "[link=http://x]y[/link]", "[bold]")
#: The terminal escape that opens a hyperlink (OSC 8).
HYPERLINK = "\x1b]8;"
COLOURS = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"}


@pytest.fixture(scope="module")
def store(seed_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seed store the refused builds of this module run against."""
    target = tmp_path_factory.mktemp("hostile-inputs") / "store"
    shutil.copytree(seed_store, target, ignore=shutil.ignore_patterns("*.lock"))
    return target


@pytest.fixture(scope="module")
def before(store: Path) -> set[tuple[object, ...]]:
    return store_quads(store)


def _limit_memory() -> None:
    # A regression here reads /dev/zero: let it fail with MemoryError, not fill the machine.
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def _refused(store: Path, before: set[tuple[object, ...]], *sources: str | Path, code: int = 2,
             words: tuple[str, ...] = ()) -> str:
    """Build ``sources`` into ``store`` with the real CLI (at most 3 GiB of address space):
    refused with ``code``, every word in the message, no traceback, and every quad of the
    store as it was."""
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", "build", "--append", "--store", str(store), *map(str, sources)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
        preexec_fn=_limit_memory,
    )
    output = done.stdout + done.stderr
    assert done.returncode == code, output
    assert "Traceback" not in output, output
    for word in words:
        assert word in output, (word, output)
    assert store_quads(store) == before
    return output


def _curated(folder: Path, name: str = "acme.yaml", *, text: str | None = None, quote: str = "Acme is a company.",
             extra: str = "") -> Path:
    document_text = f"  text: {text}\n" if text is not None else ""
    path = folder / name
    path.write_text(
        "ecokg: 1\ndocument:\n  id: acme-doc\n  title: Acme\n  date: 2024-10\n" + document_text
        + f'quotes:\n  q: "{quote}"\nentities:\n  - id: acme\n    type: Company\n    label: Acme\n    quote: q\n'
        + extra,
        encoding="utf-8",
    )
    return path


# --- 7. invalid typed values -------------------------------------------------------------


def test_ill_typed_rdf_values_are_refused_and_the_store_is_unchanged(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]]
) -> None:
    """``"2024-02-30"^^xsd:date`` and NaN/INF amounts were stored, and every sum over
    amounts then came out empty; the compiled shapes now refuse them as pySHACL does."""
    source = tmp_path / "rounds.ttl"
    source.write_text(TTL_HEAD + (
        'ekr:r1 a ek:FundingRound ; rdfs:label "Round one"@en ; ek:date "2024-02-30"^^xsd:date ; ek:amount 10 .\n'
        'ekr:r2 a ek:FundingRound ; rdfs:label "Round two"@en ; ek:date "2024-02-03"^^xsd:date ; ek:amount "NaN"^^xsd:decimal .\n'
        'ekr:r3 a ek:FundingRound ; rdfs:label "Round three"@en ; ek:date "2024-02-04"^^xsd:date ; ek:amount "INF"^^xsd:double .\n'
    ), encoding="utf-8")
    output = _refused(store, before, source, code=3, words=("does not conform",))
    assert "Round one" in output and "2024-02-30" in output and "must be an xsd:date" in output
    assert "Round two" in output and '"NaN"' in output and "ek:amount must be a number" in output
    assert "Round three" in output and '"INF"' in output


def test_well_typed_amounts_load_and_sum(tmp_path: Path) -> None:
    source = tmp_path / "rounds.ttl"
    source.write_text(TTL_HEAD + (
        'ekr:r1 a ek:FundingRound ; rdfs:label "Round one"@en ; ek:date "2024-02-29"^^xsd:date ; ek:amount 10 .\n'
        'ekr:r2 a ek:FundingRound ; rdfs:label "Round two"@en ; ek:date "2024-02"^^xsd:gYearMonth ; ek:amount 2.5 .\n'
    ), encoding="utf-8")
    with KnowledgeGraph.open(memory=True) as kg:
        kg.build([source])
        assert [float(str(total)) for (total,) in kg.select("SELECT (SUM(?a) AS ?t) WHERE { ?r ek:amount ?a }")] == [12.5]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "NaN", "Infinity", "-Infinity"])
def test_yaml_nan_and_infinities_are_refused_with_the_line(tmp_path: Path, value: str) -> None:
    source = _curated(tmp_path, extra=f"  - id: round\n    type: FundingRound\n    label: A round\n"
                                      f"    date: 2024-10-01\n    quote: q\n    amount: {value}\n")
    with pytest.raises(InputError) as caught:
        load_curated(source)
    assert f"acme.yaml:{source.read_text().count(chr(10))}" in str(caught.value)
    assert value in str(caught.value)


def test_yaml_nan_is_refused_by_the_cli(tmp_path: Path, store: Path, before: set[tuple[object, ...]]) -> None:
    source = _curated(tmp_path, extra="  - id: round\n    type: FundingRound\n    label: A round\n"
                                      "    date: 2024-10-01\n    quote: q\n    amount: .nan\n")
    _refused(store, before, source, words=("acme.yaml:18:13", "'.nan' is not a number", "NaN and infinities are refused"))


def test_mapping_yaml_nan_is_refused_with_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"m.yaml:2:.*'-\.inf' is not a number"):
        read_yaml(tmp_path / "m.yaml", text="ecokg_mapping: 1\ndelimiter: -.inf\n")


# --- 8. reading without bound ------------------------------------------------------------


@pytest.mark.parametrize("name", ["zero.yaml", "zero.csv", "zero.rdf", "zero.ttl", "zero.xlsx"])
def test_a_link_to_a_device_is_refused_not_read(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]], name: str
) -> None:
    """A symlink named like data but pointing at ``/dev/zero`` has size 0: it passed the
    size check and was read forever."""
    (tmp_path / name).symlink_to("/dev/zero")
    (tmp_path / (name + ".mapping.yaml")).write_text(MAPPING, encoding="utf-8")
    _refused(store, before, tmp_path / name, words=(name, "not a regular file"))


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_file(fifo)


def test_reading_is_bounded_by_what_is_read_not_by_the_directory() -> None:
    """Files of ``/proc`` say they hold 0 bytes; at most limit + 1 bytes are read."""
    status = Path("/proc/self/status")  # ecokg runs on Linux (the store's flock, the tests' rlimits)
    assert status.is_file() and status.stat().st_size == 0
    with pytest.raises(InputError, match=r"file holds more than the 9\.54e-05 MiB a test may be"):
        read_limited(status, 100, "a test", "nothing")
    assert read_limited(status, 1 << 20, "a test", "nothing").startswith(b"Name:")


SECRET = "The launch code is 0000."


@pytest.mark.parametrize(
    "text", ["/etc/hostname", "SECRET_ABSOLUTE", "../secret.txt", "sub/../../secret.txt", "escape.txt",
             "sub/escape.txt"],
)
def test_document_text_must_stay_beside_the_yaml_file(tmp_path: Path, text: str) -> None:
    """``document.text`` named any readable file, and the quote check told whether a
    sentence appears in it: the build was an oracle for any local file's content."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "sources"
    (folder / "sub").mkdir(parents=True)
    (folder / "escape.txt").symlink_to(tmp_path / "secret.txt")
    (folder / "sub" / "escape.txt").symlink_to("../../secret.txt")
    text = text.replace("SECRET_ABSOLUTE", str(tmp_path / "secret.txt"))
    source = _curated(folder, text=text, quote=SECRET)
    with pytest.raises(InputError) as caught:
        load_curated(source)
    message = str(caught.value)
    assert "acme.yaml:6" in message, message
    assert "must be a file beside this one" in message or "a link leading outside the YAML file's folder" in message
    assert "verbatim" not in message  # nothing was read, so nothing is told about the file


def test_document_text_beside_or_below_is_read_and_checked(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "article.txt").write_text("Acme is a company. It makes things.", encoding="utf-8")
    assert load_curated(_curated(tmp_path, text="texts/article.txt"))
    with pytest.raises(InputError, match="does not appear verbatim"):
        load_curated(_curated(tmp_path, text="texts/article.txt", quote="Acme is a bank."))


def test_document_text_on_a_pipe_is_refused_by_the_cli(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]]
) -> None:
    os.mkfifo(tmp_path / "article.txt")  # reading it would wait for a writer, forever
    _refused(store, before, _curated(tmp_path, text="article.txt"),
             words=("acme.yaml:6", "document text 'article.txt'", "not a regular file"))


def huge_cell_xlsx(path: Path, cell_mib: int) -> None:
    """An XLSX (header ``code,name``; one row) whose name cell holds ``cell_mib`` MiB
    (``Acme`` for 0): it compresses to about 1 KB per MiB."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["code", "name"])
    book.active.append(["a1", "PLACEHOLDER"])
    template = io.BytesIO()
    book.save(template)
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            data = src.read(info)
            if b"PLACEHOLDER" not in data:
                out.writestr(info.filename, data)
                continue
            head, tail = data.split(b"PLACEHOLDER")
            with out.open(info.filename, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(cell_mib):
                    part.write(b"x" * MB)
                part.write(tail if cell_mib else b"Acme" + tail)
    (path.parent / (path.name + ".mapping.yaml")).write_text(MAPPING, encoding="utf-8")


#: Runs the CLI, then prints this process's peak resident memory (KiB on Linux).
PEAK = (
    "import atexit, resource, runpy, sys\n"
    "atexit.register(lambda: print('PEAK-KIB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
    "sys.argv = ['ecokg', *sys.argv[1:]]\n"
    "runpy.run_module('ecokg', run_name='__main__')\n"
)


def _peak_build(store: Path, source: Path) -> tuple[int, str, float]:
    done = subprocess.run(
        [sys.executable, "-c", PEAK, "build", "--append", "--store", str(store), str(source)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "300"},
    )
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK-KIB"))
    return done.returncode, done.stdout + done.stderr, peak / 1024


def test_a_huge_xlsx_cell_is_refused_before_openpyxl_reads_it(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]]
) -> None:
    """A 64 KB workbook whose one cell is 64 MiB loaded (700 MiB peak; 512 MiB took 5.2 GB)."""
    tiny = tmp_path / "tiny.xlsx"
    huge_cell_xlsx(tiny, 0)
    (tmp_path / "tiny.xlsx.mapping.yaml").write_text(MAPPING.replace("{name}", "{nope}"), encoding="utf-8")
    code, output, baseline = _peak_build(store, tiny)  # refused too: a missing column
    assert code == 2 and "'nope'" in output, output
    source = tmp_path / "cell.xlsx"
    huge_cell_xlsx(source, 64)
    assert source.stat().st_size < 200_000
    code, output, peak = _peak_build(store, source)
    assert code == 2, output
    assert "cell.xlsx: xl/worksheets/sheet1.xml holds a cell or value of more than 1 MiB" in output
    assert "Traceback" not in output
    assert peak < baseline + 40, (peak, baseline)
    assert store_quads(store) == before


def test_an_xlsx_unpacking_past_the_input_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "sheet.xlsx"
    huge_cell_xlsx(source, 6)
    monkeypatch.setenv("ECOKG_MAX_INPUT_MB", "4")
    with pytest.raises(InputError, match=r"sheet.xlsx: the workbook unpacks to 6(\.\d+)? MiB, more than the 4 MiB"):
        load_file(source)


def test_an_xlsx_under_the_bounds_still_loads(tmp_path: Path) -> None:
    source = tmp_path / "small.xlsx"
    huge_cell_xlsx(source, 0)
    staged = load_file(source, LoadContext())
    assert staged and not staged[0].rejects


# --- 11. terminal markup in user text ----------------------------------------------------


def test_markup_in_labels_file_names_and_errors_is_shown_as_text(tmp_path: Path) -> None:
    """``[/]`` in an error crashed the error printer, ``[n/a]`` vanished from tables and
    ``[link=...]`` became a live link; with colours forced, all show as typed."""
    labels = " ".join(MARKUP)
    source = tmp_path / "[bold]acme[red].yaml"
    _curated(tmp_path, name=source.name, extra=f'  - id: odd\n    type: Company\n    label: "Odd {labels}"\n    quote: q\n')
    store = tmp_path / "store"
    done = ecokg("build", "--store", str(store), str(source), env=COLOURS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert HYPERLINK not in done.stdout + done.stderr

    table = ecokg("query", "--store", str(store), "--expr",
                  "SELECT ?label WHERE { ekr:odd rdfs:label ?label }", env=COLOURS)
    assert table.returncode == 0, table.stderr
    assert f"Odd {labels}" in table.stdout
    assert HYPERLINK not in table.stdout + table.stderr

    for name in ("[/]", "[n/a]", "[link=http://x]y[/link]"):
        error = ecokg("path", "--store", str(store), name, "acme", env=COLOURS)
        assert error.returncode == 5, error.stdout + error.stderr
        assert f"no entity named '{name}'" in error.stderr
        assert "Traceback" not in error.stderr and HYPERLINK not in error.stderr

    bad = tmp_path / "[link=mailto:a]bad[bold].yaml"
    _curated(tmp_path, name=bad.name, extra="    based_in: '[link=http://x]y[/link] [n/a]'\n")
    error = ecokg("build", "--append", "--store", str(store), str(bad), env=COLOURS)
    assert error.returncode == 2 and "Traceback" not in error.stderr, error.stderr
    assert "[link=mailto:a]bad[bold].yaml:" in error.stderr
    assert "unknown entity '[link=http://x]y[/link] [n/a]'" in error.stderr
    assert HYPERLINK not in error.stderr


def test_rejected_rows_quoting_markup_are_printed_as_text(tmp_path: Path) -> None:
    data = tmp_path / "members.csv"
    data.write_text("code,name,founded\na1,Acme,2020-01-01\na2,Beta,[link=http://x]y[/link][n/a]\n", encoding="utf-8")
    (tmp_path / "members.csv.mapping.yaml").write_text(MAPPING + "checks: {founded: date}\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", "build", "--memory", "--keep-going", str(data)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, env={**os.environ, **COLOURS, "COLUMNS": "1000"},
    )
    assert done.returncode == 0, done.stderr
    assert "'[link=http://x]y[/link][n/a]'" in done.stdout
    assert HYPERLINK not in done.stdout + done.stderr


def test_tables_and_progress_descriptions_are_never_markup() -> None:
    from rich.console import Console

    from ecokg.progress import progress_bar
    from ecokg.render import print_rows

    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=200)
    print_rows([(MARKUP[0], MARKUP[1]), (MARKUP[2], MARKUP[3])], ["[bold]a", "[/]"], title="[link=http://x]t[/link]",
               console=console)
    with progress_bar(console) as bar:
        bar.start_source(Path("[link=mailto:a]y[bold].csv"))
        bar.update(1, 2)
        bar._progress.refresh()  # type: ignore[union-attr]
    shown = out.getvalue()
    for text in (*MARKUP, "[bold]a", "[link=http://x]t[/link]", "[link=mailto:a]y[bold].csv"):
        assert text in shown, text
    assert HYPERLINK not in shown


# --- 12. spreadsheet details -------------------------------------------------------------


def test_duplicate_header_names_are_refused_naming_both_columns(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]]
) -> None:
    """The last of two columns named alike silently won."""
    data = tmp_path / "members.csv"
    data.write_text("code,name,city,name\na1,Acme,Dijon,Acme Corp\n", encoding="utf-8")
    (tmp_path / "members.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    _refused(store, before, data, words=(
        "members.csv, row 1:", "columns B (column 2) and D (column 4) are both named 'name'",
        "members.csv.mapping.yaml (line 3)", "rename one"))


def test_a_duplicate_column_the_mapping_does_not_read_is_left_alone(tmp_path: Path) -> None:
    data = tmp_path / "members.csv"
    data.write_text("code,name,notes,notes\na1,Acme,x,y\n", encoding="utf-8")
    (tmp_path / "members.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    assert load_file(data, LoadContext())


@pytest.mark.parametrize("name", ['=HYPERLINK("http:x","y").csv', "+1+2.csv", "-2+3.csv", "@SUM(1).csv"])
def test_the_rejects_report_never_holds_a_live_formula(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    data = tmp_path / name
    data.write_text("code,name\na1,Acme\n,=cmd|' /C calc'!A0\n", encoding="utf-8")
    (tmp_path / (name + ".mapping.yaml")).write_text(MAPPING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    staged = load_file(data, LoadContext(keep_going=True))
    report = next(tmp_path.glob("*.rejects.csv"))
    assert "reject report written" in str(staged[0].rejects[-1])
    rows = list(csv.reader(report.read_text(encoding="utf-8").splitlines()))
    assert rows[1][0] == "'" + name  # the file name, neutralised
    for cell in (cell for row in rows for cell in row):
        assert not cell.startswith(("=", "+", "-", "@")), cell


# --- weak spots --------------------------------------------------------------------------


def test_a_lone_surrogate_in_yaml_is_refused_with_the_line(tmp_path: Path, store: Path, before: set[tuple[object, ...]]) -> None:
    source = _curated(tmp_path, extra='  - id: odd\n    type: Company\n    label: "Odd \\udcff"\n    quote: q\n')
    _refused(store, before, source, words=("acme.yaml:15:12", "\\udcff", "surrogate"))
    with pytest.raises(InputError, match=r"m.yaml:1:1: .*\\udc80"):
        read_yaml(tmp_path / "m.yaml", text='"\\udc80key": 1\n')


@pytest.mark.parametrize("name", [b"bad\xff.ttl", b"bad\xff.yaml", b"bad\xff.csv"])
def test_a_file_name_that_is_not_utf8_is_refused(
    tmp_path: Path, store: Path, before: set[tuple[object, ...]], name: bytes
) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(b"code,name\na1,Acme\n" if name.endswith(b".csv") else (TTL_HEAD + "ekr:a ekr:b ekr:c .\n").encode())
    with open(os.path.join(folder, name + b".mapping.yaml"), "wb") as handle:
        handle.write(MAPPING.encode())
    done = subprocess.run(
        [sys.executable, "-m", "ecokg", "build", "--append", "--store", os.fsencode(store), os.path.join(folder, name)],
        capture_output=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )
    output = (done.stdout + done.stderr).decode("utf-8", "replace")
    assert done.returncode == 2, output
    assert "Traceback" not in output and "is not valid UTF-8 text; rename the file" in output, output
    assert store_quads(store) == before


def test_utf16_text_with_a_lone_surrogate_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "members.csv"
    data.write_bytes("code,name\na1,Acme\n".encode("utf-16") + b"\x00\xd8")
    (tmp_path / "members.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    with pytest.raises(InputError, match=r"members\.csv, row 3: not valid UTF-16 text"):
        load_file(data, LoadContext())


@pytest.mark.parametrize(
    "text",
    ["x: " + "[" * 10_000 + "]" * 10_000, "x: " + "{a: " * 10_000 + "1" + "}" * 10_000, "- " * 10_000 + "x"],
    ids=["flow-lists", "flow-mappings", "block-lists"],
)
def test_deeply_nested_yaml_is_refused_with_the_line(text: str) -> None:
    """10,000 nested lists ended in a RecursionError traceback."""
    with pytest.raises(InputError, match=f"deep.yaml:1:\\d+: .*nested more than {MAX_DEPTH} levels deep"):
        read_yaml(Path("deep.yaml"), text=text + "\n")


def test_deeply_nested_yaml_is_refused_by_the_cli(tmp_path: Path, store: Path, before: set[tuple[object, ...]]) -> None:
    source = tmp_path / "deep.yaml"
    source.write_text("ecokg: 1\nentities: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    _refused(store, before, source, words=("deep.yaml:2:", "nested more than 100 levels deep"))


def test_file_names_with_spaces_load_under_a_safe_document_id(tmp_path: Path) -> None:
    """``Members 2024.csv`` is the docs' own example, but an RDF file with a space was
    refused (its base IRI held the space)."""
    ttl = tmp_path / "Partners 2024.ttl"
    ttl.write_text(TTL_HEAD + 'ekr:p1 a ek:Company ; rdfs:label "P1"@en ; rdfs:seeAlso <#here> .\n', encoding="utf-8")
    csv_file = tmp_path / "Members 2024.csv"
    csv_file.write_text("code,name\na1,Acme\n", encoding="utf-8")
    (tmp_path / "Members 2024.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    with KnowledgeGraph.open(memory=True) as kg:
        kg.build([ttl, csv_file])
        graphs = {str(g) for (g,) in kg.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
        assert {"https://w3id.org/ecokg/graph/partners-2024", "https://w3id.org/ecokg/graph/members-2024"} <= graphs
        files = {str(f) for (f,) in kg.select("SELECT ?f WHERE { ?g ek:sourceFile ?f }")}
        assert {"Partners 2024.ttl", "Members 2024.csv"} <= files
        assert [str(o) for (o,) in kg.select("SELECT ?o WHERE { ekr:p1 rdfs:seeAlso ?o }")] == [
            "file:///Partners%202024.ttl#here"]


def test_path_count_is_bounded(tmp_path: Path) -> None:
    """``ecokg path -k 100000`` ran for minutes: at most 50 paths, said at once."""
    import networkx as nx

    from ecokg.network.paths import MAX_PATHS, k_shortest_paths

    done = ecokg("path", "--memory", "gilson", "wedc", "-k", "100000", timeout=60)
    assert done.returncode == 5, done.stdout + done.stderr
    assert f"the number of paths must be between 1 and {MAX_PATHS} (got 100000)" in done.stderr
    assert "Traceback" not in done.stderr
    G = nx.relabel_nodes(nx.complete_graph(8), str)
    for k in (0, -3, MAX_PATHS + 1):
        with pytest.raises(QueryError, match=f"between 1 and 50 \\(got {k}\\)"):
            k_shortest_paths(G, "0", "1", k)
    assert len(k_shortest_paths(G, "0", "1", MAX_PATHS)) == MAX_PATHS


@pytest.mark.parametrize(
    "args",
    [("analyze", "--top", "0"), ("analyze", "-n", "-1"), ("brokers", "--top", "0"), ("suggest", "--top", "-5"),
     ("brokers", "--paths", "-1"), ("analyze", "--sample", "0")],
)
def test_counts_below_one_are_refused(args: tuple[str, ...]) -> None:
    done = ecokg(*args, "--memory", timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Invalid value for" in done.stderr and "greater than or equal to" in done.stderr
    assert "Traceback" not in done.stderr

