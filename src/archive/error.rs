//! Typed load errors and the diagnostics that carry them with a file and line. No printing here:
//! the command line and the TUI decide how to show them.

use std::fmt;

/// Why a file (or one field of it) could not be loaded. Each variant knows its fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("not valid UTF-8 (byte {byte})")]
    InvalidUtf8 { byte: usize },
    #[error("looks like a binary file")]
    Binary,
    #[error("not a regular file (a pipe, socket or device)")]
    NotAFile,
    #[error("file is empty")]
    Empty,
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("front matter opened with `{fence}` is never closed")]
    UnclosedFence { fence: &'static str },
    #[error("invalid TOML: {0}")]
    Toml(String),
    #[error("invalid YAML: {0}")]
    Yaml(String),
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("invalid XML: {0}")]
    Xml(String),
    #[error("front matter is not a table of keys")]
    NotATable,
    #[error("`{key}` should be {expected}, found {found}")]
    WrongType {
        key: String,
        expected: &'static str,
        found: String,
    },
    #[error("`{key}`: {value:?} is not a date")]
    BadDate { key: String, value: String },
    #[error("`{key}` is missing")]
    Missing { key: &'static str },
    #[error("duplicate id `{id}` (also at {other})")]
    DuplicateId { id: String, other: String },
    #[error("directory cycle through a symlink")]
    SymlinkLoop,
    #[error("symlink to {target}, outside the archive folder: not followed")]
    OutsideRoot { target: String },
    #[error("the file name is not valid UTF-8")]
    NameNotUtf8,
    #[error("no talks or posts found here")]
    NothingFound,
    #[error("`{key}` is given twice (first at line {first_line}); the last value is used")]
    DuplicateKey { key: String, first_line: usize },
    #[error("speaker `{id}` has no profile")]
    UnknownSpeaker { id: String },
    #[error("section `{section}/` looks like talks but is not read")]
    UnreadSection { section: String, config: String },
    #[error("not read: looks like {looked_like}")]
    Unplaced { looked_like: String },
    #[error("nested more than {max} levels deep; not parsed")]
    TooDeep { max: usize },
}

impl LoadError {
    /// How the user fixes it, in one sentence.
    pub fn hint(&self) -> String {
        match self {
            LoadError::Io(_) => "check the path and its permissions".into(),
            LoadError::InvalidUtf8 { .. } => "save the file as UTF-8".into(),
            LoadError::Binary => "only Markdown (.md) and TOML files belong in the archive; move this file out or rename it".into(),
            LoadError::NotAFile => "move it out of the archive folder; only regular files are read".into(),
            LoadError::Empty => "add front matter with at least a title, or delete the file".into(),
            LoadError::TooLarge { .. } => "split the file, or move large attachments out of the content folder".into(),
            LoadError::UnclosedFence { fence } => format!("add a line with just `{fence}` after the front matter"),
            LoadError::Toml(_) => "fix the TOML syntax at this line (strings need quotes, arrays need [ ])".into(),
            LoadError::Yaml(_) => "fix the YAML syntax at this line (check indentation and quotes)".into(),
            LoadError::Json(_) => "fix the JSON syntax at this line".into(),
            LoadError::Xml(_) => "fix the XML at this line (every tag closed, `&` written as `&amp;`)".into(),
            LoadError::NotATable => "front matter must be `key = value` lines (TOML), `key: value` (YAML) or a JSON object".into(),
            LoadError::WrongType { key, expected, .. } => format!("write `{key}` as {expected}; the value was ignored"),
            LoadError::BadDate { key, .. } => format!("write `{key}` as 2016-02-03 or 2016-02-03T10:00:00+01:00; the value was ignored"),
            LoadError::Missing { key } => format!("add `{key} = \"…\"`"),
            LoadError::DuplicateId { .. } => "give one of them another `id` (or file name); the later one was renamed".into(),
            LoadError::SymlinkLoop => "remove the symlink that points back to a parent folder; it was not followed".into(),
            LoadError::OutsideRoot { .. } => "an archive from someone else should not reach into your files; if you trust this link, run with --follow-symlinks".into(),
            LoadError::NameNotUtf8 => "rename the file with a UTF-8 name (for example with `convmv -f latin1 -t utf8`)".into(),
            LoadError::DuplicateKey { key, .. } => format!("delete one of the `{key}` lines"),
            LoadError::UnknownSpeaker { id } => format!("add a profile with the person's name (content/speakers/{id}.md, content/authors/{id}/_index.md or data/speakers.yaml), or write the name instead of the id; it is shown as written"),
            LoadError::UnreadSection { config, .. } => format!("to read it as talks, add this line to the talks config file: {config}"),
            LoadError::Unplaced { .. } => "talks reads Hugo sites, native .toml archives, pyvideo event folders (category.json + videos/*.json), frab schedule.xml and pretalx schedule.json; move other files out of the data folder".into(),
            LoadError::TooDeep { .. } => "no real front matter or archive nests this deep: the file is broken or hostile; flatten it or move it out".into(),
            LoadError::NothingFound => "point --data at a Hugo site, its content/ folder, a native .toml archive, a pyvideo tree or event folder, a schedule.xml or schedule.json, or a folder of them".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The item was loaded; one field was ignored or repaired.
    Warning,
    /// The whole file (or entry) was skipped.
    Error,
}

/// One problem in one place. `path:line:column: severity: message` + a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub error: LoadError,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, line: Option<usize>, error: LoadError) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            column: None,
            severity: Severity::Error,
            error,
        }
    }

    pub fn warning(path: impl Into<String>, line: Option<usize>, error: LoadError) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, error)
        }
    }

    pub fn with_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    /// `path:line:col` (as much as is known).
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.path),
            (Some(l), None) => format!("{}:{l}", self.path),
            _ => self.path.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}: {sev}: {}\n  hint: {}",
            self.location(),
            self.error,
            self.error.hint()
        )
    }
}
