"""Generated documents for the hostile-input suite: random but plausible, never copied.

``unrelated_articles`` writes short news-like articles on everyday subjects (sport,
gardening, cooking, markets, transport...) from templates and word lists written for
this suite, so a test can crowd a folder with documents that are about something else.
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = {
    "sport": (
        [
            "the rowing club",
            "the county cricket side",
            "the under-12 football team",
            "the cycling league",
            "the netball squad",
            "the chess society",
        ],
        [
            "won its third match of the season",
            "opened a new training ground",
            "signed a sponsorship deal with a bakery",
            "postponed the regional final",
            "welcomed a new head coach",
        ],
    ),
    "gardening": (
        [
            "the allotment association",
            "the botanical society",
            "the orchard trust",
            "the community garden",
            "the seed library",
        ],
        [
            "planted a row of pear trees",
            "opened its greenhouse to visitors",
            "recorded an early apple blossom",
            "launched a compost scheme",
            "held its spring plant sale",
        ],
    ),
    "cooking": (
        [
            "the night market",
            "the cookery school",
            "the village bakery",
            "the cheese cooperative",
            "the noodle bar on the quay",
        ],
        [
            "introduced a winter menu",
            "won a regional pastry award",
            "ran a class on fermented vegetables",
            "extended its opening hours",
            "sourced flour from a nearby mill",
        ],
    ),
    "transport": (
        [
            "the ferry operator",
            "the tram company",
            "the cycle hire scheme",
            "the harbour railway",
            "the airport shuttle service",
        ],
        [
            "added a late evening service",
            "repainted its fleet in green",
            "trialled contactless tickets",
            "reopened the riverside stop",
            "published a new timetable",
        ],
    ),
    "markets": (
        [
            "the farmers market",
            "the antiques fair",
            "the book market",
            "the craft cooperative",
            "the flower auction",
        ],
        [
            "moved to the old corn exchange",
            "reported a busy weekend",
            "invited twenty new stallholders",
            "began opening on Sundays",
            "raised money for the library roof",
        ],
    ),
}
TOWNS = [
    "Ashford Vale",
    "Brindlemoor",
    "Carrow Bay",
    "Dunmere",
    "Elderby",
    "Fallowfield",
    "Greyhaven",
    "Hollins Cross",
    "Ivybridge Lees",
    "Juniper Wells",
    "Kestrel Point",
    "Larkspur",
]
OUTLETS = [
    "Vale Gazette",
    "Harbour Courier",
    "Weekend Ledger",
    "Allotment Monthly",
    "Market Post",
    "Rail and Road Weekly",
]
SPEAKERS = [
    "the club secretary",
    "a spokesperson",
    "the organiser",
    "the chair",
    "a volunteer",
    "the manager",
]
MEASURES = [
    "visitors came",
    "tickets were sold",
    "trees were planted",
    "members joined",
    "meals were served",
    "passengers travelled",
]


def unrelated_article(rng: random.Random, index: int) -> str:
    subject = rng.choice(sorted(SUBJECTS))
    actors, actions = SUBJECTS[subject]
    actor, town = rng.choice(actors), rng.choice(TOWNS)
    month = rng.choice(["01", "02", "03"])
    sentences = [
        f"In {town}, {actor} {rng.choice(actions)} this week.",
        f"About {rng.randint(20, 900)} {rng.choice(MEASURES)}, {rng.choice(SPEAKERS)} said.",
        f"{rng.choice(SPEAKERS).capitalize()} said the plans for the {subject} programme "
        f"would be discussed at a meeting on {rng.choice(['Monday', 'Thursday', 'Saturday'])}.",
        f"Last year {rng.randint(10, 500)} {rng.choice(MEASURES)} over the summer.",
        f"The {rng.choice(['council', 'committee', 'trust'])} has not announced a budget "
        f"of {rng.randint(2, 90)},000 dollars for the {subject} scheme.",
        f"Residents of {town} can find details at the town hall notice board.",
    ]
    rng.shuffle(sentences[1:5])
    title = f"{actor.capitalize()} in {town} ({subject} {index})"
    return (
        f"---\ntitle: {title}\nsource: {rng.choice(OUTLETS)}\n"
        f"published: 2025-{month}-{rng.randint(1, 28):02d}\n---\n" + " ".join(sentences) + "\n"
    )


def unrelated_articles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"unrelated-{index:04d}.md"
        path.write_text(unrelated_article(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


# Five short documents on one invented local story, disagreeing on figures and dates.
SMALL_STORY = {
    "bridge-a.md": (
        "Riverside Herald",
        "2025-03-03",
        "The Tollmere footbridge repair will cost 4 million dollars, the city engineer "
        "Maren Voss said on Monday. The Tollmere footbridge will reopen in June 2025.",
    ),
    "bridge-b.md": (
        "Tollmere Times",
        "2025-03-04",
        "Officials said the Tollmere footbridge repair will cost 9 million dollars. "
        "The city engineer Maren Voss said the Tollmere footbridge will reopen in June 2025.",
    ),
    "bridge-c.md": (
        "Canal Weekly",
        "2025-03-05",
        "Maren Voss, the city engineer, said the Tollmere footbridge would reopen in "
        "October 2025 after the repair.",
    ),
    "bridge-d.md": (
        "Riverside Herald",
        "2025-03-06",
        "The Tollmere footbridge closure has moved 1,200 daily cyclists onto the ring road, "
        "the cycling group Spokes Tollmere said.",
    ),
    "bridge-e.md": (
        "Tollmere Times",
        "2025-03-06",
        "Spokes Tollmere said 300 daily cyclists used the Tollmere footbridge before the "
        "closure, not 1,200.",
    ),
}


def small_story(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (source, published, body) in SMALL_STORY.items():
        (folder / name).write_text(
            f"---\ntitle: Tollmere footbridge\nsource: {source}\npublished: {published}\n---\n"
            f"{body}\n",
            encoding="utf-8",
        )
