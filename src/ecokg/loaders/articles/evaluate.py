"""Scoring the extractor on real articles with hand-made gold files (``make eval-extract``).

Each article ``<id>.txt`` starts with a header (``# url: ...``, ``# date: ...``, ``# language:
...``) ended by a ``---`` line; ``<id>.gold.yaml`` lists what it states outside quotations
(people, organisations, places, posts, agreements, dates; ``A | B`` gives accepted variants
of one name). ``SPLIT.md`` fixes the groups: tune, seen (both tuned on) and round 11's held-out set.

Matching rules: names are compared folded (accents, case, apostrophes and hyphens
normalised, a leading article dropped); a proposed entity is a gold one if its label, one of
its aliases or its acronym equals one of the gold variants. A post counts when its person and
organisation both match the gold pair; an agreement when its signatories include both gold
parties; a date when the ISO date is the same. Precision of proposed entities counts every
person, organisation and place the candidates file proposes. Nothing comes from a store: the
articles are read alone, so every name must be found in the text.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ecokg.loaders.articles.linking import Extraction
from ecokg.text import fold

PEOPLE = {"Person"}
PLACES = {"Place", "City", "Country", "AdministrativeArea"}
KINDS = ("people", "organisations", "places", "posts", "agreements", "dates")
_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s|$)")


def norm(name: str) -> str:
    """A name folded for matching: accents, case, apostrophes, hyphens, a leading article."""
    text = fold(name).replace("’", "'").replace("‐", "-").replace("–", "-")
    text = re.sub(r"^(?:the|le|la|les|l')\s*", "", text)
    text = re.sub(r"[\s.]+", " ", text.replace("-", " ")).strip()
    return text


@dataclass
class Article:
    ident: str
    text: str
    header: dict[str, str]
    gold: dict[str, Any]

    @property
    def lang(self) -> str:
        return self.header.get("language", "en")

    @property
    def date(self) -> str | None:
        # The header's ISO date, before any note on where it was read ("2021-10 (the page gives
        # no day)"): what a user would pass as ``--date``.
        match = _DATE.match(self.header.get("date", ""))
        return match.group(1) if match else None


def read_article(path: Path) -> tuple[dict[str, str], str]:
    """The header and the text of an evaluation article (``# key: value`` lines, then ``---``)."""
    raw = path.read_text(encoding="utf-8")
    head, sep, body = raw.partition("\n---\n")
    if not sep:
        return {}, raw
    header = {}
    for line in head.splitlines():
        match = re.match(r"^#\s*(\w+):\s*(.*)$", line)
        if match:
            header[match.group(1)] = match.group(2).strip()
    return header, body


def article_paths(folder: Path, groups: tuple[str, ...] | None = None) -> list[Path]:
    """The articles of ``folder`` in ``groups`` (all if None), chosen by file name alone: a
    held-out article's text is not read unless its group is asked for."""
    paths = sorted(p for p in folder.glob("*.txt") if _IDENT.match(p.name))
    return [p for p in paths if groups is None or split_of(p.stem) in groups]


def load_set(folder: Path, groups: tuple[str, ...] | None = None) -> list[Article]:
    """The articles of ``groups`` with their gold files; an article whose gold file is not
    written yet (a held-out set being prepared) is left out."""
    articles = []
    for path in article_paths(folder, groups):
        gold_path = path.with_suffix(".gold.yaml")
        if not gold_path.exists():
            continue
        header, text = read_article(path)
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        articles.append(Article(path.stem, text, header, gold))
    return articles


TUNE, SEEN, HELD_OUT = "tune", "seen", "round-15 held-out"
GROUPS = (TUNE, SEEN, HELD_OUT)
#: The groups one may tune on: only their misses and extras are ever printed (``--details``).
TUNING = (TUNE, SEEN)
_IDENT = re.compile(r"^(?:en|fr)\d\d-")


def split_of(ident: str) -> str:
    """The rule of SPLIT.md: 01-08 odd are the tune set; 01-08 even (round 1's held-out half),
    09-12 (round 2's), 13-16 (round 3's), 17-20 (round 4's), 21-24 (round 5's), 25-30 (round
    6's), 31-36 (round 7's), 37-42 (round 8's), 43-48 (round 9's), 49-54 (round 10's), 55-60
    (round 11's), 61-66 (round 12's), 67-72 (round 13's) and 73-78 (round 14's) have been seen and are tuned
    on too; 79 and later are round 15's held-out set, the only clean one."""
    number = int(ident[2:4])
    if number >= 79:
        return HELD_OUT
    if number >= 9:
        return SEEN
    return TUNE if number % 2 == 1 else SEEN


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    #: Found items that are right (precision's numerator): the hits, except that one agreement
    #: of three parties found is one right item even when it covers three gold pairs.
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    proposed: int = 0
    correct: int = 0

    def add(self, other: Score) -> None:
        for kind in KINDS:
            self.hits[kind] += other.hits[kind]
            self.gold[kind] += other.gold[kind]
            self.found[kind] += other.found[kind]
            self.right[kind] += other.right[kind]
        self.proposed += other.proposed
        self.correct += other.correct


def _variants(entry: str) -> list[str]:
    return [v.strip() for v in str(entry).split("|") if v.strip()]


def score(article: Article, result: Extraction) -> tuple[Score, dict[str, list[str]]]:
    """Hits, gold and proposed counts per kind, and the misses and extras (for tuning)."""
    gold = article.gold
    index: dict[str, dict[str, str]] = {}
    for kind in ("people", "organisations", "places"):
        index[kind] = {}
        for entry in gold.get(kind) or []:
            variants = _variants(entry)
            for variant in variants:
                index[kind][norm(variant)] = variants[0]
    everything = {k: v for kind in index for k, v in index[kind].items()}

    def gold_name(candidate: Any, kind: str | None = None) -> str | None:
        table = index[kind] if kind else everything
        for name in (candidate.label, *candidate.aliases, candidate.acronym or ""):
            if name and norm(name) in table:
                return table[norm(name)]
        return None

    def canonical(name: str) -> str:
        return everything.get(norm(name), name)

    out = Score()
    notes: dict[str, list[str]] = {"missed": [], "extra": []}
    classes = {"people": PEOPLE, "places": PLACES}
    mapped: dict[str, str | None] = {}
    for kind in ("people", "organisations", "places"):
        wanted = {_variants(e)[0] for e in gold.get(kind) or []}
        found: set[str] = set()
        proposed: set[str] = set()
        for candidate in result.entities.values():
            is_kind = candidate.cls in classes[kind] if kind in classes else (
                candidate.cls not in PEOPLE | PLACES and candidate.cls in _ORG_CLASSES
            )
            if not is_kind:
                continue
            matched = gold_name(candidate, kind)
            mapped[candidate.id] = matched or gold_name(candidate)
            out.proposed += 1
            if matched is not None:
                found.add(matched)
                proposed.add(matched)
                out.correct += 1
            else:
                proposed.add("?" + candidate.id)
                notes["extra"].append(f"{kind}: {candidate.label}")
        # Precision per kind: distinct entities proposed (two candidates for one gold name count once).
        out.gold[kind], out.found[kind], out.hits[kind] = len(wanted), len(proposed), len(found & wanted)
        out.right[kind] = out.hits[kind]
        notes["missed"] += [f"{kind}: {n}" for n in sorted(wanted - found)]
    # Posts: (person, organisation).
    wanted_posts = {(canonical(p), canonical(o)) for p, o in (gold.get("posts") or [])}
    found_posts = set()
    for candidate in result.entities.values():
        for post in candidate.posts:
            pair = (mapped.get(candidate.id) or "?" + candidate.label,
                    mapped.get(post["organization"]) or "?" + post["organization"])
            found_posts.add(pair)
    _count(out, notes, "posts", found_posts, wanted_posts)
    # Agreements: both gold parties among the signatories.
    wanted_agreements = [frozenset((canonical(a), canonical(b))) for a, b in (gold.get("agreements") or [])]
    found_agreements = []
    for candidate in result.of_class("Agreement"):
        parties = {mapped.get(v) or "?" + v for v, _, _ in candidate.props.get("signatories", [])}
        found_agreements.append(frozenset(parties))
    hits = sum(1 for w in wanted_agreements if any(w <= f for f in found_agreements))
    good = sum(1 for f in found_agreements if any(w <= f for w in wanted_agreements))
    out.gold["agreements"], out.found["agreements"], out.hits["agreements"] = len(wanted_agreements), len(found_agreements), hits
    if hits < len(wanted_agreements):
        notes["missed"].append(f"agreements: {len(wanted_agreements) - hits} of {len(wanted_agreements)}")
    if good < len(found_agreements):
        notes["extra"] += [f"agreements: {sorted(f)}" for f in found_agreements if not any(w <= f for w in wanted_agreements)]
    out.found["agreements"] = len(found_agreements)
    out.hits["agreements"] = hits
    out.right["agreements"] = good
    # Dates: every ISO date the candidates give an event or agreement.
    wanted_dates = {str(d) for d in (gold.get("dates") or [])}
    found_dates = {
        str(v) for c in result.entities.values() for key in ("date", "start_date", "end_date")
        for v, _, _ in c.props.get(key, [])
    }
    _count(out, notes, "dates", found_dates, wanted_dates)
    return out, notes


def _count(out: Score, notes: dict[str, list[str]], kind: str, found: set[Any], wanted: set[Any]) -> None:
    out.gold[kind], out.found[kind], out.hits[kind] = len(wanted), len(found), len(found & wanted)
    out.right[kind] = out.hits[kind]
    notes["missed"] += [f"{kind}: {x}" for x in sorted(map(str, wanted - found))]
    notes["extra"] += [f"{kind}: {x}" for x in sorted(map(str, found - wanted))]


_ORG_CLASSES = {
    "Organization", "Company", "Cluster", "EconomicDevelopmentAgency", "RegionalAuthority",
    "PublicAuthority", "TradePromotionAgency", "ResearchOrganization", "GovernmentOffice",
    "University", "ResearchCentre",
}


def _pct(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f} % ({hits}/{total})" if total else "    – (0/0)"


def table(scores: dict[str, Score]) -> str:
    """The evaluation table (markdown): recall and precision per kind, one column per half."""
    halves = list(scores)
    lines = ["| kind | " + " | ".join(halves) + " |", "| --- |" + " --- |" * len(halves)]
    for kind in KINDS:
        cells = [f"recall {_pct(s.hits[kind], s.gold[kind])}, precision {_pct(s.right[kind], s.found[kind])}" for s in scores.values()]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines.append("| precision of proposed entities | " + " | ".join(_pct(s.correct, s.proposed) for s in scores.values()) + " |")
    return "\n".join(lines)


def evaluate(folder: Path, details: bool = False, halves: tuple[str, ...] = GROUPS) -> dict[str, Score]:
    """Scores per group; with ``details``, each article's misses and extras, for the groups
    one may tune on only (the held-out group's are never printed, whatever is asked)."""
    from ecokg.loaders.articles.pipeline import extract

    scores = {half: Score() for half in halves}
    for article in load_set(folder, halves):
        result = extract(article.text, article.lang, (), date=article.date)
        article_score, notes = score(article, result)
        half = split_of(article.ident)
        scores[half].add(article_score)
        if details and half in TUNING:
            print(f"\n{article.ident}:")
            for key in ("missed", "extra"):
                for line in notes[key]:
                    print(f"  {key:<6} {line}")
    return scores


def main(argv: list[str] | None = None) -> int:
    """``make eval-extract``: the table for every group and the held-out headline.
    ``--details``: misses and extras of the tune and seen groups; ``--tune-only``: those two
    groups alone (the held-out articles are then not even read)."""
    args = list(sys.argv[1:] if argv is None else argv)
    details = "--details" in args
    halves = TUNING if "--tune-only" in args else GROUPS
    args = [a for a in args if not a.startswith("--")]
    folder = Path(args[0]) if args else Path("tests/data/articles/eval")
    scores = evaluate(folder, details, halves)
    print()
    print(table(scores))
    if HELD_OUT in scores:
        clean = scores[HELD_OUT]
        if not clean.proposed and not any(clean.gold.values()):
            print(f"\nHeadline ({HELD_OUT}): no article yet (ids 79 and above, once frozen).")
        else:
            print(f"\nHeadline ({HELD_OUT}, never used for tuning): precision of proposed entities "
                  f"{_pct(clean.correct, clean.proposed).strip()}, posts recall "
                  f"{_pct(clean.hits['posts'], clean.gold['posts']).strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
