"""Data for the stack scenarios, created inside the stack (`manage.py shell -c`) with its
production settings. Each function prints one line `STACK-DATA <json>` that the tests read."""

import datetime
import hashlib
import io
import json
import uuid

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

MARKER = "STACK-DATA "


def _out(value) -> None:
    print(MARKER + json.dumps(value, default=str))


def _association(tag: str):
    from teilhabe.associations.models import Association

    return Association.objects.create(
        name=f"Verein {tag} e. V.",
        slug=f"verein-{tag}",
        short_description_de="Ein Verein im Haus.",
        languages=["de"],
    )


def create_user(*, email: str, password: str, display_name: str) -> None:
    from teilhabe.accounts.models import User

    user = User.objects.create_user(email, password, display_name=display_name)
    _out({"pk": user.pk})


def create_offer(*, capacity: int, taken: int, session_in_hours: float | None = None) -> None:
    """A published offer with `capacity` places of which `taken` are confirmed; with
    `session_in_hours`, one session starting then."""
    from teilhabe.programme.models import Category, Offer, Registration, Session

    tag = uuid.uuid4().hex[:10]
    category, _ = Category.objects.get_or_create(
        slug="stack-tests", defaults={"name_de": "Stack", "name_en": "Stack"}
    )
    offer = Offer.objects.create(
        slug=f"angebot-{tag}",
        title_de=f"Angebot {tag}",
        summary_de="Ein Angebot im Haus.",
        category=category,
        lead_association=_association(tag),
        languages=["de"],
        status="published",
        registration_mode="required",
        capacity=capacity,
    )
    if session_in_hours is not None:
        starts_at = timezone.now() + datetime.timedelta(hours=session_in_hours)
        Session.objects.create(
            offer=offer,
            rule_day=timezone.localdate(starts_at),
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
        )
    Registration.objects.bulk_create(
        Registration(
            offer=offer,
            name=f"Taken {n}",
            email=f"taken-{tag}-{n}@example.org",
            status="confirmed",
            persons=1,
        )
        for n in range(taken)
    )
    _out({"slug": offer.slug, "pk": offer.pk})


def registrations(*, slug: str) -> None:
    from teilhabe.programme.models import Registration

    rows = Registration.objects.filter(offer__slug=slug).values_list("email", "status")
    _out([{"email": email, "status": status} for email, status in rows])


def write_files(*, count: int) -> None:
    """Association logos (public storage) and report files (private storage) written through
    Django's storage API and referenced by rows, as uploads are."""
    from PIL import Image

    from teilhabe.accounts.models import User
    from teilhabe.impact.models import ReportJob

    requester = User.objects.create_user(
        f"reports-{uuid.uuid4().hex[:8]}@example.org", None, display_name="Reports"
    )
    written = []
    for n in range(count):
        tag = uuid.uuid4().hex[:10]
        association = _association(tag)
        image = io.BytesIO()
        Image.new("RGB", (8 + n, 8), (n * 20 % 256, 80, 160)).save(image, "PNG")
        association.logo.save(f"logo-{tag}.png", ContentFile(image.getvalue()))
        job = ReportJob.objects.create(
            year=2026, language="de", status="done", requested_by=requester
        )
        job.file.save(f"report-{tag}.pdf", ContentFile(f"%PDF report {tag}\n".encode() * 50))
        written += [association.logo.name, job.file.name]
    _out(written)


def table_fingerprints() -> None:
    """Rows and an md5 over every row (in text form, sorted) of every table of the schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall()]
        fingerprints = {}
        for table in tables:
            cursor.execute(
                "SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), ''))"
                f' FROM "{table}" t'
            )
            count, digest = cursor.fetchone()
            fingerprints[table] = [count, digest]
    _out(fingerprints)


def file_fingerprints() -> None:
    """Every file of both storages with its sha256."""
    from pathlib import Path

    from django.conf import settings

    files = {}
    for label, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        root = Path(root)
        for path in sorted(root.rglob("*")) if root.exists() else []:
            if path.is_file():
                files[f"{label}/{path.relative_to(root)}"] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    _out(files)


def scheduled_runs(*, name: str) -> None:
    """The recorded runs of one schedule entry (the once-per-due-time scheduler's table)."""
    from teilhabe.core.models import ScheduledRun

    _out(
        list(
            ScheduledRun.objects.filter(name=name)
            .order_by("due_at")
            .values("due_at", "sent_at", "task_id")
        )
    )


def set_entry_interval(*, task: str, seconds: int) -> None:
    """Run the schedule entry of `task` every `seconds` from now on (as an admin would)."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    interval, _ = IntervalSchedule.objects.get_or_create(every=seconds, period="seconds")
    entry = PeriodicTask.objects.get(task=task)
    entry.interval = interval
    entry.crontab = None
    entry.save()
    _out({"name": entry.name, "now": timezone.now()})
