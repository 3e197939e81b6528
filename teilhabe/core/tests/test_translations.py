"""Every UI string is translated into every language of the centre: the test extracts the
strings from the code as it is now (into a copy, so nothing in the tree changes) and fails
on any entry that is missing, untranslated or fuzzy."""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

TRANSLATED_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
PROJECT = Path(settings.BASE_DIR) / "teilhabe"


@pytest.fixture(scope="module")
def extracted_catalogues(tmp_path_factory):
    copy = tmp_path_factory.mktemp("strings") / "teilhabe"
    shutil.copytree(
        PROJECT, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo", "tests")
    )
    previous = Path.cwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages",
                locale=TRANSLATED_LANGUAGES,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(previous)
    return copy / "locale"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_ui_string_is_translated(extracted_catalogues, language):
    catalogue = polib.pofile(str(extracted_catalogues / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"
    assert len(catalogue.translated_entries()) > 100


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_catalogue_compiles_cleanly(language):
    po = PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
