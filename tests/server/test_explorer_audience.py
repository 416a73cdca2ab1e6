"""The explorer's routes answer on the requester's audience, like ``/queries`` and ``/map``:
the confidential prospect of tests/audiences appears for the team's token, never for anonymous."""

from __future__ import annotations

import httpx
import pytest

from audiences.conftest import MARKER, TOKENS, audience_server, mixed_store  # noqa: F401 (the fixtures)

ROUTES = [
    ("/entity/bioforward", {}),
    ("/brief", {"territory": "Bourgogne-Franche-Comté"}),
    ("/download/organisation-people", {"organisation": "BioForward", "format": "csv"}),
    ("/api/centrality", {"measure": "degree", "top": "100"}),
]


@pytest.mark.parametrize(("audience", "sees"), [(None, False), ("wrong", False), ("all", True)])
def test_explorer_routes_answer_on_the_audience(audience_server: str, audience: str | None, sees: bool) -> None:  # noqa: F811
    headers = {} if audience is None else {"Authorization": f"Bearer {TOKENS.get(audience, 'not-a-token')}"}
    for path, params in ROUTES:
        response = httpx.get(audience_server + path, params=params, headers=headers, timeout=120)
        assert response.status_code == 200, (path, response.text)
        assert response.headers["x-ecokg-audience"] == ("all" if sees else "public")
        assert (MARKER in response.content.decode("utf-8-sig").lower()) is sees, (path, audience)
    # A hidden entity has no page and no path for the public: it is an unknown name.
    hidden = httpx.get(audience_server + "/entity/zorblaxia-biologics", headers=headers, timeout=120)
    assert (hidden.status_code == 200) is sees
    found = httpx.get(audience_server + "/api/path", params={"from": "Zorblaxia Biologics", "to": "BioForward"},
                     headers=headers, timeout=120)
    assert (found.status_code == 200) is sees
    if not sees:
        assert MARKER not in found.text.lower().replace("zorblaxia biologics", "")
