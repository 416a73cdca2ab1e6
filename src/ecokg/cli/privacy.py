"""Personal data and what changed: person-report, forget, log and diff (docs/audiences.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rdflib import URIRef

from ecokg.cli.options import (
    AudienceOpt,
    LangOpt,
    StoreOpt,
    check_format,
    console,
    err_console,
    open_kg,
)
from ecokg.cli.words import check_lang, columns_in, say
from ecokg.errors import EcokgError


def _say(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=True)


def _short(term: Any) -> str:
    from rdflib import Literal, URIRef

    from ecokg.namespaces import PREFIXES

    if isinstance(term, URIRef):
        # The longest namespace: ekgs:inferred, not ekg:ecokg/inferred.
        found = [(len(str(ns)), prefix, str(ns)) for prefix, ns in PREFIXES.items() if str(term).startswith(str(ns))]
        if found:
            _, prefix, namespace = max(found)
            return f"{prefix}:{str(term)[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return f'"{term}"' + (f"@{term.language}" if term.language else "")
    return str(term)


def person_report(
    name: Annotated[str, typer.Argument(help="The person: IRI, CURIE, id, label or alias.")],
    fmt: Annotated[str, typer.Option("--format", "-F", help="table, csv, tsv or json.")] = "table",
    store: StoreOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
) -> None:
    """List every fact the graph holds about a person, with its source (a subject access request)."""
    from ecokg.graph.forget import person_report as report_on
    from ecokg.render import TABLE_FORMATS, print_rows

    check_format(fmt, TABLE_FORMATS)
    check_lang(lang)
    with open_kg(store, audience=audience) as kg:
        report = report_on(kg.backend, kg.resolve(name))
    rows = [(_short(f.graph), _short(f.subject), _short(f.predicate), _short(f.obj), f.sentence or "")
            for f in report.facts]
    if fmt == "json":
        _say(json.dumps({"person": str(report.person), "names": report.names, "sources": report.graphs,
                         "facts": [dict(zip(("graph", "subject", "predicate", "object", "sentence"), r, strict=True))
                                   for r in rows]}, ensure_ascii=False, indent=2))
        return
    print_rows(rows, columns_in(["source", "subject", "property", "value", "sentence"], lang), fmt,
               title=say("facts_about", lang, n=len(rows), who=_short(report.person)), console=console)


def forget(
    name: Annotated[str, typer.Argument(help="The person to erase: IRI, CURIE, id, label or alias.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    store: StoreOpt = None,
    lang: LangOpt = "en",
) -> None:
    """Erase a person and every fact about them from the store and all its generations.

    Their posts and memberships go too, their names are replaced by [removed] in the
    sentences that quote them, and the derived graphs (inferred, analysis) are dropped. The
    erasure is recorded in erasures.jsonl without the personal data.
    """
    from ecokg.errors import EntityNotFound
    from ecokg.graph.forget import forget as erase
    from ecokg.namespaces import EKR

    check_lang(lang)
    with open_kg(store, for_reading=False) as kg:
        try:
            person = kg.resolve(name)
        except EntityNotFound:
            if not name.startswith(("https://", "http://", "ekr:")):
                raise
            # Already erased from the graph: forget sweeps the generations another process kept.
            person = EKR[name.removeprefix("ekr:")] if name.startswith("ekr:") else URIRef(name)
        if not yes and not typer.confirm(say("confirm_erase", lang, person=person), err=True):
            raise typer.Exit(1)
        done = erase(kg.backend, person)
    _say(say("erased", lang, person=person, facts=done.facts_removed, redacted=done.sentences_redacted)
         + (say("old_generations", lang, names=", ".join(done.dropped)) if done.dropped else ""))
    if not done.sources:
        return
    sources = ", ".join(_short_graph(g) for g in done.sources)
    err_console.print(say("still_named", lang, sources=sources), highlight=False, markup=False, soft_wrap=True)


def log(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-F", help="table or json.")] = "table",
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
) -> None:
    """List the generations the store keeps: when, which kind of write, which sources."""
    from ecokg.graph.forget import erasures
    from ecokg.graph.history import KEEP_ENV
    from ecokg.graph.history import log as generations_of
    from ecokg.render import print_rows

    check_format(fmt, ("table", "json"))
    check_lang(lang)
    with open_kg(store) as kg:
        infos = generations_of(kg.backend, audience)
        erased = erasures(kg.backend.root)
    if fmt == "json":
        _say(json.dumps({"generations": [_info_json(i) for i in infos], "erasures": erased}, indent=2))
        return
    # To the second in the table (-F json has the microseconds a write recorded).
    rows = [(i.name + (say("current_mark", lang) if i.current else ""), re.sub(r"\.\d+", "", i.written or ""), i.kind,
             ", ".join(_short_graph(g) for g in i.loaded) or "-", ", ".join(_short_graph(g) for g in i.gone) or "-",
             len(i.sources)) for i in infos]
    print_rows(rows, columns_in(["generation", "written", "write", "sources loaded", "sources gone", "sources"], lang),
               title=say("generations", lang), console=console)
    if len(infos) < 2:
        err_console.print(say("one_generation", lang, env=KEEP_ENV), highlight=False, markup=False)
    for item in erased:
        _say(say("erasure", lang, when=item["erased_at"], facts=item["facts_removed"],
                 digest=item["subject_sha256"][:16]))


def _short_graph(graph: str) -> str:
    from ecokg.namespaces import EKG

    return graph.removeprefix(str(EKG))


def _info_json(info: Any) -> dict[str, Any]:
    return {"generation": info.name, "current": info.current, "written": info.written, "write": info.kind,
            "loaded": info.loaded, "gone": info.gone,
            "sources": [vars(s) for s in info.sources]}


def diff(
    old: Annotated[str | None, typer.Argument(help="A kept generation (gen-000004) or an export (.nq, .trig); default: the one before NEW.")] = None,
    new: Annotated[str | None, typer.Argument(help="A kept generation or an export; default: the current graph.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-F", help="text or json.")] = "text",
    map_file: Annotated[Path | None, typer.Option("--map", help="Also write an HTML map of NEW where what changed is coloured.")] = None,
    store: StoreOpt = None,
    audience: AudienceOpt = "all",
    lang: LangOpt = "en",
) -> None:
    """List the facts added and removed between two generations, by entity, with their sources."""
    from ecokg.graph.audience import check_audience
    from ecokg.graph.history import diff as compare
    from ecokg.graph.history import open_snapshot

    check_format(fmt, ("text", "json"))
    check_lang(lang)
    check_audience(audience)
    with open_kg(store) as kg:
        backend = kg.backend
        if new is None:
            new = getattr(backend, "generation", None) or "current"
        if old is None:
            from ecokg.graph.history import log as generations_of

            names = [i.name for i in generations_of(backend)]
            earlier = [n for n in names if n < new] if new in names else []
            if not earlier:
                raise EcokgError("no earlier generation to compare with: give OLD (an export, .nq or .trig), "
                                 "or keep generations with ECOKG_KEEP_GENERATIONS (see ecokg log)")
            old = earlier[-1]
        before, after = open_snapshot(backend, old), open_snapshot(backend, new)
        changes = compare(before, after, audience)
        if map_file is not None:
            _write_map(after, audience, changes, map_file, lang)
    if fmt == "json":
        _say(json.dumps([{"entity": c.entity, "label": c.label,
                          "added": [_fact_json(f) for f in c.added], "removed": [_fact_json(f) for f in c.removed]}
                         for c in changes], ensure_ascii=False, indent=2))
        return
    added, removed = sum(len(c.added) for c in changes), sum(len(c.removed) for c in changes)
    _say(say("diff_summary", lang, old=old, new=new, added=added, removed=removed, n=len(changes)))
    for change in changes:
        _say(f"\n{change.label or _short(change.entity)} ({_short_iri(change.entity)})")
        for sign, items in (("+", change.added), ("-", change.removed)):
            for fact in items:
                _say(f"  {sign} {_short_iri(fact.predicate)} {_short(fact.obj)}")
                for graph, sentence in fact.sources:
                    _say(say("diff_source", lang, graph=_short_graph(graph))
                         + ((" : " if lang == "fr" else ": ") + sentence if sentence else ""))


def _short_iri(iri: str) -> str:
    from rdflib import URIRef

    return _short(URIRef(iri))


def _fact_json(fact: Any) -> dict[str, Any]:
    return {"property": fact.predicate, "value": str(fact.obj),
            "sources": [{"graph": g, "sentence": s} for g, s in fact.sources]}


def _write_map(after: Any, audience: str, changes: list[Any], output: Path, lang: str = "en") -> None:
    """The map of the new graph with the changed entities picked out (``--color-by`` the diff)."""
    from ecokg.graph.audience import view
    from ecokg.graph.history import changed_entities
    from ecokg.maps.visualize import write_map

    added, removed = changed_entities(changes)
    marks = {**dict.fromkeys(removed, "removed"), **dict.fromkeys(added, "new")}
    result = write_map(view(after, audience), output, title=say("what_changed", lang), marks=marks, lang=lang)
    err_console.print(say("wrote_diff_map", lang, output=output, nodes=result.nodes, n=len(added)),
                      highlight=False, markup=False, soft_wrap=True)


__all__ = ["diff", "forget", "log", "person_report"]
