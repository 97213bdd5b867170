"""Write examples/export/: the bundled report and its case file exported in every format for
other tools (FollowTheMoney, CSV with a Frictionless datapackage, GraphML, GEXF), so an analyst
can open them in Aleph/ftm, a spreadsheet or Gephi without running custodes.

    .venv/bin/python scripts/export_examples.py

Documents are ingested by their names relative to examples/, so the files cite
"kz-nsc-2022-ciss-report.txt", not a path on this machine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def custodes(*args: str) -> None:
    code = "from custodes.cli import run; run()"
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=EXAMPLES)


def main() -> None:
    out = EXAMPLES / "export"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "kz.db")
        custodes("ingest", "kz-nsc-2022-ciss-report.txt", "--db", db)
        custodes("casefile", "kz-nsc-casefile.yaml", "--db", db)
        custodes("export", "--format", "ftm", "--out", str(out / "kz-nsc.ftm.json"), "--db", db)
        custodes("export", "--format", "csv", "--out", str(out / "csv"), "--db", db)
        for fmt in ("graphml", "gexf"):
            custodes("export", "--format", fmt, "--out", str(out / f"kz-nsc.{fmt}"), "--db", db)


if __name__ == "__main__":
    main()
