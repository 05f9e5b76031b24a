"""Decide what a file is from its bytes (never its name or the client's MIME) and refuse what is
hostile or beyond the limits before any expensive decoding happens."""

from __future__ import annotations

import io
import json
import warnings
import zipfile
from dataclasses import dataclass

import magic
from PIL import Image

from . import errors as E
from .errors import DocumentError
from .limits import DEFAULT_LIMITS, Limits
from .names import sha256_hex

PDF, PNG, JPEG, TIFF, DOCX, TEXT, FHIR = "pdf", "png", "jpeg", "tiff", "docx", "text", "fhir"
KINDS = (PDF, PNG, JPEG, TIFF, DOCX, TEXT, FHIR)

_MIME_KINDS = {
    "application/pdf": PDF,
    "image/png": PNG,
    "image/jpeg": JPEG,
    "image/tiff": TIFF,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": DOCX,
}
_IMAGE_FORMATS = {PNG: "PNG", JPEG: "JPEG", TIFF: "TIFF"}
# Text-like MIME types libmagic reports for prose that we refuse to treat as a report.
_REFUSED_TEXT = ("text/html", "text/xml", "image/svg+xml", "text/x-shellscript")

FHIR_RESOURCE_TYPES = frozenset(
    {
        "Bundle",
        "DocumentReference",
        "DiagnosticReport",
        "Observation",
        "Condition",
        "MedicationStatement",
        "Procedure",
    }
)


@dataclass(frozen=True)
class DocumentInfo:
    """What validation learned about an accepted file."""

    kind: str
    mime: str
    size: int
    sha256: str
    page_count: int


def sniff_mime(data: bytes) -> str:
    return magic.from_buffer(data[:8192], mime=True)


def validate(data: bytes, limits: Limits = DEFAULT_LIMITS) -> DocumentInfo:
    """Accept the file or raise DocumentError; on success the page count is known."""
    if not data:
        raise DocumentError(E.EMPTY_FILE, "The file is empty.")
    if len(data) > limits.max_bytes:
        raise DocumentError(
            E.FILE_TOO_LARGE,
            f"The file is {len(data):,} bytes; the limit is {limits.max_bytes:,} bytes.",
        )
    mime = sniff_mime(data)
    kind = _kind_for(data, mime)
    from .reading import page_count  # reading imports sniff's constants

    count = page_count(data, kind, limits)
    return DocumentInfo(kind=kind, mime=mime, size=len(data), sha256=sha256_hex(data),
                        page_count=count)


def _kind_for(data: bytes, mime: str) -> str:
    if mime in _MIME_KINDS:
        kind = _MIME_KINDS[mime]
        return kind
    if mime in ("application/zip", "application/octet-stream") and data[:4] == b"PK\x03\x04":
        if _zip_has(data, "word/document.xml"):
            return DOCX
        raise DocumentError(E.UNSUPPORTED_TYPE, "ZIP archives other than DOCX are not accepted.")
    looks_json = mime.startswith("text/") and data.lstrip()[:1] in (b"{", b"[")
    if mime == "application/json" or looks_json:
        return _fhir_kind(data)
    if mime.startswith("text/") and mime not in _REFUSED_TEXT:
        if b"\x00" in data:
            raise DocumentError(E.UNSUPPORTED_TYPE, "The file contains binary data.")
        return TEXT
    raise DocumentError(
        E.UNSUPPORTED_TYPE,
        f"Files of type {mime} are not accepted; upload a PDF, PNG, JPEG, TIFF, DOCX, "
        "plain-text or FHIR JSON file.",
    )


def _fhir_kind(data: bytes) -> str:
    try:
        resource = json.loads(decode_text(data))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(E.INVALID_FHIR, f"The JSON could not be parsed: {exc}") from exc
    if not isinstance(resource, dict) or "resourceType" not in resource:
        raise DocumentError(E.UNSUPPORTED_TYPE,
                            "JSON files must be FHIR resources (no resourceType).")
    rtype = resource["resourceType"]
    if rtype not in FHIR_RESOURCE_TYPES:
        raise DocumentError(
            E.UNSUPPORTED_FHIR_RESOURCE,
            f"FHIR resource type {rtype!r} is not supported; supported: "
            + ", ".join(sorted(FHIR_RESOURCE_TYPES)) + ".",
        )
    return FHIR


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else latin-1, which never fails and suits old exports."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except zipfile.BadZipFile:
        return False


def check_docx(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs by the declared sizes in the central directory, before inflating."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise DocumentError(E.BROKEN_FILE, f"The DOCX file is damaged: {exc}") from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_docx_members:
            raise DocumentError(E.DECOMPRESSION_BOMB, f"The DOCX has {len(members)} parts.")
        total = sum(m.file_size for m in members)
        if total > limits.max_docx_uncompressed_bytes:
            raise DocumentError(
                E.DECOMPRESSION_BOMB,
                f"The DOCX would expand to {total:,} bytes "
                f"(limit {limits.max_docx_uncompressed_bytes:,}).",
            )
        for m in members:
            ratio = m.file_size / max(m.compress_size, 1)
            if m.file_size > 1_000_000 and ratio > limits.max_docx_ratio:
                raise DocumentError(
                    E.DECOMPRESSION_BOMB,
                    f"DOCX part {m.filename!r} expands {ratio:.0f}-fold; refused as a zip bomb.",
                )
        if "word/document.xml" not in archive.namelist():
            raise DocumentError(E.BROKEN_FILE, "The DOCX has no main document part.")


def open_image(data: bytes, kind: str, limits: Limits) -> Image.Image:
    """Open lazily and check the declared size of every frame before any pixel is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[_IMAGE_FORMATS[kind]])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise DocumentError(E.IMAGE_TOO_LARGE, f"The image is too large: {exc}") from exc
    except Exception as exc:  # PIL raises many types for damaged headers
        raise DocumentError(E.BROKEN_FILE, f"The image could not be opened: {exc}") from exc
    frames = getattr(image, "n_frames", 1)
    if frames > limits.max_pages:
        raise DocumentError(
            E.TOO_MANY_PAGES, f"The image has {frames} pages; the limit is {limits.max_pages}."
        )
    for index in range(frames):
        if frames > 1:
            image.seek(index)
        width, height = image.size
        if width * height > limits.max_pixels:
            raise DocumentError(
                E.IMAGE_TOO_LARGE,
                f"Image page {index + 1} declares {width}x{height} pixels; "
                f"the limit is {limits.max_pixels:,} pixels.",
            )
    if frames > 1:
        image.seek(0)
    return image
