"""Round 12, organisations from outside knowledge (known_bodies.py, notbodies.py, grammar.py,
lists.py): the national research organisations, public health agencies and intergovernmental
organisations of packaged tables (real bodies, since they are the knowledge read), companies
closed by a legal form of ISO 20275's list, investment promotion agencies, ministries named by
their domain; and what is never a body: a unit of measure, a century, a state's title and its
portfolio, an excellence programme, a project's acronym, a category of bodies, a department of a
field before its parent. Each in English and in French where the language has the form, on
sentences written for the test (invented bodies and people), through the real pipeline."""

from __future__ import annotations

import pytest
from article_help import orgs as _orgs
from article_help import post_triples
from article_help import run as _run

from ecokg.loaders.articles.known_bodies import legal_form_names, legal_forms, research_bodies
from ecokg.loaders.articles.notbodies import a_state_title
from ecokg.text import fold


def _folded(names: set[str]) -> set[str]:
    return {fold(n) for n in names}


def test_the_tables_are_read_from_packaged_data() -> None:
    names, short = research_bodies()
    assert {"Inserm", "CNRS", "NIH", "Fraunhofer", "AU", "UEMOA", "CEDEAO"} <= set(short)
    assert {fold("Institut Pasteur"), fold("Banque mondiale"), fold("Union africaine")} <= set(names)
    assert {"Sdn Bhd", "GmbH", "K.K.", "Pte Ltd", "S.p.A.", "Co., Ltd."} <= set(legal_forms())


#: (language, sentence, bodies the sentence names that the knowledge finds)
KNOWN = [
    ("fr", "Le laboratoire Helvane collabore avec les autres partenaires du site (CHNV, Inrae, Inria, Inserm).",
     {"Inrae", "Inria", "Inserm", "CHNV"}),
    ("en", "Vantora Labs works with partners of the campus (Norvex Clinic, Inria, Inserm) on imaging.",
     {"Inria", "Inserm", "Norvex Clinic"}),
    ("en", "Helvane Biotech presented the plant to the AU in Lorvik.", {"AU", "Helvane Biotech"}),
    ("fr", "Helvane Biotech a reçu la visite de l'OMS et de l'Unicef à Lorvik.", {"OMS", "Unicef"}),
    ("en", "The first agreement involved energy company nuVANTA Holdings Sdn Bhd and Japan's Kirova Corporation to explore fuels.",
     {"nuVANTA Holdings Sdn Bhd", "Kirova Corporation"}),
    ("fr", "Le premier accord associe la société d'énergie nuVANTA Holdings Sdn Bhd et le japonais Kirova Corporation.",
     {"nuVANTA Holdings Sdn Bhd", "Kirova Corporation"}),
    ("en", "The memorandum was signed during Choose Ohio’s economic mission in Canada.", {"Choose Ohio"}),
    ("fr", "BioNorva et Investir en Bretagne ont signé une convention pour leurs membres.", {"BioNorva", "Investir en Bretagne"}),
    ("en", "According to the Economy Ministry, the cooperation with Helvane Labs is part of the plan.", {"Economy Ministry", "Helvane Labs"}),
    # (French typography only: a faculty by its field in lower case, then its seats)
    ("fr", "Anne Morvel, la doyenne de la faculté de pharmacie Lyon-Grenoble, a signé la convention.", {"faculté de pharmacie Lyon-Grenoble"}),
]


@pytest.mark.parametrize(("lang", "sentence", "bodies"), KNOWN)
def test_bodies_known_from_outside_the_articles(lang: str, sentence: str, bodies: set[str]) -> None:
    assert _folded(bodies) <= _folded(_orgs(_run(lang, sentence)))


#: (language, sentence, the name that is no body, the body the sentence names)
NOT_BODIES = [
    ("fr", "Cet équipement de la société Helvane Énergie devrait générer une production annuelle de 302 760 kWh pour l'institut.", "kWh", "Helvane Énergie"),
    ("en", "The panels of Helvane Energy will produce 302,760 kWh a year for the institute.", "kWh", "Helvane Energy"),
    ("fr", "L'alliance entre Helvane Biotech et le pôle Nordev ciblera les matériaux du XXIe siècle.", "XXIe", "Helvane Biotech"),
    ("en", "The alliance of Helvane Biotech and the Nordev Cluster targets the materials of the XXIst century.", "XXIst", "Helvane Biotech"),
    ("fr", "La cérémonie a réuni Helvane Biotech aux côtés du Ministre lorvanien de la Santé Publique et de la Population, Dr. Anne Morvel.",
     "Ministre lorvanien de la Santé Publique", "Helvane Biotech"),
    ("en", "Board members include Ohio Commerce Secretary Nathan Korvel and the Helvane Institute.", "Ohio Commerce", "Helvane Institute"),
    ("fr", "Marc Orvel, directeur du Labex NorvaGen, a rejoint Helvane Biotech.", "Labex NorvaGen", "Helvane Biotech"),
    ("en", "Marc Orvel, director of the Labex NorvaGen, joined Helvane Biotech.", "Labex NorvaGen", "Helvane Biotech"),
    ("fr", "Helvane Biotech a lancé un projet de réseau territorial de surveillance des moustiques vecteurs (RESVOR).", "RESVOR", "Helvane Biotech"),
    ("en", "Helvane Biotech recently launched, together with the Lorvik Health Directorate, a project to set up a territorial network for "
     "the surveillance of vector mosquitoes (RESVEM).", "RESVEM", "Helvane Biotech"),
    ("fr", "Helvane Biotech travaille avec plusieurs UFR de la région.", "UFR", "Helvane Biotech"),
    ("en", "The CDMO said Helvane Biotech will grow.", "CDMO", "Helvane Biotech"),
    ("en", "Dr. Anne Morvel, professor of the Department of Medical and Molecular Genetics at Lorvik University School of Medicine, spoke.",
     "Department of Medical and Molecular Genetics", "Lorvik University School of Medicine"),
    ("fr", "Anne Morvel, professeure au Département de Génétique Moléculaire au sein de l’Université de Lorvane, a parlé.",
     "Département de Génétique Moléculaire", "Université de Lorvane"),
    ("en", "The Cabinet approved a grant to Helvane Biotech on Tuesday.", "Cabinet", "Helvane Biotech"),
    ("fr", "Le Conseil des Ministres a validé mardi l'octroi de subventions en faveur de Helvane Biotech.", "s Ministres", "Helvane Biotech"),
]


@pytest.mark.parametrize(("lang", "sentence", "not_body", "body"), NOT_BODIES)
def test_never_a_body(lang: str, sentence: str, not_body: str, body: str) -> None:
    found = _folded(_orgs(_run(lang, sentence)))
    assert fold(not_body) not in found
    assert fold(body) in found


#: (language, sentence, the whole name)
WHOLE = [
    ("en", "Helvane Labs signed a memorandum with NORCIT (National Council for Scientific and Technological Research) in Lorvik.",
     "National Council for Scientific and Technological Research"),
    ("fr", "Helvane Labs a signé une convention avec le Conseil National de la Recherche Scientifique et Technique, à Lorvik.",
     "Conseil National de la Recherche Scientifique et Technique"),
    ("en", "Dr. Anne Morvel, coordinator of the Helvane Programme for Vaccines in West Africa (HPVWA), signed the memorandum.",
     "Helvane Programme for Vaccines in West Africa"),
    ("fr", "Anne Morvel, directrice de l'Institut Helvane de Recherche en Afrique de l'Ouest (IHRAO), a signé la convention.",
     "Institut Helvane de Recherche en Afrique de l'Ouest"),
]


@pytest.mark.parametrize(("lang", "sentence", "name"), WHOLE)
def test_whole_names(lang: str, sentence: str, name: str) -> None:
    assert fold(name) in _folded(_orgs(_run(lang, sentence)))


def test_a_department_of_a_field_is_its_body_s() -> None:
    result = _run("en", "Dr. Anne Morvel, chairman of the Department of Medical and Molecular Genetics at Lorvik University School of Medicine, spoke.")
    assert _orgs(result) == {"Lorvik University School of Medicine"}  # nor "Molecular Genetics", the field's last words
    result = _run("fr", "Anne Morvel, directrice du Département de Génétique Médicale et Moléculaire au sein de l’Université de Lorvane, a parlé.")
    assert {organisation for _, organisation, _ in post_triples(result)} == {"Université de Lorvane"}


def test_a_state_title_and_its_portfolio() -> None:
    sentence = "Helvane Biotech met the Norvanian Minister of Public Health and Population in Lorvik."
    start = sentence.index("Minister")
    assert a_state_title(sentence, start, start + len("Minister of Public Health"))
    assert not a_state_title("Minister of Public Health Anne Morvel", 0, len("Minister of Public Health Anne Morvel"))


def test_a_generic_word_before_a_generic_form_is_no_company() -> None:
    sentence = "Our Company and the Development Corporation met Helvane Bio SA and Lorvane Holdings Sdn. Bhd. in Lorvik."
    assert [sentence[s:e] for s, e, _ in legal_form_names(sentence)] == ["Helvane Bio SA", "Lorvane Holdings Sdn. Bhd."]
