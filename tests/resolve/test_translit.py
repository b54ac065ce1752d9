"""Romanisation variants and acronyms: the name keys and the resolver rules built on them."""
from __future__ import annotations

import pytest

from ratline.resolve.crossdoc import CanonicalIndex
from ratline.resolve.names import acronym_key, given_names_agree, initials_keys, translit_score
from ratline.schema import Entity


def ent(eid, etype, name, *aliases, country="IQ", basis=None):
    return Entity(eid, etype, name, [name, *aliases], country, basis=basis)


def resolve(index: CanonicalIndex, *entities: Entity) -> dict:
    res = index.plan(entities)
    index.commit(res)
    return {k: (v.entity_id, v.rule) for k, v in res.links.items()}


@pytest.mark.parametrize("a,b", [
    ("Qais al-Khazali", "Qays al-Khazaali"),      # y for i, doubled vowel
    ("Qais Qazali", "Kais Khazali"),              # Q / K / Kh
    ("Basra", "Basrah"),                          # final -ah
    ("Qods Force", "Quds Force"),                 # o / u
    ("Muqtada al-Sadr", "Moqtada Sader"),         # o / u, epenthetic e
    ("Hussein", "Husain"),                        # e for a
    ("Mahdi", "Mehdi"),
    ("Abdul Hadi", "Abd al-Hadi"),
    ("Nouri al-Maliki", "Nuri al Maliki"),
    ("Ahmad Foruzandeh", "Ahmed Forouzandeh"),
])
def test_names_translit_variants_match(a, b):
    assert translit_score(a, b) is not None
    assert translit_score(b, a) is not None


@pytest.mark.parametrize("a,b", [
    ("Hassan", "Hussein"),          # same consonants, different names
    ("Jamil", "Jamal"),
    ("Hamid", "Hamad"),
    ("Saraya al-Salam", "Saraya al-Islam"),
    ("Ali", "Alaa"),
    ("Laith Qazali", "Qais Qazali"),
    ("Kataib Hezbollah", "Kataib Hezbollah al-Nujaba"),   # a word more is another name
])
def test_names_translit_different_names_do_not_match(a, b):
    assert translit_score(a, b) is None


def test_names_given_names_agree_across_romanisations_only():
    assert given_names_agree("qais", "kais")
    assert given_names_agree("qais", "qays")
    assert not given_names_agree("qais", "laith")


@pytest.mark.parametrize("text,key", [
    ("JAM", "jam"), ("AAH", "aah"), ("KH", "kh"), ("IRGC-QF", "irgcqf"), ("MNF-I", "mnfi"),
    ("Iraq", None), ("Qods", None), ("the JAM", None), ("A", None),
])
def test_names_acronym_key(text, key):
    assert acronym_key(text) == key


@pytest.mark.parametrize("name,initials", [
    ("Jaysh al-Mahdi", "jam"), ("Asa'ib Ahl al-Haq", "aah"), ("Kata'ib Hezbollah", "kh"),
    ("Islamic Revolutionary Guard Corps-Qods Force", "irgcqf"),
    ("League of the Righteous", "lr"),
])
def test_names_initials_keys_cover_the_usual_acronym(name, initials):
    assert initials in initials_keys(name)


def test_crossdoc_person_spelled_three_ways_is_one_entity_with_evidence():
    index = CanonicalIndex()
    resolve(index, ent("a", "person", "Qais al-Khazali"))
    res = index.plan([ent("b", "person", "Kais Qazali")])
    index.commit(res)
    link = res.links["b"]
    assert (link.entity_id, link.rule) == ("qais_khazali", "translit")
    assert "Kais Qazali" in link.evidence and "Qais al-Khazali" in link.evidence
    assert resolve(index, ent("c", "person", "Qays al-Khazaali")) == {"c": ("qais_khazali", "translit")}


def test_crossdoc_brothers_stay_apart_across_spellings():
    index = CanonicalIndex()
    resolve(index, ent("a", "person", "Qais al-Khazali"))
    laith = resolve(index, ent("b", "person", "Laith Qazali"))
    assert laith["b"] == ("laith_qazali", "new")
    again = resolve(index, ent("c", "person", "Laith al-Khazaali"))
    assert again["c"] == ("laith_qazali", "translit")
    # a bare surname with two holders (across spellings) is not guessed
    bare = resolve(index, ent("d", "person", "Khazali"))
    assert bare["d"][1] == "surname_ambiguous"


def test_crossdoc_place_spelling_variant_merges_by_translit():
    index = CanonicalIndex()
    resolve(index, ent("p", "place", "Basra"))
    assert resolve(index, ent("q", "place", "Basrah")) == {"q": ("basra", "translit")}


def test_crossdoc_acronym_joins_the_one_group_with_those_initials():
    index = CanonicalIndex()
    resolve(index, ent("g", "armed_group", "Rafidain Martyrs Brigade"))
    assert resolve(index, ent("x", "armed_group", "RMB")) == {
        "x": ("rafidain_martyrs_brigade", "acronym")}


def test_crossdoc_full_name_joins_an_entity_known_by_its_acronym():
    index = CanonicalIndex()
    resolve(index, ent("x", "armed_group", "RMB"))
    assert resolve(index, ent("g", "armed_group", "Rafidain Martyrs Brigade")) == {
        "g": ("rmb", "acronym")}


def test_crossdoc_ambiguous_acronym_is_not_guessed():
    index = CanonicalIndex()
    resolve(index, ent("a", "armed_group", "Kataib Hezbollah"))
    resolve(index, ent("b", "armed_group", "Khorasan Hand"))
    assert resolve(index, ent("x", "armed_group", "KH"))["x"][1] == "new"


def test_crossdoc_acronym_needs_the_same_type():
    index = CanonicalIndex()
    resolve(index, ent("g", "armed_group", "Rafidain Martyrs Brigade"))
    assert resolve(index, ent("x", "state_force", "RMB"))["x"][1] == "new"
