"""Who is asking: the audience of each request to ``ecokg serve`` (docs/audiences.md).

Anonymous requests get the ``public`` audience. ``ecokg serve --tokens FILE`` names the
bearer tokens that see more; the file holds their SHA-256 digests, never the tokens::

    # audience  sha256 of the token (printf %s "$TOKEN" | sha256sum)
    internal    9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
    all         60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752

A request whose ``Authorization: Bearer`` token is in the file is answered with that
audience's view of the graph (:class:`ecokg.graph.audience.AudienceBackend`, in the query
workers), on every route: ``/sparql``, ``/queries``, ``/map``. Any other request, an
unknown token included, is answered as ``public``: a wrong token never sees more, and the
``X-Ecokg-Audience`` response header says which audience answered. The update token
(``ECOKG_SERVER_TOKEN`` with ``--allow-update``) may write everything, so it reads as ``all``.
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from ecokg.errors import InputError

ANONYMOUS = "public"
HEADER = "X-Ecokg-Audience"
_AUDIENCES = ("public", "internal", "all")
_DIGEST = re.compile(r"[0-9a-f]{64}")

#: The audience of the request being answered (set by the middleware, read by ``run``).
current: contextvars.ContextVar[str] = contextvars.ContextVar("ecokg_audience", default=ANONYMOUS)


def token_digest(token: str) -> str:
    """What a tokens file holds for ``token``: its SHA-256, in hexadecimal."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def read_tokens(path: Path) -> dict[str, str]:
    """The tokens file: digest -> audience (``InputError`` naming the line otherwise)."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the tokens file: {exc}", source=path) from exc
    found: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2 or parts[0] not in _AUDIENCES or not _DIGEST.fullmatch(parts[1].lower()):
            raise InputError(
                "expected 'AUDIENCE SHA256' (an audience among public, internal, all, then the token's "
                "SHA-256 in hexadecimal: printf %s \"$TOKEN\" | sha256sum)", source=path, line=number,
            )
        found[parts[1].lower()] = parts[0]
    return found


def audience_of(authorization: str, tokens: dict[str, str], update_token: str | None = None) -> str:
    """The audience an ``Authorization`` header earns (``public`` unless a known bearer token)."""
    scheme, _, given = authorization.partition(" ")
    given = given.strip()
    if scheme.lower() != "bearer" or not given:
        return ANONYMOUS
    if update_token and hmac.compare_digest(given, update_token):
        return "all"
    digest = token_digest(given)
    for known, audience in tokens.items():
        if hmac.compare_digest(digest, known):
            return audience
    return ANONYMOUS


def install(app: Any, tokens_file: Path | None, update_token: str | None) -> None:
    """Add the middleware that sets :data:`current` for each request of ``app``."""
    tokens = read_tokens(tokens_file) if tokens_file is not None else {}

    @app.middleware("http")
    async def audience(request: Any, call_next: Callable[[Any], Awaitable[Any]]) -> Any:
        who = audience_of(request.headers.get("authorization", ""), tokens, update_token)
        reset = current.set(who)
        try:
            response = await call_next(request)
        finally:
            current.reset(reset)
        response.headers[HEADER] = who
        # An answer depends on the token: a shared cache must not give it to someone else.
        response.headers["Vary"] = ", ".join(v for v in (response.headers.get("Vary"), "Authorization") if v)
        return response


__all__ = ["ANONYMOUS", "HEADER", "audience_of", "current", "install", "read_tokens", "token_digest"]
