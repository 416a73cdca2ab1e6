"""The trie of literal words matches exactly what their alternation, longest first, matches."""

from __future__ import annotations

import random
import re

from ecokg.loaders.articles.regex_trie import alternation
from ecokg.loaders.articles.vocabulary import ROLE_KEYS


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def test_the_trie_matches_as_the_alternation_does() -> None:
    rng = random.Random(7)
    words = ["ab", "abc", "abcd", "b", "b.c", "a(b", "ceo", "chair", "chairman", "chief executive"]
    texts = ["".join(rng.choice("abcd.( ceohirmnx") for _ in range(40)) for _ in range(300)]
    texts += ["the chairman of X", "chief executive of", "a(b and b.c"]
    trie, plain = re.compile(f"(?:{alternation(words)})(?!\\w)"), re.compile(f"(?:{_plain(words)})(?!\\w)")
    for text in texts:
        assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_the_titles_of_posts_match_the_same_spans() -> None:
    trie = re.compile(r"(?<![\w-])(?:" + alternation(ROLE_KEYS) + r")\s+(?:of|de)")
    plain = re.compile(r"(?<![\w-])(?:" + _plain(list(ROLE_KEYS)) + r")\s+(?:of|de)")
    text = " ".join(f"{k} of x, {k}s de y" for k in ROLE_KEYS[::7])
    found = [m.span() for m in trie.finditer(text)]
    assert found and found == [m.span() for m in plain.finditer(text)]


def test_no_word_matches_nothing() -> None:
    assert re.fullmatch(alternation(["x"]), "x") and not re.fullmatch(alternation(["xy"]), "x")
