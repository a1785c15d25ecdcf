"""What a service layer and the consumer need of a unit of work, as protocols.

Each service's `service_layer/ports.py` extends `UnitOfWork` with its repositories; its SQL unit
of work (a `SqlUnitOfWork`) and its unit-test fake both satisfy that protocol, and mypy checks both.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from shared.clock import Clock
from shared.events.envelope import Envelope
from shared.events.registry import Event


class HasEvents(Protocol):
    """An aggregate: the events it raised and has not handed to a unit of work yet."""

    events: list[Event]


class UnitOfWork(Protocol):
    """One transaction: a state change, the events it emits (to the outbox) and its inbox claim."""

    @property
    def clock(self) -> Clock: ...

    @property
    def cause(self) -> Envelope | None:
        """The event being applied, when a consumer opened this unit of work."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def emit(self, event: Event) -> Envelope: ...

    def record(self, aggregate_id: str, actor: str, action: str, detail: dict[str, Any]) -> None: ...

    async def claim(self, consumer: str, envelope: Envelope) -> bool: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


U_co = TypeVar("U_co", covariant=True)


class UnitOfWorkFactory(Protocol[U_co]):
    """A fresh unit of work, optionally caused by an event or carrying a request's correlation id."""

    def __call__(self, cause: Envelope | None = None, correlation_id: str | None = None) -> U_co: ...
