"""Precision and recall of fact extraction on the labelled development set.

    .venv/bin/python bench/extraction_eval.py [--set dev|fresh] [--pdf] [--errors]

Scalars: a reported value is a true positive when it equals the label, otherwise a false
positive (and a false negative if the label had a value). Lists are compared as sets: labs as
(name, value), diagnoses as (disease, histology), markers as (marker, result), therapies as drug
names (or the regimen name for drug-less items such as "radiation therapy").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # tests.documents.builders

from cartpath.documents import process_document  # noqa: E402

DEVSET = Path(__file__).with_name("extraction_devset")
SCALARS = ("age_years", "sex", "disease", "histology", "disease_status", "ecog", "n_prior_lines",
           "hsct_candidate", "prior_car_t", "prior_bcma_therapy", "primary_refractory",
           "refractory", "lenalidomide_refractory", "transplant.autologous",
           "transplant.allogeneic")
SETS = ("diagnoses", "labs", "antigen_markers", "therapies")


def predicted_sets(facts: dict) -> dict[str, set]:
    therapies = set()
    for t in facts["therapies"]:
        therapies |= set(t["drugs"]) if t["drugs"] else {t["regimen"]}
    return {
        "diagnoses": {(d["disease"], d["histology"]) for d in facts["diagnoses"]},
        "labs": {(lab["name"], float(lab["value"])) for lab in facts["labs"]},
        "antigen_markers": {(m["marker"], m["result"]) for m in facts["antigen_markers"]},
        "therapies": therapies,
    }


def expected_sets(label: dict) -> dict[str, set]:
    return {
        "diagnoses": {tuple(d) for d in label.get("diagnoses", [])},
        "labs": {(n, float(v)) for n, v in label.get("labs", [])},
        "antigen_markers": {tuple(m) for m in label.get("antigen_markers", [])},
        "therapies": set(label.get("therapies", [])),
    }


def scalar(facts: dict, name: str):  # noqa: ANN201
    if name.startswith("transplant."):
        return facts["transplant"][name.split(".")[1]]
    return facts.get(name)


def evaluate(as_pdf: bool = False, show_errors: bool = False,
             which: str = "dev") -> dict[str, dict[str, float]]:
    label_file, doc_dir = ("labels.json", "docs") if which == "dev" else ("labels_fresh.json",
                                                                          "fresh")
    labels = json.loads((DEVSET / label_file).read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for doc_id, label in sorted(labels.items()):
        data = (DEVSET / doc_dir / f"{doc_id}.txt").read_bytes()
        if as_pdf:
            from tests.documents.builders import text_pdf
            data = text_pdf(data.decode("utf-8"))
        facts = process_document(data).extraction.facts
        for name in SCALARS:
            got, want = scalar(facts, name), label.get(name.replace("transplant.", "transplant_"))
            if name.startswith("transplant."):
                want = label.get(name.replace(".", "_"))
            c = counts[name]
            if got is not None and got == want:
                c[0] += 1
            else:
                if got is not None:
                    c[1] += 1
                if want is not None:
                    c[2] += 1
                if show_errors and (got is not None or want is not None):
                    print(f"{doc_id:16} {name:22} got={got!r} want={want!r}")
        got_sets, want_sets = predicted_sets(facts), expected_sets(label)
        for name in SETS:
            got, want = got_sets[name], want_sets[name]
            c = counts[name]
            c[0] += len(got & want)
            c[1] += len(got - want)
            c[2] += len(want - got)
            if show_errors and got != want:
                print(f"{doc_id:16} {name:22} extra={sorted(got - want, key=str)} "
                      f"missed={sorted(want - got, key=str)}")
    report = {}
    for name in (*SCALARS, *SETS):
        tp, fp, fn = counts[name]
        report[name] = {
            "tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        }
    total = [sum(counts[n][i] for n in counts) for i in range(3)]
    report["ALL"] = {"tp": total[0], "fp": total[1], "fn": total[2],
                     "precision": round(total[0] / max(total[0] + total[1], 1), 3),
                     "recall": round(total[0] / max(total[0] + total[2], 1), 3)}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="render each document as a PDF first")
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--set", choices=("dev", "fresh"), default="dev",
                        help="dev: the set the rules were tuned on; fresh: labelled blind after")
    args = parser.parse_args()
    report = evaluate(args.pdf, args.errors, args.set)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"{'field':24} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    for name, r in report.items():
        if r["tp"] + r["fp"] + r["fn"] == 0:
            continue
        p = "-" if r["precision"] is None else f"{r['precision']:.2f}"
        rc = "-" if r["recall"] is None else f"{r['recall']:.2f}"
        print(f"{name:24} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} {p:>10} {rc:>8}")


if __name__ == "__main__":
    main()
