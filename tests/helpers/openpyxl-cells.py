"""The second reader of tests/integration/corpus.test.ts: every cell of each workbook
named on the command line as openpyxl reads it (data_only, so a formula gives the
result the file stored), printed as one JSON document on stdout.

Each cell is [address, kind, value] with kind one of number, string, boolean, date,
time, error. Dates are ISO ("2022-03-18", "2022-03-18T10:30:00") to the second, as the
app's workbook model keeps them; an elapsed time (a timedelta) is its number of days,
which is what the cell stores. Cells covered by a merge and empty cells are left out,
as in the model. A file openpyxl cannot open gives its error instead of sheets.
"""
import datetime
import json
import sys
import warnings

import openpyxl


def iso(value):
    # To the second, rounding as the model does: 10:29:59.9996 is 10:30:00.
    if isinstance(value, datetime.datetime):
        seconds = round(value.microsecond / 1_000_000)
        value = value.replace(microsecond=0) + datetime.timedelta(seconds=seconds)
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return value.isoformat()


def cell_of(cell):
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "e":
        return [cell.coordinate, "error", str(value)]
    if isinstance(value, bool):
        return [cell.coordinate, "boolean", value]
    if isinstance(value, (int, float)):
        return [cell.coordinate, "number", value]
    if isinstance(value, datetime.datetime):
        return [cell.coordinate, "date", iso(value)]
    if isinstance(value, datetime.date):
        return [cell.coordinate, "date", value.isoformat()]
    if isinstance(value, datetime.time):
        return [cell.coordinate, "time", value.replace(microsecond=0).isoformat()]
    if isinstance(value, datetime.timedelta):
        return [cell.coordinate, "number", value.total_seconds() / 86400]
    text = str(value)
    return None if text == "" else [cell.coordinate, "string", text]


def read(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as err:  # noqa: BLE001 - any failure is the answer for this file
        return {"error": f"{type(err).__name__}: {err}"}
    sheets = []
    for ws in workbook.worksheets:
        cells = []
        # The cells the file holds, not iter_rows(): that walks the whole used area and
        # makes a cell at every address of it (A1:XFD1048576 in a Gnumeric file).
        for _, cell in sorted(ws._cells.items()):
            if type(cell).__name__ == "MergedCell":
                continue
            out = cell_of(cell)
            if out is not None:
                cells.append(out)
        sheets.append({"name": ws.title, "cells": cells})
    return {"date1904": workbook.epoch.year == 1904, "sheets": sheets}


if __name__ == "__main__":
    print(json.dumps({path: read(path) for path in sys.argv[1:]}, ensure_ascii=False))
