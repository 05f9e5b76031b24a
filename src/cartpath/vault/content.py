"""Reading and writing a document's bytes: always through its own data key, always verified."""

from __future__ import annotations

import hashlib

from cartpath.vault import crypto, storage
from cartpath.vault.models import Document, DocumentPage


class VaultIntegrityError(Exception):
    """Stored bytes that do not match their checksum or do not decrypt."""


def original_name(document: Document) -> str:
    return f"originals/{document.case.public_id}/{document.public_id}.bin"


def page_image_name(document: Document, index: int) -> str:
    return f"derived/{document.public_id}/page-{index + 1:04d}.png.bin"


def seal_original(document: Document, data: bytes) -> None:
    """Encrypt and store the original; fills the document's key columns (not yet saved)."""
    ring = crypto.load_keyring()
    data_key = crypto.new_data_key()
    document.key_id, document.wrapped_key = crypto.wrap(data_key, ring, document.public_id)
    document.blob_name = original_name(document)
    storage.put(document.blob_name, crypto.encrypt(data_key, data, f"{document.public_id}|original"))


def data_key(document: Document, ring: crypto.KeyRing | None = None) -> bytes:
    ring = ring or crypto.load_keyring()
    try:
        return crypto.unwrap(document.key_id, bytes(document.wrapped_key), ring,
                             document.public_id)
    except crypto.VaultCryptoError as exc:
        raise VaultIntegrityError(str(exc)) from exc


def read_original(document: Document) -> bytes:
    """The plaintext original, after checking its SHA-256 against the upload's."""
    key = data_key(document)
    try:
        data = crypto.decrypt(key, storage.get(document.blob_name), f"{document.public_id}|original")
    except crypto.VaultCryptoError as exc:
        raise VaultIntegrityError(str(exc)) from exc
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise VaultIntegrityError("the stored file does not match its checksum")
    return data


def seal_page_text(document: Document, index: int, text: str, key: bytes) -> bytes:
    return crypto.encrypt(key, text.encode("utf-8"), f"{document.public_id}|text|{index}")


def read_page_text(page: DocumentPage, key: bytes | None = None) -> str:
    document = page.document
    key = key or data_key(document)
    try:
        raw = crypto.decrypt(key, bytes(page.text_blob), f"{document.public_id}|text|{page.index}")
    except crypto.VaultCryptoError as exc:
        raise VaultIntegrityError(str(exc)) from exc
    return raw.decode("utf-8")


def store_page_image(document: Document, index: int, png: bytes, key: bytes) -> str:
    name = page_image_name(document, index)
    # A rerun after a crash may find the image already written: derived files may be replaced.
    storage.put(name, crypto.encrypt(key, png, f"{document.public_id}|image|{index}"),
                overwrite=True)
    return name


def read_page_image(page: DocumentPage, key: bytes | None = None) -> bytes:
    document = page.document
    key = key or data_key(document)
    try:
        return crypto.decrypt(key, storage.get(page.image_name),
                              f"{document.public_id}|image|{page.index}")
    except crypto.VaultCryptoError as exc:
        raise VaultIntegrityError(str(exc)) from exc
