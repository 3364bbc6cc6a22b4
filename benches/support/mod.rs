//! Inputs shared by the benchmarks, made from the sample reports.

use narcograph::model::{Report, ReportMetadata};

/// One report of about `bytes` bytes: the sample texts one after another, each
/// with a case number so that no two paragraphs are the same.
pub fn long_report(samples: &[Report], bytes: usize) -> Report {
    let mut text = String::with_capacity(bytes + 10_000);
    let mut case = 0;
    while text.len() < bytes {
        for sample in samples {
            text.push_str(&format!("Case {case}.\n\n{}\n\n", sample.text));
            case += 1;
        }
    }
    Report::new("long.txt", text, ReportMetadata::default())
}
