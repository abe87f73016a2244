from django.db import migrations, models


def forget_pending_uploads(apps, schema_editor):
    # An upload waits at most a day for its confirmation; one pending across the upgrade is
    # uploaded again rather than converted.
    apps.get_model("governance", "ParticipantImport").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("governance", "0009_meeting_is_public")]

    operations = [
        migrations.RunPython(forget_pending_uploads, migrations.RunPython.noop),
        migrations.RemoveField("participantimport", "sheet"),
        migrations.RemoveField("participantimport", "plan"),
        migrations.AddField("participantimport", "sheet", models.BinaryField(default=b"", editable=False),
                            preserve_default=False),
        migrations.AddField("participantimport", "plan", models.BinaryField(default=b"", editable=False),
                            preserve_default=False),
    ]
