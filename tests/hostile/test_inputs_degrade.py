"""Unreadable, special, oversized and partly broken inputs cost only themselves (issue 13)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from consist.config import Config
from consist.ingest import read_documents
from consist.readers.html import read_html

ARTICLE = "The council said 40 homes were destroyed by the fire on Tuesday."


def test_fifo_inside_a_folder_is_an_error_line_and_never_opened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "pipe-no-extension")
    started = time.perf_counter()
    docs, errors = read_documents([str(tmp_path)], Config())
    assert time.perf_counter() - started < 10  # opening a pipe would block forever
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["a.txt"]
    messages = {e.path.rsplit("/", 1)[-1]: e.message for e in errors}
    assert "named pipe" in messages["pipe.txt"]
    assert "named pipe" in messages["pipe-no-extension"]


def test_jsonl_record_with_a_5000_digit_integer_keeps_every_record(tmp_path: Path) -> None:
    rows = [
        {"id": "1", "text": ARTICLE},
        {"id": "2", "text": "The mayor said 12 homes were destroyed.", "views": 0},
        {"id": "3", "text": "Firefighters said the blaze started at noon on Tuesday."},
    ]
    path = tmp_path / "export.jsonl"
    text = "\n".join(json.dumps(r) for r in rows).replace('"views": 0', '"views": ' + "8" * 5000)
    path.write_text(text + "\n", encoding="utf-8")
    docs, errors = read_documents([str(path)], Config())
    assert errors == []
    assert [d.id.rsplit("#", 1)[-1] for d in docs] == ["1", "2", "3"]


def test_json_array_with_a_5000_digit_integer_keeps_every_record(tmp_path: Path) -> None:
    body = json.dumps([{"id": "1", "text": ARTICLE}, {"id": "2", "text": ARTICLE, "n": 1}])
    path = tmp_path / "export.json"
    path.write_text(body.replace('"n": 1', '"n": ' + "9" * 5000), encoding="utf-8")
    docs, errors = read_documents([str(path)], Config())
    assert errors == [] and len(docs) == 2


def test_oversized_jsonl_keeps_its_small_records(tmp_path: Path) -> None:
    small = [json.dumps({"id": str(i), "text": f"{ARTICLE} Item {i}."}) for i in range(5)]
    big = json.dumps({"id": "big", "text": "word " * 5000})
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join([small[0], small[1], big, *small[2:]]) + "\n", encoding="utf-8")
    config = Config(max_file_bytes=2_000)
    assert path.stat().st_size > config.max_file_bytes
    docs, errors = read_documents([str(path)], config)
    assert [d.id.rsplit("#", 1)[-1] for d in docs] == ["0", "1", "2", "3", "4"]
    assert len(errors) == 1 and errors[0].message.startswith("line 3: record is over the limit")


def test_oversized_text_file_is_an_error_line_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("x " * 5_000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(ARTICLE + "\n", encoding="utf-8")
    docs, errors = read_documents([str(tmp_path)], Config(max_file_bytes=2_000))
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["ok.txt"]
    assert "over the limit" in errors[0].message


def nested_aside_page(depth: int) -> str:
    """Generated: thousands of unclosed <aside> with stray </p>, an article after them."""
    block = "<aside><p>Side note about the weather and the tides.</p></p>"
    return (
        "<html><body><article><p>The council said 40 homes were destroyed.</p>"
        + block * depth
        + "</article></body></html>"
    )


@pytest.mark.parametrize("depth", [17_500])
def test_big_nested_html_parses_in_seconds(depth: int) -> None:
    page = nested_aside_page(depth)
    assert len(page) > 1_000_000
    started = time.perf_counter()
    doc = read_html("page.html", page)
    assert time.perf_counter() - started < 20  # was 6 minutes (quadratic)
    assert doc.text.startswith("The council said 40 homes were destroyed.")


def test_deep_html_with_the_stdlib_fallback_is_linear_too(monkeypatch: pytest.MonkeyPatch) -> None:
    from consist.readers import html_lexbor

    monkeypatch.setattr(html_lexbor, "available", lambda: False)
    started = time.perf_counter()
    doc = read_html("page.html", nested_aside_page(17_500))
    assert time.perf_counter() - started < 20
    assert "40 homes" in doc.text


def test_lexbor_and_stdlib_agree_on_an_ordinary_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from consist.readers import html_lexbor

    page = (
        "<html><head><title>Fire | Herald</title></head><body><nav>Menu</nav>\n"
        "<article><h1>Fire</h1>\n<p>The council said\n40 homes burned.</p>\n"
        "<!-- consist: ignore NUM001 known -->\n<p>Crews left at <b>noon</b>.</p>"
        "<table><tr><td>a</td><td>b</td></tr></table></article></body></html>"
    )
    lexbor = read_html("p.html", page)
    monkeypatch.setattr(html_lexbor, "available", lambda: False)
    stdlib = read_html("p.html", page)
    assert (lexbor.text, lexbor.lines, lexbor.title) == (stdlib.text, stdlib.lines, stdlib.title)
