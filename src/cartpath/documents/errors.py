"""The one exception the document core raises: a stable machine ``code`` and a human ``message``.

Codes are part of the ``extract`` contract and of the vault's upload errors, so they never change
meaning. The list lives in docs/documents.md.
"""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be accepted or read."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


# Stable error codes (see docs/documents.md).
EMPTY_FILE = "empty_file"
FILE_TOO_LARGE = "file_too_large"
UNSUPPORTED_TYPE = "unsupported_type"
BROKEN_FILE = "broken_file"
ENCRYPTED_PDF = "encrypted_pdf"
TOO_MANY_PAGES = "too_many_pages"
IMAGE_TOO_LARGE = "image_too_large"
DECOMPRESSION_BOMB = "decompression_bomb"
INVALID_FHIR = "invalid_fhir"
UNSUPPORTED_FHIR_RESOURCE = "unsupported_fhir_resource"
PAGE_OUT_OF_RANGE = "page_out_of_range"
OCR_FAILED = "ocr_failed"
FILE_NOT_FOUND = "file_not_found"
