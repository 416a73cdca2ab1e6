"""Deterministic synthetic ecosystem graphs, written as N-Quads in the loaders' shape.

The graph looks like what the loaders produce from many sources: one named graph
per source document (``ekg:<doc>``) described with PROV, one ``ek:Excerpt`` per
row, and for every fact an ``rdf:Statement`` deriving it from its row (see
docs/architecture.md and ``ecokg.loaders.base.FactWriter``). Entities are typed
with the ontology's classes, so the SHACL shapes apply and the data conforms.

What is in it: a gazetteer (countries, regions, cities), and per region a
regional authority, an economic development agency, clusters, research
organisations, companies with sites, people holding posts, agreements with
their signings, and missions with meetings and visits, all tagged with sectors
of the bundled sector scheme.

``python -m bench.generate 100k -o bench/out/synthetic-100k.nq`` writes about
100,000 triples; the same size and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ecokg.namespaces import DCTERMS, EK, EKD, EKG, EKR, EKS, PROV, RDF, RDFS, SKOS, XSD

SEED = 20241027
SECTORS = (
    "biotechnology", "biotherapies", "bioproduction", "health", "medtech",
    "agrifood", "energy", "mobility", "digital", "advanced-manufacturing",
)
ROLES = ("President", "VicePresident", "DirectorGeneral", "Leader", "Founder", "ChiefExecutive", "BoardMember")
FIRST = (
    "Alice", "Bruno", "Chloé", "David", "Émilie", "François", "Gabrielle", "Hugo", "Inès", "Jules",
    "Karim", "Léa", "Marc", "Nadia", "Olivier", "Pauline", "Quentin", "Rose", "Samuel", "Théa",
)
LAST = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
    "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
)
STEMS = ("Bio", "Gen", "Cell", "Thera", "Vax", "Medi", "Pharma", "Nova", "Cyto", "Immu", "Neo", "Lyo")
TAILS = ("tech", "logic", "gen", "cure", "labs", "sys", "works", "vance", "ome", "path")
COUNTRIES = (("france", "France"), ("united-states", "United States"), ("germany", "Germany"))

#: Approximate triples per company block; used to size the graph before writing it.
_BLOCK_TRIPLES = 190

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1m`` -> 1000000, ``2500`` -> 2500."""
    text = text.strip().lower()
    if text in SIZES:
        return SIZES[text]
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([km]?)", text)
    if not match:
        raise ValueError(f"not a size: {text!r} (e.g. 10k, 100k, 1m)")
    return int(float(match.group(1)) * {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2)])


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def _iri(value: str) -> str:
    return f"<{value}>"


@dataclass
class _Doc:
    """One source document: its graph, rows and facts (mirrors ``FactWriter``)."""

    doc_id: str
    out: TextIO
    lines: int = 0
    rows: int = 0
    _graph: str = ""
    _document: str = ""
    _excerpt: str = ""

    def __post_init__(self) -> None:
        self._graph = _iri(str(EKG[self.doc_id]))
        self._document = str(EKD[self.doc_id])
        name = self._graph
        self.raw(name, _iri(str(RDF.type)), _iri(str(PROV.Entity)))
        self.raw(name, _iri(str(PROV.wasDerivedFrom)), _iri(self._document))
        self.raw(name, _iri(str(EK.sourceFile)), _lit(f"{self.doc_id}.csv"))
        self.raw(name, _iri(str(EK.loader)), _lit("spreadsheet"))
        self.raw(name, _iri(str(PROV.generatedAtTime)), _lit("2024-11-01T09:00:00+00:00", datatype=str(XSD.dateTime)))
        self.raw(name, _iri(str(EK.sha256)), _lit(hashlib.sha256(self.doc_id.encode()).hexdigest()))
        self.row(f"{self.doc_id}.csv")
        doc = _iri(self._document)
        self.fact(doc, _iri(str(RDF.type)), _iri(str(EK.Dataset)))
        self.fact(doc, _iri(str(RDFS.label)), _lit(f"Ecosystem register {self.doc_id}", "en"))
        self.fact(doc, _iri(str(DCTERMS.title)), _lit(f"Ecosystem register {self.doc_id}", "en"))
        self.fact(doc, _iri(str(DCTERMS.date)), _lit("2024-10", datatype=str(XSD.gYearMonth)))

    def raw(self, s: str, p: str, o: str) -> None:
        self.out.write(f"{s} {p} {o} {self._graph} .\n")
        self.lines += 1

    def row(self, text: str) -> None:
        """Start a new excerpt (a spreadsheet row); following facts derive from it."""
        key = "header" if self.rows == 0 else f"row-{self.rows + 1}"
        excerpt = _iri(f"{self._document}#{key}")
        self.raw(excerpt, _iri(str(RDF.type)), _iri(str(EK.Excerpt)))
        self.raw(excerpt, _iri(str(EK.text)), _lit(text))
        self.raw(excerpt, _iri(str(EK.position)), _lit(str(self.rows), datatype=str(XSD.integer)))
        self.raw(excerpt, _iri(str(DCTERMS.isPartOf)), _iri(self._document))
        self._excerpt = excerpt
        self.rows += 1

    def fact(self, s: str, p: str, o: str) -> None:
        """The fact and its statement, like ``FactWriter.add``."""
        self.raw(s, p, o)
        digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:20]
        st = _iri(f"{self._document}/fact/{digest}")
        self.raw(st, _iri(str(RDF.type)), _iri(str(RDF.Statement)))
        self.raw(st, _iri(str(RDF.subject)), s)
        self.raw(st, _iri(str(RDF.predicate)), p)
        self.raw(st, _iri(str(RDF.object)), o)
        self.raw(st, _iri(str(PROV.wasDerivedFrom)), self._excerpt)


def _e(local: str) -> str:
    return _iri(str(EKR[local]))


def _t(term: object) -> str:
    return _iri(str(term))


@dataclass
class _World:
    rng: random.Random
    regions: list[str] = field(default_factory=list)
    cities: dict[str, list[str]] = field(default_factory=dict)
    authorities: dict[str, str] = field(default_factory=dict)
    agencies: dict[str, str] = field(default_factory=dict)
    clusters: dict[str, list[str]] = field(default_factory=dict)
    organisations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


def _date(rng: random.Random, year_from: int = 2015) -> str:
    return f"{rng.randint(year_from, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _gazetteer(doc: _Doc, world: _World, n_regions: int) -> None:
    typ, label, loc = _t(RDF.type), _t(RDFS.label), _t(EK.locatedIn)
    for cid, name in COUNTRIES:
        doc.row(name)
        doc.fact(_e(cid), typ, _t(EK.Country))
        doc.fact(_e(cid), label, _lit(name, "en"))
    for r in range(n_regions):
        country = COUNTRIES[r % len(COUNTRIES)][0]
        rid = f"region-{r:04d}"
        doc.row(f"Region {r}")
        doc.fact(_e(rid), typ, _t(EK.AdministrativeArea))
        doc.fact(_e(rid), label, _lit(f"Region {r}", "en"))
        doc.fact(_e(rid), loc, _e(country))
        world.regions.append(rid)
        world.cities[rid] = []
        for c in range(5):
            cid = f"city-{r:04d}-{c}"
            doc.row(f"City {r}-{c}")
            doc.fact(_e(cid), typ, _t(EK.City))
            doc.fact(_e(cid), label, _lit(f"City {r}-{c}", "fr"))
            doc.fact(_e(cid), loc, _e(rid))
            world.cities[rid].append(cid)


def _institutions(doc: _Doc, world: _World) -> None:
    typ, label, based = _t(RDF.type), _t(RDFS.label), _t(EK.basedIn)
    for rid in world.regions:
        n = rid.split("-")[1]
        auth, agency = f"authority-{n}", f"agency-{n}"
        doc.row(f"Regional council {n}")
        doc.fact(_e(auth), typ, _t(EK.RegionalAuthority))
        doc.fact(_e(auth), label, _lit(f"Conseil régional {n}", "fr"))
        doc.fact(_e(auth), label, _lit(f"Regional council {n}", "en"))
        doc.fact(_e(auth), based, _e(rid))
        doc.row(f"Economic agency {n}")
        doc.fact(_e(agency), typ, _t(EK.EconomicDevelopmentAgency))
        doc.fact(_e(agency), label, _lit(f"Agence économique {n}", "fr"))
        doc.fact(_e(agency), _t(SKOS.altLabel), _lit(f"AE{n}"))
        doc.fact(_e(agency), _t(EK.acronym), _lit(f"AE{n}"))
        doc.fact(_e(agency), based, _e(rid))
        world.authorities[rid], world.agencies[rid] = _e(auth), _e(agency)
        world.organisations += [_e(auth), _e(agency)]
        world.clusters[rid] = []
        for k in range(2):
            cl = f"cluster-{n}-{k}"
            sector = SECTORS[(int(n) + k) % len(SECTORS)]
            doc.row(f"Cluster {n}-{k}")
            doc.fact(_e(cl), typ, _t(EK.Cluster))
            doc.fact(_e(cl), label, _lit(f"{sector.title()} cluster {n}-{k}", "en"))
            doc.fact(_e(cl), based, _e(rid))
            doc.fact(_e(cl), _t(EK.concernsSector), _t(EKS[sector]))
            world.clusters[rid].append(_e(cl))
            world.organisations.append(_e(cl))
        lab = f"lab-{n}"
        doc.row(f"Research institute {n}")
        doc.fact(_e(lab), typ, _t(EK.ResearchOrganization))
        doc.fact(_e(lab), label, _lit(f"Institut de recherche {n}", "fr"))
        doc.fact(_e(lab), based, _e(world.cities[rid][0]))
        world.organisations.append(_e(lab))


def _person(doc: _Doc, world: _World, org: str, org_local: str, index: int) -> str:
    rng = world.rng
    typ, label = _t(RDF.type), _t(RDFS.label)
    first, last = rng.choice(FIRST), rng.choice(LAST)
    pid = f"person-{index:07d}"
    role = ROLES[rng.randrange(len(ROLES))]
    doc.row(f"{first} {last}, {role} of {org_local}")
    doc.fact(_e(pid), typ, _t(EK.Person))
    doc.fact(_e(pid), label, _lit(f"{first} {last}", "fr"))
    doc.fact(_e(pid), _t(SKOS.altLabel), _lit(f"{first} {last.upper()}"))
    post = f"post.{pid}.{org_local}.{role.lower()}"
    title = f"{role} of {org_local}"
    doc.fact(_e(post), typ, _t(EK.Post))
    doc.fact(_e(post), label, _lit(title, "en"))
    doc.fact(_e(post), _t(EK.heldBy), _e(pid))
    doc.fact(_e(post), _t(EK.postIn), org)
    doc.fact(_e(post), _t(EK.role), _t(EK[role]))
    doc.fact(_e(post), _t(EK.title), _lit(title, "en"))
    if role in ("President", "DirectorGeneral", "ChiefExecutive"):
        doc.fact(_e(pid), _t(EK.headOf), org)
    world.people.append(_e(pid))
    return _e(pid)


def _company(doc: _Doc, world: _World, index: int) -> None:
    rng = world.rng
    typ, label = _t(RDF.type), _t(RDFS.label)
    rid = rng.choice(world.regions)
    city = rng.choice(world.cities[rid])
    local = f"company-{index:06d}"
    name = f"{rng.choice(STEMS)}{rng.choice(TAILS)} {index}"
    doc.row(name)
    co = _e(local)
    doc.fact(co, typ, _t(EK.Company))
    doc.fact(co, label, _lit(name, "en"))
    doc.fact(co, _t(RDFS.comment), _lit(f"{name}, a company of region {rid}", "en"))
    doc.fact(co, _t(EK.basedIn), _e(city))
    for sector in rng.sample(SECTORS, 2):
        doc.fact(co, _t(EK.concernsSector), _t(EKS[sector]))
    doc.fact(co, _t(EK.memberOf), rng.choice(world.clusters[rid]))
    doc.fact(co, _t(EK.foundedDate), _lit(_date(rng, 1990), datatype=str(XSD.date)))
    for k, site_city in enumerate(dict.fromkeys([city, rng.choice(world.cities[rng.choice(world.regions)])])):
        site = f"{local}.site.{k}"
        doc.fact(_e(site), typ, _t(EK.Site))
        doc.fact(_e(site), label, _lit(f"{name} ({site_city})", "en"))
        doc.fact(_e(site), _t(EK.locatedIn), _e(site_city))
        doc.fact(co, _t(EK.hasSite), _e(site))
    world.organisations.append(co)
    for _ in range(1 + (rng.random() < 0.5)):
        _person(doc, world, co, local, len(world.people))


def _agreement(doc: _Doc, world: _World, index: int, mission: tuple[str, str] | None) -> None:
    rng = world.rng
    typ, label = _t(RDF.type), _t(RDFS.label)
    a, b = rng.sample(world.organisations, 2)
    ag, sg = f"agreement-{index:06d}", f"signing-{index:06d}"
    doc.row(f"Agreement {index}")
    doc.fact(_e(ag), typ, _t(EK.Agreement))
    doc.fact(_e(ag), label, _lit(f"Partnership agreement {index}", "en"))
    doc.fact(_e(ag), _t(EK.signatory), a)
    doc.fact(_e(ag), _t(EK.signatory), b)
    doc.fact(_e(sg), typ, _t(EK.Signing))
    doc.fact(_e(sg), label, _lit(f"Signing of agreement {index}", "en"))
    day = _date(rng)
    if mission is not None:  # a signing during a mission is not dated before it (issue 16's check)
        day = max(day, mission[1])
    doc.fact(_e(sg), _t(EK.date), _lit(day, datatype=str(XSD.date)))
    doc.fact(_e(sg), _t(EK.signedAgreement), _e(ag))
    doc.fact(_e(sg), _t(EK.participant), a)
    doc.fact(_e(sg), _t(EK.participant), b)
    if mission is not None:
        doc.fact(_e(sg), _t(EK.partOf), mission[0])


def _mission(doc: _Doc, world: _World, index: int) -> tuple[str, str]:
    """A mission, its meetings and visits: its IRI (as written) and its start date."""
    rng = world.rng
    typ, label = _t(RDF.type), _t(RDFS.label)
    home, away = rng.sample(world.regions, 2)
    mid = _e(f"mission-{index:05d}")
    doc.row(f"Mission {index}")
    doc.fact(mid, typ, _t(EK.Mission))
    doc.fact(mid, label, _lit(f"Delegation {index} from {home} to {away}", "en"))
    start = _date(rng, 2018)
    doc.fact(mid, _t(EK.startDate), _lit(start, datatype=str(XSD.date)))
    doc.fact(mid, _t(EK.organizer), world.authorities[home])
    doc.fact(mid, _t(EK.destination), _e(away))
    doc.fact(mid, _t(EK.concernsSector), _t(EKS[rng.choice(SECTORS)]))
    for person in rng.sample(world.people, min(3, len(world.people))):
        doc.fact(mid, _t(EK.participant), person)
    doc.fact(mid, _t(EK.ledBy), rng.choice(world.people))
    for k in range(3):
        meeting = _e(f"mission-{index:05d}.meeting-{k}")
        doc.fact(meeting, typ, _t(EK.Meeting if k else EK.Visit))
        doc.fact(meeting, label, _lit(f"Meeting {k} of mission {index}", "en"))
        doc.fact(meeting, _t(EK.partOf), mid)
        doc.fact(meeting, _t(EK.location), _e(rng.choice(world.cities[away])))
        doc.fact(meeting, _t(EK.participant), rng.choice(world.organisations))
    return mid, start


def generate(target: int, out: TextIO, *, seed: int = SEED, doc_rows: int = 2_000) -> int:
    """Write about ``target`` quads to ``out``; returns how many were written."""
    rng = random.Random(seed)
    companies = max(4, target // _BLOCK_TRIPLES)
    n_regions = max(4, companies // 60)
    world = _World(rng)
    written = 0

    def docs() -> Iterator[_Doc]:
        number = 0
        while True:
            number += 1
            yield _Doc(f"register-{number:04d}", out)

    supply = docs()
    gazetteer = _Doc("gazetteer", out)
    _gazetteer(gazetteer, world, n_regions)
    _institutions(gazetteer, world)
    written += gazetteer.lines
    doc = next(supply)
    index = 0
    missions = 0
    agreements = 0
    while written + doc.lines < target:
        _company(doc, world, index)
        index += 1
        if index % 25 == 0:
            mission = _mission(doc, world, missions) if len(world.people) > 3 else None
            missions += mission is not None
            _agreement(doc, world, agreements, mission)
            agreements += 1
        if index % 10 == 0:
            _agreement(doc, world, agreements, None)
            agreements += 1
        if doc.rows >= doc_rows:
            written += doc.lines
            doc = next(supply)
    written += doc.lines
    return written


#: Network profile: companies per region, and the share of them with a site elsewhere, signing a
#: partnership, and of people belonging to a second company (the bridges that make brokers).
_NET_COMPANIES_PER_REGION = 100
_NET_CITIES_PER_REGION = 5
_NET_SITE_SHARE = 0.25
_NET_PARTNERSHIP_SHARE = 0.4
_NET_SECOND_MEMBERSHIP = 0.2
_NET_PARTNER_ELSEWHERE = 0.3
#: Projected nodes per region: its companies, about 1.2 people each, its cities and itself.
_NET_NODES_PER_REGION = _NET_COMPANIES_PER_REGION * 2.2 + _NET_CITIES_PER_REGION + 1


def generate_network(nodes: int, out: TextIO, *, seed: int = SEED, doc_rows: int = 2_000) -> int:
    """Write a network-heavy graph whose projection has about ``nodes`` nodes; returns the quads written.

    The ecosystem profile spends most of its triples on provenance and attributes (1M
    triples project to about 13k nodes). This one gives each node only what the shapes
    require (type, label, a traced fact per link, provenance as the loaders write it):
    companies based in cities, people members of one company (a fifth of them of a
    second one, often in another region), partnerships (agreements with two signatories)
    and sites in other cities. About 24 quads per node.
    """
    rng = random.Random(seed)
    n_regions = max(2, round(nodes / _NET_NODES_PER_REGION))
    typ, label = _t(RDF.type), _t(RDFS.label)
    written = 0
    gazetteer = _Doc("network-gazetteer", out)
    cities: list[list[str]] = []
    for cid, name in COUNTRIES:
        gazetteer.row(name)
        gazetteer.fact(_e(cid), typ, _t(EK.Country))
        gazetteer.fact(_e(cid), label, _lit(name, "en"))
    for r in range(n_regions):
        rid = f"net-region-{r:05d}"
        gazetteer.row(f"Region {r}")
        gazetteer.fact(_e(rid), typ, _t(EK.AdministrativeArea))
        gazetteer.fact(_e(rid), label, _lit(f"Region {r}", "en"))
        gazetteer.fact(_e(rid), _t(EK.locatedIn), _e(COUNTRIES[r % len(COUNTRIES)][0]))
        cities.append([])
        for c in range(_NET_CITIES_PER_REGION):
            cid = f"net-city-{r:05d}-{c}"
            gazetteer.fact(_e(cid), typ, _t(EK.City))
            gazetteer.fact(_e(cid), label, _lit(f"City {r}-{c}", "en"))
            gazetteer.fact(_e(cid), _t(EK.locatedIn), _e(rid))
            cities[r].append(cid)
    written += gazetteer.lines
    companies: list[list[str]] = [[] for _ in range(n_regions)]
    doc_number, person, agreement = 0, 0, 0
    doc = _Doc("network-0000", out)
    # Region by region, so partners and second memberships can point back to companies already written.
    for r in range(n_regions):
        for k in range(_NET_COMPANIES_PER_REGION):
            index = r * _NET_COMPANIES_PER_REGION + k
            local = f"net-company-{index:07d}"
            name = f"{rng.choice(STEMS)}{rng.choice(TAILS)} {index}"
            co = _e(local)
            doc.row(name)
            doc.fact(co, typ, _t(EK.Company))
            doc.fact(co, label, _lit(name, "en"))
            doc.fact(co, _t(EK.basedIn), _e(rng.choice(cities[r])))
            if rng.random() < _NET_SITE_SHARE:
                site, site_city = _e(f"{local}.site"), rng.choice(cities[rng.randrange(n_regions)])
                doc.fact(site, typ, _t(EK.Site))
                doc.fact(site, label, _lit(f"{name} ({site_city})", "en"))
                doc.fact(site, _t(EK.locatedIn), _e(site_city))
                doc.fact(co, _t(EK.hasSite), site)
            for _ in range(1 + (rng.random() < 0.2)):
                pid = _e(f"net-person-{person:07d}")
                person += 1
                doc.fact(pid, typ, _t(EK.Person))
                doc.fact(pid, label, _lit(f"{rng.choice(FIRST)} {rng.choice(LAST)}", "fr"))
                doc.fact(pid, _t(EK.memberOf), co)
                if rng.random() < _NET_SECOND_MEMBERSHIP:
                    doc.fact(pid, _t(EK.memberOf), _other_company(rng, companies, r))
            if companies[r] and rng.random() < _NET_PARTNERSHIP_SHARE:
                partner = _other_company(rng, companies, r)
                ag = _e(f"net-agreement-{agreement:07d}")
                agreement += 1
                doc.fact(ag, typ, _t(EK.Agreement))
                doc.fact(ag, label, _lit(f"Partnership {agreement}", "en"))
                doc.fact(ag, _t(EK.signatory), co)
                doc.fact(ag, _t(EK.signatory), partner)
            companies[r].append(co)
            if doc.rows >= doc_rows:
                written += doc.lines
                doc_number += 1
                doc = _Doc(f"network-{doc_number:04d}", out)
    return written + doc.lines


def _other_company(rng: random.Random, companies: list[list[str]], region: int) -> str:
    """A company already written: usually of the same region, sometimes of an earlier one."""
    if region and rng.random() < _NET_PARTNER_ELSEWHERE:
        return rng.choice(companies[rng.randrange(region)])
    return rng.choice(companies[region] or companies[region - 1])


def write(size: str | int, directory: Path, *, seed: int = SEED, profile: str = "ecosystem") -> Path:
    """The generated file for ``size`` (reused when it already exists, and made anew when
    this generator has changed: its name carries a digest of this module's text, since a file
    made by an older generator may no longer pass the shapes).

    ``profile`` "ecosystem": ``size`` is about how many triples; "network": about how
    many nodes the projection has (:func:`generate_network`).
    """
    target = parse_size(size) if isinstance(size, str) else size
    directory.mkdir(parents=True, exist_ok=True)
    if profile not in ("ecosystem", "network"):
        raise ValueError(f"unknown profile {profile!r} (ecosystem or network)")
    version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:8]
    path = directory / f"{'synthetic' if profile == 'ecosystem' else 'network'}-{target}-{seed}-{version}.nq"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            (generate if profile == "ecosystem" else generate_network)(target, handle, seed=seed)
        tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("size", help="about how many triples (or, --profile network, nodes): 10k, 100k, 1m...")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--profile", choices=("ecosystem", "network"), default="ecosystem",
                        help="ecosystem: the realistic mix; network: few attributes, many nodes and links")
    args = parser.parse_args()
    with args.output.open("w", encoding="utf-8") as handle:
        n = (generate if args.profile == "ecosystem" else generate_network)(parse_size(args.size), handle,
                                                                           seed=args.seed)
    print(f"{n} quads -> {args.output}")


if __name__ == "__main__":
    main()
