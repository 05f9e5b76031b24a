"""Configurable resource limits; the defaults suit a patient uploading a few clinical reports."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 25 * 1024 * 1024
    max_pages: int = 200
    # Pixels of one image / one TIFF frame, checked from the header before decoding.
    max_pixels: int = 60_000_000
    # DOCX: total uncompressed size and the worst member's compression ratio.
    max_docx_uncompressed_bytes: int = 100 * 1024 * 1024
    max_docx_ratio: float = 200.0
    max_docx_members: int = 2_000
    # A PDF page with fewer characters than this in its text layer is treated as scanned.
    min_text_chars_per_page: int = 50
    ocr_dpi: int = 300
    # Pixel budget for a rendered PDF page (a poster-sized page would otherwise explode).
    max_render_pixels: int = 40_000_000
    ocr_language: str = "eng"
    ocr_timeout_seconds: int = 60


DEFAULT_LIMITS = Limits()
