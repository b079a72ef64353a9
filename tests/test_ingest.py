"""The input stage: formats, front matter, line mapping, encodings and hostile folders."""

from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

import pytest

from consist import ingest
from consist.config import Config
from consist.ingest import PathError, read_documents
from consist.types import Document, InputError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
CONFIG = Config()


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder, so document paths are short and relative."""
    monkeypatch.chdir(tmp_path)


def write(path: str, content: str | bytes) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        file.write_bytes(content)
    else:
        file.write_text(content, encoding="utf-8", newline="")
    return file


def read(*paths: str, config: Config = CONFIG) -> tuple[list[Document], list[InputError]]:
    return read_documents(list(paths), config)


def one(path: str, config: Config = CONFIG) -> Document:
    docs, errors = read(path, config=config)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


def error_for(path: str, errors: list[InputError]) -> str:
    messages = [error.message for error in errors if error.path == path]
    assert messages, f"no error for {path} in {errors}"
    return messages[0]


def line_of(doc: Document, needle: str) -> int:
    return doc.line_of(doc.text.index(needle))


# -- plain text and front matter ---------------------------------------------------------


def test_plain_text_without_front_matter() -> None:
    write("a.txt", "First line.\nSecond line.\n")
    doc = one("a.txt")
    assert doc.id == doc.path == "a.txt"
    assert doc.text == "First line.\nSecond line.\n"
    assert doc.lines == (1, 2, 3)
    assert (doc.title, doc.source, doc.published, doc.url, doc.meta) == (None,) * 4 + ((),)


def test_front_matter_fields_and_meta() -> None:
    doc = one(str(FIXTURES / "front_matter.md"))
    assert doc.title == "Soldiers captured in Kursk"
    assert doc.source == "Example News"
    assert doc.published == "2014-01-12"
    assert doc.published_approx is True
    assert doc.meta == (("author", "Jane Roe"), ("section", "World"))
    assert doc.text.startswith("Two North Korean soldiers")


def test_sentence_on_line_7_maps_to_7_after_front_matter() -> None:
    write(
        "doc.md",
        "---\ntitle: T\nsource: S\npublished: 2025-01-13\n---\n\n"
        "The NIS said two soldiers were captured.\n",
    )
    doc = one("doc.md")
    assert line_of(doc, "The NIS said") == 7
    assert doc.lines[0] == 6
    assert len(doc.lines) == doc.text.count("\n") + 1


def test_front_matter_is_read_from_txt_too() -> None:
    write("note.txt", "---\ntitle: Plain\npublished: 2025-02\n---\nBody.\n")
    doc = one("note.txt")
    assert (doc.title, doc.published, doc.text) == ("Plain", "2025-02", "Body.\n")


def test_body_is_kept_byte_for_byte_apart_from_newlines() -> None:
    body = "  # Heading  \n\n* item one\n* item two\twith tab\n\n\n> quote"
    write("doc.md", "---\ntitle: T\n---\n" + body.replace("\n", "\r\n"))
    doc = one("doc.md")
    assert doc.text == body
    assert doc.lines == tuple(range(4, 4 + body.count("\n") + 1))


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2014-01-12", "2014-01-12"),
        ("'2014-01-12'", "2014-01-12"),
        ("2014-01", "2014-01"),
        ("2014-01-12T10:00:00Z", "2014-01-12"),
        ("2014-01-12 23:30:00 -05:00", "2014-01-12"),
        ("January 12, 2014", "2014-01-12"),
        ("Jan. 12, 2014", "2014-01-12"),
        ("12 January 2014", "2014-01-12"),
        ("Sunday, January 12, 2014", "2014-01-12"),
        ("Sun, 12 Jan 2014 10:00:00 +0000", "2014-01-12"),
        ("January 2014", "2014-01"),
        ("2014/01/12", "2014-01-12"),
    ],
)
def test_published_is_normalised_to_iso(written: str, expected: str) -> None:
    write("d.md", f"---\npublished: {written}\n---\nText.\n")
    assert one("d.md").published == expected


@pytest.mark.parametrize("written", ["2014-02-30", "last spring", "01/02/2014", "2014"])
def test_unreadable_date_is_kept_in_meta_not_guessed(written: str) -> None:
    write("d.md", f"---\npublished: {written}\n---\nText.\n")
    doc = one("d.md")
    assert doc.published is None
    assert ("published_raw", written) in doc.meta


def test_date_key_stands_in_for_published() -> None:
    write("post.md", "---\ndate: 2025-03-06\nlayout: post\n---\nText.\n")
    doc = one("post.md")
    assert doc.published == "2025-03-06"
    assert doc.meta == (("layout", "post"),)


def test_empty_front_matter_is_fine() -> None:
    write("d.md", "---\n---\nText.\n")
    doc = one("d.md")
    assert (doc.title, doc.text, doc.lines) == (None, "Text.\n", (3, 4))


def test_a_line_of_dashes_later_in_the_text_is_not_front_matter() -> None:
    write("d.md", "Intro.\n---\nMore.\n")
    assert one("d.md").text == "Intro.\n---\nMore.\n"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("---\ntitle: T\nNever closed.\n", "never closed"),
        ("---\ntitle: [unclosed\n---\nBody.\n", "broken front matter"),
        ("---\n- a\n- b\n---\nBody.\n", "key: value"),
        ("---\ntitle: T\n---\n\n  \n", "after the front matter"),
    ],
)
def test_broken_front_matter_is_an_error_and_the_file_is_skipped(content: str, words: str) -> None:
    write("bad.md", content)
    write("good.md", "Fine.\n")
    docs, errors = read(".")
    assert [doc.path for doc in docs] == ["good.md"]
    assert words in error_for("bad.md", errors)


def test_yaml_error_names_the_file_line() -> None:
    write("bad.md", "---\ntitle: ok\nsource: : :\n  bad: [\n---\nBody.\n")
    _, errors = read("bad.md")
    assert "line" in error_for("bad.md", errors)


# -- HTML ----------------------------------------------------------------------------------


def html_doc() -> Document:
    return one(str(FIXTURES / "page.html"))


def test_html_keeps_the_article_and_drops_page_furniture() -> None:
    text = html_doc().text
    assert "Two North Korean soldiers were captured in January & are held in Kyiv." in text
    for hidden in ("var claims", "color: red", "Home", "Subscribe", "promo", "Related", "42"):
        assert hidden not in text
    assert "©" not in text


def test_html_blocks_become_lines_mapped_to_their_source_lines() -> None:
    doc = html_doc()
    assert doc.text.split("\n")[0] == "Seoul offers to take in POWs"
    assert line_of(doc, "Seoul offers") == 19
    assert line_of(doc, "Two North Korean") == 20
    assert line_of(doc, "Officials said 300") == 23
    assert line_of(doc, "and 2,700 injured") == 23
    assert len(doc.lines) == doc.text.count("\n") + 1


def test_html_keeps_consist_directives_verbatim_on_their_own_line() -> None:
    doc = html_doc()
    lines = doc.text.split("\n")
    directive = "<!-- consist: ignore NUM001 the teaser figure is wrong -->"
    assert directive in lines
    assert lines.index(directive) < lines.index("Officials said 300 were killed")
    assert line_of(doc, directive) == 22


def test_html_metadata() -> None:
    doc = html_doc()
    assert doc.title == "Seoul offers to take in POWs"
    assert doc.source == "The Daily Example"
    assert doc.published == "2025-02-23"
    assert doc.url == "https://example.org/pows"
    assert doc.meta == (("author", "Kim & Lee"),)


def test_html_without_article_keeps_body_text_and_reads_time_and_title() -> None:
    write(
        "p.htm",
        "<html><head><title> Plain  page </title></head><body>\n"
        "<nav>Menu</nav><div>First&nbsp;block   of\ntext</div>\n"
        "<p><time datetime='2024-05-01T08:00'>May 1</time> Second block.</p>\n"
        "<footer>Copyright</footer></body></html>",
    )
    doc = one("p.htm")
    assert doc.text == "First block of text\nMay 1 Second block."
    assert doc.lines == (2, 4)  # the div's text wraps onto line 3
    assert (doc.title, doc.published) == ("Plain page", "2024-05-01")


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><meta charset=utf-8><title>T</title><p>Body text.</p>",
        "<html><head><title>T<body><p>Body text.</p>",
        "<html><body><svg><title>Icon</title></svg><title>T</title><p>Body text.</p></body>",
    ],
)
def test_html_optional_head_end_and_odd_titles(page: str) -> None:
    write("p.html", page)
    doc = one("p.html")
    assert (doc.text, doc.title) == ("Body text.", "T")


def test_html_table_rows_are_lines_and_cells_are_separated() -> None:
    write(
        "t.html", "<table><tr><th>Killed</th><th>Injured</th></tr>\n<tr><td>300</td><td>2,700</td>"
    )
    assert one("t.html").text == "Killed | Injured\n300 | 2,700"


def test_html_with_no_visible_text_is_an_error() -> None:
    write("empty.html", "<html><head><script>x = 1</script></head><body><nav>Menu</nav></body>")
    _, errors = read("empty.html")
    assert "no visible text" in error_for("empty.html", errors)


def test_malformed_html_does_not_stop_the_run() -> None:
    write("bad.html", "<p>Unclosed <b>bold <div>text</p></span><![if !IE]><p>After.")
    docs, errors = read("bad.html")
    assert len(docs) + len(errors) == 1


def test_minified_html_on_one_long_line_is_read() -> None:
    write("min.html", "<html><body>" + "<p>Sentence number one.</p>" * 40_000 + "</body></html>")
    doc = one("min.html")
    assert doc.text.count("\n") == 39_999
    assert set(doc.lines) == {1}


def test_unclosed_tags_do_not_take_quadratic_time() -> None:
    write("slow.html", "<p>Text.</p>" + "<a " * 20_000)
    started = time.perf_counter()
    doc = one("slow.html")
    assert time.perf_counter() - started < 5
    assert doc.text.startswith("Text.\n<a <a")


# -- JSON Lines and JSON -----------------------------------------------------------------


def test_jsonl_one_document_per_record_and_broken_record_reported() -> None:
    docs, errors = read(str(FIXTURES / "articles.jsonl"))
    path = docs[0].path
    assert [doc.id for doc in docs] == [f"{path}#a1", f"{path}#a3"]
    first, third = docs
    assert first.text == "Two soldiers were captured.\nThey are held in Kyiv."
    assert first.lines == (1, 1)
    assert (first.title, first.source, first.published) == ("First", "Wire", "2025-01-13")
    assert third.lines == (3,)
    assert (third.title, third.source, third.published) == (
        "Third",
        "NewsAPI Outlet",
        "2025-02-22",
    )
    assert len(errors) == 1
    assert errors[0].message.startswith("line 2: invalid JSON")


def test_jsonl_record_problems_are_one_error_each_with_line_numbers() -> None:
    lines = [
        json.dumps({"text": "Good one."}),
        "[1, 2]",
        json.dumps({"title": "no text"}),
        "",
        json.dumps({"text": 42}),
        json.dumps({"text": "   "}),
        "{not json",
        json.dumps({"text": "Good two.", "id": "x"}),
    ]
    write("a.jsonl", "\n".join(lines) + "\n")
    docs, errors = read("a.jsonl")
    assert [doc.id for doc in docs] == ["a.jsonl#1", "a.jsonl#x"]
    assert [doc.lines for doc in docs] == [(1,), (8,)]
    messages = [error.message for error in errors]
    assert [m.split(":")[0] for m in messages] == ["line 2", "line 3", "line 5", "line 6", "line 7"]
    assert "not an object" in messages[0]
    assert "no text" in messages[1]


def test_json_collection_records_point_at_their_lines() -> None:
    docs, errors = read(str(FIXTURES / "articles.json"))
    path = docs[0].path
    assert [doc.id for doc in docs] == [f"{path}#7", f"{path}#3"]
    assert [doc.lines for doc in docs] == [(4,), (11,)]
    assert docs[0].published == "2025-01-13"
    assert docs[1].published == "2025-02-22"  # epoch seconds
    assert error_for(path, errors).startswith("record 2 (line 10)")


def test_json_top_level_array_and_single_object() -> None:
    write("list.json", json.dumps([{"text": "One."}, {"text": "Two.", "id": "b"}], indent=1))
    write("one.json", json.dumps({"text": "Solo.", "title": "Only"}))
    docs, errors = read("list.json", "one.json")
    assert errors == []
    assert [doc.id for doc in docs] == ["list.json#1", "list.json#b", "one.json#1"]
    assert docs[2].title == "Only"


def test_json_that_is_not_a_collection_is_one_error() -> None:
    write("config.json", json.dumps({"name": "something", "version": 3}))
    write("broken.json", '{"articles": [')
    _, errors = read("config.json", "broken.json")
    assert "expected a JSON array" in error_for("config.json", errors)
    assert "invalid JSON at line 1" in error_for("broken.json", errors)


def test_json_field_names_come_from_config_with_fallbacks() -> None:
    config = Config(json_text_field="story_text", json_date_field="meta.when", json_id_field="key")
    record = {"story_text": "Configured.", "meta": {"when": "2025-03-01"}, "key": "k1"}
    write("a.jsonl", json.dumps(record) + "\n" + json.dumps({"body": "Fallback."}) + "\n")
    docs, errors = read("a.jsonl", config=config)
    assert errors == []
    assert [(doc.id, doc.text, doc.published) for doc in docs] == [
        ("a.jsonl#k1", "Configured.", "2025-03-01"),
        ("a.jsonl#2", "Fallback.", None),
    ]


def test_minified_json_collection_over_a_million_characters_is_read() -> None:
    records = [{"id": n, "text": f"Record {n} says 300 were killed."} for n in range(30_000)]
    write("min.json", json.dumps(records))
    docs, errors = read("min.json")
    assert errors == [] and len(docs) == 30_000
    assert docs[-1].lines == (1,)


def test_json_duplicate_ids_stay_unique() -> None:
    write("a.jsonl", '{"id": 1, "text": "A."}\n{"id": 1, "text": "B."}\n')
    docs, _ = read("a.jsonl")
    assert [doc.id for doc in docs] == ["a.jsonl#1", "a.jsonl#1~2"]


# -- encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16", b""),  # Python writes a BOM in native order
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_unicode_encodings(codec: str, prefix: bytes) -> None:
    text = "---\ntitle: Café\n---\nThe café in Kyiv — “quoted”.\r\nSecond line.\n"
    write("u.md", prefix + text.encode(codec))
    doc = one("u.md")
    assert doc.title == "Café"
    assert doc.text == "The café in Kyiv — “quoted”.\nSecond line.\n"
    assert doc.lines == (4, 5, 6)


def test_latin1_text_is_decoded() -> None:
    write("l.txt", "Le café est fermé.\n".encode("latin-1"))
    assert one("l.txt").text == "Le café est fermé.\n"


def test_cp1252_smart_quotes_are_decoded() -> None:
    write("w.txt", "He said \u201cno\u201d \u2013 twice.\r".encode("cp1252"))
    assert one("w.txt").text == "He said \u201cno\u201d \u2013 twice.\n"


# -- bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "only whitespace"),
        (b"GIF89a\x00\x01\x02binary", "binary"),
        (bytes(range(1, 9)) * 50, "binary"),
    ],
)
def test_bad_files_are_errors(content: bytes, words: str) -> None:
    write("bad.txt", content)
    docs, errors = read("bad.txt")
    assert docs == []
    assert words in error_for("bad.txt", errors)


def test_file_over_the_size_limit_names_size_limit_and_key() -> None:
    write("big.txt", "word " * 300)
    _, errors = read("big.txt", config=Config(max_file_bytes=1000))
    message = error_for("big.txt", errors)
    assert "1,500 bytes" in message and "1,000" in message and "max_file_bytes" in message


def test_a_single_line_over_a_million_characters_is_refused() -> None:
    write("long.txt", "Fine line.\n" + "x" * 1_000_001 + "\n")
    _, errors = read("long.txt", config=Config(max_file_bytes=5_000_000))
    assert "line 2 is 1,000,001 characters" in error_for("long.txt", errors)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_an_error() -> None:
    file = write("secret.txt", "Text.\n")
    file.chmod(0)
    try:
        docs, errors = read(".")
    finally:
        file.chmod(0o644)
    assert docs == []
    assert "permission denied" in error_for("secret.txt", errors)


def test_permission_error_while_opening_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above, but it also runs as root (CI containers often are)."""
    write("a.txt", "Readable.\n")
    write("b.txt", "Not readable.\n")

    def refuse_b(path: str, mode: str = "rb") -> IO[Any]:
        if os.path.basename(path) == "b.txt":
            raise PermissionError(13, "Permission denied", path)
        return open(path, mode)  # the caller closes it in its with-block

    monkeypatch.setattr(ingest, "open", refuse_b, raising=False)
    docs, errors = read(".")
    assert [doc.path for doc in docs] == ["a.txt"]
    assert error_for("b.txt", errors) == "cannot read file: permission denied"


def test_missing_path_raises_path_error_before_reading() -> None:
    write("a.txt", "Text.\n")
    with pytest.raises(PathError, match="nope.txt"):
        read("a.txt", "nope.txt")


def test_explicit_file_with_unsupported_type_is_an_error() -> None:
    write("photo.png", b"\x89PNG\r\n")
    _, errors = read("photo.png")
    assert "unsupported file type '.png'" in error_for("photo.png", errors)


# -- standard input ------------------------------------------------------------------------


def test_stdin_is_one_document_with_front_matter() -> None:
    stream = io.StringIO("---\ntitle: Piped\n---\r\nFrom a pipe.\n")
    docs, errors = read_documents(["-"], CONFIG, stdin=stream)
    assert errors == []
    [doc] = docs
    assert (doc.path, doc.id, doc.title, doc.text, doc.lines) == (
        "<stdin>",
        "<stdin>",
        "Piped",
        "From a pipe.\n",
        (4, 5),
    )


def test_stdin_bytes_go_through_the_decoder() -> None:
    stream = io.TextIOWrapper(io.BytesIO("Caf\xe9 au lait.".encode("latin-1")), encoding="utf-8")
    docs, _ = read_documents(["-"], CONFIG, stdin=stream)
    assert docs[0].text == "Café au lait."


def test_empty_stdin_is_an_error() -> None:
    docs, errors = read_documents(["-"], CONFIG, stdin=io.StringIO(""))
    assert docs == [] and error_for("<stdin>", errors) == "empty file"


# -- walking folders -----------------------------------------------------------------------


def test_folder_walk_skips_hidden_junk_and_other_extensions() -> None:
    write("docs/a.md", "A.\n")
    write("docs/sub/b.TXT", "B.\n")
    write("docs/sub/c.html", "<p>C.</p>")
    write("docs/.hidden.md", "Hidden.\n")
    write("docs/.git/x.md", "Git.\n")
    write("docs/node_modules/pkg/readme.md", "Package.\n")
    write("docs/__pycache__/x.txt", "Cache.\n")
    write("docs/.consist-cache/x.txt", "Cache.\n")
    write("docs/image.png", b"\x89PNG\x00")
    write("docs/notes.rst", "Other.\n")
    docs, errors = read("docs")
    assert errors == []
    assert [doc.path for doc in docs] == ["docs/a.md", "docs/sub/b.TXT", "docs/sub/c.html"]


def test_the_configured_cache_folder_is_skipped() -> None:
    write("build/cache/entry.txt", "Cached.\n")
    write("build/page.md", "Page.\n")
    docs, _ = read(".", config=Config(cache_dir="build/cache"))
    assert [doc.path for doc in docs] == ["build/page.md"]


def test_consist_reports_and_baselines_are_skipped_when_walking() -> None:
    write("d/report.md", "<!-- consist-report -->\n# consist report\nThe war ended.\n")
    write("d/report.json", json.dumps({"findings": [{"text": "x"}], "schema": "consist/1"}))
    write("d/baseline.json", json.dumps({"entries": [], "schema": "consist-baseline/1"}))
    write("d/story.md", "A story.\n")
    docs, errors = read("d")
    assert errors == []
    assert [doc.path for doc in docs] == ["d/story.md"]


def test_exclude_patterns_relative_to_walked_folder_and_cwd() -> None:
    write("corpus/keep.md", "Keep.\n")
    write("corpus/drafts/a.md", "Draft.\n")
    write("corpus/old/b.md", "Old.\n")
    write("corpus/notes.txt", "Notes.\n")
    config = Config(exclude=("drafts/", "corpus/old/", "*.txt"))
    docs, errors = read("corpus", config=config)
    assert errors == []
    assert [doc.path for doc in docs] == ["corpus/keep.md"]


def test_named_file_and_named_folder_are_read_even_if_excluded() -> None:
    write("fixtures/a.md", "A.\n")
    write("fixtures/sub/b.md", "B.\n")
    write("fixtures/skip/c.md", "C.\n")
    config = Config(exclude=("fixtures/", "skip/"))
    assert read(".", config=config) == ([], [])
    docs, _ = read("fixtures", config=config)
    assert [doc.path for doc in docs] == ["fixtures/a.md", "fixtures/sub/b.md"]
    docs, _ = read("fixtures/skip/c.md", config=config)
    assert [doc.path for doc in docs] == ["fixtures/skip/c.md"]


def test_paths_are_cwd_relative_posix_and_sorted(tmp_path: Path) -> None:
    write("b.md", "B.\n")
    write("a/z.md", "Z.\n")
    docs, _ = read(str(tmp_path / "b.md"), "./a", "b.md")
    assert [doc.path for doc in docs] == ["a/z.md", "b.md"]


def test_paths_outside_the_cwd_are_kept_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("outside/a.md", "A.\n")
    write("work/x.md", "X.\n")
    monkeypatch.chdir(tmp_path / "work")
    docs, _ = read("../outside")
    assert [doc.path for doc in docs] == [os.path.join("..", "outside", "a.md")]


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_symlink_loops_are_reported_not_followed_forever() -> None:
    write("d/a.md", "A.\n")
    os.symlink("..", "d/up")
    os.symlink("self.md", "d/self.md")
    docs, errors = read("d")
    assert [doc.path for doc in docs] == ["d/a.md"]
    assert "symlink loop" in error_for("d/up", errors)
    assert "symlink loop" in error_for("d/self.md", errors)


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_file_reached_twice_is_read_once() -> None:
    write("d/a.md", "A.\n")
    os.symlink("a.md", "d/link.md")
    docs, errors = read("d", "d/a.md")
    assert errors == []
    assert [doc.path for doc in docs] == ["d/a.md"]


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names are a Linux thing")
def test_file_name_that_is_not_utf8_is_shown_readably() -> None:
    os.makedirs("d")
    with open(os.path.join(b"d", b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Text.\n")
    docs, errors = read("d")
    assert errors == []
    assert docs[0].path == "d/caf\ufffd.txt"
    docs[0].path.encode("utf-8")


def test_same_input_same_output() -> None:
    write("x/1.md", "One.\n")
    write("x/2.jsonl", '{"text": "Two."}\n{"text": "Three."}\n')
    assert read("x") == read("x")


# -- the hostile folder --------------------------------------------------------------------


def build_hostile_folder(root: Path) -> dict[str, str]:
    """A folder with every kind of bad input, and the word each error must contain."""
    write(f"{root}/good.md", "---\ntitle: Good\npublished: 2025-01-13\n---\nGood text.\n")
    write(f"{root}/sub/good.txt", "Also good.\n")
    write(f"{root}/binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4)
    write(f"{root}/empty.md", b"")
    write(f"{root}/latin1.txt", "Un caf\xe9 \xe0 Kyiv.\n".encode("latin-1"))
    write(f"{root}/huge.txt", b"x" * 10_000_000)
    write(f"{root}/broken.md", "---\ntitle: [oops\n---\nText.\n")
    write(
        f"{root}/page.html",
        "<html><head><script>alert('x')</script></head><body>"
        "<nav>Menu</nav><main><p>Page text.</p></main></body></html>",
    )
    write(f"{root}/export.jsonl", '{"text": "Record one."}\n{"text": \n{"text": "Record three."}\n')
    problems = {
        f"{root}/binary.txt": "binary",
        f"{root}/empty.md": "empty",
        f"{root}/huge.txt": "max_file_bytes",
        f"{root}/broken.md": "front matter",
        f"{root}/export.jsonl": "line 2",
    }
    if sys.platform != "win32":
        os.symlink(".", f"{root}/sub/loop")
        problems[f"{root}/sub/loop"] = "symlink loop"
    return problems


def test_hostile_folder() -> None:
    problems = build_hostile_folder(Path("hostile"))
    docs, errors = read("hostile")
    assert {error.path for error in errors} == set(problems)
    for path, words in problems.items():
        assert words in error_for(path, errors)
    by_path: dict[str, list[Document]] = {}
    for doc in docs:
        by_path.setdefault(doc.path, []).append(doc)
    assert sorted(by_path) == [
        "hostile/export.jsonl",
        "hostile/good.md",
        "hostile/latin1.txt",
        "hostile/page.html",
        "hostile/sub/good.txt",
    ]
    assert by_path["hostile/latin1.txt"][0].text == "Un café à Kyiv.\n"
    assert by_path["hostile/page.html"][0].text == "Page text."
    assert [doc.text for doc in by_path["hostile/export.jsonl"]] == ["Record one.", "Record three."]
    assert by_path["hostile/good.md"][0].published == "2025-01-13"
    assert all(error.message and not os.path.isabs(error.path) for error in errors)
