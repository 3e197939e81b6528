from celery import shared_task

from . import services


@shared_task
def materialise_office_hours():
    return services.materialise_office_hours()


@shared_task
def send_appointment_reminders():
    return services.send_appointment_reminders()


@shared_task
def erase_expired_appointments():
    return services.erase_expired_appointments()
