import pytest
from django.core.management import CommandError, call_command

from storefront_api.sdl import default_schema_path, schema_sdl


def test_committed_schema_file_matches_the_live_schema():
    path = default_schema_path()
    assert path.exists(), "schema.graphql is missing: run `python manage.py export_schema` and commit it."
    assert path.read_text(encoding="utf-8") == schema_sdl(), (
        "schema.graphql differs from the live schema: run `python manage.py export_schema` and commit it."
    )


def test_schema_lists_types_by_name_and_keeps_field_order():
    sdl = schema_sdl()
    type_names = [line.split()[1] for line in sdl.splitlines() if line.startswith(("type ", "enum ", "interface "))]
    assert type_names == sorted(type_names)
    weekday = sdl.split("enum Weekday {")[1].split("}")[0].split()
    assert weekday == ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]


def test_export_writes_the_file_and_check_reports_a_difference(tmp_path, capsys):
    output = tmp_path / "schema.graphql"
    call_command("export_schema", output=output)
    assert output.read_text(encoding="utf-8") == schema_sdl()
    call_command("export_schema", output=output, check=True)
    assert "up to date" in capsys.readouterr().out

    output.write_text("type Query { old: String }\n", encoding="utf-8")
    with pytest.raises(CommandError, match="differs from the live schema.*manage.py export_schema"):
        call_command("export_schema", output=output, check=True)
    assert output.read_text(encoding="utf-8") == "type Query { old: String }\n"
    with pytest.raises(CommandError, match="is missing"):
        call_command("export_schema", output=tmp_path / "absent.graphql", check=True)
