"""Authority rule for register events: only the holder the receiver's own table names may publish.

Who holds a register comes from `shared/registers/kinds.toml` (the receiver's configuration), never
from the event: its `holder` field must merely agree with the signed source.
"""

from __future__ import annotations

from shared.events.envelope import Envelope
from shared.events.registry import Event
from shared.events.schemas.registers import RegisterPublished
from shared.programmes.loader import Catalogue
from shared.registers.kinds import holder_of


def published(env: Envelope, e: Event, _c: Catalogue) -> str | None:
    assert isinstance(e, RegisterPublished)
    holder = holder_of(e.kind)
    if holder is None:
        return f"no register kind {e.kind!r} here: refused"
    if env.jurisdiction != holder or e.holder != holder:
        return f"register {e.kind} is held by {holder}, not {env.jurisdiction} (claiming {e.holder})"
    return None
