# Joins the stock levels' fillfactor (branch i18-scale) and the translatable names (main).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_stock_level_fillfactor"),
        ("catalog", "0004_translatable_names"),
    ]

    operations = []
