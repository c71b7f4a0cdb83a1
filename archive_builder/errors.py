"""One error family. Stages raise these; the CLI and the MkDocs adapter turn them into messages."""

from __future__ import annotations

from archive_builder.model import Diagnostic


class ArchiveError(Exception):
    """Something the user can act on; printed without a traceback."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} - {self.hint}" if self.hint else self.message


class SeedError(ArchiveError):
    """A seed or curation file that cannot be used; names the file and, where it helps, the line."""

    def __init__(
        self, path: str, message: str, line: int | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint)
        self.path = path
        self.line = line

    def diagnostic(self) -> Diagnostic:
        return Diagnostic(path=self.path, line=self.line, message=self.message, hint=self.hint)

    def __str__(self) -> str:
        return self.diagnostic().format()


class ConfigError(ArchiveError):
    """The project's configuration is unusable."""


class BuildFailed(ArchiveError):
    """The build finished with errors (or with warnings under ``--strict``)."""
