"""The actor dictionary: alias normalisation, longest match, case-exact acronyms, user files."""
from __future__ import annotations

import textwrap

import pytest

from ratline.mentions.dictionary import (
    ActorDictionary, alias_key, builtin_actor_files, default_dictionary,
)
from ratline.mentions.text import tokenize


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return default_dictionary()


def _matches(d: ActorDictionary, text: str) -> list[tuple[str, str, str]]:
    toks = tokenize(text)
    out = []
    for m in d.match(toks):
        surface = text[toks[m.start].start:toks[m.end - 1].end]
        out.append((surface, m.actor_id, m.form))
    return out


def _ids(d: ActorDictionary, text: str) -> list[str]:
    return [a for _, a, _ in _matches(d, text)]


# -- normalisation ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Fighters of Jaysh al-Mahdi fired mortars.",
    "Fighters of Jaysh al Mahdi fired mortars.",
    "Fighters of Jaysh Al-Mahdi fired mortars.",
    "Fighters of JAYSH AL-MAHDI fired mortars.",
    "Fighters of Jaysh Mahdi fired mortars.",
])
def test_dictionary_arabic_article_and_case_are_normalised(dictionary, text):
    assert _ids(dictionary, text) == ["mahdi_army"]


@pytest.mark.parametrize("text", [
    "Kataib Hezbollah claimed the rockets.",
    "Kata'ib Hezbollah claimed the rockets.",
    "Kata’ib Hezbollah claimed the rockets.",
    "Kata'ib Hizballah claimed the rockets.",
    "KATAIB HEZBOLLAH claimed the rockets.",
])
def test_dictionary_apostrophes_and_spelling_variants(dictionary, text):
    assert _ids(dictionary, text) == ["kataib_hezbollah"]


@pytest.mark.parametrize("form", ["al-Qaeda", "al Qaeda", "Al-Qaeda", "the al-Qaeda", "Al Qaeda"])
def test_dictionary_alias_key_drops_article_and_leading_the(form):
    assert alias_key(form) == ("qaeda",)


@pytest.mark.parametrize("text, surface, actor", [
    # regression: the hyphenated article belongs to the matched span
    ("Fighters of al-Qaeda in Iraq attacked the checkpoint.", "al-Qaeda in Iraq", "al_qaeda_in_iraq"),
    ("Al-Shabaab fighters stormed the base at Leego.", "Al-Shabaab", "al_shabaab"),
    ("Gunmen loyal to al Shabaab fled Afmadow.", "al Shabaab", "al_shabaab"),
])
def test_dictionary_span_includes_the_article(dictionary, text, surface, actor):
    assert _matches(dictionary, text)[0][:2] == (surface, actor)


def test_dictionary_particle_alone_matches_nothing(dictionary):
    assert _matches(dictionary, "the al and el of it") == []


# -- longest match -------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Islamic State of Iraq gunmen attacked Samarra.", [("Islamic State of Iraq", "islamic_state_of_iraq")]),
    ("Islamic State gunmen attacked Samarra.", [("Islamic State", "islamic_state")]),
    ("The Afghan National Army retook the district.", [("Afghan National Army", "afghan_national_army")]),
    ("Lebanese Hezbollah advisers were seen.", [("Lebanese Hezbollah", "hezbollah")]),
    ("Iranian Quds Force officers were seen.", [("Iranian Quds Force", "qods_force")]),
])
def test_dictionary_longest_match_wins(dictionary, text, expected):
    assert [(s, a) for s, a, _ in _matches(dictionary, text)] == expected


def test_dictionary_two_names_in_a_row_are_both_found(dictionary):
    text = "Talks between Hezbollah and the Haqqani network stalled."
    assert _ids(dictionary, text) == ["hezbollah", "haqqani_network"]


# -- acronyms --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("An IRGC-QF officer was detained in Erbil.", [("IRGC-QF", "qods_force", "acronym")]),
    ("An IRGC officer was detained in Erbil.", [("IRGC", "irgc", "acronym")]),
    ("JeM claimed the attack in Pulwama.", [("JeM", "jaish_e_mohammed", "acronym")]),
    ("LeT operatives crossed the Line of Control.", [("LeT", "lashkar_e_taiba", "acronym")]),
    ("The ANA took over the checkpoint.", [("ANA", "afghan_national_army", "acronym")]),
    ("IS fighters retreated from Sirte.", [("IS", "islamic_state", "acronym")]),
    ("FARC-EP units left the zone.", [("FARC-EP", "farc", "acronym")]),
])
def test_dictionary_acronyms_match_with_exact_case(dictionary, text, expected):
    assert _matches(dictionary, text) == expected


@pytest.mark.parametrize("text", [
    "Let them go, the elder said.",       # LeT
    "It is over, he said.",               # IS
    "Soldiers told us to leave.",         # US
    "the irgc and the jem",              # lowercase acronyms
    "Ana and her sister fled.",           # ANA
])
def test_dictionary_ordinary_words_are_not_acronyms(dictionary, text):
    assert _matches(dictionary, text) == []


def test_dictionary_acronym_case_distinguishes_two_groups(dictionary):
    # JeM is Jaish-e-Mohammed (Pakistan), JEM the Justice and Equality Movement (Sudan)
    assert _ids(dictionary, "JeM and JEM") == ["jaish_e_mohammed", "jem_sudan"]


# -- adjectives ------------------------------------------------------------------------

@pytest.mark.parametrize("text, actor", [
    ("An Afghan interpreter was wounded.", "afghanistan"),
    ("A Colombian court ruled on Tuesday.", "colombia"),
    ("A Somali elder negotiated the release.", "somalia"),
    ("An Iraqi official confirmed it.", "iraq"),
])
def test_dictionary_demonym_is_an_adjective_form(dictionary, text, actor):
    assert _matches(dictionary, text) == [(text.split()[1], actor, "adjective")]


def test_dictionary_demonym_needs_its_capital(dictionary):
    assert _matches(dictionary, "an afghan rug and colombian coffee") == []


@pytest.mark.parametrize("text", ["Home | Photos | Contact Us", "Tell Us what you saw in Mosul.", "AFGHAN"])
def test_dictionary_adjectives_match_with_exact_case(dictionary, text):
    # regression: the adjective "US" matched the word "Us" (YAML says adjectives are case-sensitive)
    assert _matches(dictionary, text) == []


@pytest.mark.parametrize("text, surface", [
    ("U.S. officials in Kabul confirmed it.", "U.S"),
    ("American officials in Kabul confirmed it.", "American"),
])
def test_dictionary_dotted_adjective(dictionary, text, surface):
    assert _matches(dictionary, text) == [(surface, "united_states", "adjective")]


def test_dictionary_demonym_plus_force_noun_is_the_force(dictionary):
    assert _ids(dictionary, "Nigerian troops retook Baga.") == ["nigerian_army"]


# -- user files ------------------------------------------------------------------------

USER_YAML = textwrap.dedent("""\
    - id: boko_haram
      type: armed_group
      name: Jama'atu Ahlis Sunna Lidda'awati wal-Jihad
      aliases: [Boko Haram, Sambisa Brethren]
      acronyms: [JAS]
      country: "NG"
    - id: hawks_of_zamfara
      type: armed_group
      name: Hawks of Zamfara
      aliases: [Zamfara Hawks]
      acronyms: [HZB]
      country: "NG"
    """)


def _user_file(tmp_path, text=USER_YAML, name="user_actors.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_dictionary_user_file_adds_an_actor(tmp_path):
    d = ActorDictionary.from_files([*builtin_actor_files(), _user_file(tmp_path)])
    assert _ids(d, "The Zamfara Hawks raided Anka.") == ["hawks_of_zamfara"]
    assert _ids(d, "HZB gunmen raided Anka.") == ["hawks_of_zamfara"]
    assert "hezbollah" in d.actors          # the built-in entries are still there


def test_dictionary_user_file_overrides_a_builtin_entry(tmp_path):
    builtin = ActorDictionary.from_files(builtin_actor_files())
    d = ActorDictionary.from_files([*builtin_actor_files(), _user_file(tmp_path)])
    assert d.actors["boko_haram"].name == "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"
    assert builtin.actors["boko_haram"].name != d.actors["boko_haram"].name
    assert _ids(d, "The Sambisa Brethren attacked Gwoza.") == ["boko_haram"]
    assert _ids(builtin, "The Sambisa Brethren attacked Gwoza.") == []
    # the user's entry replaces the built-in one: aliases it leaves out are gone
    assert _ids(builtin, "The Shekau faction attacked Gwoza.") == ["boko_haram"]
    assert _ids(d, "The Shekau faction attacked Gwoza.") == []
    assert len(d.actors) == len(builtin.actors) + 1


def test_dictionary_env_var_adds_user_file(tmp_path, monkeypatch):
    path = _user_file(tmp_path, name="env_actors_add.yaml")
    monkeypatch.setenv("RATLINE_ACTORS", str(path))
    d = default_dictionary()
    assert "hawks_of_zamfara" in d.actors
    assert _ids(d, "Zamfara Hawks fighters fled.") == ["hawks_of_zamfara"]


def test_dictionary_env_var_several_files(tmp_path, monkeypatch):
    first = _user_file(tmp_path, name="env_first.yaml")
    second = _user_file(tmp_path, textwrap.dedent("""\
        - id: sahel_falcons
          type: armed_group
          name: Sahel Falcons Brigade
        """), name="env_second.yaml")
    monkeypatch.setenv("RATLINE_ACTORS", f"{first}:{second}")
    d = default_dictionary()
    assert {"hawks_of_zamfara", "sahel_falcons"} <= set(d.actors)


def test_dictionary_without_env_var_has_no_user_actor(monkeypatch):
    monkeypatch.delenv("RATLINE_ACTORS", raising=False)
    assert "hawks_of_zamfara" not in default_dictionary().actors
