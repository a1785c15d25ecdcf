from pathlib import Path

from shared.logging import redact


def test_contact_details_are_masked() -> None:
    assert redact("send to sqzl-370103@example.gov.cn now") == "send to s***@example.gov.cn now"
    assert redact("联系电话 13812345678") == "联系电话 138****5678"
    assert redact("电话：0531-86152869") == "电话：0531****2869"
    assert redact("身份证 370103199001011234") == "身份证 370103********1234"


def test_codes_and_ids_are_left_alone() -> None:
    text = "application 3e71b3f7-2da0-4e13 from 370103 on 2027-06-01, 鲁民函〔2027〕1号"
    assert redact(text) == text


def test_a_file_clock_moves_when_its_file_is_advanced(tmp_path: Path) -> None:
    from datetime import timedelta

    from shared.clock import FileClock, advance

    path = str(tmp_path / "clock")
    clock = FileClock(path)
    before = clock.now()
    advance(path, timedelta(days=365))
    assert timedelta(days=364) < clock.now() - before < timedelta(days=366)
