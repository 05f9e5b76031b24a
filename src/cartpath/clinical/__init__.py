"""Framework-free clinical core of cartpath (no Django): catalogue, pre-screen, grading, scores.

Decision support only: an "eligible" pre-screen status means an on-label candidate, to be
confirmed by the treating team.
"""

from __future__ import annotations

from cartpath.clinical.catalogue import (
    Administration,
    Catalogue,
    Indication,
    InfusionPlan,
    Lymphodepletion,
    MonitoringRules,
    Product,
    Sourced,
    load_catalogue,
)
from cartpath.clinical.crs import grade_crs, validate_crs
from cartpath.clinical.easix import easix
from cartpath.clinical.errors import CatalogueError, ValidationError
from cartpath.clinical.facts import CaseFacts, PriorLine, validate_case_facts
from cartpath.clinical.formulas import cockcroft_gault, mosteller_bsa
from cartpath.clinical.hematotox import hematotox
from cartpath.clinical.icans import grade_icans, validate_icans
from cartpath.clinical.prescreen import PrescreenEngine, prescreen, prescreen_facts
from cartpath.clinical.units import to_canonical, validate_labs

__all__ = [
    "Administration", "CaseFacts", "Catalogue", "CatalogueError", "Indication", "InfusionPlan",
    "Lymphodepletion", "MonitoringRules", "PrescreenEngine", "PriorLine", "Product", "Sourced",
    "ValidationError", "cockcroft_gault", "easix", "grade_crs", "grade_icans", "hematotox",
    "load_catalogue", "mosteller_bsa", "prescreen", "prescreen_facts", "validate_case_facts",
    "to_canonical", "validate_crs", "validate_icans", "validate_labs",
]
