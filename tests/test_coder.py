"""The event coder, specified sentence by sentence on real-news phrasing.

Each row: a sentence, then the events it must yield as (PLOVER type, actor country, recipient
country). Symmetric events may come in either order. An empty list means nothing may be coded.
"""

from __future__ import annotations

import pytest

from communique.api import Communique


@pytest.fixture(scope="module")
def coder() -> Communique:
    return Communique()


CASES = [
    ("Chinese President Xi Jinping met with his Russian counterpart Vladimir Putin in Moscow on Tuesday.",
     [("CONSULT", "CHN", "RUS")]),
    ("Indian and Japanese navies conducted a joint exercise in the Arabian Sea on Monday.",
     [("COOPERATE", "IND", "JPN")]),
    ("The United States imposed sanctions on Iran on Friday.", [("SANCTION", "USA", "IRN")]),
    # a passive summons of an envoy posted abroad is by the host state, whoever reports it
    ("Peru's ambassador to Chile was summoned to the foreign ministry on Monday, Peruvian officials said.",
     [("ACCUSE", "CHL", "PER")]),
    # what a rejection is said to rest on ("saying the boats were ...") names no one it is aimed at
    ("Peru rejected the protest, saying the boats were fishing illegally.", [("REJECT", "PER", None)]),
    # one hands things to an envoy: an envoy parsed as what is handed is who receives it, not property returned
    ("Greece's foreign ministry handed Turkish Ambassador Ahmet Yilmaz a demarche in protest.", [("ACCUSE", "GRC", "TUR")]),
    ("Greece's foreign ministry handed the Turkish ambassador a note on Monday.", []),
    # projectiles that land in a place: the state they came from attacks the state where they land
    ("Two mortar shells fired from Myanmar landed in Bangladesh on Sunday.", [("ASSAULT", "MMR", "BGD")]),
    ("Mortar shells from Myanmar landed on the Bangladesh side of the border.", [("ASSAULT", "MMR", "BGD")]),
    ("A rocket fired by Hamas landed near Tel Aviv.", [("ASSAULT", "PSE", "ISR")]),
    ("The plane carrying the minister landed in Dhaka on Sunday.", []),
    ("Vietnam lodged a protest with China over the incident.", [("ACCUSE", "VNM", "CHN")]),
    ("Japan and the Philippines signed a defense agreement in Manila.", [("SUPPORT", "JPN", "PHL")]),
    # a refused meeting is no meeting: it is a rejection of one (CAMEO 125)
    ("The Indonesian defense minister refused to meet the Australian delegation.", [("REJECT", "IDN", "AUS")]),
    ("Pakistan did not sign the treaty with India.", []),
    # a stated refusal of a cooperative act is a rejection
    ("Syria said it will not sign the agreement with Turkey.", [("REJECT", "SYR", "TUR")]),
    ("Palestinians and Israelis failed to reach agreement on the fate of the offices.", [("REJECT", "PSE", "ISR")]),
    ("Vietnam did not sign the agreement, but Japan and the Philippines held talks in Manila on Monday.",
     [("CONSULT", "JPN", "PHL")]),
    ("Germany urged Russia to withdraw its troops from the region.", [("REQUEST", "DEU", "RUS")]),
    ("North Korea condemned the United States for the drills.", [("ACCUSE", "PRK", "USA")]),
    ("Iran accused Israel of attacking its nuclear facility.", [("ACCUSE", "IRN", "ISR")]),
    ("Vietnam is willing to strengthen defense cooperation with India.", [("AGREE", "VNM", "IND")]),
    ("Australian Prime Minister Anthony Albanese held phone talks with Indonesian President Joko Widodo.",
     [("CONSULT", "AUS", "IDN")]),
    ("The Chinese coast guard seized a Vietnamese fishing boat near the Paracel Islands.", [("COERCE", "CHN", "VNM")]),
    ("Relations between the two countries have developed well in recent years.", []),
    # a stated intent is AGREE; an act announced for a stated time is the act itself, planned
    ("Finland will give Tanzania a grant of 580 million shillings.", [("AGREE", "FIN", "TZA")]),
    ("India and China will hold talks in New Delhi next week.", [("CONSULT", "IND", "CHN")]),
    # an act under "unless" is an ultimatum: a threat
    ("Nigeria will withdraw its peacekeeping force from Chad unless the rebels agree to a ceasefire.",
     [("THREATEN", "NGA", "TCD")]),
    ("Israel and Lebanon renewed negotiations on Monday on a troop pullback.", [("CONSULT", "ISR", "LBN")]),
    # in reported speech "would" is the past of "will": a stated intent (a conflictual one is a threat)
    ("Colombian rebel leaders said they would meet the Venezuelan envoy if the army halted its offensive.",
     [("AGREE", "COL", "VEN")]),
    ("Palestinian leaders said they would boycott all contact with the Canadian government.",
     [("THREATEN", "PSE", "CAN")]),
    # an unreported "would" is a hypothesis; a conflictual act under "may ... if" is a threat
    ("Germany would impose sanctions on Iran in such a case.", []),
    ("Turkey may cut aid to Syria if the attacks continue.", [("THREATEN", "TUR", "SYR")]),
    # unnamed groups are actors, with the state they are of or in
    ("Tribal elders in Afghanistan condemned the Pakistani air strikes.", [("ACCUSE", "AFG", "PAK")]),
    # armed groups carry the state they fight in, as CAMEO codes them
    ("Hezbollah fired rockets at Israel on Sunday.", [("ASSAULT", "LBN", "ISR")]),
    # an attack no one is named for is by unidentified forces of the state where it happens;
    # a passive arrest is by the authorities there; a passive withdrawal by those withdrawn
    ("Two Afghan soldiers were killed in a roadside bombing near Kandahar.", [("ASSAULT", "AFG", "AFG")]),
    ("A car bomb explosion in Mogadishu killed four Kenyan peacekeepers.", [("ASSAULT", "SOM", "KEN")]),
    ("A French journalist was arrested in Iran.", [("COERCE", "IRN", "FRA")]),
    ("Hundreds of Ethiopian troops were withdrawn from Somalia.", [("RETREAT", "ETH", "SOM")]),
    # "in the past two days" is recent, not background; those freed do not free
    ("The Venezuelan government has released 40 opposition politicians, bringing to 79 the number of people "
     "freed in the past two days.", [("RETREAT", "VEN", "VEN")]),
    # a background cue in a clause that describes a noun does not make the act background
    ("India has blamed Pakistan for the attack, which has been linked to militant groups in the past.",
     [("ACCUSE", "IND", "PAK")]),
    # "they" may be a body named before it
    ("The Houthis claimed that they had attacked the Saudi airport of Abha.", [("ASSAULT", "YEM", "SAU")]),
    # a state's forces attacking a place of their own state is an event (a domestic attack)
    ("Syrian government forces continued their attacks on rebel-held areas near Damascus on Thursday.",
     [("ASSAULT", "SYR", "SYR")]),
    # abuse and torture are assaults of their own (CAMEO 1821 sexual assault, 1822 torture)
    ("U.S. border patrol agents sexually abused illegal Mexican immigrants, a rights group charged.",
     [("ASSAULT", "USA", "MEX")]),
    # what a verb of movement moves is no party; where it goes, leaves or serves is
    ("Israel withdrew its forces from Gaza.", [("RETREAT", "ISR", "PSE")]),
    ("Israel has strengthened its forces in Lebanon after the discovery of Russian-made rockets.",
     [("MOBILIZE", "ISR", "LBN")]),
    ("Britain is deploying 300 troops to the UN peacekeeping mission in Mali.", [("AID", "GBR", "MLI")]),
    # a peacekeeping contribution stated as intent is aimed at where the force serves (CAMEO 0334:
    # "the target represents the prospective location of deployment"); receiving inspectors; a welcome
    ("Malaysia is ready to contribute 800 troops to the UN peacekeeping force in Lebanon.", [("AGREE", "MYS", "LBN")]),
    ("Sudan received a team of inspectors from the African Union.", [("RETREAT", "SDN", "AU")]),
    ("The Kenyan president gave a warm welcome to the visiting Chinese premier.", [("CONSULT", "KEN", "CHN")]),
    # orders, asylum, complaints, cancelled visits
    ("An Egyptian court ordered the British journalist to appear for questioning.", [("REQUEST", "EGY", "GBR")]),
    ("Thousands of Syrian Kurds sought asylum in Sweden.", [("REQUEST", "SYR", "SWE")]),
    ("Peru complained to the Organization of American States over Chilean naval manoeuvres.",
     [("ACCUSE", "PER", "CHL")]),
    ("The Jordanian foreign minister cancelled a planned visit to Israel.", [("SANCTION", "JOR", "ISR")]),
    ("Ethiopia forced the Eritrean diplomats out of the country.", [("SANCTION", "ETH", "ERI")]),
    # property, cyber and physical attacks
    ("Hamas militants set fire to an Israeli checkpoint.", [("COERCE", "PSE", "ISR")]),
    ("Chinese hackers tried to hack into the computers of the Taiwanese defense ministry.",
     [("COERCE", "CHN", "TWN")]),
    ("Iraqi police beat up Turkish demonstrators in Kirkuk.", [("ASSAULT", "IRQ", "TUR")]),
    ("Russia launched a ground offensive against Ukraine.", [("ASSAULT", "RUS", "UKR")]),
    # a duration is not a schedule: the intent stays an intent
    ("Armenia says it is willing to withdraw its forces from Azerbaijan after three decades of occupation.",
     [("AGREE", "ARM", "AZE")]),
    ("Chinese and Japanese negotiators returned to Beijing for talks on the disputed islands.",
     [("CONSULT", "CHN", "JPN")]),
    # yielding to demands, calling a protest off
    ("The Kenyan government bowed to demands from Somali refugees.", [("CONCEDE", "KEN", "SOM")]),
    ("The Nigerian labour union called off a strike against the government of Ghana.", [("CONCEDE", "NGA", "GHA")]),
    # a stative passive: the subject holds the stance
    ("Greece is opposed to Turkish membership of the European Union.", [("REJECT", "GRC", "TUR")]),
    ("Jordanian rescue teams evacuated the wounded from the Syrian town of Daraa.", [("AID", "JOR", "SYR")]),
    ("Russian border guards were put under investigation in Finland.", [("ACCUSE", "FIN", "RUS")]),
    # a side that names no state takes the one the text implies: the scene, or the state whose
    # own institutions act on a domestic actor
    ("Rebels blew up a bridge in northern Mali.", [("COERCE", "MLI", "MLI")]),
    ("A Kenyan court ordered opposition leader Raila Odinga to appear for questioning.", [("REQUEST", "KEN", "KEN")]),
    # "anti-" and "pro-" do not make a nationality
    ("An anti-Chinese activist was arrested in Hong Kong.", [("COERCE", "HKG", "HKG")]),
    ("The Democratic People's Republic of Korea fired two missiles at Japan.", [("ASSAULT", "PRK", "JPN")]),
    ("Egyptian police opened fire on Islamist demonstrators in Cairo.", [("ASSAULT", "EGY", "EGY")]),
    # a cooperation verb with a rule of its own is coded as that act
    ("Israel and Morocco have upgraded their diplomatic ties to ambassadorial level.", [("SUPPORT", "ISR", "MAR")]),
    ("The Kenyan government allowed Somali refugees to return home.", [("RETREAT", "KEN", "SOM")]),
    # "staged" is not "stag"
    ("Alexei Navalny, the Russian opposition leader, staged a hunger strike in prison.", [("PROTEST", "RUS", "RUS")]),
    ("The radical Palestinian Islamic Jihad movement rejected an invitation from Egypt.", [("REJECT", "PSE", "EGY")]),
    # a person of no stated state is of the one state the sentence names that the other side is not of
    ("King Hassan of Morocco said he would be ready to host talks with Israeli leaders.", [("AGREE", "MAR", "ISR")]),
    # the one asked to act is the one a demand is made of; what is demanded is not coded as done
    ("The rebel Kurdistan Workers' Party demanded that the Turkish government release its leader.",
     [("REQUEST", "TUR", "TUR")]),
    # the party of the act an act serves: "opened fire to disperse X", "struck to protest against Y"
    ("Egyptian police opened fire to disperse Islamist demonstrators in Cairo.", [("ASSAULT", "EGY", "EGY")]),
    ("Hundreds of Kurdish workers began a hunger strike to protest against Germany's decision to deport them.",
     [("PROTEST", "DEU", "DEU")]),  # a group tied to no state, acting on the one state named: of it
    # a threat to act somewhere is aimed at that place's state; a domestic party is of the actor's state
    ("Israel threatened to ban voting in East Jerusalem.", [("THREATEN", "ISR", "PSE")]),
    ("President Mnangagwa of Zimbabwe is prepared to lift the ban on the Movement for Democratic Change.",
     [("AGREE", "ZWE", "ZWE")]),
    # coordinated verbs share their parties; a capital names a body's seat
    ("Doctors from two American aid groups donated and delivered medicine to Baghdad University.",
     [("AID", "USA", "IRQ")]),
    ("A Cairo court ordered the British journalist to appear for questioning.", [("REQUEST", "EGY", "GBR")]),
    # a threat is aimed at the one whose act it is conditioned on
    ("Russia threatened to halt gas supplies unless Ukraine paid its debts.", [("THREATEN", "RUS", "UKR")]),
    # an ethnic group is a people of the state where it lives
    ("Serb forces killed three ethnic Albanians in southern Serbia.", [("ASSAULT", "SRB", "SRB")]),
    ("Ethnic Albanians in Macedonia staged a protest against the government.", [("PROTEST", "MKD", "MKD")]),
    ("The Albanians of southern Serbia are demanding autonomy from the Serbian authorities.",
     [("REQUEST", "SRB", "SRB")]),
    # a listed leader is a person whatever the tagger says; two sectors of one state are two parties
    ("Erdogan has accused the Kurdish rebels in Syria of attacking Turkish soldiers.", [("ACCUSE", "TUR", "SYR")]),
    ("The Afghan armed forces pounded the Taliban hideouts with heavy artillery.", [("ASSAULT", "AFG", "AFG")]),
    ("In September, a car bomb in Kiev killed a Chechen volunteer.", [("ASSAULT", "UKR", "UKR")]),
    # objects the parser makes subjects of a following clause are still objects
    ("Bangladesh says it will not accept any Rohingya refugees fleeing the violence.", [("REJECT", "BGD", "BGD")]),
    ("Bolivian authorities declared a state of siege in Bolivia to begin at midnight.", [("COERCE", "BOL", "BOL")]),
    # claims of attacks, condolences, contributions, rescue teams, disarmament, pushes for reform
    ("The Taliban claimed responsibility for the attack in Kandahar.", [("ASSAULT", "AFG", "AFG")]),
    # coordinated parties: one event per party on each side, as CAMEO codes a compound actor
    ("China has imposed sanctions on Mike Pompeo, Alex Azar and Steve Bannon.",
     [("SANCTION", "CHN", "USA")] * 3),
    ("Iran and Syria condemned Israel and the United States.",
     [("ACCUSE", "IRN", "ISR"), ("ACCUSE", "IRN", "USA"), ("ACCUSE", "SYR", "ISR"), ("ACCUSE", "SYR", "USA")]),
    ("Maduro has closed Venezuela's land borders with Brazil and Colombia.",
     [("COERCE", "VEN", "BRA"), ("COERCE", "VEN", "COL")]),
    # a document does not act: what an agreement "will strengthen" is no one's stated intent
    ("Chile and Peru signed the Pacific Defence Cooperation Arrangement, which will strengthen their ties.",
     [("SUPPORT", "CHL", "PER")]),
    # joining an alliance is no meeting; taking part in a named exercise is
    ("Finland and Sweden applied to join NATO in May.", []),
    # a Commonwealth state's envoy to another is its High Commissioner
    ("Ghana summoned the Nigerian Deputy High Commissioner on Monday over the border incident.",
     [("ACCUSE", "GHA", "NGA")]),
    # an abbreviation in brackets is the name before it: CAR is not a Republic of the Congo
    ("The Security Council imposed sanctions on the Central African Republic (CAR).", [("SANCTION", "UNO", "CAF")]),
    ("Rwanda accused the Democratic Republic of the Congo of backing the rebels.", [("ACCUSE", "RWA", "COD")]),
    # an ultimatum (CAMEO 139) to each party; a conviction is legal action (173); "cease-fire" is a ceasefire
    ("The Security Council issued an ultimatum to India and Pakistan.",
     [("THREATEN", "UNO", "IND"), ("THREATEN", "UNO", "PAK")]),
    ("A Kenyan court convicted three Somali pirates.", [("COERCE", "KEN", "SOM")]),
    ("The Philippine government announced a cease-fire with the communist rebels.", [("RETREAT", "PHL", "PHL")]),
    # a territory ISO does not list has the user-assigned code the EU and the IMF use
    ("Serbia accused Kosovo of provocations.", [("ACCUSE", "SRB", "XKX")]),
    # who reports a physical act does not do it; warplanes are the military of their state
    ("Iraqi warplanes bombed Islamic State positions in eastern Syria, the Iraqi government said.",
     [("ASSAULT", "IRQ", "IMG")]),
    # what a call or a demand asks for is not done
    ("Israel ignored the UN demand that it withdraw its troops from Lebanon.", []),
    ("The International Labour Organization reiterated its demand that Israel ease restrictions on "
     "Palestinian workers.", [("REQUEST", "UNO", "ISR")]),
    ("Pope Francis renewed his appeal to the warring parties in Syria to end the violence.",
     [("REQUEST", "VAT", "SYR")]),
    # silencing the media restricts political freedoms (1721); the media are a party of their own state
    ("Algerian authorities suspended publication of Algeria's largest newspaper.", [("COERCE", "DZA", "DZA")]),
    ("The Polish foreign ministry summoned Germany's charge d'affaires in Warsaw.", [("ACCUSE", "POL", "DEU")]),
    # material cooperation: opened borders, cut tariffs, halted operations, loans, handed-out relief
    ("Croatia has opened its borders to refugees from Serbia.", [("CONCEDE", "HRV", "SRB")]),
    ("The United States reduced tariffs on Chinese goods.", [("RETREAT", "USA", "CHN")]),
    ("The Turkish army said it had halted its offensive against Kurdish fighters in northern Syria.",
     [("RETREAT", "TUR", "SYR")]),
    ("Australia lent one billion dollars to Indonesia.", [("AID", "AUS", "IDN")]),
    # lawsuits are legal complaints (115); a denial of claims is a rejection; coordinated verbs are two acts
    ("The European Commission has launched legal action against the Polish government.", [("ACCUSE", "EU", "POL")]),
    ("Iran refused and denounced the American proposal.", [("REJECT", "IRN", "USA"), ("ACCUSE", "IRN", "USA")]),
    # verbal support: defending another's policy, standing with a state; mediation between two parties
    ("The United States defended Israel's decision to strike the facility.", [("SUPPORT", "USA", "ISR")]),
    ("The White House says it stands in solidarity with its closest ally the UK.", [("SUPPORT", "USA", "GBR")]),
    ("Egypt launched a mediation effort between Israel and Hamas.",
     [("CONSULT", "EGY", "ISR"), ("CONSULT", "EGY", "PSE")]),
    # "his counterpart" is the one named next, not the possessor's own side
    ("Following his visit, Erdogan met his counterpart Italian President Sergio Mattarella in Rome.",
     [("CONSULT", "TUR", "ITA")]),
    # CAMEO public statements have no PLOVER type: declining to comment (011), denying charges (016)
    ("The Government of Eritrea declined to comment on the border dispute with Ethiopia.", []),
    ("Iran strongly rejected accusations by Israel that Tehran was behind the attack on the tanker.", []),
    ("Israel rejected the Egyptian peace proposal.", [("REJECT", "ISR", "EGY")]),
    # a longer place name is not the country one of its words names
    ("The British government outlawed the largest Protestant extremist organization in Northern Ireland.",
     [("COERCE", "GBR", "GBR")]),
    # an object the parser made the subject of the clause after it is still the preposition's object
    ("Peru has granted diplomatic asylum to five Panamanian army officers holed up in a diplomatic residence.",
     [("AID", "PER", "PAN")]),
    # a person the sentence ties to no state, acting on the only state it names, is of that state
    ("Vice-President Moody Awori has declined to resign despite pressure from the Kenya Anti-Corruption Commission.",
     [("REJECT", "KEN", "KEN")]),
    # militias are armed non-state groups; smaller states have their demonyms; "a camp for refugees" aims at them
    ("A camp for Congolese refugees was attacked by Burundian militiamen.", [("ASSAULT", "BDI", "COD")]),
    ("Togolese police arrested the opposition leader.", [("COERCE", "TGO", "TGO")]),
    # a named organisation called a congress is a party, not a gathering; two parties, two events
    ("The South African government outlawed the African National Congress and the Pan Africanist Congress.",
     [("COERCE", "ZAF", "ZAF")] * 2),
    # "between" names a pair that acts together, not several recipients
    ("Vietnam welcomes increased defense collaboration between China and ASEAN member states.",
     [("SUPPORT", "VNM", "CHN")]),
    # a broken ceasefire is an assault (CAMEO 196), not a rejection
    ("Pakistani troops violated the ceasefire with India along the Line of Control.", [("ASSAULT", "PAK", "IND")]),
    # a rule's preposition must take its words: "for talks", not "after talks collapsed"
    ("The Iranian delegation came to Vienna for a new round of talks with the United States.",
     [("CONSULT", "IRN", "USA")]),
    ("The Iraqi delegation went home after talks with Turkey collapsed.", []),
    ("Saudi King Salman has sent a condolence message to Afghan President Ashraf Ghani.", [("SUPPORT", "SAU", "AFG")]),
    ("Germany contributed 46 million dollars to the Iraq Humanitarian Fund.", [("AID", "DEU", "IRQ")]),
    ("USAID deployed seven search-and-rescue teams to Haiti.", [("AID", "USA", "HTI")]),
    ("Colombia is ready to contribute troops to the NATO-led security force in Afghanistan.",
     [("AGREE", "COL", "AFG")]),
    ("The Bush administration has pushed Iraq for a new constitution.", [("REQUEST", "USA", "IRQ")]),
    # a participle used as a noun names people, not an act
    ("U.N. helicopters evacuated the wounded from the Bosnian town of Gorazde.", [("AID", "UNO", "BIH")]),
    # easing a curfew or a state of emergency is done to the state's own people
    ("President Salva Kiir has lifted a state of emergency in northern parts of South Sudan.",
     [("RETREAT", "SSD", "SSD")]),
    # a refusal "unless" is an ultimatum to the one it asks to act; "even if" concedes, it sets no condition
    ("Hezbollah will not release the soldiers unless Israel releases the Lebanese detainees.",
     [("THREATEN", "LBN", "ISR")]),
    ("Tajikistan says it will not accept refugees from Afghanistan even if they are fleeing the war.",
     [("REJECT", "TJK", "AFG")]),
    # a listed leader the tagger takes for a noun
    ("Trump has now suspended military aid to Pakistan.", [("SANCTION", "USA", "PAK")]),
    # co-subjects of an act on a thing act each on it, not on each other; on each other, they are each other's
    ("The United Kingdom and France however have opposed the resolutions.",
     [("REJECT", "GBR", None), ("REJECT", "FRA", None)]),
    ("India and Pakistan accused each other of violating the ceasefire.", [("ACCUSE", "IND", "PAK")]),
    ("Syria and Israel violated the ceasefire agreement.", [("ASSAULT", "SYR", "ISR")]),
    # asking someone to elaborate a policy is an appeal, not a refusal to comment
    ("General Qamar Bajwa urged Pakistan to elaborate a comprehensive security policy.",
     [("REQUEST", "PAK", "PAK")]),
    # a gerund after "by" has the clause's subject; fighting an ill is no assault, nor is an ill a person
    ("China continued its humanitarian efforts by donating medical supplies to Kenya to fight COVID-19.",
     [("AID", "CHN", "KEN")]),
    # the one called on is the target, not a party of the act asked for
    ("Amnesty International called on Belarusian authorities to uphold the rights of Ukrainian prisoners.",
     [("REQUEST", None, "BLR")]),
    ("President Donald Trump said he would call on the UN Security Council to restore all sanctions on Iran.",
     [("REQUEST", "USA", "UNO")]),
    # "set free", "let free": a release, however the parser hangs "free"
    ("Ethiopia let free some 74 political leaders of a tiny rebel group.", [("RETREAT", "ETH", "ETH")]),
    ("The UN called for Israel to halt settlement construction.", [("REQUEST", "UNO", "ISR")]),
    # an agreement to act is the intent to act, one event; joint subjects of a promise made to a third
    # party are co-actors, of a promise to each other each other's parties
    ("Australia has agreed to lend up to $1 billion to Indonesia.", [("AGREE", "AUS", "IDN")]),
    ("Mexico and Canada agreed to lift retaliatory tariffs on American products.",
     [("AGREE", "MEX", "USA"), ("AGREE", "CAN", "USA")]),
    ("India and Pakistan agreed to resume talks.", [("AGREE", "IND", "PAK")]),
    ("Egypt and Qatar have renewed diplomatic ties after a four-year break.", [("SUPPORT", "EGY", "QAT")]),
    # the weapon's state is the doer's ("US drone strikes"); a name with a lower-case particle is a name
    ("US drone strikes killed eight al-Qaeda leaders.", [("ASSAULT", "USA", "IMG")]),
    # aid delivered and a ceasefire declared in a place abroad are aimed at its state; at home, at no one named
    ("The U.S. government had provided $340 million for assistance in northern Iraq.", [("AID", "USA", "IRQ")]),
    ("Saudi Arabia announced a ceasefire to halt the fighting in Yemen.", [("RETREAT", "SAU", "YEM")]),
    ("The Pakistani government provided emergency aid in Sindh province.", [("AID", "PAK", None)]),
    # a call by video or phone is a call (041), whatever verb tells what was said in it
    ("During a video call on Monday, the Peruvian and Chilean presidents discussed the border issue.",
     [("CONSULT", "PER", "CHL")]),
    # an assurance of cooperation is a stated intent to cooperate (03x)
    ("The Ghanaian minister assured his Togolese counterpart of Ghana's continued military cooperation.",
     [("AGREE", "GHA", "TGO")]),
    # a readiness or intention to cooperate, stated as a noun, is an intent as "is ready to" is
    ("Kenya expressed its readiness to deepen defence cooperation with Uganda.", [("AGREE", "KEN", "UGA")]),
    # cutting the representation or suspending the agreements with a state reduces relations (16x)
    ("Peru recalled its ambassador from Chile on Monday.", [("SANCTION", "PER", "CHL")]),
    ("Peru cut its diplomatic representation in Chile to chargé d'affaires level.", [("SANCTION", "PER", "CHL")]),
    ("Peru's foreign minister said that Peru was suspending military agreements with Chile.",
     [("SANCTION", "PER", "CHL")]),
    # military aircraft entering or violating a state's airspace demonstrate military power (150)
    ("Peruvian fighter jets violated Chilean airspace on Monday.", [("MOBILIZE", "PER", "CHL")]),
    ("Two Chinese bombers entered South Korea's air defense identification zone on Tuesday.",
     [("MOBILIZE", "CHN", "KOR")]),
    # stopping talks with a state reduces relations (164); an exchange of fire is fighting between both
    ("On Wednesday, the Peruvian president said that Peru was stopping talks with Chile.",
     [("SANCTION", "PER", "CHL")]),
    ("Peruvian troops exchanged fire with Chilean soldiers near the border on Monday.", [("ASSAULT", "PER", "CHL")]),
    # handing over boats, aircraft or equipment is aid (07x), not the return of property
    ("Japan handed over two patrol boats to the Philippine coast guard on Monday.", [("AID", "JPN", "PHL")]),
    # an envoy summoned in the passive is summoned by the state the envoy is posted to
    ("The Chilean ambassador to Lima was summoned to the foreign ministry on Monday.", [("ACCUSE", "PER", "CHL")]),
    ("The Turkish Ambassador in Athens was summoned on Tuesday.", [("ACCUSE", "GRC", "TUR")]),
    # one side ends talks with the other: it breaks them off; parties ending talks together held them
    ("Peru ended its talks with Chile on Monday.", [("SANCTION", "PER", "CHL")]),
    ("Chilean and Peruvian defence officials ended two days of talks in Lima on Monday.",
     [("CONSULT", "CHL", "PER")]),
    # ties said to grow are the speaker's intent to cooperate; so are the steps a plan sets out
    ("Peru's defence minister said defence cooperation with Chile will continue to deepen.",
     [("AGREE", "PER", "CHL")]),
    ("Brazil and Chile held talks in Brasilia and identified steps to deepen cooperation in space.",
     [("CONSULT", "BRA", "CHL"), ("AGREE", "BRA", "CHL")]),
    # the struck side's account of an attack is also its accusation; a third state's is not
    ("Armenia said Azerbaijani border guards opened fire on its outpost.",
     [("ASSAULT", "AZE", "ARM"), ("ACCUSE", "ARM", "AZE")]),
    ("Russia said Azerbaijani border guards opened fire on an Armenian outpost.", [("ASSAULT", "AZE", "ARM")]),
    # what a thing will do is what it is for, no party's intent
    ("Peru and Chile will sign a pact which will deepen their military cooperation.", [("SUPPORT", "PER", "CHL")]),
    ("The Chilean admiral said the exercise will strengthen military relations with Peru.", []),
    ("The Chilean admiral said Chile will strengthen military relations with Peru.", [("AGREE", "CHL", "PER")]),
    # "them" after states named together stands for each of them
    ("Hungary is objecting to Ukraine and Moldova's bids to join the European Union, accusing them of "
     "mistreating minorities.", [("ACCUSE", "HUN", "UKR"), ("ACCUSE", "HUN", "MDA")]),
    # asking another state's envoy to leave is sending him home, no appeal
    ("Chile asked the Peruvian ambassador to leave the country within 72 hours.", [("SANCTION", "CHL", "PER")]),
    # opposing what another does is disapproval; opposing what it proposes, rejection
    ("Beijing firmly opposes provocation by the Philippines in the South China Sea.", [("ACCUSE", "CHN", "PHL")]),
    ("Beijing firmly opposes the resolution tabled by the Philippines.", [("REJECT", "CHN", "PHL")]),
    # military hardware given to another state's forces is military aid; one's own boat sent out is not
    ("New Zealand provided two patrol boats to the Fijian navy.", [("AID", "NZL", "FJI")]),
    ("The Taiwanese coast guard dispatched a patrol boat to escort the fishing boat back to port.", []),
    # a state telling of a wrong another state did it accuses the doer; its own side's wrong, no one
    ("Vietnam said a Chinese survey ship had intruded into its exclusive economic zone.", [("ACCUSE", "VNM", "CHN")]),
    ("Peru said its own patrol boat had intruded into the area by mistake.", []),
    # calling on an official is a courtesy call; calling on a state to act, an appeal
    ("The Indian envoy called on Nepal's Prime Minister in Kathmandu on Monday.", [("CONSULT", "IND", "NPL")]),
    ("China called on Japan to stop its provocations.", [("REQUEST", "CHN", "JPN")]),
    # an envoy declared persona non grata is expelled; vowing to answer in kind is a threat
    ("Estonia declared a Belarusian diplomat persona non grata.", [("SANCTION", "EST", "BLR")]),
    ("Minsk vowed to retaliate against Tallinn.", [("THREATEN", "BLR", "EST")]),
    ("Beijing vowed to respond in kind to the Canadian sanctions.", [("THREATEN", "CHN", "CAN")]),
    ("China said it would take countermeasures against Canada.", [("THREATEN", "CHN", "CAN")]),
    ("China will take resolute and forceful measures against Canada, the spokesperson said.",
     [("THREATEN", "CHN", "CAN")]),
    ("The ministry will take measures to protect its citizens.", []),
    # parties who discuss a matter together consult; one party discussing a matter alone does not
    ("Fiji's prime minister discussed maritime security with Tonga's foreign minister.", [("CONSULT", "FJI", "TON")]),
    ("The parliament discussed the budget on Monday.", []),
    # talks a third party hosts between two states: the two meet (the central pair) and the host meets each
    ("Malaysian Prime Minister Anwar Ibrahim hosted talks between Thailand and Cambodia in Putrajaya on Monday.",
     [("CONSULT", "THA", "KHM"), ("CONSULT", "MYS", "THA"), ("CONSULT", "MYS", "KHM")]),
    # two who attend a meeting together meet each other and its host; a summit's attendees do not pair
    ("Thai Prime Minister Phumtham Wechayachai and Cambodian Prime Minister Hun Manet attended the meeting in "
     "Putrajaya.", [("CONSULT", "THA", "KHM"), ("CONSULT", "THA", "MYS"), ("CONSULT", "KHM", "MYS")]),
    # what an act is called is no party to it; one state drilling alone cooperates with no one
    ("Seoul condemned the launch by Pyongyang as a violation of UN Security Council resolutions.",
     [("ACCUSE", "KOR", "PRK")]),
    ("North Korea conducted artillery drills near the maritime border on Friday.", []),
    # what one side has done again and again is background, no event; done on a day, it is one
    ("Turkish officials have repeatedly accused Athens of militarising islands in the Aegean.", []),
    # a sentence that only describes the act told ("This is the third visit by ...") tells no new act
    ("This is the third visit by Indian Navy ships to Vietnam this year.", []),
    # leaders who witness the signing of agreements between them sign them
    ("Singapore's prime minister witnessed the signing of six agreements with Malaysia.", [("SUPPORT", "SGP", "MYS")]),
]


def _found(events):
    return [(e.event_type, e.actor.country, e.recipient.country, e.symmetric) for e in events]


@pytest.mark.parametrize("sentence,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_sentence_is_coded_as_specified(coder, sentence, expected):
    found = _found(coder.code_text(sentence, published="2024-05-14").events)
    for etype, actor, recipient in expected:
        assert any(t == etype and ((a, r) == (actor, recipient) or (sym and (a, r) == (recipient, actor)))
                   for t, a, r, sym in found), f"missing {etype} {actor}->{recipient}; coded {found}"
    assert len(found) == len(expected), f"expected {expected}, coded {found}"


def test_an_act_outranks_the_circumstances_it_happens_in(coder):
    doc = coder.code_text("The Prime Minister of Nepal resigned after protesters threatened to storm his residence "
                          "in Kathmandu.")
    primary = max(doc.events, key=lambda e: e.confidence)
    assert primary.event_type == "CONCEDE" and primary.cameo == "0831"
    assert any(e.event_type == "THREATEN" for e in doc.events)


@pytest.mark.parametrize("verb", ["agreed", "promised", "pledged"])
def test_a_stated_intent_to_act_is_that_intent_alone(coder, verb):
    doc = coder.code_text(f"Australia {verb} to lend $1 billion to Indonesia.")
    assert [(e.cameo, e.actor.country, e.recipient.country) for e in doc.events] == [("033", "AUS", "IDN")]


def test_a_named_attacker_outranks_an_unnamed_doer(coder):
    doc = coder.code_text("At least two people were killed when ISIL launched an attack on the Iraqi embassy "
                          "in Kabul on Monday.")
    primary = max(doc.events, key=lambda e: e.confidence)
    assert (primary.actor.text, primary.recipient.country) == ("ISIL", "IRQ")
    assert any(e.actor.sector == "UAF" and e.confidence < primary.confidence for e in doc.events)


def test_a_further_act_lends_no_target_to_an_act_whose_object_is_named(coder):
    doc = coder.code_text("Taliban attackers stormed a police headquarters in eastern Afghanistan, killing "
                          "five officers.")
    stormed = next(e for e in doc.events if e.trigger.text == "stormed")
    assert doc.text[stormed.recipient.start:stormed.recipient.end] == "a police headquarters in eastern Afghanistan"


def test_what_is_given_decides_the_kind_of_aid_before_who_gives_it(coder):
    doc = coder.code_text("Israel Defense Forces distributed tents, food and medicine to Syrians who had fled to "
                          "the Golan Heights.")
    assert [(e.cameo, e.actor.country, e.recipient.country) for e in doc.events] == [("073", "ISR", "SYR")]


def test_the_act_outranks_the_aim_it_states(coder):
    doc = coder.code_text("Tens of thousands of students staged demonstrations in Seoul to demand reforms "
                          "by the South Korean government.")
    primary = max(doc.events, key=lambda e: e.confidence)
    assert (primary.event_type, primary.actor.country) == ("PROTEST", "KOR")
    assert any(e.event_type == "REQUEST" for e in doc.events)


def test_a_courtesy_call_on_the_leader_is_not_the_ministers_meeting(coder):
    doc = coder.code_text("Indonesian Defence Minister Prabowo Subianto and his Australian counterpart Richard "
                          "Marles held talks in Canberra on Thursday. Prabowo also paid a courtesy call on Prime "
                          "Minister Anthony Albanese.", published="2024-03-07")
    consults = sorted((e.cameo, e.actor.name, e.recipient.name) for e in doc.events if e.event_type == "CONSULT")
    assert len(consults) == 2, consults
    assert {"Richard Marles", "Anthony Albanese"} <= {n for c in consults for n in c[1:]}
    assert all(e.recipient.country in ("AUS", "IDN") and e.actor.country in ("AUS", "IDN") for e in doc.events)


def test_a_dialogue_article_keeps_its_parties_and_acts_apart(coder):
    text = ("Deputy Minister of National Defence Sen. Lt. Gen. Hoang Xuan Chien and Japanese Vice Minister of "
            "Defence Oka Masami co-chaired the ninth Vietnam-Japan Defence Policy Dialogue in Hanoi on "
            "November 15. Earlier, Chien received Japanese Ambassador Yamada Takio. The Japanese Defence "
            "Minister is scheduled to visit Vietnam next March. Meanwhile, the Philippine Foreign Ministry "
            "summoned the Chinese ambassador.")
    doc = coder.code_text(text, published="2023-11-16")
    consults = [e for e in doc.events if e.event_type == "CONSULT"]
    dialogue = next(e for e in consults if e.mechanism is not None)
    # the conjunct is not swallowed into the first person: Chien is Vietnamese, his peer Japanese
    assert {(dialogue.actor.country, dialogue.actor.sector), (dialogue.recipient.country,
                                                              dialogue.recipient.sector)} == {("VNM", "MIL"), ("JPN", "MIL")}
    # receiving the ambassador is another interaction; the scheduled visit is planned
    assert any(e.recipient.name == "Yamada Takio" and e is not dialogue for e in consults)
    visit = next(e for e in consults if e.cameo == "042")
    assert (visit.actor.country, visit.recipient.country, visit.status) == ("JPN", "VNM", "planned")


def test_negated_and_conditional_acts_are_traced(coder):
    doc = coder.code_text("The United States did not sign the deal with Iran.")
    assert doc.events == []
    assert "negated" in " ".join(doc.annotations["trace"])
    doc = coder.code_text("If Iran attacks the base, the United States will respond.")
    assert doc.events == []
    assert "inside a condition" in " ".join(doc.annotations["trace"])


def test_a_condition_does_not_undo_a_stated_refusal(coder):
    doc = coder.code_text("Syria says it will not accept any more refugees if war starts in Iraq.")
    assert [(e.event_type, e.actor.country) for e in doc.events] == [("REJECT", "SYR")]


def test_every_event_explains_itself(coder):
    doc = coder.code_text("Japan and the Philippines signed a defense agreement in Manila.")
    event = doc.events[0]
    assert event.rule == "sign-agreement"
    assert event.trigger.text == "signed"
    assert 0 < event.confidence <= 1
    assert event.cameo == "057" and event.event_type == "SUPPORT" and event.symmetric
    assert doc.text[event.trigger.start:event.trigger.end] == "signed"


def test_verbless_headlines_are_coded_without_hanging(coder):
    """Every stage climbs the parse from a trigger to its governors; a root that is no verb must
    end the climb (spaCy makes a new Token object on each access, so identity tests never do)."""
    import signal

    def fail(*_):
        raise TimeoutError("coding a verbless sentence did not finish")

    previous = signal.signal(signal.SIGALRM, fail)
    signal.alarm(30)
    try:
        for headline in ("Talks between India and China in New Delhi on Monday.",
                         "Vietnam, China beef up defence ties",
                         "Fresh clashes on the border."):
            coder.code_text(headline, published="2024-05-14")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("sentence,cameo", [
    ("U.S. border patrol agents sexually abused illegal Mexican immigrants.", "1821"),
    ("Iranian intelligence police tortured a 35-year-old inmate to death in western Iran.", "1822"),
    ("Police beat up the protesters in the square.", "182"),
])
def test_assaults_on_the_body_keep_their_own_codes(coder, sentence, cameo):
    assert [e.cameo for e in coder.code_text(sentence).events] == [cameo]


def test_those_acted_on_by_a_participle_do_not_act(coder):
    doc = coder.code_text("The Venezuelan government has released 40 opposition politicians, bringing to 79 the "
                          "number of people freed in the past two days.")
    assert [(e.cameo, e.actor.country, e.recipient.text) for e in doc.events] == [
        ("0841", "VEN", "40 opposition politicians")]


# -- the sense of a rule: what it acts on, and who the other party is -------------------------------

@pytest.mark.parametrize("sentence, expected", [
    # intercepting aircraft in the air takes nothing; intercepting or boarding a ship seizes it
    ("The Iranian drones were intercepted by Israeli fighter jets over the Golan.", []),
    ("The Indian Coast Guard boarded and inspected a Sri Lankan fishing vessel on Friday.",
     [("COERCE", "IND", "LKA")]),
    # building ships is shipbuilding, not a deployment
    ("The patrol boats were built by a Dutch shipyard for service with the Kenyan navy.", []),
    # a visit needs a host other than the visitor
    ("The French ambassador came in for a meeting on Monday.", []),
    ("The Japanese destroyers arrived in Japan last week.", []),
    ("The Chilean defense minister will travel to Xandoria on Monday.", []),  # a place of no known state
])
def test_a_rule_applies_only_to_what_its_act_is_done_to(coder, sentence, expected):
    found = [(e.event_type, e.actor.country, e.recipient.country)
             for e in coder.code_text(sentence, published="2024-05-14").events]
    assert found == expected


def test_a_demarche_handed_to_an_envoy_is_a_protest_whatever_the_parse(coder):
    doc = coder.code_text("Italy's Foreign Ministry on Monday handed French Ambassador in Rome Jean Dupont "
                          "a demarche in protest at the incident.", published="2024-05-14")
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events] == [("ACCUSE", "ITA", "FRA")]


def test_shells_fired_from_a_state_are_its_forces_attack(coder):
    doc = coder.code_text("On 3 May, two mortar shells reportedly fired from Laos landed on the Thailand border "
                          "in Chiang Rai.", published="2024-05-14")
    assert [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events] == [("ASSAULT", "LAO", "THA")]


def test_what_an_attacker_fires_on_in_the_victims_report_is_the_victims(coder):
    doc = coder.code_text("The Armenian side says Azerbaijani border guards have opened unprovoked gun and mortar "
                          "fire on their outpost.", published="2024-05-14")
    coded = [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]
    assert coded == [("ASSAULT", "AZE", "ARM"), ("ACCUSE", "ARM", "AZE")]  # telling of it, the struck side accuses


def test_a_threat_naming_no_one_in_a_two_state_article_is_aimed_at_the_other_state(coder):
    text = ("Chile recalled its ambassador from Peru on Friday after a border dispute. Peru called the move "
            "regrettable. Chile has also threatened to cut trade ties, officials said.")
    doc = coder.code_text(text, published="2024-05-14")
    threats = [(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "THREATEN"]
    assert threats == [("CHL", "PER")]


def test_a_states_protest_is_an_official_complaint_and_a_crowds_a_demonstration(coder):
    official = coder.code_text("The Chilean Defense Ministry sternly protested the entry of Peruvian aircraft into "
                               "its air defense zone.", published="2024-05-14")
    crowd = coder.code_text("Thousands of students protested against the government in Santiago.",
                            published="2024-05-14")
    assert [(e.event_type, e.cameo) for e in official.events] == [("ACCUSE", "111")]
    assert [(e.event_type, e.cameo) for e in crowd.events] == [("PROTEST", "141")]


def test_the_object_of_a_verb_of_causing_does_what_its_clause_says(coder):
    doc = coder.code_text("Two Chilean planes entered the zone on Monday, prompting the Peruvian military to dispatch "
                          "fighter jets.", published="2024-05-14")
    deployments = [e.actor.country for e in doc.events if e.event_type == "MOBILIZE"]
    assert "CHL" not in deployments


def test_executing_a_drill_kills_no_one(coder):
    doc = coder.code_text("The exercise will enable the Indian and Kenyan armies to plan and execute a series of "
                          "tactical drills.", published="2024-05-14")
    assert not any(e.event_type == "ASSAULT" for e in doc.events)


def test_an_envoy_of_a_named_state_is_not_the_speaker_who_shares_the_title(coder):
    # the parser joins the next word to the envoy's title ("the Libyan ambassador Tunisia protest")
    doc = coder.code_text("The Undersecretary of the Ministry of Foreign Affairs, Ambassador Omar Haddad, expressed "
                          "to the Libyan ambassador Tunisia protest over the declaration.", published="2024-05-14")
    envoy = next(m for m in doc.mentions if m.text.startswith("the Libyan ambassador"))
    assert envoy.country == "LBY" and envoy.actor_id != "person:omar-haddad"


@pytest.mark.parametrize("sentence, expected", [
    # an offer is made to someone; goods offered for sale promise no one anything
    ("Chile offered Peru a new trade deal on Monday.", [("AGREE", "CHL", "PER")]),
    ("A Chilean state oil company has offered ten exploration blocks for sale.", []),
    # a refusal is of an act with someone: a cabinet that could not meet refused no one
    ("The signing was delayed because the Chilean cabinet could not meet to approve it.", []),
])
def test_an_offer_or_refusal_needs_a_party(coder, sentence, expected):
    found = [(e.event_type, e.actor.country, e.recipient.country)
             for e in coder.code_text(sentence, published="2024-05-14").events]
    assert found == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Peru urged Chile to withdraw its troops.", [("REQUEST", "PER", "CHL")]),
    ("Peru called on Chile to withdraw its troops.", [("REQUEST", "PER", "CHL")]),
    # an appeal is made to a party: bids invited, a signing pushed for ask no one
    ("The tenders were invited by the Chilean oil ministry for areas under the sovereignty of Peru.", []),
])
def test_an_appeal_is_made_to_a_party(coder, sentence, expected):
    found = [(e.event_type, e.actor.country, e.recipient.country)
             for e in coder.code_text(sentence, published="2024-05-14").events]
    assert found == expected


@pytest.mark.parametrize("sentence, expected", [
    # those who travel together visit the host, not each other
    ("The defense ministers of Chile, Peru and Bolivia will travel to Argentina on Wednesday.",
     [("CONSULT", "CHL", "ARG"), ("CONSULT", "PER", "ARG"), ("CONSULT", "BOL", "ARG")]),
    # those who attend together meet the body whose gathering it is, not each other
    ("Chilean and Peruvian leaders are expected to attend a summit of the Shanghai Cooperation Organisation "
     "in Uzbekistan this week.", [("CONSULT", "CHL", "SCO"), ("CONSULT", "PER", "SCO")]),
])
def test_those_who_go_together_are_co_actors(coder, sentence, expected):
    found = [(e.event_type, e.actor.country, e.recipient.country)
             for e in coder.code_text(sentence, published="2024-05-14").events]
    assert found == expected


def test_an_act_a_party_only_alleges_is_not_told_as_done(coder):
    doc = coder.code_text("Chile and Peru claimed that Bolivia sent its troops to Paraguay.", published="2024-05-14")
    assert not any(e.event_type == "MOBILIZE" for e in doc.events)


def test_denying_having_done_an_act_is_a_statement_not_a_rejection(coder):
    denial = coder.code_text("Chile's foreign ministry denied supporting the rebels.", published="2024-05-14")
    rejection = coder.code_text("Chile rejected the Peruvian proposal.", published="2024-05-14")
    assert denial.events == []
    assert [(e.event_type, e.recipient.country) for e in rejection.events] == [("REJECT", "PER")]


def test_taking_part_needs_something_to_take_part_in(coder):
    nothing = coder.code_text("Defence officials said, Chilean patrol aircraft will also be participating.",
                              published="2024-05-14")
    talks = coder.code_text("The talks held in Lima were attended by the Chilean defense minister.",
                            published="2024-05-14")
    assert nothing.events == []
    assert [e.event_type for e in talks.events if e.trigger.text == "attended"] == ["CONSULT"]


def test_a_thing_that_blocks_is_not_the_one_who_discusses_it(coder):
    doc = coder.code_text("The Chilean foreign minister will travel to Lima to discuss a trade dispute that has "
                          "blocked Peruvian imports.", published="2024-05-14")
    assert not any(e.event_type == "COERCE" for e in doc.events)


def test_a_sanction_that_names_no_counterpart_is_aimed_at_the_other_state_of_the_article(coder):
    doc = coder.code_text("Peru accused Chile on Monday of moving troops to the border. "
                          "Peru's foreign minister said Peru was also suspending all military agreements.",
                          published="2023-03-06")
    assert ("SANCTION", "PER", "CHL") in [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]


def test_the_one_a_consequence_prompts_to_act_is_the_doer(coder):
    doc = coder.code_text("Two Peruvian patrol boats crossed the maritime border on Monday, prompting the Chilean "
                          "navy to dispatch two frigates to the area.", published="2023-03-06")
    assert [(e.event_type, e.actor.country) for e in doc.events] == [("MOBILIZE", "CHL")]


def test_an_act_included_in_measures_is_taken_by_who_takes_the_measures(coder):
    doc = coder.code_text("\"To protect our interests, Peru has decided to take necessary measures, including imposing "
                          "sanctions against the Chilean companies involved in the sale,\" the minister said.",
                          published="2023-03-06")
    assert ("SANCTION", "PER", "CHL") in [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]


def test_sanctioned_companies_no_state_is_named_for_are_of_the_other_state_of_the_article(coder):
    doc = coder.code_text("Peru summoned Chile's ambassador on Monday over the arms sale. "
                          "Peru said on Tuesday it had imposed sanctions on the companies involved.",
                          published="2023-03-06")
    assert ("SANCTION", "PER", "CHL") in [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]


def test_forces_of_both_nations_are_the_two_states_of_the_article(coder):
    doc = coder.code_text("Peru and Chile traded accusations on Tuesday over the disputed border. "
                          "Border guards of the two nations exchanged fire overnight.", published="2023-03-06")
    found = [(e.event_type, {e.actor.country, e.recipient.country}) for e in doc.events]
    assert ("ASSAULT", {"PER", "CHL"}) in found


def test_what_is_handed_over_with_no_giver_named_is_given_by_the_other_state_of_the_article(coder):
    doc = coder.code_text("Japan has built a new patrol boat for Fiji under its maritime security programme. "
                          "The vessel was then handed over to Fiji at a ceremony on Wednesday.",
                          published="2023-03-06")
    assert ("AID", "JPN", "FJI") in [(e.event_type, e.actor.country, e.recipient.country) for e in doc.events]


def test_in_an_article_between_two_states_an_unplaced_party_is_of_the_other_one(coder):
    doc = coder.code_text("Chilean and Peruvian defence officials ended two days of talks in Lima on Monday. "
                          "Peru signed a contract on Tuesday to purchase eight Condor fighters, its largest arms "
                          "purchase in a decade. Chile's defence minister welcomed the deal.", published="2025-05-07")
    signed = [e for e in doc.events if e.cameo == "057"]
    assert [(e.actor.country, e.recipient.country) for e in signed] == [("PER", "CHL")]
    assert all(e.actor.country != e.recipient.country for e in doc.events)


def test_a_trip_to_a_multilateral_gathering_is_its_attendance_apart_from_meetings_on_its_sidelines(coder):
    doc = coder.code_text("Canadian Defence Minister Anita Kovac flew to Santiago on Monday to attend the ninth "
                          "Conference of Defence Ministers of the Andes. On the sidelines of the conference, Kovac "
                          "held talks with her Chilean counterpart Luis Parra. The two ministers agreed to expand "
                          "naval training.", published="2025-03-04")
    consults = sorted((e.cameo, e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "CONSULT")
    # the conference is met as a body, not as Chile; the trip is no visit to Chile of its own
    assert ("044", "CAN", None) in consults
    assert [c for c in consults if c[0] == "042"] == []
    assert any(c[1:] in (("CAN", "CHL"), ("CHL", "CAN")) for c in consults)


def test_cooperation_between_the_two_countries_is_the_article_pairs_joint_intent(coder):
    doc = coder.code_text("Peru signed a deal with Chile on Sunday to buy eight frigates. The agreement stipulated the "
                          "purchase of the ships as well as the joint intent to strengthen military cooperation "
                          "between the two countries. Chile welcomed the deal.", published="2025-05-05")
    intents = [(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "AGREE"]
    assert intents and all(set(pair) == {"PER", "CHL"} for pair in intents)


def test_a_pronoun_voicing_a_states_concerns_speaks_for_that_state(coder):
    doc = coder.code_text("The Peruvian Foreign Ministry summoned Chilean Ambassador Jorge Vidal on Monday. He "
                          "expressed Peru's concerns about the security of its missions in Chile.",
                          published="2025-05-06")
    complaints = {(e.actor.country, e.recipient.country) for e in doc.events if e.event_type == "ACCUSE"}
    assert complaints == {("PER", "CHL")}


def test_a_decided_sanction_is_planned_and_the_threat_announcing_it_is_the_same_act(coder):
    doc = coder.code_text("Peru summoned the Chilean ambassador on Monday and said it would impose sanctions on the "
                          "Chilean firms involved in the deal. The deal angered Lima. \"To protect our interests, Peru "
                          "has decided to take necessary measures, including imposing sanctions against the companies "
                          "involved,\" the minister said.", published="2025-05-06")
    coded = sorted((e.event_type, e.status) for e in doc.events if e.event_type in ("SANCTION", "THREATEN"))
    assert coded == [("SANCTION", "planned")]
