"""Agreements in forms any press release writes (issue 17, round 8): an announced collaboration
between or with named parties, a memorandum whose parties a later sentence names ("involves",
"réunit") and the other side "represented by"; no party that is a country or a city, nor a
witness of the signing; "with" far from the agreement's word; a collaboration concluded or formed,
bodies "signed by"; posts among other fields in brackets and after "de cette institution
académique". Every sentence was written for this test, with invented names, in English and in
French; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import agreements_with_status, post_triples, run

AGREEMENTS = [
    # an announced or welcomed collaboration, between the parties or with a partner
    ("en", "The minister welcomed the announcement of a collaboration between Solvik University and Arcton Labs.",
     [({"Solvik University", "Arcton Labs"}, "reported")]),
    ("en", "Acme Therapeutics announced a new collaboration with the Nordlys Cluster.",
     [({"Acme Therapeutics", "Nordlys Cluster"}, "reported")]),
    ("fr", "La société Genvia a annoncé qu'elle lançait un nouveau service, en collaboration avec l'Université de Lorvane.",
     [({"Genvia", "Université de Lorvane"}, "reported")]),
    ("fr", "La société Genvia et l'Université de Lorvane ont annoncé qu'elles travailleraient en collaboration.",
     [({"Genvia", "Université de Lorvane"}, "reported")]),
    # a collaboration announced for an event, or organised with someone: no agreement
    ("en", "Acme Therapeutics announced a conference organised in collaboration with the Nordlys Cluster.", []),
    ("fr", "La société Genvia organise un atelier en collaboration avec l'Université de Lorvane.", []),
    # the memorandum's parties named after it, the other side represented by two more: four parties
    ("en", "The memorandum was signed on Monday in Lorvik. On the Norwegian side, the memorandum involves the Solvik "
           "Research Institute and Arcton Labs. Sweden is represented by the Tarvo Agency and Vantor Biologics.",
     [({"Solvik Research Institute", "Arcton Labs", "Tarvo Agency", "Vantor Biologics"}, "reported")]),
    ("fr", "Côté français, la convention réunit l'Université de Lorvane et la société Genvia. La Suisse est "
           "représentée par l'Institut Tarvo et la société Biolinea.",
     [({"Université de Lorvane", "Genvia", "Institut Tarvo", "Biolinea"}, "reported")]),
    # countries are no parties; nor are the sentence's other bodies then
    ("en", "The Solvik Research Institute (SRI) is responsible for leading a partnership between Brazil and Uruguay.", []),
    ("fr", "L'Institut Tarvo pilote un partenariat entre la France et le Japon.", []),
    # a witness of the signing is no party
    ("en", "The agreement was signed in Lorvik in the presence of Jane Roe, director of Arcton Labs, and the Tarvo Agency.", []),
    # "with" far from the agreement's word
    ("en", "Acme Therapeutics has concluded a memorandum of understanding (MOU) on cooperation aimed at creating "
           "innovations in the life sciences with the Nordlys Cluster.",
     [({"Acme Therapeutics", "Nordlys Cluster"}, "signed")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), AGREEMENTS)
def test_agreements_of_round_eight_forms(lang: str, text: str, expected: list[tuple[set[str], str]]) -> None:
    wanted = sorted(((frozenset(parties), status) for parties, status in expected), key=lambda pair: sorted(pair[0]))
    assert agreements_with_status(run(lang, text)) == wanted


MORE = [
    # a collaboration concluded or formed; the parties of "signed by", bodies listed with commas
    ("fr", "La société Genvia et l'Université de Lorvane ont noué une collaboration.",
     [({"Genvia", "Université de Lorvane"}, "signed")]),
    ("en", "Acme Therapeutics has formed a collaboration with Solvik University.",
     [({"Acme Therapeutics", "Solvik University"}, "signed")]),
    ("en", "Acme Therapeutics signed an agreement with Solvik University on Monday. The agreement was also signed by "
           "the Tarvo Agency.",
     [({"Acme Therapeutics", "Solvik University", "Tarvo Agency"}, "signed")]),
    ("fr", "Un protocole d'entente a été signé par l'Université de Lorvane, la société Genvia et le pôle Biolinea.",
     [({"Université de Lorvane", "Genvia", "Biolinea"}, "signed")]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), MORE)
def test_collaborations_and_signers(lang: str, text: str, expected: list[tuple[set[str], str]]) -> None:
    wanted = sorted(((frozenset(parties), status) for parties, status in expected), key=lambda pair: sorted(pair[0]))
    assert agreements_with_status(run(lang, text)) == wanted


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the post among other fields in brackets after the body
    ("en", "Nordlys Health Alliance (head office: Oslo, Norway; chairman of the board: Jane Roe; hereinafter NHA) "
           "has signed an agreement with Acme Therapeutics.", {("Jane Roe", "Nordlys Health Alliance", "president")}),
    ("fr", "La société Genvia (siège : Lorvane ; présidente : Marie Roy) a signé une convention avec le pôle Biolinea.",
     {("Marie Roy", "Genvia", "president")}),
    # a demonstrative before the kind word, a university named by what it is
    ("fr", "L’université de Lorvane a signé une convention mardi. « Cette convention va aider », a déclaré le recteur "
           "de cette institution académique, Jean Morel.", {("Jean Morel", "Université de Lorvane", "leader")}),
    ("en", "Solvik University and the Tarvo Agency signed an agreement on Monday. The head of this university, Jane Roe, "
           "welcomed it.", {("Jane Roe", "Solvik University", "leader")}),
    # a minister whose domain is a list with commas, the ministry named as a body in the next sentence
    ("en", "The agreement was signed in the presence of Nordland’s Minister of Science, Technology and Innovation, "
           "Jane Roe. The memorandum involves the Ministry of Science, Technology and Innovation and Acme Therapeutics.",
     {("Jane Roe", "Ministry of Science, Technology and Innovation", "leader")}),
    ("fr", "La ministre de la Recherche, de l’Innovation et du Numérique, Marie Roy, a salué la convention. Le "
           "ministère de la Recherche, de l’Innovation et du Numérique l'a signée lundi.",
     {("Marie Roy", "Ministère de la Recherche, de l’Innovation et du Numérique", "leader")}),
])
def test_posts_of_round_eight_forms(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert post_triples(run(lang, text)) == expected
