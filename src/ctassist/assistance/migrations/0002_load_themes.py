"""Load the shared theme taxonomy (core.taxonomy.THEMES) into the Theme table."""

from django.db import migrations


def load(apps, schema_editor):
    from ctassist.core.taxonomy import THEMES

    Theme = apps.get_model("assistance", "Theme")
    for position, (code, label) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(code=code, defaults={"label": label, "position": position})


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
