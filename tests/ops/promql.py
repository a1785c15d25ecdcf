"""Just enough of PromQL to list the metrics and label names an expression refers to."""

from __future__ import annotations

import re

from prometheus_client import CollectorRegistry

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "inf", "nan"}  # fmt: skip
SUFFIXES = {"counter": ("_total", "_created"), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count",
            "_created"), "summary": ("", "_sum", "_count", "_created"), "info": ("_info",)}  # fmt: skip
NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"


def references(expr: str) -> tuple[set[str], set[str]]:
    """(metric names, label names) that `expr` uses; label names from matchers and grouping clauses."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)  # string literals hold no names
    labels = set(re.findall(rf"({NAME})\s*(?:=~|!~|!=|=)", " ".join(re.findall(r"\{([^}]*)\}", text))))
    for clause in re.findall(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)", text):
        labels |= {w.strip() for w in clause.split(",") if w.strip()}
    text = re.sub(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", text)
    names = {m for m in re.findall(rf"(?<![\w.])({NAME})\b(?!\s*\()", text) if m.lower() not in KEYWORDS}
    return names, labels


def exported(registry: CollectorRegistry) -> dict[str, set[str]]:
    """Every sample name the registry can expose → its label names (from the collectors themselves, so
    a labelled metric that has no child yet counts too)."""
    out: dict[str, set[str]] = {}
    for collector in set(registry._collector_to_names):  # the registry has no public walk
        for family in collector.collect():
            labels = set(getattr(collector, "_labelnames", ())) | {
                k for s in family.samples for k in s.labels
            }
            for suffix in SUFFIXES.get(family.type, ("",)):
                out[family.name + suffix] = labels | ({"le"} if suffix == "_bucket" else set())
            for sample in family.samples:
                out.setdefault(sample.name, set()).update(sample.labels)
    return out
