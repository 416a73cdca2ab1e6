"""The same article gives the same candidates in every process: no rule's result may depend on
the order of a set of strings, which Python changes from one process to the next (hash
randomisation). "Washington, DC" once joined DC in some processes and Washington in others."""

from __future__ import annotations

import json
import os
import subprocess
import sys

_SCRIPT = """
import json, sys
from ecokg.loaders.articles import extract
text = sys.stdin.read()
result = extract(text, "en", (), date="2025-03-03")
print(json.dumps(sorted((c.cls, c.label, sorted(c.aliases)) for c in result.entities.values())))
"""

_TEXT = (
    "WASHINGTON, DC, USA – The Provinces of Norland and Westmark signed a letter of intent today at "
    "the Helix Convention in Washington, DC. Jane Holloway, CEO of Arcton Labs, and Tom Brandt, "
    "president of the Northwind Alliance, met in Lorvik, Norland, and in Boston."
)


def test_an_article_gives_the_same_candidates_whatever_the_hash_seed() -> None:
    outputs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _SCRIPT], input=_TEXT, capture_output=True, text=True, env=env, check=True)
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    labels = {label for _, label, _ in outputs[0]}
    assert {"Jane Holloway", "Tom Brandt", "Arcton Labs"} <= labels  # the article was read
    places = {label: aliases for cls, label, aliases in outputs[0] if cls in ("Place", "City", "Country")}
    assert "Washington, DC" in places.get("Washington", [])  # the first word's entity, in every process
