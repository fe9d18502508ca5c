"""Fixtures for the rule tests: a test module's own small glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhen_tools.glossary import load_glossary


@pytest.fixture
def glossary(request: pytest.FixtureRequest, tmp_path: Path):
    """The glossary written in the test module's ``TOML`` string, loaded as a user's file is."""
    path = tmp_path / "test.toml"
    path.write_text(request.module.TOML, encoding="utf-8")
    return load_glossary([path])
