"""Plain values passed between the pipeline's stages.

Every stage takes values of these types and returns new ones; nothing here is mutated
after it is built. Tuples rather than lists keep them hashable and frozen.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Document:
    """One input document, its body text and what its front matter says about it.

    ``lines[i]`` is the line number (1-based) in the source file of line ``i`` of
    ``text``, so that every sentence can be traced back to ``path:line`` even when front
    matter was stripped or HTML markup removed.
    """

    id: str
    path: str
    text: str
    lines: tuple[int, ...]
    title: str | None = None
    source: str | None = None
    published: str | None = None
    published_approx: bool = False
    url: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    def line_of(self, offset: int) -> int:
        """The source-file line of the character at ``offset`` in ``text``."""
        index = self.text.count("\n", 0, max(0, min(offset, len(self.text))))
        if not self.lines:
            return index + 1
        return self.lines[min(index, len(self.lines) - 1)]


@dataclass(frozen=True, slots=True)
class InputError:
    """A file (or record) that could not be used; the run goes on without it."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into ``Document.text`` and the source line."""

    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A checkable statement: a sentence, or one clause of a sentence holding two facts.

    ``speaker`` is who the text says holds the claim ("NIS", "Andriy Chernyak"), if
    anyone; ``outlet`` is the publication that printed it. ``context`` is the whole
    sentence the claim was cut from (equal to ``text`` for an undivided sentence).
    """

    id: str
    doc_id: str
    path: str
    text: str
    span: Span
    speaker: str | None
    outlet: str | None
    published: str | None
    published_approx: bool = False
    context: str = ""
    ignores: tuple[str, ...] = ()

    @property
    def party(self) -> str:
        """Who holds the claim: the speaker when the text names one, else the outlet."""
        return self.speaker or self.outlet or self.doc_id


@dataclass(frozen=True, slots=True)
class TimeScope:
    """When a figure or event holds: a closed interval of ISO dates.

    ``kind`` tells how the interval was meant: ``"at"`` (as of / by a date, a snapshot
    of a running total), ``"during"`` (over a period), or ``"event"`` (when something
    happened). ``text`` is the phrase it was read from.
    """

    start: str
    end: str
    kind: str
    text: str
    precision: str = "day"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a claim, as an interval with what it counts.

    ``low``/``high`` bound the value the text commits to (``math.inf`` for an open
    bound): "about 300" is roughly [250, 350], "over 3,000" is (3000, inf).
    ``measure`` is the property or event measured (``killed``, ``injured``,
    ``killed_or_injured``, ``deployed``, ``remaining``, ``age``, ``area``, ...),
    ``entity`` the thing counted (``soldiers``) and ``owner`` whose (``north korean``).
    ``unit`` is canonical (``km2``, ``km``, ``%``, ``usd``) or ``None`` for a count.
    ``components`` holds the measures that were summed into this quantity, when it was
    derived from parts ("300 killed and 2,700 injured" gives killed_or_injured 3,000).
    """

    value: float
    low: float
    high: float
    text: str
    start: int
    end: int
    unit: str | None = None
    measure: str | None = None
    entity: str | None = None
    owner: str | None = None
    approx: str | None = None
    scope: TimeScope | None = None
    holder: str | None = None
    components: tuple[tuple[str, float], ...] = ()
    derived: bool = False
    # The measure phrase read from the sentence ("nurses laid off", "ticket prices"):
    # NUM001 embeds it to tell whether two figures measure the same thing.
    phrase: str | None = None
    # "up" / "down" for a change ("rose 8%", "cut by $2m"); None for a level.
    direction: str | None = None
    # "a total of", "budget": a whole that listed parts may be summed against.
    total: bool = False


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or relative time expression resolved against the document date."""

    text: str
    start: int
    end: int
    first: str
    last: str
    precision: str
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Stance:
    """What a claim asserts or denies about whom.

    ``predicate`` is a normalised event or state ("intend_defect", "request_asylum");
    ``polarity`` is +1 (asserted) or -1 (denied); ``hedge`` is 0 for a plain assertion
    and up to 1 for heavy hedging ("considering", "may", "80% decided");
    ``scope`` is ``"group"`` (all of them), ``"individual"`` or ``"some"``.
    """

    predicate: str
    polarity: int
    subject: str
    scope: str
    hedge: float
    cue: str
    start: int = 0
    end: int = 0
    # The clause without its negation, attribution, hedges and times, in plain words
    # ("recall notice send dealers"): what two wordings of one claim share, compared by
    # embedding. ``patient``: the head of what the act is done to ("merger").
    proposition: str = ""
    patient: str = ""
    # The proposition without its subject ("send recall notice dealers").
    action: str = ""
    # Who, what, where of the clause as ``role=value`` pairs joined by ";" ("subj=Smith;
    # obj=the race", "in=the kitchen"), in the claim's own words; times left out.
    slots: str = ""


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """Everything the rules may know about one claim, computed once before pairing."""

    claim_id: str
    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    stances: tuple[Stance, ...] = ()
    events: tuple[tuple[str, DateMention], ...] = ()
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about one topic; candidate pairs are formed only inside a group."""

    id: int
    label: str
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pair:
    """Two claims from different parties that may disagree (``left.id < right.id``)."""

    left: Claim
    right: Claim
    group_id: int
    similarity: float


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim as a finding quotes it."""

    path: str
    line: int
    text: str
    speaker: str | None
    outlet: str | None
    date: str | None
    date_approx: bool = False
    entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """Two (or more) claims that cannot all be true, and why."""

    id: str
    rule: str
    kind: str
    severity: str
    confidence: float
    topic: str
    summary: str
    explanation: str
    claims: tuple[ClaimRef, ...]
    baseline: str | None = None
    # Why the finding has its severity (``consist.severity``), one short sentence.
    severity_reason: str = ""


@dataclass(frozen=True, slots=True)
class QuantityReport:
    """One party's figure for a measured quantity, for the "who said what" tables."""

    party: str
    outlet: str | None
    date: str | None
    value: str
    path: str
    line: int
    # The figure as a number and what it measures in words, for charts; None when the
    # table was read from a report that predates them.
    number: float | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class QuantityTable:
    """Every report of one measured quantity, when more than one party gave it."""

    measure: str
    rows: tuple[QuantityReport, ...]


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    path: str
    title: str | None
    source: str | None
    published: str | None
    claims: int
    published_approx: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """What ``consist.check`` returns; serialises to the ``consist/1`` JSON schema."""

    documents: tuple[DocumentSummary, ...]
    findings: tuple[Finding, ...]
    errors: tuple[InputError, ...] = ()
    warnings: tuple[str, ...] = ()
    tables: tuple[QuantityTable, ...] = ()
    fixed: tuple[dict[str, str], ...] = ()
    meta: dict[str, str] = field(default_factory=dict)
