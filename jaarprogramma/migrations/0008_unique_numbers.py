"""Numbers unique per programme: an action's number within its series, a success criterion's
place. Duplicates made before the constraints existed are numbered apart first."""

import importlib

import django.db.models.constraints
from django.db import migrations, models

separate_duplicates = importlib.import_module("opgaven.migrations._numbers").separate_duplicates


def number_duplicates_apart(apps, schema_editor):
    separate_duplicates(apps.get_model("jaarprogramma", "Action"), ["jaarprogramma_id", "group"], "number")
    separate_duplicates(apps.get_model("jaarprogramma", "SuccessCriterion"), ["jaarprogramma_id"], "order")


class Migration(migrations.Migration):

    dependencies = [
        ('jaarprogramma', '0007_carriers_bodies_and_parts'),
    ]

    operations = [
        migrations.RunPython(number_duplicates_apart, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.UniqueConstraint(deferrable=django.db.models.constraints.Deferrable['IMMEDIATE'], fields=('jaarprogramma', 'group', 'number'), name='action_unique_number', nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name='successcriterion',
            constraint=models.UniqueConstraint(deferrable=django.db.models.constraints.Deferrable['IMMEDIATE'], fields=('jaarprogramma', 'order'), name='criterion_unique_order'),
        ),
    ]
