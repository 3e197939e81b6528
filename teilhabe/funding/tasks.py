from celery import shared_task

from . import services


@shared_task
def send_deadline_reminders():
    return services.send_deadline_reminders()
