"""ClinicalTrials.gov API v2 client: search with paging, one study, retry and rate limiting.

The network is a *transport* function passed in, so tests replay recorded responses and the
live API is only a base URL away. ``urllib_transport`` is the real one (stdlib, no extra
dependency). Parameter names follow the API (``query.cond``, ``filter.overallStatus``...), see
``benchmarks/ctgov-cart/README.md``.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


# (url, params) -> Response. Raising OSError means "network trouble" and is retried.
Transport = Callable[[str, dict[str, str]], Response]


class CtgovError(RuntimeError):
    """The API answered with an error that retrying will not fix, or retries ran out."""


def urllib_transport(timeout: float = 30.0, user_agent: str = "cartpath/0.1") -> Transport:
    def send(url: str, params: dict[str, str]) -> Response:
        full = url + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(full, headers={"User-Agent": user_agent,
                                                        "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310
                return Response(reply.status, reply.read(), dict(reply.headers))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, exc.read() or b"", dict(exc.headers or {}))

    return send


@dataclass(frozen=True)
class ClientConfig:
    base_url: str = DEFAULT_BASE_URL
    page_size: int = 100  # API maximum is 1000
    max_retries: int = 5
    backoff_initial_s: float = 1.0
    backoff_max_s: float = 60.0
    # CT.gov asks clients to stay around 50 requests per minute.
    min_interval_s: float = 1.2


@dataclass
class StudyQuery:
    cond: str | None = None
    term: str | None = None
    intr: str | None = None
    statuses: list[str] | None = None  # filter.overallStatus, e.g. ["RECRUITING"]
    geo: str | None = None  # filter.geo, e.g. "distance(39.0,-77.1,50mi)"
    advanced: str | None = None  # filter.advanced, Essie expression
    updated_since: str | None = None  # ISO date; LastUpdatePostDate >= this
    fields: list[str] | None = None  # None = full study records
    sort: str | None = None

    def params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.cond:
            out["query.cond"] = self.cond
        if self.term:
            out["query.term"] = self.term
        if self.intr:
            out["query.intr"] = self.intr
        if self.statuses:
            out["filter.overallStatus"] = ",".join(s.upper() for s in self.statuses)
        if self.geo:
            out["filter.geo"] = self.geo
        advanced = [a for a in (self.advanced,) if a]
        if self.updated_since:
            advanced.append(f"AREA[LastUpdatePostDate]RANGE[{self.updated_since},MAX]")
        if advanced:
            out["filter.advanced"] = " AND ".join(f"({a})" if len(advanced) > 1 else a
                                                  for a in advanced)
        if self.fields:
            out["fields"] = ",".join(self.fields)
        if self.sort:
            out["sort"] = self.sort
        return out


def geo_filter(lat: float, lon: float, radius: str) -> str:
    """``filter.geo`` value; radius like ``"50mi"`` or ``"100km"``."""
    return f"distance({lat},{lon},{radius})"


class CtgovClient:
    def __init__(self, transport: Transport | None = None, config: ClientConfig | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.transport = transport or urllib_transport()
        self.config = config or ClientConfig()
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self.requests_made = 0

    # ------------------------------------------------------------------ plumbing
    def _throttle(self) -> None:
        if self._last_request is not None and self.config.min_interval_s > 0:
            wait = self._last_request + self.config.min_interval_s - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request = self._clock()

    def _get_json(self, path: str, params: dict[str, str]) -> Any:
        url = self.config.base_url.rstrip("/") + path
        delay = self.config.backoff_initial_s
        last_problem = ""
        for attempt in range(self.config.max_retries + 1):
            self._throttle()
            self.requests_made += 1
            try:
                reply = self.transport(url, params)
            except OSError as exc:  # connection refused, timeout, DNS...
                last_problem = f"{type(exc).__name__}: {exc}"
            else:
                if reply.status == 200:
                    try:
                        return json.loads(reply.body.decode("utf-8"))
                    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                        raise CtgovError(f"{url}: response is not JSON ({exc})") from exc
                last_problem = f"HTTP {reply.status}"
                if reply.status not in (429, 500, 502, 503, 504):
                    snippet = reply.body[:300].decode("utf-8", "replace")
                    raise CtgovError(f"{url}: HTTP {reply.status}: {snippet}")
                retry_after = _retry_after_seconds(reply.headers)
                if retry_after is not None:
                    delay = max(delay, retry_after)
            if attempt < self.config.max_retries:
                self._sleep(min(delay, self.config.backoff_max_s))
                delay *= 2
        raise CtgovError(f"{url}: giving up after {self.config.max_retries + 1} attempts "
                         f"({last_problem})")

    # ------------------------------------------------------------------ API
    def get_study(self, nct_id: str, fields: list[str] | None = None) -> dict[str, Any]:
        params = {"fields": ",".join(fields)} if fields else {}
        return self._get_json(f"/studies/{urllib.parse.quote(nct_id)}", params)

    def iter_pages(self, query: StudyQuery, max_pages: int | None = None,
                   count_total: bool = False) -> Iterator[dict[str, Any]]:
        """Search result pages, following ``nextPageToken`` until the last page."""
        params = query.params()
        params["pageSize"] = str(self.config.page_size)
        if count_total:
            params["countTotal"] = "true"
        pages = 0
        token: str | None = None
        while True:
            page_params = dict(params)
            if token:
                page_params["pageToken"] = token
                page_params.pop("countTotal", None)
            page = self._get_json("/studies", page_params)
            if not isinstance(page, dict) or not isinstance(page.get("studies", []), list):
                raise CtgovError("search response without a 'studies' list")
            yield page
            pages += 1
            token = page.get("nextPageToken")
            if not token or (max_pages is not None and pages >= max_pages):
                return

    def iter_studies(self, query: StudyQuery, max_pages: int | None = None
                     ) -> Iterator[dict[str, Any]]:
        for page in self.iter_pages(query, max_pages=max_pages):
            yield from page.get("studies", [])


def _retry_after_seconds(headers: dict[str, str]) -> float | None:
    for key, value in headers.items():
        if key.lower() == "retry-after":
            try:
                return float(value)
            except ValueError:
                return None
    return None
