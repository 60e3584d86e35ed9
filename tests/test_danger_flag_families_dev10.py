"""Red flags written the way dev10's writers wrote them (a guess before the danger, a carer, a
childminder or a flatmate writing), each family said other ways (none taken from a corpus), with
everyday lines in the same words beside them (issue 12)."""

from __future__ import annotations

import pytest

from flows.phrases import red_flag_hits

SEEN = [
    # a guess of a muscle, then the chest with the jaw or arm
    ("troligen bara en sträckning men det trycker över bröstet och vänster arm domnar", "rf_chest"),
    (
        "säkert bara muskler efter snöskottningen men bröstet värker och det strålar upp i käken",
        "rf_chest",
    ),
    (
        "probably a muscle from moving furniture but my chest feels crushed and my jaw hurts",
        "rf_chest",
    ),
    (
        "maybe just a strained muscle but there's pressure on my chest and pain down my left arm",
        "rf_chest",
    ),
    ("varmaan vaan lihasjumi mut rintaa puristaa ja vasempaan käteen säteilee", "rf_chest"),
    ("luultavasti lihaskipua mutta rinnassa on painon tunne ja leuka särkee", "rf_chest"),
    # one ball higher, a kick to the balls
    ("vänster kula har åkt upp och gör sjukt ont sen en timme", "rf_testicle"),
    ("fick en spark i kulorna på innebandyn, svullet och blålila", "rf_testicle"),
    ("got kneed in the balls an hour ago, swollen and going purple", "rf_testicle"),
    ("pojka sai pallon munille, turvoksissa ja kipee", "rf_testicle"),
    ("sain polvesta munille, kipu ei mene ohi ja turpoaa", "rf_testicle"),
    ("mormors barnbarn 2 år har 40 i feber och andas jättefort", "rf_child"),
    ("veljenpoika 2v, kova kuume ja hengittää nopeesti", "rf_child"),
    # a young baby who won't feed and sleeps, or is mottled
    ("my 2 week old has skipped three feeds and is so sleepy", "rf_child"),
    ("newborn refused the last two bottles and keeps sleeping, hard to wake", "rf_child"),
    ("bebisen 5 veckor vägrar flaskan och är jättesömnig", "rf_child"),
    ("vår nyfödda har vägrat bröstet hela dagen och sover bara", "rf_child"),
    ("vauva 4 vk ei syö ja on hirveen unelias", "rf_child"),
    ("6 week old baby, skin mottled and very sleepy", "rf_child"),
    ("bebisen är marmorerad och slö, 2 mån", "rf_child"),
    ("vauvan iho on marmoroitunut ja se on veltto", "rf_child"),
    # a child with fever who breathes fast, has gone quiet and pale
    ("my nephew is 3, fever 39.8, breathing really fast and gone very quiet", "rf_child"),
    ("dagbarnet 18 mån har hög feber, andas snabbt och är blek", "rf_child"),
    ("sonen 4 år har 40 graders feber och har blivit tyst och blek", "rf_child"),
    ("tyttö 3v, kuumetta 39,5, hengittää tiheään ja on kalpea", "rf_child"),
    ("3-vuotiaalla kova kuume ja hän on tosi hiljainen ja kalpea", "rf_child"),
    ("the little girl I babysit has a high temperature, she's pale and gone quiet", "rf_child"),
    # headache, vomiting, drowsy and a rash, no fever said
    (
        "min sambo har huvudvärk och kräks, nu jättedåsig och har fått utslag på benen",
        "rf_meningitis",
    ),
    (
        "roommate has a splitting headache, keeps throwing up, now very drowsy with a rash",
        "rf_meningitis",
    ),
    ("poika oksentaa, pää on kipeä ja iholla on pilkkuja, nyt uninen", "rf_meningitis"),
    # the baby does not move
    ("33 weeks pregnant and haven't felt the baby kick since this morning", "rf_pregnancy"),
    ("i'm 36 weeks, baby hasn't moved today", "rf_pregnancy"),
    ("gravid v 34, har inte känt barnet röra sig på hela dagen", "rf_pregnancy"),
    ("vecka 29 och bebisen har inte sparkat sen igår", "rf_pregnancy"),
    ("rv 35 eikä vauva ole liikkunut koko päivänä", "rf_pregnancy"),
    # blood that spurts or won't stop under pressure
    ("cut my thumb with the bread knife, it's spurting and won't stop", "rf_bleeding"),
    (
        "sliced my finger on a mandoline and it keeps bleeding even though I pressed for 20 min",
        "rf_bleeding",
    ),
    ("skar mig i tummen på ett glas och det sprutar blod", "rf_bleeding"),
    ("skar mig med yxan, blöder trots att jag tryckt i en halvtimme", "rf_bleeding"),
    ("kirves osui jalkaan ja veri suihkuaa", "rf_bleeding"),
    ("leikkasin sormeen ja vuotaa vaikka painoin puoli tuntia", "rf_bleeding"),
    # breathing but no contact: the consciousness question first
    ("hittade pappa i soffan, han andas men går inte att väcka", "rf_consciousness"),
    ("my mum is breathing but she won't respond to anything", "rf_consciousness"),
    ("isä hengittää mutta ei saa mitään kontaktia", "rf_consciousness"),
    ("he's breathing but I can't rouse him", "rf_consciousness"),
    # kicked in the head and knocked out
    ("kon sparkade mig i huvudet, var borta en stund, nu huvudvärk", "rf_injury"),
    ("got kicked in the head by a horse and was knocked out for a bit", "rf_injury"),
    ("lehmä potkaisi päähän ja olin hetken tajuton", "rf_injury"),
    # a swollen throat after tonsillitis with breath that won't come: breathing first
    ("after tonsillitis her throat is swollen, drooling and can barely breathe", "rf_breathing"),
    # round 2: the same families said by carers, flatmates and babysitters, and with a guess first
    (
        "probably nothing but my flatmate is really drowsy, has a headache and a purple rash",
        "rf_meningitis",
    ),
    ("kämppikseni on tosi tokkurainen, päänsärkyä ja violetteja täpliä", "rf_meningitis"),
    ("min rumskompis är jättedåsig, har ont i huvudet och lila prickar", "rf_meningitis"),
    (
        "I look after my elderly neighbour, she's suddenly very confused and her speech is slurred",
        "rf_stroke",
    ),
    ("hemtjänsten här, brukaren hänger med ena mungipan och sluddrar", "rf_stroke"),
    ("kotihoitaja: asiakkaan suupieli roikkuu ja puhe sammaltaa", "rf_stroke"),
    ("säkert bara migrän men jag ser dubbelt och ena armen är svag", "rf_stroke"),
    (
        "probably just a migraine but I can't lift my right arm and my words come out wrong",
        "rf_stroke",
    ),
    ("varmaan vaan migreeni mut oikee käsi ei nouse ja sanat menee sekaisin", "rf_stroke"),
    ("förmodligen bara förkylning men han får inte luft och läpparna är blå", "rf_breathing"),
    (
        "probably just a cold but she's struggling to breathe and her lips are bluish",
        "rf_breathing",
    ),
    ("varmaan vaan flunssa mut ei saa henkeä ja huulet sinertää", "rf_breathing"),
    ("probably just my period but I'm soaking a pad every half hour and feel faint", "rf_bleeding"),
    ("säkert bara mensen men jag blöder igenom en binda i halvtimmen och är yr", "rf_bleeding"),
    ("varmaan vaan kuukautiset mut side täyttyy puolessa tunnissa ja huimaa", "rf_bleeding"),
    (
        "probably a stomach bug but I'm 9 weeks pregnant, sharp pain on one side and spotting",
        "rf_pregnancy",
    ),
    (
        "säkert bara magsjuka men jag är gravid i vecka 8 och har jätteont på ena sidan",
        "rf_pregnancy",
    ),
    (
        "varmaan vaan vatsatauti mut oon raskaana viikolla 7 ja kova kipu toisella puolella",
        "rf_pregnancy",
    ),
    ("babysitting my sister's 8 month old, she's floppy and won't feed", "rf_child"),
    ("passar grannens bebis 6 mån, hon är slapp och vill inte äta", "rf_child"),
    ("hoidan naapurin vauvaa 7 kk, se on veltto eikä syö", "rf_child"),
    ("my housemate ate peanuts by mistake, his lips are swelling and he's wheezing", "rf_allergy"),
    ("min sambo åt nötter av misstag, tungan sväller och han väser", "rf_allergy"),
    ("kaveri söi vahingossa pähkinää, huulet turpoo ja hengitys vinkuu", "rf_allergy"),
    ("probably just a bruise but my son's testicle is swollen and he's being sick", "rf_testicle"),
    ("säkert inget men sonens testikel är svullen och han kräks", "rf_testicle"),
    ("varmaan ei mitään mut pojan kives on turvonnut ja hän oksentaa", "rf_testicle"),
    (
        "found my neighbour at the bottom of the stairs, she's awake but can't move her legs",
        "rf_injury",
    ),
    ("fick ett slag i huvudet på hockeyn, svimmade och nu mår jag illa", "rf_injury"),
    ("got hit in the head by a swing, blacked out for a minute and been sick twice", "rf_injury"),
    ("probably just heartburn but my chest is tight and I'm sweating buckets", "rf_chest"),
    ("säkert bara halsbränna men det trycker över bröstet och jag kallsvettas", "rf_chest"),
    ("mormor svarar inte ordentligt, hon andas men är helt borta", "rf_consciousness"),
    (
        "grandad is breathing but completely out of it, can't get a word from him",
        "rf_consciousness",
    ),
    ("mummo hengittää mutta ei reagoi mihinkään", "rf_consciousness"),
    ("sliced my hand open on a tin, blood is pumping out", "rf_bleeding"),
    ("sågade i tummen, blodet pulserar ut", "rf_bleeding"),
    ("my 10 week old baby won't take her bottles and is really sleepy", "rf_child"),
    ("bebisen 2 mån vill inte ta flaskan och sover hela tiden", "rf_child"),
    ("we're 37 weeks and the baby has been very quiet all day", "rf_pregnancy"),
    # round 3: "it's probably nothing" / "säkert inget" / "tuskin mitään" before the danger
    ("it's probably nothing but my dad's face looks droopy on one side since lunch", "rf_stroke"),
    ("det är nog inget men pappas ena mungipa hänger sen lunch", "rf_stroke"),
    ("tuskin mitään mut isän toinen suupieli roikkuu lounaasta asti", "rf_stroke"),
    ("I'm sure it's fine but I'm 32 weeks and bleeding bright red", "rf_pregnancy"),
    ("säkert inget farligt men jag är i vecka 32 och blöder rött", "rf_pregnancy"),
    ("tuskin mitään vakavaa mut rv 32 ja vuotaa kirkasta verta", "rf_pregnancy"),
    ("säkert inget men min 2 månaders har 38,5 feber", "rf_child"),
    ("luultavasti ei mitään mut 2 kk vauvalla on 38,4 kuumetta", "rf_child"),
    # contractions and waters now, not ahead
    ("38 weeks and contractions every 2 minutes with heavy bleeding", "rf_pregnancy"),
    ("vecka 35 och jag har värkar och blöder", "rf_pregnancy"),
    ("jag undrar om vattnet gick, vecka 34, det rinner", "rf_pregnancy"),
    ("my waters broke at 33 weeks", "rf_pregnancy"),
    ("rv 34 ja lapsivesi meni", "rf_pregnancy"),
]


@pytest.mark.parametrize(("text", "flag"), SEEN, ids=[t for t, _ in SEEN])
def test_the_family_asks_its_red_flag_first(text: str, flag: str) -> None:
    assert red_flag_hits(text)[:1] == [flag]


QUIET = [
    "förmodligen bara muskelvärk efter gymmet, ont i bröstet när jag trycker",
    "probably just a pulled muscle, chest hurts when I press on it after the gym",
    "lihasperäinen kipu rinnassa salin jälkeen, sattuu kun painaa",
    "snorig och ont i halsen sen i måndags",
    "snoring and a sore throat for a week",
    "nuha ja kurkku kipeä kolme päivää",
    "gravid vecka 36, allt bra, när ska vi åka in när värkarna börjar?",
    "39 weeks, everything fine, when should we go in once contractions start",
    "rv 39, kaikki hyvin, milloin lähdetään kun supistukset alkavat",
    "allerginen munille, mitä voin syödä",
    "my 3 year old is quiet and a bit pale today but eating and playing, no fever",
    "sonen 5 år är blek och trött efter förkylning, ingen feber",
    "baby 3 months, skin looks a bit blotchy after bath, feeding well",
    "lite utslag och huvudvärk efter nya tabletten",
    "headache and a rash from a new soap",
    "my 20 week scan is next week, baby moving lots",
    "skar mig lite i fingret, det har slutat blöda",
    "sprutar insulin i magen, kan jag byta till låret",
    "cut my finger slicing bread, small cut, stopped bleeding",
    "my son got kicked in the shin at football, bruised",
    "he's breathing fine but snoring a lot, should we see someone",
    # round 2
    "probably just a cold, runny nose and a sore throat",
    "säkert bara förkylning, snuva och lite hosta",
    "varmaan vaan flunssa, nenä vuotaa",
    "my flatmate has a headache and a rash from sunburn",
    "babysitting my niece next week, what dose of calpol for a 2 year old",
    "barnbarnet 5 år har vattkoppor, kliar, pigg",
    "veljenpoika 4v on kuumeessa 38 mut leikkii",
    "gravid vecka 30, bebisen sparkar mycket, kan jag flyga",
    "jobbar på förskola, behöver intyg om vaccination",
    "childminder here, how do I register a child with your clinic",
    "cut my finger chopping onions, small cut, plaster on",
    "squirted lemon in my eye, stings a bit",
    "min nyfödda sover mycket och äter bra, är det normalt",
    "my newborn is sleepy after feeds, gaining weight fine",
    "quiet and pale after a late night, hungover",
    # round 3: labour and waters ahead, practice contractions, a guess about something minor
    "38 weeks, how will I know when labour starts?",
    "vecka 39, hur vet jag när förlossningen börjar",
    "rv 38, mistä tiedän kun synnytys alkaa",
    "36 weeks, what should I do if my waters break at night",
    "gravid v 37, vad gör jag om vattnet går",
    "rv 37, mitä teen jos lapsivesi menee",
    "38 weeks, practice contractions on and off, no pain, normal?",
    "probably nothing but can I get my mole checked",
    "säkert inget men kan ni titta på en leverfläck",
    "my flatmate keeps coughing at night, can she book here",
]


@pytest.mark.parametrize("text", QUIET)
def test_everyday_lines_in_the_same_words_ask_nothing(text: str) -> None:
    assert red_flag_hits(text) == []
