"""Dates from the dateline and the document date, saved web pages, batches, links across the
articles of a run and to the store, and the rule that a reviewed candidates file is never
overwritten. Real pipelines, real stores, the real command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ecokg import KnowledgeGraph
from ecokg.cli import app
from ecokg.loaders import seed_sources
from ecokg.loaders.articles import extract, extract_file
from ecokg.loaders.articles.batch import extract_many
from ecokg.queries.resolve import known_entities

SEED = {p.name: p for p in seed_sources()}
BROMONT = (
    "BROMONT, Québec, March 23, 2021 – BIOQuébec and BioForward Wisconsin will sign a memorandum "
    "of understanding to promote life sciences.\n"
    "The signing will occur during a virtual public event on March 25.\n"
)


def _dates(result: object) -> set[str]:
    return {
        v for c in result.entities.values()  # type: ignore[attr-defined]
        for key in ("date", "start_date", "end_date") for v, _, _ in c.props.get(key, [])
    }


def test_the_dateline_dates_the_article_and_resolves_its_day_month_dates() -> None:
    result = extract(BROMONT, "en")
    assert result.document_date == "2021-03-23"
    (agreement,) = result.of_class("Agreement")
    assert agreement.props["date"][0][0] == "2021-03-25"
    assert agreement.props["status"][0][0] == "planned"
    assert result.unresolved == []


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("La réunion du conseil d’administration s’est tenue le 17 octobre dernier à Lyon.", "2024-03", "2023-10-17"),
        ("La réunion du conseil d’administration s’est tenue le 17 octobre dernier à Lyon.", "2024-11-02", "2024-10-17"),
        ("Le forum se tiendra le 12 janvier prochain à Lyon.", "2024-11", "2025-01-12"),
        ("The summit will take place on March 25 in Boston.", "2021-03-23", "2021-03-25"),
    ],
)
def test_relative_dates_are_resolved_against_the_document_date(text: str, date: str, expected: str) -> None:
    assert expected in _dates(extract(text, "fr" if "Le " in text or "La " in text else "en", date=date))


def test_without_a_document_date_dates_stay_unresolved_and_the_file_says_so(tmp_path: Path) -> None:
    """The issue: an article without --date had its events dated in the current year."""
    article = tmp_path / "lyon.txt"
    article.write_text(
        "Lyon, le 8 avril – Le 3 avril dernier s’est tenu le Conseil d’administration de Lyonbiopôle, "
        "mené par son président, Erick Lelouche.\n", encoding="utf-8",
    )
    out = tmp_path / "lyon.yaml"
    result = extract_file(article, out, "fr")
    assert result.document_date is None
    assert {text for text, _ in result.unresolved} >= {"8 avril", "3 avril dernier"}
    text = out.read_text(encoding="utf-8")
    assert "No document date (no --date, no dateline)" in text and "unresolved: '3 avril dernier' (s1)" in text
    year = str(dt.date.today().year)
    assert not _dates(result) and f"{year}-04" not in text
    with_date = extract_file(article, tmp_path / "dated.yaml", "fr", date="2025-04-08")
    assert "2025-04-03" in _dates(with_date) and with_date.unresolved == []


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>BIOQuébec and MassBio renew their memorandum | MassBio</title>
<meta property="og:title" content="BIOQuébec and MassBio Renew Their Memorandum of Cooperation">
<meta property="og:site_name" content="MassBio">
<meta property="article:published_time" content="2023-06-05T09:00:00+00:00">
<meta property="og:url" content="https://www.massbio.org/news/bioquebec-massbio-renewal/">
</head><body>
<nav><a href="/">Home</a> <a href="/members">Members</a> <a href="/events">Events</a></nav>
<article><h1>BIOQuébec and MassBio Renew Their Memorandum of Cooperation</h1>
<p>BOSTON--(BUSINESS WIRE)--At the 2023 BIO International Convention BIOQuébec and MassBio agreed to extend
their existing memorandum of cooperation and collaboration for a 3-year period.</p>
<p>“The relationship delivers time and time again,” said Kendalle Burlin O’Connell, CEO and President of MassBio.</p>
<p>The agreement aims to facilitate business ties between their respective members and support the market
development initiatives of biotechnology sector companies in both regions.</p>
</article>
<footer>Subscribe to our newsletter. Cookie settings. Privacy policy.</footer>
</body></html>
"""


def test_a_saved_page_gives_its_main_text_title_date_and_publisher(tmp_path: Path) -> None:
    page = tmp_path / "massbio.html"
    page.write_text(PAGE, encoding="utf-8")
    review = tmp_path / "review"
    review.mkdir()
    out = review / "massbio.yaml"
    result = extract_file(page, out, "auto")
    assert result.language == "en" and result.document_date == "2023-06-05"
    tree = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert tree["document"]["date"] == "2023-06-05"
    assert tree["document"]["source_url"] == "https://www.massbio.org/news/bioquebec-massbio-renewal/"
    assert "MassBio" in tree["document"]["title"]["en"]
    assert "# Publisher (from the page): MassBio" in out.read_text(encoding="utf-8")
    kept = (review / tree["document"]["text"]).read_text(encoding="utf-8")
    assert "Cookie settings" not in kept and "Members" not in kept  # menus and footers left out
    labels = {c.label for c in result.entities.values()}
    assert {"BIOQuébec", "MassBio", "Kendalle Burlin O’Connell"} <= labels
    (agreement,) = result.of_class("Agreement")
    assert agreement.props["status"][0][0] == "signed"
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([out])  # the quotes are sentences of the kept text: the file builds as it is
    assert report.validation.conforms, report.validation.text()
    kg.close()


def test_a_reviewed_candidates_file_is_never_overwritten_unless_forced(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(BROMONT, encoding="utf-8")
    out = tmp_path / "a.yaml"
    out.write_text("# reviewed by hand\n", encoding="utf-8")
    first = extract_file(article, out, "en")
    assert out.read_text(encoding="utf-8") == "# reviewed by hand\n"
    assert first.output == tmp_path / "a-2.yaml" and first.output.exists()
    second = extract_file(article, out, "en")
    assert second.output == tmp_path / "a-3.yaml"
    forced = extract_file(article, out, "en", force=True)
    assert forced.output == out and out.read_text(encoding="utf-8").startswith("# status: candidates")


def test_the_command_line_runs_a_batch_and_keeps_reviewed_files(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bromont.txt").write_text(
        "BROMONT, Québec, March 23, 2021 – BioForward Wisconsin, the collective voice of the biohealth "
        "cluster of Wisconsin, will sign a memorandum of understanding with BIOQuébec.\n", encoding="utf-8",
    )
    (inbox / "lyon.txt").write_text(
        "Lyon, le 8 avril 2025 – BioForward et Lyonbiopôle ont signé une convention de partenariat. "
        "Marie Dupont, présidente de Lyonbiopôle, a visité BioForward le 3 avril dernier.\n", encoding="utf-8",
    )
    review = tmp_path / "review"
    args = ["extract", str(inbox / "bromont.txt"), str(inbox / "lyon.txt"), "-o", f"{review}/", "--store", str(tmp_path / "none")]
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in review.glob("*.yaml")) == ["bromont.candidates.yaml", "lyon.candidates.yaml"]
    summary = (review / "summary.md").read_text(encoding="utf-8")
    assert "| bromont.txt | bromont.candidates.yaml | en | 2021-03-23 |" in summary
    assert "| lyon.txt | lyon.candidates.yaml | fr | 2025-04-08 |" in summary
    # One organisation named in two articles is one entity, in both files.
    lyon = yaml.safe_load((review / "lyon.candidates.yaml").read_text(encoding="utf-8"))
    ids = {e["id"] for e in lyon["entities"]}
    assert "bioforward-wisconsin" in ids and "bioforward" not in ids
    assert "Also proposed by an earlier article of this run" in (review / "lyon.candidates.yaml").read_text(encoding="utf-8")
    (review / "lyon.candidates.yaml").write_text("# reviewed\n", encoding="utf-8")
    again = CliRunner().invoke(app, args, terminal_width=200)
    assert again.exit_code == 0, again.output
    assert (review / "lyon.candidates.yaml").read_text(encoding="utf-8") == "# reviewed\n"
    assert (review / "lyon.candidates-2.yaml").exists()
    assert "exists (perhaps reviewed) and was kept" in again.output


def test_variants_link_to_the_store_and_unsure_links_are_offered(tmp_path: Path, seed_kg: KnowledgeGraph) -> None:
    """Against the seed store: "BioForward Wisconsin" is BioForward (Wisconsin is a stored place),
    "Quebec" is "Québec"; "Gilson Lab" may be Gilson, but only the reviewer can say."""
    known = known_entities(seed_kg.backend)
    article = tmp_path / "a.txt"
    article.write_text(
        "BioForward Wisconsin and BIOQuébec signed a memorandum of understanding in Madison. "
        "The company Gilson Lab hosted the signing.\n", encoding="utf-8",
    )
    result = extract_file(article, tmp_path / "a.yaml", "en", known, date="2021-03-25")
    linked = {c.id for c in result.entities.values() if c.known}
    assert {"bioforward", "madison"} <= linked
    (agreement,) = result.of_class("Agreement")
    assert {v for v, _, _ in agreement.props["signatories"]} == {"bioforward", "bioquebec"}
    gilson = next(c for c in result.entities.values() if c.label == "Gilson Lab")
    assert not gilson.known and gilson.choices and gilson.choices[0][0] == "gilson"
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "# Maybe the same as gilson (Gilson, confidence 0.6): gilson-lab (Gilson Lab)" in text


def test_linking_across_articles_by_acronym_accents_and_variants(tmp_path: Path) -> None:
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("The Maryland Tech Council (MTC) and Life Sciences British Columbia signed an agreement in Québec.\n", encoding="utf-8")
    second.write_text("Le MTC et Life Sciences BC ont signé une convention à Quebec avec la société Genvia.\n", encoding="utf-8")
    items = extract_many([first, second], tmp_path / "review", "auto", date="2024-06-03")
    ids = {c.id for c in items[1].result.entities.values()}
    assert {"maryland-tech-council", "life-sciences-british-columbia", "quebec"} <= ids
    shared = {c.id for c in items[1].result.entities.values() if c.run_link}
    assert {"maryland-tech-council", "life-sciences-british-columbia", "quebec"} <= shared


def test_candidates_from_a_store_run_build_with_the_store(tmp_path: Path) -> None:
    kg = KnowledgeGraph.open(tmp_path / "store")
    kg.build([SEED["gazetteer.yaml"]])
    known = known_entities(kg.backend)
    article = tmp_path / "a.txt"
    article.write_text(BROMONT, encoding="utf-8")
    out = tmp_path / "a.yaml"
    extract_file(article, out, "en", known)
    report = kg.load([out])
    assert report.validation.conforms, report.validation.text()
    rows = kg.sparql("SELECT ?s WHERE { ?a a ek:Agreement ; ek:status ?s }").rows
    assert [str(r[0]).rsplit("/", 1)[-1] for r in rows] == ["planned"]
    kg.close()


def test_a_page_without_a_dated_metadata_leaves_its_dates_unresolved(tmp_path: Path) -> None:
    """A copyright year is no publication date: the page's day-month dates stay unresolved."""
    page = tmp_path / "lyonbiopole.html"
    page.write_text(
        "<html lang='fr'><head><title>Lyonbiopôle : une nouvelle impulsion</title></head><body>"
        "<article><h1>Lyonbiopôle : une nouvelle impulsion</h1><p>Lyon, le 8 avril – Le 3 avril dernier "
        "s’est tenu dans les locaux de Lyonbiopôle le premier Conseil d’administration mené par son nouveau "
        "président, Erick Lelouche. Une belle occasion de réaffirmer l’engagement du pôle.</p></article>"
        "<footer>© 2026 Lyonbiopôle. Tous droits réservés.</footer></body></html>",
        encoding="utf-8",
    )
    result = extract_file(page, tmp_path / "out.yaml", "auto")
    assert result.language == "fr" and result.document_date is None
    assert "3 avril dernier" in {text for text, _ in result.unresolved}
    assert not _dates(result)
    assert "date:" not in (tmp_path / "out.yaml").read_text(encoding="utf-8").split("quotes:")[0]


def test_sites_posts_visits_and_statuses_build_as_curated_yaml(tmp_path: Path) -> None:
    article = tmp_path / "marseille.txt"
    article.write_text(
        "Marseille, le 27 septembre 2016 – La société Abreos Biosciences implantera une filiale française "
        "à Marseille. Emilie Royère, directrice générale d’Eurobiomed, visitera Abreos Biosciences à San Diego "
        "le 12 octobre prochain.\n", encoding="utf-8",
    )
    out = tmp_path / "marseille.yaml"
    extract_file(article, out, "fr")
    kg = KnowledgeGraph.open(memory=True)
    report = kg.build([out])
    assert report.validation.conforms, report.validation.text()
    sites = kg.sparql("SELECT ?s ?st WHERE { ?x ek:locatedIn ?p . ?x a ek:Site ; ek:status ?st . BIND(1 AS ?s) }").rows
    assert [str(r[1]).rsplit("/", 1)[-1] for r in sites] == ["planned"]
    visits = kg.sparql("SELECT ?d ?st WHERE { ?v a ek:Visit ; ek:date ?d ; ek:status ?st }").rows
    assert [(str(d), str(st).rsplit("/", 1)[-1]) for d, st in visits] == [("2016-10-12", "planned")]
    assert kg.resolve("Emilie Royère")
    kg.close()
