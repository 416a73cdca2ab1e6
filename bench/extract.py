"""Article extraction speed: one 500-word article once the models are loaded, and a batch of 100.

``python -m bench.extract`` (``make bench-extract``). The articles are the evaluation set's
(tests/data/articles/eval): a 500-word article is made of whole ones of the same language,
the batch cycles through the articles one may tune on (the tune and seen groups, ids 01-78;
never the held-out set, ids 79 and above), each written to a file and extracted as
``ecokg extract DIR/*.txt -o review/`` does (candidates files and summary included).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from ecokg.loaders.articles import extract
from ecokg.loaders.articles.batch import extract_many
from ecokg.loaders.articles.evaluate import TUNING, article_paths, read_article
from ecokg.loaders.articles.gazetteer import table
from ecokg.loaders.articles.ner import pipeline

EVAL = Path(__file__).parent.parent / "tests" / "data" / "articles" / "eval"


def _sources(lang: str = "") -> list[Path]:
    """The articles one may tune on (the tune and seen groups): the held-out set is never run here."""
    return [p for p in article_paths(EVAL, TUNING) if p.name.startswith(lang)]


def _texts(lang: str) -> list[str]:
    return [read_article(path)[1] for path in _sources(lang)]


def article_of(lang: str, words: int = 500) -> str:
    text = ""
    for piece in _texts(lang) * 3:
        if len(text.split()) >= words:
            break
        text += piece + "\n"
    return " ".join(text.split(" ")[: words + text.count("\n")])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--batch", type=int, default=100, help="articles in the batch (0: time one article only)")
    args = parser.parse_args(argv)
    if args.batch < 0:
        parser.error(f"--batch: expected 0 or more articles, got {args.batch}")
    start = time.perf_counter()
    pipeline("en")
    pipeline("fr")
    print(f"models loaded (en + fr): {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    table()  # built once per process, on the first extraction
    print(f"place gazetteer built: {time.perf_counter() - start:.2f} s ({len(table())} names)")
    for lang in ("en", "fr"):
        text = article_of(lang)
        extract(text, lang, (), date="2024-06-01")  # warm
        times = []
        for _ in range(5):
            t = time.perf_counter()
            extract(text, lang, (), date="2024-06-01")
            times.append(time.perf_counter() - t)
        print(f"500-word article ({lang}, {len(text.split())} words): median {statistics.median(times):.3f} s, max {max(times):.3f} s")
    if args.batch == 0:
        return 0
    sources = _sources()
    with tempfile.TemporaryDirectory(prefix="ecokg-bench-extract-") as folder:
        inbox = Path(folder) / "inbox"
        inbox.mkdir()
        paths = []
        for n in range(args.batch):
            source = sources[n % len(sources)]
            path = inbox / f"{n:03d}-{source.name}"
            path.write_text(read_article(source)[1], encoding="utf-8")
            paths.append(path)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        t = time.perf_counter()
        extract_many(paths, Path(folder) / "review", "auto")
        elapsed = time.perf_counter() - t
    print(f"batch of {args.batch} articles ({words} words, languages guessed, files written): {elapsed:.1f} s "
          f"({elapsed / args.batch:.2f} s an article)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
