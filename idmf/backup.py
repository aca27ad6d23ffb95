"""Back up the database to one file, and restore it: pg_dump / pg_restore on PostgreSQL,
the SQLite backup API on SQLite (safe while the site is serving)."""

import glob
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from idmf.env import parse_database_url


def _postgres_tool(name: str) -> str:
    """A PostgreSQL client program: on the PATH, or where Debian's server package keeps it."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise ImproperlyConfigured(f"{name} is needed to back up PostgreSQL and was not found")
    return found


def _postgres_env(config: dict) -> tuple[list[str], dict]:
    args = ["--host", config["HOST"] or "localhost", "--username", config["USER"]]
    if config["PORT"]:
        args += ["--port", config["PORT"]]
    env = os.environ | ({"PGPASSWORD": config["PASSWORD"]} if config["PASSWORD"] else {})
    return args, env


def backup(config: dict, path: Path) -> Path:
    """Write the database described by Django's `config` to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if config["ENGINE"].endswith("sqlite3"):
        if not Path(config["NAME"]).exists():  # connecting would make an empty one
            raise FileNotFoundError(f"No database at {config['NAME']}")
        with sqlite3.connect(config["NAME"]) as source, sqlite3.connect(path) as target:
            source.backup(target)
        return path
    args, env = _postgres_env(config)
    subprocess.run(
        [_postgres_tool("pg_dump"), *args, "--format=custom", "--file", str(path), config["NAME"]],
        env=env,
        check=True,
    )
    return path


def restore(path: Path, *, into: dict) -> None:
    """Replace the database described by `into` with the backup at `path`."""
    if not path.exists():
        raise FileNotFoundError(f"No backup at {path}")
    if into["ENGINE"].endswith("sqlite3"):
        with sqlite3.connect(path) as source, sqlite3.connect(into["NAME"]) as target:
            source.backup(target)
        return
    args, env = _postgres_env(into)
    subprocess.run(
        [
            _postgres_tool("pg_restore"),
            *args,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            into["NAME"],
            str(path),
        ],
        env=env,
        check=True,
    )


def config_from_url(url: str) -> dict:
    return parse_database_url(url).as_django()
