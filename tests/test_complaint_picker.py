"""What the patient seeks care for: picked from the list or described in their own words, and the
summary they read, and may correct, before the case is sent."""

from __future__ import annotations

from pathlib import Path

from bot.config import Config
from tests.conftest import Chat, Clock, make_chat


async def _to_complaint(chat: Chat, who: str = "1") -> str:
    await chat.say("hej")
    await chat.say("1")
    if who == "1":
        return await chat.say("1")
    await chat.say("2")
    await chat.say("Mia")
    await chat.say(who)
    return await chat.say("1")  # guardian


async def test_a_number_from_the_list_starts_that_questionnaire_at_once(chat: Chat) -> None:
    printed = await _to_complaint(chat)
    assert "Vad söker du vård för?" in printed and "9. Huvudvärk" in printed
    printed = await chat.say("9")
    assert "Fråga 1 av" in printed
    case = await chat.case_of()
    assert case is not None
    assert (case.questionnaire_id, case.complaint) == ("headache", "Huvudvärk")


async def test_own_words_suggest_and_none_of_them_shows_the_whole_list(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("det svider när jag kissar")
    assert "1. Besvär när du kissar" in printed and "Inget av dem – visa hela listan" in printed
    lines = [line.strip() for line in printed.splitlines()]
    printed = await chat.say(next(line.split(".")[0] for line in lines if "Inget av dem" in line))
    assert "Välj det som passar bäst. Passar inget, välj Andra besvär." in printed
    assert "1. Hosta, förkylning och feber" in printed
    printed = await chat.say("huvudverk")  # a typo of a title is understood
    assert "Fråga 1 av" in printed
    case = await chat.case_of()
    assert case is not None and case.questionnaire_id == "headache"
    assert case.complaint == "det svider när jag kissar"


async def test_words_that_suggest_nothing_show_the_list_and_an_unclear_choice_is_asked_again(
    chat: Chat,
) -> None:
    await _to_complaint(chat)
    printed = await chat.say("jag mår inte så bra")
    assert "Passar inget, välj Andra besvär." in printed
    printed = await chat.say("kanske")
    assert "Jag förstod inte riktigt" in printed and "Andra besvär" in printed
    printed = await chat.say("Andra besvär")
    assert "Fråga 1 av" in printed
    case = await chat.case_of()
    assert case is not None and case.questionnaire_id == "general"


async def test_the_child_questionnaire_is_offered_for_children_only(chat: Chat) -> None:
    printed = await _to_complaint(chat)
    assert "Barn med feber" not in printed
    await chat.say("feber")
    case = await chat.case_of()
    assert case is not None and case.step == "topic"
    printed = await chat.say("2")  # the whole list
    assert "Barn med feber" not in printed

    await chat.say("patient2: hej")
    await chat.say("patient2: 1")
    await chat.say("patient2: 2")
    await chat.say("patient2: Mia")
    await chat.say("patient2: 8 mån")
    printed = await chat.say("patient2: 1")
    assert "Barn med feber" in printed
    printed = await chat.say("patient2: hon har feber och hostar")
    # Made for children, with the infant fever rules: suggested first.
    assert "1. Barn med feber" in printed
    await chat.say("patient2: 1")
    case = await chat.case_of("patient2")
    assert case is not None and case.questionnaire_id == "child_fever"


async def test_a_words_emergency_at_the_choice_asks_its_question_now(chat: Chat) -> None:
    await _to_complaint(chat)
    printed = await chat.say("ryggen värker")
    assert "Ont i ryggen eller lederna" in printed
    printed = await chat.say("och nu har jag ont i bröstet")
    assert "ont eller tryck i bröstet" in printed
    printed = await chat.say("ja")
    assert "Ring 112 nu." in printed


async def test_the_summary_lists_the_answers_and_nothing_is_sent_before_the_patient_says_so(
    chat: Chat,
) -> None:
    await _to_complaint(chat)
    await chat.say("Andra besvär")
    printed = await chat.answer_to_summary()
    assert "Innan du skickar" in printed
    assert "Gäller: dig själv" in printed and "Du söker för: Andra besvär" in printed
    assert "• Tecken på akut sjukdom: nej på alla 11 frågorna" in printed
    assert "• Hur ont har du just nu? 0" in printed
    assert "Svara med en siffra" not in printed.split("Innan du skickar")[1]
    case = await chat.case_of()
    assert case is not None and case.state == "intake"
    assert "Nytt ärende" not in printed

    printed = await chat.say("hmm")
    assert "Jag förstod inte riktigt" in printed and "1. Skicka" in printed
    printed = await chat.say("skicka")
    assert "Ditt ärende är skickat" in printed and "[bot → staff] Nytt ärende #1 · P4" in printed


async def test_changing_an_answer_at_the_summary_changes_the_priority(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("Andra besvär")
    await chat.answer_to_summary()
    printed = await chat.say("2")
    assert "Vilket svar vill du ändra?" in printed
    lines = [line.strip() for line in printed.splitlines()]
    number = next(line.split(".")[0] for line in lines if "Hur ont har du just nu?" in line)
    printed = await chat.say(number)
    assert "Svara på frågan igen." in printed and "Hur ont har du just nu?" in printed
    printed = await chat.say("9")
    # Straight back to the summary: every other answer still stands.
    assert "Innan du skickar" in printed and "• Hur ont har du just nu? 9" in printed
    printed = await chat.say("1")
    assert "[bot → staff] Nytt ärende #1 · P2" in printed
    case = await chat.case_of()
    assert case is not None and (case.priority, case.rule_id) == (2, "severe_pain")
    events = await chat.repos(lambda r: r.cases.events(1))
    assert any(e.reason == "amend" for e in events)


async def test_changing_the_red_flag_answers_asks_them_all_again(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("Andra besvär")
    await chat.answer_to_summary()
    await chat.say("ändra")
    printed = await chat.say("1")  # the red-flag line comes first
    assert "Svara på frågorna om akut sjukdom igen." in printed
    assert "så svårt att andas" in printed
    printed = await chat.say("nej")
    assert "ont eller tryck i bröstet" in printed
    printed = await chat.say("ja")
    assert "Ring 112 nu." in printed
    case = await chat.case_of()
    assert case is not None and (case.state, case.rule_id) == ("redirected", "rf_chest")


async def test_emergency_words_at_the_summary_bring_the_question_back(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("Andra besvär")
    await chat.answer_to_summary()
    printed = await chat.say("vänta, jag har fått svårt att andas")
    assert "så jag börjar med den frågan" in printed and "så svårt att andas" in printed
    printed = await chat.say("nej")
    assert "Innan du skickar" in printed  # only that question was asked again
    await chat.say("1")
    case = await chat.case_of()
    assert case is not None and case.state == "queued"


async def test_back_at_the_summary_changes_the_last_answer(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("Andra besvär")
    await chat.answer_to_summary()
    printed = await chat.say("tillbaka")
    assert "Vill du berätta något mer" in printed
    printed = await chat.say("Det började i går")
    assert "• Vill du berätta något mer om dina besvär? Det började i går" in printed


async def test_the_summary_of_a_child_case_names_the_child(chat: Chat) -> None:
    await _to_complaint(chat, who="4 år")
    await chat.say("Hudutslag och sår")
    printed = await chat.answer_to_summary()
    assert "Gäller: Mia" in printed and "Du söker för: Hudutslag och sår" in printed


async def test_with_the_picker_off_every_intake_uses_the_default(
    tmp_path: Path, clock: Clock
) -> None:
    config = Config.model_validate(
        {"storage": {"path": str(tmp_path / "m.db")}, "flows": {"picker": False}}
    )
    chat = await make_chat(tmp_path / "m.db", clock, config)
    try:
        printed = await _to_complaint(chat)
        assert "Vad söker du vård för?" in printed and "Huvudvärk" not in printed
        printed = await chat.say("ont i halsen")
        assert "Fråga 1 av" in printed
        case = await chat.case_of()
        assert case is not None and case.questionnaire_id == "general"
    finally:
        await chat.db.close()


async def test_an_answer_a_changed_answer_disables_is_shown_to_nobody(chat: Chat) -> None:
    await _to_complaint(chat)
    await chat.say("Ont i halsen")
    fever = {"fever": "ja", "temp_measured": "ja", "temperature": "39,5"}
    printed = await chat.answer_to_summary(overrides=fever)
    assert "• Vilken är den högsta temperatur du har mätt det senaste dygnet? 39,5" in printed
    printed = await chat.say("ändra")
    lines = [line.strip() for line in printed.splitlines()]
    number = next(line.split(".")[0] for line in lines if "Har du feber" in line)
    await chat.say(number)
    printed = await chat.say("nej")  # no fever after all
    assert "Innan du skickar" in printed and "högsta temperatur" not in printed
    await chat.say("1")
    printed = await chat.say("clinician: !next")
    assert "Har du feber eller känner du dig febrig? Nej" in printed
    assert "högsta temperatur" not in printed and "Har du mätt temperaturen" not in printed
