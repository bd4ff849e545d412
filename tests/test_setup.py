"""Set-up as a user expects (issue 13, point 11): the editable install prints no warning and
puts a plain path on sys.path, so that `brief` starts as quickly as an installed package.

(`make link`, which puts `brief` on the PATH, is driven in tests/test_e2e_terminal.py.)
"""

from __future__ import annotations

import pytest

import importlib
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from tests.conftest import ROOT

pytestmark = pytest.mark.unit


def test_the_editable_build_warns_of_nothing_and_adds_a_plain_path(tmp_path: Path) -> None:
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    backend = build["build-backend"]
    importlib.import_module(backend)  # the backend the Makefile's pip install uses is here to call
    # Any warning the backend gives (a deprecated mode, an import hook) fails the build here.
    script = f"import {backend} as backend; print(backend.build_editable({str(tmp_path)!r}))"
    result = subprocess.run([sys.executable, "-W", "error", "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "warn" not in result.stderr.lower(), result.stderr
    wheel = tmp_path / result.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(wheel) as archive:
        pth = [name for name in archive.namelist() if name.endswith(".pth")]
        assert len(pth) == 1, archive.namelist()
        lines = archive.read(pth[0]).decode("utf-8").split()
        python_files = [name for name in archive.namelist() if name.endswith(".py")]
    # A path and nothing else: no line that imports a finder at every start of Python.
    assert lines and {Path(line).resolve() for line in lines} == {ROOT.resolve()}
    assert python_files == []


def test_the_makefile_installs_without_the_deprecated_compat_mode() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and "-e" in line]
    assert installs and not any("editable_mode" in line for line in installs)
    assert "link" in makefile.split("install:", 1)[1].splitlines()[0]  # make install also links brief
