"""Reading a spreadsheet's rows: CSV and TSV in their text encoding, XLSX sheets.

Rows stream (the csv module over a decoded text stream, openpyxl in read-only mode),
numbered as spreadsheet programs do: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecokg.errors import InputError
from ecokg.loaders.base import INPUT_ADVICE, max_input_bytes, mib, read_limited
from ecokg.loaders.spreadsheet.mapping import Mapping

# --- encodings ------------------------------------------------------------------

#: Characters that real Western-European text is made of, beyond ASCII. Decoding the
#: same bytes as cp1252 and as Mac Roman, the right guess yields more of these.
_COMMON = set(
    "éèêëàâäçîïôöùûüÿñœæáíóúãõåøßÉÈÊÀÂÇÎÔÙÛÜÑŒÆÁÍÓÚÖÄ’‘“”–—…™®©€•°«» £§¿¡"
)


def detect_encoding(path: Path) -> tuple[str, int]:
    """The text encoding of ``path`` and its number of lines (any line ending).

    UTF-8 (with or without BOM) when the bytes decode as UTF-8; otherwise cp1252 or
    Mac Roman, whichever decodes the non-ASCII bytes into more common characters.
    """
    raw = read_limited(path, max_input_bytes(), "an input", INPUT_ADVICE)
    lines = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", lines
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                "not valid UTF-16 text (a broken surrogate pair or a cut-off last character)",
                source=path, row=raw[: exc.start].count(b"\n") + 1,
            ) from None
        return "utf-16", text.count("\n") + text.count("\r") - text.count("\r\n")
    try:
        raw.decode("utf-8")
        return "utf-8", lines
    except UnicodeDecodeError:
        pass
    scores: dict[str, int] = {}
    for encoding in ("cp1252", "mac_roman"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue  # cp1252 leaves five bytes undefined
        score = 0
        previous = " "
        for char in text:
            if ord(char) > 127:
                if char in _COMMON and not (char.isupper() and previous.islower()):
                    score += 1
                else:
                    score -= 1
            previous = char
        scores[encoding] = score
    best = max(scores, key=lambda e: scores[e]) if scores else "latin-1"
    return best, lines


# --- reading rows ---------------------------------------------------------------


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int | None
    encoding: str


def _refuse_nul(path: Path) -> None:
    """Refuse a file with NUL bytes: binary, or UTF-16 without a byte-order mark (issue 7).

    Text never holds NUL; letting it through would put NULs in labels.
    """
    line = 1
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            at = block.find(b"\x00")
            if at >= 0:
                raise InputError(
                    "NUL bytes: a binary file, or text in UTF-16 without a byte-order mark "
                    "(save the file as UTF-8 CSV)",
                    source=path,
                    row=line + block[:at].count(b"\n"),
                )
            line += block.count(b"\n")


def open_csv(path: Path, mapping: Mapping, handle: list[Any]) -> Table:
    encoding, lines = detect_encoding(path)
    if not encoding.startswith("utf-16"):
        _refuse_nul(path)
    stream = open(path, encoding=encoding, newline="")  # closed by the caller
    handle.append(stream)
    delimiter = mapping.delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty (expected a header row)", source=path, row=1) from None
    except csv.Error as exc:
        raise InputError(f"cannot read the header: {exc}", source=path, row=1) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid {encoding} text: {exc.reason}", source=path, row=1) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InputError(f"unreadable CSV: {exc}", source=path, row=number + 1) from exc
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} text: {exc.reason}", source=path, row=number + 1) from None
            number += 1
            yield number, row

    return Table([h.strip() for h in header], rows(), max(lines - 1, 0), encoding)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: The longest cell a spreadsheet may hold. Cells are names, amounts and dates; a single
#: cell of 512 MiB in a 512 KB XLSX took 5.2 GB to read (issue 22).
MAX_CELL_BYTES = 2**20
_SCANNED = (".xml", ".rels", ".vml")


def check_workbook(path: Path) -> None:
    """Refuse an XLSX that would unpack to more than the input limit, or holds a huge cell.

    An XLSX is a zip of XML parts: a few hundred KB can unpack to gigabytes. The parts'
    declared sizes are checked first (zipfile never reads past them), then each XML part
    is unpacked as a stream, counting what it really holds, and every run of text
    between two tags (a cell value, a shared string, an attribute) must stay under
    :data:`MAX_CELL_BYTES`; all before openpyxl reads a byte.
    """
    import zipfile

    limit = max_input_bytes()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"not a readable XLSX workbook: {exc}", source=path) from None
    with archive:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > limit:
            raise InputError(
                f"the workbook unpacks to {mib(declared)}, more than the {mib(limit)} an input may be; {INPUT_ADVICE}",
                source=path,
            )
        unpacked = 0
        for info in members:
            if not info.filename.lower().endswith(_SCANNED):
                continue
            try:
                with archive.open(info) as part:
                    unpacked += _scan_part(path, info.filename, part, limit - unpacked)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise InputError(f"not a readable XLSX workbook: {info.filename}: {exc}", source=path) from None


def _scan_part(path: Path, name: str, part: Any, room: int) -> int:
    """The unpacked size of one XML part; refuses a text run over MAX_CELL_BYTES."""
    size = run = 0
    for block in iter(lambda: part.read(1 << 18), b""):
        size += len(block)
        if size > room:
            raise InputError(
                f"{name} unpacks to more than the {mib(max_input_bytes())} an input may be; {INPUT_ADVICE}", source=path
            )
        first = block.find(b"<")
        if first < 0:  # the run of text goes on through the whole block
            run += len(block)
            longest = run
        else:  # the run ends at the first tag; others lie between tags; one starts after the last
            last = block.rfind(b"<")
            inner = max(map(len, block[first + 1 : last].split(b"<"))) if last > first else 0
            longest = max(run + first, inner)
            run = len(block) - last - 1
        if longest > MAX_CELL_BYTES:
            raise InputError(
                f"{name} holds a cell or value of more than {mib(MAX_CELL_BYTES)}: no spreadsheet "
                "data is that long (a text pasted by mistake?)",
                source=path,
            )
    return size


def open_xlsx(path: Path, mapping: Mapping, handle: list[Any]) -> Table:
    import openpyxl

    check_workbook(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(f"not a readable XLSX workbook: {exc}", source=path) from exc
    handle.append(book)
    if mapping.sheet is not None:
        if mapping.sheet not in book.sheetnames:
            raise InputError(f"no sheet {mapping.sheet!r} (sheets: {', '.join(book.sheetnames)})", source=path)
        sheet = book[mapping.sheet]
    else:
        sheet = book.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header = [_cell_text(v).strip() for v in next(iterator)]
    except StopIteration:
        raise InputError("the sheet is empty (expected a header row)", source=path, row=1) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(iterator, start=2):
            cells = [_cell_text(v) for v in values]
            if any(len(cell) > MAX_CELL_BYTES for cell in cells):
                # Rich text runs, each short, can add up to a long cell.
                raise InputError(f"a cell of more than {mib(MAX_CELL_BYTES)}", source=path, row=number)
            yield number, cells

    total = sheet.max_row - 1 if sheet.max_row else None
    return Table(header, rows(), total, "xlsx")
