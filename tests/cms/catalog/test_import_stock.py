"""manage.py import_stock: CSV and JSON Lines files streamed in chunks through the stock
ingestion rules, with a progress bar and a summary naming the bad lines."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tests.cms.catalog.stock_fixtures import levels, products, row, stores  # noqa: F401

NOON = "2026-03-01T12:00:00+00:00"
LATER = "2026-03-01T13:00:00+00:00"

CSV = f"""store,sku,quantity,source_updated_at
milano,KETTLE-1,5,{NOON}
milano,MOKA-3,many,{NOON}
roma,KETTLE-1,2,{NOON}
torino,KETTLE-1,2,{NOON}
roma,MOKA-3,1,{NOON},extra
roma,CUP-6,0,2026-03-01
milano,KETTLE-1,3,2026-03-01T11:00:00+00:00
"""


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_stock", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("chunk_size", ["5000", "2"])
def test_a_csv_file_is_imported_and_bad_lines_are_listed(stores, products, tmp_path, chunk_size):
    path = tmp_path / "stock.csv"
    path.write_text(CSV)

    out, err = run(path, "--chunk-size", chunk_size)

    assert levels() == {("milano", "KETTLE-1"): (5, NOON), ("roma", "KETTLE-1"): (2, NOON)}
    assert "7 rows" in out and "applied 2, unchanged 0, stale 1, rejected 4" in out
    assert "line 3: quantity: quantity must be a whole number" in out
    assert "line 5: store: No store “torino”." in out
    assert "line 6: More cells than the header names." in out
    assert "line 7: source_updated_at:" in out
    assert "rows/s" in err and "100%" in err


def test_a_jsonl_file_is_imported_and_bad_lines_are_listed(stores, products, tmp_path):
    lines = [
        json.dumps(row(quantity=5, at=NOON)),
        "",
        "{not json",
        json.dumps(row(store="roma", sku="CUP-6", quantity=-2, at=NOON)),
        json.dumps(row(store="roma", sku="CUP-6", quantity=4, at=NOON)),
        json.dumps([1, 2]),
    ]
    path = tmp_path / "stock.jsonl"
    path.write_text("\n".join(lines) + "\n")

    out, _ = run(path, "--no-progress")

    assert levels() == {("milano", "KETTLE-1"): (5, NOON), ("roma", "CUP-6"): (4, NOON)}
    assert "applied 2, unchanged 0, stale 0, rejected 3" in out
    assert "line 3: Not valid JSON" in out
    assert "line 4: quantity:" in out
    assert "line 6: A row must be an object" in out


def test_importing_a_file_again_changes_nothing_and_newer_files_win(stores, products, tmp_path):
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(f"sku,store,quantity,source_updated_at\nKETTLE-1,milano,5,{NOON}\n")
    second.write_text(f"store,sku,quantity,source_updated_at\nmilano,KETTLE-1,8,{LATER}\n")

    run(first)
    again, _ = run(first)
    run(second)
    older, _ = run(first)

    assert "applied 0, unchanged 1, stale 0" in again
    assert "applied 0, unchanged 0, stale 1" in older
    assert levels() == {("milano", "KETTLE-1"): (8, LATER)}


def test_only_the_first_errors_are_listed(stores, products, tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text("store,sku,quantity,source_updated_at\n" + f"milano,NOPE,1,{NOON}\n" * 30)

    out, _ = run(path, "--show-errors", "3", "--no-progress")

    assert "rejected 30" in out and "Errors (first 3 by line):" in out
    assert out.count("No product with SKU") == 3


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("stock.csv", "store,sku,qty,source_updated_at\n", "The CSV header must be"),
        ("stock.txt", "", "Cannot tell the format"),
        ("missing.csv", None, "No such file"),
    ],
)
def test_a_file_that_is_not_a_stock_file_is_refused(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)

    with pytest.raises(CommandError, match=message):
        run(path)
