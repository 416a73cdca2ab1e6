"""The extraction evaluation set (tests/data/articles/eval, `make eval-extract`): complete,
split as SPLIT.md says, and scored; the groups one tunes on keep their scores (a regression
guard). The round-15 held-out articles (ids 79 and above) are only listed by name here: their
texts and gold files are never read by these tests, and the evaluator prints their score only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ecokg.loaders.articles.evaluate import (
    GROUPS,
    HELD_OUT,
    SEEN,
    TUNE,
    TUNING,
    evaluate,
    load_set,
    main,
    split_of,
)

EVAL = Path(__file__).parent.parent / "data" / "articles" / "eval"


def test_every_article_has_its_gold_file_and_its_line_in_split_md() -> None:
    texts = {p.name.removesuffix(".txt") for p in EVAL.glob("*.txt")}
    golds = {p.name.removesuffix(".gold.yaml") for p in EVAL.glob("*.gold.yaml")}
    assert texts == golds and len(texts) >= 16
    rows = dict(re.findall(r"^\| ((?:en|fr)\d\d-[\w-]+) \| (?:en|fr) \| .+ \| ([\w -]+) \|$",
                           (EVAL / "SPLIT.md").read_text(encoding="utf-8"), re.M))
    assert set(rows) == texts
    languages = {ident[:2] for ident in texts}
    assert languages == {"en", "fr"}
    assert sum(ident.startswith("en") for ident in texts) == sum(ident.startswith("fr") for ident in texts)
    for ident in texts:
        assert split_of(ident) in GROUPS
        if split_of(ident) == HELD_OUT:
            continue  # never opened here
        gold = yaml.safe_load((EVAL / f"{ident}.gold.yaml").read_text(encoding="utf-8"))
        assert gold.get("people") is not None or gold.get("organisations") is not None, ident
    assert {split_of(i) for i in texts} >= set(TUNING)
    assert len(load_set(EVAL, TUNING)) == sum(split_of(i) in TUNING for i in texts)


def test_the_groups_follow_split_md() -> None:
    assert [split_of(i) for i in ("en01-x", "fr07-x", "en02-x", "fr08-x", "en09-x", "fr12-x", "en13-x", "fr16-x", "en17-x", "fr20-x", "en21-x", "fr24-x", "en25-x", "fr30-x", "en31-x", "fr36-x", "en37-x", "fr42-x", "en43-x", "fr48-x", "en49-x", "fr54-x", "en55-x", "fr60-x", "en61-x", "fr66-x", "en67-x", "fr72-x", "en73-x", "fr78-x", "en79-x", "fr81-x")] == [
        TUNE, TUNE, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, SEEN, HELD_OUT, HELD_OUT,
    ]


def _article(folder: Path, ident: str, text: str, gold: str) -> None:
    (folder / f"{ident}.txt").write_text(f"# date: 2024-05-02\n# language: en\n---\n{text}\n", encoding="utf-8")
    (folder / f"{ident}.gold.yaml").write_text(gold, encoding="utf-8")


def test_the_held_out_group_prints_its_score_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--details`` lists the misses and extras of the groups one tunes on, never the held-out
    group's; a held-out article whose gold file is not written yet is left out."""
    _article(tmp_path, "en01-tune", "Jane Roe, CEO of Northwind Labs, visited Leeds.",
             "people: [Jane Roe, Missing Person]\norganisations: [Northwind Labs]\nplaces: [Leeds]\n")
    _article(tmp_path, "en79-held", "Carl Moss, president of the Quillon Institute, visited Derby.",
             "people: [Carl Moss, Hidden Person]\norganisations: [Quillon Institute, Hidden Company]\nplaces: [Derby]\n")
    (tmp_path / "en14-unfinished.txt").write_text("# language: en\n---\nNo gold yet.\n", encoding="utf-8")
    assert main([str(tmp_path), "--details"]) == 0
    out = capsys.readouterr().out
    assert "en01-tune" in out and "Missing Person" in out
    assert "en79" not in out and "Hidden" not in out and "Quillon" not in out and "Carl Moss" not in out
    header = next(line for line in out.splitlines() if line.startswith("| kind |"))
    assert header == f"| kind | {TUNE} | {SEEN} | {HELD_OUT} |"
    people = next(line for line in out.splitlines() if line.startswith("| people |"))
    assert people.split(" | ")[3].startswith("recall  50.0 % (1/2)")  # scored: the table only


def test_the_tuned_half_keeps_its_scores() -> None:
    scores = evaluate(EVAL, halves=(TUNE,))
    tune = scores[TUNE]
    assert HELD_OUT not in scores
    assert tune.gold["people"] > 0 and tune.hits["people"] / tune.gold["people"] >= 0.9
    assert tune.hits["organisations"] / tune.gold["organisations"] >= 0.85
    assert tune.proposed and tune.correct / tune.proposed >= 0.9


def test_an_agreement_of_three_parties_is_one_item_found(tmp_path: Path) -> None:
    """Recall counts the gold pairs an agreement covers; precision counts agreements found, so
    one agreement signed by three parties is one right item, not three (never above 100 %)."""
    _article(tmp_path, "en01-three", "Northwind Labs, the Quillon Institute and Carden University signed a "
             "memorandum of understanding in Leeds on May 3.",
             "organisations: [Northwind Labs, Quillon Institute, Carden University]\nplaces: [Leeds]\n"
             "agreements: [[Northwind Labs, Quillon Institute], [Northwind Labs, Carden University], "
             "[Quillon Institute, Carden University]]\n")
    tune = evaluate(tmp_path, halves=(TUNE,))[TUNE]
    assert (tune.gold["agreements"], tune.hits["agreements"]) == (3, 3)
    assert (tune.found["agreements"], tune.right["agreements"]) == (1, 1)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2021-10 (the page gives no day)", "2021-10"),
        ("2019-04-11 (from the address)", "2019-04-11"),
        ("2018 (the address gives the year only)", "2018"),
        ("2024-05-02", "2024-05-02"),
        ("none (the page gives no publication date)", None),
        ("2021-10-321", None),
    ],
)
def test_the_header_date_is_read_before_its_note(tmp_path: Path, written: str, read: str | None) -> None:
    """A header's date with a note on where it was read is still the article's date, as a user
    would pass it with ``--date``; without a date the dates stay unresolved."""
    (tmp_path / "en01-x.txt").write_text(f"# date: {written}\n# language: en\n---\nText.\n", encoding="utf-8")
    (tmp_path / "en01-x.gold.yaml").write_text("people: []\n", encoding="utf-8")
    [article] = load_set(tmp_path)
    assert article.date == read
