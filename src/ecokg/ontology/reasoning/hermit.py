"""HermiT, the OWL 2 DL reasoner bundled with owlready2, run on the entities' facts."""

from __future__ import annotations

import subprocess
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from rdflib import Graph, URIRef

from ecokg.errors import ReasoningError
from ecokg.namespaces import EK, RDF
from ecokg.ontology import ontology_graph
from ecokg.ontology.reasoning.facts import Triple, countries_all_different, keep

#: What the second HermiT pass needs: the rules and counting classes read only types and
#: location links, so the pass sees those alone (much smaller than the whole graph).
_SECOND_PASS = frozenset({RDF.type, EK.locatedIn, EK.presentIn, EK.siteLocation, EK.basedIn, EK.hasSite})


@cache
def hermit_version() -> str:
    """The version of the HermiT jar bundled with owlready2."""
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    with zipfile.ZipFile(jar) as archive:
        for line in archive.read("META-INF/MANIFEST.MF").decode().splitlines():
            if line.startswith("Implementation-Version:"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def _call_hermit(graph: Graph, workdir: Path) -> str | None:
    """HermiT's classification output, or None when the ontology is inconsistent."""
    # owlready2's sync_reasoner drops inferred pairs whose inverse is asserted and gives no
    # handle on HermiT's output, so its bundled HermiT is run here with the same command
    # line (plus --ignoreUnsupportedDatatypes for xsd:date) and its output parsed below.
    import owlready2
    from owlready2 import reasoning as owl_reasoning

    path = workdir / "input.nt"
    graph.serialize(destination=path, format="nt", encoding="utf-8")
    command = [
        owlready2.JAVA_EXE, f"-Xmx{owl_reasoning.JAVA_MEMORY}M",
        "-cp", owl_reasoning._HERMIT_CLASSPATH,  # owlready2 has no public name for it
        "org.semanticweb.HermiT.cli.CommandLine",
        "-c", "-O", "-D", "-I", path.as_uri(), "-Y", "--ignoreUnsupportedDatatypes",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=workdir)
    except OSError as exc:
        raise ReasoningError(f"cannot run Java for HermiT ({exc}); install a Java runtime (17+)") from exc
    if done.returncode != 0:
        if "Inconsistent ontology" in done.stdout + done.stderr:
            return None
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise ReasoningError("HermiT failed:\n" + "\n".join(tail))
    return done.stdout


def _parse_hermit(output: str) -> tuple[set[tuple[URIRef, URIRef]], set[tuple[URIRef, URIRef, URIRef]]]:
    """(individual, class) types and (subject, property, object) links in HermiT's output."""
    from owlready2.reasoning import _HERMIT_PROP_REGEXP, _HERMIT_RESULT_REGEXP

    types: set[tuple[URIRef, URIRef]] = set()
    for relation, iris in _HERMIT_RESULT_REGEXP.findall(output):
        if relation == "Type":
            ind, cls = iris.strip()[1:-1].split("> <", 1)
            types.add((URIRef(ind), URIRef(cls)))
    links: set[tuple[URIRef, URIRef, URIRef]] = set()
    for prop, knowns, _possibles in _HERMIT_PROP_REGEXP.findall(output):
        knowns = knowns.strip()[1:-1]
        if not knowns.strip():
            continue
        for pair in knowns.split(")("):
            a, b = pair.strip()[1:-1].split(">, <", 1)
            links.add((URIRef(a), URIRef(prop), URIRef(b)))
    return types, links


def run_hermit(facts: Graph) -> set[Triple] | None:
    """New facts HermiT derives (two passes, so DL-safe rules see derived links), or None."""
    ontology = ontology_graph()
    inferred: set[Triple] = set()
    current = Graph()
    current += facts
    with tempfile.TemporaryDirectory(prefix="ecokg-hermit-") as tmp:
        for second in (False, True):
            graph = Graph()
            graph += ontology
            if second:
                for triple in current:
                    if triple[1] in _SECOND_PASS:
                        graph.add(triple)
            else:
                graph += current
            graph += countries_all_different(current)
            output = _call_hermit(graph, Path(tmp))
            if output is None:
                return None
            types, links = _parse_hermit(output)
            new = {(i, RDF.type, c) for i, c in types} | set(links)
            new = {t for t in new if keep(*t) and t not in current}
            inferred |= new
            for triple in new:
                current.add(triple)
    return inferred
