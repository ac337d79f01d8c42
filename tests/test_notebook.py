"""The walkthrough notebook executes from top to bottom with the real default encoder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"


@pytest.mark.slow
def test_walkthrough_executes(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    if not NOTEBOOK.exists():
        pytest.skip("notebooks/walkthrough.ipynb not found")
    copy = tmp_path / NOTEBOOK.name
    shutil.copyfile(NOTEBOOK, copy)
    nb = nbformat.read(copy, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    nbformat.write(nb, copy)

    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    html = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert any("<iframe srcdoc=" in h for h in html), "the report is rendered inline"
    assert any("Comparison</strong>" in h for h in html), "the comparison's notebook view is shown"
    assert sum("image/png" in out.get("data", {}) for out in outputs) >= 2, "heat maps and sweep plots"
