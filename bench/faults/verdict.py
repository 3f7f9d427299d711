"""Verdicts: what a scenario reports and requires, and the table printed after all scenarios."""

from __future__ import annotations


class Verdict:
    """A scenario's figures (reported) and requirements (failed ones make it FAIL)."""

    def __init__(self, name: str):
        self.name = name
        self.figures: dict[str, str] = {}
        self.failures: list[str] = []

    def figure(self, key: str, value) -> None:
        self.figures[key] = str(value)

    def require(self, ok: bool, failure: str) -> None:
        if not ok:
            self.failures.append(failure)

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def result(self) -> str:
        return "PASS" if self.passed else "FAIL"

    def figures_text(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.figures.items())

    def line(self) -> str:
        reasons = f" -- {'; '.join(self.failures)}" if self.failures else ""
        return f"{self.result} {self.name}: {self.figures_text()}{reasons}"



def print_table(verdicts: list[Verdict]) -> None:
    print("\n| scenario | result | figures |\n|---|---|---|")
    for verdict in verdicts:
        details = verdict.figures_text() + (f" -- **{'; '.join(verdict.failures)}**" if verdict.failures else "")
        print(f"| {verdict.name} | {verdict.result} | {details.replace('|', '/')} |")
