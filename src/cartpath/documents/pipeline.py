"""One document from bytes to the ``extract`` contract record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .classify import Classification, classify
from .facts import Extraction, extract_facts
from .limits import DEFAULT_LIMITS, Limits
from .reading import Page, Progress, read_pages
from .sniff import DocumentInfo, validate


@dataclass(frozen=True)
class DocumentResult:
    info: DocumentInfo
    pages: list[Page]
    classification: Classification
    extraction: Extraction

    def record(self, record_id: str) -> dict[str, Any]:
        """The contract's output record (page count only; page text stays in the vault)."""
        return {
            "id": record_id,
            "document_type": self.classification.document_type,
            "pages": self.info.page_count,
            "facts": self.extraction.facts,
            "evidence": self.extraction.evidence_dicts(),
        }


def analyse_pages(pages: Sequence[Page]) -> tuple[Classification, Extraction]:
    """Classification and facts for pages already read (e.g. stored page by page by a job)."""
    return classify([p.text for p in pages]), extract_facts(pages)


def process_document(
    data: bytes, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None
) -> DocumentResult:
    """Validate, read every page, classify and extract. Raises DocumentError."""
    info = validate(data, limits)
    pages = read_pages(data, info.kind, limits, progress)
    classification, extraction = analyse_pages(pages)
    return DocumentResult(info, pages, classification, extraction)
