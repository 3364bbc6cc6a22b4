//! Determinism: the same reports give byte-identical `extract` output and an
//! identical canonical N-Quads dump, whatever the thread count and the order
//! the reports are loaded in.

use crate::support::{self, Workspace, run_with};

#[test]
fn extract_output_does_not_depend_on_the_thread_count() {
    let dir = support::sample_reports().display().to_string();
    let one = run_with(None, &["--threads", "1", "extract", &dir], None, &[]).ok();
    let four = run_with(None, &["--threads", "4", "extract", &dir], None, &[]).ok();
    assert!(!one.stdout.is_empty());
    assert_eq!(one.stdout, four.stdout);
}

#[test]
fn the_store_does_not_depend_on_load_order_or_threads() {
    let reports: Vec<std::path::PathBuf> = {
        let mut files: Vec<_> =
            std::fs::read_dir(support::sample_reports()).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        files
    };
    let dump = |ws: &Workspace| ws.run(&["export", "--format", "nquads", "--canonical"]).ok().stdout;
    let together = Workspace::new();
    together.run(&["--threads", "1", "load", &support::sample_reports().display().to_string()]).ok();
    let reversed = Workspace::new();
    for report in reports.iter().rev() {
        reversed.run(&["--threads", "4", "load", &report.display().to_string()]).ok();
    }
    let halves = Workspace::new();
    let (first, second) = reports.split_at(reports.len() / 2);
    for part in [second, first] {
        let owned: Vec<String> = part.iter().map(|p| p.display().to_string()).collect();
        let mut args = vec!["load", "--chunk-size", "2"];
        args.extend(owned.iter().map(String::as_str));
        halves.run(&args).ok();
    }
    let expected = dump(&together);
    assert!(expected.lines().count() > 1000);
    assert_eq!(dump(&reversed), expected, "loading one by one in reverse order changed the store");
    assert_eq!(dump(&halves), expected, "loading in two halves changed the store");
}
