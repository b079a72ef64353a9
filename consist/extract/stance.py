"""What a claim asserts or denies, about whom, and how firmly: ``Stance`` values.

Each asserted clause of a parsed sentence gives at most one stance:

- ``predicate``: a normalised key for the event or state. Families of paraphrases
  share one key (``defect_intent`` for "expressed an intention to defect", "sought
  asylum", "requested resettlement", "want to go to South Korea"); other clauses get
  a generic key, the head lemma followed by its argument lemmas ("accept offer",
  "open"), so that rules can compare argument sets.
- ``polarity``: -1 when the clause is denied ("not", "never", "no one", "none of",
  "denied", "refused to", "declined to", "unwilling to"), else +1. Negations multiply.
- ``subject``: who the clause is about, as ``class``, ``Name`` or ``class (Name, ...)``
  ("soldier", "Lee", "soldier (Lee)"); pronouns are resolved to the subject of the
  clause that governs them when that is a noun ("Lee told ... that he had decided").
- ``scope``: ``group`` (the soldiers, all, none), ``individual`` (a named or singular
  one) or ``some`` (at least one, one of, not all, two of them).
- ``hedge``: 0 for a plain assertion, up to 1 ("may", "could", "reportedly",
  "considering", "80% decided" -> 0.2, the consequent of an "if").

Clauses that assert nothing give no stance: "if"/"whether" clauses, questions,
restrictive relative clauses ("POWs who wish to defect"), the content of wishes and
requests, and phrases quoted inside a sentence about something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from consist.extract import stance_data as _data
from consist.extract.entities import canonical_name
from consist.types import Stance

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# --- word lists -------------------------------------------------------------------------

# Verbs whose clausal complement carries the content: they attribute, they do not assert.
_REPORTING = frozenset(
    "say tell report note add explain state remark emphasize emphasise stress claim "
    "confirm announce reveal indicate mention write insist argue suggest assess estimate "
    "warn point highlight acknowledge admit assert declare inform show find believe "
    "think expect know learn hear understand agree".split()
)
# Attribution that weakens what follows ("suggested that", "believes that").
# fmt: off
_WEAK_REPORTING = {"suggest": 0.4, "believe": 0.3, "think": 0.3, "expect": 0.3,
                   "claim": 0.2, "estimate": 0.2, "assess": 0.2, "hear": 0.3}
# fmt: on
# Verbs whose complement is wished for, not asserted ("hope that", "urge them to").
_IRREALIS = frozenset(
    "hope wish want urge ask demand request fear doubt question wonder try seek "
    "order allow permit enable help prepare pray imagine pretend".split()
)
# Verbs that deny their complement ("refused to return", "denied that ...").
_NEG_VERBS = frozenset("refuse decline deny fail reject avoid neglect cease".split())
# Verbs that deny a reported content ("dismissed claims that ..."), nouns that carry
# one ("reports that ..."), and words that call it false or true: package data.
_DENIAL_VERBS = _data.words("denial_verbs")
_CONTENT_NOUNS = _data.words("content_nouns")
_FALSE_WORDS = _data.words("false_words")
_TRUE_WORDS = _data.words("true_words")
# Verbs linking a subject to a state: "stayed closed" states "closed" as "is closed" does.
_COPULAR = _data.words("copular_verbs")
_NEG_ADJ = frozenset("unwilling unable reluctant".split())
# Predicates that make no claim about the world.
_EMPTY_PREDICATES = frozenset(
    "comment be do have get make say tell speak respond answer add note remark".split()
)
# fmt: off
# Deontic modals say what ought to be, not what is: no stance.
_DEONTIC = frozenset("should ought".split())
# Suffix of a passive predicate head ("shoot_pass"): its subject is the patient.
PASSIVE = "_pass"
_MODAL_HEDGE = {"may": 0.5, "might": 0.6, "could": 0.5, "would": 0.4, "should": 0.5,
                "must": 0.3, "can": 0.1, "ca": 0.1, "shall": 0.2, "will": 0.0, "wo": 0.0}
# fmt: on
# fmt: off
_ADV_HEDGE = {
    "reportedly": 0.4, "allegedly": 0.5, "apparently": 0.4, "possibly": 0.5,
    "perhaps": 0.5, "probably": 0.3, "likely": 0.3, "maybe": 0.5, "potentially": 0.5,
    "presumably": 0.3, "seemingly": 0.4, "supposedly": 0.5, "unlikely": 0.6,
}
# fmt: on
# fmt: off
_HEDGE_VERBS = {"consider": 0.6, "mull": 0.6, "weigh": 0.6, "seem": 0.4, "appear": 0.4,
                "explore": 0.6, "contemplate": 0.6}
# fmt: on
_HEDGE_NOUNS = frozenset("report reports rumor rumour claim claims speculation".split())
_WH_WORDS = frozenset("how why when where what whether who whom which".split())
# Conditions and purposes: "if ...", "so (that) this never happens again".
# Conditions, purposes and times still to come: "until he is arrested".
_CONDITIONAL_MARKS = frozenset(
    "if unless whether provided providing lest so until till once before".split()
)
# A denial limited to now is provisional: "was not immediately released", "not yet".
_PROVISIONAL = frozenset("immediately yet currently still so_far".split())
_NEG_WORDS = frozenset("not n't never no".split())
_NEG_DETS = frozenset("no neither".split())
_NEG_PRONOUNS = frozenset("none nobody nothing neither noone".split())
_GROUP_DETS = frozenset("all every each both the these those".split())
_GROUP_PRONOUNS = frozenset("everyone everybody everything all".split())
_SOME_DETS = frozenset("some several many few most a_few various certain".split())
_PRONOUNS = frozenset("he she it they we i you him her them us me one this that".split())
_PERSON_WORDS = frozenset(
    "person people everyone everybody someone somebody anyone anybody nobody one man "
    "woman men women individual".split()
)
# Words for people in general: one class.
# fmt: off
_CLASS_SYNONYMS = {
    "people": "person", "everyone": "person", "everybody": "person", "someone": "person",
    "somebody": "person", "nobody": "person", "anyone": "person", "anybody": "person",
}
# fmt: on

# Antonyms (verbs, adjectives, adverbs) from WordNet 3.0, generated at dev time by
# scripts/build_antonyms.py into package data: two positive claims whose heads are
# antonyms, about one subject, conflict.
ANTONYMS: dict[str, frozenset[str]] = _data.antonyms()

# Dependency labels of a clause's content (its predicate's arguments).
_ARG_DEPS = frozenset("dobj attr acomp oprd pobj pcomp xcomp prt dative agent".split())
_CLAUSE_DEPS = frozenset("ROOT ccomp conj advcl relcl acl parataxis xcomp csubj".split())
_SUBJ_DEPS = frozenset("nsubj nsubjpass csubj expl".split())
_QUOTES = frozenset('"“”')

_PERCENT_RE = re.compile(r"(\d{1,3})\s*%")


# --- subjects ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """Who a clause is about: a class noun, names, and how many of them."""

    cls: str
    names: tuple[str, ...]
    scope: str
    negated: bool = False
    flip: bool = False
    first: int = -1

    def render(self) -> str:
        if self.cls and self.names:
            return f"{self.cls} ({', '.join(self.names)})"
        return ", ".join(self.names) if self.names else self.cls


def parse_subject(text: str) -> tuple[str, frozenset[str]]:
    """Split a rendered ``Stance.subject`` back into (class, names)."""
    m = re.fullmatch(r"(.*?) \((.*)\)", text)
    if m:
        return m.group(1), frozenset(m.group(2).split(", "))
    if text[:1].isupper():
        return "", frozenset(text.split(", "))
    return text, frozenset()


def _norm_class(lemma: str) -> str:
    low = lemma.lower()
    return _CLASS_SYNONYMS.get(low, low)


def _names_in(tok: Token) -> tuple[str, ...]:
    """Proper names in a noun phrase: the head, appositions and coordinated names."""
    names: list[str] = []
    # Names of a possessor or inside a relative clause are not the subject: "Mary of
    # Teck's son", "the car Fresques was believed to be driving".
    possessed = {
        x.i
        for c in tok.children
        if c.dep_ in ("poss", "relcl", "acl", "prep")
        for x in c.subtree
        if not (c.dep_ == "prep" and c.lower_ == "of")
    }
    for t in tok.subtree:
        if t.pos_ != "PROPN" or t.dep_ == "compound" or not t.text[:1].isupper():
            continue
        if t.i in possessed:
            continue  # "Mary of Teck's son" is the son, not Mary
        if t.ent_type_ in ("NORP", "DATE", "GPE", "ORG") and t.i != tok.i and t.dep_ != "appos":
            if t.ent_type_ != "GPE" or t.dep_ not in ("appos", "conj"):
                continue
        if t.head.dep_ == "pobj" and t.head.head.lemma_ in ("from", "in", "at"):
            continue
        start = min(c.i for c in t.subtree if c.dep_ == "compound" or c.i == t.i)
        span = t.doc[start : t.i + 1]
        names.append(canonical_name(span.text))
    return tuple(sorted(dict.fromkeys(n for n in names if n)))


def _quantifier_scope(head: Token) -> tuple[str | None, bool, bool]:
    """(scope, denied, not-all) read from a subject head's determiners and numerals."""
    low = head.lower_
    if any(c.dep_ == "neg" and _next_word(c) == "even" for c in head.children):
        return None, True, False  # "not even Ed approved"
    if low in _NEG_PRONOUNS or (low == "one" and _has_neg(head) and not _has_of(head)):
        return "group", True, False
    if low in _GROUP_PRONOUNS or low == "all":
        return ("some", False, True) if _has_neg(head) else ("group", False, False)
    if low == "one" and _has_of(head):
        return ("group", True, False) if _has_neg(head) else ("some", False, False)
    if head.pos_ == "NUM" and _has_of(head) and low not in ("one", "1"):
        return "some", False, False  # "twenty of them"
    if low in (
        "some",
        "several",
        "many",
        "few",
        "most",
        "someone",
        "somebody",
        "little",
        "lots",
        "much",
    ):
        return (
            ("some", False, True)
            if (low in ("many", "most") and _has_neg(head))
            else ("some", False, False)
        )
    for child in head.children:
        c = child.lower_
        if child.dep_ in ("det", "predet", "amod", "nummod", "quantmod") or c in ("no", "all"):
            if c in _NEG_DETS:
                return "group", True, False
            if c in ("all", "every", "each", "both"):
                return (
                    ("some", False, True)
                    if _has_neg(child) or _has_neg(head)
                    else ("group", False, False)
                )
            if c in ("many", "most") and (_has_neg(child) or _has_neg(head)):
                return "some", False, True
            if c == "one" and (_has_neg(child) or _has_neg(head)):
                return "group", True, False
            if c in _SOME_DETS or c == "any":
                return "some", False, False
            if child.dep_ == "nummod" and any(x.lower_ == "least" for x in child.subtree):
                return "some", False, False  # "at least one soldier"
            if child.dep_ == "nummod" and c in ("one", "1"):
                definite = any(x.lower_ in ("the", "this", "that") for x in head.children)
                return ("individual" if definite else "some"), False, False
            if child.dep_ == "nummod" and c not in ("one", "1"):
                definite = any(x.lower_ in ("the", "these", "those", "both") for x in head.children)
                modified = any(x.dep_ in ("acl", "relcl") for x in head.children)
                return ("group" if definite or modified else "some"), False, False
    return None, False, False


def _has_neg(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("not", "n't") for c in tok.children) or (
        tok.i > 0 and tok.doc[tok.i - 1].lower_ == "not"
    )


def _has_of(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _of_object(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _subject_of(head: Token) -> Subject | None:
    """The subject of a noun-phrase head: class, names, scope and any negation in it."""
    scope, denied, not_all = _quantifier_scope(head)
    names = _names_in(head)
    quantifier = head.pos_ == "NUM" or head.lower_ in (
        "one",
        "none",
        "all",
        "some",
        "many",
        "most",
        "few",
        "each",
        "little",
        "lots",
        "much",
    )
    core = _of_object(head) if quantifier else None
    base = core or head
    named_head = _head_name(base)
    if named_head:
        cls, names = "", tuple(sorted({named_head, *names}))
    elif base.pos_ == "PRON":
        cls = base.lower_ if base.lower_ not in ("them",) else "they"
        if base.lower_ in _PERSON_WORDS or base.lower_ in _NEG_PRONOUNS | _GROUP_PRONOUNS:
            cls = "person"
    else:
        cls = _norm_class(base.lemma_)
        if core is None and (base.lower_ == "one" or head.lower_ in _NEG_PRONOUNS):
            cls = "person" if head.lower_ != "nothing" else "thing"
    if scope is None:
        scope = _default_scope(base, head, names)
    if scope == "individual" and cls and not names and base.pos_ == "NOUN":
        cls = " ".join([*_modifiers(base), cls])
    if names and scope == "some" and head.lower_ == "one":
        scope = "individual"
    # The cue starts at an explicit quantifier ("none of", "twenty of them", "all"),
    # so that rules can tell "some of them" from "several (other) soldiers".
    explicit = _quantifier_scope(head)[0] is not None or head.pos_ == "NUM"
    first = min(t.i for t in head.subtree) if denied or not_all or explicit else -1
    return Subject(cls, names, scope, negated=denied, flip=not_all, first=first)


def _modifiers(noun: Token) -> list[str]:
    """Words that pick out one of a kind: "first victim", "shooting victim", "old man".

    An unnamed single subject is only comparable with one picked out the same way:
    "the shooting victim" and "his first victim" may be two people.
    """
    mods = [
        c.lemma_.lower()
        for c in noun.children
        if c.dep_ in ("amod", "compound") and c.i < noun.i and c.ent_type_ != "NORP"
    ]
    if any(c.dep_ == "poss" for c in noun.children):
        mods.insert(0, "his/her")
    # "the gun in Sunday's case" is not simply "the gun".
    mods += [
        p.lemma_.lower()
        for c in noun.children
        if c.dep_ == "prep"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return mods


def _head_name(tok: Token) -> str:
    """The head's own name when the head is a proper name (not a class noun)."""
    name = _entity_name(tok)
    if name:
        return name
    if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i > 0 and tok.pos_ == "NOUN"):
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
        return canonical_name(" ".join(p.text for p in sorted(parts, key=lambda p: p.i)))
    return ""


def _entity_name(tok: Token) -> str:
    """The canonical name of the person or body a token's entity span names, if any."""
    if tok.ent_type_ not in ("PERSON", "ORG", "GPE"):
        return ""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return canonical_name(ent.text)
    return ""


def _default_scope(base: Token, head: Token, names: tuple[str, ...]) -> str:
    """Without a quantifier: plurals and coordinations are groups, the rest individual."""
    if len(names) > 1 or any(c.dep_ == "conj" for c in head.children):
        return "group"
    if base.lower_ in ("they", "them", "we", "us"):
        return "group"
    if base.tag_ in ("NNS", "NNPS"):
        # "The soldiers", "soldiers captured in Ukraine" pick out a set: all of it.
        # A bare plural ("Neighbors said ...") is some of them, not all.
        definite = any(
            c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "some") for c in head.children
        )
        modified = any(c.dep_ in ("acl", "relcl") for c in head.children)
        return "group" if definite or modified else "some"
    return "individual"


def _resolve_pronoun(verb: Token, subj: Subject) -> Subject:
    """A pronoun subject stands for the nearest governing clause's noun subject."""
    if subj.cls not in ("he", "she", "they", "it") or subj.names:
        return subj
    tok = verb
    while tok.head.i != tok.i:
        tok = tok.head
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON":
                found = _subject_of(c)
                if found is None:
                    continue
                names = found.names
                if subj.cls == "they" and tok.dep_ == "conj" and tok.head.pos_ == "PROPN":
                    names = tuple(sorted({canonical_name(tok.head.text), *names}))
                scope = "group" if subj.cls == "they" else found.scope
                return Subject(found.cls, names, scope, subj.negated, subj.flip, subj.first)
    return subj


def _clause_subject(verb: Token) -> Subject | None:
    """The subject of a clause; xcomp and conj verbs borrow their governor's."""
    tok: Token | None = verb
    seen = 0
    while tok is not None and seen < 6:
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                subj = _subject_of(c)
                return _resolve_pronoun(tok, subj) if subj else None
        if tok.dep_ in ("xcomp", "conj", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return _subject_of(tok.head)
        return None
    return None


# --- clauses ----------------------------------------------------------------------------


def _is_clause_head(tok: Token) -> bool:
    if tok.pos_ not in ("VERB", "AUX") and not (
        tok.dep_ == "ROOT" and any(c.dep_ in ("cop", "auxpass") for c in tok.children)
    ):
        if not (tok.pos_ in ("ADJ", "NOUN") and tok.dep_ == "ROOT"):
            return False
    if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
        return False
    if tok.dep_ not in _CLAUSE_DEPS:
        return False
    if tok.dep_ == "xcomp":
        # Folded into the governing verb's predicate, unless that verb only denies it.
        return tok.head.lemma_ in _NEG_VERBS or tok.head.lower_ in _NEG_ADJ
    if tok.dep_ in ("acl",) and not any(c.dep_ in _SUBJ_DEPS for c in tok.children):
        return False  # participle modifier: "soldiers captured by ..."
    return True


def _in_quote(tok: Token, sent: Span | Doc) -> bool:
    n = sum(1 for t in sent if t.i < tok.i and t.text in _QUOTES)
    return n % 2 == 1


def _asserted(tok: Token, sent: Span | Doc) -> bool:
    """False for clauses that state nothing: conditions, questions, wishes, restrictives."""
    if sent[-1].text == "?" or (len(sent) > 1 and sent[-2].text == "?"):
        return False
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in tok.children):
        return False
    if tok.dep_ == "relcl" and not _non_restrictive(tok):
        return False
    if tok.dep_ in ("ccomp", "pcomp", "xcomp", "csubj") and any(
        c.lower_ in _WH_WORDS and c.i < tok.i for c in tok.children
    ):
        return False  # an indirect question: "how the child was shot"
    node = tok
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ in ("ccomp", "xcomp", "pcomp") and parent.lemma_ in _IRREALIS:
            return False
        if node.dep_ in ("pcomp", "pobj") and any(
            c.lower_ in ("whether", "if") for c in node.children
        ):
            return False
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in node.children
        ):
            return False
        node = parent
    if _in_quote(tok, sent):
        root = tok.sent.root
        if not _in_quote(root, sent) and root.lemma_ not in _REPORTING:
            return False
    return True


def _non_restrictive(tok: Token) -> bool:
    """A relative clause set off by a comma asserts something; "POWs who wish" does not."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].text == ","


# --- predicates -------------------------------------------------------------------------


def _phrase_lemma(tok: Token) -> str:
    """Lemma of an argument head, with proper-noun compounds kept ("new york")."""
    if tok.pos_ == "PROPN":
        parts = [c for c in tok.children if c.dep_ == "compound"] + [tok]
        return " ".join(p.text for p in sorted(parts, key=lambda p: p.i)).lower()
    return tok.lemma_.lower()


def _chain(verb: Token) -> list[Token]:
    """Content tokens of the predicate in dependency order, with prepositions."""
    out: list[Token] = []

    def walk(tok: Token, depth: int) -> None:
        if depth > 6:
            return
        for c in sorted(tok.children, key=lambda t: t.i):
            if (
                c.dep_ in _ARG_DEPS
                or c.dep_ == "prep"
                or (
                    c.dep_ == "acl"
                    and tok.pos_ == "NOUN"
                    and c.pos_ in ("VERB", "AUX")
                    and not any(g.dep_ in _SUBJ_DEPS for g in c.children)
                )
            ):
                if c.dep_ == "prep" and c.lower_ in ("of",) and tok.i == verb.i:
                    continue
                if c.dep_ == "conj" and tok.i == verb.i:
                    continue
                out.append(c)
                walk(c, depth + 1)
            elif c.dep_ == "conj" and tok.i != verb.i and tok.pos_ in ("NOUN", "PROPN"):
                out.append(c)  # "for Mango, Ralph Lauren and L'Oréal": each is asserted
                walk(c, depth + 1)
            elif c.dep_ == "advmod" and c.lower_ in ("home", "back", "abroad", "here", "there"):
                out.append(c)
            elif c.dep_ == "advmod" and c.lower_ == "ago":
                # "ten minutes ago" says when: part of what is asserted.
                out.extend(n for n in c.children if n.dep_ == "npadvmod")

    walk(verb, 0)
    return out


_SKIP_ARG_LEMMAS = frozenset("% percent any some all this that it one".split())


def _key_parts(
    verb: Token, chain: list[Token], exclude_amods: frozenset[int] = frozenset()
) -> tuple[str, list[str], list[str]]:
    """(head lemma, argument lemmas, chain words incl. prepositions) of a predicate."""
    head = verb.lemma_.lower()
    args: list[str] = []
    words = [head]
    if head in _COPULAR or verb.pos_ in ("ADJ", "NOUN"):
        comp = next((c for c in chain if c.dep_ in ("acomp", "attr", "oprd")), None)
        if verb.pos_ in ("ADJ", "NOUN"):
            comp = verb
        if comp is not None:
            head = _phrase_lemma(comp)
            words = ["be", head]
            chain = [c for c in chain if c.i != comp.i]
            # What kind of thing it is ("a French series") is the claim: all modifiers.
            args.extend(
                a.lemma_.lower()
                for a in comp.children
                if a.dep_ in ("amod", "compound")
                and a.i not in exclude_amods
                and a.pos_ in ("ADJ", "NOUN", "PROPN")
            )
    for c in chain:
        if c.dep_ == "prep" or c.pos_ == "ADP":
            words.append(c.lower_)
            continue
        if c.pos_ in ("NUM",) or c.lower_ in _SKIP_ARG_LEMMAS or c.pos_ == "PRON":
            args.extend(
                a.lemma_.lower()
                for a in c.children
                if a.dep_ == "amod" and a.pos_ == "ADJ" and a.i not in exclude_amods
            )
            continue
        lemma = _phrase_lemma(c)
        words.append(lemma)
        if c.dep_ != "prt":
            args.append(lemma.replace(" ", "_"))
            # Descriptive adjectives narrow an argument ("inelegant furniture");
            # nationality adjectives only name it and vary between sources.
            args.extend(
                a.lemma_.lower()
                for a in c.children
                if a.dep_ == "amod"
                and a.pos_ == "ADJ"
                and not a.ent_type_
                and not a.text[:1].isupper()
                and a.i not in exclude_amods
            )
        else:
            head = f"{head}_{lemma}"
    return head, args, words


def _predicate(verb: Token, exclude: frozenset[int] = frozenset()) -> tuple[str, float] | None:
    """(predicate key, extra hedge) of a clause, or None for an empty predicate.

    ``exclude`` holds tokens of negated modifiers, which are not part of what is asserted.
    """
    chain = [c for c in _chain(verb) if c.i not in exclude]
    head, args, words = _key_parts(verb, chain, exclude)
    del words
    if (verb.lemma_ in _NEG_VERBS or head in _NEG_ADJ) and any(
        c.dep_ == "xcomp" for c in [verb, *chain] for c in c.children
    ):
        return None  # "declined to comment": the xcomp is the clause, denied
    if head in _NEG_VERBS and not args:
        return None
    if head in _EMPTY_PREDICATES and not args:
        return None
    if any(c.dep_ == "ccomp" for c in verb.children) and not args:
        return None  # "want Bike Week to be peaceful": the content is the nested clause
    if head in ("comment", "say", "speak"):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        agent = _agent(verb)
        if agent is not None:
            # "the merger was approved by the ministry" is "the ministry approved the
            # merger": the agent is the subject, the passive subject the object.
            agent_lemma = _phrase_lemma(agent).replace(" ", "_")
            args = [a for a in args if a != agent_lemma]
            patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if patient is not None and patient.pos_ in ("NOUN", "PROPN"):
                args = [_phrase_lemma(patient).replace(" ", "_"), *args]
        else:
            # "a woman was shot" and "he didn't shoot anybody" are about different roles.
            head = f"{head}{PASSIVE}"
    return " ".join([head, *args]), _HEDGE_VERBS.get(head, 0.0)


def _agent(verb: Token) -> Token | None:
    """The object of a passive's "by" phrase: who did it ("approved by the ministry")."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


# --- polarity and hedging ---------------------------------------------------------------


# After "not", these words make it negate a phrase, not the clause: "not only",
# "not ten minutes ago", "not a little", "not all" (read as scope elsewhere).
_CONSTITUENT_NEXT = frozenset(
    "only one two three four five six seven eight nine ten twenty hundred all every "
    "until because since just for in at on that".split()
)
# After "not", these soften rather than deny: "not very confident", "not often".
_ATTENUATED_NEXT = frozenset(
    "very quite so wholly entirely completely fully too particularly exactly necessarily "
    "always really often much many terribly altogether".split()
)
# Adverbs that deny most but not all: "rarely goes out" is a hedged assertion.
_RARELY = frozenset("rarely seldom hardly barely scarcely".split())


def _next_word(tok: Token) -> str:
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt.lower_ if nxt is not None else ""


_NESTED_CLAUSE_DEPS = frozenset("ccomp advcl relcl acl parataxis csubj".split())
_FREQUENCY = frozenset("often frequently usually much generally normally".split())


def _own_tokens(verb: Token) -> list[Token]:
    """Tokens of the clause, without the clauses nested in it."""
    out: list[Token] = []
    stack = list(verb.children)
    while stack:
        t = stack.pop()
        if t.dep_ in _NESTED_CLAUSE_DEPS or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            continue
        out.append(t)
        stack.extend(t.children)
    return out


@dataclass(frozen=True, slots=True)
class _Negation:
    """What the negations in one clause do: deny it, soften it, or negate a part."""

    cues: tuple[Token, ...] = ()
    hedge: float = 0.0
    drop: bool = False
    exclude: frozenset[int] = frozenset()


def _modifier_root(t: Token, verb: Token) -> Token | None:
    """The adverbial or adjectival modifier of the clause that ``t`` sits in, if any."""
    node = t
    while node.head.i != node.i and node.head.i != verb.i:
        if node.dep_ == "amod" and node.head.dep_ in ("dobj", "attr", "pobj", "conj"):
            return node
        node = node.head
    if node.dep_ in ("prep", "advmod", "npadvmod", "advcl", "amod") and node.head.i == verb.i:
        return node
    return None


def _verb_negations(verb: Token) -> _Negation:
    """Classify every negation of the clause.

    "have not expressed", "is not open" deny. "not very", "not often" deny only in part
    (hedge 0.6). A "not" inside a modifier ("not for the first time", "not ten minutes
    ago", "a not very amicable discussion") negates that modifier only: the core is
    still asserted and the modifier leaves the predicate's arguments. A "not" inside an
    argument ("but not me", "found not one mistake") changes what is asserted in ways
    this reader does not model, so the stance is dropped rather than guessed.
    """
    negs: list[Token] = []
    hedge = 0.0
    exclude: set[int] = set()
    comp = {c.i for c in verb.children if c.dep_ in ("acomp", "attr") and verb.lemma_ == "be"}
    subject = {t.i for c in verb.children if c.dep_ in _SUBJ_DEPS for t in c.subtree}
    for t in _own_tokens(verb):
        if not (t.dep_ == "neg" or t.lower_ in ("never", "not", "n't")):
            continue
        if t.i in subject or t.i + 1 in subject:
            continue  # "not all people", "no one": read as the subject's scope
        nxt = _next_word(t)
        if (
            nxt in ("a", "an")
            and t.i + 2 < len(t.doc)
            and t.doc[t.i + 2].lower_ in ("little", "few", "bit", "lot")
        ):
            nxt = "only"  # "not a little confusion" is litotes: treat as a phrase negation
        on_verb = t.head.i == verb.i or t.head.i in comp or t.head.dep_ in ("aux", "auxpass")
        if t.lower_ == "never" or (t.lower_ == "n't" and on_verb):
            negs.append(t)
        elif nxt == "even" and t.i < verb.i:
            negs.append(t)  # "not even Ed approved", "not even then did he"
        elif nxt in _ATTENUATED_NEXT and (on_verb or _in_complement(t, verb)):
            negs.append(t)
            hedge = 0.6
        elif on_verb and nxt not in _CONSTITUENT_NEXT and not nxt[:1].isdigit():
            negs.append(t)
        else:
            mod = _modifier_root(t, verb) if not on_verb else _next_modifier(t, verb)
            if mod is None:
                return _Negation(tuple(negs), hedge, drop=True)
            exclude.update(x.i for x in mod.subtree)
    if negs and any(c.dep_ == "advmod" and c.lower_ in _FREQUENCY for c in verb.children):
        hedge = max(hedge, 0.6)  # "doesn't go out often" ~ rarely
    return _Negation(tuple(negs), hedge, exclude=frozenset(exclude))


def _in_complement(t: Token, verb: Token) -> bool:
    """Whether ``t`` hangs in a manner adverb or predicative complement of the verb."""
    node = t
    while node.head.i != verb.i and node.head.i != node.i:
        if node.dep_ not in ("advmod", "acomp", "oprd", "neg"):
            return False
        node = node.head
    return node.head.i == verb.i and node.dep_ in ("advmod", "acomp", "oprd", "neg")


def _next_modifier(t: Token, verb: Token) -> Token | None:
    """For a "not" hung on the verb but negating what follows ("here not ten minutes
    ago"), the verb's modifier that starts right after it."""
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is None:
        return None
    if nxt.dep_ == "det" and t.i + 2 < len(t.doc) and t.doc[t.i + 2].dep_ == "amod":
        nxt = t.doc[t.i + 2]  # "caused not a little confusion": the amod is negated
    return (
        _modifier_root(nxt, verb)
        if nxt.head.i != verb.i
        else (nxt if nxt.dep_ in ("prep", "advmod", "npadvmod") else None)
    )


def _provisional(verb: Token) -> bool:
    """A denial limited to now ("not immediately released", "so far, no one has been
    arrested", "not yet") may be overtaken by events: it is hedged."""
    for c in verb.children:
        if c.dep_ not in ("advmod", "npadvmod"):
            continue
        if c.lower_ in _PROVISIONAL or (
            c.lower_ == "far" and any(g.lower_ == "so" for g in c.children)
        ):
            return True
    return False


def _rarely(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "advmod" and c.lower_ in _RARELY]


def _object_negation(verb: Token) -> list[Token]:
    """ "found nothing", "saw no one", "found not one mistake" deny the verb."""
    cues: list[Token] = []
    for c in verb.children:
        if c.dep_ not in ("dobj", "attr", "pobj"):
            continue
        if c.lower_ in _NEG_PRONOUNS:
            cues.append(c)
            continue
        # "found not one mistake" is left alone: it is as often "not one but two".
        cues.extend(d for d in c.children if d.lower_ in _NEG_DETS)
    return cues


def _governor_negation(verb: Token) -> list[Token]:
    """ "refused to return", "declined to ...", "denied that", "unwilling to"."""
    cues: list[Token] = []
    # Only the verb's own governor: in "declined to describe how the child was shot"
    # the shooting is not denied, only the description.
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i:
        parent = verb.head
        if parent.lemma_ in _NEG_VERBS or parent.lower_ in _NEG_ADJ:
            cues.append(parent)
    for c in verb.children:
        if c.dep_ == "acomp" and c.lower_ in _NEG_ADJ:
            cues.append(c)
    return cues


def _hedge(verb: Token, sent: Span | Doc, governed: bool = True) -> tuple[float, list[Token]]:
    """How tentatively the clause is put, and the words that say so.

    ``governed=False`` leaves out the governor's hedge ("reports that"), for a content
    that the sentence calls false: the denial is firm, whatever the report was."""
    best, cues = 0.0, []
    nodes = [verb]
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
        nodes.append(node)
    for n in nodes:
        for c in n.children:
            h = 0.0
            if c.dep_ == "aux" and c.lower_ in _MODAL_HEDGE:
                h = _MODAL_HEDGE[c.lower_]
                if c.lower_ == "would" and _reported(n):
                    h = 0.0  # "denied that the plant would close": a past "will"
            elif c.dep_ == "advmod" and c.lower_ in _ADV_HEDGE:
                h = _ADV_HEDGE[c.lower_]
            elif c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                h = 0.5
            if h > best:
                best, cues = h, [c]
    h, cue = _governor_hedge(node) if governed else (0.0, [])
    if h > best:
        best, cues = h, cue
    m = _PERCENT_RE.search(" ".join(t.text for t in verb.subtree if t.head.i == verb.i))
    if m and verb.lemma_ in ("decide", "be", "plan", "intend"):
        h = max(0.0, 1.0 - int(m.group(1)) / 100)
        if h > best or not cues:
            best = max(best, h)
    return round(best, 2), cues


def _reported(verb: Token) -> bool:
    """Whether a clause is the content of a reporting or denial verb ("said that ...")."""
    return (
        verb.dep_ == "ccomp"
        and verb.head.i != verb.i
        and (verb.head.lemma_ in _REPORTING or verb.head.lemma_ in _DENIAL_VERBS)
    )


def _governor_hedge(node: Token) -> tuple[float, list[Token]]:
    """Attribution that weakens: "suggested that", "reports that", "is said to"."""
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ == "ccomp" and parent.lemma_ in _WEAK_REPORTING:
            return _WEAK_REPORTING[parent.lemma_], [parent]
        if (
            node.dep_ in ("acl", "ccomp")
            and parent.pos_ == "NOUN"
            and parent.lemma_.lower() in _HEDGE_NOUNS
        ):
            return 0.3, [parent]
        if parent.lemma_ in _HEDGE_VERBS and node.dep_ in ("xcomp", "ccomp"):
            return _HEDGE_VERBS[parent.lemma_], [parent]
        if node.dep_ not in ("ccomp", "conj", "xcomp"):
            break
        node = parent
    return 0.0, []


# --- assembly ---------------------------------------------------------------------------


def _cue(sent: Span | Doc, verb: Token, extra: list[Token]) -> tuple[str, int, int]:
    """The words that trigger the stance: negations, auxiliaries, verb and its object."""
    toks = [verb, *(t for t in extra if abs(t.i - verb.i) <= 6)]
    toks += [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    toks += [c for c in _chain(verb)[:4]]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    base = sent.start_char if hasattr(sent, "start_char") else 0
    start = sent.doc[lo].idx - base
    end = sent.doc[hi].idx + len(sent.doc[hi].text) - base
    return sent.doc.text[start + base : end + base], start, end


def _clause_stance(verb: Token, sent: Span | Doc) -> tuple[Stance, ...]:
    if not _asserted(verb, sent):
        return ()
    negation = _verb_negations(verb)
    if negation.drop or any(c.lower_ in _DEONTIC for c in verb.children if c.dep_ == "aux"):
        return ()
    pred = _predicate(verb, negation.exclude)
    if pred is None:
        return ()
    predicate, family_hedge = pred
    subj = _clause_subject(verb)
    agent = _agent(verb) if not predicate.split(" ", 1)[0].endswith(PASSIVE) else None
    if agent is not None:
        subj = _subject_of(agent) or subj
    if subj is None:
        return ()
    verb_negs, attenuated = list(negation.cues), negation.hedge
    meta = _meta_denial(verb)
    negs = verb_negs + _governor_negation(verb) + _object_negation(verb)
    if meta is not None:
        negs.append(meta)
    polarity = -1 if len(negs) % 2 else 1
    rarely = _rarely(verb)
    if subj.negated:
        polarity = -polarity
    scope = subj.scope
    if subj.flip:  # "not all of them did X" = some did not
        polarity, scope = -polarity, "some"
    if polarity < 0 and scope == "some" and (_any_subject(verb) or subj.first < 0):
        # "denied that any data was stolen", "card numbers were not stolen": none was.
        scope = "group"
    hedge, hedge_cues = _hedge(verb, sent, governed=meta is None)
    hedge = max(hedge, family_hedge, attenuated, 0.6 if rarely else 0.0)
    if polarity < 0 and _provisional(verb):
        hedge = max(hedge, 0.5)
    quantifier = [sent.doc[subj.first]] if subj.first >= 0 else []
    cue, start, end = _cue(sent, verb, negs + hedge_cues + rarely + quantifier)
    proposition, patient, action = _proposition(verb, agent, negation.exclude, subj)
    predicates = [predicate, *_coordinated_complements(verb, predicate)]
    stances = tuple(
        Stance(
            predicate=predicate,
            polarity=polarity,
            subject=subj.render(),
            scope=scope,
            hedge=round(hedge, 2),
            cue=cue,
            start=start,
            end=end,
            proposition=proposition if k == 0 else f"{proposition} {predicate}",
            patient=patient,
            action=action if k == 0 else predicate,
            slots=_slots(verb, agent) if k == 0 else "",
        )
        for k, predicate in enumerate(predicates)
    )
    stance = stances[0]
    if subj.flip and polarity == -1:
        # "Not all of them did" is read as "some did not, and some did". The second
        # half is an implicature, not an entailment, so it is hedged (0.3): it lets
        # "not all had" clash with "no one had", at low severity.
        return (stance, replace(stance, polarity=1, hedge=max(hedge, 0.3)))
    return stances


def _any_subject(verb: Token) -> bool:
    """Whether the clause's subject is an "any" phrase ("any data", "anyone")."""
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c.lower_ in ("any", "anyone", "anybody", "anything") or any(
                d.lower_ == "any" for d in c.children
            )
    return False


def _meta_denial(verb: Token) -> Token | None:
    """The word that denies the clause as a reported content, if one does.

    "dismissed claims that ...", "rejected reports that ...", "reports that ... are
    false", "a baseless rumour that ...", "it is not true that ...", "refuted that ...".
    (Denial verbs that take the clause directly, "denied that ...", are read by
    ``_governor_negation``.)
    """
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.head.i == node.i:
        return None
    gov = node.head
    if (
        node.dep_ in ("acl", "ccomp", "appos", "relcl")
        and gov.pos_ in ("NOUN", "PROPN")
        and gov.lemma_.lower() in _CONTENT_NOUNS
    ):
        return _denied_content(gov)
    if node.dep_ == "ccomp":
        if gov.lemma_ in _DENIAL_VERBS and gov.lemma_ not in _NEG_VERBS:
            return None if _negated(gov) else gov
        return _truth_denial(gov)
    return None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _truth_denial(gov: Token) -> Token | None:
    """ "is false", "is not true": the word that says a content does not hold."""
    judged = _TRUE_WORDS | _FALSE_WORDS
    truth = gov if gov.lower_ in judged or gov.lemma_.lower() in judged else None
    if truth is None and gov.lemma_ in _COPULAR:
        truth = next(
            (c for c in gov.children if c.dep_ in ("acomp", "attr") and c.lemma_.lower() in judged),
            None,
        )
    if truth is None:
        return None
    false = truth.lemma_.lower() in _FALSE_WORDS or truth.lower_ in _FALSE_WORDS
    negated = _negated(gov) or _negated(truth)
    return truth if false != negated else None


def _denied_content(noun: Token) -> Token | None:
    """Whether a report noun's content is called false or denied."""
    for c in noun.children:
        if c.dep_ in ("amod", "compound") and c.lower_ in _FALSE_WORDS:
            return c  # "baseless claims that", "debunked reports that"
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_ in _DENIAL_VERBS:
        return None if _negated(head) else head  # "rejected reports that", "was denied"
    if noun.dep_ == "pobj" and head.head.lemma_ in _DENIAL_VERBS:
        return None if _negated(head.head) else head.head
    if noun.dep_ == "nsubj":
        return _truth_denial(head)  # "reports that ... are false"
    if noun.dep_ == "attr" and head.lemma_ in _COPULAR:
        for c in noun.children:
            if c.dep_ == "amod" and c.lower_ in _FALSE_WORDS:
                return c
    return None


# Words of a clause left out of its proposition: function words, negation, quantifiers.
_PROP_SKIP_DEPS = frozenset(
    "neg aux auxpass det punct cc mark case predet preconj expl dep intj meta".split()
)
_PROP_POS = frozenset("NOUN PROPN VERB ADJ NUM ADV".split())
_PROP_SKIP_WORDS = frozenset(
    "no none nobody nothing not never any anyone anything all some every each also "
    "even just still already yet only ever again too".split()
)
_PROP_NESTED = frozenset("ccomp advcl relcl parataxis csubj".split())


def _proposition(
    verb: Token, agent: Token | None, exclude: frozenset[int], subj: Subject
) -> tuple[str, str, str]:
    """(polarity-neutral proposition, patient, action) of a clause.

    The proposition is the clause's subject, predicate and arguments in plain words,
    without negation, auxiliaries, hedges, attribution and time expressions: "No recall
    notice was sent to dealers" and "A recall notice was sent to dealers on Monday"
    both give "recall notice send dealers". Verbs are lemmatised, other words kept as
    written (lower case). A passive with a "by" phrase is put in the active voice. The
    action is the proposition without its subject ("send dealers"). The patient is the
    head of the object (or of a passive subject): what the act is done to.
    """
    subject_tok = _subject_token(verb)
    skip: set[int] = set(exclude)
    parts: list[list[Token]] = []
    if agent is not None:
        parts.append(list(agent.subtree))
        skip.update(x.i for x in agent.head.subtree)
    elif subject_tok is not None and subject_tok.pos_ != "PRON":
        parts.append(list(subject_tok.subtree))
    if subject_tok is not None:
        skip.update(x.i for x in subject_tok.subtree)
    rest: list[Token] = []
    stack = [verb]
    while stack:
        t = stack.pop()
        if t.i in skip:
            continue
        rest.append(t)
        for c in t.children:
            if c.dep_ in _PROP_NESTED or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                continue
            stack.append(c)
    if agent is not None and subject_tok is not None:
        rest.extend(subject_tok.subtree)  # the passive subject is the object
    words: list[str] = []
    subject_words = [w for part in parts for w in _prop_words(part)]
    if not subject_words and subj.render() not in _PRONOUNS:
        subject_words = [subj.render().lower()]
    words.extend(subject_words)
    verb_words = _prop_words(sorted(rest, key=lambda t: (t.i != verb.i, t.i)))
    words.extend(verb_words)
    patient = ""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
    if agent is not None or obj is None:
        obj = subject_tok if _passive(verb) else obj
    if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
        patient = obj.lemma_.lower() if obj.pos_ == "NOUN" else obj.lower_
    return " ".join(words[:20]), patient, " ".join(verb_words[:16])


_SLOT_PREPS = frozenset("in at to from for against with on into near".split())


def _slots(verb: Token, agent: Token | None) -> str:
    """``role=value`` pairs of a clause: its subject (the agent of a passive), object,
    complement and prepositional objects, each a noun phrase in its own words without
    its determiner. Times and numbers are left to the date and quantity rules."""
    out: list[tuple[str, str]] = []
    subject = agent
    if subject is None and not _passive(verb):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
        out.append(("subj", _np_text(subject)))
    for c in verb.children:
        if c.dep_ in ("dobj", "attr") or (c.dep_ == "nsubjpass" and agent is not None):
            if c.pos_ in ("PROPN", "NOUN"):
                out.append(("obj", _np_text(c)))
        elif c.dep_ == "nsubjpass" and c.pos_ in ("PROPN", "NOUN"):
            out.append(("patient", _np_text(c)))
        elif c.dep_ == "prep" and c.lower_ in _SLOT_PREPS:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if (
                pobj is not None
                and pobj.pos_ in ("PROPN", "NOUN")
                and pobj.ent_type_ not in ("DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY")
            ):
                out.append((c.lower_, _np_text(pobj)))
    seen: dict[str, str] = {}
    for role, value in out:
        seen.setdefault(role, value)
    return ";".join(f"{r}={v}" for r, v in seen.items() if v and ";" not in v and "=" not in v)


def _np_text(tok: Token) -> str:
    """A noun phrase's head with its compounds and adjectives, as written ("Boston
    Marathon", "red car"); no determiner, no clauses."""
    parts = [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nummod") and c.i < tok.i and c.pos_ != "DET"
    ]
    words = sorted([*parts, tok], key=lambda t: t.i)
    return " ".join(w.text for w in words)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _prop_words(tokens: list[Token]) -> list[str]:
    out: list[str] = []
    for t in tokens:
        if t.dep_ in _PROP_SKIP_DEPS or t.lower_ in _PROP_SKIP_WORDS:
            continue
        if t.ent_type_ in ("DATE", "TIME") or t.lower_ in _ADV_HEDGE:
            continue
        if t.pos_ not in _PROP_POS and t.dep_ != "prt":
            continue
        if t.pos_ == "ADV" and t.dep_ != "prt" and t.lower_ not in ("home", "back", "abroad"):
            continue
        out.append(t.lemma_.lower() if t.pos_ in ("VERB", "AUX") else t.lower_)
    return out


def _subject_token(verb: Token) -> Token | None:
    """The subject token of a clause (xcomp and conj verbs borrow their governor's)."""
    tok: Token | None = verb
    for _ in range(6):
        if tok is None:
            return None
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c
        if tok.dep_ in ("xcomp", "conj", "acomp") and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        return None
    return None


def _coordinated_complements(verb: Token, predicate: str) -> list[str]:
    """ "is a singer, musician and actor" states each: one key per coordinated noun."""
    if verb.lemma_ != "be":
        return []
    comp = next((c for c in verb.children if c.dep_ in ("attr", "acomp")), None)
    if comp is None:
        return []
    out = []
    for c in comp.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "ADJ", "PROPN"):
            out.append(_phrase_lemma(c).replace(" ", "_"))
    return out


def _clause_heads(sent: Span | Doc) -> Iterator[Token]:
    for tok in sent:
        if _is_clause_head(tok):
            yield tok


def extract_stances(sent: Span | Doc) -> tuple[Stance, ...]:
    """Every stance the sentence asserts, one per asserted clause, in text order.

    Duplicates (one predicate, polarity and subject reached by two clauses, as in
    "decided to apply for asylum and planned to go to South Korea") are kept once,
    with the firmer of the two hedges.
    """
    found: dict[tuple[str, int, str], Stance] = {}
    for verb in _clause_heads(sent):
        for stance in _clause_stance(verb, sent):
            key = (stance.predicate, stance.polarity, stance.subject)
            if key not in found or stance.hedge < found[key].hedge:
                found[key] = stance
    return tuple(sorted(found.values(), key=lambda s: (s.start, s.predicate)))


__all__ = ["ANTONYMS", "PASSIVE", "Subject", "extract_stances", "parse_subject"]
