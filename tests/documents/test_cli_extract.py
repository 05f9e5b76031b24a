from __future__ import annotations

import json

from cartpath.cli import main
from tests.documents.builders import docx_bytes, encrypted_pdf, mtsample, text_pdf


def test_extract_writes_one_record_per_file_in_order_and_fails_after_the_batch(tmp_path):
    good = tmp_path / "consult.pdf"
    good.write_bytes(text_pdf(mtsample("1622")))
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf("secret report"))
    wrong_extension = tmp_path / "report.jpg"  # really a DOCX
    wrong_extension.write_bytes(docx_bytes(["Diagnosis: mantle cell lymphoma."]))
    out = tmp_path / "out.jsonl"

    status = main(["extract", str(good), str(locked), str(tmp_path / "missing.txt"),
                   str(wrong_extension), "--output", str(out)])

    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert status == 1
    assert [r["id"] for r in records] == ["consult.pdf", "locked.pdf", "missing.txt",
                                          "report.jpg"]
    first = records[0]
    assert set(first) == {"id", "document_type", "pages", "facts", "evidence"}
    assert first["pages"] == 2 and first["document_type"] == "consult_note"
    assert first["facts"]["disease"] == "MM" and first["facts"]["age_years"] == 56
    assert records[1]["error"]["code"] == "encrypted_pdf" and records[1]["error"]["message"]
    assert records[2]["error"]["code"] == "file_not_found"
    assert records[3]["facts"]["disease"] == "MCL"


def test_extract_exits_zero_when_every_file_is_read_and_can_use_two_workers(tmp_path):
    paths = []
    for i, sample in enumerate(("1622", "2285", "163")):
        path = tmp_path / f"{i}.txt"
        path.write_text(mtsample(sample), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "out.jsonl"
    assert main(["extract", *paths, "--workers", "2", "--output", str(out)]) == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["0.txt", "1.txt",
                                                                         "2.txt"]
