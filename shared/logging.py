"""structlog set-up: one JSON object per line, carrying event, correlation and jurisdiction ids, for
structlog's events and every library's standard-library records alike.

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
    # structlog's own events arrive as a dict for ProcessorFormatter: redact_personal_data masks those.
    record = _PLAIN_RECORD(*args, **kwargs)
    return record if isinstance(record.msg, dict) else redact_record(record)


# Loggers that bring their own handlers or formats (uvicorn's dictConfig, Alembic's ini): emptied and
# sent to the root handler, so their lines are the same JSON as everyone's.
LIBRARIES = ("uvicorn", "uvicorn.error", "uvicorn.access", "alembic", "aiokafka", "faststream",
             "asyncpg", "sqlalchemy", "sqlalchemy.engine", "httpx", "httpcore")  # fmt: skip
# Chatty at INFO: WARNING and up. httpx logs each request's full URL (a webhook's query may hold a secret).
QUIET = ("aiokafka", "faststream", "uvicorn.access", "sqlalchemy.engine", "httpx", "httpcore")


def configure_logging(level: str = "INFO", json: bool = True, **static: str) -> None:
    """Configure structlog and the standard library to write one format to stderr: structlog's own
    events and every library's records (uvicorn, Alembic, aiokafka, asyncpg, SQLAlchemy…) go through
    one handler whose structlog `ProcessorFormatter` adds timestamp, level, logger name and the bound
    ids, masks personal data and adds the instance's `static` fields (service,
    jurisdiction, instance), renders JSON lines (or console lines with `json=False`)."""
    lvl = getattr(logging, level.upper(), logging.INFO)
    logging.setLogRecordFactory(_redacted_record)
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer(ensure_ascii=False) if json else structlog.dev.ConsoleRenderer()
    )
    chain: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        stamp(**static),
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=chain,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            redact_personal_data,
            renderer,
        ],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(lvl)
    for name in LIBRARIES:
        library = logging.getLogger(name)
        library.handlers.clear()
        library.propagate = True
        library.setLevel(max(lvl, logging.WARNING) if name in QUIET else logging.NOTSET)
    structlog.configure(
        processors=[
            *chain,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(lvl),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )
    structlog.contextvars.clear_contextvars()
