"""HTTP/1.1 to 127.0.0.1: one Result per request, with its timings and, without an answer, what went wrong."""

from __future__ import annotations

import contextlib
import dataclasses
import http.client
import json
import socket
import time
from collections.abc import Callable

STACK_TRACE_MARKERS = (b"at dev.bulwark", b"Exception")


@dataclasses.dataclass(slots=True)
class Result:
    """One request. Times are time.monotonic(); outcome is 'http' (a response: see status) or what went wrong:
    'refused' (at connect), 'reset' (reset or EOF after connecting), 'timeout', 'error'."""

    kind: str
    outcome: str
    status: int  # 0 without a response
    start: float
    connected: float | None  # connection ready (opened, or reused); None when connecting failed
    sent: float | None  # request completely written; None when sending failed
    end: float
    content_type: str = ""
    rate_limited: bool = False  # carries RateLimit-Limit
    body: bytes = b""
    worker: int = -1  # the Load worker that made it
    retry_after: float | None = None  # s, from a Retry-After in seconds

    @property
    def latency(self) -> float:
        return self.end - self.start

    @property
    def label(self) -> str:
        return str(self.status) if self.outcome == "http" else self.outcome

    @property
    def ok(self) -> bool:
        return self.outcome == "http" and 200 <= self.status < 300

    @property
    def server_error(self) -> bool:
        return self.outcome == "http" and self.status >= 500

    @property
    def problem_type(self) -> str:
        """The slug of an application/problem+json answer ('busy', 'service-unavailable'), else ''."""
        if "problem+json" not in self.content_type:
            return ""
        with contextlib.suppress(ValueError, AttributeError):
            return str(json.loads(self.body).get("type", "")).rsplit("/", 1)[-1]
        return ""

    @property
    def busy(self) -> bool:
        return self.status == 503 and self.problem_type == "busy"

    @property
    def has_stack_trace(self) -> bool:
        return any(marker in self.body for marker in STACK_TRACE_MARKERS)

    def json(self) -> dict:
        return json.loads(self.body)

    def slim(self) -> Result:
        """A copy for keeping: success bodies dropped (the soak keeps hundreds of thousands of results)."""
        return dataclasses.replace(self, body=b"") if self.ok and self.body else self


def classify(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "refused"
    if isinstance(error, TimeoutError):  # socket.timeout, connect or read
        return "timeout"
    if isinstance(error, (ConnectionError, http.client.HTTPException)):  # reset, broken pipe, EOF, short body
        return "reset"
    return "error"


class Client:
    """HTTP/1.1 to 127.0.0.1:port over one connection, kept alive unless close=True (then a new connection per
    request, sent with Connection: close)."""

    IDLE_LIMIT = 5.0  # Tomcat closes keep-alive connections idle for 10 s: open a new one before that

    def __init__(self, port: int, close: bool = False, timeout: float = 15.0,
                 forwarded_for: Callable[[], str] | None = None):
        self.port = port
        self.close_each = close
        self.timeout = timeout
        self.forwarded_for = forwarded_for  # each request names this client address (for a trusted 127.0.0.1)
        self.conn: http.client.HTTPConnection | None = None
        self.last_used = 0.0

    def open(self) -> None:
        """Connects now (the flood opens its connections before releasing the requests)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        conn.connect()
        self.conn = conn
        self.last_used = time.monotonic()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def get(self, path: str, token: str | None = None, kind: str | None = None, accept: str = "application/json"
            ) -> Result:
        return self.request("GET", path, None, token, kind, accept)

    def post(self, path: str, body: dict, token: str | None = None, kind: str | None = None) -> Result:
        return self.request("POST", path, body, token, kind)

    def request(self, method: str, path: str, body: dict | None = None, token: str | None = None,
                kind: str | None = None, accept: str = "application/json") -> Result:
        payload = None if body is None else json.dumps(body).encode()
        headers = self._headers(accept, payload is not None, token)
        if self.conn is not None and time.monotonic() - self.last_used > self.IDLE_LIMIT:
            self.close()
        kind = kind or path
        start = time.monotonic()
        connected = sent = None
        try:
            if self.conn is None:
                self.open()
            connected = time.monotonic()
            self.conn.request(method, path, body=payload, headers=headers)
            sent = time.monotonic()
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return Result(kind, classify(error), 0, start, connected, sent, time.monotonic(), body=repr(error).encode())
        retry_after = response.getheader("Retry-After", "")
        result = Result(kind, "http", response.status, start, connected, sent, time.monotonic(),
                        response.getheader("Content-Type", ""), response.getheader("RateLimit-Limit") is not None, data,
                        retry_after=float(retry_after) if retry_after.isdigit() else None)
        if self.close_each or response.will_close:
            self.close()
        self.last_used = result.end
        return result

    def _headers(self, accept: str, has_body: bool, token: str | None) -> dict[str, str]:
        headers = {"Accept": accept}
        if has_body:
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if self.close_each:
            headers["Connection"] = "close"
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for()
        return headers


def call(port: int, method: str, path: str, body: dict | None = None, token: str | None = None,
         timeout: float = 30) -> tuple[int, dict | None]:
    """One request on a new connection: (status, its JSON body or None). Raises ConnectionError without an answer."""
    result = Client(port, close=True, timeout=timeout).request(method, path, body, token)
    if result.outcome != "http":
        raise ConnectionError(f"{method} {path} on port {port}: {result.label}")
    with contextlib.suppress(ValueError):
        return result.status, result.json() if result.body else None
    return result.status, None


def http_status(port: int, path: str, timeout: float = 1.0) -> int | str:
    """One GET on a new connection: the status, or the failure's outcome ('refused', 'timeout', ...)."""
    result = Client(port, close=True, timeout=timeout).get(path)
    return result.status if result.outcome == "http" else result.outcome


def connect_outcome(port: int, timeout: float = 0.5) -> str:
    """Whether a TCP connection to the port opens: 'accepted', 'refused', 'timeout' or 'error'."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=timeout).close()
        return "accepted"
    except OSError as error:
        return classify(error)


def accepts_connections(port: int) -> bool:
    return connect_outcome(port) == "accepted"
