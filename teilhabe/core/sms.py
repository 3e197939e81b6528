"""Text messages through a pluggable gateway (SMS_BACKEND): "off" (the default: nothing is
sent and callers fall back to e-mail or to calling), "console", "locmem" (tests read `outbox`)
or "http" (a JSON POST to SMS_GATEWAY_URL with a bearer token)."""

import json
import logging
import urllib.request

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# Messages sent with the "locmem" backend, for tests.
outbox: list[dict] = []


class SmsNotSent(Exception):
    pass


def is_configured() -> bool:
    return settings.SMS_BACKEND != "off"


def deliver(*, to: str, text: str) -> None:
    """Send one message now (called by the Celery task). Raises SmsNotSent on failure."""
    backend = settings.SMS_BACKEND
    message = {"to": to, "text": text, "sender": settings.SMS_SENDER}
    if backend == "locmem":
        outbox.append(message)
    elif backend == "console":
        # The number is a person's contact: log only its last digits.
        logger.info("SMS to …%s: %s", to[-3:], text)
    elif backend == "http":
        request = urllib.request.Request(
            settings.SMS_GATEWAY_URL,
            data=json.dumps(message).encode(),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status >= 300:
                    raise SmsNotSent(f"gateway answered {response.status}")
        except OSError as error:
            raise SmsNotSent(str(error)) from error
    elif backend != "off":
        raise SmsNotSent(f"unknown SMS_BACKEND {backend!r}")


def send_templated_sms(*, to: str, template: str, context: dict, language: str) -> bool:
    """Render a message in the recipient's language and queue it after commit. Returns False
    (and sends nothing) when no gateway is configured."""
    if not is_configured():
        return False
    from .outbox import send_after_commit
    from .tasks import send_sms

    with translation.override(language):
        text = " ".join(render_to_string(template, context).split())
    send_after_commit(send_sms, to=to, text=text)
    return True
