from celery import shared_task
from django.core.mail import EmailMessage


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_email(*, subject: str, body: str, to: list[str], reply_to: list[str] | None = None):
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None).send()
    return len(to)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_sms(*, to: str, text: str):
    from .sms import SmsNotSent, deliver

    try:
        deliver(to=to, text=text)
    except SmsNotSent as error:
        raise OSError(str(error)) from error
    return 1
