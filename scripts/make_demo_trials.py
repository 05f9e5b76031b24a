"""Build the demo trial registry shipped in the package (run once; kept for provenance).

Takes, from the project's shared benchmark material, the haematological-cancer trials of the
TREC CT 2021 proxy corpus (some with eligibility criteria), and the 143 real CAR-T trial records
(text only). All of it is ClinicalTrials.gov content (NLM; attribute, no endorsement implied).

    python scripts/make_demo_trials.py ../shared/benchmarks src/cartpath/trials/data/demo_trials.jsonl.gz
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

HAEM = re.compile(r"lymphoma|myeloma|leuk(a)?emia|car[- ]?t\b|chimeric antigen receptor", re.I)


def main(benchmarks: Path, out: Path) -> None:
    kept = []
    with gzip.open(benchmarks / "trec-ct-2021" / "proxy_corpus_partial.jsonl.gz", "rt") as src:
        for line in src:
            record = json.loads(line)
            meta = record.get("metadata", {})
            if HAEM.search(f"{record.get('title', '')} {meta.get('diseases_list', '')}"):
                kept.append(record)
    with open(benchmarks / "ctgov-cart" / "cart_trials_partial.jsonl") as src:
        for line in src:
            record = json.loads(line)
            if record.get("cart_match") == "title":
                kept.append(record["ctgov_v2_partial"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt") as sink:
        for record in kept:
            sink.write(json.dumps(record) + "\n")
    print(f"{len(kept)} trials -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
