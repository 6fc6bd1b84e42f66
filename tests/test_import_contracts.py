"""The layering rules hold: import-linter's contracts ([tool.importlinter] in pyproject.toml)
are kept by the package as it is.

model imports nothing of ours; the store imports the model only; formats and content import
the model and the store (named exceptions in the config); the notebook imports no formats,
screens, widgets or app; widgets import no screens, notebook or app; and model, store,
formats, notebook and content import no Textual (nor Rich)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(config_filename='pyproject.toml', no_cache=True, no_logo=True))"
)


def run_contracts() -> subprocess.CompletedProcess[str]:
    args = [sys.executable, "-c", LINT_IMPORTS]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_the_import_contracts_are_kept() -> None:
    result = run_contracts()
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 broken" in report
    for contract in (
        "model imports nothing of ours",
        "store imports the model only",
        "formats and content import the model and the store only",
        "the notebook imports no formats, screens, widgets or app",
        "widgets import no screens, notebook or app",
        "model, store, formats, notebook and content import no Textual",
    ):
        assert f"{contract} KEPT" in report, report
