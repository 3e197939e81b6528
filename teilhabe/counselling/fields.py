"""Case notes are encrypted at rest with Fernet (AES-128-CBC with HMAC-SHA256, from the
`cryptography` library). The keys come from the environment (COUNSELLING_NOTES_KEYS); the first
key encrypts, all of them decrypt, so that a key can be rotated without losing old notes."""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def note_cipher() -> MultiFernet:
    keys = tuple(settings.COUNSELLING_NOTES_KEYS)
    if not keys:
        # Only for development and tests (a system check refuses production without keys):
        # a key derived from the secret key, so that a local installation works out of the box.
        digest = hashlib.sha256(f"counselling-notes:{settings.SECRET_KEY}".encode()).digest()
        keys = (base64.urlsafe_b64encode(digest).decode(),)
    return _cipher(keys)


class EncryptedTextField(models.TextField):
    """A text field whose value is stored as a Fernet token; Python code sees the plain text."""

    def from_db_value(self, value, expression, connection):
        if not value:
            return ""
        try:
            return note_cipher().decrypt(value.encode()).decode()
        except InvalidToken:
            # A note written with a key that is no longer configured: unreadable, not a crash.
            return ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return note_cipher().encrypt(value.encode()).decode()
