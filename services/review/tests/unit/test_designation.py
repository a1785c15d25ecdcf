"""Designation arithmetic: the period's last day, the local designation date, the document number."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.review.domain.designation import designation_date, document_no, period_end


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2027, 7, 1), 24, date(2029, 6, 30)),
        (date(2027, 3, 15), 24, date(2029, 3, 14)),
        (date(2027, 1, 1), 12, date(2027, 12, 31)),
        (date(2027, 11, 20), 3, date(2028, 2, 19)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),  # no 31 February: the month's last day
        (date(2027, 3, 31), 1, date(2027, 4, 30)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2027, 1, 30), 13, date(2028, 2, 29)),
    ],
)
def test_period_end_is_the_day_before_the_same_day_months_later(start: date, months: int, end: date) -> None:
    assert period_end(start, months) == end


def test_period_must_be_positive() -> None:
    with pytest.raises(ValueError):
        period_end(date(2027, 1, 1), 0)


def test_designation_date_is_the_day_in_shanghai() -> None:
    assert designation_date(datetime(2027, 12, 31, 17, 0, tzinfo=UTC), "Asia/Shanghai") == date(2028, 1, 1)
    assert designation_date(datetime(2027, 12, 31, 15, 59, tzinfo=UTC), "Asia/Shanghai") == date(2027, 12, 31)


def test_document_number_uses_the_programme_prefix() -> None:
    assert document_no("鲁民函", 2027, 12) == "鲁民函〔2027〕12号"
