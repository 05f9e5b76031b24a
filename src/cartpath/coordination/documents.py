"""The bridge to the record vault: documents are referenced by id, never copied.

The vault is built by another part of the platform; this module asks it through a few
duck-typed calls and degrades to "no documents" when it is not installed, so that referrals,
messages and translations keep working. Files this app must keep itself (partner uploads,
translations) go to the vault when it offers a store function, else to ``StoredFile`` with the
bytes encrypted at rest (Fernet, key derived from the deployment's secret).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from cartpath.cases.models import Case


@dataclass(frozen=True)
class DocRef:
    id: str
    title: str
    content_type: str
    created: object = None
    language: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf" or self.title.lower().endswith(".pdf")


def _document_model():  # noqa: ANN202
    try:
        from cartpath.vault.models import Document
    except (ImportError, LookupError):
        return None
    return Document


def vault_available() -> bool:
    return _document_model() is not None


# Documents without stored bytes of their own (refused files, recorded duplicates).
NO_CONTENT = ("refused", "duplicate")


def _ref(document) -> DocRef:  # noqa: ANN001
    return DocRef(id=str(document.public_id), title=document.name or "Document",
                  content_type=document.mime or "application/octet-stream",
                  created=document.uploaded_at, language=getattr(document, "language", "") or "")


def _case_documents_qs(case: Case):  # noqa: ANN202
    Document = _document_model()
    if Document is None:
        return None
    return Document.objects.filter(case=case).exclude(status__in=NO_CONTENT)


def case_documents(case: Case) -> list[DocRef]:
    qs = _case_documents_qs(case)
    return [] if qs is None else [_ref(d) for d in qs]


def _lookup(case: Case, doc_id: str):  # noqa: ANN202
    qs = _case_documents_qs(case)
    return None if qs is None else qs.filter(public_id=str(doc_id)).first()


def document(case: Case, doc_id: str) -> DocRef | None:
    found = _lookup(case, doc_id)
    return _ref(found) if found is not None else None


def documents_by_id(case: Case, ids: list[str]) -> list[DocRef]:
    """Those of ``ids`` that exist in this case, in the given order."""
    wanted = [str(i) for i in ids]
    qs = _case_documents_qs(case)
    if qs is None or not wanted:
        return []
    known = {d.public_id: _ref(d) for d in qs.filter(public_id__in=wanted)}
    return [known[i] for i in wanted if i in known]


def document_bytes(case: Case, doc_id: str) -> bytes | None:
    """The decrypted original of a vault document of this case, or None."""
    found = _lookup(case, doc_id)
    if found is None or not found.blob_name:
        return None
    from cartpath.vault.content import read_original

    return read_original(found)


def document_text(case: Case, doc_id: str) -> str | None:
    """The text the vault read from a document, page by page (for machine translation)."""
    found = _lookup(case, doc_id)
    if found is None:
        return None
    from cartpath.vault.content import data_key, read_page_text

    pages = list(found.pages.order_by("index"))
    if not pages:
        return None
    key = data_key(found)
    return "\n\n".join(read_page_text(page, key) for page in pages)


class VaultRefused(ValueError):
    """The vault would not take the file (its message says why)."""


def store_in_vault(request, case: Case, filename: str, content: bytes, user) -> str | None:  # noqa: ANN001
    """Hand a file to the vault (validated, encrypted, read like any record); the document's
    id, or None when no vault is installed. Raises ``VaultRefused`` for a refused file."""
    if not vault_available():
        return None
    from cartpath.vault.services import REFUSED, upload

    outcome = upload(request, case, filename, content, actor=user)
    if outcome.status == REFUSED or outcome.document is None:
        raise VaultRefused(outcome.message)
    return outcome.document.public_id


# --------------------------------------------------------------------------- own encrypted store

def _fernet():  # noqa: ANN202
    from cryptography.fernet import Fernet
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    secret = getattr(settings, "CARTPATH_COORDINATION_KEY", "") or settings.SECRET_KEY
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"cartpath-coordination",
               info=b"stored-files v1").derive(secret.encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _storage() -> FileSystemStorage:
    return FileSystemStorage(location=str(Path(settings.VAR_DIR) / "coordination"))


def encrypt_and_store(content: bytes, stem: str) -> tuple[str, str]:
    """Write the encrypted bytes; returns (storage name, sha256 of the plaintext)."""
    digest = hashlib.sha256(content).hexdigest()
    name = _storage().save(f"{stem}.bin", ContentFile(_fernet().encrypt(content)))
    return name, digest


def read_stored(storage_name: str) -> bytes:
    with _storage().open(storage_name, "rb") as handle:
        return _fernet().decrypt(handle.read())


def delete_stored(storage_name: str) -> None:
    _storage().delete(storage_name)
