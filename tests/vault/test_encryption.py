from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from cartpath.vault import crypto
from cartpath.vault.content import VaultIntegrityError, read_original, read_page_text
from cartpath.vault.keys import rotate
from cartpath.vault.models import Document

SECRET_LINE = b"Consult note for Alice Example. ECOG performance status 1. Zebra-quartz-42."


def _stored(world, upload_as) -> Document:  # noqa: ANN001
    upload_as(world.alice, world.alice_case, ("note.txt", SECRET_LINE))
    return Document.objects.get(case=world.alice_case)


def _disk(document: Document) -> Path:
    return Path(settings.CARTPATH_VAULT_DIR) / document.blob_name


def test_the_bytes_on_disk_do_not_contain_the_plaintext(world, upload_as):
    document = _stored(world, upload_as)
    on_disk = _disk(document).read_bytes()
    assert b"Zebra-quartz-42" not in on_disk and on_disk.startswith(crypto.MAGIC)
    assert read_original(document) == SECRET_LINE


def test_derived_page_text_is_encrypted_too(world, upload_as):
    document = _stored(world, upload_as)
    page = document.pages.get()
    assert b"Zebra" not in bytes(page.text_blob)
    assert "Zebra-quartz-42" in read_page_text(page)


def test_a_tampered_file_is_detected_on_read(world, upload_as):
    document = _stored(world, upload_as)
    path = _disk(document)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 0x01
    path.write_bytes(bytes(blob))
    with pytest.raises(VaultIntegrityError):
        read_original(document)


def test_a_tampered_download_is_refused_and_audited(world, upload_as, login):
    from django.urls import reverse

    from cartpath.audit.models import AuditEvent

    document = _stored(world, upload_as)
    path = _disk(document)
    path.write_bytes(path.read_bytes()[:-1] + b"\x00")
    response = login(world.nina).get(reverse("vault:download", args=[
        world.alice_case.public_id, document.public_id]))
    assert response.status_code == 500 and b"integrity" in response.content
    assert AuditEvent.objects.filter(action="denied", object_id=document.public_id).exists()


def test_a_blob_moved_to_another_document_does_not_decrypt(world, upload_as):
    first = _stored(world, upload_as)
    upload_as(world.alice, world.alice_case, ("other.txt", b"Another note, ECOG 2."))
    second = Document.objects.exclude(pk=first.pk).get(case=world.alice_case)
    _disk(second).write_bytes(_disk(first).read_bytes())
    with pytest.raises(VaultIntegrityError):
        read_original(second)


def test_originals_cannot_be_overwritten(world, upload_as):
    from cartpath.vault import storage

    document = _stored(world, upload_as)
    with pytest.raises(storage.BlobExists):
        storage.put(document.blob_name, b"replacement")


def test_a_master_key_file_is_created_on_first_use_with_private_permissions(settings):
    ring = crypto.load_keyring()
    path = Path(settings.CARTPATH_MASTER_KEY_FILE)
    assert path.exists() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert ring.current_id in path.read_text()


def test_keys_from_the_environment_setting_come_first(settings):
    import base64

    raw = base64.urlsafe_b64encode(b"k" * 32).decode()
    settings.CARTPATH_MASTER_KEY = f"prod2:{raw},prod1:{raw}"
    ring = crypto.load_keyring()
    assert ring.current_id == "prod2" and set(ring.keys) == {"prod1", "prod2"}


def test_rotation_rewraps_data_keys_without_touching_the_files(world, upload_as, settings):
    document = _stored(world, upload_as)
    before_blob, old_key = _disk(document).read_bytes(), document.key_id
    report = rotate(retire=True)
    document.refresh_from_db()
    assert report.rewrapped == 1 and document.key_id == report.current_id != old_key
    assert _disk(document).read_bytes() == before_blob
    assert read_original(document) == SECRET_LINE
    assert report.retired == [old_key]
    assert old_key not in Path(settings.CARTPATH_MASTER_KEY_FILE).read_text()


def test_rotation_is_idempotent(world, upload_as):
    _stored(world, upload_as)
    rotate()
    second = rotate(new_key=False)
    assert second.rewrapped == 0 and second.already_current == 1


def test_the_keys_command_rotates_from_the_command_line(tmp_path):
    """``cartpath keys rotate`` against its own SQLite database, as an operator runs it."""
    env = {"CARTPATH_VAR_DIR": str(tmp_path), "PATH": "/usr/bin:/bin",
           "DJANGO_SETTINGS_MODULE": "cartpath.web.settings"}
    cli = [sys.executable, "-m", "cartpath.cli"]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True)
    first = subprocess.run([*cli, "keys", "status"], env=env, capture_output=True, text=True)
    rotated = subprocess.run([*cli, "keys", "rotate"], env=env, capture_output=True, text=True)
    assert rotated.returncode == 0, rotated.stderr
    assert "re-wrapped 0 data key(s)" in rotated.stdout
    keys = (tmp_path / "master_key").read_text().splitlines()
    assert len(keys) == 2 and first.stdout.split()[0] == keys[1].split()[0]


def test_the_s3_setting_selects_an_s3_compatible_store_with_its_endpoint(settings):
    """Only the configuration: no bucket is reachable here, and the vault sends it ciphertext."""
    from storages.backends.s3 import S3Storage

    from cartpath.vault import storage

    settings.CARTPATH_STORAGE = "s3"
    settings.AWS_STORAGE_BUCKET_NAME = "records"
    settings.AWS_S3_ENDPOINT_URL = "http://127.0.0.1:9000"
    storage._storage.cache_clear()
    try:
        store = storage.get_storage()
        assert isinstance(store, S3Storage)
        assert store.bucket_name == "records" and store.endpoint_url == "http://127.0.0.1:9000"
        assert store.location == "vault" and store.file_overwrite is False
    finally:
        storage._storage.cache_clear()
