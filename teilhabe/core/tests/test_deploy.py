import os
import subprocess
import sys

from cryptography.fernet import Fernet
from django.conf import settings


def run_manage(*args, **env_overrides):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "teilhabe.settings", **env_overrides}
    for name in ("DEBUG", "TEST_DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        if name not in env_overrides:
            env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="zentrum.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        COUNSELLING_NOTES_KEYS=Fernet.generate_key().decode(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_run_without_a_key_for_case_notes(tmp_path):
    result = run_manage(
        "check",
        SECRET_KEY="x" * 20 + "production-secret-key-that-is-long-and-random-0123456789",
        ALLOWED_HOSTS="zentrum.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        COUNSELLING_NOTES_KEYS="",
    )
    assert result.returncode != 0
    assert "counselling.E001" in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_manage("check", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
