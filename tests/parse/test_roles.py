"""Roles from the dependency parse (spaCy's small English pipeline, installed as a wheel)."""
from __future__ import annotations

import pytest

from ratline.parse.nlp import Parsed, load_pipeline, model_name, parse_body
from ratline.parse.roles import roles


def _roles(text: str, trigger: str):
    parsed = parse_body(text)
    at = text.index(trigger)
    tok = parsed.root_of(at, at + len(trigger))
    found = roles(tok)
    words = lambda ids: {parsed.doc[i].text for i in ids}  # noqa: E731
    return words(found.actor), words(found.target), found.passive


@pytest.mark.parametrize("text, trigger, actor, target, passive", [
    # active verb: subject acts on object
    ("Gunmen kidnapped an engineer near the market on Sunday.", "kidnapped", {"Gunmen"}, {"engineer"}, False),
    # passive with agent
    ("The commander was captured by border guards in the hills.", "captured", {"guards"}, {"commander"}, True),
    # an event noun as subject: its modifier is the author, the verb's object the target
    ("A coalition airstrike killed one insurgent in the district.", "airstrike", {"coalition"}, {"insurgent"}, False),
    # an event noun as object: the verb's subject acts; "on" names the target
    ("Militia fighters launched an attack on the army barracks at dawn.", "attack", {"fighters"}, {"barracks"}, False),
    # coordinated subject, both act
    ("Police and soldiers arrested four suspects in the port.", "arrested", {"Police", "soldiers"}, {"suspects"}, False),
    # a toll told inside an event noun: its "by" names who acted
    ("Six soldiers were killed on Monday in an attack by guerrillas near Cali.", "killed", {"guerrillas"},
     {"soldiers"}, True),
    # a verb coordinated with one that has the subject shares it
    ("Rebels ambushed and killed six soldiers near the bridge.", "killed", {"Rebels"}, {"soldiers"}, False),
    # the possessor of a release is the one released
    ("The prisoner's release came after talks with the ministry.", "release", set(), {"prisoner"}, False),
    # an event noun in a passive clause: the agent did it
    ("The raid was carried out by commandos before dawn.", "raid", {"commandos"}, set(), True),
    # fighting between two sides: the first acts, the second is hit
    ("Fighting between the army and rebels killed 12 people on Friday.", "Fighting", {"army"}, {"rebels"}, False),
    # those killed in a clash with a side: the side they met acted, the killed were hit
    ("Two fighters were killed in a clash with soldiers near the river.", "clash", {"soldiers"}, {"fighters"}, True),
    ("A militant was killed in an overnight encounter with police in the district.", "encounter", {"police"},
     {"militant"}, True),
])
def test_roles_from_the_parse(text, trigger, actor, target, passive):
    got_actor, got_target, got_passive = _roles(text, trigger)
    assert actor <= got_actor
    assert target <= got_target
    assert got_passive == passive


def test_roles_relative_pronoun_stands_for_its_noun():
    actor, _, _ = _roles("The front, which bombed the pipeline, denied any link.", "bombed")
    assert "front" in actor and "which" not in actor


def test_roles_dates_are_no_parties():
    actor, target, _ = _roles("The June 26 bombing was the first in the city.", "bombing")
    assert not ({"June", "26"} & (actor | target))


def test_parse_offsets_meet_the_body():
    text = "U.S.-led forces struck a depot."
    parsed = parse_body(text)
    assert isinstance(parsed, Parsed)
    assert parsed.token_at(text.index("depot")).text == "depot"
    assert parsed.root_of(text.index("U.S."), text.index(" forces") + 7).text == "forces"


def test_parse_model_is_a_setting(monkeypatch):
    monkeypatch.setenv("RATLINE_MODEL", "no_such_pipeline_xx")
    assert model_name() == "no_such_pipeline_xx"
    with pytest.raises(RuntimeError, match="never downloads"):
        load_pipeline("no_such_pipeline_xx")


def test_roles_pronoun_subject_stands_for_the_sayer():
    actor, target, _ = _roles("The provincial army said it had killed 20 fighters near the lake.", "killed")
    assert "army" in actor and "fighters" in target


def test_roles_pronoun_without_antecedent_in_the_sentence_stays_a_pronoun():
    actor, _, _ = _roles("It killed 20 fighters near the lake.", "killed")
    assert actor == {"It"}


def test_parse_long_body_in_pieces_keeps_every_offset(monkeypatch):
    from ratline.parse import nlp
    monkeypatch.setattr(nlp, "CHUNK", 200)
    para = "Gunmen kidnapped an engineer near the market on Sunday, police said in a statement."
    body = "\n\n".join([para] * 12) + "\n\n" + "x " * 150 + "end."
    parsed = nlp.parse_body(body)
    assert parsed.doc.text == body
    at = body.rindex("kidnapped")
    assert parsed.token_at(at).text == "kidnapped"
    assert parsed.token_at(at).head.text == "said"          # parsed in its own piece, whole


def test_parse_model_setting_reaches_the_loader(monkeypatch):
    from ratline.parse import nlp
    monkeypatch.setattr(nlp, "_CHOSEN", None)
    monkeypatch.setenv("RATLINE_MODEL", "no_such_pipeline_yy")
    with pytest.raises(RuntimeError, match="no_such_pipeline_yy"):
        nlp.load_pipeline()


def test_roles_who_announces_an_event_did_not_do_it():
    actor, target, _ = _roles("The prisoner's release was announced by the ministry.", "release")
    assert "ministry" not in actor and "prisoner" in target
