"""STN001: one source asserts what another denies, about the same party."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, ClassVar

from consist.extract.stance import ANTONYMS, PASSIVE, parse_subject
from consist.extract.stance_data import antonyms as _all_antonyms
from consist.rules.base import Rule, RuleContext, Violation, later_of, who
from consist.types import Claim, ClaimFeatures, Pair, Stance

# Scopes that cannot both hold, as (asserting scope, denying scope). "Some did" and
# "some did not" are compatible, and so are "one did" and "some did not".
_CONFLICTING_SCOPES = frozenset(
    {
        ("group", "group"),  # all did / none did
        ("group", "some"),  # all did / not all did
        ("some", "group"),  # some did / none did
        ("individual", "group"),  # Lee did / none of them did
        ("group", "individual"),  # they all did / Lee did not
        ("individual", "individual"),  # Lee did / Lee did not
    }
)
# Pronouns say nothing about who is meant across documents; a bare pronoun subject only
# matches the same pronoun (enough for two versions of one sentence).
_PRONOUNS = frozenset("he she it they we i you this that".split())
# Words for people in general: a named person belongs to these classes.
_PERSON_CLASSES = frozenset("person people man woman men women individual".split())
# First and second persons shift with the speaker: "I" in one witness's quote is not
# "I" in another's, and generic "you" is nobody in particular.
_DEICTIC = frozenset("i we you".split())
# Two paraphrased propositions also need their actions (the propositions without their
# subjects) this similar: "soldiers have never encountered" is not "soldiers perished".
_MIN_ACTION_SIMILARITY = 0.3
# Heads whose folded complement is attempted, wished or planned, not asserted: a
# paraphrase match never pairs "tried to win" with "did not win".
_NOT_ASSERTING = frozenset(
    "hope wish want try attempt seek plan intend aim expect mean strive struggle "
    "consider offer promise threaten vow pledge propose".split()
)


@dataclass(frozen=True, slots=True)
class _Conflict:
    """Two stances that cannot both hold, and how they conflict."""

    pos: Stance
    neg: Stance
    pos_claim: Claim
    neg_claim: Claim
    antonym: bool
    similarity: float | None = None

    @property
    def group_vs_individual(self) -> bool:
        scopes = {self.pos.scope, self.neg.scope}
        return "group" in scopes and ("individual" in scopes)


class OppositeStance(Rule):
    """One source asserts what another denies, about the same party.

    What it flags:
        A pair of claims where one asserts and the other denies one proposition about
        the same subject, whatever the wording. A denial is a negation ("no notice was
        sent", "has not been approved", "never", "none of"), a denial verb with its
        content ("denied that any data was stolen", "refused to step down", "dismissed
        claims that ..."), or a statement that a report is false ("reports that ... are
        false", "it is not true that ..."). The two propositions (each clause without
        its negation, attribution, hedges and times, e.g. "recall notice send dealers")
        match when they have the same head and the denial covers no more than the
        assertion, or when their embeddings are at least ``min_similarity`` similar
        ("minister resign" / "minister step down") with no antonym between them. A
        passive with an agent is read in the active voice, and an agentless passive
        ("data was stolen") is matched on what was acted on. Scopes must overlap: all
        against none, all against not all, a group-level denial against one member's
        assertion. Two assertions of opposite predicates (antonyms from WordNet:
        "accepted" / "rejected", "reopen" / "stay closed") about one subject are
        flagged too, and so are two claims that are the same sentence but for one
        word swapped for its antonym. Severity is high for a flat contradiction,
        medium for a group against an individual or for statements made on different
        dates (the later may record a change), and low when either side is hedged
        ("may", "reportedly", "considering") or when one party revises itself.

    Why:
        A fact asserted by one source and denied by another is the contradiction a
        reader most needs to see, and wording differences hide it from text matching.

    Flagged:
        "A recall notice was sent to dealers on Monday." / "No recall notice was sent
        to dealers."
        "The ministry has approved the merger." / "The merger has not been approved by
        the ministry."
        "The minister resigned on Friday." / "The minister has refused to step down."
        "The company denied that any data was stolen." / "Hackers stole customer data
        from the company."
        "The museum will reopen in March." / "The museum will stay closed until next
        year."

    Not flagged:
        Shared words without a shared proposition ("always run tests" / "never commit
        without tests"); conditions, questions, wishes and attempts ("hoped to win" /
        "did not win") and refusals to comment ("declined to comment on ..."); "some
        did" against "some did not"; different subjects ("the ministry approved" / "the
        regulator has not approved"); a denial of more than was asserted ("no notice
        was sent to customers" / "a notice was sent to dealers"); opposite words that
        agree ("reported a profit" / "did not report a loss"); two hedged claims;
        unresolved pronouns in unrelated claims; a claim against its own repetition; a
        claim that is merely absent elsewhere.
    """

    code: ClassVar[str] = "STN001"
    name: ClassVar[str] = "opposite-stance"
    kind: ClassVar[str] = "stance"
    status: ClassVar[str] = "stable"
    default_options: ClassVar[Mapping[str, Any]] = {
        # At or above this hedge a stance counts as tentative ("may", "reportedly",
        # "considering"): against a certainty, severity low; against another tentative
        # stance, no finding at all (two guesses do not clash). 0.4 keeps "80% decided"
        # (0.2) and "reports that" (0.3) firm.
        "hedge_threshold": 0.4,
        # Flag assertions of antonym predicates ("accepted" / "rejected").
        "antonyms": True,
        # Two propositions with different heads are one claim when their embeddings
        # (all-MiniLM-L6-v2, "minister resign" / "minister step down") are at least this
        # similar; calibrated on the dev pair sets (docs/stance.md).
        "min_similarity": 0.65,
    }

    # Claims of one event whose propositions are this similar are compared, found by a
    # nearest-neighbour search over proposition vectors (api.py): below the conflict
    # threshold, so that a proposition with an antonym head can meet its opposite.
    phrase_pairing: ClassVar[float | None] = 0.5

    def candidate_keys(self, features: ClaimFeatures) -> frozenset[str]:
        """Stances with one predicate key (head and arguments) are always compared."""
        return frozenset("s:" + s.predicate for s in features.stances)

    def phrases(self, features: ClaimFeatures) -> Iterable[str]:
        """The polarity-neutral proposition of each stance, compared by embedding."""
        out = [s.proposition for s in features.stances if s.proposition]
        return out + [s.action for s in features.stances if s.action]

    def check(self, pair: Pair, ctx: RuleContext) -> Iterator[Violation]:
        left, right = pair.left, pair.right
        if _normalised(left.text) == _normalised(right.text):
            return
        conflict = self._best_conflict(left, right, ctx)
        if conflict is not None:
            yield self._violation(conflict)
            return
        if self.options["antonyms"]:
            swap = antonym_swap(left.text, right.text)
            if swap is not None:
                yield self._swap_violation(left, right, swap)

    # --- finding conflicts ---------------------------------------------------------------

    def _best_conflict(self, left: Claim, right: Claim, ctx: RuleContext) -> _Conflict | None:
        """The firmest conflicting pair of stances between the two claims, if any."""
        best: _Conflict | None = None
        for a in ctx.of(left).stances:
            for b in ctx.of(right).stances:
                found = self._conflict(a, b, left, right, ctx)
                if found is not None and (best is None or _rank(found) > _rank(best)):
                    best = found
        return best

    def _conflict(
        self, a: Stance, b: Stance, ca: Claim, cb: Claim, ctx: RuleContext
    ) -> _Conflict | None:
        if min(a.hedge, b.hedge) >= float(self.options["hedge_threshold"]):
            return None
        if not _same_party(a, b, ctx.entity_aliases):
            return None
        if parse_subject(a.subject)[0] in _DEICTIC and not (
            ca.speaker and ca.speaker == cb.speaker
        ):
            return None
        similarity = ctx.similarity(a.proposition, b.proposition) if a.proposition else None
        if a.polarity != b.polarity:
            pos, neg, cp, cn = (a, b, ca, cb) if a.polarity > 0 else (b, a, cb, ca)
            swapped = _roles_swapped(a, b)
            if _same_predicate(a, b) or (
                swapped and _base(_head(a.predicate)) == _base(_head(b.predicate))
            ):
                if not swapped and not _args_covered(neg.predicate, pos.predicate):
                    return None
            elif not self._paraphrase(pos, neg, similarity, ctx):
                return None
            # With roles swapped ("data was stolen" / "hackers stole data") the scopes
            # read are of different parties; the denial's is the one that counts.
            if not swapped and (pos.scope, neg.scope) not in _CONFLICTING_SCOPES:
                return None
            if swapped and neg.scope == "some":
                return None
            if not swapped and not _some_within_group(pos, neg):
                return None
            return _Conflict(pos, neg, cp, cn, antonym=False, similarity=similarity)
        if (
            self.options["antonyms"]
            and a.polarity == b.polarity == 1
            and _antonyms(a, b)
            and a.scope != "some"
            and b.scope != "some"
        ):
            return _Conflict(a, b, ca, cb, antonym=True, similarity=similarity)
        return None

    def _paraphrase(
        self, pos: Stance, neg: Stance, similarity: float | None, ctx: RuleContext
    ) -> bool:
        """Two differently worded propositions state one thing: close embeddings, no
        antonym between their words, nothing denied that was not asserted."""
        if similarity is None or similarity < float(self.options["min_similarity"]):
            return False
        if pos.action and neg.action:
            action = ctx.similarity(pos.action, neg.action)
            if action is not None and action < _MIN_ACTION_SIMILARITY:
                return False  # a long shared subject, two unrelated acts
        if _not_asserting(pos) or _not_asserting(neg):
            return False  # "hoped to win" asserts no win: it meets no "did not win"
        if _opposed_words(pos.proposition, neg.proposition):
            return False  # "reported a profit" / "did not report a loss"
        return _content_covered(neg, pos)

    # --- reporting -----------------------------------------------------------------------

    def _violation(self, c: _Conflict) -> Violation:
        severity, confidence = self._grade(c)
        key = (
            c.pos.predicate
            if not c.antonym
            else " / ".join(sorted((c.pos.predicate, c.neg.predicate)))
        )
        return Violation(
            severity=severity,
            confidence=confidence,
            summary=_summary(c),
            explanation=_explanation(c, self._hedged(c)),
            key=key,
            claims=(),
            facts=self._facts(c),
        )

    def _facts(self, c: _Conflict) -> frozenset[str]:
        """Why the finding has its severity (the shared severity vocabulary)."""
        facts = {"incompatible"}
        if self._hedged(c):
            facts.add("hedged")
        if _revision(c.pos_claim, c.neg_claim):
            facts.add("revision")
        if c.group_vs_individual:
            facts.add("group_vs_individual")
        if later_of(c.pos_claim, c.neg_claim) is not None:
            facts.add("different_times")
        return frozenset(facts)

    def _swap_violation(self, left: Claim, right: Claim, swap: tuple[str, str]) -> Violation:
        later = later_of(left, right)
        explanation = (
            f"{who(left)} and {who(right)} say the same thing except for one word: "
            f"“{swap[0]}” against “{swap[1]}”, which cannot both hold."
        )
        if later is not None:
            explanation += (
                f" The statements are dated differently: {later.party}'s came later and"
                " may reflect a change."
            )
        return Violation(
            severity="medium" if later is not None else "high",
            confidence=0.75,
            summary=f"{left.party} and {right.party} differ by an antonym: {swap[0]} vs {swap[1]}",
            explanation=explanation,
            key=" / ".join(sorted(swap)),
        )

    def _hedged(self, c: _Conflict) -> bool:
        return max(c.pos.hedge, c.neg.hedge) >= float(self.options["hedge_threshold"])

    def _grade(self, c: _Conflict) -> tuple[str, float]:
        """Severity and confidence: hedges and scope gaps lower both; dates lower severity."""
        confidence = 0.9 - 0.5 * max(c.pos.hedge, c.neg.hedge)
        if c.group_vs_individual:
            confidence -= 0.15
        if c.antonym:
            confidence -= 0.1
        if c.similarity is not None and not c.antonym and c.similarity < 1.0:
            confidence -= 0.4 * (1.0 - c.similarity)  # a paraphrase match is less sure
        if any(parse_subject(s.subject)[0] in _PRONOUNS for s in (c.pos, c.neg)):
            confidence -= 0.1
        confidence = round(min(0.95, max(0.05, confidence)), 2)
        if self._hedged(c) or _revision(c.pos_claim, c.neg_claim):
            return "low", confidence
        if c.group_vs_individual or later_of(c.pos_claim, c.neg_claim) is not None:
            return "medium", confidence
        return "high", confidence


# --- matching helpers -----------------------------------------------------------------------


def _not_asserting(s: Stance) -> bool:
    """Whether the stance's head wishes or attempts its complement ("hoped to win"); the
    cue's words are read too, since a parser may lemmatise "hoped" as "hop"."""
    if _base(_head(s.predicate)) in _NOT_ASSERTING:
        return True
    words = [w.lower() for w in _WORD_RE.findall(s.cue)]
    return any(v in _NOT_ASSERTING for w in words[:3] for v in _variants(w))


def _roles_swapped(a: Stance, b: Stance) -> bool:
    """One side an agentless passive, the other active: compared by what was acted on."""
    return _head(a.predicate).endswith(PASSIVE) != _head(b.predicate).endswith(PASSIVE)


def _same_party(a: Stance, b: Stance, aliases: Mapping[str, str]) -> bool:
    """Whether two stances are about the same party in the same role.

    A passive without a "by" phrase ("data was stolen") names what was acted on, not
    who acted: it is matched against the other side's object ("hackers stole customer
    data") when the other side is active.
    """
    pa, pb = _head(a.predicate).endswith(PASSIVE), _head(b.predicate).endswith(PASSIVE)
    if pa != pb:
        passive, active = (a, b) if pa else (b, a)
        cls, names = parse_subject(passive.subject)
        target = active.patient
        return bool(target) and (cls == target or target in {n.lower() for n in names})
    return same_subject(a.subject, b.subject, aliases, scopes=(a.scope, b.scope))


def _revision(a: Claim, b: Claim) -> bool:
    """One party contradicting itself on different dates: a revision (DECISIONS.md)."""
    return a.party == b.party and later_of(a, b) is not None


def _rank(c: _Conflict) -> tuple[int, float]:
    """Prefer a polarity conflict over an antonym, then the least hedged."""
    return (0 if c.antonym else 1, -max(c.pos.hedge, c.neg.hedge))


def _normalised(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").replace("“", '"').replace("”", '"').split())


def _head(predicate: str) -> str:
    return predicate.split(" ", 1)[0]


def _args(predicate: str) -> set[str]:
    return set(predicate.split(" ")[1:])


def _same_predicate(a: Stance, b: Stance) -> bool:
    return _head(a.predicate) == _head(b.predicate)


def _args_covered(neg: str, pos: str) -> bool:
    """A denial conflicts with an assertion only if it denies no more than was asserted.

    "He is not sleeping" contradicts "He is sleeping on the couch"; "He is not sleeping
    on the couch" does not contradict "He is sleeping" (he may sleep elsewhere).
    """
    return _args(neg) <= _args(pos)


def _base(head: str) -> str:
    return head.removesuffix(PASSIVE).split("_", 1)[0]


def _antonym_words(x: str, y: str) -> bool:
    """WordNet antonyms, also through a "re-" prefix ("reopen" / "closed")."""
    for u in (x, x[2:] if x.startswith("re") and len(x) > 5 else x):
        for v in (y, y[2:] if y.startswith("re") and len(y) > 5 else y):
            if v in ANTONYMS.get(u, frozenset()):
                return True
    return False


_LINKING = frozenset("be is are was were stay stayed remain remained become keep".split())


def _antonyms(a: Stance, b: Stance) -> bool:
    """Antonym heads in the same voice ("accept offer" / "reject offer", "reopen" /
    "stay closed"), the rest of the two propositions the same words."""
    ha, hb = _head(a.predicate), _head(b.predicate)
    if ha.endswith(PASSIVE) != hb.endswith(PASSIVE):
        return False
    ba, bb = _base(ha), _base(hb)
    if not _antonym_words(ba, bb):
        return False
    if _args(a.predicate) == _args(b.predicate):
        return True
    rest_a = set(a.proposition.split()) - {ba, ha} - _LINKING
    rest_b = set(b.proposition.split()) - {bb, hb} - _LINKING
    rest_a = {w for w in rest_a if not _antonym_words(w, bb) and w != ba}
    rest_b = {w for w in rest_b if not _antonym_words(w, ba) and w != bb}
    # One side may say more ("reopen after repairs" / "stay closed"), not something else.
    if rest_a <= rest_b or rest_b <= rest_a:
        return bool(a.proposition)
    # Or both state only a state of their subject, with no object or place of their own.
    return _objects(a) == _objects(b)


def _objects(s: Stance) -> dict[str, str]:
    """The slots of a stance other than its subject: what and where it is about."""
    out = {}
    for part in s.slots.split(";"):
        role, _, value = part.partition("=")
        if role and role not in ("subj", "patient"):
            out[role] = value.lower()
    return out


def _opposed_words(a: str, b: str) -> bool:
    """Whether the two propositions differ by a pair of antonyms (any part of speech)."""
    wa, wb = set(a.split()) - set(b.split()), set(b.split()) - set(a.split())
    table = _all_antonyms()
    return any(y in table.get(x, frozenset()) for x in wa for y in wb)


def _content_covered(neg: Stance, pos: Stance) -> bool:
    """A denial conflicts with an assertion only when it denies no more than was
    asserted: the denial's argument nouns are all in the assertion (a paraphrase may
    change the verb, not what it is about)."""
    pos_words = set(pos.proposition.split()) | _args(pos.predicate)
    # Times are not content (the proposition leaves them out): "refused to step down
    # on Monday" denies no more than "resigned on Monday evening" asserts.
    neg_words = set(neg.proposition.split())
    content = {a for a in _args(neg.predicate) if a in neg_words or a.split("_")[0] in neg_words}
    return content <= pos_words | {pos.patient}


def _resolve(names: frozenset[str], aliases: Mapping[str, str]) -> frozenset[str]:
    return frozenset(aliases.get(n, n) for n in names)


def same_subject(
    a: str,
    b: str,
    aliases: Mapping[str, str] | None = None,
    scopes: tuple[str, str] = ("group", "group"),
) -> bool:
    """Whether two rendered stance subjects can be the same party (or overlap).

    Named parties match by name only (Ri is Lee; Ri is not Baek). A named party
    matches an unnamed *group* of its class or of people ("the captured soldiers" /
    "soldier (Lee)"), since the claims were paired on one topic, but not a single
    unnamed one ("a woman" is not "Stanley Greene"). Pronouns match only themselves.
    """
    cls_a, names_a = parse_subject(a)
    cls_b, names_b = parse_subject(b)
    names_a, names_b = _resolve(names_a, aliases or {}), _resolve(names_b, aliases or {})
    if names_a and names_b:
        return bool(names_a & names_b) or _same_surname(names_a, names_b)
    if cls_a in _PRONOUNS or cls_b in _PRONOUNS:
        return cls_a == cls_b and not names_a and not names_b
    if names_a or names_b:
        cls_named, cls_other = (cls_a, cls_b) if names_a else (cls_b, cls_a)
        scope_other = scopes[1] if names_a else scopes[0]
        if scope_other != "group":
            return cls_named != "" and cls_named == cls_other
        if cls_named:
            return cls_named == cls_other  # "Lee, one of the inspectors" / "the inspectors"
        return cls_other.split(" ")[-1] in _PERSON_CLASSES
    if cls_a and cls_a == cls_b:
        return True
    # "No notice was sent" covers "a recall notice was sent": a group (or a denial of
    # any) named by the head noun alone includes every more specific one.
    for (general, g_scope), specific in (((cls_a, scopes[0]), cls_b), ((cls_b, scopes[1]), cls_a)):
        if (
            g_scope == "group"
            and general
            and " " not in general
            and specific.endswith(" " + general)
        ):
            return True
    return False


_UNIVERSAL_RE = re.compile(
    r"(?i)(no|none|nobody|no one|nothing|neither|not (one|a single|all|every|any|even)"
    r"|all|every|everyone|everybody|each)\b"
)
_PARTITIVE_RE = re.compile(
    r"(?i)(^not (all|every)\b|\b[\w-]+ of (the|them|those|these|us|you|his|her|their)\b)"
)


def _some_within_group(pos: Stance, neg: Stance) -> bool:
    """ "Some did" clashes with "none did" only when the some are among the none.

    They are when the denial is universal ("no one", "none of") or the "some" are
    picked out of the same set ("two of them", "one of the captured soldiers"). "Several
    North Korean soldiers have defected before" does not clash with "the captured
    soldiers have not expressed any intention to defect": those are other soldiers.
    """
    scopes = (pos.scope, neg.scope)
    if "some" not in scopes:
        return True
    group, some = (pos, neg) if pos.scope == "group" else (neg, pos)
    if group is neg and _DENIAL_RE.search(neg.cue):
        return True  # "denied that any patients had withdrawn": none did
    return bool(_UNIVERSAL_RE.match(group.cue) or _PARTITIVE_RE.search(some.cue))


# A denial that covers every member: "any", "no", or a denial verb or false-report.
_DENIAL_RE = re.compile(
    r"(?i)\b(any|anyone|anybody|anything|no|none|nobody|nothing|denie[sd]|deny|"
    r"false|untrue|not true|dismiss\w*|reject\w*|refute\w*|debunk\w*)\b"
)


def _same_surname(a: frozenset[str], b: frozenset[str]) -> bool:
    """ "Cruz" and "Penélope Cruz": a one-word name that ends the other's full name.

    Only the last word counts, so the bare Korean surname "Lee" (written first) never
    meets "Lee Hyo Jin"; that merge is left to ``AliasResolver``, which knows the corpus.
    """
    for x in a:
        for y in b:
            short, full = (x, y) if len(x.split()) < len(y.split()) else (y, x)
            if len(short.split()) == 1 and len(full.split()) > 1 and full.split()[-1] == short:
                return True
            # "Dakota Fanning" / "Hannah Dakota Fanning": a full name within a longer one.
            words = full.split()
            n = len(short.split())
            if 1 < n < len(words) and words[-n:] == short.split():
                return True
    return False


_WORD_RE = re.compile(r"[\w'’-]+")
_NEGATION_WORDS = frozenset(
    "not n't never no nobody none nothing neither nor cannot without".split()
)
_HEDGE_WORDS = frozenset("may might could would should if whether reportedly".split())
_ARTICLES = frozenset("a an the".split())


def _variants(word: str) -> list[str]:
    """Crude lemmas of an inflected word: "selling" -> sell, "loves" -> love."""
    out = [word]
    for suffix, repl in (
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("s", ""),
        ("es", ""),
        ("ies", "y"),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: -len(suffix)] + repl)
    if word == "sold":
        out.append("sell")
    if word == "bought":
        out.append("buy")
    return out


_PHRASE_TAIL = frozenset("from to of with at".split())


def _core(phrase: str) -> str:
    """ "far away from" -> "far": an adverb or adjective without its trailing particles."""
    words = phrase.split()
    while len(words) > 1 and words[-1] in _PHRASE_TAIL | {"away"}:
        words.pop()
    return " ".join(words)


def _are_antonyms(a: str, b: str) -> bool:
    for x in {*_variants(a), *_variants(_core(a))}:
        for y in {*_variants(b), *_variants(_core(b))}:
            if y in ANTONYMS.get(x, frozenset()):
                return True
    return False


def antonym_swap(a: str, b: str) -> tuple[str, str] | None:
    """The two expressions when ``a`` and ``b`` differ only by one antonym swap.

    "The shop opens early" / "The shop opens late". Texts with a negation or a hedge
    are left alone ("not young" / "not old" is no contradiction), and so are texts
    sharing fewer than three words around the swap, where the context may differ.
    """
    ta = [w.lower().replace("’", "'") for w in _WORD_RE.findall(a)]
    tb = [w.lower().replace("’", "'") for w in _WORD_RE.findall(b)]
    if any(w in _NEGATION_WORDS or w.endswith("n't") for w in ta + tb):
        return None
    if any(w in _HEDGE_WORDS for w in ta + tb):
        return None
    ops = [o for o in SequenceMatcher(a=ta, b=tb, autojunk=False).get_opcodes() if o[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "replace":
        return None
    _, i1, i2, j1, j2 = ops[0]
    if len(ta) - (i2 - i1) < 3:
        return None
    xa = [w for w in ta[i1:i2] if w not in _ARTICLES]
    xb = [w for w in tb[j1:j2] if w not in _ARTICLES]
    if not xa or not xb or len(xa) > 3 or len(xb) > 3:
        return None
    pa, pb = " ".join(xa), " ".join(xb)
    return (pa, pb) if _are_antonyms(pa, pb) else None


# --- wording ----------------------------------------------------------------------------


def _quoted(stance: Stance) -> str:
    """The stance in the claim's own words (never a lemma)."""
    return f"“{stance.cue}”"


def _summary(c: _Conflict) -> str:
    if c.antonym:
        return (
            f"{c.pos_claim.party} and {c.neg_claim.party} say opposite things: "
            f"{_quoted(c.pos)} vs {_quoted(c.neg)}"
        )
    return f"{c.neg_claim.party} denies what {c.pos_claim.party} asserts: {_quoted(c.pos)}"


def _explanation(c: _Conflict, hedged: bool) -> str:
    parts = [f"{who(c.pos_claim)} says “{c.pos.cue}”; {who(c.neg_claim)} says “{c.neg.cue}”."]
    if c.antonym:
        parts.append(
            f"{_quoted(c.pos)} and {_quoted(c.neg)} state opposite things of one subject,"
            " which cannot both hold."
        )
    else:
        parts.append(
            "One asserts and the other denies the same thing of the same subject; both"
            " cannot be true."
        )
    if c.similarity is not None and c.similarity < 1.0 and not c.antonym:
        parts.append(
            f"(The two are worded differently; their meanings were matched with"
            f" similarity {c.similarity:.2f}.)"
        )
    if c.group_vs_individual:
        group = c.neg if c.neg.scope == "group" else c.pos
        parts.append(
            f"A statement about a whole group ({_quoted(group)}) is contradicted by one"
            " about an individual member of it."
        )
    later = later_of(c.pos_claim, c.neg_claim)
    if later is not None:
        earlier = c.neg_claim if later is c.pos_claim else c.pos_claim
        parts.append(
            f"The statements are dated differently ({earlier.published} and "
            f"{later.published}): {later.party}'s came later and may reflect a change "
            "rather than a contradiction."
        )
    if _revision(c.pos_claim, c.neg_claim):
        parts.append(f"Both are {c.pos_claim.party}'s own statements: a revision.")
    if hedged:
        parts.append("One side is hedged, so this may be uncertainty rather than conflict.")
    return " ".join(parts)
