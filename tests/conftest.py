"""Session fixtures: spaCy is loaded once for all tests that parse."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    from consist.config import Config
    from consist.nlp import load_spacy

    return load_spacy(Config().spacy_model)
