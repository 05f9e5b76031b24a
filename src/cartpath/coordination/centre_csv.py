"""The centre directory as CSV: one row per centre, validated row by row. Django-free.

Lists inside a cell (products, trial sites, languages) are separated by ``;``. Errors name the
line of the file (the header is line 1) and the column, so a data manager can fix the sheet.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, TextIO
from zoneinfo import available_timezones

from cartpath.coordination.geo import city_coordinates, valid_coordinates

# The products of the clinical catalogue (cartpath/clinical/data/catalogue.json).
PRODUCT_CODES = ("axi-cel", "tisa-cel", "liso-cel", "ide-cel", "cilta-cel", "brexu-cel",
                 "obe-cel")
KINDS = ("treatment_centre", "trial_site", "other")
COLUMNS = ("name", "kind", "country", "city", "latitude", "longitude", "timezone", "products",
           "trial_sites", "languages", "accreditations", "international_contact",
           "international_email", "international_phone")
REQUIRED = ("name", "country", "city")
NCT = re.compile(r"^NCT\d{8}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database on disk at every call: read it once.
    return frozenset(available_timezones())


@dataclass
class CentreRow:
    name: str
    kind: str
    country: str
    city: str
    latitude: float | None
    longitude: float | None
    timezone: str
    products: list[str]
    trial_sites: list[str]
    languages: list[str]
    accreditations: str = ""
    international_contact: str = ""
    international_email: str = ""
    international_phone: str = ""


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.column}: {self.message}"


@dataclass
class Parsed:
    rows: list[tuple[int, CentreRow]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def split_list(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;|]", cell or "") if part.strip()]


def _number(cell: str) -> float | None:
    cell = (cell or "").strip()
    return float(cell) if cell else None


def parse_row(raw: dict[str, str], line: int) -> tuple[CentreRow | None, list[RowError]]:
    errors: list[RowError] = []
    value = {key: (raw.get(key) or "").strip() for key in COLUMNS}
    for key in REQUIRED:
        if not value[key]:
            errors.append(RowError(line, key, "is required"))
    country = value["country"].upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        errors.append(RowError(line, "country", "must be an ISO 3166-1 alpha-2 code, e.g. DE"))
    kind = value["kind"] or "treatment_centre"
    if kind not in KINDS:
        errors.append(RowError(line, "kind", f"must be one of {', '.join(KINDS)}"))
    try:
        lat, lon = _number(value["latitude"]), _number(value["longitude"])
    except ValueError:
        errors.append(RowError(line, "latitude/longitude", "must be decimal degrees"))
        lat = lon = None
    if (lat is None) != (lon is None) or (lat is not None and not valid_coordinates(lat, lon)):
        errors.append(RowError(line, "latitude/longitude",
                               "give both, latitude -90..90 and longitude -180..180"))
    if lat is None and lon is None and value["city"]:
        # A known city stands in for missing coordinates, so the distance search still works.
        found = city_coordinates(value["city"], country)
        lat, lon = found if found else (None, None)
    tz = value["timezone"] or "UTC"
    if tz not in time_zones():
        errors.append(RowError(line, "timezone", f"unknown time zone {tz!r} (IANA name, "
                                                 "e.g. Europe/Berlin)"))
    products = [p.lower() for p in split_list(value["products"])]
    unknown = [p for p in products if p not in PRODUCT_CODES]
    if unknown:
        errors.append(RowError(line, "products", f"unknown product code(s) {', '.join(unknown)};"
                                                 f" use {', '.join(PRODUCT_CODES)}"))
    trials = [t.upper() for t in split_list(value["trial_sites"])]
    bad_trials = [t for t in trials if not NCT.match(t)]
    if bad_trials:
        errors.append(RowError(line, "trial_sites",
                               f"not an NCT number: {', '.join(bad_trials)}"))
    languages = [lang.lower() for lang in split_list(value["languages"])]
    bad_languages = [lang for lang in languages if not LANGUAGE.match(lang)]
    if bad_languages:
        errors.append(RowError(line, "languages",
                               f"not a language code: {', '.join(bad_languages)}"))
    if value["international_email"] and not EMAIL.match(value["international_email"]):
        errors.append(RowError(line, "international_email", "is not an e-mail address"))
    if len(value["name"]) > 200:
        errors.append(RowError(line, "name", "is longer than 200 characters"))
    if errors:
        return None, errors
    return CentreRow(
        name=value["name"], kind=kind, country=country, city=value["city"], latitude=lat,
        longitude=lon, timezone=tz, products=sorted(set(products), key=PRODUCT_CODES.index),
        trial_sites=sorted(set(trials)), languages=list(dict.fromkeys(languages)),
        accreditations=value["accreditations"],
        international_contact=value["international_contact"],
        international_email=value["international_email"],
        international_phone=value["international_phone"]), []


def read_centres(handle: TextIO) -> Parsed:
    parsed = Parsed()
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        parsed.errors.append(RowError(1, ", ".join(missing), "column missing from the header"))
        return parsed
    seen: dict[tuple[str, str], int] = {}
    for raw in reader:
        line = reader.line_num
        row, errors = parse_row(raw, line)
        if row is not None:
            key = (row.name.lower(), row.country)
            if key in seen:
                errors = [RowError(line, "name", f"duplicate of line {seen[key]}")]
                row = None
            else:
                seen[key] = line
        parsed.errors.extend(errors)
        if row is not None:
            parsed.rows.append((line, row))
    return parsed


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if value is None:
        return ""
    return str(value)


def write_centres(rows: Iterable[CentreRow], handle: TextIO) -> int:
    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: _cell(getattr(row, key)) for key in COLUMNS})
        count += 1
    return count


def to_text(rows: Iterable[CentreRow]) -> str:
    buffer = io.StringIO()
    write_centres(rows, buffer)
    return buffer.getvalue()
