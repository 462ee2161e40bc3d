"""Boundaries that keep the domain reusable."""

from __future__ import annotations

import subprocess
import sys


def test_importing_letters_does_not_import_flask():
    """Clinics use letters/ from scripts; it must not drag the web framework in."""
    code = "import sys, letters, letters.render, letters.export, letters.form; print('flask' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
