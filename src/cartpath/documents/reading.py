"""Text per page for every accepted kind, one page at a time so a job can resume mid-document.

``page_count`` + ``read_page`` are the resumable primitives; ``read_pages`` loops over them with a
progress callback; ``render_page_png`` feeds a page viewer.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image, ImageOps

from . import errors as E
from .errors import DocumentError
from .limits import DEFAULT_LIMITS, Limits
from .sniff import DOCX, FHIR, JPEG, PDF, PNG, TEXT, TIFF, check_docx, decode_text, open_image

Progress = Callable[[int, int], None]

# How the text of a page was obtained.
TEXT_LAYER, OCR, DOCX_TEXT, PLAIN, FHIR_TEXT = "text_layer", "ocr", "docx", "plain", "fhir"


@dataclass(frozen=True)
class Page:
    """The text of one page. ``assertion`` is set for FHIR resources whose status says the content
    is not a current fact (``negated``: refuted / not taken / not done; ``hypothetical``:
    planned)."""

    index: int
    text: str
    method: str
    assertion: str | None = None


def page_count(data: bytes, kind: str, limits: Limits = DEFAULT_LIMITS) -> int:
    """Number of pages; also the structural validation (encryption, bombs, pixel sizes)."""
    if kind == PDF:
        with _open_pdf(data) as pdf:
            count = len(pdf)
    elif kind in (PNG, JPEG, TIFF):
        with open_image(data, kind, limits) as image:
            count = getattr(image, "n_frames", 1)
    elif kind == DOCX:
        check_docx(data, limits)
        _docx_text(data)  # a damaged main part must fail at upload, not in the worker
        count = 1
    elif kind == TEXT:
        count = len(_text_pages(data))
    elif kind == FHIR:
        from .fhir import fhir_sources

        count = len(fhir_sources(data, limits))
    else:
        raise DocumentError(E.UNSUPPORTED_TYPE, f"Unknown document kind {kind!r}.")
    if count > limits.max_pages:
        raise DocumentError(
            E.TOO_MANY_PAGES, f"The document has {count} pages; the limit is {limits.max_pages}."
        )
    return count


def read_page(data: bytes, kind: str, index: int, limits: Limits = DEFAULT_LIMITS) -> Page:
    """The text of page ``index`` (0-based)."""
    if kind == PDF:
        with _open_pdf(data) as pdf:
            _check_index(index, len(pdf))
            return _read_pdf_page(pdf, index, limits)
    if kind in (PNG, JPEG, TIFF):
        from .ocr import ocr_image

        with open_image(data, kind, limits) as image:
            _check_index(index, getattr(image, "n_frames", 1))
            return Page(index, ocr_image(_frame(image, index), limits), OCR)
    if kind == DOCX:
        _check_index(index, 1)
        check_docx(data, limits)
        return Page(0, _docx_text(data), DOCX_TEXT)
    if kind == TEXT:
        pages = _text_pages(data)
        _check_index(index, len(pages))
        return Page(index, pages[index], PLAIN)
    if kind == FHIR:
        from .fhir import fhir_sources

        sources = fhir_sources(data, limits)
        _check_index(index, len(sources))
        source = sources[index]
        if source.pdf is not None:
            with _open_pdf(source.pdf) as pdf:
                inner = _read_pdf_page(pdf, source.pdf_page, limits)
            return Page(index, inner.text, inner.method, source.assertion)
        return Page(index, source.text, FHIR_TEXT, source.assertion)
    raise DocumentError(E.UNSUPPORTED_TYPE, f"Unknown document kind {kind!r}.")


def read_pages(
    data: bytes, kind: str, limits: Limits = DEFAULT_LIMITS, progress: Progress | None = None,
    start: int = 0,
) -> list[Page]:
    """All pages from ``start``; ``progress(i, n)`` is called before page i (1-based) of n."""
    total = page_count(data, kind, limits)
    pages = []
    for index in range(start, total):
        if progress is not None:
            progress(index + 1, total)
        pages.append(read_page(data, kind, index, limits))
    return pages


def render_page_png(
    data: bytes, kind: str, index: int, dpi: int = 120, limits: Limits = DEFAULT_LIMITS
) -> bytes:
    """PNG bytes of one page for a viewer; PDFs and images only (text formats have no layout)."""
    if kind == PDF:
        with _open_pdf(data) as pdf:
            _check_index(index, len(pdf))
            image = _render_pdf_page(pdf[index], dpi, limits)
    elif kind in (PNG, JPEG, TIFF):
        with open_image(data, kind, limits) as opened:
            _check_index(index, getattr(opened, "n_frames", 1))
            image = _frame(opened, index)
    else:
        raise DocumentError("not_renderable", f"Documents of kind {kind} have no page images.")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


class _open_pdf:
    """Context manager so PDFium handles are closed even when a page fails."""

    def __init__(self, data: bytes) -> None:
        try:
            self.pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise DocumentError(
                    E.ENCRYPTED_PDF,
                    "The PDF is password-protected; save an unprotected copy and upload that.",
                ) from exc
            raise DocumentError(E.BROKEN_FILE, f"The PDF could not be opened: {exc}") from exc

    def __enter__(self) -> pdfium.PdfDocument:
        return self.pdf

    def __exit__(self, *exc: object) -> None:
        self.pdf.close()


def pdf_is_encrypted(data: bytes) -> bool:
    """True also for permission-only encryption, which we read (the content is not secret)."""
    with _open_pdf(data) as pdf:
        return pdfium_c.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1


def _read_pdf_page(pdf: pdfium.PdfDocument, index: int, limits: Limits) -> Page:
    try:
        page = pdf[index]
        textpage = page.get_textpage()
        text = _clean_pdf_text(textpage.get_text_range())
        textpage.close()
    except pdfium.PdfiumError as exc:
        raise DocumentError(E.BROKEN_FILE, f"Page {index + 1} could not be read: {exc}") from exc
    if len(text.strip()) >= limits.min_text_chars_per_page:
        return Page(index, text, TEXT_LAYER)
    from .ocr import ocr_image

    image = _render_pdf_page(page, limits.ocr_dpi, limits)
    ocr_text = ocr_image(image, limits)
    # A near-empty page keeps whatever the text layer had if OCR finds even less.
    return Page(index, ocr_text if len(ocr_text.strip()) > len(text.strip()) else text, OCR)


def _render_pdf_page(page: pdfium.PdfPage, dpi: int, limits: Limits) -> Image.Image:
    width, height = page.get_size()  # points
    scale = dpi / 72
    if width * height * scale * scale > limits.max_render_pixels:
        scale = (limits.max_render_pixels / max(width * height, 1)) ** 0.5
    return page.render(scale=scale, grayscale=True).to_pil()


def _clean_pdf_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufffe", "")


# --- images ----------------------------------------------------------------------------------


def _frame(image: Image.Image, index: int) -> Image.Image:
    if getattr(image, "n_frames", 1) > 1:
        image.seek(index)
    try:
        frame = ImageOps.exif_transpose(image.copy()) or image.copy()
    except Exception as exc:
        raise DocumentError(E.BROKEN_FILE, f"Image page {index + 1} is damaged: {exc}") from exc
    return frame if frame.mode in ("L", "RGB", "1") else frame.convert("RGB")


# --- DOCX ------------------------------------------------------------------------------------


def _docx_text(data: bytes) -> str:
    """Paragraphs and tables in body order; table cells joined with `` | `` per row."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(E.BROKEN_FILE, f"The DOCX could not be read: {exc}") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = cell.text.strip()
                    if not cells or cells[-1] != value:  # merged cells repeat their text
                        cells.append(value)
                lines.append(" | ".join(cells))
    return "\n".join(lines).strip("\n") + "\n"


# --- plain text ------------------------------------------------------------------------------


def _text_pages(data: bytes) -> list[str]:
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    pages = text.split("\f")  # form feeds separate pages in text exports
    return [p for p in pages if p.strip()] or [""]


def _check_index(index: int, count: int) -> None:
    if not 0 <= index < count:
        raise DocumentError(E.PAGE_OUT_OF_RANGE, f"Page {index + 1} does not exist (of {count}).")
