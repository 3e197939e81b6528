"""On PostgreSQL no two active bookings of one room may overlap, buffers included — enforced
by the database itself, so it holds under any number of parallel requests. SQLite has no
exclusion constraints; there the booking service serialises writers instead."""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = """
ALTER TABLE rooms_booking ADD CONSTRAINT booking_rooms_never_overlap
EXCLUDE USING gist (
    room_id WITH =,
    tstzrange(blocked_from, blocked_until, '[)') WITH &&
) WHERE (NOT is_cancelled)
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CONSTRAINT)


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE rooms_booking DROP CONSTRAINT IF EXISTS booking_rooms_never_overlap"
        )


class Migration(migrations.Migration):
    dependencies = [("rooms", "0003_bookings")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint),
    ]
