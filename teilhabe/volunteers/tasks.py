from celery import shared_task

from . import services


@shared_task
def send_assignment_reminders():
    return services.send_assignment_reminders()
