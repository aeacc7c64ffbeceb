"""Runs `manage.py check --deploy` in a child process with production-like settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_deploy_check(tmp_path, *, site_url="https://inklusiv.example", **extra_env):
    """site_url=None leaves SITE_URL unset, as a forgetful operator would."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' conftest allows async-unsafe ORM calls in this process only.
        if key not in {"DATABASE_URL", "EMAIL_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith(("SECURE_", "SESSION_", "CSRF_", "SITE_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="inklusiv.settings",
        INKLUSIV_VAR_DIR=str(tmp_path / "var"),
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48)[:50],
        ALLOWED_HOSTS="inklusiv.example",
    )
    if site_url is not None:
        env["SITE_URL"] = site_url
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
