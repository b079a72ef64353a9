"""Documents -> claims: split text into sentences (and clauses), attach who says them.

Sentences keep their character span and source line so every finding can point at
``path:line``. A claim's speaker is read from the text ("the NIS estimates",
"Chernyak said", "according to lawmakers"); pronouns and "the agency" fall back to the
last speaker named in the same document. The outlet and date come from the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from consist.extract.entities import canonical_name
from consist.types import Claim, Document, Span

# Tokens after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen lt col capt sgt st jr sr inc co corp ltd vs etc al
    jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx est dept univ gov't
    u.s u.k u.n e.g i.e a.m p.m""".split()
)
_SENTENCE_END = re.compile(r"""[.!?]+["”’')\]]*\s+(?=["“‘'(\[]?[A-Z0-9])""")
_DIRECTIVE = re.compile(r"<!--\s*consist:\s*ignore\s+([A-Za-z0-9_,\s]+?)(?:\s+[^>]*)?-->")
_DIRECTIVE_ONLY = re.compile(r"^\s*<!--.*?-->\s*$")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)[ \t]*\n\s*(?=[^\W\d_])")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|>\s|\d+[.)]\s|\|)")
_MIN_WORDS = 4

_SPEECH_VERBS = (
    "said|says|say|stated|states|told|tells|noted|notes|added|adds|explained|explains|"
    "estimated|estimates|estimate|reported|reports|report|confirmed|confirms|emphasized|"
    "emphasised|emphasizes|remarked|warned|warns|mentioned|indicated|indicates|assessed|"
    "believes|believe|suggested|suggests|conveyed|highlighted|thinks|claimed|claims|"
    "announced|announces|insisted|argued|acknowledged|denied|denies|wrote|posted|stressed|"
    "revealed|pointed out|admitted|asserted|testified|concluded|recalled|disclosed|"
    "attributed|attributes|predicted|observed|cautioned|urged"
)
_SPEAKER_FIRST = re.compile(
    rf"^(?P<who>[^.;:“”\"]{{2,120}}?)\s+(?:also\s+|has\s+|had\s+|have\s+|later\s+|further\s+)?"
    rf"(?:{_SPEECH_VERBS})\b"
)
_SPEAKER_LAST = re.compile(
    rf"[,”\"]\s*(?P<who>[^,”\"]{{2,80}}?)\s+(?:{_SPEECH_VERBS})(?:\s+\w+)?\s*[.!]?\s*$"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<who>[^,.;]{2,80})")
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:Earlier|Later|Meanwhile|However|Separately|Instead|Also|In addition|"
    r"In a [^,]{0,60}|On [^,]{0,40}|During [^,]{0,120}|Regarding [^,]{0,120}|"
    r"As of [^,]{0,40}|By [^,]{0,30}|After [^,]{0,60}|In response|Since [^,]{0,60}|"
    r"According to [^,]{0,80}|Just [^,]{0,40}),\s*)+"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
_ANAPHORS = re.compile(
    r"^(?:the|this|that)\s+(?:agency|official|officials|spokesperson|spokesman|"
    r"spokeswoman|ministry|minister|service|lawmaker|researcher|analyst|source|ambassador)$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    text: str


def split_claims(
    document: Document, max_claims: int | None = None, *, min_words: int = _MIN_WORDS
) -> tuple[Claim, ...]:
    """All claims of one document, in text order, each with span, line and speaker.

    Sentences shorter than ``min_words`` (bylines, "0 Comments") carry no checkable
    claim in a document; ``compare`` passes 1, since there the texts are claims.
    """
    claims: list[Claim] = []
    last_speaker: str | None = None
    known: list[str] = []
    ignores = _directive_lines(document)
    for sentence in _sentences(document.text):
        if len(sentence.text.split()) < min_words:
            continue
        speaker, last_speaker = _attribute(sentence.text, last_speaker)
        speaker = _full_name(speaker, known)
        last_speaker = _full_name(last_speaker, known)
        if speaker:
            known.append(speaker)
        for part in _clauses(sentence):
            line = document.line_of(part.start)
            claims.append(
                Claim(
                    id=f"{document.id}@{part.start:07d}",
                    doc_id=document.id,
                    path=document.path,
                    text=part.text,
                    span=Span(part.start, part.end, line),
                    speaker=speaker,
                    outlet=document.source,
                    published=document.published,
                    published_approx=document.published_approx,
                    context=sentence.text,
                    ignores=_ignores_for(ignores, document, part.start),
                )
            )
        if max_claims is not None and len(claims) >= max_claims:
            return tuple(claims[:max_claims])
    return tuple(claims)


def _full_name(name: str | None, known: Sequence[str]) -> str | None:
    """'Chernyak' -> 'Andriy Chernyak' when the document named him in full before.

    Korean names put the surname first ('Lim Eul Chul' -> 'Lim'), so both ends count.
    """
    if not name or " " in name:
        return name
    for full in reversed(known):
        parts = full.split()
        if len(parts) > 1 and name in (parts[0], parts[-1]):
            return full
    return name


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs: blank-line blocks, with line breaks read as spaces.

    Sentence assembly must not depend on where a writer (or an editor's re-wrap) broke
    the lines, so a line break inside a block joins the lines, except before a Markdown
    block (list item, heading, quote, table row) and after a line that stands alone: a
    headline, byline or caption tail, i.e. a short run of words after the line's last
    sentence end, with no closing punctuation, that does not fill the block's width and
    is followed by a capitalised line.
    """
    for block_start, block_end in _blocks(text):
        lines = _line_spans(text, block_start, block_end)
        body = [(s, e) for s, e in lines if not _DIRECTIVE_ONLY.match(text[s:e])]
        if not body:
            continue
        width = max(e - s for s, e in body)
        start = body[0][0]
        for (s, e), (ns, ne) in zip(body, body[1:], strict=False):
            if _BLOCK_START.match(text[ns:ne]) or _stands_alone(text[s:e], text[ns:ne], width):
                yield start, e
                start = ns
        yield start, body[-1][1]


_CLOSED = re.compile(r"""[.!?:;]["”’')\]]*$""")
_CONTINUES = re.compile(
    r"""(?:[,(\[“"‘—–-]|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that|as|than|its|their|his|her|\d[\d,.]*))$""",
    re.I,
)
_STARTS_SENTENCE = re.compile(r"""^["“‘']?[A-Z]""")
#: Most words a standalone line (headline, byline, caption tail) is taken to have.
_STANDALONE_WORDS = 8


def _stands_alone(line: str, following: str, width: int) -> bool:
    """Whether a line break after ``line`` ends a paragraph rather than wrapping it."""
    if _CLOSED.search(line) or not _STARTS_SENTENCE.match(following):
        return False
    if _CONTINUES.search(line):
        return False
    if len(line) + 1 + len(following.split(None, 1)[0]) > width:
        return False  # the next word would not have fitted: the line was wrapped
    tail = line
    for match in _SENTENCE_END.finditer(line):
        if not _is_abbreviation(line, 0, match.start()):
            tail = line[match.end() :]
    return len(tail.split()) <= _STANDALONE_WORDS


def logical_lines(text: str) -> list[str]:
    """The text's paragraphs as ``_paragraphs`` assembles them, whitespace collapsed:
    what a line-based reader should iterate over so that re-wrapping changes nothing."""
    return [" ".join(text[s:e].split()) for s, e in _paragraphs(text)]


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"\n[ \t]*\n", text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            left = position + (len(line) - len(line.lstrip()))
            spans.append((left, left + len(stripped)))
        position += len(line) + 1
    return spans


def _sentences(text: str) -> Iterator[_Sentence]:
    for start, end in _paragraphs(text):
        cut = start
        for match in _SENTENCE_END.finditer(text, start, end):
            if _is_abbreviation(text, cut, match.start()):
                continue
            yield _make_sentence(text, cut, match.end())
            cut = match.end()
        if cut < end:
            yield _make_sentence(text, cut, end)


def _make_sentence(text: str, start: int, end: int) -> _Sentence:
    raw = text[start:end]
    left = start + (len(raw) - len(raw.lstrip()))
    right = start + len(raw.rstrip())
    # A line broken after a hyphen ("Tae-\nyul") was wrapped there, not spaced.
    joined = _HYPHEN_BREAK.sub("", text[left:right])
    return _Sentence(left, right, " ".join(joined.split()))


def _is_abbreviation(text: str, start: int, period: int) -> bool:
    """Whether the period at ``period`` belongs to an abbreviation, not a sentence end."""
    if text[period] != ".":
        return False
    word = text[start:period].rsplit(None, 1)[-1] if text[start:period].strip() else ""
    word = word.lstrip("(\"“'").lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


def _clauses(sentence: _Sentence) -> Iterator[_Sentence]:
    """Split a sentence at semicolons when each side is a checkable statement."""
    parts = [p for p in re.finditer(r"[^;]+", sentence.text)]
    if len(parts) < 2 or any(len(p.group().split()) < _MIN_WORDS for p in parts):
        yield sentence
        return
    # The sentence text has collapsed whitespace; map back only approximately by ratio
    # is wrong, so clauses keep the sentence's own span start plus the clause offset.
    for part in parts:
        piece = part.group().strip()
        offset = sentence.text.index(piece, part.start())
        yield _Sentence(sentence.start + offset, sentence.start + offset + len(piece), piece)


def _attribute(text: str, last: str | None) -> tuple[str | None, str | None]:
    """(speaker of this sentence, speaker to remember for later pronouns)."""
    raw = _raw_speaker(text)
    if raw is None:
        return None, last
    words = raw.strip().lower()
    if words in _PRONOUNS or _ANAPHORS.match(words):
        return last, last
    name = _clean_speaker(raw)
    if not name:
        return None, last
    return name, name


def _raw_speaker(text: str) -> str | None:
    text = _DATELINE.sub("", text)
    according = _ACCORDING.search(text)
    body = _LEADING_ADVERBIAL.sub("", text)
    first = _SPEAKER_FIRST.match(body)
    last = _SPEAKER_LAST.search(text)
    if first and last and "," in first.group("who") and _plausible(last.group("who")):
        return last.group("who")  # "The minister resigned, the inspector said."
    if first and _plausible(first.group("who")):
        inner = _ACCORDING.search(first.group("who"))
        return first.group("who") if not inner else _strip_according(first.group("who"))
    if last and _plausible(last.group("who")):
        return last.group("who")
    if according and _plausible(according.group("who")):
        return according.group("who")
    return None


def _strip_according(who: str) -> str:
    return re.sub(r"^.*?\b[Aa]ccording to [^,]*,\s*", "", who)


_NOT_IN_SPEAKER = re.compile(
    r"\b(?:that|which|when|whether|if|because|while|to|is|are|was|were|be|been|being|"
    r"will|would|could|can|may|might|should|must|follow|follows|seen)\b",
    re.I,
)
_DETERMINERS = frozenset(
    "the a an another one some this that these those its his her their our any each".split()
)
_GROUP_NOUNS = re.compile(
    r"\b(?:official|officials|lawmakers|sources?|analysts|observers|experts|researchers|"
    r"government|ministry|agency|military|army|police|authorities|spokesperson|spokesman|"
    r"spokeswoman|media|intelligence)\b"
)
_FUNCTION_WORDS = frozenset("of for to the and in on at 's ’s".split())
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^—–(]{1,40})?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s*")


def _plausible(who: str) -> bool:
    """A speaker is a short noun phrase: a name, an organisation, a pronoun."""
    who = who.strip()
    words = who.split()
    if not words or len(words) > 14 or who.lower() in {"it", "this", "that"}:
        return False
    if who.lower() in _PRONOUNS or _ANAPHORS.match(who):
        return True
    chunk = _speaker_chunk(who)
    if chunk is None or _NOT_IN_SPEAKER.search(chunk):
        return False
    return True


def _speaker_chunk(who: str) -> str | None:
    """The comma-separated part of ``who`` that names the speaker, if any does.

    "While the soldiers struggled, Chernyak" -> "Chernyak"; "Andriy Chernyak,
    spokesperson for ..." -> "Andriy Chernyak"; "Another captured soldier, Baek (21)"
    -> "Baek (21)"; "The worst-case scenario, analysts" -> "analysts".
    """
    for chunk in (c.strip() for c in who.split(",")):
        words = chunk.split()
        if not words:
            continue
        if _name_like(words) or _GROUP_NOUNS.search(chunk) or _role_phrase(words):
            if _SUBORDINATE.match(chunk):
                continue
            return chunk
        titled = _titled_name(words)
        if titled and not _SUBORDINATE.match(chunk):
            return titled
    return None


def _titled_name(words: list[str]) -> str | None:
    """The name after a role word: "Castelo United chairman Ivo Brandt" -> "Ivo Brandt"."""
    if len(words) > 7 or _NOT_IN_SPEAKER.search(" ".join(words)):
        return None
    tail: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper():
            break
        tail.insert(0, w)
    role = words[len(words) - len(tail) - 1] if len(tail) < len(words) else ""
    if tail and role.isalpha() and role.islower() and role not in _FUNCTION_WORDS:
        return " ".join(tail)
    return None


_ROLE_DETERMINERS = frozenset("the a an its his her their our".split())


def _role_phrase(words: list[str]) -> bool:
    """A short definite noun phrase naming a party by its role: "the mayor", "the
    council", "the state auditor's office", "a spokeswoman for the union"."""
    if not 2 <= len(words) <= 6 or words[0].lower() not in _ROLE_DETERMINERS:
        return False
    if any(not re.fullmatch(r"[A-Za-z][\w'’.-]*", w) for w in words):
        return False
    if words[-1].lower().endswith("ed") or words[-1][:1].isupper() and len(words) > 2:
        return False  # "the minister resigned", "the plan on Friday": not a party

    return not _NOT_IN_SPEAKER.search(" ".join(words))


def _name_like(words: list[str]) -> bool:
    """Every content word capitalised ("Andriy Chernyak", "Joint Chiefs of Staff")."""
    content = [w for w in words if w.lower() not in _FUNCTION_WORDS and not w.startswith("(")]
    if not content or content[0].lower() in _DETERMINERS:
        content = content[1:]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


_SUBORDINATE = re.compile(
    r"^(?:While|Despite|Although|Though|As|After|Before|When|Because|If|Since|Unlike|"
    r"With|Given|Once|Until|Whereas)\b"
)
_TITLE_OF_PLACE = re.compile(
    r"\b(?:to|of|for|in)\s+(?:the\s+)?(?:South Korea|North Korea|United States|U\.S\.|"
    r"United Nations|[A-Z][a-z]+)(?:'s|’s)?\s+(?=[A-Z])"
)


def _clean_speaker(raw: str) -> str | None:
    """'Andriy Chernyak, spokesperson for Ukraine's ...' -> 'Andriy Chernyak'."""
    who = _strip_according(raw.strip())
    if who.lower() in _PRONOUNS:
        return None
    chunk = _speaker_chunk(who)
    if chunk is None:
        return None
    acronym = re.search(r"\(([A-Z]{2,6})\)", chunk)
    if acronym:
        return canonical_name(acronym.group(1))
    chunk = re.sub(r"\s*\([^)]*\)", "", chunk)
    chunk = _TITLE_OF_PLACE.sub("", chunk)
    chunk = re.sub(r"^(?:[Aa]n?|[Tt]he|[Ss]ome)\s+", "", chunk).strip(" ,")
    name = canonical_name(chunk) if chunk else None
    if name and name.split()[0].lower() in ("of", "for", "to", "in", "at"):
        return chunk  # "head of the union": the role is part of the name
    return name


def _directive_lines(document: Document) -> dict[int, tuple[str, ...]]:
    """Text line index -> rule codes of an inline ignore directive on that line."""
    found: dict[int, tuple[str, ...]] = {}
    for index, line in enumerate(document.text.split("\n")):
        match = _DIRECTIVE.search(line)
        if match:
            codes = tuple(c.upper() for c in re.split(r"[,\s]+", match.group(1)) if c)
            found[index] = codes
    return found


def _ignores_for(
    directives: dict[int, tuple[str, ...]], document: Document, offset: int
) -> tuple[str, ...]:
    """Codes ignored for a claim: a directive on the line just before it (or the same)."""
    if not directives:
        return ()
    index = document.text.count("\n", 0, offset)
    codes: list[str] = []
    for candidate in (index - 1, index):
        codes.extend(directives.get(candidate, ()))
    return tuple(codes)


def claims_of(documents: Sequence[Document], max_claims: int | None = None) -> tuple[Claim, ...]:
    """Every claim of every document, in document order."""
    return tuple(c for d in documents for c in split_claims(d, max_claims))
