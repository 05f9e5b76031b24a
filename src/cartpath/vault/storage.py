"""Where encrypted blobs live: ``var/vault/`` by default, an S3-compatible bucket when
``CARTPATH_STORAGE=s3``. Only ciphertext ever reaches either."""

from __future__ import annotations

from functools import lru_cache

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage

from cartpath.vault import conf


class BlobExists(Exception):
    """Originals are immutable: a name is written once."""


@lru_cache(maxsize=4)
def _storage(kind: str, location: str) -> Storage:
    if kind == "s3":
        from storages.backends.s3 import S3Storage

        return S3Storage(**conf.s3_options())
    return FileSystemStorage(location=location, file_permissions_mode=0o600,
                             directory_permissions_mode=0o700)


def get_storage() -> Storage:
    return _storage(conf.storage_kind(), str(conf.vault_dir()))


def put(name: str, blob: bytes, *, overwrite: bool = False) -> str:
    storage = get_storage()
    if storage.exists(name):
        if not overwrite:
            raise BlobExists(name)
        storage.delete(name)
    saved = storage.save(name, ContentFile(blob))
    if saved != name:  # a storage that renamed would break the record's pointer
        raise BlobExists(name)
    return saved


def get(name: str) -> bytes:
    with get_storage().open(name, "rb") as handle:
        return handle.read()


def exists(name: str) -> bool:
    return get_storage().exists(name)


def delete(name: str) -> None:
    get_storage().delete(name)
