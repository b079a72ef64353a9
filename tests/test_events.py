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


def test_a_common_term_still_pairs_documents_that_share_it() -> None:
    # Candidates are a property of the pair: a city every document names still makes
    # them candidates (folder statistics no longer decide which terms may propose).
    texts = [
        f"Shooting in Springfield on {street} Avenue" for street in ("Elm", "Oak", "Elm", "Pine")
    ]
    grouper = EventGrouper(min_similarity=0.0).fit(texts, [None] * 4)
    assert grouper.n_candidates_ == 6
    assert grouper.get_params()["n_terms"] == 24


def test_unrelated_documents_change_no_link() -> None:
    """Whether two documents link depends on those two only, not on the folder."""
    rng = np.random.default_rng(0)
    words = [f"word{i}" for i in range(400)] + ["harbour", "council", "budget", "river"]
    noise = [" ".join(rng.choice(words, 14)) for _ in range(300)]
    texts = [KILLEEN, ELGIN, KILLEEN_2, ELGIN_2]
    dates = [day("2015-02-23")] * 4
    alone = EventGrouper().fit(texts, dates)
    crowded = EventGrouper().fit(texts + noise, dates + [day("2015-02-23")] * 300)
    assert list(crowded.labels_[:4]) == list(alone.labels_) == [0, 1, 0, 1]
    assert {link for link in crowded.links_ if link[1] < 4} == set(alone.links_)


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


def test_candidates_come_from_each_documents_own_top_terms() -> None:
    rng = np.random.default_rng(0)
    words = [f"name{i}" for i in range(400)]
    texts = [" ".join(rng.choice(words, 12)) for _ in range(300)]
    few = EventGrouper(n_terms=2).fit(texts, [None] * 300)
    many = EventGrouper(n_terms=12).fit(texts, [None] * 300)
    assert 0 < few.n_candidates_ < many.n_candidates_
