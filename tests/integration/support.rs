//! Helpers shared by the integration tests: running the binary, temporary
//! stores and files, reading JSON output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample reports.
pub fn sample_reports() -> PathBuf {
    root().join("data/reports")
}

/// The project's seed report, shipped beside the repository (../shared), or
/// beside the evaluation folder `NARCOGRAPH_EVAL_DIR` names (for a clone elsewhere).
pub fn seed_report() -> Option<PathBuf> {
    let beside_eval = std::env::var_os("NARCOGRAPH_EVAL_DIR").map(|dir| PathBuf::from(dir).join("../seed-report.txt"));
    beside_eval.into_iter().chain([root().join("../shared/seed-report.txt")]).find(|path| path.exists())
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: &Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Fails the test unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(self.code, code, "exit code {}\nstdout:\n{}\nstderr:\n{}", self.code, self.stdout, self.stderr);
        self
    }

    /// Fails the test unless the run succeeded.
    #[track_caller]
    pub fn ok(self) -> Run {
        self.expect_code(0)
    }

    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }

    /// Standard output as JSON lines.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
    }
}

/// A temporary workspace: a store directory and files.
pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace { dir: tempfile::tempdir().unwrap() }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, content).unwrap();
        path
    }

    /// Runs `narcograph --store <store> args...`.
    pub fn run(&self, args: &[&str]) -> Run {
        run_with(Some(&self.store()), args, None, &[])
    }

    /// Runs with standard input.
    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        run_with(Some(&self.store()), args, Some(stdin), &[])
    }

    /// Loads paths into the store and returns the run.
    pub fn load(&self, paths: &[&Path]) -> Run {
        let mut args = vec!["load"];
        let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        args.extend(owned.iter().map(String::as_str));
        self.run(&args)
    }

    /// Runs a SPARQL query and returns the rows as JSON objects of variable -> value.
    pub fn select(&self, sparql: &str) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let run = self.run(&["query", "-e", sparql, "--format", "json"]).ok();
        bindings(&run.json())
    }

    /// Number of quads in the store.
    pub fn quads(&self) -> u64 {
        self.run(&["stats", "--format", "json"]).ok().json()["quads"].as_u64().unwrap()
    }
}

/// Rows of a SPARQL JSON result, as variable -> plain value.
pub fn bindings(results: &serde_json::Value) -> Vec<serde_json::Map<String, serde_json::Value>> {
    results["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["value"].clone())).collect())
        .collect()
}

/// Runs the binary with an optional store, standard input and environment.
pub fn run_with(store: Option<&Path>, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_narcograph"));
    if let Some(store) = store {
        command.arg("--store").arg(store);
    }
    command.args(args).env_remove("NARCOGRAPH_STORE");
    for (key, value) in env {
        command.env(key, value);
    }
    command.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    Run::from(&child.wait_with_output().unwrap())
}

/// Runs `narcograph extract <paths> --format jsonl` and returns the objects.
pub fn extract(paths: &[&Path], extra: &[&str]) -> Vec<serde_json::Value> {
    let owned: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut args: Vec<&str> = vec!["extract"];
    args.extend(owned.iter().map(String::as_str));
    args.extend(["--format", "jsonl"]);
    args.extend(extra);
    run_with(None, &args, None, &[]).ok().json_lines()
}

/// A loopback port the system just gave out and took back: free unless
/// another process takes it in the next moments.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Copies the sample reports into `ws/reports` (so a test can change them)
/// and returns that folder.
pub fn copy_sample_reports(ws: &Workspace) -> PathBuf {
    let folder = ws.path("reports");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(sample_reports()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    folder
}

/// The reading commands whose output a remote store must give as the local one does.
pub const READING_COMMANDS: &[&[&str]] = &[
    &["channels", "--format", "json"],
    &["channels", "--to", "Kazakhstan"],
    &["graph", "centrality", "--format", "json"],
    &["graph", "communities", "--format", "json"],
    &["graph", "path", "Afghanistan", "Kazakhstan"],
    &["export", "--format", "nquads", "--canonical"],
    &["export", "--format", "dot"],
    &["export", "--format", "graphml"],
    &["entities", "--format", "json"],
    &["entities", "--explain", "Kazakhstan", "--format", "json"],
    &["stats", "--format", "json"],
];

/// Checks that every reading command gives, through `endpoint`, the bytes it
/// gives on the workspace's local store.
pub fn assert_remote_answers_as_local(ws: &Workspace, endpoint: &str) {
    assert_commands_answer_as_local(ws, endpoint, READING_COMMANDS);
}

/// [`assert_remote_answers_as_local`] for the given commands.
pub fn assert_commands_answer_as_local(ws: &Workspace, endpoint: &str, commands: &[&[&str]]) {
    for args in commands {
        let local = ws.run(args).ok().stdout;
        assert!(!local.trim().is_empty(), "{args:?} prints nothing locally");
        let mut remote_args = vec!["--endpoint", endpoint];
        remote_args.extend_from_slice(args);
        let remote = run_with(None, &remote_args, None, &[]).ok().stdout;
        assert!(remote == local, "{args:?} differs through {endpoint}:\n{}", first_difference(&local, &remote));
    }
}

/// The first line where two outputs differ, for a readable failure.
pub fn first_difference(local: &str, remote: &str) -> String {
    let (mut a, mut b) = (local.lines(), remote.lines());
    let mut number = 0;
    loop {
        number += 1;
        match (a.next(), b.next()) {
            (None, None) => return "(no line differs)".to_owned(),
            (x, y) if x != y => return format!("line {number}:\n  local:  {x:?}\n  remote: {y:?}"),
            _ => {}
        }
    }
}
