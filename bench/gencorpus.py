"""Synthetic conflict reporting for benchmarks: many documents, quickly.

Why: the store step's cost depends on how much is already stored and on how
often reports of one happening recur across documents (an analyst's corpus is
topical: many outlets retell the same raid).  Five sample pages cannot show
that, and real reporting at scale cannot be shipped.  This module templates
news sentences in the style of ``corpus/demo`` with varied groups, forces,
people, places and dates from several wars, and makes a share of documents
retell an earlier document's happening (same day, place and parties, other
figures and wording), so event merging and entity resolution have real work.

Deterministic for a seed; no dependency beyond the standard library, so the
benchmark scripts (``bench/bench_store.py``, the ingest benchmark) can share it::

    from bench.gencorpus import documents
    for name, text in documents(2000, seed=1): ...

or ``python bench/gencorpus.py OUT_DIR N`` to write N .txt files.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

# (country, places the offline gazetteer knows, armed groups, state forces)
WARS = [
    ("Iraq", ["Basra", "Amarah", "Kut", "Baghdad", "Mosul", "Kirkuk", "Tikrit", "Ramadi", "Najaf",
              "Karbala", "Hillah", "Baqubah", "Samarra", "Fallujah"],
     ["Asaib al Haq", "the Mahdi Army", "Kataib Hezbollah", "the Islamic State of Iraq",
      "Ansar al-Sunna", "the Naqshbandi Army"],
     ["Iraqi troops", "Iraqi police", "U.S. forces", "Iraqi special forces"]),
    ("Afghanistan", ["Kandahar", "Lashkar Gah", "Kunduz", "Jalalabad", "Ghazni", "Herat",
                     "Khost", "Gardez", "Mazar-i-Sharif", "Farah"],
     ["the Taliban", "the Haqqani network", "Hezb-e-Islami", "the Islamic Movement of Uzbekistan"],
     ["Afghan soldiers", "Afghan police", "NATO troops", "coalition forces"]),
    ("Somalia", ["Mogadishu", "Kismayo", "Baidoa", "Beledweyne", "Jowhar", "Marka", "Jilib",
                 "Afgooye", "Garowe"],
     ["al-Shabaab", "Hizbul Islam", "Ras Kamboni"],
     ["Somali troops", "AMISOM peacekeepers", "Somali police"]),
    ("Nigeria", ["Maiduguri", "Damboa", "Bama", "Gwoza", "Monguno", "Konduga", "Yola", "Mubi"],
     ["Boko Haram", "Ansaru", "the Islamic State West Africa Province"],
     ["Nigerian soldiers", "Nigerian police", "the Civilian Joint Task Force"]),
    ("Mali", ["Gao", "Timbuktu", "Mopti", "Kidal", "Menaka", "Douentza", "Boni", "Hombori"],
     ["JNIM", "the Macina Liberation Front", "the Islamic State in the Greater Sahara"],
     ["Malian soldiers", "French troops", "MINUSMA peacekeepers"]),
    ("Yemen", ["Aden", "Zinjibar", "Jaar", "Mukalla", "Marib", "Ataq", "Lawdar", "Shabwa"],
     ["al-Qaeda in the Arabian Peninsula", "Ansar al-Sharia", "the Houthis"],
     ["Yemeni troops", "Yemeni police", "the Republican Guard"]),
]

GIVEN = ["Ahmed", "Mohammed", "Ali", "Hassan", "Omar", "Yusuf", "Ibrahim", "Khalid", "Abdullah",
         "Mustafa", "Hamid", "Karim", "Tariq", "Salim", "Nasser", "Jamal", "Faisal", "Rashid",
         "Bilal", "Idris", "Musa", "Amadou", "Abubakar", "Gul", "Wali", "Farouk", "Qasim"]
FAMILY = ["al-Hashimi", "Rahimi", "Nuri", "Haidari", "al-Jabouri", "Karimi", "Yusufzai",
          "Barre", "Warsame", "Shekau", "Ag Ghaly", "Kouffa", "al-Awlaki", "Zaidi", "Sadiqi",
          "Mahsud", "Haqqani", "Dostum", "Aden", "Abdi", "Diallo", "Toure", "Maiga",
          "al-Dulaimi", "Khazali", "al-Maliki", "Omari", "Farah", "Osmani", "Qureshi"]
ROLES = ["a senior commander", "a local leader", "the group's spokesman", "a bomb maker",
         "a financier", "a deputy commander"]
SOURCES = ["police said", "a military spokesman said", "officials said",
           "a local official said", "residents said", "the army said in a statement",
           "a security source said"]
OUTLETS = ["Conflict Monitor", "Regional Security Brief", "Frontline Dispatch", "The Observer Desk",
           "Field Notes", "Daily Security Digest"]

ATTACK = [
    "Fighters of {group} attacked a {force_poss} checkpoint in {place} on {when}, killing {k} "
    "soldiers and wounding {w}, {source}.",
    "A roadside bomb planted by {group} struck a convoy of {force} near {place} on {when}, "
    "killing {k} people and wounding {w} others, {source}.",
    "{group_cap} gunmen ambushed {force} outside {place} on {when}; {k} were killed and {w} "
    "wounded, {source}.",
    "Militants from {group} fired rockets at a base in {place} on {when}, killing {k} and "
    "wounding {w}, {source}.",
]
RAID = [
    "{force_cap} raided a house in {place} on {when} and detained {c} suspected members of "
    "{group}, including {person}, {role}, {source}.",
    "In a raid in {place} on {when}, {force} captured {person}, {role} of {group}, and {c} "
    "others, {source}.",
]
AIRSTRIKE = [
    "An airstrike near {place} on {when} killed {k} fighters of {group}, among them {person}, "
    "{role}, {source}.",
]
FILLER = [
    "The area has seen repeated clashes since the start of the year.",
    "Residents said shops in the market stayed closed for most of the day.",
    "The claim could not be independently verified.",
    "Security was tightened on the main road after the incident.",
    "Local hospitals said they had received several wounded.",
    "The group did not immediately comment.",
    "Officials said an investigation had been opened.",
    "Analysts say the group has grown stronger in the province over the past months.",
    "Traffic on the highway resumed in the evening.",
    "Aid agencies said thousands of families had fled the fighting.",
]


@dataclass(frozen=True)
class Happening:
    """One real event that several documents may tell of."""

    kind: str
    war: int
    place: str
    group: str
    force: str
    person: str
    role: str
    date: dt.date


def _happening(rng: random.Random, start: dt.date, span_days: int) -> Happening:
    w = rng.randrange(len(WARS))
    _, places, groups, forces = WARS[w]
    return Happening(
        kind=rng.choice(["attack", "attack", "raid", "airstrike"]), war=w,
        place=rng.choice(places), group=rng.choice(groups), force=rng.choice(forces),
        person=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", role=rng.choice(ROLES),
        date=start + dt.timedelta(days=rng.randrange(span_days)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _sentence(rng: random.Random, h: Happening, published: dt.date) -> str:
    gap = (published - h.date).days
    # within the week a reporter writes the weekday; the extractor resolves it
    when = h.date.strftime("%A") if gap < 7 else f"{h.date.day} {h.date.strftime('%B')} {h.date.year}"
    templates = {"attack": ATTACK, "raid": RAID, "airstrike": AIRSTRIKE}[h.kind]
    force_poss = h.force.rstrip("s") if h.force.endswith("s") else h.force
    return rng.choice(templates).format(
        group=h.group, group_cap=_cap(h.group), force=h.force, force_cap=_cap(h.force),
        force_poss=force_poss, place=h.place, when=when, k=rng.randint(1, 30),
        w=rng.randint(0, 40), c=rng.randint(2, 9), person=h.person, role=h.role,
        source=rng.choice(SOURCES))


def _document(rng: random.Random, i: int, pool: list[Happening], start: dt.date,
              span_days: int, retell: float) -> tuple[str, str]:
    told = []
    for _ in range(rng.randint(1, 3)):
        if pool and rng.random() < retell:
            told.append(rng.choice(pool[-400:]))      # a recent happening, told again
        else:
            h = _happening(rng, start, span_days)
            pool.append(h)
            told.append(h)
    published = max(h.date for h in told) + dt.timedelta(days=rng.randint(0, 2))
    lead = told[0]
    country = WARS[lead.war][0]
    title = f"{country}: {lead.kind} in {lead.place} ({i})"
    paras = []
    for h in told:
        body = [_sentence(rng, h, published)]
        body += rng.sample(FILLER, rng.randint(1, 4))
        paras.append(" ".join(body))
    text = (f"{title}\n\n{rng.choice(OUTLETS)} · {published.day} {published.strftime('%B')} "
            f"{published.year}\n\n" + "\n\n".join(paras) + "\n")
    return f"gen{i:06d}.txt", text


def documents(n: int, seed: int = 1, retell: float = 0.35,
              start: dt.date = dt.date(2008, 1, 1), span_days: int = 730) -> Iterator[tuple[str, str]]:
    """``n`` (name, text) pairs; about ``retell`` of the events told are retold ones."""
    rng = random.Random(seed)
    pool: list[Happening] = []
    for i in range(n):
        yield _document(rng, i, pool, start, span_days, retell)


def write(out_dir: str | Path, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` documents as .txt files under ``out_dir``; returns their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in documents(n, seed):
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    write(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100)
