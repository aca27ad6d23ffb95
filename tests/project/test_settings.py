"""Settings are read in a fresh interpreter so each environment is tested as it starts."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "pr0duction-Secret-Key-with-enough-variety-4f8a9c2e1b7d6e5f3a2b1c0d9e8f",
    "DJANGO_ALLOWED_HOSTS": "inclusive-decisions.example.nhs.uk",
    # A database of this process's own: tests in other processes check settings too.
    "DATABASE_URL": "sqlite:///" + str(Path(tempfile.mkdtemp()) / "deploy-check.sqlite3"),
}


def run_manage(*args, env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_has_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    env = {**PRODUCTION_ENV, "DJANGO_SECRET_KEY": ""}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_a_bad_boolean_stops_start_up():
    result = run_manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_DEBUG"}
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env=env,
    )
    assert result.stdout.strip() == "False", result.stderr


def test_files_go_to_a_folder_or_to_s3_compatible_storage():
    show = ["shell", "-c", "from django.conf import settings; print(settings.STORAGES['default'])"]
    folder = run_manage(*show, env=PRODUCTION_ENV)
    assert "FileSystemStorage" in folder.stdout, folder.stderr
    s3 = run_manage(
        *show,
        env={
            **PRODUCTION_ENV,
            "DJANGO_FILE_STORE": "s3",
            "DJANGO_S3_BUCKET": "idmf-files",
            "DJANGO_S3_ENDPOINT_URL": "https://objects.example.nhs.uk",
        },
    )
    assert "storages.backends.s3.S3Storage" in s3.stdout and "idmf-files" in s3.stdout, s3.stderr
    missing = run_manage(*show, env={**PRODUCTION_ENV, "DJANGO_FILE_STORE": "s3"})
    assert "DJANGO_FILE_STORE=s3 needs DJANGO_S3_BUCKET" in missing.stderr
    typo = run_manage(*show, env={**PRODUCTION_ENV, "DJANGO_FILE_STORE": "disk"})
    assert "DJANGO_FILE_STORE must be folder or s3, not 'disk'" in typo.stderr


def test_django_file_store_s3_keeps_files_in_a_real_s3_compatible_bucket(object_store):
    """The settings DJANGO_FILE_STORE=s3 makes, in a process of their own, against the
    S3-compatible server the tests start: a file saved there is in the bucket, and read back."""
    from tests.object_store import BUCKET, CREDENTIALS, REGION

    save = (
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage as store;"
        "name = store.save('probe/hello.txt', ContentFile(b'hello from the site'));"
        "print(name, store.open(name).read().decode())"
    )
    done = run_manage(
        "shell",
        "--no-imports",
        "-c",
        save,
        env={
            **PRODUCTION_ENV,
            "DJANGO_FILE_STORE": "s3",
            "DJANGO_S3_BUCKET": BUCKET,
            "DJANGO_S3_ENDPOINT_URL": object_store.endpoint,
            "DJANGO_S3_REGION": REGION,
            "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
            "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        },
    )
    assert done.stdout.strip() == "probe/hello.txt hello from the site", done.stderr
    assert object_store.keys() == ["probe/hello.txt"]
