"""The shipped files themselves, without a stack: every setting is explained in the example
environment, and the nginx site file is valid for Debian's nginx as shipped."""

import re
import subprocess
from pathlib import Path

from deploy.stack import DEPLOY, REPO, render_site

SETTING_READ = re.compile(r'[eE]nv\(?\)?\.\w+\(\s*"([A-Z][A-Z0-9_]+)"')


def test_example_environment_explains_every_setting_the_application_reads():
    settings = set(SETTING_READ.findall((REPO / "teilhabe" / "settings.py").read_text()))
    example = (DEPLOY / "teilhabe.env.example").read_text()
    documented = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", example, re.MULTILINE))
    assert settings, "no settings found: has settings.py stopped using django-environ?"
    assert sorted(settings - documented) == []
    for name in documented:
        line = re.search(rf"^(#?){name}=.*$", example, re.MULTILINE)
        above = example[: line.start()].rstrip("\n").splitlines()[-1]
        assert above.startswith("#"), f"{name} has no comment"


def test_gunicorn_settings_read_by_the_units_are_explained():
    conf = (DEPLOY / "gunicorn.conf.py").read_text()
    example = (DEPLOY / "teilhabe.env.example").read_text()
    read = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', conf))
    # Set by the systemd unit for each instance.
    internal = {"GUNICORN_INSTANCE", "GUNICORN_PROC_NAME", "PROMETHEUS_MULTIPROC_DIR"}
    for name in read - internal:
        assert f"{name}=" in example, name


def test_site_file_is_valid_nginx(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    site = render_site(
        (DEPLOY / "nginx" / "teilhabe.conf").read_text(),
        http_port=18080,
        https_port=18443,
        web_ports=[18001, 18002, 18003],
        static_root=tmp_path,
        media_root=tmp_path,
        error_pages=DEPLOY / "nginx" / "errors",
        certificate=cert,
        certificate_key=key,
        acme_root=tmp_path,
    )
    assert site.count("server 127.0.0.1:1800") == 3
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ include /etc/nginx/mime.types; access_log off; include {tmp_path}/site.conf; }}\n"
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log")]
        + ["-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_error_page_speaks_every_language_of_the_site():
    page = (DEPLOY / "nginx" / "errors" / "unavailable.html").read_text()
    for language in ("de", "en", "ar", "uk", "ru", "tr", "fa"):
        assert f'lang="{language}"' in page
    assert Path(DEPLOY / "nginx" / "teilhabe.conf").read_text().count("/unavailable.html") == 2
