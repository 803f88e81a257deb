"""The search index tables (FTS5 on SQLite, tsvector + GIN on PostgreSQL) and the default
classifications: the four narrative categories used in annual reports and the State Council
topic classification (主题分类) top level with common sub-topics. Both stay editable."""

from django.db import migrations

from gongkai.publications.defaults import CATEGORIES, TOPICS

def create_search(apps, schema_editor):
    from gongkai.publications.search import create_index_tables

    create_index_tables(schema_editor.connection)


def drop_search(apps, schema_editor):
    from gongkai.publications.search import drop_index_tables

    drop_index_tables(schema_editor.connection)


def seed(apps, schema_editor):
    Category = apps.get_model("publications", "Category")
    Topic = apps.get_model("publications", "Topic")
    for code, name, order in CATEGORIES:
        Category.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    for order, (code, name, parent) in enumerate(TOPICS):
        Topic.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "sort_order": order,
                "parent": Topic.objects.get(code=parent) if parent else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]

    operations = [
        migrations.RunPython(create_search, drop_search),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
