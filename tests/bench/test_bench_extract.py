"""The extraction benchmark (``make bench-extract``) runs end to end; ``--batch 0`` times one
article only (it divided by zero before), and a negative batch is refused with a clear message.
Timings are not asserted: speed is the benchmark's own business (docs/performance.md)."""

from __future__ import annotations

import re

import pytest
from bench.extract import main


def test_a_batch_of_none_times_one_article_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--batch", "0"]) == 0
    out = capsys.readouterr().out
    for lang in ("en", "fr"):
        line = next(x for x in out.splitlines() if x.startswith(f"500-word article ({lang},"))
        words = int(re.search(r", (\d+) words\)", line).group(1))  # type: ignore[union-attr]
        assert 450 <= words <= 600  # about 500: whole words, cut at a space
        assert float(re.search(r"median ([\d.]+) s", line).group(1)) > 0  # type: ignore[union-attr]
    assert "batch of" not in out


def test_a_negative_batch_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--batch", "-3"])
    assert exit_.value.code == 2
    assert "--batch: expected 0 or more articles, got -3" in capsys.readouterr().err
