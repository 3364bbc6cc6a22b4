//! Reading reports from files, folders and standard input.
//!
//! [`ReportReader`] walks the inputs lazily and yields one [`Report`] at a
//! time, so a batch of any size streams through memory. Anything it cannot
//! read becomes a [`Diagnostic`] in the same stream: the batch goes on.

mod formats;
mod html;

pub use formats::InputFormat;

/// Decodes the bytes of one input of a known format into reports or
/// diagnostics, as the reader does for a file (without its size limit).
/// Never panics, whatever the bytes: the fuzz targets drive it.
pub fn decode(display: &str, format: InputFormat, bytes: &[u8]) -> Vec<ReadResult> {
    formats::decode(display, format, bytes)
}

use crate::model::Report;
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// An input that was skipped, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The path as given (or `-` for standard input).
    pub source: String,
    /// Line (JSONL) or position (JSON array), 1-based, when the problem is inside a file.
    pub line: Option<usize>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { source: source.into(), line: None, message: message.into() }
    }

    pub(crate) fn at_line(source: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic { source: source.into(), line: Some(line), message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

/// One file (or standard input) to read, with its format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// The path as the user would recognise it.
    pub display: String,
    /// Where to read; `None` for standard input.
    pub path: Option<PathBuf>,
    /// How to decode it; `None` for standard input, which is sniffed.
    pub format: Option<InputFormat>,
}

/// Expands the paths given on the command line into the files to read.
///
/// Folders are walked recursively in sorted order and only files with a
/// report extension are taken (hidden files are skipped); a file named
/// explicitly is read whatever its extension (as text when unknown); `-`
/// means standard input. Paths that do not exist become diagnostics.
///
/// Symbolic links are followed, but a folder already walked (by its canonical
/// path) is not walked again, so a link back up the tree ends the descent
/// instead of looping, and two links into the same folder read it once.
pub fn expand_inputs(paths: &[String]) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut walked: HashSet<PathBuf> = HashSet::new();
    for given in paths {
        if given == "-" {
            files.push(InputFile { display: "-".to_owned(), path: None, format: None });
            continue;
        }
        let path = Path::new(given);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, given, &mut walked, &mut files, &mut diagnostics),
            Ok(_) => files.push(InputFile {
                display: given.clone(),
                path: Some(path.to_path_buf()),
                format: Some(InputFormat::from_path(path).unwrap_or(InputFormat::Text)),
            }),
            Err(error) => diagnostics.push(Diagnostic::new(given.clone(), describe_io_error(&error))),
        }
    }
    (files, diagnostics)
}

/// Walks a folder depth-first in sorted order (a subfolder's files come where
/// its name sorts), with an explicit stack: a deep tree costs memory, not call stack.
fn walk_folder(
    root: &Path,
    display: &str,
    walked: &mut HashSet<PathBuf>,
    files: &mut Vec<InputFile>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    enum Item {
        Folder(PathBuf, String),
        File(InputFile),
    }
    let mut stack = vec![Item::Folder(root.to_path_buf(), display.to_owned())];
    while let Some(item) = stack.pop() {
        let (folder, display) = match item {
            Item::File(file) => {
                files.push(file);
                continue;
            }
            Item::Folder(folder, display) => (folder, display),
        };
        match fs::canonicalize(&folder) {
            Ok(canonical) => {
                if !walked.insert(canonical) {
                    continue;
                }
            }
            Err(error) => {
                diagnostics.push(Diagnostic::new(display, describe_io_error(&error)));
                continue;
            }
        }
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(error) => {
                diagnostics.push(Diagnostic::new(display, describe_io_error(&error)));
                continue;
            }
        };
        let mut children: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|entry| (entry.file_name().to_string_lossy().into_owned(), entry.path()))
            .filter(|(name, _)| !name.starts_with('.'))
            .collect();
        children.sort();
        for (name, path) in children.into_iter().rev() {
            let child_display =
                if display.ends_with('/') { format!("{display}{name}") } else { format!("{display}/{name}") };
            if path.is_dir() {
                stack.push(Item::Folder(path, child_display));
            } else if let Some(format) = InputFormat::from_path(&path) {
                // A named pipe or device in a folder would block the walk or never
                // end: only regular files (or links to them) are read from folders.
                if path.is_file() {
                    stack.push(Item::File(InputFile {
                        display: child_display,
                        path: Some(path),
                        format: Some(format),
                    }));
                } else {
                    diagnostics.push(Diagnostic::new(child_display, "not a regular file (a pipe, socket or device)"));
                }
            }
        }
    }
}

fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => format!("cannot read: {error}"),
    }
}

/// What the reader yields: a report, or why an input was skipped.
pub type ReadResult = Result<Report, Diagnostic>;

/// The default of [`ReportReader::with_max_report_bytes`]: 2 MiB, some
/// 300,000 words, ten times a long government report and a hundred times a
/// news story. Extraction is linear in length, but one report is extracted on
/// one core, so a giant file would hold up its chunk.
pub const DEFAULT_MAX_REPORT_BYTES: usize = 2 * 1024 * 1024;

/// A `.json` file holds many reports; it is parsed whole, so it gets its own,
/// larger bound (JSON lines stream and have no file bound).
const JSON_FILE_REPORTS: usize = 64;

/// Streams reports from a list of inputs, in order.
pub struct ReportReader {
    files: VecDeque<InputFile>,
    pending: VecDeque<ReadResult>,
    lines: Option<JsonLines>,
    max_report_bytes: usize,
}

struct JsonLines {
    display: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// The diagnostic of an input over the size limit.
fn too_large(display: &str, line: Option<usize>, bytes: u64, limit: usize) -> Diagnostic {
    let message = format!(
        "report of {bytes} bytes is over the limit of {limit} bytes and was skipped; raise the limit with --max-report-bytes"
    );
    Diagnostic { source: display.to_owned(), line, message }
}

impl ReportReader {
    /// A reader over these files; diagnostics from expansion come first.
    pub fn new(files: Vec<InputFile>, diagnostics: Vec<Diagnostic>) -> Self {
        ReportReader {
            files: files.into(),
            pending: diagnostics.into_iter().map(Err).collect(),
            lines: None,
            max_report_bytes: DEFAULT_MAX_REPORT_BYTES,
        }
    }

    /// Expands `paths` and reads them.
    pub fn from_paths(paths: &[String]) -> Self {
        let (files, diagnostics) = expand_inputs(paths);
        ReportReader::new(files, diagnostics)
    }

    /// Skips, with a diagnostic, every report whose input is larger than
    /// `bytes`: a file, a line of JSON lines, or the text of a report in a
    /// JSON array (a `.json` file itself may be 64 times larger).
    pub fn with_max_report_bytes(mut self, bytes: usize) -> Self {
        self.max_report_bytes = bytes.max(1);
        self
    }

    /// How many bytes a whole file of this format may have.
    fn file_limit(&self, format: InputFormat) -> usize {
        match format {
            InputFormat::Json => self.max_report_bytes.saturating_mul(JSON_FILE_REPORTS),
            _ => self.max_report_bytes,
        }
    }

    fn open_next(&mut self) -> bool {
        let Some(file) = self.files.pop_front() else {
            return false;
        };
        match &file.path {
            Some(path) => self.open_file(&file, path),
            None => self.open_stdin(&file),
        }
        true
    }

    fn open_file(&mut self, file: &InputFile, path: &Path) {
        let format = file.format.unwrap_or(InputFormat::Text);
        let handle = match fs::File::open(path) {
            Ok(handle) => handle,
            Err(error) => {
                self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error))));
                return;
            }
        };
        if format == InputFormat::JsonLines {
            self.lines =
                Some(JsonLines { display: file.display.clone(), reader: Box::new(BufReader::new(handle)), line: 0 });
            return;
        }
        let limit = self.file_limit(format);
        // Read at most one byte past the limit: the size on disk may change while
        // we read, and a special file may have no size at all.
        let mut bytes = Vec::new();
        if let Err(error) = handle.take(limit as u64 + 1).read_to_end(&mut bytes) {
            self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error))));
            return;
        }
        if bytes.len() > limit {
            // A device or pipe has no size: say how much was read, which is "more than" the limit.
            let size = fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            let diagnostic = if size > limit as u64 {
                too_large(&file.display, None, size, limit)
            } else {
                Diagnostic::new(
                    &file.display,
                    format!(
                        "report of more than {limit} bytes is over the limit of {limit} bytes and was skipped; raise the limit with --max-report-bytes"
                    ),
                )
            };
            self.pending.push_back(Err(diagnostic));
            return;
        }
        let results = formats::decode(&file.display, format, &bytes);
        self.push_checked(results);
    }

    /// Queues decoded reports, turning those whose text is over the limit into diagnostics.
    fn push_checked(&mut self, results: Vec<ReadResult>) {
        let limit = self.max_report_bytes;
        for result in results {
            self.pending.push_back(result.and_then(|report| {
                if report.text.len() > limit {
                    let (source, line) = match report.source.rsplit_once('#') {
                        Some((source, n)) => (source.to_owned(), n.parse().ok()),
                        None => (report.source.clone(), None),
                    };
                    Err(too_large(&source, line, report.text.len() as u64, limit))
                } else {
                    Ok(report)
                }
            }));
        }
    }

    fn open_stdin(&mut self, file: &InputFile) {
        let mut reader = BufReader::new(io::stdin());
        // Standard input has no extension: sniff JSON by its first character,
        // and stream JSON lines rather than reading them all.
        let first = match reader.fill_buf() {
            Ok(buffer) => buffer.iter().copied().find(|b| !b.is_ascii_whitespace()),
            Err(error) => {
                self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error))));
                return;
            }
        };
        if first == Some(b'{') {
            self.lines = Some(JsonLines { display: file.display.clone(), reader: Box::new(reader), line: 0 });
            return;
        }
        let format = if first == Some(b'[') { InputFormat::Json } else { InputFormat::Text };
        let limit = self.file_limit(format);
        let mut bytes = Vec::new();
        if let Err(error) = (&mut reader).take(limit as u64 + 1).read_to_end(&mut bytes) {
            self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error))));
            return;
        }
        if bytes.len() > limit {
            // Drain the rest so the size in the diagnostic is the real one.
            let rest = io::copy(&mut reader, &mut io::sink()).unwrap_or(0);
            self.pending.push_back(Err(too_large(&file.display, None, bytes.len() as u64 + rest, limit)));
            return;
        }
        let results = formats::decode(&file.display, format, &bytes);
        self.push_checked(results);
    }

    fn next_line(&mut self) -> Option<ReadResult> {
        let limit = self.max_report_bytes;
        loop {
            let lines = self.lines.as_mut()?;
            let mut buffer = Vec::new();
            match read_line_bounded(&mut lines.reader, &mut buffer, limit) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(length) => {
                    lines.line += 1;
                    if length > buffer.len() {
                        return Some(Err(too_large(&lines.display, Some(lines.line), length as u64, limit)));
                    }
                    if buffer.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(formats::decode_json_line(&lines.display, lines.line, &buffer));
                }
                Err(error) => {
                    let diagnostic = Diagnostic::at_line(&lines.display, lines.line + 1, describe_io_error(&error));
                    self.lines = None;
                    return Some(Err(diagnostic));
                }
            }
        }
    }
}

/// Reads one line (with its newline) into `buffer`, keeping at most `limit`
/// bytes of it: a longer line is consumed but not kept, and `buffer` is left
/// empty. Returns the line's full length (0 at the end of input).
fn read_line_bounded(reader: &mut dyn BufRead, buffer: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    let mut length = 0usize;
    let mut over = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        let (take, done) = match available.iter().position(|b| *b == b'\n') {
            Some(newline) => (newline + 1, true),
            None => (available.len(), false),
        };
        length += take;
        if !over && length <= limit {
            buffer.extend_from_slice(&available[..take]);
        } else if !over {
            over = true;
            buffer.clear();
            buffer.shrink_to_fit();
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    Ok(length)
}

impl Iterator for ReportReader {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if self.lines.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            if !self.open_next() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(reader: ReportReader) -> (Vec<Report>, Vec<Diagnostic>) {
        let mut reports = Vec::new();
        let mut diagnostics = Vec::new();
        for item in reader {
            match item {
                Ok(report) => reports.push(report),
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
        (reports, diagnostics)
    }

    #[test]
    fn reports_over_the_limit_are_skipped_with_the_size_and_the_flag() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("small.txt"), "Police seized heroin in Osh.").unwrap();
        std::fs::write(dir.path().join("big.txt"), "word ".repeat(100)).unwrap();
        let lines = format!("{{\"text\":\"short\"}}\n{{\"text\":\"{}\"}}\n{{\"text\":\"after\"}}\n", "x".repeat(300));
        std::fs::write(dir.path().join("batch.jsonl"), lines).unwrap();
        let array = format!("[{{\"text\":\"one\"}},{{\"text\":\"{}\"}}]", "y".repeat(300));
        std::fs::write(dir.path().join("array.json"), array).unwrap();
        let reader = ReportReader::from_paths(&[dir.path().display().to_string()]).with_max_report_bytes(200);
        let (reports, diagnostics) = read_all(reader);
        let texts: Vec<&str> = reports.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["one", "short", "after", "Police seized heroin in Osh."]);
        assert_eq!(diagnostics.len(), 3, "{diagnostics:?}");
        for diagnostic in &diagnostics {
            assert!(diagnostic.message.contains("--max-report-bytes"), "{diagnostic}");
            assert!(diagnostic.message.contains("limit of 200 bytes"), "{diagnostic}");
        }
        assert!(diagnostics.iter().any(|d| d.source.ends_with("big.txt") && d.message.contains("500 bytes")));
        assert!(diagnostics.iter().any(|d| d.source.ends_with("batch.jsonl") && d.line == Some(2)));
        assert!(diagnostics.iter().any(|d| d.source.ends_with("array.json") && d.line == Some(2)));
    }

    #[test]
    fn bounded_lines_keep_what_fits_and_measure_what_does_not() {
        let mut input: &[u8] = b"abc\nabcdefghij\nxy";
        let mut buffer = Vec::new();
        assert_eq!(read_line_bounded(&mut input, &mut buffer, 5).unwrap(), 4);
        assert_eq!(buffer, b"abc\n");
        buffer.clear();
        assert_eq!(read_line_bounded(&mut input, &mut buffer, 5).unwrap(), 11);
        assert!(buffer.is_empty());
        assert_eq!(read_line_bounded(&mut input, &mut buffer, 5).unwrap(), 2);
        assert_eq!(buffer, b"xy");
        buffer.clear();
        assert_eq!(read_line_bounded(&mut input, &mut buffer, 5).unwrap(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn folder_walks_do_not_follow_symlink_cycles() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("reports");
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/one.txt"), "One.").unwrap();
        std::fs::write(root.join("a/b/two.txt"), "Two.").unwrap();
        // A link back to the top from deep inside, and two links into one folder.
        std::os::unix::fs::symlink(&root, root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again")).unwrap();
        std::os::unix::fs::symlink(root.join("a"), root.join("again2")).unwrap();
        let (files, diagnostics) = expand_inputs(&[root.display().to_string()]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let names: Vec<&str> = files.iter().map(|f| f.display.rsplit('/').next().unwrap()).collect();
        assert_eq!(names, ["two.txt", "one.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn pipes_in_folders_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "One.").unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
        let (files, diagnostics) = expand_inputs(&[dir.path().display().to_string()]);
        assert_eq!(files.len(), 1);
        if made {
            assert_eq!(diagnostics.len(), 1);
            assert!(diagnostics[0].message.contains("not a regular file"), "{diagnostics:?}");
        }
    }

    #[test]
    fn folder_order_is_the_sorted_recursive_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("m")).unwrap();
        for name in ["a.txt", "m/b.txt", "z.txt", "m/a.md"] {
            std::fs::write(root.join(name), "text").unwrap();
        }
        let (files, _) = expand_inputs(&[root.display().to_string()]);
        let names: Vec<String> =
            files.iter().map(|f| f.display.trim_start_matches(&root.display().to_string()).to_owned()).collect();
        assert_eq!(names, ["/a.txt", "/m/a.md", "/m/b.txt", "/z.txt"]);
    }
}
