from celery import shared_task

from . import services


@shared_task
def materialise_sessions():
    return services.materialise_sessions()


@shared_task
def send_session_reminders():
    return services.send_session_reminders()
