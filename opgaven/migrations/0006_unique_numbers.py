"""Numbers unique per parent (ambitions, sections), and a version on comments so a second answer
is refused. Duplicates made before the constraint existed are numbered apart first."""

import importlib

import django.db.models.constraints
from django.db import migrations, models

separate_duplicates = importlib.import_module("opgaven.migrations._numbers").separate_duplicates


def number_duplicates_apart(apps, schema_editor):
    separate_duplicates(apps.get_model("opgaven", "Ambition"), ["chapter_id"], "number")
    separate_duplicates(apps.get_model("opgaven", "Section"), ["chapter_id"], "number")


class Migration(migrations.Migration):

    dependencies = [
        ('opgaven', '0005_front_matter_versions'),
    ]

    operations = [
        migrations.AddField(
            model_name='comment',
            name='version',
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.RunPython(number_duplicates_apart, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='ambition',
            constraint=models.UniqueConstraint(deferrable=django.db.models.constraints.Deferrable['IMMEDIATE'], fields=('chapter', 'number'), name='ambition_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.UniqueConstraint(deferrable=django.db.models.constraints.Deferrable['IMMEDIATE'], fields=('chapter', 'number'), name='section_unique_number'),
        ),
    ]
