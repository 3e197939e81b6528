from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import send_email


def send_templated_email(
    *, to: list[str], subject_template: str, body_template: str, context: dict, language: str
) -> None:
    """Render an e-mail in the recipient's language and queue it once the surrounding
    transaction has committed, so no mail goes out for a change that was rolled back."""
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    transaction.on_commit(lambda: send_email.delay(subject=subject, body=body, to=to))
