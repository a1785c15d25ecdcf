"""Metrics name the instance: an info gauge with service and jurisdiction, and the consumer label (the
instance name) on what consumers count, skipped foreign events included."""

from __future__ import annotations

from shared.runtime.metrics import EVENTS_SKIPPED, announce_instance, exposition
from shared.settings import Settings


def test_the_info_gauge_and_the_skipped_counter_carry_the_instance() -> None:
    s = Settings(service="monitoring", jurisdiction="370000", delegated="370100")
    announce_instance(s.service, s.jurisdiction, s.instance)
    EVENTS_SKIPPED.labels(s.instance).inc(2)
    lines = exposition().decode().splitlines()
    info = [ln for ln in lines if ln.startswith("zones_instance_info{")]
    assert info == [
        'zones_instance_info{instance="monitoring-370000",jurisdiction="370000",service="monitoring"} 1.0'
    ]
    skipped = [
        ln for ln in lines if ln.startswith('zones_events_skipped_total{consumer="monitoring-370000"}')
    ]
    assert len(skipped) == 1 and float(skipped[0].split()[-1]) >= 2
