"""``ecokg brief``: the printable briefing on a territory or a mission (:mod:`ecokg.maps.brief`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ecokg.cli.options import AudienceOpt, EndpointOpt, MemoryOpt, StoreOpt, console, open_kg
from ecokg.errors import EcokgError


def brief(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write (self-contained; print it or save it as PDF).")],
    territory: Annotated[str | None, typer.Option("--territory", help="The territory the briefing is on (e.g. Wisconsin).")] = None,
    mission: Annotated[str | None, typer.Option("--mission", help="The mission the briefing is on (id or name).")] = None,
    home: Annotated[str | None, typer.Option("--home", help="With --territory: the home region (default: the territory with the most other actors).")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the page and of the message: en or fr.")] = "en",
    store: StoreOpt = None,
    memory: MemoryOpt = False,
    endpoint: EndpointOpt = None,
    audience: AudienceOpt = "all",
) -> None:
    """Write a printable briefing: actors, links to the home region, agreements, events, brokers, introductions, sources."""
    from ecokg.cli.words import check_lang, say
    from ecokg.maps.brief import write_brief

    check_lang(lang)
    if bool(territory) == bool(mission):
        raise EcokgError("give --territory or --mission (one of them)")
    if home and not territory:
        raise EcokgError("--home goes with --territory")
    with open_kg(store, memory, endpoint, audience=audience) as kg:
        write_brief(kg.backend, output, territory=territory, mission=mission, home=home, lang=lang)
    console.print(say("wrote", lang, output=output), highlight=False, markup=False, soft_wrap=True)
