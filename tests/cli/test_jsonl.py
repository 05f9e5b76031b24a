import json

from cartpath.cli.jsonl import RecordError, run_batch


def echo(record):  # noqa: ANN001, ANN201
    if record.get("bad"):
        raise RecordError("invalid_field", "bad: refused")
    return {"ok": True}


def test_it_keeps_order_reports_bad_lines_and_exits_1(tmp_path):  # noqa: ANN001
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a"}\n{broken\n\n[1]\n{"id": "b", "bad": true}\n{"id": "c"}\n')
    out = tmp_path / "out.jsonl"
    assert run_batch(str(source), str(out), echo) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("id") for r in records] == ["a", None, None, "b", "c"]
    assert [r.get("error", {}).get("code") for r in records] == [
        None, "invalid_json", "invalid_record", "invalid_field", None]


def test_a_byte_order_mark_does_not_break_the_first_record(tmp_path):  # noqa: ANN001
    source = tmp_path / "in.jsonl"
    source.write_bytes('\ufeff{"id": "a"}\n'.encode())
    out = tmp_path / "out.jsonl"
    assert run_batch(str(source), str(out), echo) == 0
    assert json.loads(out.read_text()) == {"id": "a", "ok": True}
