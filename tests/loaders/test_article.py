"""The article extractor: recall and precision against hand-curated facts, printed.

Measured by matching each proposed entity to a gold entity (same id, or same
accent-insensitive label or alias); posts match on (person, role, organisation).
The store holds only the gazetteer (places) while extracting, so people and
organisations must be found in the text, not copied from the seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ecokg import KnowledgeGraph
from ecokg.loaders import seed_sources
from ecokg.loaders.articles import Extraction, extract, extract_file
from ecokg.queries.resolve import known_entities
from ecokg.text import fold

ARTICLES = Path(__file__).parent.parent / "data" / "articles"
SEED = {p.name: p for p in seed_sources()}
PLACES = {"Place", "City", "Country", "AdministrativeArea"}
ORGS = {"Organization", "Company", "Cluster", "EconomicDevelopmentAgency", "RegionalAuthority",
        "PublicAuthority", "TradePromotionAgency", "ResearchOrganization"}


@pytest.fixture(scope="module")
def gazetteer_kg() -> KnowledgeGraph:
    kg = KnowledgeGraph.open(memory=True)
    kg.build([SEED["gazetteer.yaml"]])
    return kg


def _score(name: str, found: set[object], gold: set[object]) -> tuple[float, float]:
    hits = found & gold
    recall = len(hits) / len(gold) if gold else 1.0
    precision = len(hits) / len(found) if found else 1.0
    print(f"  {name:<12} recall {recall:.2f} ({len(hits)}/{len(gold)})  precision {precision:.2f} ({len(hits)}/{len(found)})")
    return recall, precision


def _matcher(gold_names: dict[str, set[str]]) -> dict[str, str]:
    return {fold(n): ident for ident, names in gold_names.items() for n in names}


def _to_gold(result: Extraction, names: dict[str, str], ident: str) -> str:
    candidate = result.entities[ident]
    for name in (candidate.id, candidate.label, *candidate.aliases, candidate.acronym or ""):
        if fold(name) in names:
            return names[fold(name)]
    # A label worded a little differently ("... et l’Illinois" / "... et de l’Illinois").
    words = set(fold(candidate.label).replace("'", " ").split())
    for name, gold in names.items():
        other = set(name.replace("'", " ").split())
        if len(words) >= 3 and len(words & other) / len(words | other) >= 0.7:
            return gold
    return "?" + ident


def test_seed_article_recall(gazetteer_kg: KnowledgeGraph) -> None:
    seed = yaml.safe_load(SEED["bfc-wisconsin-2024.yaml"].read_text(encoding="utf-8"))
    text = (SEED["bfc-wisconsin-2024.yaml"].parent / "bfc-wisconsin-2024.txt").read_text(encoding="utf-8")
    result = extract(text, "fr", known_entities(gazetteer_kg.backend), date="2024-10")
    entities = {e["id"]: e for e in seed["entities"]}
    gold_names: dict[str, set[str]] = {}
    for ident, entity in entities.items():
        labels = entity["label"].values() if isinstance(entity["label"], dict) else [entity["label"]]
        gold_names[ident] = {ident, *labels, *entity.get("aliases", [])}
    names = _matcher(gold_names)
    mapped = {c.id: _to_gold(result, names, c.id) for c in result.entities.values()}
    people = {i for i, e in entities.items() if e["type"] == "Person"}
    orgs = {i for i, e in entities.items() if e["type"] in ORGS}
    posts = {(p, post["role"], post["organization"]) for p in people for post in entities[p].get("posts", [])}
    places = {"bourgogne-franche-comte", "united-states", "wisconsin", "illinois", "madison", "milwaukee", "chicago"}
    agreement = entities["agreement-bioforward-aer-bfc"]
    print("\nseed article (bfc-wisconsin-2024):")
    found_people = {mapped[c.id] for c in result.of_class("Person")}
    found_orgs = {mapped[c.id] for c in result.entities.values() if c.cls in ORGS}
    found_posts = {
        (mapped[c.id], post["role"], mapped[post["organization"]])
        for c in result.of_class("Person") for post in c.posts
    }
    found_places = {c.id for c in result.entities.values() if c.cls in PLACES}
    agreements = result.of_class("Agreement")
    found_signatories = {mapped[v] for a in agreements for v, _, _ in a.props.get("signatories", [])}
    missions = result.of_class("Mission")
    dates = {(k, v) for m in missions for k in ("start_date", "end_date") for v, _, _ in m.props.get(k, [])}
    scores = [
        _score("people", found_people, people),
        _score("posts", found_posts, posts),
        _score("orgs", found_orgs, orgs),
        _score("places", found_places, places),
        _score("agreement", {"agreement"} if agreements else set(), {"agreement"}),
        _score("signatories", found_signatories, set(agreement["signatories"])),
        _score("dates", dates, {("start_date", "2024-10-27"), ("end_date", "2024-11-01")}),
    ]
    total = len(people) + len(posts) + len(orgs) + len(places) + 1 + 2 + 2
    hits = (len(found_people & people) + len(found_posts & posts) + len(found_orgs & orgs)
            + len(found_places & places) + (1 if agreements else 0)
            + len(found_signatories & set(agreement["signatories"])) + len(dates & {("start_date", "2024-10-27"), ("end_date", "2024-11-01")}))
    print(f"  overall recall {hits / total:.2f} ({hits}/{total})")
    assert all(recall >= 0.9 for recall, _ in scores)


#: Articles written in the style of regional press releases, with their hand-made gold facts.
OTHER_ARTICLES = [
    ("occitanie-quebec-2025.txt", "occitanie-quebec-2025.gold.yaml", "fr"),
    ("scotland-boston-2025.txt", "scotland-boston-2025.gold.yaml", "en"),
    ("bavaria-biotech-2024.txt", "bavaria-biotech-2024.gold.yaml", "en"),
    ("grand-est-japon-2025.txt", "grand-est-japon-2025.gold.yaml", "fr"),
]


@pytest.mark.parametrize(("article", "gold_file", "lang"), OTHER_ARTICLES)
def test_other_articles_recall(article: str, gold_file: str, lang: str, gazetteer_kg: KnowledgeGraph) -> None:
    name = article.removesuffix(".txt")
    gold = yaml.safe_load((ARTICLES / gold_file).read_text(encoding="utf-8"))
    text = (ARTICLES / article).read_text(encoding="utf-8")
    result = extract(text, lang, known_entities(gazetteer_kg.backend))
    gold_names = {n: {n} for n in gold["people"] + gold["organisations"]}
    names = _matcher(gold_names)
    mapped = {c.id: _to_gold(result, names, c.id) for c in result.entities.values()}
    print(f"\n{name} ({lang}):")
    people = _score("people", {mapped[c.id] for c in result.of_class("Person")}, set(gold["people"]))
    orgs = _score("orgs", {mapped[c.id] for c in result.entities.values() if c.cls in ORGS}, set(gold["organisations"]))
    posts = _score(
        "posts",
        {(mapped[c.id], p["role"], mapped[p["organization"]]) for c in result.of_class("Person") for p in c.posts},
        {tuple(p) for p in gold["posts"]},
    )
    assert people[0] >= 0.8 and orgs[0] >= 0.8 and posts[0] >= 0.8


def test_candidates_build_after_review(tmp_path: Path, gazetteer_kg: KnowledgeGraph) -> None:
    """The output is curated YAML: it loads, quotes verbatim, onto the store it links to."""
    article = tmp_path / "article.txt"
    article.write_text((ARTICLES / "occitanie-quebec-2025.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "candidates.yaml"
    extract_file(article, out, "fr", known_entities(gazetteer_kg.backend), date="2025-05")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# status: candidates — review before building")
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([SEED["gazetteer.yaml"], out])
    assert report.validation.conforms, report.validation.text()
    assert kg.resolve("Sophie Martinez")
    kg.close()


def test_candidates_written_away_from_the_article_still_build(tmp_path: Path, gazetteer_kg: KnowledgeGraph) -> None:
    """A curated file reads its text only beside itself: extract keeps a copy of the article there."""
    article = tmp_path / "inbox" / "article.txt"
    article.parent.mkdir()
    article.write_text((ARTICLES / "occitanie-quebec-2025.txt").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "review" / "candidates.yaml"
    out.parent.mkdir()
    extract_file(article, out, "fr", known_entities(gazetteer_kg.backend), date="2025-05")
    assert (out.parent / "article.txt").read_text(encoding="utf-8") == article.read_text(encoding="utf-8")
    assert "text: article.txt" in out.read_text(encoding="utf-8")
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([SEED["gazetteer.yaml"], out])
    assert report.validation.conforms, report.validation.text()
    kg.close()


def test_acronyms_link_to_the_store(seed_kg: KnowledgeGraph) -> None:
    text = "Le WEDC et l’AER BFC ont signé un accord de partenariat entre le WEDC et l’AER BFC."
    result = extract(text, "fr", known_entities(seed_kg.backend))
    linked = {c.id for c in result.entities.values() if c.known}
    assert {"wedc", "aer-bfc"} <= linked
    agreement = result.of_class("Agreement")[0]
    assert {v for v, _, _ in agreement.props["signatories"]} == {"wedc", "aer-bfc"}


def test_seed_article_links_to_the_seed_store(seed_kg: KnowledgeGraph, tmp_path: Path) -> None:
    """Against a store that has the seed, every person and organisation is linked, and the
    candidates load with --append (their facts point at the linked entities)."""
    article = tmp_path / "seed.txt"
    seed_text = SEED["bfc-wisconsin-2024.yaml"].parent / "bfc-wisconsin-2024.txt"
    article.write_text(seed_text.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "seed-candidates.yaml"
    result = extract_file(article, out, "fr", known_entities(seed_kg.backend), date="2024-10")
    linked = {c.id for c in result.entities.values() if c.known}
    assert {"nicolas-soret", "martine-abrahamse-pleux", "nicolas-paris", "marie-guite-dufay",
            "region-bfc", "aer-bfc", "bioforward", "gilson", "wedc", "business-france"} <= linked
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build()
    report = kg.load([out])
    assert report.validation.conforms, report.validation.text()
    kg.close()


def test_an_oversized_article_is_refused_before_reading(tmp_path: Path) -> None:
    from ecokg.errors import InputError
    from ecokg.loaders.articles import MAX_ARTICLE_BYTES, extract_file

    big = tmp_path / "big.txt"
    big.write_text("Une phrase. " * (MAX_ARTICLE_BYTES // 10), encoding="utf-8")
    with pytest.raises(InputError, match=r"big\.txt: file is 1\.\d+ MiB, more than the 1 MiB an article may be; split it"):
        extract_file(big, tmp_path / "out.yaml")
    assert not (tmp_path / "out.yaml").exists()
