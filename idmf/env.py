"""Typed readers for settings taken from the environment.

Each helper fails with ImproperlyConfigured naming the variable, so a typo in
production is caught at start-up rather than becoming a silent default.
"""

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, environ=os.environ) -> str | None:
    return environ.get(name, default)


def env_bool(name: str, default: bool, *, environ=os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int = 0, environ=os.environ) -> int:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str], *, environ=os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


@dataclass(frozen=True)
class DatabaseUrl:
    """The parts of a DATABASE_URL that Django needs."""

    engine: str
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    def as_django(self) -> dict:
        config = {"ENGINE": self.engine, "NAME": self.name}
        if self.engine == "django.db.backends.sqlite3":
            # Fit for a web server: writers queue for the lock (IMMEDIATE, a busy timeout)
            # instead of failing with "database is locked"; readers never block a writer (WAL).
            config["OPTIONS"] = {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
            # Tests use a file too, so concurrent requests meet the same locking as in use.
            path = Path(self.name)
            config["TEST"] = {"NAME": str(path.with_name(f"test-{path.name}"))}
        else:
            config.update(
                USER=self.user,
                PASSWORD=self.password,
                HOST=self.host,
                PORT=self.port,
                CONN_MAX_AGE=60,
                CONN_HEALTH_CHECKS=True,
            )
        return config


def parse_database_url(url: str) -> DatabaseUrl:
    """Read `sqlite:///path` or `postgres://user:pass@host:port/name`."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path.removeprefix("/")) if parts.netloc == "" else ""
        if not path:
            raise ImproperlyConfigured(f"DATABASE_URL {url!r} names no SQLite file")
        return DatabaseUrl(engine="django.db.backends.sqlite3", name=path)
    if parts.scheme in {"postgres", "postgresql"}:
        name = unquote(parts.path.removeprefix("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL names no database")
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured("DATABASE_URL has a port that is not a number") from None
        return DatabaseUrl(
            engine="django.db.backends.postgresql",
            name=name,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or ""),
            host=unquote(parts.hostname or ""),
            port=str(port or ""),
        )
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported: use sqlite or postgres"
    )


def database_config(environ=os.environ, *, default_sqlite: Path) -> dict:
    url = environ.get("DATABASE_URL")
    if not url:
        default_sqlite.parent.mkdir(parents=True, exist_ok=True)
        return DatabaseUrl(
            engine="django.db.backends.sqlite3", name=str(default_sqlite)
        ).as_django()
    return parse_database_url(url).as_django()
