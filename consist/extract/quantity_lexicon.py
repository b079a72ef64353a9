"""Word lists that say what a number counts: measures, counted nouns, owners, noise.

Separate from the parsing code so that the lists can be read, reviewed and extended
without touching the logic. Every list errs on the side of *not* assigning a measure:
an unknown measure is never compared, a wrong one is a false alarm.
"""

from __future__ import annotations

# Cue word (lower case) -> measure. Several words name one measure, so that
# "fatalities", "dead" and "perished" compare with "killed".
MEASURE_CUES: dict[str, str] = {
    **dict.fromkeys(
        "killed dead died die dies deaths death fatalities fatality perished slain killing"
        " fatally lives toll".split(),
        "killed",
    ),
    **dict.fromkeys("injured wounded hurt injuries injuring wounding".split(), "injured"),
    **dict.fromkeys("casualties casualty".split(), "killed_or_injured"),
    **dict.fromkeys(
        "deployed sent dispatched deploying sending deploy send deployment".split(), "deployed"
    ),
    **dict.fromkeys("remain remaining remains".split(), "remaining"),
    **dict.fromkeys("captured capture prisoners pows captives".split(), "captured"),
    **dict.fromkeys("defected defectors defect defector".split(), "defected"),
    **dict.fromkeys("missing".split(), "missing"),
    **dict.fromkeys("arrested detained".split(), "arrested"),
    **dict.fromkeys("evacuated".split(), "evacuated"),
    **dict.fromkeys("displaced".split(), "displaced"),
    **dict.fromkeys("destroyed".split(), "destroyed"),
    **dict.fromkeys("damaged".split(), "damaged"),
}

# Cue words that are nouns and so can be the head of what is counted ("4,000 fatalities").
NOMINAL_CUES = set(
    "dead deaths fatalities casualties prisoners pows captives defectors injuries lives"
    " wounded injured missing displaced".split()
)

# "killed or seriously injured", "perished or sustained injuries", "dead or wounded":
# a disjunction (or conjunction without a number between) of these two is one category.
COMBINABLE = {"killed", "injured"}

# Measures that are facts about one person: never compared unless the holder matches.
ATTRIBUTE_MEASURES = {"age", "service_years", "respective"}

# Future or hypothetical framing turns "sent" into "expected": a plan is not a count.
FUTURE_CUES = set("expected expects expect planned plans plan will could may might would".split())

# Verbs that report rather than measure: never used as a generic measure.
REPORTING = set(
    "said says reported reports estimated estimates claimed claims noted stated added told"
    " according confirmed announced believed believes showed shows suggested indicated"
    " mentioned cited quoted explained warned argued".split()
)

# Function words that end a noun phrase after a number.
STOP = set(
    "a an the of in on at to for from by with without into onto over under about as and or"
    " but nor so than that which who whom whose this these those is are was were be been being"
    " has have had do does did will would could should may might can must not no it its they"
    " them their he she his her we our you your i me my while when where if then there here"
    " per each every all some any both either neither near after before since during until"
    " between among against across through around up down out off more most less least"
    " another other such only also just still even very too respectively".split()
)

# Plural nouns that do not end in "s" but count things.
IRREGULAR_PLURALS: dict[str, str] = {
    "men": "man", "women": "woman", "people": "person", "children": "child",
    "persons": "person", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "personnel": "soldier", "police": "police officer",
    "servicemen": "soldier", "troops": "soldier", "forces": "soldier", "troop": "soldier",
    "force": "soldier", "soldiers": "soldier", "servicemembers": "soldier",
    "fighters": "soldier", "fighter": "soldier",
}  # fmt: skip

# Nouns that name a group of people an earlier number can refer back to ("of them").
GROUP_NOUNS = set(
    "soldiers troops forces personnel servicemen fighters people civilians children men"
    " women residents workers prisoners pows captives defectors migrants refugees".split()
)

# Demonyms and the like that say whose soldiers, citizens or money a number counts.
DEMONYMS = (
    "north korean", "south korean", "korean", "ukrainian", "russian", "american",
    "chinese", "british", "french", "german", "israeli", "palestinian", "syrian",
    "iranian", "iraqi", "afghan", "japanese", "indian", "pakistani", "turkish", "polish",
    "belarusian", "georgian", "canadian", "mexican", "australian", "italian", "spanish",
)  # fmt: skip

# Words that make the following number a label, not a count ("member 100", "No. 7").
ID_WORDS = set(
    "no number member room flight route page pages chapter section article grade level"
    " version episode season highway platform gate bus line unit block lot pier ward"
    " district class size model channel track exit interstate apartment suite floor"
    " squad batch case item code id image photo slide caption figure table".split()
)

# Words after a number that make it site furniture, not a fact ("0 Comments").
METADATA_WORDS = set("comments comment shares likes views replies photos reactions".split())

# Number words that are pronouns more often than counts.
PRONOUN_CONTEXT_AFTER = {"of", "another", ",", ".", "for", "who", "that", "which", "in"}
PRONOUN_CONTEXT_BEFORE = {"no", "any", "every", "each", "the", "this", "that", "which", "one"}

# Month names and abbreviations: a number right after one is a day, not a count.
MONTHS = set(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

# Participles that do not end in -ed: they end a noun phrase ("two people held in ...").
IRREGULAR_VERBS = set(
    "held shot found taken seen left hit struck kept brought caught told said made given"
    " known thought stuck run won lost".split()
)

# "mother of two": a number after these and "of" describes the person.
KIN_WORDS = set("mother father parent grandmother grandfather grandparent".split())

# Nouns for people: a count of them may be part of a count of "people" or "victims".
PERSON_NOUNS = set(
    "soldier child man woman girl boy teen teenager student officer brother sister son"
    " daughter adult civilian resident worker member relative bystander passenger"
    " patient minor infant baby toddler juvenile suspect gunman employee customer"
    " police officer deputy firefighter nurse doctor teacher fighter".split()
)
