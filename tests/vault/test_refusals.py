from __future__ import annotations

import pytest

from cartpath.vault.models import Document
from tests.vault import builders


def _upload(upload_as, world, name, data):  # noqa: ANN001, ANN202
    return upload_as(world.alice, world.alice_case, (name, data), json=True).json()["results"][0]


@pytest.mark.parametrize(("name", "data", "code", "words"), [
    ("locked.pdf", builders.encrypted_pdf(), "encrypted_pdf", "password-protected"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj <<>> garbage", "broken_file", "could not be opened"),
    ("page.pdf", builders.html_as_pdf(), "unsupported_type", "not accepted"),
    ("empty.txt", b"", "empty_file", "empty"),
    ("bomb.docx", builders.zip_bomb_docx(), "decompression_bomb", "expand"),
])
def test_hostile_or_broken_files_are_refused_with_a_clear_message(world, upload_as, name, data,
                                                                  code, words):
    result = _upload(upload_as, world, name, data)
    assert result["status"] == "refused"
    assert result["code"] == code
    assert words in result["message"]


def test_a_refusal_is_recorded_with_its_reason_but_without_the_bytes(world, upload_as):
    _upload(upload_as, world, "locked.pdf", builders.encrypted_pdf())
    refused = Document.objects.get(case=world.alice_case)
    assert refused.status == "refused" and refused.refusal_code == "encrypted_pdf"
    assert refused.blob_name == "" and refused.wrapped_key is None


def test_a_file_over_the_size_limit_is_refused(world, upload_as, settings):
    settings.CARTPATH_MAX_UPLOAD_BYTES = 1000
    result = _upload(upload_as, world, "big.pdf", builders.text_pdf())
    assert result["code"] == "file_too_large"


def test_a_document_over_the_page_limit_is_refused(world, upload_as, settings):
    settings.CARTPATH_MAX_PAGES = 2
    result = _upload(upload_as, world, "long.pdf", builders.text_pdf(pages=3))
    assert result["code"] == "too_many_pages" and "limit is 2" in result["message"]


def test_hostile_names_are_neutralised(world, upload_as):
    name = "../../etc/\u202egpj.exe<script>.pdf"
    _upload(upload_as, world, name, builders.text_pdf())
    stored = Document.objects.get(case=world.alice_case)
    assert "/" not in stored.name and "<" not in stored.name and "\u202e" not in stored.name
    assert stored.name.endswith(".pdf")
    assert stored.blob_name.startswith(f"originals/{world.alice_case.public_id}/")
