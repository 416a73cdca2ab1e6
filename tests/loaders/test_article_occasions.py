"""Round 13: events, addresses, regions, verbs glued to a name and native names in brackets,
which a model reads as bodies (occasions.py, verbs.py, notbodies.py, bodies.py, spans.py).
Each in English and in French, on sentences written for the test (invented bodies and people;
the regions, street words and postal codes are real, since they are the knowledge read),
through the real pipeline."""

from __future__ import annotations

from article_help import orgs as _orgs
from article_help import run as _run

from ecokg.loaders.articles.occasions import a_region_pair, an_address, an_event
from ecokg.loaders.articles.verbs import french_verb, verb_end


def _span(sentence: str, name: str) -> tuple[str, int, int]:
    start = sentence.index(name)
    return sentence, start, start + len(name)


def test_an_event_is_no_body_in_both_languages() -> None:
    en = ("It is noticeable that during NordevForum 2013 such a significant cooperation agreement will be signed by "
          "both associations, said Tom Brandt, NordevForum organizer and president of HBA.")
    found = _orgs(_run("en", en))
    assert not any("NordevForum" in name for name in found), found
    assert "HBA" in found
    fr = "Du 4 au 6 mai se sont tenues à Lorvane les Premières journées scientifiques du Helixor, avec l'Institut Darmel."
    assert an_event(*_span(fr, "Premières journées scientifiques"))
    assert an_event(*_span("pendant le Salon Darmel Santé à Lorvane", "Salon Darmel Santé"))
    assert an_event(*_span("lors des Rencontres Nordev de la biotechnologie", "Rencontres Nordev"))
    assert an_event(*_span("the Norvania Life Sciences Summit opens", "Norvania Life Sciences Summit"))
    assert an_event(*_span("during BioNordev 2013 opening ceremony", "BioNordev"))
    assert not an_event(*_span("the Helix Institute signed", "Helix Institute"))
    assert not an_event(*_span("l'Institut Darmel a signé", "Institut Darmel"))
    assert not an_event(*_span("the Vision 2030 Strategy of Helix", "Vision"))


def test_an_address_is_no_body_in_both_languages() -> None:
    en = "The ceremony takes place at the Helix Hotel (Darmel körút 43-49, Budapest H-1073) with the Arcton Institute."
    fr = "La cérémonie a lieu au siège de l'Institut Darmel, 12, rue Helixor, 75015 Paris, avec l'Agence Nordev."
    found = _orgs(_run("en", en))
    assert not {"Darmel", "Budapest H-1073"} & found, found
    assert "Arcton Institute" in found
    assert "Helixor" not in _orgs(_run("fr", fr))
    assert an_address(*_span("(Darmel körút 43-49, Budapest H-1073)", "Darmel"))
    assert an_address(*_span("(Darmel körút 43-49, Budapest H-1073)", "Budapest H-1073"))
    assert an_address(*_span("12, rue Helixor, 75015 Paris", "Helixor"))
    assert an_address(*_span("Helixor Straße 5, D-80331 München", "Helixor"))
    assert an_address(*_span("Helix Network (head office: Darumachi, Kita-ku, Tokyo; chairman: Tom Brandt)", "Darumachi"))
    assert not an_address(*_span("the Helix Institute in Budapest signed", "Helix Institute"))


def test_two_regions_of_the_world_are_no_body() -> None:
    # regions.tsv's areas, each with its compass word: before the continent in English, after it in French
    assert a_region_pair("Central and Eastern Europe")
    assert a_region_pair("Europe centrale et orientale")
    assert a_region_pair("Afrique centrale et occidentale")
    assert a_region_pair("CEE", "the entire region of Central and Eastern Europe (")
    assert not a_region_pair("CEE", "the Norvanian Biotech Association (")
    assert not a_region_pair("Helix and Nordev Labs")
    assert not a_region_pair("Institut Helix et Nordev")


def test_a_native_name_in_brackets_is_the_name_before_it() -> None:
    en = "The agreement was signed by the Norvanian Biotech Association (NBA - Norvaniai Biotechnológiai Szövetség) and Helix Labs."
    fr = "L'accord lie l'Association norvanienne de biotechnologie (ANB - Norvaniai Biotechnológiai Szövetség) et l'Institut Darmel."
    found = _orgs(_run("en", en))
    assert not any("Szövetség" in name for name in found), found
    assert {"Norvanian Biotech Association", "Helix Labs"} <= found
    found = _orgs(_run("fr", fr))
    assert not any("Szövetség" in name for name in found), found
    assert "Institut Darmel" in found


def test_a_verb_glued_to_a_name_is_cut_off() -> None:
    fr = "Le document prévoit que le ministère de la Recherche scientifique facilite le partenariat avec la Fondation Darmel."
    found = _orgs(_run("fr", fr))
    assert "Ministère de la Recherche scientifique" in found, found
    assert not any(name.endswith("facilite") for name in found)
    fr = "À la dissolution de l'OCCN en 2000, le Centre a été mis à disposition de l'Etat norvanien."
    assert not any("disposition" in name for name in _orgs(_run("fr", fr)))
    assert french_verb("facilite") and french_verb("contribue") and french_verb("soutient")
    assert not any(french_verb(w) for w in ("scientifique", "étrangères", "nationale", "recherche", "publique", "médicale"))
    assert verb_end("Institut Darmel de la Recherche médicale contribue") == len("Institut Darmel de la Recherche médicale")
    assert verb_end("Centre Helixor a signé l'accord") == len("Centre Helixor")
    # English spans are left as they are: "a" is an article there
    assert verb_end("Partnership for a Healthy Norvania") is None


def test_a_unit_named_by_its_kind_alone_is_no_body() -> None:
    fr = "C'est le Secrétaire général du Rectorat, Paul Darmel, qui a ouvert la cérémonie de l'Institut Helixor."
    found = _orgs(_run("fr", fr))
    assert "Rectorat" not in found, found
    en = "The Secretary General of the Rectorate, Tom Brandt, opened the ceremony of the Helix Institute."
    found = _orgs(_run("en", en))
    assert "Rectorate" not in found, found


def test_a_plans_committee_is_no_body_in_both_languages() -> None:
    from ecokg.loaders.articles.notbodies import never_a_body

    def refused(text: str) -> bool:
        return never_a_body(text, 0, len(text))

    assert refused("Norvania Bioscience Roadmap Steering Committee")
    assert refused("Helix Strategy Advisory Board")
    assert refused("Comité de pilotage du plan Darmel")
    assert refused("comité de suivi de la feuille de route Helixor")
    # a programme's committee named by its own name, and councils, stay bodies
    assert not refused("Norvanian Centres of Excellence Steering Committee")
    assert not refused("Norvania Life Science Advisory Council")
    assert not refused("Comité Helixor")
