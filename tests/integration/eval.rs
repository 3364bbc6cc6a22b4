//! Quality on the dev set of ../shared/eval, measured with its own scorer: the
//! thresholds of the extraction and linking issues are checked on every run.
//!
//! The evaluation data is not in this repository (its reports are third-party
//! articles); `.ci/run` points NARCOGRAPH_EVAL_DIR at it.

use crate::support;
use std::path::PathBuf;
use std::process::Command;

fn eval_dir() -> Option<PathBuf> {
    if std::env::var_os("NARCOGRAPH_SKIP_EVAL").is_some() {
        return None;
    }
    let dir = std::env::var_os("NARCOGRAPH_EVAL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| support::root().join("../shared/eval"));
    assert!(
        dir.join("score.py").exists(),
        "the evaluation set is needed at {} (set NARCOGRAPH_EVAL_DIR, or NARCOGRAPH_SKIP_EVAL=1 to skip)",
        dir.display()
    );
    Some(dir)
}

#[test]
fn dev_set_scores_meet_the_quality_bar() {
    let Some(dir) = eval_dir() else { return };
    let dev = dir.join("dev");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dev)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let reports = support::extract(&texts.iter().map(PathBuf::as_path).collect::<Vec<_>>(), &[]);
    let predictions = tempfile::NamedTempFile::new().unwrap();
    let lines: Vec<String> = reports.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    std::fs::write(predictions.path(), lines.join("\n")).unwrap();
    let output = Command::new("python3")
        .arg(dir.join("score.py"))
        .arg(&dev)
        .arg(predictions.path())
        .arg("--json")
        .output()
        .expect("python3 runs the scorer");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let score: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let f1 = |path: &[&str]| -> f64 {
        let mut value = &score;
        for key in path {
            value = &value[*key];
        }
        value.as_f64().unwrap()
    };
    assert!(f1(&["core", "f1"]) >= 0.85, "core F1 {}", score["core"]);
    assert!(f1(&["routes", "f1"]) >= 0.70, "routes F1 {}", score["routes"]);
    for kind in ["Country", "City", "Region", "Agency", "Official", "Person", "CriminalGroup", "Substance"] {
        assert!(f1(&["types", kind, "f1"]) >= 0.70, "{kind} F1 {}", score["types"][kind]);
    }
    assert!(f1(&["linking", "accuracy"]) >= 0.95, "linking {}", score["linking"]);
}
