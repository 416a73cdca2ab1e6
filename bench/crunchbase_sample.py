"""Cut tests/data/crunchbase-network/ from the Crunchbase 2013 export: a small network of real data.

The cut keeps the export's bytes (Mac Roman, CR line endings) and its headers:

* acquisitions: every row whose acquirer is one of :data:`ACQUIRERS` (frequent acquirers);
* companies: every company those rows name, plus one company in :data:`EVERY` of the file (most
  of them tied to nothing: the actors an analysis cannot rank);
* rounds: every funding round of the companies kept.

Usage: ``python bench/crunchbase_sample.py [EXPORT_DIR] [OUT_DIR]`` (defaults:
``../shared/data/crunchbase-2013`` and ``tests/data/crunchbase-network``).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ACQUIRERS = ("Cisco", "Google", "Microsoft", "Yahoo!", "IBM", "Facebook", "Twitter")
EVERY = 40
ENCODING = "mac_roman"


def _rows(path: Path) -> tuple[bytes, list[bytes]]:
    """The header and the data rows of a CR-separated export file, as bytes."""
    lines = path.read_bytes().split(b"\r")
    return lines[0], [line for line in lines[1:] if line]


def _cells(line: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(line.decode(ENCODING))))


def cut(export: Path, out: Path) -> dict[str, int]:
    """Write the three cut files into ``out``; returns their data rows per file."""
    head_a, acquisitions = _rows(export / "crunchbase-acquisitions.csv")
    head_c, companies = _rows(export / "crunchbase-companies.csv")
    head_r, rounds = _rows(export / "crunchbase-rounds.csv")
    ca, cc, cr = _cells(head_a), _cells(head_c), _cells(head_r)
    kept_a = [line for line in acquisitions if _cells(line)[ca.index("acquirer_name")] in ACQUIRERS]
    named = {_cells(line)[ca.index(column)] for line in kept_a for column in ("company_permalink", "acquirer_permalink")}
    kept_c = [
        line for i, line in enumerate(companies)
        if i % EVERY == 0 or _cells(line)[cc.index("permalink")] in named
    ]
    permalinks = {_cells(line)[cc.index("permalink")] for line in kept_c}
    kept_r = [line for line in rounds if _cells(line)[cr.index("company_permalink")] in permalinks]
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, head, kept in (
        ("crunchbase-companies.csv", head_c, kept_c),
        ("crunchbase-rounds.csv", head_r, kept_r),
        ("crunchbase-acquisitions.csv", head_a, kept_a),
    ):
        (out / name).write_bytes(b"\r".join([head, *kept]) + b"\r")
        counts[name] = len(kept)
    return counts


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    export = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "data" / "crunchbase-2013"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tests" / "data" / "crunchbase-network"
    for name, count in cut(export, out).items():
        print(f"{out / name}: {count} rows")
