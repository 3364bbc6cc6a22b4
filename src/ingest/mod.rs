//! Reading reports from files, folders and standard input.
//!
//! [`ReportReader`] walks the inputs lazily and yields one [`Report`] at a
//! time, so a batch of any size streams through memory. Anything it cannot
//! read becomes a [`Diagnostic`] in the same stream: the batch goes on.

mod formats;
mod html;

pub use formats::InputFormat;

use crate::model::Report;
use std::collections::VecDeque;
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
pub fn expand_inputs(paths: &[String]) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for given in paths {
        if given == "-" {
            files.push(InputFile { display: "-".to_owned(), path: None, format: None });
            continue;
        }
        let path = Path::new(given);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_folder(path, given, &mut files, &mut diagnostics),
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

fn walk_folder(folder: &Path, display: &str, files: &mut Vec<InputFile>, diagnostics: &mut Vec<Diagnostic>) {
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(Diagnostic::new(display, describe_io_error(&error)));
            return;
        }
    };
    let mut children: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| (entry.file_name().to_string_lossy().into_owned(), entry.path()))
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    children.sort();
    for (name, path) in children {
        let child_display =
            if display.ends_with('/') { format!("{display}{name}") } else { format!("{display}/{name}") };
        if path.is_dir() {
            walk_folder(&path, &child_display, files, diagnostics);
        } else if let Some(format) = InputFormat::from_path(&path) {
            files.push(InputFile { display: child_display, path: Some(path), format: Some(format) });
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

/// Streams reports from a list of inputs, in order.
pub struct ReportReader {
    files: VecDeque<InputFile>,
    pending: VecDeque<ReadResult>,
    lines: Option<JsonLines>,
}

struct JsonLines {
    display: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

impl ReportReader {
    /// A reader over these files; diagnostics from expansion come first.
    pub fn new(files: Vec<InputFile>, diagnostics: Vec<Diagnostic>) -> Self {
        ReportReader { files: files.into(), pending: diagnostics.into_iter().map(Err).collect(), lines: None }
    }

    /// Expands `paths` and reads them.
    pub fn from_paths(paths: &[String]) -> Self {
        let (files, diagnostics) = expand_inputs(paths);
        ReportReader::new(files, diagnostics)
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
        if format == InputFormat::JsonLines {
            match fs::File::open(path) {
                Ok(handle) => {
                    self.lines = Some(JsonLines {
                        display: file.display.clone(),
                        reader: Box::new(BufReader::new(handle)),
                        line: 0,
                    });
                }
                Err(error) => self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error)))),
            }
            return;
        }
        match fs::read(path) {
            Ok(bytes) => self.pending.extend(formats::decode(&file.display, format, &bytes)),
            Err(error) => self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error)))),
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
        let mut bytes = Vec::new();
        if let Err(error) = reader.read_to_end(&mut bytes) {
            self.pending.push_back(Err(Diagnostic::new(&file.display, describe_io_error(&error))));
            return;
        }
        let format = if first == Some(b'[') { InputFormat::Json } else { InputFormat::Text };
        self.pending.extend(formats::decode(&file.display, format, &bytes));
    }

    fn next_line(&mut self) -> Option<ReadResult> {
        loop {
            let lines = self.lines.as_mut()?;
            let mut buffer = Vec::new();
            match lines.reader.read_until(b'\n', &mut buffer) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(_) => {
                    lines.line += 1;
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
