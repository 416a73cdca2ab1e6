"""The extraction evaluation set (tests/data/articles/eval, `make eval-extract`): complete,
split as SPLIT.md says, and scored; the tuned half keeps its scores (a regression guard:
the held-out halves are scored by `make eval-extract`, never asserted on here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ecokg.loaders.articles.evaluate import GROUPS, HELD_OUT, TUNE, evaluate, load_set, split_of

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
        gold = yaml.safe_load((EVAL / f"{ident}.gold.yaml").read_text(encoding="utf-8"))
        assert gold.get("people") is not None or gold.get("organisations") is not None, ident
        assert split_of(ident) in GROUPS
    assert {split_of(i) for i in texts} == set(GROUPS)
    assert len(load_set(EVAL)) == len(texts)


def test_the_tuned_half_keeps_its_scores() -> None:
    scores = evaluate(EVAL, halves=(TUNE,))
    tune = scores[TUNE]
    assert HELD_OUT not in scores
    assert tune.gold["people"] > 0 and tune.hits["people"] / tune.gold["people"] >= 0.9
    assert tune.hits["organisations"] / tune.gold["organisations"] >= 0.85
    assert tune.proposed and tune.correct / tune.proposed >= 0.9
