"""Safe text everywhere (issue 13): no control, format or bidi character and no line break
from a document or a file name reaches any output, and none can issue a workflow command.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from consist.config import Config
from consist.ingest import read_documents
from consist.report.github import escape_data
from consist.safe_text import normalise_document_text, safe_line, safe_path

NASTY = [
    "\x1b[31m",
    "\x1b]8;;http://x\x07",
    "\x00",
    "\x07",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
]
UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\u2028\u2029]"
)


@pytest.mark.parametrize(
    "variant",
    [
        "4,\u200b000",
        "4,\u200d000",
        "4,\u0301000",
        "4,\u00a0000",
        "4\u00a0000",
        "4,0\u202e00",
        "4,\u2060000",
        "\uff14,\uff10\uff10\uff10",
        "4\u202f000",
        "4,\u00ad000",
    ],
)
def test_invisible_characters_inside_numbers_read_as_the_number(variant: str) -> None:
    assert normalise_document_text(f"Officials said {variant} were killed.") == (
        "Officials said 4,000 were killed."
    )


def test_figures_with_invisible_characters_are_one_quantity() -> None:
    from consist.extract.quantities import extract_quantities

    for variant in ("4,\u200b000", "4,\u0301000", "4,\u00a0000", "4,0\u202e00"):
        text = normalise_document_text(f"Officials said {variant} soldiers were killed.")
        values = [q.value for q in extract_quantities(text)]
        assert values == [4000.0], (variant, values)


def test_joiners_inside_words_are_kept() -> None:
    assert normalise_document_text("mi\u200cravad") == "mi\u200cravad"


def test_safe_line_and_path() -> None:
    for nasty in NASTY:
        assert not UNSAFE.search(safe_line(f"a{nasty}b\nc"))
    assert "\n" not in safe_line("a\r\n::error::x")
    assert safe_path("a\n::add-mask::x.txt") == "a\\x0a::add-mask::x.txt"
    assert safe_path("plain/name.md") == "plain/name.md"


def test_github_data_drops_controls_and_keeps_line_escapes() -> None:
    assert escape_data("a\x1b[31mb\x07\u202ec\nd\r") == "a[31mbc%0Ad%0D"


def test_document_text_and_metadata_are_clean(tmp_path: Path) -> None:
    # NUL makes a file binary (skipped with an error line); it arrives through JSON below.
    printable = [n for n in NASTY if n != "\x00"]
    body = "".join(
        f"Part {i}{n} of the text said 40 homes burned. " for i, n in enumerate(printable)
    )
    record = {
        "id": "r",
        "title": "T\u0000\u202e",
        "text": "Nul\u0000 said 40\u200b000 homes burned.",
    }
    (tmp_path / "b.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(
        f'---\ntitle: "T\\u202eitle\\x1b[2J"\nsource: "Out\\x07let"\n---\n{body}\n',
        encoding="utf-8",
    )
    (docs, errors) = read_documents([str(tmp_path)], Config())
    assert not errors
    assert len(docs) == 2
    for doc in docs:
        for value in (doc.text.replace("\n", ""), doc.title or "", doc.source or ""):
            assert not UNSAFE.search(value), repr(value)
    assert docs[1].text == "Nul said 40000 homes burned."


def newline_name_folder(root: Path) -> Path:
    """Files whose names try to issue workflow commands, next to two real documents."""
    folder = root / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(
        "---\nsource: Herald\npublished: 2025-01-02\n---\n"
        "The fire chief said \x1b[31m40\x1b[0m homes were destroyed\u202e by the blaze on "
        "Tuesday.\x07\n",
        encoding="utf-8",
    )
    (folder / "b.md").write_text(
        "---\nsource: Courier\npublished: 2025-01-02\n---\n"
        "Officials said 12 homes were destroyed by the blaze on Tuesday.\u2066\n",
        encoding="utf-8",
    )
    record = {
        "id": "n\n::error::x",
        "source": "Gazette\u202e",
        "published": "2025-01-02",
        "text": "A witness said 90\u0000 homes were destroyed\u001b[2J by the blaze on Tuesday.",
    }
    (folder / "c.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "x\n::add-mask::secret\n::error file=evil::pwned.txt").write_bytes(b"\x00\x01" * 50)
    (folder / "y\r\n::warning::bad.md").write_text("", encoding="utf-8")
    return folder


def test_bad_file_names_are_shown_escaped(tmp_path: Path) -> None:
    folder = newline_name_folder(tmp_path)
    _, errors = read_documents([str(folder)], Config())
    for error in errors:
        assert "\n" not in error.path and "\r" not in error.path
    assert any("\\x0a::add-mask::" in e.path for e in errors)


def no_command_lines(stream: str) -> None:
    for line in stream.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(
            ("::error ", "::warning ", "::notice ")
        )


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["github", "markdown", "json", "sarif"])
def test_no_stream_carries_controls_or_commands(tmp_path: Path, fmt: str) -> None:
    folder = newline_name_folder(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "consist", "check", str(folder), "--no-cache", "--format", fmt],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert not UNSAFE.search(stream.replace("\n", "")), repr(UNSAFE.search(stream))
    # stderr: every line is consist's own, never a command
    assert all(ln.startswith("consist: ") for ln in result.stderr.splitlines() if ln)
    if fmt == "github":
        commands = [ln for ln in result.stdout.splitlines() if ln.startswith("::")]
        assert commands and all(re.match(r"::(error|warning|notice)[ :]", ln) for ln in commands)
        assert not any("::add-mask::" in ln.split("::", 2)[1] for ln in commands)
    if fmt in ("json", "sarif"):
        json.loads(result.stdout)
