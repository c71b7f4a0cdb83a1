from __future__ import annotations

import pytest

from archive_builder.entities.lexicon import Lexicon, load_lexicon


@pytest.fixture(scope="session")
def lex() -> Lexicon:
    return load_lexicon()
