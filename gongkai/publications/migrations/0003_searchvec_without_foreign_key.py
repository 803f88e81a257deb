"""Drop the foreign key of the PostgreSQL search table: Django's flush truncates the
publications table without CASCADE, which a referencing table refuses. Queries always join the
publications table, so an orphaned index row is never returned."""

from django.db import migrations


def drop_fk(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cur:
        cur.execute(
            "ALTER TABLE publications_searchvec"
            " DROP CONSTRAINT IF EXISTS publications_searchvec_publication_id_fkey"
        )


class Migration(migrations.Migration):
    dependencies = [("publications", "0002_search_index_and_classifications")]

    operations = [migrations.RunPython(drop_fk, migrations.RunPython.noop)]
