//! Russian reports: declined names, Russian route phrasing, quantities,
//! officials with names in Latin letters, each rule with invented positive
//! texts and hard negatives (cases that look like a route but are a location,
//! capitalised sentence starts, place names that are also common words), and
//! one entity named in a Russian and an English report linked to one id.

use crate::extraction::{all, has, has_not, labels, none_of, routes, run};
use narcograph::extract::quantities::russian_weights;
use narcograph::model::EntityKind::*;

#[track_caller]
fn route_set(text: &str) -> Vec<(String, String)> {
    routes(&run(text)).into_iter().map(|(o, d, _)| (o, d)).collect()
}

#[test]
fn russian_reports_are_told_and_get_the_russian_rules() {
    let extraction = run("Героин изъят в Оше.");
    assert_eq!(extraction.language.code.as_deref(), Some("rus"));
    assert!(extraction.language.has_rules);
}

#[test]
fn declined_country_names_are_one_country() {
    for text in [
        "Наркотики доставлены из Казахстана.",
        "Задержание произошло в Казахстане.",
        "Партия шла в Казахстан.",
        "Сотрудничество с Казахстаном продолжается.",
        "Канал поставок в Республику Казахстан перекрыт.",
        "Операцию провели сотрудники полиции РК.",
        "ВЛАСТИ КАЗАХСТАНА СООБЩИЛИ ОБ ИЗЪЯТИИ.",
    ] {
        has(text, Country, "Kazakhstan");
    }
    has("Героин везли из Кыргызской Республики.", Country, "Kyrgyzstan");
    has("Груз задержан на границе с Россией.", Country, "Russia");
    has("Груз предназначался для Германии.", Country, "Germany");
}

#[test]
fn common_words_that_decline_like_place_names_are_not_places() {
    // "Того" (of that) is also Togo, "мира" (of the world) is also the town of Mir.
    none_of("Того же мнения придерживаются эксперты.", Country);
    none_of("Наркотрафик остаётся угрозой для мира и стабильности.", City);
    none_of("Орла на гербе видно издалека.", City);
    // A lowercase "республика" alone names no country.
    none_of("Каждая республика ведёт свою статистику.", Country);
}

#[test]
fn regions_cities_and_country_adjectives() {
    has("Изъятие прошло в Туркестанской области.", Region, "Turkestan Region");
    has("Сотрудники УФСБ задержали курьера в Астраханской области.", Region, "Astrakhan Region");
    has("Курьер задержан в Екатеринбурге.", City, "Yekaterinburg");
    has("Курьер задержан в Астрахани.", City, "Astrakhan");
    has("Изъят героин афганского производства.", Country, "Afghanistan");
    has("Задержаны пять граждан Таджикистана.", Country, "Tajikistan");
    has("В АСТРАХАНИ ИЗЪЯЛИ ГЕРОИН", City, "Astrakhan");
    has("Операция спецслужб стран СНГ продолжается.", Region, "Commonwealth of Independent States");
    // A short word in capitals that is no listed form stays a word.
    none_of("ОН СКАЗАЛ, ЧТО ВСЁ В ПОРЯДКЕ.", Region);
}

#[test]
fn agencies_by_name_acronym_and_country() {
    has("Об этом сообщили в КНБ РК.", Agency, "National Security Committee of Kazakhstan");
    has("Операцию провел Комитет национальной безопасности.", Agency, "National Security Committee of Kazakhstan");
    has("Сотрудники ФСБ России изъяли героин.", Agency, "Federal Security Service of Russia");
    has("Сотрудники ГКНБ КР задержали курьера.", Agency, "State Committee for National Security of Kyrgyzstan");
    has(
        "Сотрудники ГКНБ Республики Таджикистан задержали курьера.",
        Agency,
        "State Committee for National Security of Tajikistan",
    );
    // The same acronym of another country's body goes with the country written after it.
    has_not("Сотрудники ГКНБ КР задержали курьера.", Agency, "State Committee for National Security of Tajikistan");
    has(
        "Операцию провело МВД Республики Казахстан совместно с МВД РФ.",
        Agency,
        "Ministry of Internal Affairs of Kazakhstan",
    );
    has(
        "Операцию провело МВД Республики Казахстан совместно с МВД РФ.",
        Agency,
        "Ministry of Internal Affairs of Russia",
    );
}

#[test]
fn branches_and_units_of_agencies() {
    let text = "Уголовное дело возбуждено следственным отделом УФСБ по Свердловской области.";
    has(text, Agency, "FSB Directorate for Sverdlovsk Region");
    has(text, Agency, "Investigative Department of the FSB Directorate for Sverdlovsk Region");
    has("Как сообщили в ДП Алматинской области, героин изъят.", Agency, "Almaty Region Police Department");
    has(
        "Сотрудники Управления по противодействию наркопреступлениям ДП Жамбылской области изъяли гашиш.",
        Agency,
        "Department for Combating Drug Crimes of the Jambyl Region Police Department",
    );
    // A unit with no body after it is not an agency of its own.
    none_of("Следственный отдел работает круглосуточно.", Agency);
}

#[test]
fn substances_in_any_case() {
    for (text, label) in [
        ("Изъято 5 кг героина.", "heroin"),
        ("Торговал гашишем.", "hashish"),
        ("Обнаружен опий-сырец.", "opium"),
        ("Найдены наркотические средства каннабисной группы.", "cannabis"),
        ("Изъяли мефедрон и синтетические каннабиноиды.", "mephedrone"),
        ("Изъяты прекурсоры.", "precursors"),
    ] {
        has(text, Substance, label);
    }
}

#[test]
fn routes_from_russian_prepositions_and_cases() {
    let text = "Героин планировалось переправить из Таджикистана через территорию Казахстана в Россию.";
    let found = routes(&run(text));
    assert!(
        found.iter().any(|(o, d, via)| o == "Tajikistan" && d == "Russia" && via == &["Kazakhstan".to_owned()]),
        "{found:?}"
    );
    assert!(
        route_set("Пресечен канал контрабанды наркотиков из Афганистана в Западную Европу.")
            .contains(&("Afghanistan".into(), "Western Europe".into()))
    );
    assert!(
        route_set("Гашиш ввозили из Кыргызстана транзитом через Казахстан в Россию.")
            .contains(&("Kyrgyzstan".into(), "Russia".into()))
    );
    // The country adjective before "производства" is the drug's source.
    let found = routes(&run("Героин афганского производства везли из Таджикистана в Россию."));
    assert!(
        found.iter().any(|(o, d, via)| o == "Afghanistan" && d == "Russia" && via.contains(&"Tajikistan".to_owned())),
        "{found:?}"
    );
}

#[test]
fn a_place_in_the_prepositional_is_where_it_happened_not_where_it_went() {
    // "в России" (prepositional): the seizure's place, not a destination.
    let found = route_set("Партия героина из Таджикистана задержана в России.");
    assert!(found.is_empty(), "{found:?}");
    // Citizenship and residence are no route.
    assert!(
        route_set("Задержан гражданин Узбекистана, который перевозил гашиш в Алматы.")
            .iter()
            .all(|(o, _)| o != "Uzbekistan")
    );
    // No drugs, no route: people travel too.
    assert!(route_set("Делегация прибыла из Казахстана в Россию для переговоров.").is_empty());
}

#[test]
fn a_headline_origin_and_a_body_destination_of_one_import_make_one_route() {
    let text = "Пресечена попытка ввоза героина из Ирана\n\nНа таможенном посту задержан водитель, \
                пытавшийся ввезти в Туркменистан наркотическое средство.";
    assert!(route_set(text).contains(&("Iran".into(), "Turkmenistan".into())), "{:?}", route_set(text));
    // Two origins cannot be paired with one destination: no guess.
    let text = "Пресечен ввоз героина из Ирана. Пресечен ввоз гашиша из Пакистана. \
                Водитель пытался ввезти в Туркменистан наркотики.";
    assert!(route_set(text).is_empty(), "{:?}", route_set(text));
}

#[test]
fn russian_weights_in_kilograms() {
    let kg = |text: &str| russian_weights(text, 0).into_iter().map(|q| (q.min_kg, q.max_kg)).collect::<Vec<_>>();
    assert_eq!(kg("изъято около 15 кг гашиша"), vec![(Some(15.0), Some(15.0))]);
    assert_eq!(kg("масса составила 0,715 грамма"), vec![(Some(0.000715), Some(0.000715))]);
    assert_eq!(kg("изъято более 100 кг героина"), vec![(Some(100.0), None)]);
    assert_eq!(kg("всего 13 тонн 183 килограмма"), vec![(Some(13183.0), Some(13183.0))]);
    assert_eq!(kg("1.5 кг марихуаны"), vec![(Some(1.5), Some(1.5))]);
    // A year and an article number are no weights.
    assert!(kg("22 августа 2011 г. возбуждено дело по ст.228 УК").is_empty());
}

#[test]
fn seizures_of_russian_reports_carry_their_weight() {
    let extraction = run("В Бишкеке сотрудники милиции изъяли 12 кг гашиша.");
    let seizure = extraction.seizures.first().expect("a seizure");
    assert_eq!(seizure.quantity.as_ref().and_then(|q| q.min_kg), Some(12.0));
}

#[test]
fn officials_by_title_and_people_by_patronymic_in_latin_letters() {
    has("— рассказал заместитель начальника ДП Алматинской области Ерлан Сапаров.", Official, "Erlan Saparov");
    has("Задержан Сапаров Ерлан Маратович, 1980 года рождения.", Person, "Erlan Saparov");
    // Declined, the name is brought back to the nominative by its patronymic's case.
    has("Дело возбуждено в отношении Сапарова Ерлана Маратовича.", Person, "Erlan Saparov");
    has("Беседа с Сергеем Петровичем Ахметжановым длилась час.", Person, "Sergei Akhmetzhanov");
    has("Задержана Иванова Мария Петровна.", Person, "Mariia Ivanova");
    // Capitalised words at a sentence start, places and bodies are no people.
    let extraction = run("Следственные действия продолжаются. Пограничники Казахстана задержали Водителя.");
    assert!(
        labels(&extraction, Person).is_empty() && labels(&extraction, Official).is_empty(),
        "{:?}",
        all(&extraction)
    );
    // Two capitalised words with neither a title nor a patronymic: not vouched for.
    none_of("Новая Операция стартовала вчера.", Person);
}

#[test]
fn russian_dates_date_the_seizure() {
    let extraction = run("22 августа 2011 года в Оше изъято 12 кг гашиша.");
    let dates: Vec<&str> = extraction.dates.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(dates, ["2011-08-22"]);
    assert_eq!(extraction.seizures.first().and_then(|s| s.date.as_deref()), Some("2011-08-22"));
    // Without a year, the report's (2024 in these tests); a number before another word is no date.
    let extraction = run("5 сентября в Оше изъято 12 кг гашиша, 3 мая 2020 г. — ещё 5 кг.");
    let dates: Vec<&str> = extraction.dates.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(dates, ["2024-09-05", "2020-05-03"]);
    assert!(run("Изъято 12 кг гашиша и 5 доз.").dates.is_empty());
}

#[test]
fn destined_for_a_place_is_a_destination() {
    assert!(
        route_set("Героин из Афганистана предназначался для Германии.")
            .contains(&("Afghanistan".into(), "Germany".into()))
    );
    assert!(
        route_set("Гашиш из Кыргызстана предназначался для сбыта в Новосибирске.")
            .contains(&("Kyrgyzstan".into(), "Novosibirsk".into()))
    );
    // "для" without a word of destination: "для граждан Узбекистана" names no destination.
    assert!(route_set("Из Таджикистана доставлен героин для граждан Узбекистана.").is_empty());
}

#[test]
fn people_by_surname_and_initials_with_a_year_of_birth_or_a_title() {
    // Initials alone are a person (as written) when a year of birth or a word
    // such as "гражданин" vouches for them; they never link across reports.
    has("Задержан гражданин РФ – А.Б., 1975 года рождения.", Person, "А.Б.");
    has("У подозреваемого Ж.Ш. изъято 2 кг гашиша.", Person, "Ж.Ш.");
    has("Задержан гражданин Республики Казахстан Ахметов А.Б. с героином.", Person, "A.B. Akhmetov");
    has("Жительница Оша Петрова И.С. задержана.", Person, "I.S. Petrova");
    has("Задержан Петров И.С., 1990 г.р., житель Оша.", Person, "I.S. Petrov");
    has("Как сообщил начальник отдела И.С. Петров, дело возбуждено.", Official, "I.S. Petrov");
    // Initials with no year and no title: an abbreviation as likely as a name.
    none_of("В соответствии со ст. 228 УК РФ и п.В. ч.2 дело передано в суд.", Person);
    none_of("Документ подписал А.Б. сегодня.", Person);
}

#[test]
fn street_names_are_drugs_only_in_sentences_about_drugs() {
    has("У задержанного изъято 2 кг «соли».", Substance, "alpha-PVP");
    has("Курьер делал закладки с «солью» в Алматы.", Substance, "alpha-PVP");
    // Salt in a sentence with no drugs, and table salt among drugs, is salt.
    none_of("Зимой дороги посыпают солью.", Substance);
    let extraction = run("Героин был спрятан в мешках с поваренной солью.");
    assert_eq!(labels(&extraction, Substance), ["heroin"], "{:?}", all(&extraction));
    // A drug name the dictionary lacks declines too.
    has("Изъято 500 граммов спайса.", Substance, "synthetic cannabinoids");
    let extraction = run("Изъято 500 граммов спайса и синтетика общим весом 40 граммов.");
    let seized: Vec<(Option<f64>, usize)> =
        extraction.seizures.iter().map(|s| (s.quantity.as_ref().and_then(|q| q.min_kg), s.substances.len())).collect();
    assert_eq!(seized.len(), 2, "{seized:?}");
    assert!(extraction.seizures.iter().all(|s| s.substances.len() == 1));
    let spice = extraction.entities.iter().position(|e| e.label == "synthetic cannabinoids").expect("spice");
    let grams = extraction.seizures.iter().find(|s| s.substances == [spice]).and_then(|s| s.quantity.as_ref());
    assert_eq!(grams.and_then(|q| q.min_kg), Some(0.5));
}

#[test]
fn an_official_after_a_title_and_a_body_with_a_town_in_it() {
    has(
        "Как сообщил начальник Департамента полиции Алматы Серик Кудебаев, дело возбуждено.",
        Official,
        "Serik Kudebaev",
    );
    let extraction = run("Как сообщил начальник Департамента полиции Алматы Серик Кудебаев, дело возбуждено.");
    assert_eq!(labels(&extraction, Official), ["Serik Kudebaev"], "{:?}", all(&extraction));
    // A capitalised body word with no title before it vouches for nothing.
    none_of("Департамента Полиции Алматы Серик Кудебаев не было.", Official);
}

#[test]
fn arrests_in_russian_name_the_people_or_their_number() {
    let extraction = run("В Оше задержан гражданин Д.Р., 1988 года рождения, у которого изъято 3 кг героина.");
    let arrest = extraction.arrests.first().expect("an arrest");
    assert_eq!(arrest.persons.len(), 1);
    let extraction = run("В Бишкеке задержаны 4 человека.");
    assert_eq!(extraction.arrests.first().and_then(|a| a.count), Some(4));
    // A consignment detained is a seizure, not an arrest.
    assert!(run("Задержана партия гашиша весом 10 кг.").arrests.is_empty());
    // An official who speaks is not arrested.
    assert!(run("Как сообщил начальник отдела Серик Кудебаев, задержана партия героина.").arrests.is_empty());
}

#[test]
fn cooperation_in_russian_pairs_the_body_with_each_partner() {
    let extraction = run("Сотрудники ГКНБ КР совместно с КНБ РК и ФСБ России изъяли 20 кг героина.");
    let label = |i: usize| extraction.entities[i].label.as_str();
    let mut pairs: Vec<Vec<&str>> =
        extraction.cooperations.iter().map(|c| c.parties.iter().map(|&p| label(p)).collect()).collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            vec!["Federal Security Service of Russia", "State Committee for National Security of Kyrgyzstan"],
            vec!["National Security Committee of Kazakhstan", "State Committee for National Security of Kyrgyzstan"],
        ],
        "{:?}",
        extraction.cooperations
    );
    // A country after "в" is where the joint operation ran, not a partner.
    assert!(run("В Казахстане прошла совместная операция.").cooperations.is_empty());
}

#[test]
fn districts_named_by_an_adjective_are_regions() {
    // Named after a town the gazetteer knows: the town's English name.
    has("Героин из Ошского района везли в Казахстан.", Region, "Osh District");
    assert!(
        route_set("Героин из Ошского района везли в Казахстан.")
            .contains(&("Osh District".into(), "Kazakhstan".into()))
    );
    // Else the adjective in Latin letters, in the country of its sentence's places, once per report.
    let extraction =
        run("В Вороновском районе Гродненской области изъяли 5 кг гашиша. Курьер ехал в Вороновский район.");
    let districts: Vec<_> = extraction.entities.iter().filter(|e| e.label == "Voronovsky District").collect();
    assert_eq!(districts.len(), 1, "{:?}", all(&extraction));
    assert_eq!(districts[0].country.as_deref(), Some("BY"));
    // Not a district: a noun's adjective without "-ский", a court, or a lowercase adjective.
    none_of("В Центральном районе города изъят героин.", Region);
    none_of("Районный суд рассмотрит дело о героине.", Region);
    none_of("В каждом сельском районе прошли рейды.", Region);
}
