#!/usr/bin/python3
"""The openpyxl side of the import benchmark (tests/bench/run.ts).

Opens every .xlsx in DIR with openpyxl's default full load
(load_workbook(path, data_only=True); read_only=False, like exceljs's full load),
reads the hidden `_meta` sheet the way any third-party tool would (key/value rows,
then the "cell | field | kind" header, then one row per input cell) and sums the
numeric input cells it names (kinds "integer" and "decimal").

Prints one JSON line: {"files", "cells", "total", "cpu", "python", "openpyxl", "mode"},
cpu being the seconds of CPU this process used, start-up and imports included.
Run with the system Python, where Debian's python3-openpyxl lives:
    /usr/bin/python3 tests/bench/openpyxl_sum.py DIR
"""
import json
import os
import platform
import resource
import sys

import openpyxl

NUMERIC_KINDS = ("integer", "decimal")


def text(value):
    return "" if value is None else str(value).strip()


def sum_form(path):
    workbook = openpyxl.load_workbook(path, data_only=True)
    try:
        meta = workbook["_meta"]
        in_entries = False
        total = 0.0
        cells = 0
        for a, b, c in meta.iter_rows(min_col=1, max_col=3, values_only=True):
            a, b, c = text(a), text(b), text(c)
            if not in_entries:
                in_entries = (a, b, c) == ("cell", "field", "kind")
                continue
            if not a or c not in NUMERIC_KINDS:
                continue
            sheet, _, address = a.rpartition("!")
            value = workbook[sheet][address].value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                total += value
                cells += 1
        return total, cells
    finally:
        workbook.close()


def main(argv):
    if len(argv) != 2:
        print("usage: openpyxl_sum.py DIR", file=sys.stderr)
        return 2
    folder = argv[1]
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".xlsx"))
    total = 0.0
    cells = 0
    for name in names:
        t, c = sum_form(os.path.join(folder, name))
        total += t
        cells += c
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "files": len(names),
        "cells": cells,
        "total": total,
        "cpu": usage.ru_utime + usage.ru_stime,
        "python": platform.python_version(),
        "openpyxl": openpyxl.__version__,
        "mode": "load_workbook(path, data_only=True), read_only=False",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
