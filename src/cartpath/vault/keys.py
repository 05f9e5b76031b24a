"""Master-key rotation: re-wrap each document's data key; ciphertexts stay untouched."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count

from cartpath.vault import crypto
from cartpath.vault.models import Document


@dataclass
class RotationReport:
    current_id: str
    rewrapped: int = 0
    already_current: int = 0
    retired: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def key_usage() -> tuple[crypto.KeyRing, dict[str, int]]:
    ring = crypto.load_keyring()
    rows = (Document.objects.exclude(key_id="").values("key_id").annotate(n=Count("id")))
    return ring, {row["key_id"]: row["n"] for row in rows}


def rotate(*, new_key: bool = True, retire: bool = False) -> RotationReport:
    ring = crypto.load_keyring()
    if new_key and ring.source is not None:
        ring = crypto.add_master_key(ring)
    report = RotationReport(ring.current_id)
    for document in Document.objects.exclude(key_id="").only("pk", "public_id", "key_id",
                                                             "wrapped_key").iterator():
        if document.key_id == ring.current_id:
            report.already_current += 1
            continue
        try:
            data_key = crypto.unwrap(document.key_id, bytes(document.wrapped_key), ring,
                                     document.public_id)
        except crypto.VaultCryptoError as exc:
            report.failures.append(f"{document.public_id}: {exc}")
            continue
        key_id, wrapped = crypto.wrap(data_key, ring, document.public_id)
        with transaction.atomic():
            # Only if nobody rotated it meanwhile (two rotations at once stay consistent).
            report.rewrapped += Document.objects.filter(
                pk=document.pk, key_id=document.key_id).update(key_id=key_id, wrapped_key=wrapped)
    if retire and not report.failures:
        _, usage = key_usage()
        report.retired = crypto.retire_keys(ring, keep=set(usage))
    return report
