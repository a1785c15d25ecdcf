import json
import logging
from pathlib import Path

import pytest
import structlog

from shared.logging import configure_logging, redact, redact_personal_data


def test_contact_details_are_masked() -> None:
    assert redact("send to sqzl-370103@example.gov.cn now") == "send to s***@example.gov.cn now"
    assert redact("联系电话 13812345678") == "联系电话 138****5678"
    assert redact("电话：0531-86152869") == "电话：0531****2869"
    assert redact("身份证 370103199001011234") == "身份证 370103********1234"


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("手机 +86 138-1234-5678", "手机 +86 138****5678"),
        ("手机 008613812345678", "手机 0086138****5678"),
        ("手机 139 1234 5678。", "手机 139****5678。"),
        ("tel:19912345678,", "tel:199****5678,"),
        ("座机 (0531)86152869", "座机 (0531)****2869"),
        ("座机 010-65123456", "座机 010****3456"),
        ("座机 0531 8615 2869", "座机 0531****2869"),
        ("身份证号37010319900101123X。", "身份证号370103********123X。"),
        ("证件 37010319900101123x", "证件 370103********123x"),
        ("王力<wang.li@163.com>", "王力<w***@163.com>"),
    ],
)
def test_phone_id_card_and_email_variants_are_masked(text: str, masked: str) -> None:
    assert redact(text) == masked


def test_codes_and_ids_are_left_alone() -> None:
    text = (
        "application 3e71b3f7-2da0-4e13 from 370103 on 2027-06-01, 鲁民函〔2027〕1号, SZ-2027-370103-01, "
        "at 2027-06-01T10:00:00.123456+00:00, offset 1712345678901, 11 digits not a mobile 12345678901"
    )
    assert redact(text) == text


def test_every_value_is_redacted_whatever_its_key_and_however_nested() -> None:
    event = {
        "event": "told 13812345678",
        "note": "王力 wang.li@163.com",
        "facts": {"to": ["li@x.cn", {"phone": "0531-86152869"}], "count": 3},
        "pair": ("370103199001011234", 1.5),
        "mobile": 13812345678,
        "error": ValueError("refused li@x.cn"),
        "ok": True,
        "plain": 42,
    }
    out = redact_personal_data(None, "info", event)
    assert out["event"] == "told 138****5678" and out["note"] == "王力 w***@163.com"
    assert out["facts"] == {"to": ["l***@x.cn", {"phone": "0531****2869"}], "count": 3}
    assert out["pair"] == ["370103********1234", 1.5]
    assert out["mobile"] == "138****5678" and "li@x.cn" not in out["error"]
    assert (out["ok"], out["plain"]) == (True, 42)


def test_log_lines_of_structlog_and_the_standard_library_are_redacted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    factory, root = logging.getLogRecordFactory(), logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", json=True)
        structlog.get_logger().info("delivery_sent", to="lishen@jnmz.gov.cn", detail={"tel": "13812345678"})
        other = logging.getLogger("uvicorn.error")
        other.addHandler(handler := logging.StreamHandler())  # a logger with its own handler
        try:
            other.warning("refused %s from %s", "lishen@jnmz.gov.cn", 13812345678)
            try:
                raise RuntimeError("身份证 370103199001011234")
            except RuntimeError:
                logging.getLogger("aiokafka").exception("failed for 0531-86152869")
        finally:
            other.removeHandler(handler)
        err = capsys.readouterr().err
    finally:
        logging.setLogRecordFactory(factory)
        root.handlers[:], root.level = handlers, level
        structlog.reset_defaults()
    line = json.loads(err.splitlines()[0])
    assert (line["event"], line["to"], line["detail"]) == (
        "delivery_sent",
        "l***@jnmz.gov.cn",
        {"tel": "138****5678"},
    )
    assert "refused l***@jnmz.gov.cn from 138****5678" in err
    assert "failed for 0531****2869" in err and "370103********1234" in err
    for raw in ("lishen@", "13812345678", "86152869", "199001011234"):
        assert raw not in err


def test_a_file_clock_moves_when_its_file_is_advanced(tmp_path: Path) -> None:
    from datetime import timedelta

    from shared.clock import FileClock, advance

    path = str(tmp_path / "clock")
    clock = FileClock(path)
    before = clock.now()
    advance(path, timedelta(days=365))
    assert timedelta(days=364) < clock.now() - before < timedelta(days=366)


def test_every_line_names_its_instance(capsys: pytest.CaptureFixture[str]) -> None:
    from shared.settings import Settings

    s = Settings(service="notify", jurisdiction="370000", delegated="370100")
    factory, root = logging.getLogRecordFactory(), logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        configure_logging("INFO", True, service=s.service, jurisdiction=s.jurisdiction, instance=s.instance)
        structlog.contextvars.clear_contextvars()  # a task that clears its context keeps them too
        structlog.get_logger().info("one")
        structlog.get_logger().info("two", instance="overridden")
        err = capsys.readouterr().err
    finally:
        logging.setLogRecordFactory(factory)
        root.handlers[:], root.level = handlers, level
        structlog.reset_defaults()
    lines = [json.loads(line) for line in err.splitlines()]
    assert len(lines) == 2
    assert {(ln["service"], ln["jurisdiction"]) for ln in lines} == {("notify", "370000")}
    assert [ln["instance"] for ln in lines] == ["notify-370000", "overridden"]
