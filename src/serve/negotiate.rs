//! Content negotiation: the media type to answer with, from a request's
//! `Accept` header and what the answer can be written as.

/// The offered media type the `Accept` header prefers, by quality and then
/// by the order of `offered` (its first is the default for `*/*` and for a
/// request without `Accept`). `None` when the client accepts none of them.
pub fn choose<'a>(accept: Option<&str>, offered: &[&'a str]) -> Option<&'a str> {
    let accept = match accept.map(str::trim) {
        None | Some("") => return offered.first().copied(),
        Some(accept) => accept,
    };
    let mut best: Option<(f32, usize)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media_range = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
        let quality =
            parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if quality <= 0.0 {
            continue;
        }
        for (index, media_type) in offered.iter().enumerate() {
            if !matches(&media_range, media_type) {
                continue;
            }
            let better = match best {
                None => true,
                Some((q, i)) => quality > q || (quality == q && index < i),
            };
            if better {
                best = Some((quality, index));
            }
        }
    }
    best.map(|(_, index)| offered[index])
}

/// True when a media range (`text/*`, `*/*`, `text/csv`) covers a media type.
fn matches(range: &str, media_type: &str) -> bool {
    match range.split_once('/') {
        Some(("*", "*")) => true,
        Some((kind, "*")) => media_type.split('/').next() == Some(kind),
        _ => range == media_type,
    }
}

#[cfg(test)]
mod tests {
    use super::choose;

    const RESULTS: &[&str] = &["application/sparql-results+json", "application/sparql-results+xml", "text/csv"];

    #[test]
    fn the_client_s_preference_wins_and_the_first_offer_is_the_default() {
        assert_eq!(choose(None, RESULTS), Some("application/sparql-results+json"));
        assert_eq!(choose(Some("*/*"), RESULTS), Some("application/sparql-results+json"));
        assert_eq!(choose(Some("text/csv"), RESULTS), Some("text/csv"));
        assert_eq!(choose(Some("text/*"), RESULTS), Some("text/csv"));
        assert_eq!(
            choose(Some("application/sparql-results+json;q=0.5, application/sparql-results+xml"), RESULTS),
            Some("application/sparql-results+xml")
        );
        assert_eq!(choose(Some("text/csv;q=0, */*;q=0.1"), RESULTS), Some("application/sparql-results+json"));
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(choose(Some("image/png"), RESULTS), None);
        assert_eq!(choose(Some("text/csv;q=0"), RESULTS), None);
    }
}
