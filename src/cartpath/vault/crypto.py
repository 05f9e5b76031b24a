"""Envelope encryption: every document has its own AES-256-GCM data key, wrapped by a master
key-encryption key (KEK) from configuration.

Rotation only re-wraps the small data keys under a new KEK; the (possibly large) ciphertexts are
never rewritten. Several KEKs are known at once, each with an id, so documents wrapped under an
older key stay readable until ``cartpath keys rotate`` has re-wrapped them.

Key sources, first match wins:
- ``CARTPATH_MASTER_KEY``: ``id:base64key[,id:base64key...]``, the first is current;
- ``CARTPATH_MASTER_KEY_FILE`` or ``var/master_key``: one ``id base64key`` per line, first
  current; the embedded default creates the file on first run (like the secret key).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from cartpath.vault import conf

MAGIC = b"CPV1"
NONCE_BYTES = 12


class VaultCryptoError(Exception):
    """Ciphertext that does not decrypt: tampered, truncated, or under an unknown key."""


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]
    current_id: str
    source: Path | None  # the file the keys came from, when rotation may write to it

    def kek(self, key_id: str) -> bytes:
        try:
            return self.keys[key_id]
        except KeyError as exc:
            raise VaultCryptoError(f"master key {key_id!r} is not configured") from exc


def _parse_key(key_id: str, text: str) -> tuple[str, bytes]:
    raw = base64.urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    if len(raw) != 32:
        raise VaultCryptoError(f"master key {key_id!r} must be 32 bytes (AES-256)")
    return key_id.strip(), raw


def _encode_key(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def new_key_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("k%Y%m%d%H%M%S") + secrets.token_hex(2)


def _read_file(path: Path) -> list[tuple[str, bytes]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key_id, _, value = line.strip().partition(" ")
            pairs.append(_parse_key(key_id, value))
    return pairs


def _create_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two processes starting together must not create two different master keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as handle:
        handle.write(f"{new_key_id()} {_encode_key(AESGCM.generate_key(bit_length=256))}\n")


def load_keyring() -> KeyRing:
    configured = conf.master_key_env()
    if configured:
        pairs = [_parse_key(*item.split(":", 1)) for item in configured.split(",") if item.strip()]
        return KeyRing(dict(pairs), pairs[0][0], None)
    path = conf.master_key_file()
    if not path.exists():
        _create_file(path)
    pairs = _read_file(path)
    if not pairs:
        raise VaultCryptoError(f"{path} holds no master key")
    return KeyRing(dict(pairs), pairs[0][0], path)


def add_master_key(ring: KeyRing) -> KeyRing:
    """Generate a new current KEK at the top of the key file; older keys stay for unwrapping."""
    if ring.source is None:
        raise VaultCryptoError(
            "master keys come from CARTPATH_MASTER_KEY: put the new key first there, then rotate")
    key_id = new_key_id()
    lines = [f"{key_id} {_encode_key(AESGCM.generate_key(bit_length=256))}"]
    lines += [f"{kid} {_encode_key(raw)}" for kid, raw in ring.keys.items()]
    _write_atomic(ring.source, "\n".join(lines) + "\n")
    return load_keyring()


def retire_keys(ring: KeyRing, keep: set[str]) -> list[str]:
    """Drop file keys not in ``keep`` (after rotation nothing is wrapped under them)."""
    if ring.source is None:
        return []
    dropped = [kid for kid in ring.keys if kid not in keep and kid != ring.current_id]
    kept = [(kid, raw) for kid, raw in ring.keys.items() if kid not in dropped]
    _write_atomic(ring.source, "".join(f"{kid} {_encode_key(raw)}\n" for kid, raw in kept))
    return dropped


def _write_atomic(path: Path, text: str) -> None:
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


# --- data keys --------------------------------------------------------------------------------


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _wrap_aad(key_id: str, context: str) -> bytes:
    return f"cartpath-dek|{key_id}|{context}".encode()


def wrap(data_key: bytes, ring: KeyRing, context: str) -> tuple[str, bytes]:
    """(key id, nonce + wrapped key) under the current KEK; ``context`` binds it to a record."""
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(ring.kek(ring.current_id)).encrypt(
        nonce, data_key, _wrap_aad(ring.current_id, context))
    return ring.current_id, nonce + wrapped


def unwrap(key_id: str, wrapped: bytes, ring: KeyRing, context: str) -> bytes:
    try:
        return AESGCM(ring.kek(key_id)).decrypt(
            bytes(wrapped[:NONCE_BYTES]), bytes(wrapped[NONCE_BYTES:]),
            _wrap_aad(key_id, context))
    except InvalidTag as exc:
        raise VaultCryptoError("the data key does not unwrap (wrong key or tampered)") from exc


def encrypt(data_key: bytes, plaintext: bytes, aad: str) -> bytes:
    """MAGIC + nonce + ciphertext-with-tag. ``aad`` names what the blob is, so blobs cannot
    be swapped between documents or pages without detection."""
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(data_key).encrypt(nonce, plaintext, aad.encode())


def decrypt(data_key: bytes, blob: bytes, aad: str) -> bytes:
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + NONCE_BYTES + 16:
        raise VaultCryptoError("not a vault blob (truncated or foreign)")
    nonce = blob[len(MAGIC):len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(data_key).decrypt(nonce, blob[len(MAGIC) + NONCE_BYTES:], aad.encode())
    except InvalidTag as exc:
        raise VaultCryptoError("the stored file fails its integrity check (tampered?)") from exc
