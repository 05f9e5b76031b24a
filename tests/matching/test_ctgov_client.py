"""ClinicalTrials.gov API v2 client and store sync, against recorded responses only."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from cartpath.cli import main
from cartpath.matching.ctgov import (ClientConfig, CtgovClient, CtgovError, Response,
                                     StudyQuery, urllib_transport)
from cartpath.matching.store import StudyStore, sync_store

FIRST = "search_phelan_limit5_20260811.json"
SECOND = "search_phelan_next_20260811.json"
# No nextPageToken: plays the last page. Its three studies also appear on the first page, which
# exercises studies repeated across pages (they count once as new, then as unchanged).
LAST = "search_phelan_limit50_20260811.json"


class Recorded:
    """Maps API requests to the recorded files; follows the real pageToken chain."""

    def __init__(self, v2_dir):
        self.dir = v2_dir
        self.pages = {name: json.loads((v2_dir / name).read_text()) for name in (FIRST, SECOND, LAST)}
        self.by_token = {self.pages[FIRST]["nextPageToken"]: SECOND,
                         self.pages[SECOND]["nextPageToken"]: LAST}
        self.calls: list[tuple[str, dict]] = []

    def body(self, path: str, params: dict[str, str]) -> tuple[int, bytes]:
        self.calls.append((path, dict(params)))
        if path.endswith("/studies"):
            token = params.get("pageToken")
            name = FIRST if token is None else self.by_token.get(token)
            if name is None:
                return 400, b'{"error": "bad pageToken"}'
            return 200, (self.dir / name).read_bytes()
        nct = path.rsplit("/", 1)[-1]
        matches = list(self.dir.glob(f"get_{nct.lower()}_*.json"))
        if not matches:
            return 404, b'{"error": "not found"}'
        return 200, matches[0].read_bytes()

    def transport(self, url: str, params: dict[str, str]) -> Response:
        status, body = self.body(urlparse(url).path, params)
        return Response(status, body)


def fast_config(**kw) -> ClientConfig:
    return ClientConfig(base_url="https://example.invalid/api/v2", min_interval_s=0,
                        backoff_initial_s=0.01, **kw)


def test_search_follows_page_tokens_to_the_last_page(v2_dir):
    rec = Recorded(v2_dir)
    client = CtgovClient(rec.transport, fast_config(page_size=5))
    studies = list(client.iter_studies(StudyQuery(cond="Phelan-McDermid")))
    assert len(studies) == 5 + 5 + 3
    assert [c[1].get("pageToken") for c in rec.calls][1:] == list(rec.by_token)
    assert all(c[1]["query.cond"] == "Phelan-McDermid" and c[1]["pageSize"] == "5"
               for c in rec.calls)


def test_max_pages_stops_early(v2_dir):
    rec = Recorded(v2_dir)
    client = CtgovClient(rec.transport, fast_config())
    assert len(list(client.iter_pages(StudyQuery(term="x"), max_pages=2))) == 2


def test_query_parameters_use_the_api_names():
    params = StudyQuery(cond="multiple myeloma", term="CAR-T", intr="cilta-cel",
                        statuses=["recruiting", "NOT_YET_RECRUITING"],
                        geo="distance(39.0,-77.1,50mi)", advanced="AREA[Phase]PHASE2",
                        updated_since="2026-01-01").params()
    assert params["query.cond"] == "multiple myeloma"
    assert params["query.intr"] == "cilta-cel"
    assert params["filter.overallStatus"] == "RECRUITING,NOT_YET_RECRUITING"
    assert params["filter.geo"] == "distance(39.0,-77.1,50mi)"
    assert params["filter.advanced"] == \
        "(AREA[Phase]PHASE2) AND (AREA[LastUpdatePostDate]RANGE[2026-01-01,MAX])"


def test_it_retries_429_and_server_errors_with_exponential_backoff(v2_dir):
    rec = Recorded(v2_dir)
    failures = [Response(429, b"", {"Retry-After": "2"}), Response(503, b"")]
    sleeps: list[float] = []

    def flaky(url, params):
        return failures.pop(0) if failures else rec.transport(url, params)

    client = CtgovClient(flaky, ClientConfig(min_interval_s=0, backoff_initial_s=1.0),
                         sleep=sleeps.append)
    study = client.get_study("NCT02576665")
    assert study["protocolSection"]["identificationModule"]["nctId"] == "NCT02576665"
    assert sleeps == [2.0, 4.0]  # Retry-After honoured, then doubled


def test_it_gives_up_after_the_retry_budget_and_does_not_retry_a_404(v2_dir):
    calls = []

    def down(url, params):
        calls.append(url)
        raise ConnectionRefusedError("no route")

    client = CtgovClient(down, ClientConfig(max_retries=2, min_interval_s=0), sleep=lambda s: None)
    with pytest.raises(CtgovError, match="giving up after 3 attempts"):
        client.get_study("NCT02576665")
    rec = Recorded(v2_dir)
    client = CtgovClient(rec.transport, fast_config())
    with pytest.raises(CtgovError, match="HTTP 404"):
        client.get_study("NCT99999999")
    assert len(rec.calls) == 1


def test_requests_are_spaced_by_the_rate_limit(v2_dir):
    rec = Recorded(v2_dir)
    now = [100.0]
    sleeps: list[float] = []

    def sleep(s):
        sleeps.append(s)
        now[0] += s

    client = CtgovClient(rec.transport, ClientConfig(min_interval_s=1.5), sleep=sleep,
                         clock=lambda: now[0])
    list(client.iter_pages(StudyQuery(cond="x")))
    assert sleeps == [1.5, 1.5]


def test_sync_counts_new_then_unchanged_then_updated(v2_dir, tmp_path):
    rec = Recorded(v2_dir)
    store = StudyStore(tmp_path / "store")
    client = CtgovClient(rec.transport, fast_config())
    first = sync_store(store, client, StudyQuery(cond="Phelan-McDermid"))
    assert (first.new, first.updated, first.unchanged, first.pages) == (10, 0, 3, 3)
    assert len(store) == 10
    again = sync_store(store, client, StudyQuery(cond="Phelan-McDermid"))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 13)
    # A newer LastUpdatePostDate on the server marks the study updated.
    nct = store.ids()[0]
    study = store.get(nct)
    study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2026-01-02"}
    store.put(study)
    store.save_state()
    study["protocolSection"]["statusModule"]["lastUpdatePostDateStruct"] = {"date": "2026-03-01"}
    page = {"studies": [study]}

    def one_page(url, params):
        return Response(200, json.dumps(page).encode())

    report = sync_store(store, CtgovClient(one_page, fast_config()), StudyQuery(cond="x"))
    assert (report.new, report.updated, report.unchanged) == (0, 1, 0)
    assert store.state["last_update"][nct] == "2026-03-01"


@pytest.fixture
def recorded_server(v2_dir):
    rec = Recorded(v2_dir)
    fail_first = {"left": 1}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            parsed = urlparse(self.path)
            if fail_first["left"]:
                fail_first["left"] -= 1
                self.send_response(503)
                self.end_headers()
                return
            params = {k: v[0] for k, v in parse_qs(parsed.query).items()}
            status, body = rec.body(parsed.path, params)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/api/v2", rec
    server.shutdown()
    server.server_close()


def test_the_real_http_transport_pages_through_a_local_server(recorded_server):
    base, rec = recorded_server
    client = CtgovClient(urllib_transport(timeout=10),
                         ClientConfig(base_url=base, min_interval_s=0, backoff_initial_s=0.01))
    studies = list(client.iter_studies(StudyQuery(cond="Phelan-McDermid")))
    assert len(studies) == 13
    assert client.requests_made == 4  # one 503 retried, then three pages


def test_sync_and_search_commands_work_against_a_local_server(recorded_server, tmp_path, capsys):
    base, _ = recorded_server
    store = tmp_path / "store"
    assert main(["trials", "sync", "--store", str(store), "--cond", "Phelan-McDermid",
                 "--status", "COMPLETED", "RECRUITING", "--base-url", base,
                 "--min-interval", "0"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["new"] == 10 and report["pages"] == 3
    assert main(["trials", "search", "--store", str(store), "--query", "oxytocin",
                 "--limit", "3"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert hits and "oxytocin" in (hits[0]["title"].lower())
    assert main(["trials", "index", "--store", str(store), "--out", str(tmp_path / "idx")]) == 0
    capsys.readouterr()
    assert main(["trials", "search", "--index", str(tmp_path / "idx"), "--query", "oxytocin",
                 "--limit", "3"]) == 0
    again = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [h["nct_id"] for h in again] == [h["nct_id"] for h in hits]
