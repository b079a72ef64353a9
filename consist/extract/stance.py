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
from dataclasses import dataclass
from typing import TYPE_CHECKING

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
_WEAK_REPORTING = {"suggest": 0.4, "believe": 0.3, "think": 0.3, "expect": 0.3,
                   "claim": 0.2, "estimate": 0.2, "assess": 0.2, "hear": 0.3}
# Verbs whose complement is wished for, not asserted ("hope that", "urge them to").
_IRREALIS = frozenset(
    "hope wish want urge ask demand request fear doubt question wonder try seek "
    "order allow permit enable help prepare".split()
)
# Verbs that deny their complement ("refused to return", "denied that ...").
_NEG_VERBS = frozenset("refuse decline deny fail reject avoid neglect cease".split())
_NEG_ADJ = frozenset("unwilling unable reluctant".split())
# Predicates that make no claim about the world.
_EMPTY_PREDICATES = frozenset(
    "comment be do have get make say tell speak respond answer add note remark".split()
)
_MODAL_HEDGE = {"may": 0.5, "might": 0.6, "could": 0.5, "would": 0.4, "should": 0.5,
                "must": 0.3, "can": 0.1, "ca": 0.1, "shall": 0.2, "will": 0.0, "wo": 0.0}
_ADV_HEDGE = {
    "reportedly": 0.4, "allegedly": 0.5, "apparently": 0.4, "possibly": 0.5,
    "perhaps": 0.5, "probably": 0.3, "likely": 0.3, "maybe": 0.5, "potentially": 0.5,
    "presumably": 0.3, "seemingly": 0.4, "supposedly": 0.5, "unlikely": 0.6,
}
_HEDGE_VERBS = {"consider": 0.6, "mull": 0.6, "weigh": 0.6, "seem": 0.4, "appear": 0.4,
                "explore": 0.6, "contemplate": 0.6}
_HEDGE_NOUNS = frozenset("report reports rumor rumour claim claims speculation".split())
_CONDITIONAL_MARKS = frozenset("if unless whether provided providing lest".split())
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
# Class nouns that name the same kind of party in news about prisoners of war.
_CLASS_SYNONYMS = {
    "troop": "soldier", "pow": "soldier", "prisoner": "soldier", "captive": "soldier",
    "serviceman": "soldier", "servicemen": "soldier", "fighter": "soldier",
    "people": "person", "everyone": "person", "everybody": "person", "someone": "person",
    "somebody": "person", "nobody": "person", "anyone": "person", "anybody": "person",
}

# Predicate families: paraphrases of one event, documented so that a new paraphrase is
# one line. The chain is the clause's content lemmas in dependency order ("express
# intention seek asylum in south korea"); a family matches at its start.
_WRAPPERS = (
    r"(?:(?:express|show|voice|convey|have|state|indicate|declare|signal) (?:his |her |their )?"
    r"(?:intention|intent|desire|wish|interest|willingness|hope|plan) (?:to |of )?"
    r"|(?:want|wish|decide|plan|intend|hope|consider|seek|try|aim|choose|prefer|desire"
    r"|be willing|be ready|be eager|long) (?:to )?)*"
)
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "defect_intent",
        re.compile(
            _WRAPPERS
            + r"(?:defect\b|(?:seek|apply|request|pursue|ask|claim|file|want|desire|express)"
            r" (?:for )?(?:asylum|resettlement|defection)\b"
            r"|(?:go|move|relocate|travel|come|resettle|head|defect|settle|live)"
            r" (?:to |in )?(?:south korea|the south|south|seoul)\b"
            r"|consider (?:south korea|seoul))"
        ),
    ),
    (
        "return_home",
        re.compile(_WRAPPERS + r"(?:return|go back|be repatriate|go) (?:to )?(?:home|north korea)\b"),
    ),
)

# Antonym heads: two positive claims with these heads about one subject conflict.
_ANTONYM_PAIRS = (
    ("alive", "dead"), ("live", "die"), ("accept", "reject"), ("accept", "refuse"),
    ("accept", "decline"), ("win", "lose"), ("increase", "decrease"), ("rise", "fall"),
    ("rise", "decline"), ("increase", "decline"), ("grow", "shrink"), ("open", "closed"),
    ("open", "close"), ("approve", "reject"), ("approve", "veto"), ("agree", "disagree"),
    ("allow", "forbid"), ("allow", "ban"), ("allow", "prohibit"), ("permit", "forbid"),
    ("succeed", "fail"), ("pass", "fail"), ("present", "absent"), ("guilty", "innocent"),
    ("true", "false"), ("legal", "illegal"), ("possible", "impossible"),
    ("asleep", "awake"), ("sleep", "awake"), ("empty", "full"), ("arrive", "depart"),
    ("arrive", "leave"), ("enter", "exit"), ("sit", "stand"), ("inside", "outside"),
    ("indoors", "outdoors"), ("happy", "sad"), ("young", "old"), ("hot", "cold"),
    ("wet", "dry"), ("start", "end"), ("begin", "end"), ("start", "finish"),
    ("begin", "finish"), ("support", "oppose"), ("confirm", "deny"), ("include", "exclude"),
    ("gain", "lose"), ("attack", "defend"), ("advance", "retreat"), ("victory", "defeat"),
    ("success", "failure"), ("certain", "uncertain"), ("likely", "unlikely"),
    ("available", "unavailable"), ("married", "single"), ("married", "divorced"),
    ("employ", "fire"), ("hire", "fire"), ("raise", "lower"), ("raise", "cut"),
    ("expand", "reduce"), ("strengthen", "weaken"), ("improve", "worsen"),
    ("remember", "forget"), ("love", "hate"), ("like", "dislike"), ("safe", "dangerous"),
    ("healthy", "sick"), ("ill", "well"), ("rich", "poor"), ("early", "late"),
    ("near", "far"), ("above", "below"), ("before", "after"), ("day", "night"),
    ("daytime", "nighttime"), ("push", "pull"), ("laugh", "cry"), ("smile", "frown"),
    ("sink", "float"), ("buy", "refuse"), ("release", "detain"), ("release", "hold"),
    ("free", "captive"), ("visible", "invisible"), ("common", "rare"),
    ("public", "private"), ("permanent", "temporary"), ("male", "female"),
    ("large", "small"), ("big", "small"), ("big", "little"), ("tall", "short"),
    ("long", "short"), ("fast", "slow"), ("heavy", "light"), ("clean", "dirty"),
    ("quiet", "loud"), ("awake", "asleep"), ("up", "down"),
)
ANTONYMS: dict[str, frozenset[str]] = {}
for _a, _b in _ANTONYM_PAIRS:
    ANTONYMS[_a] = ANTONYMS.get(_a, frozenset()) | {_b}
    ANTONYMS[_b] = ANTONYMS.get(_b, frozenset()) | {_a}

# Dependency labels of a clause's content (its predicate's arguments).
_ARG_DEPS = frozenset("dobj attr acomp oprd pobj xcomp prt dative agent".split())
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
    if low in ("s", "pows"):
        return "soldier"
    return _CLASS_SYNONYMS.get(low, low)


def _names_in(tok: Token) -> tuple[str, ...]:
    """Proper names in a noun phrase: the head, appositions and coordinated names."""
    names: list[str] = []
    for t in tok.subtree:
        if t.pos_ != "PROPN" or t.dep_ == "compound" or not t.text[:1].isupper():
            continue
        if t.ent_type_ in ("NORP", "DATE", "GPE", "ORG") and t.i != tok.i and t.dep_ != "appos":
            if t.ent_type_ != "GPE" or t.dep_ not in ("appos", "conj"):
                continue
        if t.head.dep_ == "pobj" and t.head.head.lemma_ in ("from", "in", "at"):
            continue
        start = min(c.i for c in t.subtree if c.dep_ == "compound" or c.i == t.i)
        span = t.doc[start : t.i + 1]
        names.append(canonical_name(span.text))
    return tuple(dict.fromkeys(n for n in names if n))


def _quantifier_scope(head: Token) -> tuple[str | None, bool, bool]:
    """(scope, denied, not-all) read from a subject head's determiners and numerals."""
    low = head.lower_
    if low in _NEG_PRONOUNS or (low == "one" and _has_neg(head) and not _has_of(head)):
        return "group", True, False
    if low in _GROUP_PRONOUNS or low == "all":
        return ("some", False, True) if _has_neg(head) else ("group", False, False)
    if low == "one" and _has_of(head):
        return ("group", True, False) if _has_neg(head) else ("some", False, False)
    if low in ("some", "several", "many", "few", "most", "someone", "somebody"):
        return ("some", False, True) if (low in ("many", "most") and _has_neg(head)) else (
            "some", False, False)
    for child in head.children:
        c = child.lower_
        if child.dep_ in ("det", "predet", "amod", "nummod", "quantmod") or c in ("no", "all"):
            if c in _NEG_DETS:
                return "group", True, False
            if c in ("all", "every", "each", "both"):
                return ("some", False, True) if _has_neg(child) or _has_neg(head) else (
                    "group", False, False)
            if c in ("many", "most") and (_has_neg(child) or _has_neg(head)):
                return "some", False, True
            if c == "one" and (_has_neg(child) or _has_neg(head)):
                return "group", True, False
            if c in _SOME_DETS or c == "any":
                return "some", False, False
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
    core = _of_object(head) if head.lower_ in ("one", "none", "all", "some", "many",
                                                "most", "few", "each", "two") else None
    base = core or head
    if base.pos_ == "PROPN":
        cls = ""
        if base.ent_type_ in ("ORG", "GPE", "NORP") or not names:
            names = names or (canonical_name(base.text),)
    elif base.pos_ == "PRON":
        cls = base.lower_ if base.lower_ not in ("them",) else "they"
        if base.lower_ in _PERSON_WORDS or base.lower_ in _NEG_PRONOUNS | _GROUP_PRONOUNS:
            cls = "person"
    else:
        cls = _norm_class(base.lemma_)
        if base.lower_ in ("one",) or head.lower_ in _NEG_PRONOUNS:
            cls = "person" if head.lower_ != "nothing" else "thing"
    if scope is None:
        scope = _default_scope(base, head, names)
    if names and scope == "some" and head.lower_ == "one":
        scope = "individual"
    return Subject(cls, names, scope, negated=denied, flip=not_all)


def _default_scope(base: Token, head: Token, names: tuple[str, ...]) -> str:
    """Without a quantifier: plurals and coordinations are groups, the rest individual."""
    if len(names) > 1 or any(c.dep_ == "conj" for c in head.children):
        return "group"
    if base.lower_ in ("they", "them", "we", "us"):
        return "group"
    if base.tag_ in ("NNS", "NNPS"):
        return "group"
    return "individual"


def _resolve_pronoun(verb: Token, subj: Subject) -> Subject:
    """A pronoun subject stands for the nearest governing clause's noun subject."""
    if subj.cls not in ("he", "she", "they", "it") or subj.names:
        return subj
    tok = verb
    while tok.head is not tok:
        tok = tok.head
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON":
                found = _subject_of(c)
                if found is None:
                    continue
                names = found.names
                if subj.cls == "they" and tok.dep_ == "conj" and tok.head.pos_ == "PROPN":
                    names = tuple(dict.fromkeys(_names_in(tok.head)[:1] + names))
                scope = "group" if subj.cls == "they" else found.scope
                return Subject(found.cls, names, scope, subj.negated, subj.flip)
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
        if tok.dep_ in ("xcomp", "conj", "acomp") and tok.head is not tok:
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
        return False  # folded into the governing verb's predicate
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
    node = tok
    while node.head is not node:
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
        root = sent.root
        if not _in_quote(root, sent) and root.lemma_ not in _REPORTING:
            return False
    return True


def _non_restrictive(tok: Token) -> bool:
    """A relative clause set off by a comma asserts something; "POWs who wish" does not."""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].text == ","


# --- predicates -------------------------------------------------------------------------


def _phrase_lemma(tok: Token) -> str:
    """Lemma of an argument head, with proper-noun compounds kept ("south korea")."""
    if tok.pos_ == "PROPN":
        parts = [c for c in tok.children if c.dep_ == "compound"] + [tok]
        text = " ".join(p.text for p in sorted(parts, key=lambda p: p.i)).lower()
        text = text.replace("s. korea", "south korea").replace("s.korea", "south korea")
        return text
    lemma = tok.lemma_.lower()
    return {"s.": "south", "intent": "intent", "pows": "soldier"}.get(lemma, lemma)


def _chain(verb: Token) -> list[Token]:
    """Content tokens of the predicate in dependency order, with prepositions."""
    out: list[Token] = []

    def walk(tok: Token, depth: int) -> None:
        if depth > 6:
            return
        for c in sorted(tok.children, key=lambda t: t.i):
            if c.dep_ in _ARG_DEPS or c.dep_ == "prep" or (
                c.dep_ == "acl" and tok.pos_ == "NOUN" and c.pos_ in ("VERB", "AUX")
                and not any(g.dep_ in _SUBJ_DEPS for g in c.children)
            ):
                if c.dep_ == "prep" and c.lower_ in ("of",) and tok.i == verb.i:
                    continue
                if c.dep_ == "conj":
                    continue
                out.append(c)
                walk(c, depth + 1)

    walk(verb, 0)
    return out


_SKIP_ARG_LEMMAS = frozenset("% percent any some all this that it one".split())


def _key_parts(verb: Token, chain: list[Token]) -> tuple[str, list[str], list[str]]:
    """(head lemma, argument lemmas, chain words incl. prepositions) of a predicate."""
    head = verb.lemma_.lower()
    args: list[str] = []
    words = [head]
    if head == "be" or verb.pos_ in ("ADJ", "NOUN"):
        comp = next((c for c in chain if c.dep_ in ("acomp", "attr", "oprd")), None)
        if verb.pos_ in ("ADJ", "NOUN"):
            comp = verb
        if comp is not None:
            head = _phrase_lemma(comp)
            words = ["be", head]
            chain = [c for c in chain if c is not comp]
    for c in chain:
        if c.dep_ == "prep" or c.pos_ == "ADP":
            words.append(c.lower_)
            continue
        if c.pos_ in ("NUM",) or c.lower_ in _SKIP_ARG_LEMMAS or c.pos_ == "PRON":
            continue
        lemma = _phrase_lemma(c)
        words.append(lemma)
        if c.dep_ != "prt":
            args.append(lemma.replace(" ", "_"))
        else:
            head = f"{head}_{lemma}"
    return head, args, words


def _predicate(verb: Token) -> tuple[str, float] | None:
    """(predicate key, extra hedge) of a clause, or None for an empty predicate."""
    chain = _chain(verb)
    head, args, words = _key_parts(verb, chain)
    text = " ".join(words)
    text = re.sub(r"\b(his|her|their|its|the)\b ", "", text)
    for family, pattern in _FAMILIES:
        if pattern.match(text):
            hedge = max((h for v, h in _HEDGE_VERBS.items() if text.startswith(v)), default=0.0)
            return family, hedge
    if head in _EMPTY_PREDICATES and not args:
        return None
    if head in _REPORTING and any(c.dep_ == "ccomp" for c in verb.children):
        return None
    if head in ("comment", "say", "speak"):
        return None
    return " ".join([head, *args]), _HEDGE_VERBS.get(head, 0.0)


# --- polarity and hedging ---------------------------------------------------------------


def _verb_negations(verb: Token) -> list[Token]:
    """Negation words on the clause head and its auxiliaries."""
    negs = [c for c in verb.children if c.dep_ == "neg" or c.lower_ in ("never", "no longer")]
    negs += [c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "never"
             and c not in negs]
    return negs


def _object_negation(verb: Token) -> list[Token]:
    """"found nothing", "saw no one", "found not one mistake" deny the verb."""
    cues: list[Token] = []
    for c in verb.children:
        if c.dep_ not in ("dobj", "attr", "pobj"):
            continue
        if c.lower_ in _NEG_PRONOUNS or (c.lower_ == "one" and _has_neg(c)):
            cues.append(c)
            continue
        for d in c.children:
            if d.lower_ in _NEG_DETS or (d.lower_ == "one" and _has_neg(d)):
                cues.append(d)
    return cues


def _governor_negation(verb: Token) -> list[Token]:
    """"refused to return", "declined to ...", "denied that", "unwilling to"."""
    cues: list[Token] = []
    node = verb
    while node.dep_ in ("xcomp", "ccomp") and node.head is not node:
        parent = node.head
        if parent.lemma_ in _NEG_VERBS or parent.lower_ in _NEG_ADJ:
            cues.append(parent)
        node = parent
    for c in verb.children:
        if c.dep_ == "acomp" and c.lower_ in _NEG_ADJ:
            cues.append(c)
    return cues


def _hedge(verb: Token, sent: Span | Doc) -> tuple[float, list[Token]]:
    """How tentatively the clause is put, and the words that say so."""
    best, cues = 0.0, []
    nodes = [verb]
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head is not node:
        node = node.head
        nodes.append(node)
    for n in nodes:
        for c in n.children:
            h = 0.0
            if c.dep_ == "aux" and c.lower_ in _MODAL_HEDGE:
                h = _MODAL_HEDGE[c.lower_]
            elif c.dep_ == "advmod" and c.lower_ in _ADV_HEDGE:
                h = _ADV_HEDGE[c.lower_]
            elif c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children
            ):
                h = 0.5
            if h > best:
                best, cues = h, [c]
    h, cue = _governor_hedge(node)
    if h > best:
        best, cues = h, cue
    m = _PERCENT_RE.search(" ".join(t.text for t in verb.subtree if t.head.i == verb.i))
    if m and verb.lemma_ in ("decide", "be", "plan", "intend"):
        h = max(0.0, 1.0 - int(m.group(1)) / 100)
        if h > best or not cues:
            best = max(best, h)
    return round(best, 2), cues


def _governor_hedge(node: Token) -> tuple[float, list[Token]]:
    """Attribution that weakens: "suggested that", "reports that", "is said to"."""
    while node.head is not node:
        parent = node.head
        if node.dep_ == "ccomp" and parent.lemma_ in _WEAK_REPORTING:
            return _WEAK_REPORTING[parent.lemma_], [parent]
        if node.dep_ in ("acl", "ccomp") and parent.lemma_.lower() in _HEDGE_NOUNS:
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
    toks = [verb, *extra]
    toks += [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    toks += [c for c in _chain(verb)[:4]]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    base = sent.start_char if hasattr(sent, "start_char") else 0
    start = sent.doc[lo].idx - base
    end = sent.doc[hi].idx + len(sent.doc[hi].text) - base
    return sent.doc.text[start + base : end + base], start, end


def _clause_stance(verb: Token, sent: Span | Doc) -> Stance | None:
    if not _asserted(verb, sent):
        return None
    pred = _predicate(verb)
    if pred is None:
        return None
    predicate, family_hedge = pred
    subj = _clause_subject(verb)
    if subj is None:
        return None
    negs = _verb_negations(verb) + _governor_negation(verb) + _object_negation(verb)
    polarity = -1 if len(negs) % 2 else 1
    if subj.negated:
        polarity = -polarity
    scope = subj.scope
    if subj.flip:  # "not all soldiers did X" = some did not
        polarity, scope = -polarity, "some"
    hedge, hedge_cues = _hedge(verb, sent)
    hedge = max(hedge, family_hedge)
    cue, start, end = _cue(sent, verb, negs + hedge_cues)
    return Stance(
        predicate=predicate,
        polarity=polarity,
        subject=subj.render(),
        scope=scope,
        hedge=round(hedge, 2),
        cue=cue,
        start=start,
        end=end,
    )


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
        stance = _clause_stance(verb, sent)
        if stance is None:
            continue
        key = (stance.predicate, stance.polarity, stance.subject)
        if key not in found or stance.hedge < found[key].hedge:
            found[key] = stance
    return tuple(sorted(found.values(), key=lambda s: (s.start, s.predicate)))


__all__ = ["ANTONYMS", "Subject", "extract_stances", "parse_subject"]
