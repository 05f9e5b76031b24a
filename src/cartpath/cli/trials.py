"""``cartpath trials ...``: rank (TREC run), index, sync (ClinicalTrials.gov) and search.

Imports of the matching engine happen inside the handlers, so ``cartpath --help`` and the other
commands do not pay for NumPy.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(subparsers) -> None:  # noqa: ANN001
    trials = subparsers.add_parser(
        "trials", help="clinical-trial ranking, local index, ClinicalTrials.gov sync and search")
    sub = trials.add_subparsers(dest="trials_command", metavar="SUBCOMMAND")
    trials.set_defaults(handler=lambda args: (trials.print_help(), 2)[1])

    rank = sub.add_parser(
        "rank", help="rank a trial corpus for free-text patient summaries (TREC run output)")
    rank.add_argument("--corpus", required=True,
                      help="trials: JSON lines (.gz ok) of TrialGPT records or CT.gov API v2 "
                           "studies, or an API v2 search response")
    rank.add_argument("--queries", required=True, help='JSON lines {"_id", "text"}')
    rank.add_argument("--out", required=True, help="TREC run file ('-' = stdout)")
    rank.add_argument("--candidates",
                      help="qrels-style TSV 'query-id corpus-id score': rank only these trials")
    rank.add_argument("--top", type=int, default=1000, help="trials per query (default 1000)")
    rank.add_argument("--tag", default="cartpath", help="run tag (last column)")
    rank.set_defaults(handler=_rank)

    index = sub.add_parser("index", help="build a persistent local index directory")
    source = index.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", help="trial corpus file (as for 'rank')")
    source.add_argument("--store", help="study store directory (from 'sync')")
    index.add_argument("--out", required=True, help="index directory to (re)write")
    index.add_argument("--semantic", action="store_true",
                       help="also store MiniLM vectors (needs the 'semantic' extra; slow: "
                            "~30 trials/s on 2 CPU cores)")
    index.set_defaults(handler=_index)

    sync = sub.add_parser("sync", help="update a local store of full study JSON from "
                                       "ClinicalTrials.gov (API v2)")
    sync.add_argument("--store", required=True, help="store directory (created if missing)")
    sync.add_argument("--cond", help="query.cond, e.g. 'multiple myeloma'")
    sync.add_argument("--term", help="query.term, e.g. 'CAR-T OR \"chimeric antigen receptor\"'")
    sync.add_argument("--intr", help="query.intr, e.g. 'ciltacabtagene autoleucel'")
    sync.add_argument("--status", nargs="+", metavar="STATUS",
                      help="filter.overallStatus values, e.g. RECRUITING NOT_YET_RECRUITING")
    sync.add_argument("--geo", help="filter.geo, e.g. 'distance(39.0,-77.1,50mi)'")
    sync.add_argument("--advanced", help="filter.advanced (Essie), e.g. 'AREA[Phase]PHASE2'")
    sync.add_argument("--since", help="only studies updated on/after this date (YYYY-MM-DD)")
    sync.add_argument("--base-url", default=None, help="API base (default: the public API)")
    sync.add_argument("--max-pages", type=int, default=None)
    sync.add_argument("--page-size", type=int, default=100)
    sync.add_argument("--min-interval", type=float, default=None,
                      help="seconds between requests (rate limit; default 1.2)")
    sync.set_defaults(handler=_sync)

    search = sub.add_parser("search", help="search a local store or index")
    where = search.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", help="study store directory")
    where.add_argument("--index", help="index directory (from 'trials index')")
    search.add_argument("--query", default="", help="free text (patient summary or keywords)")
    search.add_argument("--status", nargs="+", metavar="STATUS")
    search.add_argument("--phase", nargs="+", metavar="PHASE", help="e.g. PHASE1 PHASE2")
    search.add_argument("--age", type=float, help="patient's age in years")
    search.add_argument("--sex", choices=["female", "male"])
    search.add_argument("--antigen", nargs="+", metavar="ANTIGEN", help="e.g. CD19 BCMA")
    search.add_argument("--modality", nargs="+", metavar="TYPE", help="e.g. CAR-T bispecific")
    search.add_argument("--near", help="patient's location 'LAT,LON'")
    search.add_argument("--within-km", type=float, help="maximum distance to the nearest site")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=_search)


# --------------------------------------------------------------------------- handlers


def _report(errors) -> None:  # noqa: ANN001
    for error in errors:
        print(f"cartpath trials: {error}", file=sys.stderr)


def _rank(args: argparse.Namespace) -> int:
    if args.top <= 0:
        print("cartpath trials rank: --top must be a positive integer", file=sys.stderr)
        return 2
    try:
        from cartpath.matching.runfile import rank_to_run

        return rank_to_run(args.corpus, args.queries, args.out, candidates_path=args.candidates,
                           top=args.top, tag=args.tag, log=sys.stderr)
    except OSError as exc:
        print(f"cartpath trials rank: {exc}", file=sys.stderr)
        return 2


def _load_trials_from(args: argparse.Namespace):  # noqa: ANN202
    from cartpath.matching.corpus import LineError, read_trials
    from cartpath.matching.store import StudyStore
    from cartpath.matching.trial import TrialFormatError, trial_from_record

    if getattr(args, "corpus", None):
        return read_trials(args.corpus)
    trials, errors = [], []
    store = StudyStore(args.store)
    for nct in store.ids():
        try:
            trials.append(trial_from_record(store.get(nct)))
        except (TrialFormatError, ValueError) as exc:
            errors.append(LineError(str(store.path_for(nct)), 1, str(exc)))
    return trials, errors


def _index(args: argparse.Namespace) -> int:
    import time

    from cartpath.matching.index import TrialIndex

    started = time.perf_counter()
    trials, errors = _load_trials_from(args)
    _report(errors)
    index = TrialIndex.build(trials)
    if args.semantic:
        from cartpath.matching import semantic

        if not semantic.available():
            print("cartpath trials index: --semantic needs the 'semantic' extra "
                  "(pip install torch==2.13.0 && pip install -e .[semantic])", file=sys.stderr)
            return 2
        semantic.embed_index(index)
    index.save(args.out)
    print(json.dumps({"trials": len(index), "terms": len(index.vocab), "out": args.out,
                      "seconds": round(time.perf_counter() - started, 2),
                      "errors": len(errors)}))
    return 1 if errors else 0


def _sync(args: argparse.Namespace) -> int:
    from cartpath.matching.ctgov import (DEFAULT_BASE_URL, ClientConfig, CtgovClient, CtgovError,
                                         StudyQuery)
    from cartpath.matching.store import StudyStore, sync_store

    config = ClientConfig(base_url=args.base_url or DEFAULT_BASE_URL, page_size=args.page_size,
                          **({} if args.min_interval is None
                             else {"min_interval_s": args.min_interval}))
    query = StudyQuery(cond=args.cond, term=args.term, intr=args.intr, statuses=args.status,
                       geo=args.geo, advanced=args.advanced, updated_since=args.since)
    try:
        report = sync_store(StudyStore(args.store), CtgovClient(config=config), query,
                            max_pages=args.max_pages)
    except CtgovError as exc:
        print(f"cartpath trials sync: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(report.to_dict()))
    return 0


def _search(args: argparse.Namespace) -> int:
    from cartpath.matching.facets import Filters
    from cartpath.matching.index import TrialIndex
    from cartpath.matching.trial_search import search

    near = None
    if args.near:
        try:
            lat, lon = (float(x) for x in args.near.split(","))
            near = (lat, lon)
        except ValueError:
            print("cartpath trials search: --near must be 'LAT,LON'", file=sys.stderr)
            return 2
    if args.index:
        index = TrialIndex.load(args.index)
    else:
        trials, errors = _load_trials_from(args)
        _report(errors)
        index = TrialIndex.build(trials)
    filters = Filters(statuses=args.status, phases=args.phase, age_years=args.age, sex=args.sex,
                      antigens=args.antigen, modalities=args.modality, near=near,
                      max_distance_km=args.within_km)
    embedder = None
    if index.embeddings is not None and args.query.strip():
        from cartpath.matching import semantic

        if semantic.available():
            embedder = semantic.Embedder()
    for hit in search(index, args.query, filters, limit=args.limit, embedder=embedder):
        print(json.dumps(hit.to_dict(), ensure_ascii=False))
    return 0
