"""Errors raised by the clinical core; the JSON API and the batch commands map them to responses."""

from __future__ import annotations


class ValidationError(ValueError):
    """An input value that cannot be used. ``field`` names it (dotted path, e.g. ``prior_lines[0].line``)."""

    def __init__(self, field: str, message: str, code: str = "invalid_field") -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.code = code
        self.message = f"{field}: {message}"


class CatalogueError(ValueError):
    """The product catalogue (or an extra product file) is malformed."""
