//! `pages.csv`, the page log: the only code that touches the file.
//!
//! Writers take an exclusive lock, start on a fresh line if a previous writer crashed
//! mid-row, write all their rows with one `write`, and sync before reporting success, so
//! concurrent processes never lose or interleave rows. Every row is one physical line, so a
//! torn write can only damage its own row: readers skip damaged rows with a warning naming the
//! line and never fail on one. Readers stream the file and lend each row out without
//! allocating, so replaying years of history is cheap.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::event::{COLUMNS, Event, EventRef, parse_cells};
use super::replay::Replay;
use crate::error::{Error, Result};
use crate::files::write_atomic;

/// The log's file name in the on-call repository.
pub const LOG_FILE: &str = "pages.csv";

/// Tells git to merge the log by keeping both sides' rows (it is append-only).
pub const GITATTRIBUTES_LINE: &str = "pages.csv merge=union";

/// A row a reader skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Damaged {
    /// 1-based line number in the file.
    pub line: u64,
    pub reason: String,
}

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{LOG_FILE} line {}: {}; skipped", self.line, self.reason)
    }
}

/// The page log of one on-call repository.
#[derive(Debug, Clone)]
pub struct Log {
    root: PathBuf,
    path: PathBuf,
}

impl Log {
    pub fn new(root: &Path) -> Log {
        Log {
            root: root.to_path_buf(),
            path: root.join(LOG_FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `events` durably: under an exclusive lock, in one write, synced to disk.
    /// The first write creates the file with its header and adds the union-merge rule to
    /// `.gitattributes`.
    pub fn append(&self, events: &[Event]) -> Result<()> {
        self.append_with(|_, _| Ok((events.to_vec(), ())))
            .map(|_| ())
    }

    /// Replays the log and appends what `decide` returns, all under one exclusive lock, so a
    /// decision taken from the log (is this alert group already open? is this incident
    /// already resolved?) cannot race another writer. `decide` also gets the rows the replay
    /// skipped (to warn about them even when it refuses). It may return no events, or an
    /// error, and then nothing is written. Returns its value and the skipped rows.
    pub fn append_with<T>(
        &self,
        decide: impl FnOnce(&Replay, &[Damaged]) -> Result<(Vec<Event>, T)>,
    ) -> Result<(T, Vec<Damaged>)> {
        self.append_with_replay(Replay::new(), decide)
    }

    /// [`Log::append_with`] over a replay the caller prepared (e.g. [`Replay::focused`] on
    /// one incident, so the decision does not hold every incident of the log in memory).
    pub fn append_with_replay<T>(
        &self,
        mut replay: Replay,
        decide: impl FnOnce(&Replay, &[Damaged]) -> Result<(Vec<Event>, T)>,
    ) -> Result<(T, Vec<Damaged>)> {
        let fail = |e: std::io::Error| {
            Error::new(format!("cannot write to `{}`", self.path.display())).cause(e)
        };
        let file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&self.path)
            .map_err(fail)?;
        file.lock().map_err(fail)?;
        let len = file.metadata().map_err(fail)?.len();
        if len > 0 {
            check_header(&file, &self.path)?;
        }
        let damaged = scan(&self.path, (&file).take(len), |e| replay.apply(e))?;
        let (events, value) = decide(&replay, &damaged)?;
        if events.is_empty() {
            return Ok((value, damaged));
        }
        let mut buf = Vec::with_capacity(256 * events.len() + 256);
        let created = len == 0;
        if created {
            buf.extend_from_slice(COLUMNS.join(",").as_bytes());
            buf.extend_from_slice(b"\r\n");
        } else {
            let mut last = [0u8; 1];
            file.read_exact_at(&mut last, len - 1).map_err(fail)?;
            if last[0] != b'\n' {
                // A writer died mid-row: end that row so ours starts on a line of its own.
                buf.extend_from_slice(b"\r\n");
            }
        }
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut buf);
            for e in &events {
                w.write_record(e.cells())
                    .map_err(|e| Error::new("cannot encode a log row").cause(e))?;
            }
            w.flush().map_err(fail)?;
        }
        let written = (&file).write_all(&buf).and_then(|()| file.sync_data());
        if let Err(e) = written {
            // Leave no partial row behind (we still hold the lock).
            let _ = file.set_len(len);
            return Err(fail(e));
        }
        drop(file); // releases the lock
        if created {
            if let Ok(dir) = File::open(&self.root) {
                let _ = dir.sync_all(); // make the new file's name durable too
            }
            ensure_gitattributes(&self.root)?;
        }
        Ok((value, damaged))
    }

    /// Streams every intact row to `f`, in file order; returns the rows it skipped.
    /// A missing file is an empty log.
    pub fn for_each(&self, f: impl FnMut(EventRef<'_>)) -> Result<Vec<Damaged>> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(Error::new(format!("cannot read `{}`", self.path.display())).cause(e));
            }
        };
        // Read the snapshot that existed while no writer held the lock: rows appended
        // after this are ignored, and a row being written right now is not mistaken for a
        // torn one.
        let len = {
            let _ = file.lock_shared();
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            let _ = file.unlock();
            len
        };
        scan(&self.path, file.take(len), f)
    }

    /// The incidents as the log tells them, and the rows skipped.
    pub fn replay(&self) -> Result<(Replay, Vec<Damaged>)> {
        self.replay_into(Replay::new())
    }

    /// Folds the log into `replay` (e.g. a [`Replay::focused`] one).
    pub fn replay_into(&self, mut replay: Replay) -> Result<(Replay, Vec<Damaged>)> {
        let damaged = self.for_each(|e| replay.apply(e))?;
        Ok((replay, damaged))
    }

    /// Every intact row, owned, and the rows skipped.
    pub fn read_all(&self) -> Result<(Vec<Event>, Vec<Damaged>)> {
        let mut events = Vec::new();
        let damaged = self.for_each(|e| events.push(e.to_owned()))?;
        Ok((events, damaged))
    }
}

/// Parses the log's rows from `input`, lending each intact one to `f`.
fn scan(path: &Path, input: impl Read, mut f: impl FnMut(EventRef<'_>)) -> Result<Vec<Damaged>> {
    let mut reader = BufReader::with_capacity(256 * 1024, input);
    let mut parser = LineParser::default();
    let mut damaged = Vec::new();
    let mut line = Vec::with_capacity(512);
    let mut n = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| Error::new(format!("cannot read `{}`", path.display())).cause(e))?;
        if read == 0 {
            break;
        }
        n += 1;
        if line.last() != Some(&b'\n') {
            damaged.push(Damaged {
                line: n,
                reason: "incomplete last row (a write was interrupted)".into(),
            });
            break;
        }
        let text = trim_eol(&line);
        let text = if n == 1 {
            text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text)
        } else {
            text
        };
        if text.is_empty() || (n == 1 && is_header(text)) {
            continue;
        }
        match parser.parse(text, &line) {
            Ok(event) => f(event),
            Err(reason) => damaged.push(Damaged { line: n, reason }),
        }
    }
    Ok(damaged)
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn is_header(line: &[u8]) -> bool {
    line.starts_with(COLUMNS.join(",").as_bytes())
}

/// Refuses to append to a file that is not a page log (a wrong `--repo`, a mangled export).
fn check_header(file: &File, path: &Path) -> Result<()> {
    let mut head = [0u8; 256];
    let n = file.read_at(&mut head, 0).unwrap_or(0);
    let head = head[..n]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&head[..n]);
    if is_header(head) {
        return Ok(());
    }
    Err(Error::new(format!(
        "`{}` does not start with the page-log header",
        path.display()
    ))
    .cause(format!("expected `{}`", COLUMNS.join(",")))
    .hint("if the header was damaged, restore it from git: `git checkout -p pages.csv`"))
}

/// Parses one line into cells with a reused csv-core reader and buffers.
struct LineParser {
    reader: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl Default for LineParser {
    fn default() -> Self {
        // `Reader::new()`, not `default()`: only the builder compiles the parsing automaton.
        LineParser {
            reader: csv_core::Reader::new(),
            out: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl LineParser {
    /// `text` is the line without its end; `line` the same with it (csv-core needs the
    /// terminator to finish a record).
    fn parse<'a>(&'a mut self, text: &'a [u8], line: &'a [u8]) -> Result<EventRef<'a>, String> {
        let text = std::str::from_utf8(text).map_err(|_| "not valid UTF-8".to_string())?;
        // Most rows have no quoted cell: splitting on commas is exactly what the CSV parser
        // would do, at a fraction of the cost (a retro reads millions of rows). One pass;
        // the first quote sends the row to the CSV parser instead.
        let mut cells: [&str; 64] = [""; 64];
        let (mut n, mut start, mut quoted) = (0, 0, false);
        for (i, b) in text.bytes().enumerate() {
            if b == b',' {
                if n + 1 == cells.len() {
                    return Err("too many cells".into());
                }
                // A comma is ASCII, so `start..i` is on character boundaries.
                cells[n] = &text[start..i];
                n += 1;
                start = i + 1;
            } else if b == b'"' {
                quoted = true;
                break;
            }
        }
        if !quoted {
            cells[n] = &text[start..];
            return parse_cells(&cells[..=n]);
        }
        if text.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
            return Err("unbalanced quotes (a damaged row)".into());
        }
        use csv_core::ReadRecordResult::{OutputEndsFull, Record};
        self.reader.reset();
        self.out.resize(line.len() + 1, 0);
        self.ends.resize(64, 0);
        let (nout, nend) = match self.reader.read_record(line, &mut self.out, &mut self.ends) {
            (Record, _, nout, nend) => (nout, nend),
            (OutputEndsFull, ..) => return Err("too many cells".into()),
            _ => return Err("the row could not be parsed".into()),
        };
        let out =
            std::str::from_utf8(&self.out[..nout]).map_err(|_| "not valid UTF-8".to_string())?;
        let mut cells: [&str; 64] = [""; 64];
        let mut start = 0;
        for (i, &end) in self.ends[..nend].iter().enumerate() {
            cells[i] = &out[start..end];
            start = end;
        }
        parse_cells(&cells[..nend])
    }
}

/// Ensures `.gitattributes` in `root` has the union-merge rule for the log; true when it
/// changed the file.
pub fn ensure_gitattributes(root: &Path) -> Result<bool> {
    let path = root.join(".gitattributes");
    let current = fs::read_to_string(&path).unwrap_or_default();
    if current.lines().any(|l| {
        l.split_whitespace()
            .eq(GITATTRIBUTES_LINE.split_whitespace())
    }) {
        return Ok(false);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(GITATTRIBUTES_LINE);
    text.push('\n');
    write_atomic(&path, text.as_bytes())?;
    Ok(true)
}

#[cfg(test)]
#[path = "log_tests.rs"]
mod tests;
