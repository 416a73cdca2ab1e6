"""Round 9: kinds of bodies, knowledge from outside the articles (bodies.py, grammar.py). French
public bodies written in lower case by their kind and the complement that makes one body
specific; a bare kind is no name; the complements a body's name takes (a field after "en" / "in",
a seat after its acronym, a code after a field, "on" and a field); a title or a department before
a body is not in its name; and what is no body whatever its capitals: a sector or a domain, an
agreement's document and its title, a meeting or a forum of states, a venue, the dateline's
publisher, bodies in the plural. Each in English and in French, on sentences written for the
test (invented bodies and people; the territories are real, since the gazetteer is the
knowledge read), through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import people as _people
from article_help import places as _places
from article_help import run as _run

from ecokg.loaders.articles.bodies import legislature, no_body, sector_terms
from ecokg.loaders.articles.grammar import whole_name
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


#: (language, sentence, the body's whole name)
KINDS = [
    ("fr", "Le président du congrès de la Polynésie française, Tehani Marau, a visité la société Vantara.",
     "congrès de la Polynésie française"),
    ("fr", "Paul Ferrand, en charge de la recherche au haut-commissariat de la République en Polynésie française, était là.",
     "haut-commissariat de la République en Polynésie française"),
    ("fr", "Installée aux côtés des laboratoires du centre hospitalier territorial, la société Genvia recrute.",
     "centre hospitalier territorial"),
    ("fr", "La société Genvia est soutenue par la mairie de Tulle depuis 2019.", "mairie de Tulle"),
    ("fr", "Anne Morel, directrice de la promotion économique du canton de Genève, a reçu la société Genvia.",
     "promotion économique du canton de Genève"),
    ("en", "On 3 May the Embassy of Norway in Kenya organised a meeting for the company Vantora Labs.",
     "Embassy of Norway in Kenya"),
    ("fr", "Le Centre hospitalier universitaire (CHU) de la Martinique a signé une convention avec la société Genvia.",
     "Centre hospitalier universitaire (CHU) de la Martinique"),
    ("fr", "Les chercheurs du Centre de Recherche et de Formation en Parasitologie du Sénégal (CERFPS) ont publié.",
     "Centre de Recherche et de Formation en Parasitologie du Sénégal"),
    ("en", "The Iberian Center for Research in Energy and Materials (ICREM) leads a partnership with Vantora Labs.",
     "Iberian Center for Research in Energy and Materials"),
    ("en", "The push for the project came from the state’s Task Group on Biotechnology headed by Vantora Labs.",
     "Task Group on Biotechnology"),
    ("fr", "La CCI d'Indre et Loire soutient la société Genvia depuis 2019.", "CCI d'Indre et Loire"),
    ("en", "The grant comes from KU Health Wichita, the Prairie Research Institute (PRI) and Vantora Labs.",
     "KU Health Wichita"),
    ("en", "The delegation also visited the biotech incubator KALIX and Nordic Institute of Marine Technology NIMT.", "KALIX"),
    ("en", "The delegation also visited the biotech incubator KALIX and Nordic Institute of Marine Technology NIMT.",
     "Nordic Institute of Marine Technology NIMT"),
    ("fr", "La délégation a visité l’incubateur KALIX et Institut Lorvanien de Recherche Marine ILRM.",
     "Institut Lorvanien de Recherche Marine ILRM"),
    ("fr", "Il a signé un partenariat avec l’Unité Mixte de Recherche VIRALIS (Virus et Îles), dit-il.", "Unité Mixte de Recherche VIRALIS"),
]


@pytest.mark.parametrize(("lang", "text", "whole"), KINDS, ids=[f"{c[0]}-{n}" for n, c in enumerate(KINDS)])
def test_a_body_is_read_by_its_kind_and_its_complement(lang: str, text: str, whole: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(whole) in found
    # and no shorter piece of it is proposed beside the whole name
    assert not [n for n in found if n != fold(whole) and n in fold(whole)]


#: (language, sentence, a bare kind or an event that is no body)
BARE = [
    ("fr", "Le centre hospitalier a reçu la société Genvia la semaine dernière.", "centre hospitalier"),
    ("fr", "La Mission diplomatique a accueilli la société Genvia à Dakar.", "Mission diplomatique"),
    ("fr", "Le congrès de Lyon a réuni 300 chercheurs de la société Genvia.", "congrès de Lyon"),
    ("en", "The National Council met the company Vantora Labs in Oslo.", "National Council"),
]


@pytest.mark.parametrize(("lang", "text", "bare"), BARE, ids=[f"{c[0]}-{n}" for n, c in enumerate(BARE)])
def test_a_bare_kind_or_a_city_congress_is_no_body(lang: str, text: str, bare: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(bare) not in found
    assert any("genvia" in n or "vantora" in n for n in found)  # the sentence's body is still read


def test_a_kind_with_its_usual_qualifiers_only_is_no_body_one_with_a_nationality_is() -> None:
    for sentence, name, bare in (
        ("La Mission diplomatique a reçu Genvia.", "Mission diplomatique", True),
        ("Le Centre hospitalier universitaire a reçu Genvia.", "Centre hospitalier universitaire", True),
        ("L’Agence sénégalaise antidopage a reçu Genvia.", "Agence sénégalaise antidopage", False),
        ("The National Agency met Vantora.", "National Agency", False),  # English: only_a_kind's, not this rule's
    ):
        start = sentence.index(name)
        assert no_body(sentence, start, start + len(name)) is bare, name


def test_a_territory_congress_is_an_assembly_a_city_congress_an_event() -> None:
    assert legislature("congres de la nouvelle-caledonie")
    assert legislature("Congress of the Philippines")
    assert not legislature("congrès de Lyon")
    assert not legislature("congrès de la Société Lorvanienne de Radiologie")


#: (language, sentence, the body, what must not be proposed: the title or the department glued to it)
TITLES = [
    ("fr", "Valérie Morin (PD-G de l’Institut de Recherche pour la Mer (IRM)) était présente à Dakar.",
     "Institut de Recherche pour la Mer", "PD-G"),
    ("fr", "Il a rencontré la Direction du Centre d’incubation d’entreprises de Tulle lundi.",
     "Centre d’incubation d’entreprises de Tulle", "Direction"),
]


@pytest.mark.parametrize(("lang", "text", "body", "glued"), TITLES, ids=[f"{c[0]}-{n}" for n, c in enumerate(TITLES)])
def test_a_title_or_a_department_is_not_the_start_of_a_body(lang: str, text: str, body: str, glued: str) -> None:
    found = _orgs(_run(lang, text))
    assert fold(body) in _folded(found)
    assert not [n for n in found if n.startswith(glued)]


@pytest.mark.parametrize("title", ["CEO of the", "VP of the", "PD-G de l’", "P.-D.G. de l’", "DG de l’"])
def test_a_title_abbreviation_is_cut_from_the_body(title: str) -> None:
    sentence = f"Anna Berg, {title}Institute of Marine Robotics, spoke."
    start = sentence.index(title)
    begin, end, _ = whole_name(sentence, start, sentence.index(",", start), set())
    assert sentence[begin:end] == "Institute of Marine Robotics"


def test_a_country_after_a_named_complement_is_where_the_body_is() -> None:
    result = _run("fr", "Un protocole sera signé entre la société Genvia et l'Université de Médecine de Kaseda du Japon.")
    assert "universite de medecine de kaseda" in _folded(_orgs(result))
    assert "Japon" in _places(result)
    # "Institut Pasteur de X": the seat is the name's own complement, and stays in it
    kept = _run("fr", "La société Genvia a signé avec l'Institut Vantor de Madagascar hier.")
    assert "institut vantor de madagascar" in _folded(_orgs(kept))


#: (language, sentence, what is no body)
NOT_BODIES = [
    ("en", "Priority areas include Bioenergy, Genomics and Medtech, said the company Vantora Labs.", "Bioenergy"),
    ("en", "Priority areas include Bioenergy, Genomics and Medtech, said the company Vantora Labs.", "Genomics"),
    ("en", "Vantora Labs will build the first plant for mRNA vaccines in Kenya.", "mRNA"),
    ("fr", "La Génomique et la Bioproduction sont au cœur du projet de la société Genvia.", "Génomique"),
    ("en", "Vantora Labs and Helix Bio signed a Letter of Intent (LOI) to Cooperate on Marine Research Initiatives today.",
     "Cooperate on Marine Research Initiatives"),
    ("en", "Vantora Labs and Helix Bio signed a Letter of Intent (LOI) to Cooperate on Marine Research Initiatives today.", "LOI"),
    ("fr", "La société Genvia et Helix Bio ont signé une lettre d'intention pour Renforcer la Recherche Marine hier.",
     "Renforcer la Recherche Marine"),
    ("en", "Vantora Labs signed the deal on the sideline of the Third Ministerial Meeting of the Nordic states.",
     "Third Ministerial Meeting"),
    ("en", "Directors of Vantora Labs attended the First Session of the Bilateral Business Committee in Oslo.",
     "Bilateral Business Committee"),
    ("fr", "La société Genvia a participé à la réunion de la Commission mixte franco-lorvanienne à Dakar.",
     "Commission mixte franco-lorvanienne"),
    ("en", "The ceremony of Vantora Labs was held at the Grand Harbour Hotel in Valletta.", "Grand Harbour Hotel"),
    ("fr", "La soirée de la société Genvia a eu lieu à la Maison des associations de Tulle.", "Maison des associations de Tulle"),
    ("en", "OSLO (Nordic Wire) — Vantora Labs signed an agreement with Helix Bio on Monday.", "Nordic Wire"),
    ("en", "The summit of Vantora Labs was supported by the Governments of Alberta and Manitoba.", "Governments of Alberta"),
    ("fr", "Le Service du développement économique de la Ville a accompagné la société Genvia.",
     "Service du développement économique de la Ville"),
    ("fr", "S.E.M Kouadio Yao a reçu la société Genvia à Abidjan.", "S.E.M"),
    ("en", "H.E. Amara Diallo received the company Vantora Labs in Conakry.", "H.E."),
]


@pytest.mark.parametrize(("lang", "text", "thing"), NOT_BODIES, ids=[f"{c[0]}-{n}" for n, c in enumerate(NOT_BODIES)])
def test_what_is_no_body_whatever_its_capitals(lang: str, text: str, thing: str) -> None:
    found = _folded(_orgs(_run(lang, text)))
    assert fold(thing) not in found
    assert any("vantora" in n or "genvia" in n for n in found)  # the sentence's company is still read


def test_a_style_of_address_is_no_place_either() -> None:
    result = _run("fr", "S.E.M Kouadio Yao a reçu la société Genvia à Abidjan.")
    assert not [n for n in _places(result) | _orgs(result) if fold(n).startswith("s.e")]
    assert "Abidjan" in _places(result)


def test_the_sector_scheme_is_read_from_the_package() -> None:
    terms = sector_terms()
    assert {"sante", "health", "biotechnology", "medtech", "energy"} <= terms
    sentence = "Work on Bioenergy and BioHealth goes on."
    # a sector word with a prefix is a domain; the same in mixed case is a name's own shape
    assert no_body(sentence, sentence.index("Bioenergy"), sentence.index("Bioenergy") + 9)
    assert not no_body(sentence, sentence.index("BioHealth"), sentence.index("BioHealth") + 9)


def test_a_name_ending_in_a_kind_of_place_is_no_person() -> None:
    result = _run("en", "Tagus Valley\nThe company Vantora Labs opened a site in the Tagus Valley last year.")
    assert "Tagus Valley" not in _people(result)
