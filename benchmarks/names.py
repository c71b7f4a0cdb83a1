"""Word stock for the synthetic archive generator: names, places, outlets, sentence templates.

Everything here is plain data; ``generate.py`` draws from it with a seeded ``random.Random``.
"""

from __future__ import annotations

# ruff: noqa: SIM905 - word lists read best as one string

GIVEN = (
    "Ahmed Ali Hassan Hussein Karim Mahmoud Mohammed Mustafa Omar Qassim Rami Saad Tariq Yusuf Zaid "
    "Abbas Adel Bashir Fadel Hamid Haidar Ibrahim Jafar Khalid Laith Majid Nabil Nouri Rashid Salim "
    "Anna Maria Elena Laura Sarah Rachel Emily Julia Claire Helen Nadia Leila Mariam Rania Samira "
    "John James Robert Michael David Richard Thomas Mark Brian Kenneth Peter Paul Andrew Stephen Daniel "
    "Olga Ivan Dmitri Sergei Yulia Pavel Natalia Viktor Elif Mehmet Ayse Emre Farid Reza Parisa Darius"
).split()

FAMILY = (
    "Abdullah Al-Amiri Al-Hashimi Al-Kadhimi Al-Maliki Al-Nuri Al-Rubaie Al-Sadr Al-Saadi Al-Tamimi "
    "Al-Zubaidi Barzani Talabani Hakim Jaafari Khalil Mansour Nasser Qureshi Rahimi Sabri Shakir "
    "Anderson Baker Carter Collins Edwards Fischer Foster Gordon Grant Harris Hughes Jenkins Keller "
    "Lawson McKenzie Milley Morgan Murphy O'Brien Palmer Porter Reed Russell Schultz Stewart Turner "
    "Walker Warren Wright Young Ivanova Petrov Sokolov Volkov Yilmaz Demir Kaya Celik Hosseini Karimi "
    "Moradi Rostami Tehrani Jafari Ahmadi Kazemi Haddad Khoury Salameh Nassar Darwish Saleh Suleiman"
).split()

# Spelling variants seen in transliteration from Arabic and Persian (applied to whole words).
TRANSLIT = {
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad"),
    "Qassim": ("Qasem", "Kassem", "Qasim"),
    "Hussein": ("Husain", "Hussain"),
    "Yusuf": ("Youssef", "Yousef"),
    "Omar": ("Umar",),
    "Jafar": ("Jaafar", "Ja'far"),
    "Al-Kadhimi": ("al-Kadhimi", "Al-Kazemi", "Kadhimi"),
    "Al-Maliki": ("al-Maliki", "Maliki"),
    "Al-Sadr": ("al-Sadr", "Sadr"),
    "Al-Nuri": ("al-Nouri", "Al-Noori"),
    "Suleiman": ("Sulaiman", "Soleimani"),
    "Hosseini": ("Husseini",),
    "Haidar": ("Haider", "Hayder"),
    "Abdullah": ("Abdallah", "Abdulla"),
    "Reza": ("Rida",),
    "Sergei": ("Sergey",),
    "Dmitri": ("Dmitry",),
    "Yulia": ("Julia", "Yuliya"),
}

TITLES = {
    "politician": ("Prime Minister", "Minister", "Deputy Minister", "Speaker", "President", "Senator", "Governor"),
    "military": ("Gen.", "Maj. Gen.", "Col.", "Lt. Gen.", "Adm."),
    "official": ("Ambassador", "Secretary", "spokesman", "adviser", "envoy"),
    "civil": ("Dr.", "Prof.", "Sheikh", "Mr.", "Ms."),
}

ORG_STEMS = (
    "Ministry of Oil", "Ministry of Defense", "Ministry of Health", "Central Bank", "Electoral Commission",
    "National Security Council", "Popular Mobilization Forces", "Kurdistan Democratic Party", "State Department",
    "Red Crescent Society", "United Nations Assistance Mission", "World Health Organization", "Oil Exploration Company",
    "Revolutionary Guards", "Federal Police", "Integrity Commission", "Supreme Judicial Council", "Chamber of Commerce",
    "Teachers' Union", "Port Authority", "Badr Organization", "Dawa Party", "Sadrist Movement", "Coalition Forces",
)
ORG_SUFFIX = ("", " of Iraq", " of Iran", " of Syria", " of Jordan", " of Lebanon", " of Turkey", " of Kuwait")
ORG_ABBREV_MIN_WORDS = 3

PLACES = (
    "Baghdad Basra Mosul Erbil Kirkuk Najaf Karbala Fallujah Ramadi Tikrit Samarra Sulaymaniyah Duhok Nasiriyah "
    "Amarah Kut Hillah Diwaniyah Baqubah Sinjar Tal Afar Qaim Rutba Taji Balad Tehran Isfahan Mashhad Tabriz "
    "Shiraz Qom Ahvaz Damascus Aleppo Homs Deir ez-Zor Raqqa Beirut Tripoli Amman Zarqa Irbid Riyadh Jeddah "
    "Doha Manama Muscat Abu Dhabi Dubai Kuwait City Ankara Istanbul Gaziantep Cairo Alexandria Geneva Vienna "
    "Brussels London Paris Washington Moscow"
).replace("Tal Afar", "Tal_Afar").replace("Deir ez-Zor", "Deir_ez-Zor").replace("Abu Dhabi", "Abu_Dhabi").replace(
    "Kuwait City", "Kuwait_City").split()
PLACE_VARIANTS = {
    "Basra": ("Basrah",), "Mosul": ("Mousul",), "Erbil": ("Arbil", "Irbil"), "Fallujah": ("Falluja",),
    "Ramadi": ("Al-Ramadi",), "Sulaymaniyah": ("Sulaimaniya", "Slemani"), "Karbala": ("Kerbala",),
    "Tikrit": ("Takrit",), "Najaf": ("Al-Najaf",), "Baqubah": ("Baquba",), "Tehran": ("Teheran",),
    "Nasiriyah": ("Nasiriya",), "Hillah": ("Hilla",), "Kut": ("Al-Kut",),
}

OUTLETS = (
    ("Reuters", "agency"), ("Associated Press", "agency"), ("Agence France-Presse", "agency"),
    ("Shafaq News", "site"), ("Rudaw", "site"), ("Kurdistan24", "site"), ("Al-Monitor", "site"),
    ("Asharq Al-Awsat", "paper"), ("The National", "paper"), ("Baghdad Post", "paper"), ("Iraqi News", "site"),
    ("Track Persia", "site"), ("Middle East Eye", "site"), ("The New Arab", "site"), ("Arab Weekly", "paper"),
    ("Basra Daily", "paper"), ("Tigris Tribune", "paper"), ("Euphrates Observer", "paper"),
    ("Gulf Courier", "paper"), ("Levant Ledger", "paper"), ("Northern Star Iraq", "paper"),
    ("Mesopotamia Monitor", "site"), ("Caspian Wire", "site"), ("Desert Dispatch", "site"),
    ("Crescent Chronicle", "paper"), ("Harbor Herald", "paper"), ("Kirkuk Now", "site"), ("Nineveh Voice", "site"),
    ("Zagros Times", "paper"), ("Anbar Record", "paper"), ("Sumer Post", "site"), ("Babylon Gazette", "paper"),
    ("Akkad Review", "site"), ("Dijla Bulletin", "site"), ("Shatt Journal", "paper"), ("Ur Telegraph", "paper"),
    ("Hamrin Herald", "paper"), ("Samarra Sentinel", "paper"), ("Karun Courier", "site"), ("Alborz Daily", "paper"),
)

EVENT_KINDS = (
    ("strike", "airstrike", "an airstrike on {place}", ("struck", "hit", "bombed")),
    ("attack", "rocket attack", "a rocket attack on a base near {place}", ("fired rockets at", "attacked")),
    ("protest", "protest", "protests in {place}", ("protested in", "rallied in")),
    ("election", "election", "provincial elections in {place}", ("voted in", "went to the polls in")),
    ("meeting", "meeting", "talks in {place}", ("met in", "held talks in")),
    ("agreement", "agreement", "an agreement signed in {place}", ("signed an agreement in", "agreed in")),
    ("visit", "visit", "a visit to {place}", ("visited", "travelled to")),
    ("flood", "flood", "floods in {place}", ("flooded",)),
    ("arrest", "arrest", "arrests in {place}", ("arrested suspects in", "detained people in")),
    ("budget", "budget vote", "a budget vote in {place}", ("passed the budget in",)),
)

TOPIC_NOUNS = (
    "oil exports", "electricity shortages", "the budget", "border security", "water rights", "militia attacks",
    "reconstruction contracts", "the displaced families", "public salaries", "the wheat harvest", "fuel prices",
    "the drought", "coalition troops", "detention centres", "corruption cases", "the dinar exchange rate",
    "gas imports", "the census", "customs revenue", "pipeline repairs", "hospital capacity", "school exams",
)

VERBS_SAY = ("said", "told reporters", "said in a statement", "told a news conference", "wrote on social media",
             "said on Tuesday", "said on Wednesday", "said late on Sunday", "told local media")

SENTENCES = (
    "{person} {say} that {topic} would be discussed again before the end of the month.",
    "According to {person}, {topic} had become the main concern of the {org}.",
    "The {org} said it was reviewing {topic} after complaints from residents of {place}.",
    "{person}, who has led the {org} since {year}, {say} the government had no plan to change course.",
    "Officials in {place} said {topic} had improved slightly, but warned that the situation remained fragile.",
    "{event_sentence}",
    "Residents of {place} described long queues and rising prices, and several said they had lost patience.",
    "\u201c{quote_line},\u201d {person} {say}.",
    "Critics of the {org} argue that {topic} has been mishandled for years.",
    "The {org} did not respond to a request for comment on {topic}.",
    "Analysts said the dispute over {topic} could delay the talks between {place} and {place2}.",
    "{person} and {person2} met in {place} on {weekday} to discuss {topic}, their offices said.",
    "A spokesman for the {org} said the figures for {topic} would be published next week.",
    "Two officials, speaking on condition of anonymity, said {person} had opposed the decision.",
    "The move follows weeks of pressure from the {org} and from lawmakers representing {place}.",
    "In {place}, local leaders said {topic} mattered more to families than any statement from the capital.",
)

QUOTE_LINES = (
    "We will not accept any interference in our affairs",
    "The people of this city deserve better services",
    "There is no military solution to this crisis",
    "We have asked the government to act quickly",
    "The investigation is continuing and nobody is above the law",
    "Our forces are ready to respond to any attack",
    "This agreement protects the rights of all sides",
    "The numbers speak for themselves",
)

HEADLINE_TEMPLATES = (
    "{person_short} warns over {topic} as talks stall",
    "{org} under pressure over {topic}",
    "{event_title} leaves {place} on edge",
    "What {event_title} means for {place}",
    "{place} residents demand answers on {topic}",
    "{person_short} visits {place} amid row over {topic}",
    "Officials split on response to {event_title}",
    "{org} announces review of {topic}",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
