"""Progress reporting for long loads (a rich bar on a terminal, silence elsewhere)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class Bar:
    """Callbacks the loaders call: ``start_source(path)`` then ``update(done, total)``."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._task: object | None = None

    def start_source(self, path: Path) -> None:
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.update(self._task, visible=False)  # type: ignore[arg-type]
        self._task = self._progress.add_task(path.name, total=None)

    def update(self, done: int, total: int | None) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=done, total=total)  # type: ignore[arg-type]

    def finish(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, visible=False)  # type: ignore[arg-type]


@contextlib.contextmanager
def progress_bar(console: Console) -> Iterator[Bar]:
    """A bar on interactive terminals; no output when piped or in CI."""
    if not console.is_terminal:
        yield Bar(None)
        return
    with Progress(
        # The description is a file name: plain text, never markup.
        TextColumn("{task.description}", markup=False), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True,
    ) as progress:
        yield Bar(progress)
