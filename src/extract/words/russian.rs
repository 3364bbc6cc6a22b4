//! Closed word lists of the Russian rules: stems of the words that move drugs,
//! the prepositions that give a place its role in a route, the units of
//! agencies, and the words of arrests and cooperation. Stems are lowercase
//! and matched at the start of a word, so one stem covers every ending
//! ("ввоз" in "ввоза", "ввозом").

use super::facts::EventWords;

/// Stems of words that move drugs from one place to another ("ввезти",
/// "переправка", "транзит", "канал поставок").
pub const MOVEMENT: &[&str] = &[
    "ввез",
    "ввоз",
    "вывез",
    "вывоз",
    "переправ",
    "перевез",
    "перевоз",
    "провез",
    "провоз",
    "доставк",
    "доставл",
    "достави",
    "поставк",
    "поставл",
    "транзит",
    "транспортир",
    "контрабанд",
    "канал",
    "перемещ",
    "отправ",
    "следовал",
    "направлял",
    "предназнач",
    "переброс",
    "везл",
    "везти",
    "везут",
    "везет",
    "везёт",
];

/// Stems that say a movement brings drugs into a country: with an origin and no
/// destination, the destination is the country the report is about.
pub const IMPORT: &[&str] = &["ввез", "ввоз", "контрабанд"];

/// Stems of words about drugs, besides the substances themselves.
pub const DRUG_WORDS: &[&str] = &["наркот", "наркосодерж", "психотроп", "прекурсор"];

/// Stems of words that make a sentence about drugs, so that a street name in
/// it («соль») is a drug: weights, seizing, selling and drug couriers' caches.
pub const STREET_CONTEXT: &[&str] =
    &["грамм", "килограмм", "кг", "изъя", "изым", "сбыт", "закладк", "героин", "гашиш", "мефедрон", "спайс"];

/// Stems of adjectives before «соль» that make it salt ("поваренная соль",
/// "пищевой соли"), which drugs are hidden in or passed off as.
pub const NOT_A_DRUG_BEFORE: &[&str] = &["поварен", "пищев", "морск", "каменн", "йодирован", "столов", "соль"];

/// Stems and phrases of arresting ("задержан", "арестован", "заключен под
/// стражу"). "Задержана партия" seizes drugs: an arrest also needs a person
/// or a number of people in its sentence.
pub const ARREST: &[&str] = &["задерж", "арест", "под стражу", "под стражей"];

/// Words after a number that make it the number of people arrested
/// ("задержаны 3 человека", "5 подозреваемых").
pub const ARRESTED_PEOPLE: &[&str] = &[
    "человек",
    "человека",
    "лиц",
    "лица",
    "подозреваемых",
    "подозреваемого",
    "граждан",
    "гражданина",
    "гражданки",
    "участников",
    "членов",
    "курьеров",
    "иностранцев",
    "мужчин",
    "женщин",
];

/// Phrases of working together that list no partners after them
/// ("совместная операция"); the cues of `COOPERATION_LIST` count too.
pub const COOPERATION: &[&str] = &[
    "совместной операции",
    "совместная операция",
    "совместную операцию",
    "совместных мероприятий",
    "совместных оперативных",
];

/// Cooperation cues followed by the partners they list.
pub const COOPERATION_LIST: &[&str] = &[
    "совместно с",
    "совместно со",
    "во взаимодействии с",
    "во взаимодействии со",
    "при взаимодействии с",
    "в сотрудничестве с",
    "в сотрудничестве со",
    "при содействии",
    "при поддержке",
    "при участии",
];

/// Words that may stand between listed partners ("совместно с коллегами из
/// Кыргызстана и сотрудниками ФСБ России").
pub const PARTNER_LIST_JOINERS: &[&str] = &[
    "и",
    "а",
    "также",
    "с",
    "со",
    "из",
    "коллегами",
    "коллег",
    "сотрудниками",
    "сотрудников",
    "органами",
    "органов",
    "правоохранительными",
    "правоохранительных",
    "спецслужбами",
    "спецслужб",
    "подразделениями",
    "подразделений",
];

/// Words before a country that make it where a cooperation happened, not a
/// party to it ("совместная операция в Казахстане").
pub const PARTY_LOCATIVES: &[&str] = &["в", "во", "на", "из", "через", "у", "около", "близ", "по"];

/// The Russian words of arrests and cooperation.
pub const RUSSIAN_EVENTS: EventWords = EventWords {
    arrest: ARREST,
    arrested_people: ARRESTED_PEOPLE,
    cooperation: COOPERATION,
    cooperation_list: COOPERATION_LIST,
    list_joiners: PARTNER_LIST_JOINERS,
    and: "и",
    locatives: PARTY_LOCATIVES,
};

/// Stems of words that seize: "изъято", "обнаружен", "задержана партия".
pub const SEIZURE: &[&str] = &["изъя", "изым", "обнаруж", "выявл", "задержан", "конфиск", "пресечен"];

/// Words after a country adjective that make the country a drug's origin
/// ("героин афганского происхождения", "афганского производства").
pub const ORIGIN_NOUNS: &[&str] = &["происхождения", "производства", "изготовления"];

/// Words before a place that make it the origin of a route ("из Афганистана").
pub const FROM: &[&str] = &["из", "изо"];

/// Words before a place that make it a transit place ("через Таджикистан",
/// "транзитом через", "через территорию России").
pub const VIA: &[&str] = &["через"];

/// Words before a place (in the accusative) that make it a destination ("в Россию").
pub const INTO: &[&str] = &["в", "во"];

/// Words before a place (in the genitive) that make it a destination ("до Москвы").
pub const UP_TO: &[&str] = &["до"];

/// A sentence that says where drugs were meant to go ("предназначался для
/// Германии"): "для" before a place in the genitive makes it a destination,
/// and so does "для сбыта в" before one in the prepositional.
pub const DESTINED: &[&str] = &["предназнач"];

/// "для сбыта в Новосибирске", "для реализации в России": the place is where
/// the drugs were to be sold.
pub const FOR_SALE: &[&str] = &["сбыта", "реализации", "распространения"];

/// Nouns between a preposition and a place that keep the place's role:
/// "через территорию России", "в направлении Казахстана", "в сторону".
pub const TERRITORY: &[&str] = &["территорию", "территории", "направлении", "сторону", "страны", "республики"];

/// Units of agencies written before the body they belong to ("Следственный
/// отдел УФСБ"), as the stems of their words with the unit's English name.
/// Each word matches a stem followed by any ending.
pub const UNITS: &[(&[&str], &str)] = &[
    (&["следствен", "отдел"], "Investigative Department"),
    (&["следствен", "управлени"], "Investigative Directorate"),
    (&["управлени", "по", "противодействи", "наркопреступлени"], "Department for Combating Drug Crimes"),
    (&["управлени", "по", "борьб", "с", "наркопреступност"], "Department for Combating Drug Crimes"),
    (&["департамент", "по", "борьб", "с", "наркопреступност"], "Department for Combating Drug Crimes"),
    (&["отдел", "по", "связ", "с", "общественност", "и", "сми"], "Public Relations and Media Department"),
    (&["отдел", "по", "связ", "с", "общественност"], "Public Relations Department"),
    (&["цос"], "Public Relations Center"),
    (&["пограничн", "служб"], "Border Service"),
];

/// Police departments of a region: "ДП Туркестанской области", "Департамент
/// полиции Алматинской области" (the region follows in the genitive).
pub const POLICE_DEPARTMENT: &[&[&str]] = &[&["дп"], &["департамент", "полици"]];

/// Titles of officials in the nominative. A name right after one is in the
/// nominative too ("рассказал заместитель начальника ... Нурлыбек Алибекулы"),
/// so its words are the name as it is, not a declined form of it. Their
/// stems (without the last "ь", "а" or "я") find them in other cases
/// ("начальника"), which may stand between the title and the name.
pub const TITLES_NOMINATIVE: &[&str] = &[
    "начальник",
    "заместитель",
    "министр",
    "замминистра",
    "председатель",
    "прокурор",
    "руководитель",
    "директор",
    "глава",
    "командир",
    "генерал",
    "полковник",
    "подполковник",
    "майор",
    "капитан",
    "лейтенант",
    "следователь",
    "представитель",
    "пресс-секретарь",
];

/// Stems of the words that head the name of a body ("Департамента полиции",
/// "Управления ФСБ"): written with a capital between a title and a name
/// ("начальник Департамента полиции Алматы Серик Кудебаев"), they belong to
/// the title's body, not to the name.
pub const BODY_HEADS: &[&str] = &[
    "департамент",
    "управлени",
    "комитет",
    "министерств",
    "служб",
    "агентств",
    "отдел",
    "прокуратур",
    "генпрокуратур",
    "пограничн",
    "таможн",
    "государствен",
    "национальн",
    "федеральн",
    "главн",
];

/// Stems of the words that introduce a suspect by initials or by surname and
/// initials ("гражданин А.Б.", "задержанный Петров И.С.", "житель Алматы
/// А.Б."): whoever comes after one of them within a few words is a person.
pub const PERSON_CUES: &[&str] = &[
    "гражданин",
    "гражданк",
    "граждани",
    "жител",
    "жительниц",
    "уроженец",
    "уроженк",
    "уроженц",
    "подозреваем",
    "задержанн",
    "обвиняем",
    "осужденн",
    "осуждённ",
    "фигурант",
    "курьер",
    "водител",
    "мужчин",
    "женщин",
    "иностран",
    "некий",
    "некая",
    "некоего",
    "некой",
];

/// Endings of Russian and Central Asian patronymics in the nominative
/// ("Сергеевич", "Петровна", "Алибекулы", "Нурланкызы"): a declined one
/// ("Петровича") would give a declined name, so it vouches for nothing.
pub const PATRONYMIC_ENDINGS: &[&str] = &["вич", "вна", "ична", "улы", "кызы", "оглы", "угли"];

/// Endings of patronymics in the other cases, with the case and whether the
/// person is a woman: a declined full name ("Иванова Сергея Петровича") is
/// brought back to the nominative by the case its patronymic shows.
pub const DECLINED_PATRONYMICS: &[(&str, DeclinedCase, bool)] = &[
    ("вича", DeclinedCase::Genitive, false),
    ("вичу", DeclinedCase::Dative, false),
    ("вичем", DeclinedCase::Instrumental, false),
    ("виче", DeclinedCase::Prepositional, false),
    ("вны", DeclinedCase::Genitive, true),
    ("вне", DeclinedCase::Dative, true),
    ("вну", DeclinedCase::Accusative, true),
    ("вной", DeclinedCase::Instrumental, true),
];

/// The oblique cases a declined name can be in (the genitive also stands for
/// the accusative of a man's name, which is the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclinedCase {
    /// "Сергея Иванова".
    Genitive,
    /// "Сергею Иванову".
    Dative,
    /// "Анну Иванову".
    Accusative,
    /// "Сергеем Ивановым".
    Instrumental,
    /// "о Сергее Иванове".
    Prepositional,
}

/// Endings of surnames in the nominative ("Иванов", "Петрова", "Ахметжанов",
/// "Шевченко"): a name whose first word has one and whose second has none is
/// written surname first.
pub const SURNAME_ENDINGS: &[&str] = &[
    "ов",
    "ев",
    "ёв",
    "ин",
    "ын",
    "ова",
    "ева",
    "ина",
    "ына",
    "ский",
    "ская",
    "цкий",
    "цкая",
    "енко",
    "ук",
    "юк",
    "ян",
    "дзе",
    "швили",
    "улы",
    "кызы",
];

/// Every plain list of this module, by name (for the data tests).
#[cfg(test)]
pub const ALL: &[(&str, &[&str])] = &[
    ("MOVEMENT", MOVEMENT),
    ("IMPORT", IMPORT),
    ("DRUG_WORDS", DRUG_WORDS),
    ("STREET_CONTEXT", STREET_CONTEXT),
    ("NOT_A_DRUG_BEFORE", NOT_A_DRUG_BEFORE),
    ("SEIZURE", SEIZURE),
    ("ORIGIN_NOUNS", ORIGIN_NOUNS),
    ("FROM", FROM),
    ("VIA", VIA),
    ("INTO", INTO),
    ("UP_TO", UP_TO),
    ("DESTINED", DESTINED),
    ("FOR_SALE", FOR_SALE),
    ("TERRITORY", TERRITORY),
    ("TITLES_NOMINATIVE", TITLES_NOMINATIVE),
    ("PERSON_CUES", PERSON_CUES),
    ("BODY_HEADS", BODY_HEADS),
    ("PATRONYMIC_ENDINGS", PATRONYMIC_ENDINGS),
    ("SURNAME_ENDINGS", SURNAME_ENDINGS),
];
