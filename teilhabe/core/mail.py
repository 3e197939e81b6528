from django.template.loader import render_to_string
from django.utils import translation

from .outbox import send_after_commit
from .tasks import send_email


def send_templated_email(
    *, to: list[str], subject_template: str, body_template: str, context: dict, language: str
) -> None:
    """Render an e-mail in the recipient's language and queue it once the surrounding
    transaction has committed, so no mail goes out for a change that was rolled back (and none
    is lost while the broker is down: see core.outbox)."""
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    send_after_commit(send_email, subject=subject, body=body, to=to)
