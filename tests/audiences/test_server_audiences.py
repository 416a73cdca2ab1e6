"""``ecokg serve`` answers each request on its audience's view: anonymous is public,
a bearer token from ``--tokens`` sees its audience, a wrong token sees no more than public."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from ecokg.server.audience import read_tokens, token_digest

from .conftest import FACT_MARKER, MARKER, TOKENS

EVERYTHING = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"


def bearer(audience: str | None) -> dict[str, str]:
    if audience is None:
        return {}
    return {"Authorization": f"Bearer {TOKENS.get(audience, 'not-a-token')}"}


def get(url: str, path: str, audience: str | None, **params: str) -> httpx.Response:
    response = httpx.get(f"{url}{path}", params=params, headers=bearer(audience), timeout=120)
    assert response.status_code == 200, (path, params, response.text)
    return response


@pytest.mark.parametrize(
    ("audience", "sees", "answered_as"),
    [(None, False, "public"), ("wrong", False, "public"), ("internal", False, "internal"), ("all", True, "all")],
)
def test_each_route_answers_on_the_audience_of_the_token(
    audience_server: str, audience: str | None, sees: bool, answered_as: str
) -> None:
    answers = [
        get(audience_server, "/sparql", audience, query=EVERYTHING),
        get(audience_server, "/sparql", audience, query="SELECT * FROM ekg:prospects-2024 WHERE { ?s ?p ?o }"),
        get(audience_server, "/sparql", audience, query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"),
        get(audience_server, "/queries/organisation-people", audience, organisation="BioForward"),
        get(audience_server, "/queries/companies-in-territory", audience, territory="Bourgogne-Franche-Comté",
            format="csv"),
        get(audience_server, "/map", audience, focus="BioForward", depth="2"),
        get(audience_server, "/map", audience, query="organisation-people", organisation="BioForward"),
        # Madison: the public meeting of the mission notes there, and the confidential lead based there.
        get(audience_server, "/map", audience, focus="Madison", depth="2"),
    ]
    for response in answers:
        assert response.headers["x-ecokg-audience"] == answered_as
        assert "Authorization" in response.headers["vary"]
        assert (MARKER in response.text.lower()) is sees, (response.url, answered_as)
        if not sees:
            assert FACT_MARKER not in response.text.lower(), (response.url, answered_as)
    # The whole dataset and Madison's map show the lead to the team, and only to it.
    assert (FACT_MARKER in answers[0].text.lower()) is sees and (FACT_MARKER in answers[-1].text.lower()) is sees


def test_dataset_parameters_never_widen_the_view(audience_server: str) -> None:
    response = httpx.get(f"{audience_server}/sparql", params={
        "query": "SELECT * WHERE { ?s ?p ?o }",
        "default-graph-uri": "https://w3id.org/ecokg/graph/prospects-2024",
    }, timeout=60)
    # Whether the endpoint takes dataset parameters or refuses them, the prospect stays hidden.
    assert MARKER not in response.text.lower()
    hidden_entity = httpx.get(f"{audience_server}/map", params={"focus": "Zorblaxia Biologics"}, timeout=60)
    assert hidden_entity.status_code == 404
    assert hidden_entity.text.lower().count(MARKER) == 1  # the name asked for, echoed; nothing else


def test_tokens_file_holds_digests_and_refuses_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "tokens"
    good.write_text(f"internal {token_digest('s3cret')}  # the partners\n\n")
    assert read_tokens(good) == {token_digest("s3cret"): "internal"}
    bad = tmp_path / "bad"
    bad.write_text(f"internal {token_digest('s3cret')}\neveryone s3cret\n")
    from ecokg.errors import InputError

    with pytest.raises(InputError, match=r"bad:2: ") as caught:
        read_tokens(bad)
    assert "expected 'AUDIENCE SHA256'" in str(caught.value)
