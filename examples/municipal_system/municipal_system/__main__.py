"""python -m municipal_system --bootstrap HOST:PORT --jurisdiction 370100 --bundle bundle.json
    --anchor anchor.json --key-id 370100-oa --signing-key jinan.key [--stage prefecture_review]

(`--keys trusted.json`, a plain list of public keys, instead of --bundle/--anchor where the deployment
has no bundle.)

Reads the lifecycle topics from the start, keeps what concerns the jurisdiction (signature and schema
checked), and decides each task opened for it at `--stage` that has no decision yet: one signed
`zones.review.stage_decided.v1` per task, printed as `decided <application id> <event id>`."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from municipal_system.consume import Received, events_for
from municipal_system.contract import Keys, Schemas, SigningKey
from municipal_system.prefecture_review import decision
from municipal_system.publish import publish
from municipal_system.trust import Trust

PASS = ("pass", "审核通过", "advance", "preliminary_review")  # shandong-zones, prefecture_review


async def run(args: argparse.Namespace, keys: Keys | Trust, schemas: Schemas, signer: SigningKey) -> int:
    submitted: dict[str, dict[str, Any]] = {}
    opened: dict[str, Received] = {}
    decided: set[str] = set()
    async for event in events_for(args.bootstrap, args.jurisdiction, keys, schemas, idle_ms=args.idle_ms):
        print(f"received {event.type} {event.record.key.decode()}")
        if event.type == "zones.application.submitted.v1":
            submitted[event.data["application_id"]] = event.data
        elif event.type == "zones.review.task_opened.v1" and event.data["stage"] == args.stage:
            if event.data["reviewer_jurisdiction"] == args.jurisdiction:
                opened[event.data["task_id"]] = event
        elif event.type == "zones.review.stage_decided.v1":
            decided.add(event.data["task_id"])
    for task_id, task in opened.items():
        application = submitted.get(task.data["application_id"])
        if task_id in decided or application is None:
            continue
        record = decision(
            task, application, args.jurisdiction, signer, PASS, "方案符合要求，同意报送省民政厅。"
        )
        await publish(args.bootstrap, record)
        print(f"decided {task.data['application_id']} {record.attributes()['id']}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(prog="municipal_system", description=__doc__)
    for name in ("--bootstrap", "--jurisdiction", "--key-id", "--signing-key"):
        parser.add_argument(name, required=True)
    parser.add_argument("--bundle", help="the deployment's signed trust bundle")
    parser.add_argument("--anchor", help="the pinned anchor: the root keys the bundle must be signed by")
    parser.add_argument("--keys", help="instead of a bundle: {keys: [{id, jurisdiction, public_key}]}")
    parser.add_argument("--stage", default="prefecture_review")
    parser.add_argument("--idle-ms", type=int, default=3000)
    args = parser.parse_args()
    signer = SigningKey.from_text(args.key_id, Path(args.signing_key).read_text(encoding="utf-8"))
    if args.bundle and args.anchor:
        trust: Keys | Trust = Trust.from_bundle(Path(args.bundle), Path(args.anchor), datetime.now(UTC))
    elif args.keys:
        trust = Keys.load(Path(args.keys))
    else:
        parser.error("give --bundle and --anchor (or --keys)")
    return asyncio.run(run(args, trust, Schemas(), signer))


if __name__ == "__main__":
    raise SystemExit(main())
