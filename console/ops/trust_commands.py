"""`zones trust`: the root authority's commands for the signed trust bundle (shared/security/bundle.py).

The root (the ministry) runs `root-init` once and keeps the private key offline; for each instance
key it runs `add` (or `revoke`), then `sign`, and distributes the bundle; every deployment checks it
with `verify` against its pinned anchor. Bad input: a Chinese and English error, nothing written.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import typer

from console.ops import key_files
from console.ops import trust_input as given
from shared.security import bundle as b
from shared.security.current import TrustPaths, load_verified
from shared.security.members import Member, iso
from shared.security.signing import Signer

trust = typer.Typer(help="The signed trust bundle: which key signs for which instance.", no_args_is_help=True)
BUNDLE = typer.Option(..., "--bundle", help="The bundle file (JSON)")


@trust.command("root-init")
def root_init(
    out: Path = typer.Option(..., help="Folder for the root private key and the anchor"),
    key_id: str = typer.Option("", help="Root key id (default: root-<yyyymmdd>)"),
) -> None:
    """Make the root key: <out>/<key id>.key (mode 600, keep it offline) and <out>/anchor.json
    (the public key every deployment pins as ZONES_TRUST_ANCHOR)."""
    kid = given.key_id(key_id or f"root-{datetime.now(UTC):%Y%m%d}")
    key, anchor = out / f"{kid}.key", out / "anchor.json"
    key_files.absent(key, anchor)
    root = Signer.generate(kid)
    out.mkdir(parents=True, exist_ok=True)
    key_files.write_private(key, root.private_text())
    b.write(b.anchor_doc([root]), anchor)
    typer.echo(f"root key: {key}  (keep offline)\nanchor:   {anchor}  (ZONES_TRUST_ANCHOR)")


@trust.command("add")
def add(
    bundle: Path = BUNDLE,
    key_id: str = typer.Option(..., help="The key id events carry (ce_keyid)"),
    jurisdiction: str = typer.Option(..., help="The instance's 6-digit code"),
    service: str = typer.Option(..., help="intake, review, monitoring or notify"),
    types: str = typer.Option("", help="Comma-separated event types (default: all the service emits)"),
    public_key: str = typer.Option("", help="The public key (base64url raw Ed25519)"),
    public_key_file: Path = typer.Option(
        None, help="A file holding it (`zones keys generate` writes <id>.pub)"
    ),
    not_before: str = typer.Option(
        "", help="First instant its signatures count (ISO; a date: 00:00 China time)"
    ),
    not_after: str = typer.Option("", help="Last day (a date) or instant its signatures count; default open"),
) -> None:
    """Add an instance's key as a member (creating the bundle if missing); the bundle is then unsigned."""
    doc = given.draft(bundle)
    member = Member(
        key_id=given.key_id(key_id),
        jurisdiction=given.jurisdiction(jurisdiction),
        service=given.service(service),
        types=given.types(types, service),
        public_key=given.public_key(public_key, public_key_file),
        not_before=given.start(not_before) if not_before else datetime.now(UTC).replace(microsecond=0),
        not_after=given.end(not_after) if not_after else None,
    )
    given.unique(doc, member)
    doc["members"] = [*doc["members"], member.to_json()]
    b.write({k: v for k, v in doc.items() if k != "signature"}, bundle)
    typer.echo(
        f"added {member.key_id} for {member.instance} ({len(member.types)} types); now: zones trust sign"
    )


@trust.command("sign")
def sign(
    bundle: Path = BUNDLE,
    root_key: Path = typer.Option(..., help="The root private key file (<root key id>.key)"),
    valid_days: int = typer.Option(..., min=1, max=3650, help="Days the signed bundle is valid"),
    root_key_id: str = typer.Option("", help="Default: the key file's name without .key"),
    anchor: Path = typer.Option(None, help="Refuse unless the root key is pinned in this anchor"),
) -> None:
    """Sign the bundle with the root key: serial raised by one, issued now, valid --valid-days."""
    doc = given.draft(bundle, must_exist=True)
    root = given.root_signer(root_key, root_key_id or root_key.name.removesuffix(".key"))
    if anchor is not None:
        given.pinned(root, anchor)
    signed = b.sign(doc, root, datetime.now(UTC), valid_days)
    b.write(signed, bundle)
    typer.echo(f"signed {bundle}: serial {signed['serial']}, valid until {signed['valid_until']}")


@trust.command("verify")
def verify(
    bundle: Path = BUNDLE, anchor: Path = typer.Option(..., help="The pinned anchor (anchor.json)")
) -> None:
    """Exit 0 when the bundle is signed by a root in the anchor and valid now; 1 saying why not."""
    try:
        got = load_verified(TrustPaths(str(bundle), str(anchor)), datetime.now(UTC))
    except b.BundleRefused as exc:
        typer.echo(f"refused: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"ok: serial {got.serial}, {len(got.members)} members, valid until {iso(got.valid_until)}")


@trust.command("show")
def show(bundle: Path = BUNDLE, as_json: bool = typer.Option(False, "--json", help="As JSON")) -> None:
    """Print the bundle's members (not a verification: see `zones trust verify`)."""
    doc = given.draft(bundle, must_exist=True)
    members = [Member.from_json(m, i) for i, m in enumerate(doc["members"])]
    if as_json:
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    state = f"signed by {doc.get('root_key_id')}" if doc.get("signature") else "UNSIGNED"
    typer.echo(
        f"serial {doc.get('serial')}  issued {doc.get('issued_at', '-')}  valid until "
        f"{doc.get('valid_until', '-')}  {state}"
    )
    typer.echo(f"{'key id':<30} {'instance':<20} {'types':>5}  {'not before':<20} {'not after':<20} revoked")
    for m in members:
        span = [iso(t) if t else "-" for t in (m.not_before, m.not_after, m.revoked_at)]
        typer.echo(
            f"{m.key_id:<30} {m.instance:<20} {len(m.types):>5}  {span[0]:<20} {span[1]:<20} {span[2]}"
        )


def register(app: typer.Typer) -> None:
    from console.ops import trust_retirement  # adds `retire` and `revoke` to `trust`

    trust_retirement.register(trust)
    app.add_typer(trust, name="trust")
