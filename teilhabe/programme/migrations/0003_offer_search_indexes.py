"""GIN indexes over each language's search vector of offers (PostgreSQL only; SQLite searches
with LIKE). The expressions come from programme.search so that index and query stay equal."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

from teilhabe.programme.search import index_name, offer_search_vector, searched_languages


def _indexes():
    return [GinIndex(offer_search_vector(code), name=index_name(code)) for code in searched_languages()]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        offer = apps.get_model("programme", "Offer")
        for index in _indexes():
            schema_editor.add_index(offer, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for code in searched_languages():
            schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(code)}")


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_session_booking")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
