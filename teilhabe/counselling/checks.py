from django.conf import settings
from django.core.checks import Error, register


@register()
def notes_key_configured(app_configs, **kwargs):
    if settings.DEBUG or settings.TESTING or settings.COUNSELLING_NOTES_KEYS:
        return []
    return [
        Error(
            "COUNSELLING_NOTES_KEYS is not set.",
            hint="Generate a key with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'` and set it in the environment.",
            id="counselling.E001",
        )
    ]
