from __future__ import annotations

import dataclasses
import json

import pytest

from cartpath.documents import DocumentError, Limits, validate
from tests.documents.builders import (
    docx_bytes, encrypted_pdf, fhir_bundle, huge_png_header, image_bytes, mtsample, text_pdf,
    zip_bomb_docx)


def _code(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        validate(data, limits or Limits())
    assert caught.value.message
    return caught.value.code


def test_it_recognises_a_text_pdf_by_content_and_counts_its_pages():
    info = validate(text_pdf(mtsample("1270")))
    assert info.kind == "pdf" and info.page_count >= 2 and len(info.sha256) == 64


def test_it_ignores_the_file_name_because_it_only_ever_sees_bytes():
    # A PDF "named" photo.jpg is still a PDF: validate() takes no name at all.
    assert validate(text_pdf("Hello report")).kind == "pdf"


def test_it_recognises_png_jpeg_and_multipage_tiff_images():
    text = "Platelets 45 x10^9/L. ECOG 1."
    assert validate(image_bytes(text, "PNG")).kind == "png"
    assert validate(image_bytes(text, "JPEG")).kind == "jpeg"
    assert validate(image_bytes(mtsample("1270"), "TIFF", pages=2)).page_count == 2


def test_it_recognises_docx_plain_text_and_fhir_json():
    assert validate(docx_bytes(["Diagnosis: DLBCL"])).kind == "docx"
    assert validate(mtsample("1622").encode()).kind == "text"
    bundle = fhir_bundle({"resourceType": "Condition", "code": {"text": "Multiple myeloma"}})
    assert validate(bundle).kind == "fhir"


def test_it_refuses_an_empty_file_and_one_over_the_size_limit():
    assert _code(b"") == "empty_file"
    assert _code(b"x" * 2000, Limits(max_bytes=1000)) == "file_too_large"


def test_it_refuses_a_password_protected_pdf_with_a_clear_code():
    assert _code(encrypted_pdf(mtsample("1622"))) == "encrypted_pdf"


def test_it_refuses_a_truncated_pdf_as_broken():
    assert _code(text_pdf(mtsample("1622"))[:600]) == "broken_file"


def test_it_refuses_a_docx_zip_bomb_before_inflating_it():
    assert _code(zip_bomb_docx(30)) == "decompression_bomb"


def test_it_refuses_a_docx_that_would_expand_beyond_the_size_budget():
    limits = Limits(max_docx_uncompressed_bytes=20_000)
    assert _code(docx_bytes(["word " * 10_000]), limits) == "decompression_bomb"


def test_it_refuses_a_png_that_declares_gigantic_dimensions_without_decoding_it():
    assert _code(huge_png_header(100_000, 100_000)) == "image_too_large"
    # Below PIL's own bomb threshold but above ours: our header check catches it.
    assert _code(huge_png_header(9_000, 9_000)) == "image_too_large"


def test_it_refuses_documents_with_more_pages_than_allowed():
    pdf = text_pdf(mtsample("1270"))
    assert _code(pdf, Limits(max_pages=1)) == "too_many_pages"


def test_it_refuses_json_that_is_not_a_supported_fhir_resource():
    assert _code(json.dumps({"hello": "world"}).encode()) == "unsupported_type"
    assert _code(json.dumps({"resourceType": "Patient"}).encode()) == "unsupported_fhir_resource"
    assert _code(b'{"resourceType": "Bundle", ') == "invalid_fhir"


def test_it_refuses_html_executables_and_other_archives():
    assert _code(b"<!DOCTYPE html><html><body>hi</body></html>") == "unsupported_type"
    assert _code(b"\x7fELF\x02\x01\x01" + b"\x00" * 200) == "unsupported_type"
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("evil.txt", "x")
    assert _code(out.getvalue()) == "unsupported_type"


def test_limits_are_plain_configurable_values():
    limits = dataclasses.replace(Limits(), max_pages=3)
    assert limits.max_pages == 3 and Limits().max_pages == 200
