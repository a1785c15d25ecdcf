"""Who may call review's routes (shared/http/auth.py), and what a caller is shown."""

from __future__ import annotations

from fastapi import Request

from shared.http.auth import NOBODY_CHECKS, ensure_covers, require
from shared.security.tokens import Principal

READ = require("reviewer", "expert", "admin")
WORK = require("reviewer", "admin")
EXPERT_WORK = require("expert", "reviewer", "admin")


def in_scope(request: Request, who: Principal) -> None:
    """403 unless this instance's jurisdiction lies in the caller's territory."""
    ensure_covers(who, request.app.state.jurisdiction)


def deciding_as(who: Principal) -> str | None:
    """The jurisdiction a decision is made as: the token's, an admin's too (an admin of the province
    may not decide Jinan's stage); None only with authorisation off (this instance's own)."""
    return None if who is NOBODY_CHECKS else who.jurisdiction


def actor(who: Principal) -> str:
    """Who decides, claims, opens a notice or resolves an objection: the token's subject, never a
    name from the request body."""
    return who.subject


def expert_of(who: Principal) -> str | None:
    """An expert's name, to see only their own tasks and seats; None for everyone else."""
    return who.subject if who.role == "expert" else None


def person(who: Principal, given: str) -> str:
    """Whose opinion: an expert's own; a reviewer or admin may enter one given on paper by name."""
    return given if who is NOBODY_CHECKS or who.role == "admin" or not who.subject else who.subject
