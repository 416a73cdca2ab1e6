"""Relations in forms any press release writes (issue 17, round 6): a second post after an
affiliation and its seat, an office of an organisation, a title with its own complement before
"at" the body, a narrator's incise inside a quotation; agreements in the plural (one with each
partner), "signed with A and B ... agreements", a participle clause, a formalised collaboration,
partners of an unnamed subject and a speaker's body (no agreement); "this Thursday", "ce jeudi".
Every sentence was written
for this test, with invented names, in English and in French; the real pipeline."""

from __future__ import annotations

import pytest
from article_help import agreements_with_status, post_triples, run

from ecokg.loaders.articles import Extraction, extract

POSTS = [
    # an affiliation and its seat, then the apposition: two posts
    ("en", "Dr Lena Holt of Westbrook University, Ohio, chair of the Nordlys Alliance, opened the session.",
     {("Lena Holt", "Westbrook University", "member"), ("Lena Holt", "Nordlys Alliance", "president")}),
    ("en", "Prof. Jan Ekberg from Solvik University, Norway, founder of Tarvo Therapeutics, spoke first.",
     {("Jan Ekberg", "Solvik University", "member"), ("Jan Ekberg", "Tarvo Therapeutics", "founder")}),
    ("fr", "Le docteur Marie Roy, du CHU de Lorvane, vice-présidente de la société Genvia, a ouvert la séance.",
     {("Marie Roy", "CHU de Lorvane", "member"), ("Marie Roy", "Genvia", "vice-president")}),
    ("fr", "Marie Roux, de l'Université de Lorvane, présidente du réseau Biolinea, a ouvert la séance.",
     {("Marie Roux", "Université de Lorvane", "member"), ("Marie Roux", "Biolinea", "president")}),
    # an office of an organisation: the post is at the organisation
    ("en", "Tom Reyes, director of Vantor Biologics Chicago office, met the delegation. Vantor Biologics employs 300 people.",
     {("Tom Reyes", "Vantor Biologics", "leader")}),
    ("en", "Tom Reyes, head of the Chicago office of Vantor Biologics, met the delegation.",
     {("Tom Reyes", "Vantor Biologics", "leader")}),
    ("fr", "Anne Roux, directrice du bureau de Business France à Chicago, a reçu la délégation.",
     {("Anne Roux", "Business France", "leader")}),
    # an office of a body the sentence does not name: no post (not one at the office's city)
    ("en", "The company has offices in Boston and Oslo. Jane Roe, head of the Oslo office, spoke.", set()),
    # an affiliation between commas in a list of people
    ("fr", "Marie Roy, de Genvia Biotech, et Paul Girard, président du pôle Biolinea, ont visité le site.",
     {("Marie Roy", "Genvia Biotech", "member"), ("Paul Girard", "Biolinea", "president")}),
    # a title with its own complement, then the body after "at" / "chez"
    ("en", "Sara Klein, Deputy Commissioner of Trade at the Ohio Department of Commerce, welcomed the guests.",
     {("Sara Klein", "Ohio Department of Commerce", "member")}),
    ("en", "Sara Klein, Director of Business Development at Vantor Biologics, welcomed the guests.",
     {("Sara Klein", "Vantor Biologics", "leader")}),
    ("en", "Sara Klein, Deputy Director of the Nordlys Cluster, welcomed the guests.",
     {("Sara Klein", "Nordlys Cluster", "member")}),
    ("en", "Jane Roe, Trade Commissioner at the Embassy of Canada in Oslo, opened the meeting.",
     {("Jane Roe", "Embassy of Canada in Oslo", "leader")}),  # round 9: a mission is named with its seat
    ("en", "Jane Roe, General Counsel at Acme Therapeutics, opened the meeting.",
     {("Jane Roe", "Acme Therapeutics", "member")}),
    ("fr", "Anne Roux, directrice des affaires internationales chez Biolinea, a reçu la délégation.",
     {("Anne Roux", "Biolinea", "leader")}),
    ("fr", "Anne Roux, chargée de mission au pôle Biolinea, a reçu la délégation.", {("Anne Roux", "Biolinea", "member")}),
    ("fr", "Anne Roux, commissaire au développement économique de la Communauté urbaine de Lorvane, a reçu la délégation.",
     {("Anne Roux", "Communauté urbaine de Lorvane", "leader")}),
    # the narrator's incise inside a quotation, after a verb of announcing
    ("fr", "Le Biopôle Lorvane-Est accueille dix start-up. « Nous cherchons à conforter le territoire, annonce Paul "
           "Girard, directeur du Biopôle Lorvane-Est. Il y a ici un terreau fertile ».",
     {("Paul Girard", "Biopôle Lorvane-Est", "leader")}),
    ("en", "“This is a milestone, announced Jane Roe, CEO of Acme Therapeutics. We are proud of the team.”",
     {("Jane Roe", "Acme Therapeutics", "chief-executive")}),
    # a field after the French post, before the English one; an adjoint is a member
    ("fr", "La société Genvia Biotech emploie 45 personnes. Sa directrice financière, Sophie Blanc, a présenté les comptes.",
     {("Sophie Blanc", "Genvia Biotech", "leader")}),
    ("fr", "Le directeur commercial de Genvia Biotech, Luc Martin, a présenté l'offre.", {("Luc Martin", "Genvia Biotech", "leader")}),
    ("fr", "Anne Roux, directrice adjointe du pôle Biolinea, a reçu la délégation.", {("Anne Roux", "Biolinea", "member")}),
    ("en", "Acme Therapeutics employs 45 people. Its financial director, Sophie Blanc, presented the accounts.",
     {("Sophie Blanc", "Acme Therapeutics", "leader")}),
    # the heads of universities and faculties
    ("en", "Jane Roe, Vice-Chancellor of Solvik University, welcomed the delegation.", {("Jane Roe", "Solvik University", "leader")}),
    ("fr", "Marie Roy, rectrice de l'Université de Lorvane, a accueilli la délégation.",
     {("Marie Roy", "Université de Lorvane", "leader")}),
    # chairing a body's board, and "(title: name)" after the body
    ("en", "Jane Roe, who chairs the board of Acme Therapeutics, welcomed the delegation.",
     {("Jane Roe", "Acme Therapeutics", "president")}),
    ("fr", "Marie Roy, qui préside le conseil d'administration de Genvia Biotech, a accueilli la délégation.",
     {("Marie Roy", "Genvia Biotech", "president")}),
    ("en", "Acme Therapeutics (CEO: Jane Roe) welcomed the delegation.", {("Jane Roe", "Acme Therapeutics", "chief-executive")}),
    ("fr", "La société Genvia Biotech (présidente : Marie Roy) a accueilli la délégation.",
     {("Marie Roy", "Genvia Biotech", "president")}),
]


@pytest.mark.parametrize(("lang", "text", "expected"), POSTS)
def test_posts_of_round_six_forms(lang: str, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert post_triples(run(lang, text)) == expected


AGREEMENTS = [
    # a plural agreement word with one subject and partners after "with": one agreement each
    ("fr", "L'entreprise Genvia a signé, lundi, avec l'Institut Lorvane et la société Biolinea des conventions d'intention.",
     [({"Genvia", "Biolinea"}, "signed"), ({"Genvia", "Institut Lorvane"}, "signed")]),
    ("fr", "La société Genvia a conclu des accords de partenariat avec l'Université de Lorvane et le pôle Biolinea.",
     [({"Genvia", "Biolinea"}, "signed"), ({"Genvia", "Université de Lorvane"}, "signed")]),
    ("en", "Acme Therapeutics signed separate agreements with Solvik University and the Nordlys Cluster.",
     [({"Acme Therapeutics", "Nordlys Cluster"}, "signed"), ({"Acme Therapeutics", "Solvik University"}, "signed")]),
    ("en", "Acme Bio has signed with Solvik University and the Nordlys Cluster two letters of intent.",
     [({"Acme Bio", "Nordlys Cluster"}, "signed"), ({"Acme Bio", "Solvik University"}, "signed")]),
    # "d'une part ... d'autre part" after "entre": the first party with each of the others
    ("fr", "Deux conventions ont été signées entre, d'une part, le pôle Biolinea et, d'autre part, la société "
           "Genvia Biotech et l'Université de Lorvane.",
     [({"Biolinea", "Genvia Biotech"}, "signed"), ({"Biolinea", "Université de Lorvane"}, "signed")]),
    # one agreement word in the singular: one agreement of its parties
    ("en", "Acme Therapeutics will sign a cooperation agreement with Solvik University and the Nordlys Cluster.",
     [({"Acme Therapeutics", "Solvik University", "Nordlys Cluster"}, "planned")]),
    ("fr", "La société Genvia signera lundi avec le pôle Biolinea un accord-cadre de coopération.",
     [({"Genvia", "Biolinea"}, "planned")]),
    ("en", "Acme Therapeutics and Solvik University signed two agreements.", [({"Acme Therapeutics", "Solvik University"}, "signed")]),
    # a participle clause: its partner and the main clause's subject, then the main clause's own
    ("en", "Having signed an agreement with Solvik University last year, Acme Therapeutics has now concluded a "
           "partnership with the Nordlys Cluster.",
     [({"Acme Therapeutics", "Nordlys Cluster"}, "signed"), ({"Acme Therapeutics", "Solvik University"}, "signed")]),
    ("fr", "Après avoir signé une convention avec l'Université de Lorvane, la société Genvia a noué un partenariat "
           "avec le pôle Biolinea.",
     [({"Genvia", "Biolinea"}, "signed"), ({"Genvia", "Université de Lorvane"}, "signed")]),
    # a kind word as the subject: the organisation called so before (not the "hub" of the same family)
    ("en", "The Nordlys Cluster and Tarvo Health Hub met in Oslo. Earlier this year, the cluster signed separate "
           "agreements with Solvik University and Arcton Labs.",
     [({"Nordlys Cluster", "Arcton Labs"}, "signed"), ({"Nordlys Cluster", "Solvik University"}, "signed")]),
    ("fr", "Le pôle Biolinea et l'agence Lorvane Innovation se sont réunis à Lorvane. En 2024, le pôle a signé des "
           "conventions avec l'Université de Lorvane et la société Genvia Biotech.",
     [({"Biolinea", "Genvia Biotech"}, "signed"), ({"Biolinea", "Université de Lorvane"}, "signed")]),
    # a collaboration formalised
    ("en", "Acme Therapeutics has formalised its collaboration with Solvik University.",
     [({"Acme Therapeutics", "Solvik University"}, "signed")]),
    ("fr", "La société Genvia et l'Université de Lorvane ont officialisé leur collaboration.",
     [({"Genvia", "Université de Lorvane"}, "signed")]),
    # no agreement: partners of a subject the sentence does not name, a speaker's body
    ("en", "Two agreements were signed with Solvik University and the Nordlys Cluster.", []),
    ("fr", "Des conventions ont été signées avec l'Université de Lorvane et le pôle Biolinea.", []),
    ("en", "Acme Therapeutics' clients have reached agreements worth $5 million, said Jane Roe, CEO of the Nordlys Cluster.", []),
    ("fr", "Les clients de la société Genvia ont conclu des contrats pour 5 millions d'euros, précise Marie Roy, "
           "présidente du pôle Biolinea.", []),
]


@pytest.mark.parametrize(("lang", "text", "expected"), AGREEMENTS)
def test_agreements_of_round_six_forms(lang: str, text: str, expected: list[tuple[set[str], str]]) -> None:
    wanted = sorted(((frozenset(parties), status) for parties, status in expected), key=lambda pair: sorted(pair[0]))
    assert agreements_with_status(run(lang, text)) == wanted


def _dates(result: Extraction) -> set[str]:
    return {str(v) for c in result.entities.values() for key in ("date", "start_date", "end_date")
            for v, _, _ in c.props.get(key, [])}


@pytest.mark.parametrize(("lang", "text", "date", "expected"), [
    # "this Thursday", "ce jeudi": the day of the document's week (Monday to Sunday), before or after it
    ("en", "Vantor Biologics signed an agreement with Arcton Labs this Thursday.", "2024-06-10", {"2024-06-13"}),
    ("fr", "Biolinea a signé ce lundi un accord avec Genvia.", "2024-06-13", {"2024-06-10"}),
    # not against a month, and "ce mardi-là" points to a day named before, not to the document's week
    ("fr", "Biolinea a signé ce lundi un accord avec Genvia.", "2024-06", set()),
    ("fr", "Le salon a ouvert le 3 juin. Ce mardi-là, Biolinea a signé un accord avec Genvia.", "2024-06-13", {"2024-06-03"}),
])
def test_a_weekday_of_the_document_week(lang: str, text: str, date: str, expected: set[str]) -> None:
    assert _dates(extract(text, lang, date=date)) == expected
