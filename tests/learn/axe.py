"""axe-core in the browser: the vendored tests/learn/axe.min.js (axe-core 4.12, MPL-2.0, a test
asset) is evaluated through the DevTools protocol, which the site's strict CSP does not block."""

from __future__ import annotations

from pathlib import Path

AXE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}


def serious_violations(page) -> list[dict]:  # noqa: ANN001
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in BLOCKING]
