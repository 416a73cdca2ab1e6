"""The HTML page of a map: one self-contained, offline file.

The page is ecokg's own template (``templates/map.html.j2``), which inlines the vis-network
script and stylesheet that the pyvis package ships, plus ecokg's small script for the legend,
search, filters, neighbourhood highlighting and the provenance panel. The page makes no
network request: a Content-Security-Policy (``default-src 'none'``, scripts allowed by their
SHA-256 only) forbids it even if something were missed.

Data reaches the page as JSON inside ``<script type="application/json">`` with ``<``, ``>``,
``&``, U+2028 and U+2029 escaped, and the page script writes every label, property and quote
with ``textContent`` (tooltips are DOM elements, never HTML strings).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

from ecokg.errors import EcokgError
from ecokg.maps.layout import SEED


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no character can close it or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@cache
def page_assets() -> dict[str, str]:
    """vis-network (shipped by pyvis, licence header kept) and ecokg's script and style."""
    vis = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    own = resources.files("ecokg.maps").joinpath("templates")
    assets = {
        "vis_js": vis.joinpath("vis-network.min.js").read_text(encoding="utf-8"),
        "vis_css": vis.joinpath("vis-network.css").read_text(encoding="utf-8"),
        "map_js": own.joinpath("map.js").read_text(encoding="utf-8"),
        "map_css": own.joinpath("map.css").read_text(encoding="utf-8"),
        "template": own.joinpath("map.html.j2").read_text(encoding="utf-8"),
    }
    # Inlined verbatim, so none may close its element early (a different pyvis, say).
    for name, closing in (("vis_js", "</script"), ("map_js", "</script"), ("vis_css", "</style"), ("map_css", "</style")):
        if closing in assets[name].lower():
            raise EcokgError(f"cannot inline {name}: it contains {closing}")
    return assets


def script_hash(text: str) -> str:
    """The Content-Security-Policy source that allows an inline script: ``'sha256-…'``."""
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def page_html(*, lang: str, title: str, meta: dict[str, Any], page_data: dict[str, Any], options: dict[str, Any]) -> str:
    """The page: ecokg's template with the scripts and styles inlined, the data as safe JSON, and a
    Content-Security-Policy that lets only these scripts (by their SHA-256) run."""
    from jinja2 import Environment
    from markupsafe import Markup

    assets = page_assets()
    scripts = (assets["vis_js"], assets["map_js"])
    csp = (
        "default-src 'none'; script-src " + " ".join(script_hash(s) for s in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "form-action 'none'; base-uri 'none'"
    )
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(assets["template"]).render(
        lang=lang, title=title, csp=csp,
        vis_css=Markup(assets["vis_css"]), map_css=Markup(assets["map_css"]),
        vis_js=Markup(assets["vis_js"]), map_js=Markup(assets["map_js"]),
        meta_json=Markup(script_json(meta)), graph_json=Markup(script_json(page_data)),
        options_json=Markup(script_json(options)),
    )


def vis_options(net: Any, physics: bool, n: int) -> dict[str, Any]:
    """vis-network options through pyvis: physics that stabilises then stops, or none."""
    if physics:
        net.force_atlas_2based(gravity=-120, central_gravity=0.02, spring_length=160, spring_strength=0.05,
                               damping=0.5, overlap=1)
    else:
        net.toggle_physics(False)
    options = json.loads(net.options.to_json())
    options["physics"]["stabilization"] = {"enabled": physics, "iterations": 400, "fit": True}
    options["interaction"] = {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 500,
                              "hideEdgesOnZoom": n > 500, "navigationButtons": False, "keyboard": False}
    options["nodes"] = {"font": {"size": 17, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                        "borderWidth": 1.5, "widthConstraint": {"maximum": 250}}
    options["edges"] = {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"color": "#9aa5b1", "highlight": "#334155"},
                        "font": {"size": 11, "color": "#52606d", "strokeWidth": 3, "strokeColor": "#ffffff", "face": "system-ui, sans-serif"},
                        "width": 1.2, "selectionWidth": 2, "smooth": {"enabled": physics, "type": "dynamic"}}
    options["layout"] = {"randomSeed": SEED, "improvedLayout": False}
    return options


__all__ = ["page_assets", "page_html", "script_hash", "script_json", "vis_options"]
