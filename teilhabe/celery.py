import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")

app = Celery("teilhabe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
