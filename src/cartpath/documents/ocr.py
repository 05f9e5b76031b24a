"""Tesseract through pytesseract, one thread per process (threads fight on small machines)."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pytesseract  # noqa: E402
from PIL import Image, ImageOps  # noqa: E402

from . import errors as E  # noqa: E402
from .errors import DocumentError  # noqa: E402
from .limits import DEFAULT_LIMITS, Limits  # noqa: E402


def ocr_image(image: Image.Image, limits: Limits = DEFAULT_LIMITS) -> str:
    """Plain text of one page image; layout analysis on (psm 3) so columns stay apart."""
    gray = ImageOps.grayscale(image) if image.mode not in ("L", "1") else image.copy()
    # pytesseract hands the page to Tesseract through a temporary file; uncompressed BMP costs
    # nothing to write, PNG (its default) about 0.2 CPU-seconds per 300 dpi page.
    gray.format = "BMP"
    try:
        text = pytesseract.image_to_string(
            gray, lang=limits.ocr_language, config="--psm 3",
            timeout=limits.ocr_timeout_seconds,
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise DocumentError(E.OCR_FAILED, f"OCR did not finish: {exc}") from exc
    except pytesseract.TesseractError as exc:
        raise DocumentError(E.OCR_FAILED, f"OCR failed: {exc}") from exc
    return normalise_ocr_text(text)


def normalise_ocr_text(text: str) -> str:
    # Tesseract ends pages with a form feed and uses typographic quotes/ligatures.
    text = text.replace("\f", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace(
        "\u201d", '"')
    return text.strip("\n") + "\n" if text.strip() else ""
