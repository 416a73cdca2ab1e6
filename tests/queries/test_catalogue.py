"""Every catalogue query, answered exactly on the seed graph, on Oxigraph and on rdflib's engine."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from ecokg import KnowledgeGraph
from ecokg.queries import catalog, get_query
from ecokg.queries.catalog import KINDS

_CONCAT = re.compile(r"GROUP_CONCAT\(.*?AS \?(\w+)\)", re.S)

EXPECTED: dict[str, list[tuple[str, ...]]] = {
    'acquisitions': [
        # date, acquirer, acquirerLabel, acquired, acquiredLabel, acquisition: the seed has none;
        # tests/queries/test_crunchbase.py checks the answers on a Crunchbase sample
    ],
    'agent-events': [
        # event, eventLabel, as, start, end, status, statusLabel
        ('ekr:adoption-roadmap-2024', 'Regional council vote adopting the biotherapies and bioproduction roadmap', 'organiser', '2024-10-17', '2024-10-17', 'ekst:happened', 'happened'),
        ('ekr:adoption-roadmap-2024', 'Regional council vote adopting the biotherapies and bioproduction roadmap', 'participant', '2024-10-17', '2024-10-17', 'ekst:happened', 'happened'),
        ('ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'organiser', '2024-10-27', '2024-11-01', 'ekst:happened', 'happened'),
    ],
    'agreements': [
        # agreement, agreementLabel, status, statusLabel, signatory, signatoryLabel, signing, signingLabel, date, during, duringLabel, source
        ('ekr:agreement-bioforward-aer-bfc', 'Partnership agreement between BioForward and the Bourgogne-Franche-Comté Regional Economic Agency', 'ekst:planned', 'signing planned', 'ekr:bioforward', 'BioForward', 'ekr:signing-agreement-bioforward-aer-bfc', 'Signing of the partnership agreement between BioForward and AER Bourgogne-Franche-Comté', '', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekd:bfc-wisconsin-2024'),
        ('ekr:agreement-bioforward-aer-bfc', 'Partnership agreement between BioForward and the Bourgogne-Franche-Comté Regional Economic Agency', 'ekst:planned', 'signing planned', 'ekr:aer-bfc', 'Bourgogne-Franche-Comté Regional Economic Agency', 'ekr:signing-agreement-bioforward-aer-bfc', 'Signing of the partnership agreement between BioForward and AER Bourgogne-Franche-Comté', '', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekd:bfc-wisconsin-2024'),
    ],
    'are-linked': [
        # length, first, firstLabel, second, secondLabel: Nicolas Paris heads Gilson
        ('1', '', '', '', ''),
    ],
    'class-counts': [
        # class, classLabel, entities
        ('ek:Excerpt', 'excerpt', '20'),
        ('ek:Sector', 'sector', '10'),
        ('ek:Measure', 'network measure', '8'),
        ('ek:Role', 'role', '8'),
        ('ek:Status', 'status', '6'),
        ('ek:Post', 'post', '5'),
        ('ek:Person', 'person', '4'),
        ('ek:AdministrativeArea', 'administrative area', '3'),
        ('ek:City', 'city', '3'),
        ('ek:Meeting', 'meeting', '3'),
        ('ek:Country', 'country', '2'),
        ('ek:EconomicDevelopmentAgency', 'economic development agency', '2'),
        ('ek:Site', 'site', '2'),
        ('ek:Visit', 'visit', '2'),
        ('ek:Adoption', 'adoption', '1'),
        ('ek:Agreement', 'agreement', '1'),
        ('ek:Cluster', 'cluster', '1'),
        ('ek:Collaboration', 'collaboration', '1'),
        ('ek:Company', 'company', '1'),
        ('ek:Dataset', 'dataset', '1'),
        ('ek:Mission', 'mission', '1'),
        ('ek:PressRelease', 'press release', '1'),
        ('ek:PublicAuthority', 'public authority', '1'),
        ('ek:RegionalAuthority', 'regional authority', '1'),
        ('ek:Signing', 'signing', '1'),
        ('ek:Strategy', 'strategy', '1'),
        ('ek:TradePromotionAgency', 'trade promotion agency', '1'),
    ],
    'companies-in-territory': [
        # company, companyLabel, site, siteLabel
        ('ekr:gilson', 'Gilson', 'ekr:gilson.site.madison', 'Gilson (Madison)'),
    ],
    'delegation-members': [
        # person, personLabel, leads, post, postLabel, organisation, organisationLabel
        ('ekr:martine-abrahamse-pleux', 'Martine Abrahamse-Pleux', 'true', 'ekr:post.martine-abrahamse-pleux.aer-bfc.director-general', 'Directrice Générale de l’Agence Économique Régionale', 'ekr:aer-bfc', 'Bourgogne-Franche-Comté Regional Economic Agency'),
        ('ekr:nicolas-paris', 'Nicolas Paris', 'true', 'ekr:post.nicolas-paris.bioforward.president', 'Président du cluster BioForward', 'ekr:bioforward', 'BioForward'),
        ('ekr:nicolas-paris', 'Nicolas Paris', 'true', 'ekr:post.nicolas-paris.gilson.leader', 'dirigeant de l’entreprise Gilson', 'ekr:gilson', 'Gilson'),
        ('ekr:nicolas-soret', 'Nicolas Soret', 'true', 'ekr:post.nicolas-soret.region-bfc.vice-president', 'Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region'),
    ],
    'entity-card': [
        # subject, predicate, object: Gilson's own statements, those pointing at it, and what
        # the relations pointing at it (a post, a visit) state besides (issue 18), with the labels
        # of the properties named, for the card (issue 16)
        ('ekr:gilson', 'rdf:type', 'ek:Company'),
        ('ekr:gilson', 'rdfs:comment', 'company established in Madison and in Bourgogne-Franche-Comté'),
        ('ekr:gilson', 'rdfs:comment', 'entreprise implantée à Madison et en Bourgogne-Franche-Comté'),
        ('ekr:gilson', 'rdfs:label', 'Gilson'),
        ('ekr:gilson', 'ek:countryOfOrigin', 'ekr:united-states'),
        ('ekr:gilson', 'ek:hasSite', 'ekr:gilson.site.bourgogne-franche-comte'),
        ('ekr:gilson', 'ek:hasSite', 'ekr:gilson.site.madison'),
        ('ekr:gilson.site.bourgogne-franche-comte', 'rdfs:label', 'Gilson (Bourgogne-Franche-Comté)'),
        ('ekr:gilson.site.madison', 'rdfs:label', 'Gilson (Madison)'),
        ('ekr:madison', 'rdfs:label', 'Madison'),
        ('ekr:madison', 'rdfs:label', 'Madison'),
        ('ekr:mission-bfc-usa-2024', 'rdfs:label', 'Bourgogne-Franche-Comté official delegation mission to the United States'),
        ('ekr:mission-bfc-usa-2024', 'rdfs:label', 'Mission de la délégation officielle de Bourgogne-Franche-Comté aux États-Unis'),
        ('ekr:nicolas-paris', 'rdfs:label', 'Nicolas Paris'),
        ('ekr:nicolas-paris', 'ek:headOf', 'ekr:gilson'),
        ('ekr:post.nicolas-paris.gilson.leader', 'rdf:type', 'ek:Post'),
        ('ekr:post.nicolas-paris.gilson.leader', 'rdfs:label', 'dirigeant de l’entreprise Gilson'),
        ('ekr:post.nicolas-paris.gilson.leader', 'ek:heldBy', 'ekr:nicolas-paris'),
        ('ekr:post.nicolas-paris.gilson.leader', 'ek:postIn', 'ekr:gilson'),
        ('ekr:post.nicolas-paris.gilson.leader', 'ek:role', 'ek:Leader'),
        ('ekr:post.nicolas-paris.gilson.leader', 'ek:title', 'dirigeant de l’entreprise Gilson'),
        ('ekr:united-states', 'rdfs:label', 'United States'),
        ('ekr:united-states', 'rdfs:label', 'États-Unis'),
        ('ekr:visit-gilson-madison', 'rdf:type', 'ek:Visit'),
        ('ekr:visit-gilson-madison', 'rdfs:label', 'Visit to the company Gilson in Madison'),
        ('ekr:visit-gilson-madison', 'rdfs:label', 'Visite de l’entreprise Gilson à Madison'),
        ('ekr:visit-gilson-madison', 'ek:location', 'ekr:madison'),
        ('ekr:visit-gilson-madison', 'ek:objective', 'promouvoir la région auprès des entreprises américaines'),
        ('ekr:visit-gilson-madison', 'ek:partOf', 'ekr:mission-bfc-usa-2024'),
        ('ekr:visit-gilson-madison', 'ek:participant', 'ekr:gilson'),
        ('ekr:visit-gilson-madison', 'ek:status', 'ekst:planned'),
        ('ekr:visit-gilson-madison', 'ek:visited', 'ekr:gilson'),
        ('ek:Company', 'rdfs:label', 'company'),
        ('ek:Company', 'rdfs:label', 'entreprise'),
        ('ek:Leader', 'rdfs:label', 'leader'),
        ('ek:Leader', 'rdfs:label', 'dirigeant'),
        ('ek:Post', 'rdfs:label', 'post'),
        ('ek:Post', 'rdfs:label', 'poste'),
        ('ek:Visit', 'rdfs:label', 'visit'),
        ('ek:Visit', 'rdfs:label', 'visite'),
        ('ek:countryOfOrigin', 'rdfs:label', 'country of origin'),
        ('ek:countryOfOrigin', 'rdfs:label', "pays d'origine"),
        ('ek:hasSite', 'rdfs:label', 'has site'),
        ('ek:hasSite', 'rdfs:label', 'a pour site'),
        ('ek:headOf', 'rdfs:label', 'head of'),
        ('ek:headOf', 'rdfs:label', 'dirige'),
        ('ek:heldBy', 'rdfs:label', 'held by'),
        ('ek:heldBy', 'rdfs:label', 'occupé par'),
        ('ek:location', 'rdfs:label', 'location'),
        ('ek:location', 'rdfs:label', 'lieu'),
        ('ek:objective', 'rdfs:label', 'objective'),
        ('ek:objective', 'rdfs:label', 'objectif'),
        ('ek:partOf', 'rdfs:label', 'part of'),
        ('ek:partOf', 'rdfs:label', 'fait partie de'),
        ('ek:participant', 'rdfs:label', 'participant'),
        ('ek:participant', 'rdfs:label', 'participant'),
        ('ek:postIn', 'rdfs:label', 'post in'),
        ('ek:postIn', 'rdfs:label', 'poste au sein de'),
        ('ek:role', 'rdfs:label', 'role'),
        ('ek:role', 'rdfs:label', 'rôle'),
        ('ek:status', 'rdfs:label', 'status'),
        ('ek:status', 'rdfs:label', 'statut'),
        ('ek:title', 'rdfs:label', 'title'),
        ('ek:title', 'rdfs:label', 'intitulé'),
        ('ek:visited', 'rdfs:label', 'visited'),
        ('ek:visited', 'rdfs:label', 'visité'),
        ('ekst:planned', 'rdfs:label', 'planned'),
        ('ekst:planned', 'rdfs:label', 'prévu'),
    ],
    'events-in-period': [
        # start, end, event, eventLabel, typeLabel, status, statusLabel, places, participants
        ('2024-10-17', '2024-10-17', 'ekr:adoption-roadmap-2024', 'Regional council vote adopting the biotherapies and bioproduction roadmap', 'adoption', 'ekst:happened', 'happened', '', 'Bourgogne-Franche-Comté Region'),
        ('2024-10-27', '2024-11-01', 'ekr:meeting-business-france', 'Meeting with Business France', 'meeting', 'ekst:planned', 'planned', '', 'Business France'),
        ('2024-10-27', '2024-11-01', 'ekr:meeting-chicago-illinois-authorities', 'Meeting with the economic authorities of Greater Chicago and Illinois', 'meeting', 'ekst:planned', 'planned', 'Chicago; Illinois', 'Economic authorities of Greater Chicago and Illinois'),
        ('2024-10-27', '2024-11-01', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'meeting', 'ekst:planned', 'planned', 'Wisconsin', 'Wisconsin Economic Development Corporation'),
        ('2024-10-27', '2024-11-01', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'mission', 'ekst:happened', 'happened', 'Illinois; United States; Wisconsin', 'Bourgogne-Franche-Comté Region; Martine Abrahamse-Pleux; Nicolas Paris; Nicolas Soret'),
        ('2024-10-27', '2024-11-01', 'ekr:signing-agreement-bioforward-aer-bfc', 'Signing of the partnership agreement between BioForward and AER Bourgogne-Franche-Comté', 'signing', 'ekst:planned', 'planned', '', 'BioForward; Bourgogne-Franche-Comté Regional Economic Agency'),
        ('2024-10-27', '2024-11-01', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'visit', 'ekst:planned', 'planned', 'Madison', 'Gilson'),
        ('2024-10-27', '2024-11-01', 'ekr:visit-prospects', 'Visits to prospects interested in setting up in Bourgogne-Franche-Comté', 'visit', 'ekst:planned', 'planned', 'United States', ''),
    ],
    'fact-sources': [
        # property, propertyLabel, value, valueLabel, document, documentLabel, date, position, sentence
        ('rdf:type', '', 'ek:Person', 'person', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '2', 'Une délégation officielle de Bourgogne- Franche-Comté, menée par Nicolas Soret, Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi, Martine Abrahamse-Pleux, Directrice Générale de l’Agence Économique Régionale, et Nicolas Paris, Président du cluster BioForward et dirigeant de l’entreprise Gilson implantée dans la région, se sont rendus aux États-Unis du 27 octobre au 1er novembre.'),
        ('rdfs:label', '', 'Nicolas Paris', '', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '2', 'Une délégation officielle de Bourgogne- Franche-Comté, menée par Nicolas Soret, Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi, Martine Abrahamse-Pleux, Directrice Générale de l’Agence Économique Régionale, et Nicolas Paris, Président du cluster BioForward et dirigeant de l’entreprise Gilson implantée dans la région, se sont rendus aux États-Unis du 27 octobre au 1er novembre.'),
        ('skos:altLabel', '', 'Nicolas PARIS', '', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '2', 'Une délégation officielle de Bourgogne- Franche-Comté, menée par Nicolas Soret, Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi, Martine Abrahamse-Pleux, Directrice Générale de l’Agence Économique Régionale, et Nicolas Paris, Président du cluster BioForward et dirigeant de l’entreprise Gilson implantée dans la région, se sont rendus aux États-Unis du 27 octobre au 1er novembre.'),
        ('ek:headOf', 'head of', 'ekr:bioforward', 'BioForward', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '2', 'Une délégation officielle de Bourgogne- Franche-Comté, menée par Nicolas Soret, Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi, Martine Abrahamse-Pleux, Directrice Générale de l’Agence Économique Régionale, et Nicolas Paris, Président du cluster BioForward et dirigeant de l’entreprise Gilson implantée dans la région, se sont rendus aux États-Unis du 27 octobre au 1er novembre.'),
        ('ek:headOf', 'head of', 'ekr:gilson', 'Gilson', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '2', 'Une délégation officielle de Bourgogne- Franche-Comté, menée par Nicolas Soret, Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi, Martine Abrahamse-Pleux, Directrice Générale de l’Agence Économique Régionale, et Nicolas Paris, Président du cluster BioForward et dirigeant de l’entreprise Gilson implantée dans la région, se sont rendus aux États-Unis du 27 octobre au 1er novembre.'),
        ('ek:contributedTo', 'contributed to', 'ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois', '2024-10', '4', 'Fort de son expérience avec BioForward, cluster biotechnologique du Wisconsin, Nicolas PARIS a été sollicité par Marie-Guite DUFAY, Présidente de la Région Bourgogne-Franche-Comté, pour explorer et accompagner la définition d’une stratégie structurant la filière des biothérapies en Bourgogne-Franche- Comté.'),
    ],
    'funding-rounds': [
        # company, companyLabel, currency, rounds, raised, first, last: the seed has none (see
        # tests/queries/test_crunchbase.py)
    ],
    'missing-data': [
        # problem, entity, entityLabel
        ('event without a place', 'ekr:adoption-roadmap-2024', 'Regional council vote adopting the biotherapies and bioproduction roadmap'),
        ('event without a place', 'ekr:meeting-business-france', 'Meeting with Business France'),
        ('event without a place', 'ekr:signing-agreement-bioforward-aer-bfc', 'Signing of the partnership agreement between BioForward and AER Bourgogne-Franche-Comté'),
        ('organisation without a territory (no seat, no site)', 'ekr:business-france', 'Business France'),
    ],
    'mission-programme': [
        # event, eventLabel, typeLabel, status, statusLabel, places, with
        ('ekr:meeting-business-france', 'Meeting with Business France', 'meeting', 'ekst:planned', 'planned', '', 'Business France'),
        ('ekr:meeting-chicago-illinois-authorities', 'Meeting with the economic authorities of Greater Chicago and Illinois', 'meeting', 'ekst:planned', 'planned', 'Chicago; Illinois', 'Economic authorities of Greater Chicago and Illinois'),
        ('ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'meeting', 'ekst:planned', 'planned', 'Wisconsin', 'Wisconsin Economic Development Corporation'),
        ('ekr:signing-agreement-bioforward-aer-bfc', 'Signing of the partnership agreement between BioForward and AER Bourgogne-Franche-Comté', 'signing', 'ekst:planned', 'planned', '', 'BioForward; Bourgogne-Franche-Comté Regional Economic Agency'),
        ('ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'visit', 'ekst:planned', 'planned', 'Madison', 'Gilson'),
        ('ekr:visit-prospects', 'Visits to prospects interested in setting up in Bourgogne-Franche-Comté', 'visit', 'ekst:planned', 'planned', 'United States', ''),
    ],
    'mission-outcomes': [
        # date, item, itemLabel, typeLabel, status, statusLabel, involving, source, sourceLabel
        # (the seed alone: its agreement, signing planned; tests/queries/test_outcomes.py reads a later source)
        ('2024-10', 'ekr:agreement-bioforward-aer-bfc', 'Partnership agreement between BioForward and the Bourgogne-Franche-Comté Regional Economic Agency', 'agreement', 'ekst:planned', 'planned', 'BioForward; Bourgogne-Franche-Comté Regional Economic Agency', 'ekd:bfc-wisconsin-2024', 'Suite au vote de sa feuille de route sur les biothérapies et la bioproduction, la Région Bourgogne-Franche-Comté était présente dans le Wisconsin et l’Illinois'),
    ],
    'neighbourhood': [
        # neighbour, neighbourLabel, distance
        ('ekr:gilson.site.bourgogne-franche-comte', 'Gilson (Bourgogne-Franche-Comté)', '1'),
        ('ekr:gilson.site.madison', 'Gilson (Madison)', '1'),
        ('ekr:nicolas-paris', 'Nicolas Paris', '1'),
        ('ekr:post.nicolas-paris.gilson.leader', 'dirigeant de l’entreprise Gilson', '1'),
        ('ekr:united-states', 'United States', '1'),
        ('ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', '1'),
        ('ekr:bioforward', 'BioForward', '2'),
        ('ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', '2'),
        ('ekr:illinois', 'Illinois', '2'),
        ('ekr:madison', 'Madison', '2'),
        ('ekr:marie-guite-dufay', 'Marie-Guite Dufay', '2'),
        ('ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', '2'),
        ('ekr:post.nicolas-paris.bioforward.president', 'Président du cluster BioForward', '2'),
        ('ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', '2'),
        ('ekr:visit-prospects', 'Visits to prospects interested in setting up in Bourgogne-Franche-Comté', '2'),
        ('ekr:wisconsin', 'Wisconsin', '2'),
    ],
    'organisations-met': [
        # date, organisation, organisationLabel, meeting, meetingLabel, people, status, statusLabel
        ('2024-10-27', 'ekr:chicago-illinois-economic-authorities', 'Economic authorities of Greater Chicago and Illinois', 'ekr:meeting-chicago-illinois-authorities', 'Meeting with the economic authorities of Greater Chicago and Illinois', '', 'ekst:planned', 'planned'),
        ('2024-10-27', 'ekr:gilson', 'Gilson', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', '', 'ekst:planned', 'planned'),
        ('2024-10-27', 'ekr:wedc', 'Wisconsin Economic Development Corporation', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', '', 'ekst:planned', 'planned'),
    ],
    'organisation-people': [
        # person, personLabel, post, postLabel, role, roleLabel, start, end, head
        ('ekr:marie-guite-dufay', 'Marie-Guite Dufay', 'ekr:post.marie-guite-dufay.region-bfc.president', 'Présidente de la Région Bourgogne-Franche-Comté', 'ek:President', 'president', '', '', 'true'),
        ('ekr:nicolas-soret', 'Nicolas Soret', 'ekr:post.nicolas-soret.region-bfc.vice-president', 'Vice-Président en charge des finances, du développement économique, de l’économie sociale et solidaire et de l’emploi', 'ek:VicePresident', 'vice-president', '', '', 'false'),
    ],
    'person-posts': [
        # post, postLabel, organisation, organisationLabel, role, roleLabel, start, end, head
        ('ekr:post.nicolas-paris.bioforward.president', 'Président du cluster BioForward', 'ekr:bioforward', 'BioForward', 'ek:President', 'president', '', '', 'true'),
        ('ekr:post.nicolas-paris.gilson.leader', 'dirigeant de l’entreprise Gilson', 'ekr:gilson', 'Gilson', 'ek:Leader', 'leader', '', '', 'true'),
    ],
    'sector-organisations': [
        # organisation, organisationLabel, via, viaLabel, concerned, concernedLabel
        ('ekr:bioforward', 'BioForward', 'ekr:bioforward', 'BioForward', 'eks:biotechnology', 'Biotechnology'),
        ('ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'eks:biotherapies', 'Biotherapies'),
        ('ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'eks:bioproduction', 'Bioproduction'),
        ('ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'eks:biotherapies', 'Biotherapies'),
    ],
    'sectors': [
        # sector, sectorLabel, broader, broaderLabel, concerned
        ('eks:advanced-manufacturing', 'Advanced manufacturing', '', '', '0'),
        ('eks:agrifood', 'Agri-food', '', '', '1'),
        ('eks:bioproduction', 'Bioproduction', 'eks:biotechnology', 'Biotechnology', '1'),
        ('eks:biotechnology', 'Biotechnology', 'eks:health', 'Health', '3'),
        ('eks:biotherapies', 'Biotherapies', 'eks:biotechnology', 'Biotechnology', '2'),
        ('eks:digital', 'Digital', '', '', '0'),
        ('eks:energy', 'Energy', '', '', '1'),
        ('eks:health', 'Health', '', '', '3'),
        ('eks:medtech', 'Medical technology', 'eks:health', 'Health', '0'),
        ('eks:mobility', 'Mobility', '', '', '1'),
    ],
    'strategies': [
        # roadmap, roadmapLabel, adoptedBy, adoptedByLabel, adopted, sector, sectorLabel, model, modelLabel
        ('ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', '2024-10-17', 'eks:bioproduction', 'Bioproduction', 'ekr:collaboration-madison-milwaukee', 'Madison–Milwaukee collaboration'),
        ('ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', '2024-10-17', 'eks:biotherapies', 'Biotherapies', 'ekr:collaboration-madison-milwaukee', 'Madison–Milwaukee collaboration'),
        ('ekr:roadmap-biotherapies-bioproduction', 'Regional roadmap on biotherapies and bioproduction', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', '2024-10-17', 'eks:health', 'Health', 'ekr:collaboration-madison-milwaukee', 'Madison–Milwaukee collaboration'),
    ],
    'territory-links': [
        # link, via, viaLabel, sideA, sideALabel, sideB, sideBLabel, territoryA, territoryALabel,
        # territoryB, territoryBLabel: a meeting or visit counts for the mission it is part of (issue 16)
        ('agreement', 'ekr:agreement-bioforward-aer-bfc', 'Partnership agreement between BioForward and the Bourgogne-Franche-Comté Regional Economic Agency', 'ekr:aer-bfc', 'Bourgogne-Franche-Comté Regional Economic Agency', 'ekr:bioforward', 'BioForward', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'ekr:martine-abrahamse-pleux', 'Martine Abrahamse-Pleux', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'ekr:nicolas-paris', 'Nicolas Paris', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'ekr:nicolas-soret', 'Nicolas Soret', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:meeting-wedc', 'Meetings with the Wisconsin Economic Development Corporation (WEDC)', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekr:martine-abrahamse-pleux', 'Martine Abrahamse-Pleux', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekr:nicolas-paris', 'Nicolas Paris', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekr:nicolas-soret', 'Nicolas Soret', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:mission-bfc-usa-2024', 'Bourgogne-Franche-Comté official delegation mission to the United States', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:wisconsin', 'Wisconsin', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'ekr:gilson', 'Gilson', 'ekr:madison', 'Madison', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'ekr:martine-abrahamse-pleux', 'Martine Abrahamse-Pleux', 'ekr:madison', 'Madison', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'ekr:nicolas-paris', 'Nicolas Paris', 'ekr:madison', 'Madison', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'ekr:nicolas-soret', 'Nicolas Soret', 'ekr:madison', 'Madison', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('event', 'ekr:visit-gilson-madison', 'Visit to the company Gilson in Madison', 'ekr:region-bfc', 'Bourgogne-Franche-Comté Region', 'ekr:madison', 'Madison', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('post', 'ekr:nicolas-paris', 'Nicolas Paris', 'ekr:gilson', 'Gilson', 'ekr:bioforward', 'BioForward', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
        ('site', 'ekr:gilson', 'Gilson', 'ekr:gilson.site.bourgogne-franche-comte', 'Gilson (Bourgogne-Franche-Comté)', 'ekr:gilson.site.madison', 'Gilson (Madison)', 'ekr:bourgogne-franche-comte', 'Bourgogne-Franche-Comté', 'ekr:wisconsin', 'Wisconsin'),
    ],
    'top-acquirers': [
        # acquirer, acquirerLabel, acquisitions, first, last: the seed has none (see
        # tests/queries/test_crunchbase.py)
    ],
}


def answer(kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    """Rows as short text (CURIEs), concatenated lists sorted (their order is the engine's)."""
    result = kg.query(name, **params)
    columns, rows = result.display_rows()
    concatenated = {columns.index(c) for c in _CONCAT.findall(get_query(name).text) if c in columns}
    return [
        tuple("; ".join(sorted(v.split("; "))) if i in concatenated and v else v for i, v in enumerate(row))
        for row in rows
    ]


def test_every_rq_file_has_an_exact_answer_test() -> None:
    files = {e.name.removesuffix(".rq") for e in resources.files("ecokg.queries").iterdir() if e.name.endswith(".rq")}
    files = {f for f in files if "." not in f}  # NAME.PARAM-VALUE.rq: a variant, tested with NAME
    assert files == set(EXPECTED), f"no exact-answer test for {sorted(files - set(EXPECTED))}"


def test_the_catalogue_is_complete_and_well_declared() -> None:
    queries = catalog()
    assert len(queries) >= 15
    for query in queries:
        assert query.title and query.description
        assert query.form in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
        assert all(p.kind in KINDS and p.description for p in query.parameters)
        # the .rq runs in any SPARQL client: it declares its own prefixes
        used = set(re.findall(r"\b([a-z]+):[A-Za-z]", query.text.split("\n\n", 1)[1]))
        declared = set(re.findall(r"^PREFIX (\w+):", query.text, re.M))
        assert used - {"http", "https"} <= declared, query.name


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_answer_on_oxigraph(seed_kg: KnowledgeGraph, name: str) -> None:
    assert answer(seed_kg, name) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_answer_on_a_remote_endpoint(remote_kg: KnowledgeGraph, name: str) -> None:
    assert answer(remote_kg, name) == EXPECTED[name]


def test_parameters_on_a_remote_endpoint(remote_kg: KnowledgeGraph) -> None:
    assert [r[2] for r in answer(remote_kg, "events-in-period", to="2024-10-20")] == ["ekr:adoption-roadmap-2024"]
    assert [r[4] for r in answer(remote_kg, "agreements", party="BioForward")] == ["ekr:bioforward", "ekr:aer-bfc"]
    assert answer(remote_kg, "agreements", party="Gilson") == []
    assert answer(remote_kg, "territory-links", a="BFC", b="Wisconsin", lang="en") == EXPECTED["territory-links"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_answer_on_rdflib_engine(rdflib_kg: KnowledgeGraph, name: str) -> None:
    assert answer(rdflib_kg, name) == EXPECTED[name]


def test_french_labels(seed_kg: KnowledgeGraph) -> None:
    rows = seed_kg.query("agreements", lang="fr").to_records()
    assert {r["signatoryLabel"] for r in rows} == {"BioForward", "Agence Économique Régionale de Bourgogne-Franche-Comté"}
    # a label missing in the language falls back to another one
    rows = seed_kg.query("delegation-members", lang="en").to_records()
    assert "Président du cluster BioForward" in {r["postLabel"] for r in rows}


def test_parameters_by_label_and_curie(seed_kg: KnowledgeGraph) -> None:
    by_label = answer(seed_kg, "territory-links", a="Bourgogne-Franche-Comte", b="wisconsin")
    by_curie = answer(seed_kg, "territory-links", a="ekr:bourgogne-franche-comte", b="https://w3id.org/ecokg/id/wisconsin")
    assert by_label == by_curie == EXPECTED["territory-links"]


def test_territory_links_take_an_authority_for_its_territory(seed_kg: KnowledgeGraph) -> None:
    by_authority = answer(seed_kg, "territory-links", a="Région Bourgogne-Franche-Comté", b="Wisconsin")
    assert by_authority == EXPECTED["territory-links"]
    # ... and say which territory it stood for (the territory columns).
    assert {r[8] for r in by_authority} == {"Bourgogne-Franche-Comté"}


def test_territory_links_follow_containment_to_the_chicago_meeting(seed_kg: KnowledgeGraph) -> None:
    rows = answer(seed_kg, "territory-links", a="BFC", b="Chicago")
    assert {(r[0], r[1], r[5]) for r in rows} == {("event", "ekr:meeting-chicago-illinois-authorities", "ekr:chicago")}
    # The meeting's side A: the delegation and the organiser of the mission it is part of.
    assert {r[3] for r in rows} == {
        "ekr:martine-abrahamse-pleux", "ekr:nicolas-paris", "ekr:nicolas-soret", "ekr:region-bfc",
    }


def test_territory_links_the_other_way(seed_kg: KnowledgeGraph) -> None:
    rows = answer(seed_kg, "territory-links", a="Wisconsin", b="BFC")
    assert [(r[0], r[1], r[3], r[5]) for r in rows] == [
        ("agreement", "ekr:agreement-bioforward-aer-bfc", "ekr:bioforward", "ekr:aer-bfc"),
        ("post", "ekr:nicolas-paris", "ekr:bioforward", "ekr:gilson"),
        ("site", "ekr:gilson", "ekr:gilson.site.madison", "ekr:gilson.site.bourgogne-franche-comte"),
    ]


def test_companies_containment_is_followed(seed_kg: KnowledgeGraph) -> None:
    assert [r[2] for r in answer(seed_kg, "companies-in-territory", territory="Wisconsin")] == ["ekr:gilson.site.madison"]
    assert [r[2] for r in answer(seed_kg, "companies-in-territory", territory="France")] == ["ekr:gilson.site.bourgogne-franche-comte"]
    assert answer(seed_kg, "companies-in-territory", territory="Illinois") == []


def test_events_of_a_period(seed_kg: KnowledgeGraph, rdflib_kg: KnowledgeGraph) -> None:
    for kg in (seed_kg, rdflib_kg):
        assert [r[2] for r in answer(kg, "events-in-period", to="2024-10-20")] == ["ekr:adoption-roadmap-2024"]
        later = answer(kg, "events-in-period", **{"from": "2024-10-20"})
        assert "ekr:adoption-roadmap-2024" not in [r[2] for r in later] and len(later) == 7
        assert answer(kg, "events-in-period", **{"from": "2025-01-01"}) == []


def test_posts_as_of_a_date_and_optional_filters(seed_kg: KnowledgeGraph, rdflib_kg: KnowledgeGraph) -> None:
    for kg in (seed_kg, rdflib_kg):
        # the seed's posts have no dates: held on any day
        assert answer(kg, "organisation-people", as_of="2024-10-27") == EXPECTED["organisation-people"]
        assert [r[0] for r in answer(kg, "organisation-people", organisation="WEDC")] == []
        assert [r[4] for r in answer(kg, "agreements", party="BioForward")] == ["ekr:bioforward", "ekr:aer-bfc"]
        assert answer(kg, "agreements", party="Gilson") == []
        assert answer(kg, "strategies", strategy="roadmap-biotherapies-bioproduction") == EXPECTED["strategies"]


def test_sector_by_label_follows_the_hierarchy(seed_kg: KnowledgeGraph) -> None:
    rows = answer(seed_kg, "sector-organisations", sector="Health")
    assert {(r[0], r[4]) for r in rows} == {
        ("ekr:bioforward", "eks:biotechnology"),
        ("ekr:region-bfc", "eks:biotherapies"),
        ("ekr:region-bfc", "eks:bioproduction"),
        ("ekr:region-bfc", "eks:health"),
    }
    assert [r[0] for r in answer(seed_kg, "sector-organisations", sector="Énergie")] == ["ekr:region-bfc"]


def test_neighbourhood_hops(seed_kg: KnowledgeGraph) -> None:
    one = answer(seed_kg, "neighbourhood", hops="1")
    assert one == [r for r in EXPECTED["neighbourhood"] if r[2] == "1"]
    three = answer(seed_kg, "neighbourhood", hops="3")
    assert three[: len(EXPECTED["neighbourhood"])] == EXPECTED["neighbourhood"]
    assert {r[2] for r in three} == {"1", "2", "3"}


def test_entity_card_reads_as_a_card(seed_kg: KnowledgeGraph) -> None:
    from ecokg.queries.card import entity_card

    card = entity_card(seed_kg.backend, "Gilson", lang="fr")
    lines = card.text.splitlines()
    assert lines[0] == "Gilson (entreprise)"
    assert "  pays d'origine : États-Unis" in lines or "  pays d’origine : États-Unis" in lines
    assert any(line.startswith("  a pour site") and "Gilson (Madison)" in line for line in lines)
    assert "— qui s’y rapporte —" in lines
    # One labelled line per property, no IRI and no raw triple.
    assert not any("https://" in line or "ekr:" in line for line in lines)
    english = entity_card(seed_kg.backend, "Gilson").text
    assert english.startswith("Gilson (company)\n") and "— pointing at it —" in english


def test_are_linked(seed_kg: KnowledgeGraph) -> None:
    # The shortest chain of facts and its length, not a bare true/false (issue 16).
    assert answer(seed_kg, "are-linked", a="Nicolas Soret", b="Business France") == [
        ("3", "ekr:mission-bfc-usa-2024", "Bourgogne-Franche-Comté official delegation mission to the United States",
         "ekr:meeting-business-france", "Meeting with Business France"),
    ]
    assert answer(seed_kg, "are-linked", a="BioForward", b="Madison–Milwaukee collaboration") == [
        ("2", "ekr:wisconsin", "Wisconsin", "", ""),
    ]
    # Nothing within three facts: no row (`ecokg path` goes further, on the network).
    assert answer(seed_kg, "are-linked", a="Marie-Guite Dufay", b="Milwaukee") == []
