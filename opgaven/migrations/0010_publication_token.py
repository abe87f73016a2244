import uuid

from django.db import migrations, models


def give_each_version_its_token(apps, schema_editor):
    Publication = apps.get_model("opgaven", "Publication")
    versions = list(Publication.objects.only("pk"))
    for version in versions:
        version.token = uuid.uuid4()
    Publication.objects.bulk_update(versions, ["token"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("opgaven", "0009_export_job_recovery")]

    operations = [
        migrations.AddField("publication", "token", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(give_each_version_its_token, migrations.RunPython.noop),
        migrations.AlterField("publication", "token", models.UUIDField(default=uuid.uuid4, editable=False)),
    ]
