"""Reading a spreadsheet's rows: CSV and TSV in their text encoding, XLSX sheets.

Rows stream (the csv module over a decoded text stream, openpyxl in read-only mode),
numbered as spreadsheet programs do: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
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
    #: The sheet read (XLSX), named by error messages.
    sheet: str | None = None
    delimiter: str | None = None


class Cell(str):
    """A typed workbook cell: its text as the sheet shows it, and its value (a date, a number).

    Text as shown keeps ids equal whether the same data comes as CSV or XLSX; the value
    lets a date cell be a date whatever format a mapping declares for text cells.
    """

    value: object

    def __new__(cls, text: str, value: object) -> Cell:
        cell = super().__new__(cls, text)
        cell.value = value
        return cell


#: Delimiters a CSV may use, in order of preference when counts tie.
DELIMITERS = (",", ";", "\t", "|")


def detect_delimiter(header_line: str) -> str:
    """The delimiter of a CSV file, from a count over its header line (outside quotes).

    csv.Sniffer guesses from letter frequencies over many lines and picks a letter on
    short files; a header names its columns with one delimiter between each.
    """
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


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
    delimiter = mapping.delimiter or ("\t" if path.suffix.lower() == ".tsv" else None)
    if delimiter is None:
        try:
            first = stream.readline()
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {encoding} text: {exc.reason}", source=path, row=1) from None
        delimiter = detect_delimiter(first)
        stream.seek(0)
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

    return Table([h.strip() for h in header], rows(), max(lines - 1, 0), encoding, delimiter=delimiter)


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


#: Excel date format codes -> strftime, longest first.
_DATE_CODES = (("yyyy", "%Y"), ("yy", "%y"), ("mmmm", "%B"), ("mmm", "%b"), ("mm", "%m"), ("dd", "%d"))


def _shown_date(value: dt.date, number_format: str) -> str | None:
    """A date cell as the sheet shows it (``dd/mm/yyyy`` -> 15/10/2024); None for formats
    beyond day, month and year (the ISO date is then used)."""
    code = number_format.split(";")[0].replace("\\", "").replace('"', "").strip().lower()
    if not code or code == "general" or any(c in code for c in "[@*?"):
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        code = code.split(" ")[0]  # "yyyy-mm-dd h:mm:ss" shows a midnight time: the date is meant
    if "h" in code or "s" in code:
        return None  # a time too: "mm" may be minutes
    out = code
    for excel, strf in _DATE_CODES:
        out = out.replace(excel, "\0" + strf[1])
    if any(c.isalpha() for c in re.sub("\0.", "", out)):
        return None  # single letters (d, m) or words: not worth guessing
    return value.strftime(out.replace("\0", "%"))


def _typed_cell(cell: Any) -> str:
    """A workbook cell as text: dates and numbers as :class:`Cell`, keeping their value."""
    value = cell.value if hasattr(cell, "value") else cell
    if isinstance(value, dt.date):
        shown = _shown_date(value, getattr(cell, "number_format", "") or "")
        return Cell(shown or _cell_text(value), value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Cell(_cell_text(value), value)
    return _cell_text(value)


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
    iterator = sheet.iter_rows()
    try:
        header = [_cell_text(c.value).strip() for c in next(iterator)]
    except StopIteration:
        raise InputError("the sheet is empty (expected a header row)", source=path, row=1) from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(iterator, start=2):
            cells = [_typed_cell(v) for v in values]
            if any(len(cell) > MAX_CELL_BYTES for cell in cells):
                # Rich text runs, each short, can add up to a long cell.
                raise InputError(f"a cell of more than {mib(MAX_CELL_BYTES)}", source=path, row=number)
            yield number, cells

    total = sheet.max_row - 1 if sheet.max_row else None
    return Table(header, rows(), total, "xlsx", sheet=sheet.title)
