"""A delivery's life: in-app at once, email retried with doubling backoff until sent or given up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.notify.domain.delivery import Delivery, DeliveryStatus, RetryPolicy, delivery_id, message_id
from services.notify.domain.model import Notice
from services.notify.domain.subscriber import Channel, Subscriber

NOW = datetime(2027, 6, 1, 2, 0, tzinfo=UTC)
NOTICE = Notice("event-1", "zones.application.submitted.v1", "app-1", {"title": "t"})
APPLICANT = Subscriber.applicant("370103", "济南市市中区", "sq@jnsz.gov.cn")


def test_in_app_is_delivered_at_once_and_email_waits_for_the_sender() -> None:
    in_app = Delivery.of(NOTICE, APPLICANT, Channel.IN_APP, NOW)
    email = Delivery.of(NOTICE, APPLICANT, Channel.EMAIL, NOW)
    assert in_app.status is DeliveryStatus.SENT and in_app.sent_at == NOW
    assert email.status is DeliveryStatus.PENDING and email.next_attempt_at == NOW
    assert email.address == "sq@jnsz.gov.cn" and email.id != in_app.id


def test_ids_and_message_ids_are_the_same_for_the_same_notice() -> None:
    assert delivery_id("e", "applicant:370103", Channel.EMAIL) == delivery_id(
        "e", "applicant:370103", Channel.EMAIL
    )
    d = Delivery.of(NOTICE, APPLICANT, Channel.EMAIL, NOW)
    assert message_id(d.id, "社区治理实验区 <noreply@zones.local>") == f"<{d.id}@zones.local>"


def test_failures_back_off_doubling_then_give_up() -> None:
    policy = RetryPolicy(max_attempts=3, backoff_ms=500)
    d = Delivery.of(NOTICE, APPLICANT, Channel.EMAIL, NOW)
    d.mark_attempt_failed(NOW, "refused", policy)
    assert (d.status, d.attempts, d.next_attempt_at) == (
        DeliveryStatus.PENDING,
        1,
        NOW + timedelta(seconds=0.5),
    )
    d.mark_attempt_failed(NOW, "refused", policy)
    assert d.next_attempt_at == NOW + timedelta(seconds=1)
    d.mark_attempt_failed(NOW, "still refused", policy)
    assert (d.status, d.attempts, d.next_attempt_at, d.last_error) == (
        DeliveryStatus.FAILED,
        3,
        None,
        "still refused",
    )


def test_a_retry_that_goes_through_is_sent() -> None:
    d = Delivery.of(NOTICE, APPLICANT, Channel.EMAIL, NOW)
    d.mark_attempt_failed(NOW, "refused", RetryPolicy())
    d.mark_sent(NOW + timedelta(seconds=1))
    assert (d.status, d.attempts, d.next_attempt_at) == (DeliveryStatus.SENT, 2, None)
