"""Seeded random answers files for a checklist: every question answered (hidden ones are ignored
by the engine, as in a file a person writes), with unsure / prefer not to say mixed in."""

from __future__ import annotations

import random

import yaml

TEXTS = ("Sunrise Ketamine Clinic", 'Clínica <b>Sol</b> & "Luna"', "Dr. O'Neil — 2nd floor")


def answers_for(cl, rng: random.Random) -> dict:
    values: dict = {}
    for qid, q in cl.questions.items():
        r = rng.random()
        if r < 0.07:
            values[qid] = "unsure"
            continue
        if r < 0.10:
            values[qid] = "declined"
            continue
        if q.type == "yes_no":
            values[qid] = rng.choice(["yes", "no"])
        elif q.type == "choice":
            values[qid] = rng.choice(q.choice_values)
        elif q.type == "multi_choice":
            plain = [c.value for c in q.choices if not c.exclusive]
            only = [c.value for c in q.choices if c.exclusive]
            if only and rng.random() < 0.4:
                values[qid] = [rng.choice(only)]
            else:
                values[qid] = rng.sample(plain, rng.randint(1, len(plain))) if plain else [only[0]]
        elif q.type == "number":
            low = q.min if q.min is not None else 0
            high = q.max if q.max is not None else 200
            values[qid] = rng.randint(int(low), int(high))
        else:
            values[qid] = rng.choice(TEXTS)
    doc = {"checklist": cl.id, "answers": values}
    if rng.random() < 0.3:
        doc["respondent"] = "supporter"
    return doc


def answer_texts(cl, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [yaml.safe_dump(answers_for(cl, rng), allow_unicode=True, sort_keys=False) for _ in range(count)]
