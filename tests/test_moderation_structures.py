"""Tone rules by structure (issue 14, round 2): word classes combined by position
(bot/moderation/structures.py, lexicon/structures.yaml). Each structure is tried on wordings
written for this test, none taken from a corpus, in sv, en and fi; the hard negatives beside
them (the writer's own body, a medical question, a shift the writer works, spaced initials)
must stay below "log"."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.moderation import Moderator, load_lexicon
from bot.moderation.structures import StructureError, Structures


@pytest.fixture(scope="module")
def moderator() -> Moderator:
    return Moderator.load()


# (structure, language, text, category)
STRUCTURES = [
    # Sexual harassment: the reader's looks, body, clothes, a date, a picture, a touch.
    ("appearance", "sv", "fan vad snygg du är idag syster", "sexual_harassment"),
    ("appearance", "en", "honestly you look gorgeous on the video", "sexual_harassment"),
    ("appearance", "fi", "oot tosi kaunis hoitaja", "sexual_harassment"),
    ("body", "sv", "dina läppar ser mjuka ut", "sexual_harassment"),
    ("body", "en", "can't stop looking at your thighs", "sexual_harassment"),
    ("body", "fi", "sun huulet on ihanat", "sexual_harassment"),
    ("clothing", "sv", "byt till en kortare kjol du, det klär dig", "sexual_harassment"),
    ("clothing", "en", "your uniform looks a size too small, love it", "sexual_harassment"),
    ("clothing", "fi", "laita huomenna se punainen mekko ja hame päälle sä", "sexual_harassment"),
    ("date", "sv", "vill du gå på dejt med mig på lördag", "sexual_harassment"),
    ("date", "en", "you and me, drinks after your last patient?", "sexual_harassment"),
    ("date", "fi", "lähtisitkö sä mun kanssa treffeille", "sexual_harassment"),
    ("photo", "sv", "skicka en selfie på dig själv", "sexual_harassment"),
    ("photo", "en", "got any pics of yourself off duty?", "sexual_harassment"),
    ("photo", "fi", "laita kuvia susta bikineissä", "sexual_harassment"),
    ("private", "sv", "ge mig ditt nummer, ingen behöver veta", "sexual_harassment"),
    ("private", "en", "let's meet up, just the two of us, off the record", "sexual_harassment"),
    ("private", "fi", "anna numero, kenenkään ei tarvii tietää", "sexual_harassment"),
    ("exam", "sv", "undersök mig hur du vill, jag klagar inte", "sexual_harassment"),
    ("exam", "en", "you can examine me however you like, doc", "sexual_harassment"),
    ("exam", "fi", "saat tutkia mua miten haluat", "sexual_harassment"),
    ("bed", "sv", "ligger naken i sängen, vill du komma hem", "sexual_harassment"),
    ("bed", "en", "all alone in bed tonight, want to come over?", "sexual_harassment"),
    ("bed", "fi", "oon yksin sängyssä, tuu käymään", "sexual_harassment"),
    ("thinking", "sv", "jag drömmer om dina händer", "sexual_harassment"),
    ("thinking", "en", "I keep thinking about your eyes", "sexual_harassment"),
    ("thinking", "fi", "ajattelen sun silmät koko ajan", "sexual_harassment"),
    ("arousal", "sv", "blev kåt av att höra din röst", "sexual_harassment"),
    ("arousal", "en", "I got hard when you said my name", "sexual_harassment"),
    ("relation", "fi", "ootko sinkku vai varattu", "sexual_harassment"),
    # Threats: harm with intent and a target, across sentences.
    ("intent", "sv", "jag ska mörda dig. tro mig.", "threat"),
    ("intent", "en", "I'm going to strangle you, wait and see", "threat"),
    ("intent", "fi", "mä ammun sut", "threat"),
    ("weapon", "sv", "jag tar med mig kniven till mottagningen nästa gång", "threat"),
    ("weapon", "en", "next time I'll bring a gun to the surgery", "threat"),
    ("weapon", "fi", "tuon aseen terveyskeskukseen huomenna", "threat"),
    ("know where", "sv", "jag vet var du parkerar", "threat"),
    ("know where", "en", "we know where you work", "threat"),
    ("know where", "fi", "mä tiedän missä sä asut", "threat"),
    ("lurking", "sv", "ditt pass slutar snart. jag står utanför", "threat"),
    ("lurking", "en", "when you finish tonight. I'll be waiting.", "threat"),
    ("lurking", "fi", "vuorosi loppuu pian. odotan pihalla.", "threat"),
    ("consequence", "sv", "du kommer ångra det här", "threat"),
    ("consequence", "en", "you'll regret this, mark my words", "threat"),
    ("consequence", "fi", "tuut vielä katumaan tätä", "threat"),
    ("family", "sv", "dina barn går väl på Björkens förskola", "threat"),
    ("family", "en", "your daughter walks home from school alone, right?", "threat"),
    ("family", "fi", "sun lapset on siinä päiväkodissa, eikö", "threat"),
    ("possession", "sv", "fin bil du har, vore synd om något hände den", "threat"),
    ("possession", "en", "nice house you've got, would be a shame if it burned", "threat"),
    ("possession", "fi", "sun auto on hieno, ois kurjaa jos sille kävis jotain", "threat"),
    ("bag", "sv", "jag lämnade ett paket i receptionen, utrym innan tre", "threat"),
    ("bag", "en", "there's a package at reception. evacuate before noon", "threat"),
    ("bag", "fi", "aulassa on laukku, poistukaa ennen kolmea", "threat"),
    ("coming to harm", "fi", "tuun hakkaamaan sut", "threat"),
    ("spelled", "sv", "d ö d a", "threat"),
    ("spelled", "en", "s h o o t", "threat"),
    ("spelled", "fi", "a m m u n", "threat"),
    ("fire", "sv", "jag häller bensin i er entré i natt", "threat"),
    ("fire", "en", "a can of petrol and your clinic, think about it", "threat"),
    ("fire", "fi", "sytytän teidän terveysaseman", "threat"),
    ("lurk you", "sv", "jag väntar på dig ute ikväll", "threat"),
    ("lurk you", "en", "I'll be waiting for you after work", "threat"),
    ("lurk you", "fi", "odotan sua illalla parkkipaikalla", "threat"),
    ("know private", "sv", "jag vet vilken bil du har", "threat"),
    ("know private", "en", "I know your address now", "threat"),
    ("know private", "fi", "tiedän sun osoitteen", "threat"),
    ("ominous", "sv", "det här är inte över, syster", "threat"),
    ("ominous", "en", "watch your back on the way home", "threat"),
    ("ominous", "fi", "tää ei jää tähän, hoitaja", "threat"),
    ("body target", "sv", "jag ska bryta näsan på dig", "threat"),
    ("body target", "en", "I'm going to break your legs", "threat"),
    ("body target", "fi", "katkaisen sun niskat", "threat"),
    ("ultimatum", "sv", "bäst för dig att skriva ut det, annars får du se", "threat"),
    ("ultimatum", "en", "you'd better sort my prescription, or else", "threat"),
    ("ultimatum", "fi", "parasta että soitat tänään tai muuten", "threat"),
    ("blow up", "sv", "jag spränger hela stället", "threat"),
    ("blow up", "en", "I'll blow up the place", "threat"),
    ("blow up", "fi", "räjäytän koko paikan", "threat"),
    ("sexual act", "sv", "vill ligga med dig på britsen", "sexual_harassment"),
    ("sexual act", "en", "I'd love to sleep with you, nurse", "sexual_harassment"),
    ("sexual act", "fi", "haluisin naida sua", "sexual_harassment"),
    ("invite home", "sv", "kom hem till mig efter jobbet", "sexual_harassment"),
    ("invite home", "en", "come back to my place, I'll cook", "sexual_harassment"),
    ("invite home", "fi", "tuu meille tänään", "sexual_harassment"),
    ("go back", "sv", "åk hem till ditt land", "discrimination"),
    ("go back", "en", "go back where you came from", "discrimination"),
    ("go back", "fi", "opettele suomea ennen kuin hoidat ketään", "discrimination"),
    # Insults: compounds on an insulting last part, stems in any case, diminutives.
    ("compound", "sv", "din korkskallejävel", "insult"),
    ("compound", "sv", "du är en riktig surkärring", "insult"),
    ("compound", "sv", "sjukvårdshora, svara nu", "insult"),
    ("headed", "sv", "era idiotråttor fattar inget", "insult"),
    ("stem", "fi", "sinä typeryksen näköinen", "insult"),
    ("stem", "fi", "ääliöt siellä vastaanotossa", "insult"),
    ("stem", "fi", "mikä hölmöläinen", "insult"),
    ("stem", "en", "you utter nitwits", "insult"),
    ("diminutive", "sv", "lilla doktorn, läs journalen först", "insult"),
    ("diminutive", "en", "listen, little doctor, I know my rights", "insult"),
    ("diminutive", "fi", "pikku hoitaja ei taida tietää", "insult"),
    ("even", "sv", "har du ens en legitimation?", "insult"),
    ("even", "en", "did you even go to med school?", "insult"),
    ("even", "fi", "osaatko sä edes lukea?", "insult"),
    # Discrimination: a slur compound, a group refused or held in contempt.
    ("slur compound", "sv", "jävla somalifan", "discrimination"),
    ("slur compound", "sv", "arabjävlar överallt", "discrimination"),
    ("group refused", "sv", "är läkaren muslim? då vill jag byta", "discrimination"),
    ("group refused", "en", "if the doctor is a foreigner, I want to swap", "discrimination"),
    ("group refused", "fi", "jos lääkäri on maahanmuuttaja, vaihtakaa", "discrimination"),
    ("kind", "sv", "kvinnor fattar inget om medicin", "discrimination"),
    ("kind", "en", "women are glorified nurses at best", "discrimination"),
    ("kind", "fi", "naiset ei ymmärrä mitään lääketieteestä", "discrimination"),
]


@pytest.mark.parametrize(("structure", "lang", "text", "category"), STRUCTURES)
def test_structures_catch_wordings_nobody_listed(
    moderator: Moderator, structure: str, lang: str, text: str, category: str
) -> None:
    verdict = moderator.check(text, lang)
    assert verdict.category == category, (structure, moderator.explain(text, lang))


def test_threat_structures_alert_staff_at_once(moderator: Moderator) -> None:
    for _, lang, text, category in STRUCTURES:
        if category == "threat":
            assert moderator.check(text, lang).action == "alert_staff", text


# Everyday lines with the same words in another structure: they must stay below "log".
HARD_NEGATIVES = [
    ("sv", "kan du titta på mina bröst, det är en knöl i det vänstra"),
    ("sv", "ska jag vara naken under undersökningen?"),
    ("sv", "kan jag skicka en bild på utslaget till dig?"),
    ("sv", "jag slutar mitt pass kl 16, kan ni ringa efter det? jag väntar utanför apoteket"),
    ("sv", "min son går i samma skola som din dotter, så vi ses säkert"),
    ("sv", "jag vet inte var jag ska vända mig"),
    ("sv", "jag skar mig på en kniv i köket, kan jag komma till vårdcentralen?"),
    ("sv", "kan vi skjuta upp tiden? jag ska till jobbet"),
    ("sv", "jag vill byta till en kvinnlig läkare inför gynundersökningen"),
    ("sv", "min lillsyrra är sjuk, kan hon komma med?"),
    ("sv", "Stefan ringer om receptet"),
    ("sv", "jag känner mig som en idiot som inte ringde tidigare"),
    ("sv", "vitamin B 12 och D"),
    ("sv", "A B C-vitaminer, ska jag ta dem?"),
    ("en", "you said I can take ibuprofen with dinner, right?"),
    ("en", "can you look at my lips, they're swollen"),
    ("en", "I'll shoot you a message when the results come"),
    ("en", "is the medicine going to kill the infection?"),
    ("en", "my breathing is hard, can you call me?"),
    ("en", "I can't get hard, can you help?"),
    ("en", "stupid question, but can I drink coffee?"),
    ("en", 'my dad yelled "you idiot" at the nurse, sorry'),
    ("en", "I'd prefer a female doctor for the smear test"),
    ("en", "your kids go to the same school as mine, small world"),
    ("en", "signed, J R R"),
    ("en", "I left my bag in your waiting room, can someone keep it?"),
    ("fi", "voinko näyttää rinnat lääkärille vai riittääkö kuva?"),
    ("fi", "tyhmä kysymys, mutta voiko saunoa?"),
    ("fi", "tapan aikaa odotushuoneessa"),
    ("fi", "olen ääliö kun unohdin reseptin"),
    ("fi", "mun vuoro loppuu kuudelta, voiko soittaa sen jälkeen?"),
    ("fi", "ajattelin polttaa sillat ja vaihtaa terveyskeskusta"),
    ("fi", "poltan tupakkaa, haittaako se leikkausta?"),
    ("en", "I broke my leg last week, can I come in?"),
    ("en", "you'd better call me back, otherwise I'll go to the ER"),
    ("sv", "min arm har svullnat upp, bäst för mig att komma in?"),
    ("en", "I am trying to learn Swedish, can we write in English?"),
    ("sv", "du ska få se en bild på utslaget"),
    ("sv", "kan sjuksköterskan komma på hembesök, jag väntar på dig hemma"),
    ("en", "I burned myself on petrol at the clinic's car park, is it bad?"),
]


@pytest.mark.parametrize(("lang", "text"), HARD_NEGATIVES)
def test_everyday_lines_with_the_same_words_stay_below_log(
    moderator: Moderator, lang: str, text: str
) -> None:
    verdict = moderator.check(text, lang)
    assert not verdict.flagged, moderator.explain(text, lang)


def test_explain_names_the_structure_and_its_words(moderator: Moderator) -> None:
    text = moderator.explain("dina läppar ser mjuka ut", "sv")
    assert "structure.sexual.body" in text
    assert "body 'lappar'" in text or "body 'läppar'" in text


def test_a_class_of_one_language_is_not_read_in_another(moderator: Moderator) -> None:
    assert moderator.check("mikä tosser", "fi").category != "insult"
    assert moderator.check("what a tosser", "en").category == "insult"
    # A language no class names gets every class.
    assert moderator.check("what a tosser", "de").category == "insult"


def test_broken_structures_file_is_a_lexicon_problem(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: xx\nentries: []\n", encoding="utf-8")
    (tmp_path / "structures.yaml").write_text(
        "classes:\n  you: {words: [du]}\nrules:\n  - {id: r, category: threat, all: [you, nope]}\n",
        encoding="utf-8",
    )
    problems = load_lexicon(tmp_path).problems
    assert any("unknown classes ['nope']" in problem for problem in problems)


def test_a_lexicon_without_structures_has_no_structure_rules(tmp_path: Path) -> None:
    (tmp_path / "xx.yaml").write_text("language: xx\nentries: []\n", encoding="utf-8")
    moderator = Moderator.load(tmp_path)
    assert moderator.check("jag ska mörda dig", "xx").category == "clean"


def test_structure_rules_need_known_fields() -> None:
    with pytest.raises(StructureError, match="unknown fields"):
        Structures({"classes": {"you": {"words": ["du"], "colour": "red"}}})
