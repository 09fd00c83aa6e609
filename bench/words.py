"""A small English vocabulary and sentence maker for generated newsroom text (no downloads).

The words are those of a university alliance's newsroom: programmes, people, places and
what they do. Sentences follow a handful of shapes, so paragraphs read like news copy
and two random paragraphs are about as similar as two real ones (Indel ratio 40-60).
"""

from __future__ import annotations

import random

NOUNS = [
    "alliance",
    "university",
    "campus",
    "student",
    "researcher",
    "professor",
    "rector",
    "lecturer",
    "programme",
    "course",
    "module",
    "seminar",
    "workshop",
    "conference",
    "webinar",
    "summit",
    "hub",
    "lab",
    "project",
    "network",
    "partnership",
    "strategy",
    "mission",
    "vision",
    "value",
    "community",
    "city",
    "region",
    "territory",
    "citizen",
    "partner",
    "society",
    "challenge",
    "opportunity",
    "initiative",
    "agreement",
    "mobility",
    "exchange",
    "grant",
    "call",
    "application",
    "deadline",
    "scholarship",
    "degree",
    "master",
    "doctorate",
    "curriculum",
    "pathway",
    "climate",
    "environment",
    "energy",
    "health",
    "education",
    "culture",
    "heritage",
    "democracy",
    "innovation",
    "technology",
    "data",
    "science",
    "policy",
    "governance",
    "committee",
    "board",
    "council",
    "assembly",
    "association",
    "foundation",
    "library",
    "museum",
    "archive",
    "report",
    "survey",
    "study",
    "result",
    "finding",
    "experience",
    "ambition",
    "commitment",
    "cooperation",
    "dialogue",
    "debate",
    "event",
    "festival",
    "award",
    "prize",
    "campaign",
    "exhibition",
    "publication",
    "article",
    "interview",
    "statement",
    "announcement",
    "newsletter",
    "volunteer",
    "mentor",
    "alumni",
    "staff",
    "team",
    "office",
    "coordinator",
    "president",
    "delegation",
    "visit",
    "week",
    "month",
    "semester",
    "year",
    "edition",
    "session",
    "panel",
    "audience",
    "participant",
    "speaker",
    "guest",
    "framework",
    "platform",
    "tool",
    "method",
    "approach",
    "model",
    "practice",
    "standard",
    "quality",
    "language",
    "translation",
    "website",
    "page",
    "section",
    "menu",
    "link",
    "resource",
    "guide",
    "handbook",
    "toolkit",
    "map",
    "neighbourhood",
    "school",
    "family",
    "child",
    "teacher",
    "parent",
    "employer",
    "company",
    "industry",
    "market",
    "transition",
    "sustainability",
    "resilience",
    "inclusion",
    "diversity",
    "equality",
    "wellbeing",
    "future",
]

ADJECTIVES = [
    "European",
    "local",
    "global",
    "civic",
    "open",
    "flexible",
    "blended",
    "intensive",
    "digital",
    "green",
    "sustainable",
    "inclusive",
    "innovative",
    "academic",
    "scientific",
    "cultural",
    "social",
    "economic",
    "urban",
    "rural",
    "regional",
    "international",
    "national",
    "public",
    "joint",
    "shared",
    "common",
    "new",
    "first",
    "second",
    "final",
    "annual",
    "successful",
    "major",
    "important",
    "key",
    "strategic",
    "young",
    "early",
    "senior",
    "interdisciplinary",
    "collaborative",
    "creative",
    "critical",
    "practical",
    "virtual",
    "physical",
    "hybrid",
    "short",
    "long",
    "broad",
    "diverse",
    "multilingual",
    "mobile",
    "active",
    "engaged",
    "responsible",
    "fair",
    "ambitious",
    "concrete",
]

VERBS_PAST = [
    "organised",
    "presented",
    "launched",
    "hosted",
    "welcomed",
    "discussed",
    "explored",
    "supported",
    "developed",
    "announced",
    "opened",
    "signed",
    "celebrated",
    "reviewed",
    "introduced",
    "shared",
    "designed",
    "coordinated",
    "gathered",
    "invited",
    "highlighted",
    "strengthened",
    "funded",
    "selected",
    "published",
    "completed",
    "addressed",
    "examined",
    "brought",
    "encouraged",
    "offered",
    "promoted",
    "adopted",
    "renewed",
    "expanded",
]

VERBS_PRESENT = [
    "aims to strengthen",
    "seeks to connect",
    "helps to build",
    "continues to support",
    "plans to open",
    "invites students to join",
    "brings together",
    "wants to improve",
    "works to reduce",
    "offers a chance to explore",
    "will help to shape",
    "is designed to foster",
]

PLACES = [
    "Bucharest",
    "Brussels",
    "Marseille",
    "Athens",
    "Madrid",
    "Rome",
    "Stockholm",
    "Tübingen",
    "Glasgow",
    "Lausanne",
    "Salzburg",
    "Oslo",
    "Sfax",
    "Rabat",
    "Aix-en-Provence",
    "Kraków",
    "Paris",
    "Berlin",
    "Lisbon",
    "Vienna",
    "Prague",
    "Budapest",
    "Ljubljana",
    "Tallinn",
    "Riga",
    "Vilnius",
    "Helsinki",
    "Copenhagen",
    "Dublin",
    "Edinburgh",
]

ORGS = [
    "the University of Bucharest",
    "Université libre de Bruxelles",
    "Aix-Marseille Université",
    "the National and Kapodistrian University of Athens",
    "Universidad Autónoma de Madrid",
    "Sapienza Università di Roma",
    "Stockholm University",
    "the University of Tübingen",
    "the University of Glasgow",
    "the University of Lausanne",
    "the University of Salzburg",
    "the University of Oslo",
    "the University of Sfax",
    "Mohammed V University in Rabat",
    "the CIVIS Alliance",
    "the European Commission",
    "the CIVIS Student Council",
    "the Erasmus+ programme",
    "the Open Lab network",
    "the CIVIS Hubs",
]

PREPOSITIONS = [
    "in",
    "across",
    "with",
    "for",
    "around",
    "beyond",
    "within",
    "through",
    "alongside",
    "towards",
]
CONNECTORS = [
    "In addition,",
    "At the same time,",
    "As a result,",
    "For the first time,",
    "During the event,",
    "According to the organisers,",
    "Over the past year,",
    "In this context,",
    "Since then,",
    "Finally,",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
HEADINGS = [
    "Background",
    "Key figures",
    "What comes next",
    "How to apply",
    "About the programme",
    "A look back at the programme",
    "Meet the team",
    "Why it matters",
    "Practical information",
    "Results and impact",
    "The partners",
    "Timeline",
    "Voices from the campus",
    "Get involved",
    "Eligibility",
    "Contact",
    "Funding",
    "Outcomes",
    "Programme highlights",
    "The challenge",
]


def noun_phrase(rng: random.Random) -> str:
    """`the [adjective] noun [of the noun]`, sometimes plural, sometimes a named body."""
    roll = rng.random()
    if roll < 0.15:
        return rng.choice(ORGS)
    noun = rng.choice(NOUNS)
    if rng.random() < 0.35:
        noun = noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")
    phrase = f"{rng.choice(ADJECTIVES)} {noun}" if rng.random() < 0.6 else noun
    if rng.random() < 0.25:
        phrase += f" of the {rng.choice(NOUNS)}"
    return ("the " if rng.random() < 0.7 else "") + phrase


def sentence(rng: random.Random, link: bool = False) -> str:
    """One news sentence, capitalised, with a full stop; sometimes a link or emphasis."""
    shape = rng.randrange(6)
    subject = noun_phrase(rng)
    if shape == 0:
        text = (
            f"{subject} {rng.choice(VERBS_PAST)} {noun_phrase(rng)} "
            f"{rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}"
        )
    elif shape == 1:
        text = (
            f"on {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2026)}, "
            f"{subject} {rng.choice(VERBS_PAST)} {noun_phrase(rng)}"
        )
    elif shape == 2:
        text = f"{subject} {rng.choice(VERBS_PRESENT)} {noun_phrase(rng)} and {noun_phrase(rng)}"
    elif shape == 3:
        text = (
            f"more than {rng.randint(2, 400)} {rng.choice(NOUNS)}s from "
            f"{rng.randint(2, 11)} countries {rng.choice(VERBS_PAST)} {noun_phrase(rng)}"
        )
    elif shape == 4:
        text = (
            f"{rng.choice(CONNECTORS)} {subject} {rng.choice(VERBS_PAST)} "
            f"{noun_phrase(rng)} {rng.choice(PREPOSITIONS)} {noun_phrase(rng)}"
        )
    else:
        text = (
            f"{subject} {rng.choice(VERBS_PRESENT)} {noun_phrase(rng)}, "
            f"{rng.choice(PREPOSITIONS)} {noun_phrase(rng)} "
            f"{rng.choice(PREPOSITIONS)} {rng.choice(PLACES)}"
        )
    words = text.split(" ")
    if link and len(words) > 4:
        start = rng.randrange(1, len(words) - 2)
        target = "/" + "-".join(w.strip(",").lower() for w in words[start : start + 2])
        words[start] = "[" + words[start]
        words[start + 1] = words[start + 1].rstrip(",") + f"]({target})"
    elif rng.random() < 0.08 and len(words) > 3:
        spot = rng.randrange(1, len(words))
        words[spot] = f"*{words[spot].rstrip(',')}*"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: tuple[int, int] = (2, 5)) -> str:
    """A paragraph of a few sentences, one in eight with a Markdown link."""
    count = rng.randint(*sentences)
    return " ".join(sentence(rng, link=rng.random() < 0.12) for _ in range(count))


def title(rng: random.Random) -> str:
    """An article title: a short sentence without its full stop."""
    words = sentence(rng).rstrip(".").split(" ")
    return " ".join(words[: rng.randint(5, 12)]).rstrip(",")


def short_phrase(rng: random.Random, low: int = 1, high: int = 4) -> str:
    """A label: a few capitalised-first words (menus, buttons)."""
    words = [rng.choice(NOUNS + ADJECTIVES) for _ in range(rng.randint(low, high))]
    text = " ".join(words)
    return text[0].upper() + text[1:]
