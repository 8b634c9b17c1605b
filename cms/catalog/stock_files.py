"""Stock files (CSV and JSON Lines) read one line at a time, for ``manage.py import_stock``.

CSV: a header ``store,sku,quantity,source_updated_at`` (any order, nothing else), then one
row per line. JSON Lines: one object per line with the same keys; blank lines are skipped.
Lines come out as (line number, row, error): a row dict for ``stock.ingest_stock_batch``,
which judges its fields, or an error dict for a line that is not a row at all.
"""

import csv
import json
import re

from .stock import ROW_FIELDS, row_error

FORMATS = ("csv", "jsonl")
WHOLE_NUMBER = re.compile(r"[0-9]+")


class StockFileError(Exception):
    """The file cannot be read as a stock file at all (bad header)."""


def file_format(path, given=None):
    if given:
        return given
    lowered = str(path).lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    raise StockFileError(f"Cannot tell the format of {path}: name it .csv or .jsonl, or pass --format.")


def read_csv(text):
    reader = csv.DictReader(text)
    header = reader.fieldnames or []
    if sorted(header) != sorted(ROW_FIELDS):
        raise StockFileError(f"The CSV header must be {','.join(ROW_FIELDS)}; it is {','.join(header) or 'empty'}.")
    for row in reader:
        if None in row:  # more cells than the header names
            yield reader.line_num, None, row_error(reader.line_num, None, "invalid", "More cells than the header names.")
            continue
        quantity = row.get("quantity")
        if quantity is not None and WHOLE_NUMBER.fullmatch(quantity.strip()):
            row["quantity"] = int(quantity)
        yield reader.line_num, row, None


def read_jsonl(text):
    for number, line in enumerate(text, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            yield number, None, row_error(number, None, "invalid", f"Not valid JSON: {error}.")
            continue
        yield number, row, None


def read_stock_file(text, fmt):
    """(line number, row, error) for each line of an open text file."""
    return read_csv(text) if fmt == "csv" else read_jsonl(text)

