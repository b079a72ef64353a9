"""Session fixtures: spaCy is loaded once for all tests that parse."""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run, so a build is reproducible;
# locally they explore new ones each time.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def nlp() -> Any:
    from consist.config import Config
    from consist.nlp import load_spacy

    return load_spacy(Config().spacy_model)
