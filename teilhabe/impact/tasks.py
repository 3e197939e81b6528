"""Celery tasks of impact: thin, they call the report builder."""

from celery import shared_task

from . import report
from .models import ReportJob


@shared_task
def build_annual_report(job_id: int) -> str:
    job = ReportJob.objects.select_related("association").get(pk=job_id)
    report.build_report(job)
    return job.file.name
