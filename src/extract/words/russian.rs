//! Closed word lists of the Russian rules: stems of the words that move drugs,
//! the prepositions that give a place its role in a route, and the units of
//! agencies. Stems are lowercase and matched at the start of a word, so one
//! stem covers every ending ("ввоз" in "ввоза", "ввозом").

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
    "предназнач",
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
