"""Shape a stored pre-screen run for the page: the template only loops and prints."""

from __future__ import annotations

from dataclasses import dataclass, field

from cartpath.clinical import load_catalogue
from cartpath.screening.models import PrescreenRun
from cartpath.screening.services import products_in_order

STATUS_LABELS = {
    "eligible": "On-label candidate — to be confirmed by the treating team",
    "unknown": "Unknown — facts missing",
    "not_eligible": "Not on-label",
}
RESULT_LABELS = {"met": "met", "unmet": "unmet", "unknown": "unknown"}


@dataclass
class SourceLink:
    key: str
    title: str
    url: str


@dataclass
class ProductView:
    code: str
    name: str
    target: str
    status: str
    status_label: str
    explanation: str
    routes: list[dict]
    missing: list[dict]
    flags: list[str]
    unmet: list[str]


@dataclass
class RunView:
    catalogue_version: str
    products: list[ProductView]
    facts: list[tuple[str, object, str]]
    documents_to_request: list[tuple[str, list[str]]] = field(default_factory=list)


def _source_links(keys: list[str]) -> list[SourceLink]:
    sources = load_catalogue().sources
    links = []
    for key in keys:
        source = sources.get(key)
        if source is not None:
            links.append(SourceLink(key, source.title, source.urls[0] if source.urls else ""))
    return links


def _route(route: dict) -> dict:
    return {
        "id": route["indication_id"],
        "status": route["status"],
        "label_text": route.get("label_text", ""),
        "sources": _source_links(route.get("sources", [])),
        "criteria": [
            {"text": c["text"], "rule": c.get("rule", ""), "result": c["result"],
             "inputs": ", ".join(f"{k} = {v}" for k, v in c.get("inputs", {}).items()) or "—",
             "basis": c.get("basis", ""), "confidence": c.get("confidence", "")}
            for c in route.get("criteria", [])
        ],
    }


def present_run(run: PrescreenRun) -> RunView:
    products = []
    wanted: dict[str, list[str]] = {}
    for code, verdict in products_in_order(run.result):
        documents = verdict.get("documents_to_request", {})
        for name, document in documents.items():
            wanted.setdefault(str(document), []).append(name)
        products.append(ProductView(
            code=code,
            name=f"{verdict.get('brand', code)} ({code})",
            target=verdict.get("target", ""),
            status=verdict["status"],
            status_label=STATUS_LABELS.get(verdict["status"], verdict["status"]),
            explanation=verdict.get("explanation", ""),
            routes=[_route(r) for r in verdict.get("routes", [])],
            missing=[{"field": name, "document": documents.get(name, "")}
                     for name in verdict.get("missing", [])],
            flags=[d.get("text", d.get("code", "")) if isinstance(d, dict) else str(d)
                   for d in verdict.get("flag_details", [])] or list(verdict.get("flags", [])),
            unmet=list(verdict.get("unmet", [])),
        ))
    facts = [(name, value, str(run.provenance.get(name, "")))
             for name, value in sorted(run.facts.items())]
    return RunView(run.catalogue_version, products, facts,
                   sorted((doc, sorted(set(fields))) for doc, fields in wanted.items()))
