"""File names and content hashes: a client-supplied name is data, never a path."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_MAX_NAME = 120
# Bidi overrides/isolates and zero-width characters let "gpj.exe" display as "exe.jpg".
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_UNSAFE = re.compile(r"[^\w.\- ()+]", re.UNICODE)


def safe_filename(name: str | None, default: str = "document") -> str:
    """A display/storage-safe base name: no directories, control or invisible characters.

    Keeps the extension when the name has to be shortened, so it stays recognisable.
    """
    text = unicodedata.normalize("NFKC", name or "")
    text = text.replace("\\", "/").split("/")[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = _INVISIBLE.sub("", text)
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    text = re.sub(r"\.{2,}", ".", text)
    if not text or set(text) <= {"_", "-", " "}:
        text = default
    if len(text) > _MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            text = stem[: _MAX_NAME - len(ext) - 1] + "." + ext
        else:
            text = text[:_MAX_NAME]
    if text.split(".")[0].upper() in _WINDOWS_RESERVED:
        text = "_" + text
    return text


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {
    f"LPT{i}" for i in range(1, 10)
}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
