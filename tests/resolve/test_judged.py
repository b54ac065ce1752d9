"""The resolver under user judgements (pure: no database)."""
from __future__ import annotations

from ratline.resolve.judged import SAME, SPLIT, JudgedIndex, Judgement
from ratline.schema import Entity


def ent(eid, etype, name, *aliases, basis=None):
    return Entity(eid, etype, name, [name, *aliases], "IQ", basis=basis)


def resolve(index, *entities):
    res = index.plan(entities)
    index.commit(res)
    return {k: (v.entity_id, v.rule) for k, v in res.links.items()}


def test_judged_merge_sends_the_other_entity_to_the_kept_one():
    index = JudgedIndex(judgements=[Judgement("j1", SAME, "hamza_brigades", "saraya_wafa")])
    resolve(index, ent("a", "armed_group", "Hamza Brigades"))
    links = resolve(index, ent("b", "armed_group", "Saraya al-Wafa"))
    assert links["b"] == ("hamza_brigades", "user_merge")


def test_judged_merge_redirects_a_dictionary_id_and_follows_chains():
    judgements = [Judgement("j1", SAME, "a_group", "b_group"), Judgement("j2", SAME, "b_group", "kh")]
    index = JudgedIndex(dictionary_ids={"kh"}, judgements=judgements)
    links = resolve(index, ent("kh", "armed_group", "Kata'ib Hezbollah", basis="dictionary"))
    assert links["kh"] == ("a_group", "user_merge")
    assert index.representative("kh") == "a_group"


def test_judged_split_moves_only_entities_known_by_that_name():
    split = Judgement("j1", SPLIT, "sami_askari", "askari", "Askari", "askari")
    index = JudgedIndex(judgements=[split])
    resolve(index, ent("p", "person", "Sami al-Askari"))
    colonel = resolve(index, ent("c", "person", "Askari", "Colonel Askari"))
    assert colonel["c"] == ("askari", "user_split")
    adviser = resolve(index, ent("s", "person", "Sami al-Askari", "Askari"))
    assert adviser["s"][0] == "sami_askari"          # a full-name entity using "Askari" stays


def test_judged_split_target_id_is_reserved_for_the_split():
    split = Judgement("j1", SPLIT, "sami_askari", "askari", "Askari", "askari")
    index = JudgedIndex(judgements=[split])
    # an unrelated "Askari" the machine would create anew may not take the reserved id
    links = resolve(index, ent("x", "person", "Askari"))
    assert links["x"] == ("askari_2", "new")


def test_judged_without_judgements_links_like_the_machine():
    index = JudgedIndex()
    resolve(index, ent("a", "person", "Qais al-Khazali"))
    assert resolve(index, ent("b", "person", "Kais Qazali")) == {"b": ("qais_khazali", "translit")}
