"""Event grouping of documents (consist/events.py) on small hand-written texts."""

from __future__ import annotations

from datetime import date

import numpy as np

from consist.events import EventGrouper, group_documents, lead_text, shared_lines, template_key
from consist.types import Document

KILLEEN = (
    "Four people were killed on Godman Street in Killeen, Texas; Sergeant Ofelia Miramontez said"
)
KILLEEN_2 = "Killeen police named the four killed on Godman Street, Sergeant Ofelia Miramontez said"
ELGIN = "Five people were wounded at a party on North Street in Elgin, Illinois, Chief Jeff Swoboda said"
ELGIN_2 = "Elgin police chief Jeff Swoboda said five were wounded at the North Street party"


def day(iso: str) -> tuple[date, date]:
    d = date.fromisoformat(iso)
    return d, d


def doc(name: str, text: str, published: str | None = "2015-02-23", title: str = "") -> Document:
    lines = tuple(range(1, text.count("\n") + 2))
    return Document(id=name, path=name, text=text, lines=lines, title=title, published=published)


def test_same_incident_together_different_incidents_apart() -> None:
    texts = [KILLEEN, ELGIN, KILLEEN_2, ELGIN_2]
    dates = [day("2015-02-23"), day("2015-02-23"), day("2015-02-24"), day("2015-02-25")]
    labels = EventGrouper().fit_predict(texts, dates)
    assert list(labels) == [0, 1, 0, 1]


def test_labels_follow_input_order_and_are_deterministic() -> None:
    texts = [ELGIN, KILLEEN, ELGIN_2, KILLEEN_2]
    dates = [day("2015-02-23")] * 4
    first = EventGrouper().fit_predict(texts, dates)
    assert list(first) == [0, 1, 0, 1]
    assert list(EventGrouper().fit_predict(texts, dates)) == list(first)


def test_similar_texts_years_apart_are_different_events() -> None:
    grouper = EventGrouper(max_gap_days=365)
    labels = grouper.fit_predict([KILLEEN, KILLEEN_2], [day("2015-02-23"), day("2017-02-23")])
    assert list(labels) == [0, 1]


def test_a_longer_gap_needs_more_similarity() -> None:
    grouper = EventGrouper(min_similarity=0.15, strong_similarity=0.5, window_days=7, slope=0.06)
    needed = [grouper.required_similarity(g) for g in (None, 0, 7, 14, 56, 400)]
    assert needed[0] == needed[1] == needed[2] == 0.15
    assert needed[2] < needed[3] < needed[4] <= needed[5] == 0.5
    assert grouper.required_similarity(5000) == float("inf")


def test_undated_documents_link_on_text_alone() -> None:
    labels = EventGrouper().fit_predict([KILLEEN, KILLEEN_2, ELGIN], [None, None, None])
    assert list(labels) == [0, 0, 1]


def test_tiny_and_empty_inputs() -> None:
    assert list(EventGrouper().fit_predict([], [])) == []
    assert list(EventGrouper().fit_predict([KILLEEN], [None])) == [0]
    assert list(EventGrouper().fit_predict(["", ""], [None, None])) == [0, 0]


def test_common_terms_propose_no_candidates() -> None:
    # Every document names the same city; with max_postings below that count the
    # city proposes no link, so only the street names pair documents up.
    texts = [
        f"Shooting in Springfield on {street} Avenue" for street in ("Elm", "Oak", "Elm", "Pine")
    ]
    grouper = EventGrouper(max_postings=2, min_similarity=0.0).fit(texts, [None] * 4)
    assert grouper.n_candidates_ == 1
    assert list(grouper.labels_) == [0, 1, 0, 2]
    assert grouper.get_params()["max_postings"] == 2


def test_template_lines_are_left_out_of_leads() -> None:
    prompt = "Get email notifications on {} daily whenever new content is posted here"
    docs = [
        doc(f"d{i}", prompt.format(name) + "\n" + body)
        for i, (name, body) in enumerate(
            [("Troy Carter", KILLEEN), ("Jerome Smith", ELGIN), ("Ann Lee", KILLEEN_2)]
        )
    ]
    assert template_key(prompt.format("Troy Carter")) == template_key(prompt.format("Ann Lee"))
    skip = shared_lines(docs)
    assert "Troy" not in lead_text(docs[0], skip=skip)
    assert "Killeen" in lead_text(docs[0], skip=skip)


def test_group_documents_by_id() -> None:
    docs = [
        doc("a.txt", KILLEEN, "2015-02-23"),
        doc("b.txt", ELGIN, "2015-02-23"),
        doc("c.txt", KILLEEN_2, "2015-02-24"),
    ]
    assert group_documents(docs) == {"a.txt": 0, "b.txt": 1, "c.txt": 0}


def test_links_are_bounded_by_the_index() -> None:
    rng = np.random.default_rng(0)
    words = [f"name{i}" for i in range(400)]
    texts = [" ".join(rng.choice(words, 12)) for _ in range(300)]
    grouper = EventGrouper(n_terms=5, max_postings=8).fit(texts, [None] * 300)
    # at most n_terms postings per document, each proposing at most max_postings - 1 others
    assert grouper.n_candidates_ <= 300 * 5 * 7
