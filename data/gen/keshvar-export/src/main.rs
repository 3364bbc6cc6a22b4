//! Dumps keshvar's countries and subdivisions as JSON lines on stdout.
//!
//! keshvar packages the data of the Ruby `countries` gem (MIT licence):
//! ISO 3166-1 names, unofficial names, nationality adjectives, translations
//! (we keep English and Russian), ISO 3166-2 subdivisions, and the coordinates
//! of each country's and subdivision's centre.

use keshvar::CountryIterator;
use serde_json::json;

fn main() {
    for country in CountryIterator::new() {
        let translations = country.translations();
        let subdivisions: Vec<_> = country
            .subdivisions()
            .values()
            .map(|subdivision| {
                let names = subdivision.translations();
                json!({
                    "code": subdivision.code(),
                    "name": subdivision.name(),
                    "type": format!("{:?}", subdivision.subdivision_type()),
                    "en": names.get("en"),
                    "ru": names.get("ru"),
                    "unofficial": subdivision.unofficial_name_list(),
                    "latitude": subdivision.geo().and_then(|geo| geo.latitude()),
                    "longitude": subdivision.geo().and_then(|geo| geo.longitude()),
                })
            })
            .collect();
        let record = json!({
            "alpha2": format!("{:?}", country.alpha2()),
            "alpha3": format!("{:?}", country.alpha3()),
            "iso_short_name": country.iso_short_name(),
            "iso_long_name": country.iso_long_name(),
            "unofficial": country.unofficial_name_list(),
            "nationality": country.maybe_nationality(),
            "en": translations.get("en"),
            "ru": translations.get("ru"),
            "subdivisions": subdivisions,
            "latitude": country.geo().latitude(),
            "longitude": country.geo().longitude(),
        });
        println!("{record}");
    }
}
