"""Laboratory values written as "<name> <filler> <number> <unit>"; a value with a comparison
(">50", "<2") is a threshold, not a result, and is skipped."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Names; abbreviations are case-sensitive so "alt" or "ast" in prose never match.
LAB_NAMES: tuple[tuple[str, str], ...] = (
    ("creatinine", r"(?:serum |plasma )?creatinine(?!\s+(?:clearance|kinase))|"
                   r"(?-i:\bCr\b|\bCreat\b)"),
    ("ldh", r"lactate dehydrogenase|lactic (?:acid )?dehydrogenase|(?-i:\bLDH\b)"),
    ("crp", r"C[- ]reactive protein|(?-i:\b(?:hs-?)?CRP\b)"),
    ("ferritin", r"(?:serum )?ferritin"),
    ("platelets", r"platelets?(?: count)?|(?-i:\bPLTs?\b|\bPlt\b)"),
    ("anc", r"absolute neutrophil(?: count)?s?|(?-i:\bANC\b)"),
    ("alc", r"absolute lymphocyte(?: count)?s?|(?-i:\bALC\b)"),
    ("wbc", r"white (?:blood )?(?:cell )?count|white blood cells?(?: count)?|leukocyte count|"
            r"(?-i:\bWBCs?\b|\bWBC count\b)"),
    ("hemoglobin", r"(?<!cell )(?<!corpuscular )ha?emoglobin(?!\s*A1c)|"
                   r"(?-i:\bHgb\b|\bHb\b(?!\s*A1c)|\bHGB\b)"),
    ("lvef", r"(?:left ventricular )?ejection fraction|(?-i:\bLVEF\b|\bEF\b)"),
    ("bilirubin", r"(?<!direct )(?<!indirect )(?<!conjugated )(?:total )?bilirubin|"
                  r"(?-i:\bT\.? ?bili\b|\bTbili\b)"),
    ("alt", r"alanine aminotransferase|(?-i:\bALT\b|\bSGPT\b)"),
    ("ast", r"aspartate aminotransferase|(?-i:\bAST\b|\bSGOT\b)"),
)
_NAME_RX = re.compile("|".join(f"(?P<{n}>{p})" for n, p in LAB_NAMES), re.I)
_FILLER = (r"(?:\s*(?:\([^()\d]{0,20}\)|level|levels|count|value|was|is|were|of|at|"
           r"elevated|increased|decreased|low|high|normal|slightly|mildly|markedly|"
           r"measured|approximately|about|around|to|:|=|-|,|\||noted to be|found to be|"
           r"(?:did\s+)?(?:dip|dipped|fell|dropped|rose|climbed|went|came|back)"
           r"(?:\s+(?:up|down))?(?:\s+(?:to|at))?|up at|down to)\s*){0,5}?\s*")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = (r"(mg/dL|mg/L|g/dL|g/L|mmol/L|\u00b5mol/L|umol/L|mcmol/L|micromol/L|U/L|IU/L|units?/L|"
         r"ng/mL|\u00b5g/L|ug/L|mcg/L|pg/mL|(?:x|\u00d7)\s?10\^?9\s?/L|(?:x|\u00d7)\s?10e9/L|"
         r"10\^?9/L|(?:x|\u00d7)\s?10\^?3\s?/(?:u|\u00b5|mc)L|(?:x|\u00d7)\s?10\^?3/mm3|"
         r"K/(?:u|\u00b5|mc)L|"
         r"k/mm3|thou/(?:u|\u00b5|mc)L|cells/(?:u|\u00b5|mc)L|10\*[39]/(?:u|\u00b5|mc)?L|"
         r"/(?:u|\u00b5|mc)L|/mm3|%|K\b)")
LAB_RX = re.compile(
    rf"(?:{_NAME_RX.pattern}){_FILLER}(?<![<>\u2264\u2265/])(?<![<>]\s){_NUMBER}"
    rf"(?![\d/])(?!\.\d)(?:\s*{_UNIT})?", re.I)


@dataclass(frozen=True)
class LabValue:
    name: str
    value: float
    unit: str | None
    start: int
    end: int


# Matching the name first and the value only right after it is several times faster than
# scanning the whole pattern at every position of the page.
_TAIL_RX = re.compile(
    rf"{_FILLER}(?<![<>\u2264\u2265/])(?<![<>]\s){_NUMBER}(?![\d/])(?!\.\d)"
    rf"(?:(?:\s*\|)?\s*{_UNIT})?",
    re.I)


_FIRST_WORDS = {
    "serum", "plasma", "creatinine", "cr", "creat", "lactate", "lactic", "ldh", "c", "crp", "hs",
    "hscrp", "ferritin", "platelet", "platelets", "plt", "plts", "absolute", "anc", "alc",
    "white", "wbc", "wbcs", "leukocyte", "hemoglobin", "haemoglobin", "hgb", "hb", "left",
    "ejection", "lvef", "ef", "total", "bilirubin", "t", "tbili", "alanine", "alt", "sgpt",
    "aspartate", "ast", "sgot"}
_WORD_RX = re.compile(r"[A-Za-z]+")


def find_labs(text: str) -> list[LabValue]:
    found: list[LabValue] = []
    last_end = 0
    for word in _WORD_RX.finditer(text):
        if word.start() < last_end or word.group(0).lower() not in _FIRST_WORDS:
            continue
        name_match = _NAME_RX.match(text, word.start())
        if name_match is None:
            continue
        m = _TAIL_RX.match(text, name_match.end())
        if m is None:
            continue
        name = next(k for k, v in name_match.groupdict().items() if v is not None)
        number, unit = m.group(1), m.group(2)
        # A date or a range ("1.0-1.2", "3/12") is not a result.
        if re.match(r"-\d", text[m.end(1): m.end(1) + 2]):
            continue
        value = float(number.replace(",", ""))
        found.append(LabValue(name, int(value) if value.is_integer() else value,
                              unit.strip() if unit else None, name_match.start(), m.end()))
        last_end = m.end()
    return found


_LAB_KEYS = [n for n, _ in LAB_NAMES]
