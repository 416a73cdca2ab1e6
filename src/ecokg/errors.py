"""ecokg's error types.

Every failure a user can cause (bad input, bad query, bad parameter) is an
:class:`EcokgError`; the CLI prints its message and exits non-zero, and the
store is left exactly as it was.
"""

from __future__ import annotations

from pathlib import Path


class EcokgError(Exception):
    """Base class of every error ecokg raises on purpose."""

    exit_code = 1


class InputError(EcokgError):
    """An input file is malformed: says which file, where, and what was expected."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        row: int | None = None,
    ) -> None:
        self.message = message
        self.source = str(source) if source is not None else None
        self.line = line
        self.column = column
        self.row = row
        super().__init__(self._render())

    def _render(self) -> str:
        where = self.source or "<input>"
        if self.row is not None:
            where += f", row {self.row}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class InputErrors(InputError):
    """Several problems in one input, reported together."""

    def __init__(self, errors: list[InputError], *, source: str | Path | None = None) -> None:
        self.errors = errors
        head = f"{len(errors)} problem(s) in {source or 'input'}"
        body = "\n".join(f"  - {e}" for e in errors[:50])
        more = f"\n  ... and {len(errors) - 50} more" if len(errors) > 50 else ""
        EcokgError.__init__(self, f"{head}:\n{body}{more}")
        self.message = str(self)
        self.source = str(source) if source is not None else None
        self.line = self.column = self.row = None


class ValidationError(EcokgError):
    """Data does not conform to the SHACL shapes; nothing was committed."""

    exit_code = 3

    def __init__(self, message: str, violations: list[str] | None = None) -> None:
        self.violations = violations or []
        super().__init__(message)


class StoreError(EcokgError):
    """The store cannot be opened, is locked by another build, or is unreachable."""

    exit_code = 4


class QueryError(EcokgError):
    """A query is unknown, malformed, mis-parameterised or took too long."""

    exit_code = 5

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class EntityNotFound(QueryError):
    """A name matches no entity, or several (the candidates are listed)."""

    def __init__(self, message: str, candidates: list[str] | None = None) -> None:
        self.candidates = candidates or []
        super().__init__(message)


class ReasoningError(EcokgError):
    """The data contradicts the ontology (inconsistent), or the reasoner failed."""

    exit_code = 6

    def __init__(self, message: str, explanation: list[str] | None = None) -> None:
        self.explanation = explanation or []
        super().__init__(message)
