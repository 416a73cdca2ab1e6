"""The extractor's rules are kinds of patterns of the language, not words of the evaluation
articles: each is checked here, in English and in French, on sentences written for the test
(invented names), on the real pipeline (spaCy's models and the rules).

Organisations in lists and bulleted lines, names with lower-case words or common words,
posts from appositions, titles and brackets, agreements and their parties, and the generic
words that are refused as names."""

from __future__ import annotations

import pytest
from article_help import post_triples

from ecokg.loaders.articles import Extraction, extract

PLACES = {"Place", "City", "Country", "AdministrativeArea"}


def _run(lang: str, text: str) -> Extraction:
    return extract(text, lang, (), date="2024-05-01")


def _orgs(result: Extraction) -> set[str]:
    return {c.label for c in result.entities.values() if c.cls not in PLACES | {"Person"} and c.cls in _ORG_CLASSES}


def _places(result: Extraction) -> set[str]:
    return {c.label for c in result.entities.values() if c.cls in PLACES}


def _agreements(result: Extraction) -> list[tuple[set[str], str]]:
    return [
        ({result.entities[v].label for v, _, _ in a.props["signatories"]}, a.props["status"][0][0])
        for a in result.of_class("Agreement")
    ]


_ORG_CLASSES = {
    "Organization", "Company", "Cluster", "EconomicDevelopmentAgency", "RegionalAuthority",
    "PublicAuthority", "TradePromotionAgency", "ResearchOrganization",
}

ORGANISATIONS = [
    # a list announced by a plural kind word and a colon
    ("en", "The programme brings together four companies: Arvella Therapeutics, Corvine Bio, Stellan Diagnostics and Quorra.",
     {"Arvella Therapeutics", "Corvine Bio", "Stellan Diagnostics", "Quorra"}),
    ("fr", "Trois start-up : Nelvia, Hexagen Santé et Ortho Lab rejoignent le pôle.",
     {"Nelvia", "Hexagen Santé", "Ortho Lab"}),
    # a counted plural, then its names in apposition
    ("fr", "Les deux clusters, Nordev et BioSud, ont décidé d'unir leurs forces.", {"Nordev", "BioSud"}),
    ("en", "The two agencies, Norvale and Quessant, share an office.", {"Norvale", "Quessant"}),
    # a list after "with" / "avec"
    ("fr", "Il est l'un des quatre pôles de santé, avec Nordev, BioSud et le Clubster Vantor.",
     {"Nordev", "BioSud", "Clubster Vantor"}),
    # heads in other languages and legal forms
    ("en", "Researchers from Karolinska Institutet, the Universität Basel and Fraunhofer-Gesellschaft joined Roche AG.",
     {"Karolinska Institutet", "Universität Basel", "Fraunhofer-Gesellschaft", "Roche AG"}),
    ("en", "The Helsinki-based Biovian Oy and Lonza Group signed a supply agreement.", {"Biovian Oy", "Lonza Group"}),
    # names with a possessive, common words or lower-case words inside
    ("en", "Patients are treated at St. Anselm’s Hospital and the Women’s College Hospital.",
     {"St. Anselm’s Hospital", "Women’s College Hospital"}),
    ("en", "The Natural Sciences and Engineering Council of Ruritania funds the Regional Council of Tampere.",
     {"Natural Sciences and Engineering Council of Ruritania", "Regional Council of Tampere"}),
    ("fr", "La Communauté d'agglomération du Grand Besançon et la Chambre de commerce et d'industrie de Lyon financent la plateforme.",
     {"Communauté d'agglomération du Grand Besançon", "Chambre de commerce et d'industrie de Lyon"}),
    ("en", "The Department of Health and the Ministry of Economic Affairs back the plan.",
     {"Department of Health", "Ministry of Economic Affairs"}),
    # a cue word and an adjective before the name
    ("fr", "La mission est confiée à l’agence lyonnaise Pixel Nord.", {"Pixel Nord"}),
    ("en", "The work went to the Boston-based company Helix Partners.", {"Helix Partners"}),
    # a name the model reads as a person's, ending in a company's word
    ("en", "Helix Labs (Oslo) and Corvine Bio (Bergen) will exhibit.", {"Helix Labs", "Corvine Bio"}),
    # an organisation's site and where it is
    ("fr", "Le ministre a visité le site de Vendral à Marcy-l'Étoile.", {"Vendral"}),
    # "de la", "of the" inside a name; an acronym and its seat
    ("fr", "Marc Roy, président de la Région Pays de la Loire, a salué le CHU de Rennes.",
     {"Région Pays de la Loire", "CHU de Rennes"}),
    ("en", "The University of the West of Ruritania joined.", {"University of the West of Ruritania"}),
    # a person, "de", then the organisation: the organisation alone
    ("fr", "Étaient présents Anne Morel de Vendral, Luc Favre de Nordev et Sophie Blanc de la Région Bretagne.",
     {"Vendral", "Nordev", "Région Bretagne"}),
    # the name an acronym spells out, with lower-case words or "and" inside
    ("fr", "Une entente a été signée avec l'Agence de développement et d'innovation de la Vallée Rouge (ADI V-R).",
     {"Agence de développement et d'innovation de la Vallée Rouge"}),
    ("en", "It is backed by the Ruritania Department of Employment and Economic Development (DEED).",
     {"Ruritania Department of Employment and Economic Development"}),
    # "and" inside a name whose kind and "of" came before
    ("en", "Its Department of Cell and Chemical Biology will co-develop vectors.", {"Department of Cell and Chemical Biology"}),
    # a post's organisation whose name the model takes for a place
    ("fr", "Paul Girard, directeur général d'Innovaxe, a présenté les résultats.", {"Innovaxe"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ORGANISATIONS)
def test_organisations_by_kind_of_pattern(lang: str, text: str, expected: set[str]) -> None:
    result = _run(lang, text)
    assert expected <= _orgs(result), _orgs(result)


def test_bulleted_lines_after_an_announcement_are_organisations() -> None:
    text = "Its founding members are:\n• Helix Labs\n• Baywater\n• Tampere University Hospital\nThe list grows."
    assert {"Helix Labs", "Baywater", "Tampere University Hospital"} <= _orgs(_run("en", text))
    # without an announcement, a bulleted word is not taken for a name
    assert "Baywater" not in _orgs(_run("en", "Notes:\n• Baywater\n"))
    text = "Les membres fondateurs sont :\n– Nordev\n– Maison Vauclair\n"
    assert {"Nordev", "Maison Vauclair"} <= _orgs(_run("fr", text))


def test_a_counted_kind_is_not_a_name() -> None:
    """"among 11 new Centres of Excellence ... (CECRs)" names a programme's kind, not an
    organisation; "Research" alone is not one either."""
    result = _run("en", "Helix is among 11 new Centres of Excellence for Commercialization and Research (CECRs) announced in Ottawa.")
    assert not {"Centres of Excellence for Commercialization and Research", "Research", "Commercialization"} & _orgs(result)


PLACES_BY_CONTEXT = [
    ("fr", "Il a reçu la préfète de l’Essonne, Josiane Morel, et le maire de Saint-Brieuc.", {"Essonne", "Saint-Brieuc"}),
    ("en", "Speaking were Mike Walden, MP (Burlington), and delegates from the Basque Country.", {"Burlington", "Basque Country"}),
    ("fr", "Une délégation de la préfecture de Kumamoto a visité le Biopôle Vernay.", {"Kumamoto"}),
    # a dateline after a headline, with an abbreviated month
    ("en", "Helix Labs opens a hub\nLEIDEN, the Netherlands, Jan. 9, 2024 – Helix Labs today opened its office.", {"Leiden", "Netherlands"}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), PLACES_BY_CONTEXT)
def test_places_named_by_an_office_or_a_kind(lang: str, text: str, expected: set[str]) -> None:
    result = _run(lang, text)
    assert expected <= _places(result) and not expected & _orgs(result)


POSTS = [
    ("en", "President of the Government of Ruritania Karl Vosk will lead the delegation.",
     ("Karl Vosk", "Government of Ruritania", "president")),
    ("fr", "Selon le président de Nordev Jean Dupuis, le marché progresse.", ("Jean Dupuis", "Nordev", "president")),
    ("fr", "Le président du Gepsa Jean Dupuis a ouvert la séance.", ("Jean Dupuis", "Gepsa", "president")),
    ("en", "Speaking, acting Managing Director of Helix Innovation Ivo Tam said so.",
     ("Ivo Tam", "Helix Innovation", "director-general")),
    # a kind word standing for an organisation named before
    ("en", "The Ruritania Biotech Alliance met in Oslo. The mission, led by Alliance president Karen Dahl, travels in June.",
     ("Karen Dahl", "Ruritania Biotech Alliance", "president")),
    # "de l'" + acronym: the acronym's organisation, not the region that publishes
    ("fr", "La Région Vallée Rouge soutient l'ADI (Agence de développement). Frank Morel, directeur général de l'ADI, a signé.",
     ("Frank Morel", "ADI", "director-general")),
    ("en", "The chief executive of Northwind Labs Jane Okafor opened the day.",
     ("Jane Okafor", "Northwind Labs", "chief-executive")),
    ("en", "According to Tom Reed, Corvine Bio's vice president of operations, the plant will open in 2025.",
     ("Tom Reed", "Corvine Bio", "vice-president")),
    ("en", "Rita Lund, acting Medical Director at Region Vastra, comments on the plan.",
     ("Rita Lund", "Region Vastra", "leader")),
    ("en", "Mary Jo Hale, President of Bayside Hospital, and Founding Board Chair of Helix Innovation, spoke.",
     ("Mary Jo Hale", "Helix Innovation", "president")),
    ("en", "Karl Vosk, who also serves as President of the Nordvik Board of Trustees, opened the session.",
     ("Karl Vosk", "Nordvik", "president")),
    ("en", "Dr Sarah Ng, Head of Research at Stellan Diagnostics, spoke.", ("Sarah Ng", "Stellan Diagnostics", "leader")),
    # a surname with a particle, in mixed case, is still a person's
    ("en", "Anne LeBlanc, CEO of Helix Labs, spoke.", ("Anne LeBlanc", "Helix Labs", "chief-executive")),
    ("en", "The site is ready, said Maria Gomez, Helix Labs' Chief Operating Officer.", ("Maria Gomez", "Helix Labs", "leader")),
    ("en", "Helix Labs, led by Jane Roe, opened a site in Leeds.", ("Jane Roe", "Helix Labs", "leader")),
    ("en", "Anna Berg, executive director of Cluster Nordvik, said the region is ready.",
     ("Anna Berg", "Cluster Nordvik", "director-general")),
    ("en", "Tom Reed, CEO of KTN, said the call opens in June.", ("Tom Reed", "KTN", "chief-executive")),
    ("fr", "Co-signée par Luc Favre (président du Gepsa) et Anne Roux (présidente de Nordev), la convention entre en vigueur.",
     ("Luc Favre", "Gepsa", "president")),
    ("fr", "Pour Luc Morel, directeur de l'innovation chez Agrivalor, l'enjeu est européen.",
     ("Luc Morel", "Agrivalor", "leader")),
    ("fr", "Le cluster Nutravalor, présidé par Luc Morel, compte 80 adhérents.", ("Luc Morel", "Nutravalor", "president")),
    ("fr", "Jean Dupuis, à la tête de l'Agence Nordev depuis 2019, a parlé.", ("Jean Dupuis", "Agence Nordev", "leader")),
    ("fr", "Paul Girard, directeur général d'Innovaxe, a présenté les résultats.", ("Paul Girard", "Innovaxe", "director-general")),
    ("fr", "Marie Roy, PDG de la société Nordev, a signé le document.", ("Marie Roy", "Nordev", "chief-executive")),
]


@pytest.mark.parametrize(("lang", "text", "expected"), POSTS)
def test_posts_by_kind_of_pattern(lang: str, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in post_triples(_run(lang, text))


def test_posts_in_a_list_of_speakers_each_with_their_own_organisations() -> None:
    result = _run("en", "Speaking were: Dr. Ada Voss, President, Natural Sciences and Engineering Council of Ruritania, and Chair "
                        "of the Ruritania Steering Committee; Ben Ode, Parliamentary Assistant to the Minister of Trade, and Chair "
                        "of the Ruritania Investment and Trade Advisory Council; and Dr. Ivo Tam, Helix CEO, and acting Managing "
                        "Director of Helix Innovation.")
    posts = post_triples(result)
    assert {
        ("Ada Voss", "Natural Sciences and Engineering Council of Ruritania", "president"),
        ("Ada Voss", "Ruritania Steering Committee", "president"),
        ("Ben Ode", "Ruritania Investment and Trade Advisory Council", "president"),
        ("Ivo Tam", "Helix Innovation", "director-general"),
    } <= posts
    assert not any(person == "Ben Ode" and org != "Ruritania Investment and Trade Advisory Council" for person, org, _ in posts)


AGREEMENTS = [
    ("en", "Helix Labs signed a memorandum of understanding with the Tampere University Hospital.",
     {"Helix Labs", "Tampere University Hospital"}, "signed"),
    ("en", "An MoU between BioNordic and Medvalley Cluster was signed in Oslo.", {"BioNordic", "Medvalley Cluster"}, "signed"),
    ("en", "Corvine Bio and Stellan Diagnostics have partnered to develop new assays.", {"Corvine Bio", "Stellan Diagnostics"}, "signed"),
    ("en", "The Nordvik group, which includes Baywater, has entered a partnership with the Helix Cluster to develop drugs.",
     {"Nordvik", "Helix Cluster"}, "signed"),
    ("fr", "Le pôle BioSud et l'Agence Adecia signent une convention de partenariat.", {"BioSud", "Agence Adecia"}, "signed"),
    ("fr", "Un accord de partenariat entre BioSud et Innovaxe a été signé à Toulouse.", {"BioSud", "Innovaxe"}, "signed"),
    ("fr", "Nordev et BioSud ont signé un protocole d'accord pour trois ans.", {"Nordev", "BioSud"}, "signed"),
    ("fr", "BioSud s'associe à Nordev pour accompagner les start-up.", {"BioSud", "Nordev"}, "reported"),
    ("en", "The Ruritania Biotech Alliance and Helix Cluster today announced a strategic partnership to connect firms.",
     {"Ruritania Biotech Alliance", "Helix Cluster"}, "reported"),
    ("en", "Nordvik and Helix Cluster sign life sciences pact", {"Nordvik", "Helix Cluster"}, "reported"),
    # the parties through the posts of those who sign
    ("fr", "Co-signée par Luc Favre (président du Gepsa) et Anne Roux (présidente de Nordev), la convention entre en vigueur.",
     {"Gepsa", "Nordev"}, "signed"),
]


@pytest.mark.parametrize(("lang", "text", "parties", "status"), AGREEMENTS)
def test_agreements_and_their_parties(lang: str, text: str, parties: set[str], status: str) -> None:
    found = _agreements(_run(lang, text))
    assert (parties, status) in found, found


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The event was organised by Helix Labs in partnership with Corvine Bio."),
    ("fr", "L'événement est organisé par le pôle BioSud en partenariat avec Nordev."),
])
def test_a_joint_event_is_not_an_agreement(lang: str, text: str) -> None:
    assert _agreements(_run(lang, text)) == []


REFUSED = [
    # a kind of organisation alone, groups of actors, kinds of firm by size
    ("en", "The Company said its Board of Directors and Member States welcome SMEs and Start-ups.",
     {"Company", "Board of Directors", "Member States", "SMEs", "Start-ups"}),
    ("fr", "Les PME et les TPE du Grand Ouest ont rencontré les Partenaires Industriels.",
     {"PME", "TPE", "Partenaires Industriels", "TPE du Grand Ouest"}),
    # a slogan, a post, a programme's part
    ("en", "Delegates met in Boston under the slogan Connect, partner and innovate.", {"Connect"}),
    ("en", "Mary Jo Hale, Founding Board Chair of Helix Innovation, spoke.", {"Founding Board", "Founding Board Chair"}),
    ("en", "Media contact: John Park, Director of Communications, +1 617 555 0101", {"Media", "Media contact"}),
    ("en", "Ben Ode, Parliamentary Assistant to the Minister of Trade, spoke.", {"Minister of Trade"}),
    # fields, kinds in the plural, common nouns written with a capital
    ("en", "The Midwest has become a hub for Cell and Gene Therapy. Today, 40 CDMOs operate there and attract Big Pharma.",
     {"Gene Therapy", "Cell and Gene Therapy", "CDMOs", "40 CDMOs", "Big Pharma"}),
    ("en", "Speaking at the Annual Summit, Governor Mike Dorin said the State and the Initiative would fund the Facility.",
     {"Annual Summit", "Governor Mike Dorin", "State", "Initiative", "Facility"}),
    ("fr", "Depuis cinq ans, la Région a multiplié les appels. Le Conseil Scientifique se réunira en septembre.",
     {"Région", "Conseil Scientifique"}),
    ("fr", "Le Ministre de la Santé et le Maire de Lyon étaient présents.", {"Ministre de la Santé", "Maire de Lyon"}),
]


@pytest.mark.parametrize("tag", ["/PRNewswire/ --", "--(BUSINESS WIRE)--", "– (GLOBE NEWSWIRE) –"])
def test_a_wire_services_tag_is_neither_a_name_nor_a_party(tag: str) -> None:
    result = _run("en", f"OSLO, Norway, May 2, 2024 {tag} Helix Labs and Corvine Bio have signed a memorandum of understanding.")
    assert _agreements(result) == [({"Helix Labs", "Corvine Bio"}, "signed")]
    assert not any("wire" in c.label.lower() for c in result.entities.values())


@pytest.mark.parametrize(("lang", "text", "refused"), REFUSED)
def test_generic_kinds_are_not_proposed(lang: str, text: str, refused: set[str]) -> None:
    result = _run(lang, text)
    labels = {c.label for c in result.entities.values()}
    assert not refused & labels, refused & labels
