"""CSV: one tidy table per kind in a folder, and a Frictionless ``datapackage.json``
describing them (fields, types, primary keys), so a spreadsheet opens each file and
``frictionless validate datapackage.json`` checks them. Cells are flat (``render.csv_cell``):
lists as JSON, booleans ``true``/``false``, dates as ISO strings with a precision column."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from custodes.exchange.tables import Record, tables
from custodes.render import csv_cell


def write(rec: Record, folder: Path) -> list[Path]:
    """Write the tables and ``datapackage.json`` into ``folder`` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    written = []
    for t in tables(rec):
        path = folder / f"{t.name}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow([f.name for f in t.fields])
            for row in t.rows:
                w.writerow([csv_cell(row.get(f.name)) for f in t.fields])
        written.append(path)
        resources.append(
            {
                "name": t.name,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "description": t.description,
                "schema": {
                    "fields": [{"name": f.name, "type": f.type} for f in t.fields],
                    "primaryKey": [t.key],
                    "missingValues": [""],
                },
            }
        )
    package = {
        "name": "custodes-export",
        "title": "custodes: who held which post, with the evidence",
        "profile": "tabular-data-package",
        "resources": resources,
    }
    descriptor = folder / "datapackage.json"
    descriptor.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return [*written, descriptor]
