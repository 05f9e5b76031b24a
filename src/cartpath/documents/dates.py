"""Dates as written in reports, normalised to ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD)."""

from __future__ import annotations

import re

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE_RX = re.compile(
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}/\d{{4}}|"
    rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{4}}|"
    rf"(?:19|20)\d{{2}})", re.I)


def normalise_date(text: str) -> str:
    """ISO prefix when the date is unambiguous, else the text as written (US order assumed for
    n/n/yyyy, as in the transcribed reports this was built on)."""
    t = text.strip().rstrip(",")
    if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", t):
        return t
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", t)
    if m:
        month, day, year = int(m[1]), int(m[2]), int(m[3])
        year = year + 2000 if year < 50 else year + 1900 if year < 100 else year
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
        return t
    m = re.fullmatch(r"(\d{1,2})/(\d{4})", t)
    if m and 1 <= int(m[1]) <= 12:
        return f"{int(m[2]):04d}-{int(m[1]):02d}"
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}})", t, re.I)
    if m:
        return f"{int(m[3]):04d}-{_MONTHS[m[1][:3].lower()]:02d}-{int(m[2]):02d}"
    m = re.fullmatch(rf"(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})", t, re.I)
    if m:
        return f"{int(m[3]):04d}-{_MONTHS[m[2][:3].lower()]:02d}-{int(m[1]):02d}"
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{4}})", t, re.I)
    if m:
        return f"{int(m[2]):04d}-{_MONTHS[m[1][:3].lower()]:02d}"
    return t
