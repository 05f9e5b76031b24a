from __future__ import annotations

import hashlib

from cartpath.documents import safe_filename, sha256_hex


def test_it_strips_directories_from_path_traversal_names():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("..\\..\\windows\\system32\\cmd.exe") == "cmd.exe"
    assert safe_filename("/absolute/report.pdf") == "report.pdf"


def test_it_removes_control_and_bidi_override_characters():
    assert safe_filename("report\x00\x1b[31m.pdf") == "report_31m.pdf"
    # U+202E would display "cod.exe" as "exe.doc"
    assert "\u202e" not in safe_filename("invoice\u202ecod.exe")
    assert safe_filename("scan\u200b.png") == "scan.png"


def test_it_normalises_lookalike_unicode_and_keeps_accented_letters():
    assert safe_filename("ｒｅｐｏｒｔ.pdf") == "report.pdf"
    assert safe_filename("résumé médical.pdf") == "résumé médical.pdf"


def test_it_shortens_very_long_names_but_keeps_the_extension():
    name = safe_filename("a" * 5000 + ".pdf")
    assert len(name) <= 120 and name.endswith(".pdf")


def test_it_falls_back_to_a_default_for_empty_dot_or_reserved_names():
    assert safe_filename("") == "document"
    assert safe_filename("..") == "document"
    assert safe_filename(None) == "document"
    assert safe_filename("CON.txt") == "_CON.txt"


def test_it_hashes_content_with_sha256():
    assert sha256_hex(b"abc") == hashlib.sha256(b"abc").hexdigest()
