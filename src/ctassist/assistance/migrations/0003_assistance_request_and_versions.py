"""``Request`` becomes ``AssistanceRequest``; requests and activities keep a version.

A rename, not a new table: rows, their ids, their change log and events (the content
type is renamed with the model) and the indexes stay as they are. The version of a
request was already stored; it becomes the one of ``core.models.VersionedModel``
(not editable in forms). Activities gain theirs, starting at 1.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("assistance", "0002_load_themes"),
    ]

    operations = [
        migrations.RenameModel(old_name="Request", new_name="AssistanceRequest"),
        migrations.AlterField(
            model_name="assistancerequest",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="activity",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
    ]
