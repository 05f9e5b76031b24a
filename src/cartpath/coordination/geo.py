"""Distances for the centre finder: great-circle (haversine) kilometres and a small gazetteer.

Django-free. The gazetteer holds approximate city-centre coordinates (public geography, not
clinical data) so that a patient's city can stand in for an address; anything else is entered
as latitude/longitude.
"""

from __future__ import annotations

import csv
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
GAZETTEER = Path(__file__).parent / "data" / "cities.csv"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres; good to about 0.5 % (the Earth is not a sphere)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def valid_coordinates(lat: float | None, lon: float | None) -> bool:
    return (lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180)


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().replace("-", " ").split())


@lru_cache(maxsize=1)
def _cities() -> dict[tuple[str, str], tuple[float, float]]:
    table: dict[tuple[str, str], tuple[float, float]] = {}
    with GAZETTEER.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(_key(row["city"]), row["country"].upper())] = (float(row["lat"]),
                                                                  float(row["lon"]))
    return table


def city_coordinates(city: str, country: str = "") -> tuple[float, float] | None:
    """Coordinates of a known city (country narrows homonyms such as Springfield)."""
    if not city:
        return None
    table, key = _cities(), _key(city)
    if country:
        return table.get((key, country.upper()))
    matches = [coords for (name, _), coords in table.items() if name == key]
    return matches[0] if len(matches) == 1 else None


def known_cities() -> list[tuple[str, str]]:
    return sorted(_cities())
