"""``cartpath trials rank`` end to end: formats, candidates mode, run-file shape, bad lines."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys

from cartpath.cli import main

RUN_LINE = re.compile(r"^(\S+) Q0 (NCT\d{8}) (\d+) (-?\d+\.\d+) (\S+)$")

TRIALS = [
    {"_id": "NCT00000001", "title": "Temozolomide for anaplastic astrocytoma",
     "text": "", "metadata": {"brief_summary": "Adults with anaplastic astrocytoma receive "
                              "temozolomide after radiation.", "diseases_list": "['Astrocytoma']",
                              "gender": "All", "minimum_age": "18 Years", "maximum_age": "N/A"}},
    {"_id": "NCT00000002", "title": "Transcatheter valve for severe aortic stenosis",
     "text": "", "metadata": {"brief_summary": "Aortic stenosis in elderly patients.",
                              "diseases_list": "['Aortic Stenosis']"}},
    {"_id": "NCT00000003", "title": "Blood pressure control in hypertension",
     "text": "", "metadata": {"brief_summary": "Hypertension management with lifestyle."}},
    {"_id": "NCT00000004", "title": "Paediatric astrocytoma registry",
     "text": "", "metadata": {"brief_summary": "Children with low-grade astrocytoma.",
                              "gender": "All", "minimum_age": "1 Year", "maximum_age": "17 Years"}},
]
QUERIES = [
    {"_id": "p1", "text": "Patient is a 45-year-old man with a history of anaplastic astrocytoma "
                          "of the spine s/p radiation and temozolomide. He also has HTN."},
    {"_id": "p2", "text": "82 yo woman with severe aortic stenosis and shortness of breath."},
]


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def parse_run(path):
    lines = path.read_text().splitlines()
    rows = []
    for line in lines:
        m = RUN_LINE.match(line)
        assert m, f"not a TREC run line: {line!r}"
        rows.append((m.group(1), m.group(2), int(m.group(3)), float(m.group(4)), m.group(5)))
    return rows


def test_it_ranks_the_matching_trial_first_and_writes_a_trec_run(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)
    out = tmp_path / "run.txt"
    assert main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
                 "--out", str(out)]) == 0
    rows = parse_run(out)
    by_query = {}
    for qid, doc, rank, score, tag in rows:
        by_query.setdefault(qid, []).append((rank, doc, score))
        assert tag == "cartpath"
    assert by_query["p1"][0][1] == "NCT00000001"
    assert by_query["p2"][0][1] == "NCT00000002"
    for items in by_query.values():
        assert [r for r, _, _ in items] == list(range(1, len(items) + 1))
        scores = [s for _, _, s in items]
        assert scores == sorted(scores, reverse=True)


def test_an_adult_is_not_ranked_first_for_a_paediatric_trial(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES[:1])
    out = tmp_path / "run.txt"
    main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries), "--out", str(out)])
    docs = [doc for _, doc, _, _, _ in parse_run(out)]
    assert docs.index("NCT00000001") < docs.index("NCT00000004")


def test_top_limits_lines_per_query(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)
    out = tmp_path / "run.txt"
    main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
          "--out", str(out), "--top", "2"])
    rows = parse_run(out)
    assert len(rows) == 4
    assert {q for q, *_ in rows} == {"p1", "p2"}


def test_a_gzipped_corpus_gives_the_same_run(tmp_path):
    plain = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    gz = tmp_path / "corpus.jsonl.gz"
    with gzip.open(gz, "wt") as handle:
        handle.write(plain.read_text())
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)
    main(["trials", "rank", "--corpus", str(plain), "--queries", str(queries),
          "--out", str(tmp_path / "a.run")])
    main(["trials", "rank", "--corpus", str(gz), "--queries", str(queries),
          "--out", str(tmp_path / "b.run")])
    assert (tmp_path / "a.run").read_text() == (tmp_path / "b.run").read_text()


def test_candidates_restrict_each_query_to_its_listed_trials(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)
    cands = tmp_path / "cands.tsv"
    cands.write_text("query-id\tcorpus-id\tscore\np1\tNCT00000003\t0\np1\tNCT00000001\t2\n"
                     "p2\tNCT00000004\t0\np2\tNCT09999999\t0\n")
    out = tmp_path / "run.txt"
    assert main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
                 "--out", str(out), "--candidates", str(cands)]) == 0
    rows = parse_run(out)
    assert [(q, d) for q, d, *_ in rows] == [("p1", "NCT00000001"), ("p1", "NCT00000003"),
                                             ("p2", "NCT00000004")]


def test_api_v2_studies_rank_like_any_corpus(v2_dir, tmp_path):
    queries = write_jsonl(tmp_path / "q.jsonl", [
        {"_id": "k1", "text": "9 year old boy with Phelan-McDermid syndrome and autism"}])
    out = tmp_path / "run.txt"
    assert main(["trials", "rank", "--corpus", str(v2_dir / "search_phelan_limit5_20260811.json"),
                 "--queries", str(queries), "--out", str(out)]) == 0
    rows = parse_run(out)
    assert len(rows) == 5


def test_api_v2_studies_one_per_line(v2_dir, tmp_path):
    studies = json.loads((v2_dir / "search_phelan_limit5_20260811.json").read_text())["studies"]
    corpus = write_jsonl(tmp_path / "studies.jsonl", studies)
    queries = write_jsonl(tmp_path / "q.jsonl", [{"_id": "k1", "text": "Phelan-McDermid syndrome"}])
    out = tmp_path / "run.txt"
    assert main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
                 "--out", str(out)]) == 0
    assert len(parse_run(out)) == 5


def test_bad_lines_are_reported_on_stderr_the_rest_is_ranked_and_the_exit_is_non_zero(
        tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(TRIALS[0]) + "\n{broken\n" + json.dumps(TRIALS[1]) + "\n")
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps(QUERIES[0]) + "\n" + '{"_id": "p9"}\n')
    out = tmp_path / "run.txt"
    status = main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
                   "--out", str(out)])
    err = capsys.readouterr().err
    assert status != 0
    assert "line 2" in err and "invalid JSON" in err
    assert "p9" in err or "line 2" in err.split("q.jsonl")[-1]
    assert {d for _, d, *_ in parse_run(out)} == {"NCT00000001", "NCT00000002"}


def test_the_installed_command_runs_as_a_subprocess(tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", TRIALS)
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)
    result = subprocess.run([sys.executable, "-m", "cartpath.cli", "trials", "rank", "--corpus",
                             str(corpus), "--queries", str(queries), "--out", "-"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert all(RUN_LINE.match(line) for line in result.stdout.splitlines())
    assert len(result.stdout.splitlines()) == 8


def test_a_repeated_trial_id_is_a_warning_and_the_first_record_wins(tmp_path, capsys):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", [TRIALS[0], {**TRIALS[0], "title": "x"},
                                                     TRIALS[1]])
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES[:1])
    out = tmp_path / "run.txt"
    assert main(["trials", "rank", "--corpus", str(corpus), "--queries", str(queries),
                 "--out", str(out)]) == 0
    assert "warning" in capsys.readouterr().err
    assert len(parse_run(out)) == 2
