"""Framework-free document reading and fact extraction (no Django here).

Public API for the vault app and the ``cartpath extract`` command:

- ``validate(data, limits) -> DocumentInfo`` sniffs the type from content and enforces limits.
- ``page_count(data, kind, limits)``, ``read_page(data, kind, index, limits) -> Page`` and
  ``read_pages(data, kind, limits, progress, start)`` read text page by page (resumable).
- ``render_page_png(data, kind, index, dpi, limits) -> bytes`` for a viewer.
- ``analyse_pages(pages) -> (Classification, Extraction)`` and ``process_document(data, ...)``.
- ``safe_filename(name)``, ``sha256_hex(data)``; ``DocumentError`` with ``code``/``message``.
"""

from .classify import DOCUMENT_TYPES, Classification, classify
from .errors import DocumentError
from .facts import Evidence, Extraction, empty_facts, extract_facts
from .limits import DEFAULT_LIMITS, Limits
from .names import safe_filename, sha256_hex
from .pipeline import DocumentResult, analyse_pages, process_document
from .reading import Page, page_count, read_page, read_pages, render_page_png
from .sniff import KINDS, DocumentInfo, validate

__all__ = [
    "DEFAULT_LIMITS", "DOCUMENT_TYPES", "KINDS", "Classification", "DocumentError",
    "DocumentInfo", "DocumentResult", "Evidence", "Extraction", "Limits", "Page",
    "analyse_pages", "classify", "empty_facts", "extract_facts", "page_count",
    "process_document", "read_page", "read_pages", "render_page_png", "safe_filename",
    "sha256_hex", "validate",
]
