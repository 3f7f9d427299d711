"""Percentiles and the formatting of figures."""

from __future__ import annotations

import collections
import math


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None or not math.isfinite(seconds) else f"{seconds * 1000:.0f} ms"


def secs(seconds: float | None) -> str:
    return "n/a" if seconds is None or not math.isfinite(seconds) else f"{seconds:.2f} s"


def counts(results: list) -> str:
    """'200x812 503x4 refusedx3': how many results (client.Result) per status or outcome."""
    tally = collections.Counter(r.label for r in results)
    return " ".join(f"{label}x{n}" for label, n in sorted(tally.items())) or "none"


def max_latency(results: list) -> float | None:
    return max((r.latency for r in results), default=None)
