"""The secrets in the survey links: a new random token, and the hash that is all the database
keeps of a personal or a resume link (so a copy of the database opens no one's answers)."""

import hashlib
import secrets


def new_token() -> str:
    """A fresh link token: 32 random bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The sha256 hex digest of a token, as stored in Invitation.token_hash and Draft.token_hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
