"""3.4's four outcomes were loaded as success criteria, though the agenda never calls them so
(only 7.4, 8.4 and 12.3 say "geslaagd"). load_netwerkagenda now prints them as the list they
are; here the four rows the earlier loader made are removed, matched on their opening words."""

from django.db import migrations

OUTCOMES = [
    "Alle lokale bibliotheken bieden educatieve dienstverlening aan voor het **primair onderwijs**",
    "Meer dan de helft van de lokale bibliotheken biedt educatieve dienstverlening richting het "
    "**voortgezet onderwijs**",
    "**De expertise**",
    "Er is meer en gerichtere aandacht voor de **dienstverlening aan taalarme gezinnen**",
]


def remove_outcomes(apps, schema_editor):
    SuccessCriterion = apps.get_model("jaarprogramma", "SuccessCriterion")
    rows = SuccessCriterion.objects.filter(jaarprogramma__chapter__slug="geletterde-samenleving",
                                           jaarprogramma__year=2021)
    for start in OUTCOMES:
        rows.filter(text__startswith=start).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("jaarprogramma", "0005_action_carried_over_from"),
    ]

    operations = [
        migrations.RunPython(remove_outcomes, migrations.RunPython.noop),
    ]
