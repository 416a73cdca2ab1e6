"""The same article gives the same candidates in every process: no rule's result may depend on
the order of a set of strings, which Python changes from one process to the next (hash
randomisation). "Washington, DC" once joined DC in some processes and Washington in others; a
person the model tagged twice, with and without the body's last word ("Référence Tomas X" and
"Tomas X"), once cut the body's name at either, depending on the process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_SCRIPT = """
import json, sys
from ecokg.loaders.articles import extract
text = sys.stdin.read()
result = extract(text, sys.argv[1], (), date="2025-03-03")
print(json.dumps(sorted((c.cls, c.label, sorted(c.aliases)) for c in result.entities.values())))
"""

_TEXT = (
    "WASHINGTON, DC, USA – The Provinces of Norland and Westmark signed a letter of intent today at "
    "the Helix Convention in Washington, DC. Jane Holloway, CEO of Arcton Labs, and Tom Brandt, "
    "president of the Northwind Alliance, met in Lorvik, Norland, and in Boston."
)


def _outputs(lang: str, text: str, seeds: tuple[str, ...]) -> list[list[list[object]]]:
    outputs = []
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _SCRIPT, lang], input=text, capture_output=True, text=True, env=env, check=True)
        outputs.append(json.loads(done.stdout))
    return outputs


def test_an_article_gives_the_same_candidates_whatever_the_hash_seed() -> None:
    outputs = _outputs("en", _TEXT, ("1", "2", "3"))
    assert outputs[0] == outputs[1] == outputs[2]
    labels = {label for _, label, _ in outputs[0]}
    assert {"Jane Holloway", "Tom Brandt", "Arcton Labs"} <= labels  # the article was read
    places = {label: aliases for cls, label, aliases in outputs[0] if cls in ("Place", "City", "Country")}
    assert "Washington, DC" in places.get("Washington", [])  # the first word's entity, in every process


_GLUED = (
    "Le ministre a présidé la signature de la convention entre le Centre International de Référence "
    "Tomas VERENKO (CIRTV) et l'Hôpital Universitaire de Lorvane. Le directeur a rappelé les progrès "
    "réalisés par l'institution qui émane de la première Dame Tomas VERENKO dans la recherche scientifique."
)


def test_a_person_glued_to_a_body_is_cut_the_same_way_whatever_the_hash_seed() -> None:
    """Seeds 0 and 3 gave "Référence Tomas VERENKO" and "Tomas VERENKO" before the fix."""
    outputs = _outputs("fr", _GLUED, ("0", "3", "5"))
    assert outputs[0] == outputs[1] == outputs[2]
    labels = {label for _, label, _ in outputs[0]}
    assert "Centre International de Référence" in labels and "Tomas Verenko" in labels
    assert not any(label.startswith("Référence") for label in labels)
