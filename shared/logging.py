"""structlog set-up: one JSON object per line, carrying event, correlation and jurisdiction ids.

Every line also carries the instance it comes from (service, jurisdiction, instance), added by a
processor so lines of every task have them, HTTP requests' and consumers' alike.

Bind ids with `structlog.contextvars.bind_contextvars(event_id=..., correlation_id=...)`; every
log line in that task then carries them. E-mail addresses, phone and ID-card numbers are masked in
every value (any key, nested too) and in standard-library records (shared.personal_data.redact).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog

from shared.personal_data import redact

__all__ = ["configure_logging", "redact", "redact_personal_data", "redact_record", "stamp"]


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, bool | float) or value is None:
        return value
    if isinstance(value, Mapping):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_redacted(v) for v in value]
    # A number (a phone logged as an int) or an object the renderer would repr (an exception): kept
    # as it is unless its text holds contact data.
    text = str(value) if isinstance(value, int) else repr(value)
    masked = redact(text)
    return value if masked == text else masked


def redact_personal_data(
    _logger: Any, _name: str, event: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """structlog processor: personal contact data never reaches the logs, whatever the key, however
    deeply nested."""
    for key, value in event.items():
        event[key] = _redacted(value)
    return event


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """The same for a standard-library record (uvicorn, aiokafka, SQLAlchemy…): message and traceback."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        message = str(record.msg)
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record


def stamp(**static: str) -> structlog.typing.Processor:
    """structlog processor: `static` fields (service, jurisdiction, instance) in every line, unless
    the line sets them itself."""

    def add(_logger: Any, _name: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
        for key, value in static.items():
            event.setdefault(key, value)
        return event

    return add


_PLAIN_RECORD = logging.getLogRecordFactory()


def _redacted_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
    # A record factory, not a handler filter: it also covers loggers with their own handlers (uvicorn's).
    return redact_record(_PLAIN_RECORD(*args, **kwargs))


def configure_logging(level: str = "INFO", json: bool = True, **static: str) -> None:
    """Configure structlog and the standard library to write to stderr; `static` fields (service,
    jurisdiction, instance) go into every line."""
    lvl = getattr(logging, level.upper(), logging.INFO)
    logging.basicConfig(stream=sys.stderr, level=lvl, format="%(message)s", force=True)
    logging.setLogRecordFactory(_redacted_record)
    for noisy in ("aiokafka", "faststream", "uvicorn.access", "sqlalchemy.engine"):
        logging.getLogger(noisy).setLevel(max(lvl, logging.WARNING))
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False) if json else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            stamp(**static),
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.StackInfoRenderer(),
            structlog.processors.format_exc_info,
            redact_personal_data,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(lvl),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.clear_contextvars()
