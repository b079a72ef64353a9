"""Named entities in a claim, under one canonical name however a source spells them.

Sources transliterate names differently (Ri / Lee / Yi / Rhee; Zelensky / Zelenskyy /
Zelenskiy), hyphenate Korean given names or not (Yoon Suk Yeol / Yoon Suk-yeol), and
refer to one body by acronym, full name or description (NIS / National Intelligence
Service / South Korea's spy agency). Rules compare *who* a claim is about, so every
spelling must meet at one key, while two people who share only a surname (the soldier
Lee, the reporter Lee Hyo-jin) must stay apart.

``canonical_name`` works on one name with fixed tables; ``AliasResolver`` learns from
a whole collection which bare surnames stand for a unique full name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Titles and roles that precede a name; stripped because sources differ in using them.
# fmt: off
_TITLES = (
    "president", "vice president", "prime minister", "foreign minister", "defense minister",
    "defence minister", "minister", "rep.", "rep", "representative", "lawmaker", "sen.",
    "senator", "spokesperson", "spokesman", "spokeswoman", "ambassador", "gen.", "general",
    "lt.", "col.", "dr.", "mr.", "mrs.", "ms.", "gov.", "governor", "secretary", "chancellor",
    "leader", "chairman", "chief", "head", "researcher", "journalist", "reporter",
    "north korean leader", "russian president", "ukrainian president", "u.s. president",
)
# fmt: on
# A title anywhere before the name: "Foreign Ministry spokesperson Lee Jae-woong".
_TITLE_RE = re.compile(
    r"^(?:.*?\b)?(?:"
    + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True))
    + r")\s+(?=[A-Z])",
    re.IGNORECASE,
)

# One organisation, many names. Keys are lower-case, apostrophes unified.
_ORG_ALIASES: dict[str, str] = {
    "nis": "NIS",
    "national intelligence service": "NIS",
    "south korea's national intelligence service": "NIS",
    "south korea's intelligence agency": "NIS",
    "south korea's spy agency": "NIS",
    "seoul's spy agency": "NIS",
    "the national intelligence service": "NIS",
    "hur": "HUR",
    "gur": "HUR",
    "ukraine's intelligence directorate": "HUR",
    "defense intelligence of ukraine": "HUR",
    "defence intelligence of ukraine": "HUR",
    "ukraine's military intelligence": "HUR",
    "dprk": "North Korea",
    "n. korea": "North Korea",
    "nk": "North Korea",
    "rok": "South Korea",
    "s. korea": "South Korea",
    "republic of korea": "South Korea",
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "the united states": "United States",
    "united states": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "jcs": "Joint Chiefs of Staff",
    "south korean joint chiefs of staff": "Joint Chiefs of Staff",
    "kiev": "Kyiv",
    "kharkov": "Kharkiv",
    "ppp": "People Power Party",
}

# Korean surnames are romanised several ways; only the surname slot is rewritten.
# fmt: off
_KOREAN_SURNAMES: dict[str, str] = {
    "ri": "Lee", "yi": "Lee", "rhee": "Lee", "rhie": "Lee", "lee": "Lee",
    "pak": "Park", "bak": "Park", "park": "Park",
    "gim": "Kim", "kim": "Kim",
    "choe": "Choi", "choi": "Choi",
    "paek": "Baek", "paik": "Baek", "baek": "Baek", "baik": "Baek",
    "roh": "Noh", "no": "Noh", "noh": "Noh",
    "yun": "Yoon", "yoon": "Yoon",
    "ryu": "Yoo", "yu": "Yoo", "yoo": "Yoo",
}
# fmt: on

# Words that follow a name in a possessive or a role, never part of the name itself.
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_HYPHEN_GIVEN_RE = re.compile(r"\b([A-Z][a-z]+)-([a-z]+)\b")
_AGE_RE = re.compile(r"\s*(?:\((\d{1,3})\)|,\s*(\d{1,3}))\s*$")
_BYLINE_RE = re.compile(r"^\s*by\s+", re.IGNORECASE)

# Entity labels worth comparing: people, organisations, places, groups.
_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def _unify(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()


def _slavic_key(word: str) -> str | None:
    """Zelensky / Zelenskyy / Zelenskiy / Zelenskii share one spelling: ``-skyy``."""
    m = re.match(r"^([A-Z][a-z]+?)(sk|tsk|zk)(yy|iy|ii|y|i|yi)$", word)
    if not m:
        return None
    return f"{m.group(1)}{m.group(2)}yy"


def _romanise(tokens: list[str]) -> list[str]:
    """Rewrite the surname slot of a Korean-looking name and Slavic -sky endings."""
    out = list(tokens)
    if out and len(out) <= 3 and out[0].lower() in _KOREAN_SURNAMES:
        # A two- or three-part name whose first part is a Korean surname, or a bare one.
        if len(out) == 1 or all(t[:1].isupper() for t in out):
            out[0] = _KOREAN_SURNAMES[out[0].lower()]
    return [_slavic_key(t) or t for t in out]


def canonical_name(name: str) -> str:
    """The canonical spelling of one name: titles and possessives stripped, aliases met.

    "President Volodymyr Zelensky" -> "Volodymyr Zelenskyy"; "Ri" -> "Lee";
    "Yoon Suk-yeol" -> "Yoon Suk Yeol"; "South Korea's spy agency" -> "NIS". A name the
    tables do not know comes back tidied but otherwise as written.
    """
    # "-LRB- born 1941 -RRB-": bracket tokens of tokenised corpora are not names.
    text = _unify(_BYLINE_RE.sub("", re.sub(r"-[LR]RB-", " ", name)))
    text = _AGE_RE.sub("", text)
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    lowered = text.lower()
    for key in (lowered, "the " + lowered):
        if key in _ORG_ALIASES:
            return _ORG_ALIASES[key]
    text = _TITLE_RE.sub("", text)
    text = _POSSESSIVE_RE.sub("", text) if not text.lower().endswith("'s agency") else text
    if text.lower() in _ORG_ALIASES:
        return _ORG_ALIASES[text.lower()]
    text = _HYPHEN_GIVEN_RE.sub(lambda m: f"{m.group(1)} {m.group(2).capitalize()}", text)
    tokens = [t for t in text.split(" ") if t]
    return " ".join(_romanise(tokens))


def _mention_text(ent: Span) -> str:
    """An entity's text without a leading determiner the NER sometimes includes."""
    words = [t for t in ent if t.dep_ != "det" and t.tag_ != "POS" and t.text not in "’'"]
    if not words:
        return ""
    doc = ent.doc
    return doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]


def extract_entities(sent: Span | Doc) -> tuple[str, ...]:
    """Canonical names of the people, organisations and places a claim mentions.

    Uses the NER spans and also bare proper nouns the NER missed or mislabelled (a
    surname like "Ri" is often tagged as a place), in order of first mention, each once.
    """
    names = (canonical_name(text) for text, _, _ in _name_spans(sent))
    return tuple(dict.fromkeys(n for n in names if n))


def _name_spans(sent: Span | Doc) -> list[tuple[str, int, int]]:
    """(text, start, end) of entity spans and of proper nouns the NER missed."""
    spans: list[tuple[str, int, int]] = []
    covered: set[int] = set()
    for ent in sent.ents:
        covered.update(range(ent.start, ent.end))
        text = _mention_text(ent) if ent.label_ in _LABELS else ""
        if text:
            spans.append((text, ent.start_char, ent.end_char))
    for tok in sent:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.dep_ == "compound" or len(tok.text) < 2:
            continue
        spans.append((tok.text, tok.idx, tok.idx + len(tok.text)))
    return sorted(spans, key=lambda s: s[1])


def extract_mentions(sent: Span | Doc) -> tuple[str, ...]:
    """People's names as written, with the context ``AliasResolver.fit`` uses.

    A name followed by an age ("Lee (26)", "Ri, 26,") keeps it; a byline ("By Lee
    Hyo-jin") keeps its "By". Feed these, from every document, to the resolver.
    """
    out: list[str] = []
    for text, start, end in _name_spans(sent):
        doc = sent.doc
        after = doc.text[end : end + 8]
        age = re.match(r"\s*(?:\((\d{1,3})\b|,\s*(\d{1,3})\b)", after)
        if age:
            text = f"{text} ({age.group(1) or age.group(2)})"
        if re.search(r"(?:^|\n)\s*By\s+$", doc.text[max(0, start - 6) : start]):
            text = f"By {text}"
        out.append(text)
    return tuple(out)


class AliasResolver:
    """Learns, from every mention in a collection, which spellings name one entity.

    Estimator-style: ``__init__`` only stores parameters; ``fit(mentions)`` learns
    ``aliases_`` (raw or canonical spelling -> canonical name); ``resolve`` applies it.

    Mentions are names as written, optionally with what the text says beside them:
    an age ("Lee (26)", "Ri, 26") or a byline ("By Lee Hyo-jin"). A bare surname is
    merged into a full name only when exactly one full name in the collection carries
    that surname and nothing tells them apart: an age given with the bare surname but
    not the full name, or a byline on the full name (a reporter is not the subject of
    her own story), keeps them apart. That is why the soldier Lee stays "Lee".
    """

    def __init__(self, merge_surnames: bool = True) -> None:
        self.merge_surnames = merge_surnames

    def fit(self, mentions: Iterable[str]) -> AliasResolver:
        canon_of: dict[str, str] = {}
        ages: dict[str, set[str]] = defaultdict(set)
        bylines: set[str] = set()
        counts: Counter[str] = Counter()
        for raw in mentions:
            canon = canonical_name(raw)
            if not canon:
                continue
            canon_of[_unify(raw)] = canon
            counts[canon] += 1
            age = _AGE_RE.search(_unify(raw))
            if age:
                ages[canon].add(age.group(1) or age.group(2))
            if _BYLINE_RE.match(raw):
                bylines.add(canon)
        merged = self._merge_surnames(counts, ages, bylines) if self.merge_surnames else {}
        aliases = {raw: merged.get(c, c) for raw, c in canon_of.items()}
        aliases.update({c: merged.get(c, c) for c in counts})
        self.aliases_: dict[str, str] = dict(sorted(aliases.items()))
        return self

    @staticmethod
    def _merge_surnames(
        counts: Counter[str], ages: dict[str, set[str]], bylines: set[str]
    ) -> dict[str, str]:
        """Bare surname -> the one full name with that surname, when nothing divides them."""
        full_by_surname: dict[str, list[str]] = defaultdict(list)
        for name in counts:
            parts = name.split(" ")
            if len(parts) < 2:
                continue
            for surname in {parts[0], parts[-1]}:
                full_by_surname[surname].append(name)
        merged: dict[str, str] = {}
        for name in counts:
            if " " in name or len(full_by_surname.get(name, [])) != 1:
                continue
            full = full_by_surname[name][0]
            if full in bylines:
                continue
            if ages.get(name) and ages.get(name) != ages.get(full):
                continue
            merged[name] = full
        return merged

    def resolve(self, name: str) -> str:
        """The canonical name for ``name``; unseen names fall back to ``canonical_name``."""
        aliases: dict[str, str] = getattr(self, "aliases_", {})
        key = _unify(name)
        if key in aliases:
            return aliases[key]
        canon = canonical_name(name)
        return aliases.get(canon, canon)


__all__ = ["AliasResolver", "canonical_name", "extract_entities", "extract_mentions"]
