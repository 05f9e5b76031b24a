from __future__ import annotations

import gzip
import shutil

from cartpath.matching.corpus import read_candidates, read_queries, read_trials


def test_it_reads_plain_and_gzipped_json_lines_alike(data_dir, tmp_path):
    plain = data_dir / "trialgpt_tiny.jsonl"
    gz = tmp_path / "corpus.jsonl.gz"
    with open(plain, "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    a, errors_a = read_trials(plain)
    b, errors_b = read_trials(gz)
    assert [t.nct_id for t in a] == [t.nct_id for t in b]
    assert len(a) == 6 and not errors_a and not errors_b


def test_it_reads_a_pretty_printed_api_v2_search_response(v2_dir):
    trials, errors = read_trials(v2_dir / "search_phelan_limit5_20260811.json")
    assert len(trials) == 5 and not errors


def test_it_reads_one_pretty_printed_study(v2_dir):
    trials, errors = read_trials(v2_dir / "get_nct06382129_20260811.json")
    assert [t.nct_id for t in trials] == ["NCT06382129"] and not errors


def test_bad_lines_are_named_and_the_rest_is_kept(data_dir, tmp_path):
    lines = (data_dir / "trialgpt_tiny.jsonl").read_text().splitlines()
    corrupt = tmp_path / "bad.jsonl"
    corrupt.write_text("\n".join([lines[0], "{not json", '{"title": "no id"}', lines[1]]) + "\n")
    trials, errors = read_trials(corrupt)
    assert len(trials) == 2
    assert [e.line for e in errors] == [2, 3]
    assert "invalid JSON" in errors[0].message


def test_queries_need_an_id_and_text(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"_id": "p1", "text": "45-year-old man"}\n{"_id": "p2"}\n')
    queries, errors = read_queries(path)
    assert [q.id for q in queries] == ["p1"]
    assert errors[0].line == 2


def test_candidates_accept_beir_tsv_with_header_and_trec_qrels(tmp_path):
    tsv = tmp_path / "c.tsv"
    tsv.write_text("query-id\tcorpus-id\tscore\nq1\tNCT1\t2\nq1\tNCT2\t0\n")
    trec = tmp_path / "c.trec"
    trec.write_text("q1 0 NCT1 2\nq1 0 NCT2 0\n")
    assert read_candidates(tsv)[0] == read_candidates(trec)[0] == {"q1": ["NCT1", "NCT2"]}
