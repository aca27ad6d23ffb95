import pytest
from django.core.exceptions import ImproperlyConfigured

from idmf.env import env_bool, env_int, env_list, parse_database_url


@pytest.mark.parametrize("raw,expected", [("true", True), ("1", True), ("No", False), ("", False)])
def test_env_bool_reads_common_words(raw, expected):
    assert env_bool("FLAG", not expected, environ={"FLAG": raw}) is expected


def test_env_bool_fails_on_a_bad_value():
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False, environ={"FLAG": "maybe"})


def test_env_bool_default_when_unset():
    assert env_bool("FLAG", True, environ={}) is True


def test_env_int_fails_on_words_and_negative_numbers():
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SECONDS", 1, environ={"SECONDS": "ten"})
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("SECONDS", 1, environ={"SECONDS": "-5"})
    assert env_int("SECONDS", 1, environ={"SECONDS": "30"}) == 30


def test_env_list_splits_on_commas():
    assert env_list("HOSTS", [], environ={"HOSTS": "a.nhs.uk, b.nhs.uk,"}) == [
        "a.nhs.uk",
        "b.nhs.uk",
    ]


def test_parse_postgres_url():
    url = parse_database_url("postgres://idmf:s%40cret@127.0.0.1:5433/inclusive")
    assert url.as_django() | {} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "inclusive",
        "USER": "idmf",
        "PASSWORD": "s@cret",
        "HOST": "127.0.0.1",
        "PORT": "5433",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


def test_parse_sqlite_url_configures_sqlite_for_a_web_server():
    config = parse_database_url("sqlite:///tmp/x.sqlite3").as_django()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "tmp/x.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert config["OPTIONS"]["timeout"] == 20
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["TEST"]["NAME"] == "tmp/test-x.sqlite3"


@pytest.mark.parametrize(
    "url,message",
    [
        ("mysql://u@h/db", "not supported"),
        ("postgres://u@h:port/db", "port that is not a number"),
        ("postgres://u@h:5432/", "names no database"),
        ("sqlite://", "names no SQLite file"),
    ],
)
def test_bad_database_urls_fail_clearly(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_database_url(url)
