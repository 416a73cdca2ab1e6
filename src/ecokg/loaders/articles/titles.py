"""The titles of posts read from the packaged table ``titles.tsv`` (round 15): outside knowledge of
the titles companies, universities, governments, hospitals, research bodies and associations give
their officers, in English and French, with the modifiers titles take ("Acting Pro Vice-Chancellor",
"Deputy Chief Executive Officer", "directrice adjointe", "président délégué").

:mod:`ecokg.loaders.articles.vocabulary` adds them to its lexicon of posts (``ROLES``), so every
post rule, and the rules that keep titles out of names and bodies, read them.
"""

from __future__ import annotations

from functools import lru_cache

from ecokg.errors import InputError
from ecokg.loaders.articles.tables import rows
from ecokg.text import fold

#: The ontology's role ids a title may have.
ROLE_IDS = frozenset(
    {
        "president",
        "vice-president",
        "director-general",
        "chief-executive",
        "leader",
        "founder",
        "board-member",
        "member",
    }
)


@lru_cache(maxsize=1)
def table_titles() -> tuple[tuple[str, str], ...]:
    """(folded title, role id) for each title of the table, then for each title with each modifier
    of its language: the table's own titles first, so "deputy chair" keeps the role the table gives
    it rather than a deputy's.

    >>> dict(table_titles())["acting pro vice-chancellor"]
    'member'
    """
    titles: dict[str, str] = {}
    genders: dict[str, bool | None] = {}
    languages: dict[str, list[str]] = {}
    modifiers: list[tuple[str, str, str, str, bool | None]] = []
    for number, (kind, form, role, language) in rows(
        "titles.tsv", {4}, "a kind, a form, a role and a language"
    ):
        if kind not in {"title", "before", "after"} or (
            role not in ROLE_IDS and not (kind != "title" and role == "=")
        ):
            raise InputError(
                f"unknown kind {kind!r} or role {role!r}", source="titles.tsv", line=number
            )
        if kind == "title":
            titles.setdefault(fold(form), role)
            genders.setdefault(fold(form), _feminine(form))
            languages.setdefault(language, []).append(fold(form))
        else:
            modifiers.append((kind, fold(form), role, language, _feminine(form)))
    out = dict(titles)
    for kind, word, role, language, gender in modifiers:
        for title in languages.get(language, []):
            if (
                language == "fr"
                and None not in (gender, genders[title])
                and gender != genders[title]
            ):
                continue  # "directrice adjointe", "directeur délégué": the modifier agrees with the title
            key = f"{word} {title}" if kind == "before" else f"{title} {word}"
            out.setdefault(key, titles[title] if role == "=" else role)
    return tuple(out.items())


def _feminine(phrase: str) -> bool | None:
    """Whether a French title or modifier, as written (accents kept: "délégué" is masculine,
    "déléguée" feminine), is feminine by its first word ("directrice", "présidente", "adjointe"),
    masculine ("directeur", "adjoint"), or either ("par intérim", "responsable")."""
    first = phrase.lower().split()[0]
    if first in {"par", "responsable", "secrétaire", "chef"} or first.endswith(("aire", "able")):
        return None
    return first.endswith(("e", "rice"))
