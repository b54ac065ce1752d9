"""Synthetic conflict reporting for the scale benchmark: many wars, three styles.

``python bench/corpusgen.py OUT_DIR [N] [SEED]`` writes N plain-text reports (default
20,000).  Every sentence pattern here was written for this file; nothing is copied
from published reporting.  What makes the text realistic is the data the reports are
built from, all of it the project's own: armed groups and state forces from
``data/actors.yaml`` (with their aliases and acronyms, so resolution has work to do),
provinces and their largest towns from ``data/admin1.tsv`` for each war's country,
plus invented groups and people that no dictionary knows.

Three styles, mixed about 5:3:2: short wire reports (a dateline, one event, a source
that disagrees), security roundups (several events across provinces, one paragraph
each) and longer features (background, quotations, a running tally, older events).
Event kinds: raids, arrests, attacks (bombings, ambushes, airstrikes), releases and
clashes, with casualty figures as digits, words and hedges, and dates as weekdays,
month-day dates and "last week".  The same seed gives the same corpus.

``retell`` (0 by default) makes that share of reports open by telling again an event
of a recent report (same kind, day, town, group, force and named person; other
figures, wording and sources), as many outlets tell one raid: the store's merging and
resolution then have real work.  ``start`` and ``span_days`` put every report in one
window (a dense, topical corpus) instead of its war's years.  With the defaults the
output is the same, byte for byte, as before these options existed.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "ratline" / "data"

# war -> (country name, first year, last year, demonym, family of invented names)
WARS = {
    "IQ": ("Iraq", 2004, 2011, "Iraqi", "arabic"), "AF": ("Afghanistan", 2006, 2014, "Afghan", "pashto"),
    "PK": ("Pakistan", 2007, 2013, "Pakistani", "pashto"), "SO": ("Somalia", 2008, 2016, "Somali", "somali"),
    "YE": ("Yemen", 2010, 2016, "Yemeni", "arabic"), "SY": ("Syria", 2012, 2019, "Syrian", "arabic"),
    "NG": ("Nigeria", 2011, 2018, "Nigerian", "hausa"), "ML": ("Mali", 2012, 2020, "Malian", "hausa"),
    "CD": ("Congo", 2008, 2020, "Congolese", "swahili"), "PH": ("the Philippines", 2000, 2019, "Philippine", "spanish"),
    "CO": ("Colombia", 1998, 2012, "Colombian", "spanish"), "SD": ("Sudan", 2003, 2012, "Sudanese", "arabic"),
    "MM": ("Myanmar", 2012, 2022, "Myanmar", "burmese"), "MX": ("Mexico", 2008, 2018, "Mexican", "spanish"),
    "CF": ("the Central African Republic", 2013, 2020, "Central African", "swahili"),
    "LY": ("Libya", 2011, 2020, "Libyan", "arabic"),
}

NAMES = {
    "arabic": (["Ahmed", "Khalid", "Omar", "Yusuf", "Hassan", "Faris", "Samir", "Nabil", "Tariq", "Walid",
                "Karim", "Bassam", "Ziyad", "Hamza", "Adnan", "Marwan"],
               ["al-Rubaie", "Hamdani", "al-Saadi", "Jabouri", "al-Amiri", "Tamimi", "al-Hashimi",
                "Obaidi", "al-Shammari", "Dulaimi", "al-Zubaidi", "Karbouli", "al-Husseini", "Mashhadani"]),
    "pashto": (["Gul", "Zalmay", "Naqibullah", "Rahmatullah", "Habib", "Shah Wali", "Daud", "Karimullah",
                "Ismail", "Sher", "Nasir", "Abdul Qadir", "Fazal", "Mirwais"],
               ["Ahmadzai", "Khan", "Popal", "Achakzai", "Noorzai", "Wardak", "Mohmand", "Yusufzai",
                "Barakzai", "Safi", "Shinwari", "Durrani", "Alokozai"]),
    "somali": (["Abdirahman", "Mohamed", "Hassan", "Abdi", "Farah", "Abdullahi", "Yusuf", "Ali", "Omar",
                "Ahmed", "Mukhtar", "Bashir"],
               ["Warsame", "Hirsi", "Aden", "Jama", "Dirie", "Nur", "Ismail", "Abdi", "Guled", "Samatar",
                "Elmi", "Farah"]),
    "hausa": (["Musa", "Ibrahim", "Abubakar", "Usman", "Aliyu", "Bello", "Garba", "Sani", "Idrissa",
               "Moussa", "Amadou", "Boubacar"],
              ["Danjuma", "Maikano", "Bukar", "Lawan", "Goni", "Maiga", "Traore", "Cisse", "Toure",
               "Diallo", "Keita", "Abdoulaye"]),
    "swahili": (["Jean-Pierre", "Emmanuel", "Patrick", "Innocent", "Faustin", "Didier", "Thierry",
                 "Bosco", "Celestin", "Justin"],
                ["Mbusa", "Kambale", "Lumumba", "Kasereka", "Ntaganda", "Mugisha", "Bahati", "Ilunga",
                 "Kabongo", "Tshibangu", "Nzeza"]),
    "spanish": (["Carlos", "Jose", "Luis", "Miguel", "Ramon", "Andres", "Jorge", "Eduardo", "Rodrigo",
                 "Fernando", "Alfredo", "Julio"],
                ["Restrepo", "Gutierrez", "Morales", "Salazar", "Cardenas", "Villanueva", "Ocampo",
                 "Bautista", "Santos", "Reyes", "Mendoza", "Dela Cruz"]),
    "burmese": (["Aung", "Kyaw", "Min", "Zaw", "Htet", "Soe", "Thura", "Naing"],
                ["Win", "Oo", "Myint", "Tun", "Lwin", "Htun", "Naing", "Aung"]),
}

# invented groups: no dictionary knows them, so the name rules must find them
GROUP_HEADS = ["Northern", "Southern", "Free", "Green", "Black", "Eastern", "United", "Red", "Valley",
               "Highland", "Revolutionary", "Patriotic", "Sacred", "Martyrs'", "Western"]
GROUP_NOUNS = ["Brigade", "Front", "Movement", "Battalion", "Army", "Council", "Resistance", "Legion",
               "Alliance", "Guard", "Liberation Front", "Defence Forces"]

WIRES = ["the Wire", "Frontline News Service", "the Courier", "Regional Press", "the Dispatch"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve"]


@dataclass(frozen=True)
class Happening:
    """What a retelling keeps of an event: its kind, war and identifying parts."""

    kind: str
    war: str
    facts: tuple          # ((name, value), ...): place, group, force, person, date


@dataclass
class War:
    """One country's conflict: its actors and places, as the reports draw on them."""

    code: str
    country: str
    years: tuple[int, int]
    demonym: str
    people: tuple[list[str], list[str]]
    groups: list[dict] = field(default_factory=list)        # armed groups (dictionary + invented)
    forces: list[dict] = field(default_factory=list)        # state forces
    places: list[tuple[str, str]] = field(default_factory=list)   # (town, province)


@lru_cache(maxsize=1)
def wars() -> list[War]:
    """The wars, each with its actors from actors.yaml and places from admin1.tsv."""
    actors = yaml.safe_load((DATA / "actors.yaml").read_text(encoding="utf-8"))
    places = _admin1_places()
    rng = random.Random(7)
    out = []
    for code, (country, first, last, demonym, family) in WARS.items():
        war = War(code, country, (first, last), demonym, NAMES[family])
        for a in actors:
            if a.get("country") == code and a["type"] == "armed_group":
                war.groups.append(a)
            elif a.get("country") == code and a["type"] in ("state_force", "state_agency"):
                war.forces.append(a)
        war.groups += [_invented_group(rng) for _ in range(4)]
        war.forces = war.forces or [{"name": f"{demonym} army", "aliases": [f"{demonym} troops"]}]
        war.places = places.get(code, [])
        out.append(war)
    return [w for w in out if w.places and w.groups]


def _admin1_places() -> dict[str, list[tuple[str, str]]]:
    """(largest town, province) per country, from the gazetteer's province table."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in (DATA / "admin1.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("country\t"):
            continue
        cols = line.split("\t")
        if len(cols) < 10 or cols[0] not in WARS:
            continue
        town = cols[9].rsplit(" (", 1)[0].strip() or cols[2]
        out.setdefault(cols[0], []).append((town, cols[2]))
    return out


def _invented_group(rng: random.Random) -> dict:
    name = f"{rng.choice(GROUP_HEADS)} {rng.choice(GROUP_NOUNS)}"
    if rng.random() < 0.4:
        name = f"{name} of {rng.choice(['the Two Rivers', 'the Plains', 'the Faithful', 'the South', 'the Hills'])}"
    return {"name": name, "aliases": [], "acronyms": []}


class Writer:
    """Sentences about one war, from one seeded random source."""

    def __init__(self, war: War, rng: random.Random, published: dt.date,
                 retold: Happening | None = None):
        self.war, self.rng, self.published = war, rng, published
        self.said: set[str] = set()
        self.retold = retold                  # the first event() tells this one again
        self.told: list[Happening] = []       # the events written, for later retellings
        self._facts: dict | None = None       # the event being written: its first picks

    def _fact(self, name: str, draw):
        """The event's ``name`` part: the first one drawn in an event is kept (and,
        when retelling, is the retold event's); later draws are free."""
        if self._facts is None or name in self._facts:
            return draw()
        replay = dict(self.retold.facts) if self.retold is not None else {}
        self._facts[name] = replay[name] if name in replay else draw()
        return self._facts[name]

    # -- the pieces -------------------------------------------------------------
    def pick(self, seq):
        return self.rng.choice(seq)

    def group(self) -> str:
        g = self._fact("group", lambda: self.pick(self.war.groups))
        forms = [g["name"]] + list(g.get("aliases") or []) + list(g.get("acronyms") or [])
        return self.pick(forms) if self.rng.random() < 0.35 else g["name"]

    def force(self) -> str:
        f = self._fact("force", lambda: self.pick(self.war.forces))
        forms = [f["name"]] + list(f.get("aliases") or [])
        return self.pick(forms)

    def person(self) -> str:
        return self._fact("person", self._person)

    def _person(self) -> str:
        first, last = self.war.people
        return f"{self.pick(first)} {self.pick(last)}"

    def place(self) -> tuple[str, str]:
        return self._fact("place", lambda: self.pick(self.war.places))

    def number(self, low: int = 1, high: int = 30) -> str:
        n = self.rng.randint(low, high)
        text = NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and self.rng.random() < 0.5 else str(n)
        hedge = self.pick(["", "", "", "at least ", "as many as ", "more than ", "up to "])
        return hedge + text

    def when(self) -> str:
        if self._facts is not None and "date" not in self._facts and self.retold is not None:
            day = self._facts["date"] = dict(self.retold.facts)["date"]
            if (self.published - day).days < 7:
                return self.pick([f"on {WEEKDAYS[day.weekday()]}", f"on {day:%B} {day.day}"])
            return f"on {day:%B} {day.day}, {day.year}"
        back = self.rng.randint(0, 6)
        day = self.published - dt.timedelta(days=back)
        if self._facts is not None:
            self._facts.setdefault("date", day)
        return self.pick([f"on {WEEKDAYS[day.weekday()]}", f"early {WEEKDAYS[day.weekday()]}",
                          f"on {day:%B} {day.day}", "late on " + WEEKDAYS[day.weekday()],
                          "last week" if back > 3 else "overnight"])

    def official(self) -> str:
        town, province = self.place()
        return self.pick([f"a spokesman for the {province} governor", "the provincial police chief",
                          f"a local official in {town}", "a military spokesman",
                          f"{self._person()}, a district administrator", "hospital staff",
                          "a security source who asked not to be named"])

    # -- events -----------------------------------------------------------------
    def event(self) -> list[str]:
        """The sentences of one event: the retold one first, when retelling."""
        if self.retold is not None and not self.told:
            kind = self.retold.kind
        else:
            self.retold = None
            kind = self.pick(["raid", "arrest", "attack", "attack", "release", "clash", "airstrike"])
        self._facts = {}
        try:
            sentences = getattr(self, f"_{kind}")()
        finally:
            facts, self._facts = self._facts, None
        self.told.append(Happening(kind, self.war.code, tuple(sorted(facts.items(),
                                                                     key=lambda kv: kv[0]))))
        self.retold = None
        return sentences

    def _raid(self) -> list[str]:
        town, province = self.place()
        return [f"{self.force()} raided a compound in {town}, in {province} province, {self.when()}, "
                f"killing {self.number()} suspected members of {self.group()} and detaining "
                f"{self.number(1, 12)} others, {self.official()} said.",
                self.pick([f"The target was {self.person()}, described as a commander who moved money and "
                           f"weapons for the group.",
                           f"Troops seized rifles, ammunition and {self.number(2, 40)} kilograms of "
                           "explosives, according to the statement.",
                           "No casualties were reported among the security forces."])]

    def _arrest(self) -> list[str]:
        town, province = self.place()
        who = self.person()
        return [f"Police in {province} arrested {who}, a suspected {self.group()} financier, "
                f"at a checkpoint outside {town} {self.when()}.",
                self.pick([f"{who} is accused of planning {self.number(2, 9)} bombings in the province "
                           "since the spring.",
                           f"Two men travelling with {who.split()[-1]} were detained as well and later "
                           "released without charge.",
                           f"Officials said he had been wanted since {self.published.year - 1}."])]

    def _attack(self) -> list[str]:
        town, province = self.place()
        how = self.pick(["A roadside bomb", "A suicide car bomber", "Gunmen on motorcycles",
                         "A mortar barrage", "Fighters armed with rockets"])
        target = self.pick(["a police convoy", "an army checkpoint", "a crowded market",
                            "a military base", "a bus carrying soldiers", "a village mosque"])
        return [f"{how} struck {target} in {town} {self.when()}, killing {self.number()} people and "
                f"wounding {self.number(2, 60)}, {self.official()} said.",
                self.pick([f"{self.group()} said in a statement that its fighters had carried out the attack.",
                           f"No group claimed responsibility, but officials blamed {self.group()}.",
                           f"The {self.war.demonym} government condemned the attack and promised to find "
                           "those behind it."])]

    def _airstrike(self) -> list[str]:
        town, province = self.place()
        return [f"An airstrike near {town} in {province} killed {self.number(2, 40)} fighters of "
                f"{self.group()} {self.when()}, the {self.force()} said.",
                f"Residents told reporters that {self.number(1, 9)} civilians were among the dead, "
                "a figure the military disputed."]

    def _release(self) -> list[str]:
        town, _ = self.place()
        return [f"{self.group()} freed {self.number(2, 20)} hostages near {town} {self.when()} after "
                f"weeks of talks led by tribal elders, {self.official()} said.",
                self.pick([f"Among them was {self.person()}, an aid worker seized in the spring.",
                           "The captives were handed to the Red Cross and taken to hospital for checks.",
                           "Officials denied that a ransom had been paid."])]

    def _clash(self) -> list[str]:
        town, province = self.place()
        return [f"Fighting between {self.force()} and {self.group()} around {town} {self.when()} left "
                f"{self.number(2, 35)} dead on both sides, {self.official()} said.",
                self.pick([f"Hundreds of families fled toward {self.place()[0]}, aid groups said.",
                           f"The clashes were the heaviest in {province} since the start of the year.",
                           f"{self.group()} said it had captured {self.number(1, 15)} soldiers."])]

    # -- padding with no event --------------------------------------------------
    def background(self) -> str:
        """A sentence with no event in it; none twice in one report."""
        for _ in range(4):
            text = self._background()
            if text not in self.said:
                break
        self.said.add(text)
        return text

    def _background(self) -> str:
        town, province = self.place()
        return self.pick([
            f"{province} has been contested for years, and both sides accuse each other of targeting civilians.",
            f"{self.group()} has been active in the hills around {town} since at least {self.war.years[0]}.",
            f"Analysts say the group recruits among young men left without work in the province.",
            f"Aid agencies say the roads into {town} are often closed for days at a time.",
            f"The government in the capital has promised more troops for {province} but few have arrived.",
            f"Local leaders in {town} say they are caught between the fighters and the army.",
            f"\"We hear shooting every night,\" said {self.person()}, a shopkeeper in {town}.",
            f"\"Nobody tells us anything,\" said {self.person()}, whose brother was detained last year.",
        ])

    def tally(self) -> str:
        return self.pick([
            f"Since January, at least {self.rng.randint(20, 400)} people have been killed in {self.place()[1]}, "
            "according to a count kept by local officials.",
            f"The {self.force()} say they have detained {self.rng.randint(30, 900)} suspects this year.",
        ])


def published(war: War, rng: random.Random) -> dt.date:
    first = dt.date(war.years[0], 1, 1)
    last = dt.date(war.years[1], 12, 31)
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _dateline(w: Writer, agency: str) -> str:
    town, _ = w.place()
    d = w.published
    return f"{town.upper()}, {w.war.country.removeprefix('the ')}, {d:%B} {d.day}, {d.year} ({agency}) \u2014 "


def wire(w: Writer) -> str:
    first, *rest = w.event()
    agency = w.pick(WIRES).removeprefix("the ")
    body = [_dateline(w, agency) + first, " ".join(rest)]
    for _ in range(w.rng.randint(1, 3)):
        body.append(w.pick([w.background(), " ".join(w.event())]))
    body.append(f"(Reporting by {agency} staff; editing by the desk)")
    title = f"{first.split(',')[0][:90]}"
    return _page(title, body, w)


def roundup(w: Writer) -> str:
    d = w.published
    body = [f"Security roundup for {w.war.country.removeprefix('the ')}, {d:%B} {d.day}, {d.year}."]
    for _ in range(w.rng.randint(3, 6)):
        body.append(" ".join(w.event()))
    if w.rng.random() < 0.5:
        body.append(w.tally())
    title = f"{w.war.demonym} security roundup: {w.pick(['violence in the provinces', 'the day in brief', 'attacks and arrests'])}"
    return _page(title, body, w)


def feature(w: Writer) -> str:
    first, *rest = w.event()
    town, province = w.place()
    body = [f"{town} \u2014 " + first, " ".join(rest)]
    for _ in range(w.rng.randint(6, 10)):
        para = [w.background() for _ in range(w.rng.randint(1, 3))]
        if w.rng.random() < 0.5:
            para += w.event()
        body.append(" ".join(para))
    body.append(w.tally())
    body.append(f"By {w.person()}, who has covered {w.war.country} since {w.war.years[0]}.")
    title = f"In {province}, {w.pick(['a war that will not end', 'the fighters come back at night', 'counting the dead'])}"
    return _page(title, body, w)


def _page(title: str, body: list[str], w: Writer) -> str:
    tail = []
    if w.rng.random() < 0.3:
        tail = ["", "RELATED", f"- More from {w.war.country.removeprefix('the ')}", "- Analysis and opinion"]
    return "\n\n".join([title] + body) + "\n" + "\n".join(tail) + "\n"


STYLES = [(wire, 5), (roundup, 3), (feature, 2)]


def documents(n: int, seed: int = 2026, retell: float = 0.0, start: dt.date | None = None,
              span_days: int = 730):
    """``n`` (name, text) pairs, the same for the same seed and options: about ``retell``
    of the reports open with an event of a recent report told again; ``start`` puts
    every report within ``span_days`` of it (default: the war's years)."""
    rng = random.Random(seed)
    all_wars = wars()
    by_code = {w.code: w for w in all_wars}
    styles = [s for s, k in STYLES for _ in range(k)]
    pool: list[Happening] = []
    for i in range(n):
        retold = None
        if retell and pool and rng.random() < retell:
            retold = rng.choice(pool[-400:])
            war = by_code[retold.war]
            day = dict(retold.facts).get("date") or start or published(war, rng)
            when = day + dt.timedelta(days=rng.randint(0, 3))
        else:
            war = rng.choice(all_wars)
            when = (start + dt.timedelta(days=rng.randrange(span_days)) if start
                    else published(war, rng))
        writer = Writer(war, rng, when, retold)
        style = rng.choice(styles)
        text = style(writer)
        if retell:
            pool.extend(writer.told)
        yield f"gen{i:05d}_{style.__name__}_{war.code.lower()}.txt", text


def write(out: Path, n: int, seed: int = 2026, **options) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in documents(n, seed, **options):
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    written = write(target, count, int(sys.argv[3]) if len(sys.argv) > 3 else 2026)
    print(f"{len(written)} documents in {target}")
