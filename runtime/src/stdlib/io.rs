//! Text files (`open`) and `io.StringIO`, with CPython 3.11's behaviour and messages.
//!
//! [`PyFile`] is what `open(path, mode)` returns in text mode: UTF-8, universal newlines on
//! read (`\r\n` and `\r` become `\n`) unless `newline` says otherwise, `\n` written as is (or
//! translated for `newline="\r\n"`/`"\r"`). Writes are buffered (8 KiB) and flushed on
//! `close()`, `flush()`, `seek()`/`tell()`, before reads, and when the last reference is
//! dropped. Reads go through an 8 KiB buffer like CPython's, so a write after a partial read
//! in `r+` mode lands where CPython's does for small files (after the buffered chunk).
//! `tell()` is the byte offset (what CPython's opaque cookie is for UTF-8 without decoder state).
//!
//! [`StringIO`] is `io.StringIO`: an in-memory text buffer with a character position and no
//! newline translation (its default `newline="\n"`).
//!
//! Both are shared by reference (`clone` aliases), as Python objects are. The generator calls
//! `close()` at the end of a `with` block (after `enter()` at its start).
//!
//! Differences from CPython: binary modes and encodings other than UTF-8 are refused; OS errors
//! carry `(errno, strerror, filename)` as `args` (CPython keeps the filename apart, in
//! `e.filename`); `io.UnsupportedOperation` derives only from `OSError` here (CPython: also
//! from `ValueError`).

use super::os_error_file;
use crate::err::{Exc, ExcClass, ExcType, PyErr, PyResult};
use crate::int::Int;
use crate::list::PyList;
use crate::object::PyObject;
use crate::pystr::PyStr;
use crate::value::{FromValue, IntoValue, Object, Value, ValueIter};
use std::any::Any;
use std::cell::RefCell;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::rc::Rc;

/// `io.UnsupportedOperation` (raised for reading a file opened for writing and the like).
pub static UNSUPPORTED_OPERATION: ExcClass =
    ExcClass { name: "io.UnsupportedOperation", base: ExcType::Builtin(Exc::OSError) };

#[cold]
fn unsupported(msg: &str) -> PyErr {
    PyErr::new(&UNSUPPORTED_OPERATION, msg)
}

#[cold]
fn closed_file() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

const CHUNK: usize = 8192;

/// How line endings are read and written (the `newline` argument of `open`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Newline {
    /// `None`: any of `\n`, `\r`, `\r\n` ends a line and reads as `\n`.
    Universal,
    /// `""`: any of them ends a line, returned untranslated.
    Any,
    /// `"\n"`, `"\r"`, `"\r\n"`: only that ends a line; writes translate `\n` to it.
    Lf,
    Cr,
    CrLf,
}

impl Newline {
    fn parse(newline: Option<&str>) -> PyResult<Newline> {
        Ok(match newline {
            None => Newline::Universal,
            Some("") => Newline::Any,
            Some("\n") => Newline::Lf,
            Some("\r") => Newline::Cr,
            Some("\r\n") => Newline::CrLf,
            Some(other) => {
                let mut repr = String::new();
                crate::format::write_str_repr(other, &mut repr);
                return Err(PyErr::value_error(format!("illegal newline value: {}", &repr[1..repr.len() - 1])));
            }
        })
    }
}

/// Decodes UTF-8 with CPython's `UnicodeDecodeError` message (positions relative to `bytes`).
fn decode_utf8(bytes: &[u8]) -> PyResult<&str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let pos = e.valid_up_to();
            let byte = bytes[pos];
            let reason = match e.error_len() {
                None => "unexpected end of data",
                Some(_) if (0xc2..=0xf4).contains(&byte) => "invalid continuation byte",
                Some(_) => "invalid start byte",
            };
            Err(PyErr::new(
                Exc::UnicodeDecodeError,
                format!("'utf-8' codec can't decode byte {byte:#04x} in position {pos}: {reason}"),
            ))
        }
    }
}

/// Universal newlines: `\r\n` and `\r` to `\n`.
fn translate_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_string();
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

// ---------------------------------------------------------------------------------------------
// open()

struct FileState {
    /// `None` once closed.
    file: Option<File>,
    readable: bool,
    writable: bool,
    newline: Newline,
    /// Bytes read from the OS; `raw[pos..]` are not consumed yet.
    raw: Vec<u8>,
    pos: usize,
    /// Encoded text not yet written to the OS.
    wbuf: Vec<u8>,
}

/// The shared file object.
pub struct FileObj {
    name: PyStr,
    mode: PyStr,
    encoding: PyStr,
    st: RefCell<FileState>,
}

/// A text file from `open()`. `clone` shares the file object.
#[derive(Clone)]
pub struct PyFile(Rc<FileObj>);

/// `open(file, mode)` in text mode with the default encoding (UTF-8) and universal newlines.
pub fn open(file: &PyStr, mode: &str) -> PyResult<PyFile> {
    open_with(file, mode, None, None)
}

/// `open(file, mode, encoding=..., newline=...)`.
pub fn open_with(file: &PyStr, mode: &str, encoding: Option<&str>, newline: Option<&str>) -> PyResult<PyFile> {
    let (mut reading, mut writing, mut appending, mut creating, mut updating, mut text, mut binary) =
        (false, false, false, false, false, false, false);
    let mut seen = String::new();
    for c in mode.chars() {
        let flag = match c {
            'r' => &mut reading,
            'w' => &mut writing,
            'a' => &mut appending,
            'x' => &mut creating,
            '+' => &mut updating,
            't' => &mut text,
            'b' => &mut binary,
            _ => return Err(invalid_mode(mode)),
        };
        if seen.contains(c) {
            return Err(invalid_mode(mode));
        }
        seen.push(c);
        *flag = true;
    }
    if text && binary {
        return Err(PyErr::value_error("can't have text and binary mode at once"));
    }
    let kinds = [reading, writing, appending, creating].iter().filter(|&&b| b).count();
    if kinds > 1 {
        return Err(PyErr::value_error("must have exactly one of create/read/write/append mode"));
    }
    if kinds == 0 {
        return Err(PyErr::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    if binary {
        return Err(PyErr::value_error("py2rust: binary files are not supported"));
    }
    let newline = Newline::parse(newline)?;
    let encoding = match encoding {
        None => PyStr::from("UTF-8"),
        Some(e) => {
            let norm = e.to_ascii_lowercase().replace(['-', ' '], "_");
            if !matches!(norm.as_str(), "utf_8" | "utf8" | "u8" | "utf") {
                return Err(PyErr::value_error(format!("py2rust: only UTF-8 files are supported, not encoding={e:?}")));
            }
            PyStr::from(e)
        }
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.read(reading || updating);
    if writing {
        opts.write(true).create(true).truncate(true);
    } else if appending {
        opts.append(true).create(true);
    } else if creating {
        opts.write(true).create_new(true);
    } else if updating {
        opts.write(true);
    }
    let path = file.as_str();
    let mut f = opts.open(path).map_err(|e| os_error_file(&e, path))?;
    if appending {
        // CPython starts append-mode files at their end (reads too, in "a+").
        f.seek(SeekFrom::End(0)).map_err(|e| os_error_file(&e, path))?;
    }
    // open(2) succeeds on a directory for reading; CPython's FileIO refuses it.
    if f.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(os_error_file(&std::io::Error::from_raw_os_error(21), path));
    }
    Ok(PyFile(Rc::new(FileObj {
        name: file.clone(),
        mode: PyStr::from(mode),
        encoding,
        st: RefCell::new(FileState {
            file: Some(f),
            readable: reading || updating,
            writable: !reading || updating,
            newline,
            raw: Vec::new(),
            pos: 0,
            wbuf: Vec::new(),
        }),
    })))
}

#[cold]
fn invalid_mode(mode: &str) -> PyErr {
    let mut repr = String::new();
    crate::format::write_str_repr(mode, &mut repr);
    PyErr::value_error(format!("invalid mode: {repr}"))
}

/// What a scan through the buffered bytes found at one position.
#[derive(PartialEq, Eq)]
enum Unit {
    Char,
    LineEnd,
}

impl FileState {
    fn file(&mut self) -> PyResult<&mut File> {
        self.file.as_mut().ok_or_else(closed_file)
    }

    fn check_readable(&mut self) -> PyResult<()> {
        self.file()?;
        if !self.readable {
            return Err(unsupported("not readable"));
        }
        self.flush_writes()
    }

    fn flush_writes(&mut self) -> PyResult<()> {
        if self.wbuf.is_empty() {
            return Ok(());
        }
        let buf = std::mem::take(&mut self.wbuf);
        let f = self.file()?;
        f.write_all(&buf).map_err(|e| crate::entry::os_error(&e))
    }

    /// Drops consumed bytes once they are most of the buffer (only between operations: scans
    /// hold indices into `raw`).
    fn compact(&mut self) {
        if self.pos >= CHUNK && self.pos * 2 >= self.raw.len() {
            self.raw.drain(..self.pos);
            self.pos = 0;
        }
    }

    /// Reads one more chunk; `false` at end of file.
    fn fill(&mut self) -> PyResult<bool> {
        let mut chunk = [0u8; CHUNK];
        let f = self.file()?;
        loop {
            match f.read(&mut chunk) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.raw.extend_from_slice(&chunk[..n]);
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(crate::entry::os_error(&e)),
            }
        }
    }

    /// Makes `raw[..n]` available if the file has that much; returns whether it does.
    fn ensure(&mut self, n: usize) -> PyResult<bool> {
        while self.raw.len() < n {
            if !self.fill()? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The unit starting at `raw[p]` (which must exist): its byte length, its kind and how
    /// many characters it reads as. With `room` < 2 characters left, an untranslated `\r\n`
    /// is split (as CPython's `readline(size)` does).
    fn unit_at(&mut self, p: usize, room: usize) -> PyResult<(usize, Unit, usize)> {
        let b = self.raw[p];
        let next_is_lf = |st: &mut FileState| -> PyResult<bool> { Ok(st.ensure(p + 2)? && st.raw[p + 1] == b'\n') };
        Ok(match (b, self.newline) {
            (b'\r', Newline::Universal) => (if next_is_lf(self)? { 2 } else { 1 }, Unit::LineEnd, 1),
            (b'\r', Newline::Any) => {
                if !next_is_lf(self)? {
                    (1, Unit::LineEnd, 1)
                } else if room >= 2 {
                    (2, Unit::LineEnd, 2)
                } else {
                    (1, Unit::Char, 1)
                }
            }
            (b'\r', Newline::Cr) => (1, Unit::LineEnd, 1),
            (b'\r', Newline::CrLf) => {
                if room >= 2 && next_is_lf(self)? {
                    (2, Unit::LineEnd, 2)
                } else {
                    (1, Unit::Char, 1)
                }
            }
            (b'\n', Newline::Universal | Newline::Any | Newline::Lf) => (1, Unit::LineEnd, 1),
            _ => {
                let len = match b {
                    0xc2..=0xdf => 2,
                    0xe0..=0xef => 3,
                    0xf0..=0xf4 => 4,
                    _ => 1,
                };
                self.ensure(p + len)?;
                (len.min(self.raw.len() - p), Unit::Char, 1)
            }
        })
    }

    /// The end (exclusive) of the line starting at `raw[from]`: after its line end, or at the
    /// end of the file.
    fn line_end(&mut self, mut from: usize) -> PyResult<usize> {
        loop {
            let found = match self.newline {
                Newline::Universal | Newline::Any => self.raw[from..].iter().position(|&b| b == b'\n' || b == b'\r'),
                Newline::Lf => self.raw[from..].iter().position(|&b| b == b'\n'),
                Newline::Cr | Newline::CrLf => self.raw[from..].iter().position(|&b| b == b'\r'),
            };
            match found {
                Some(i) => {
                    let j = from + i;
                    if self.raw[j] == b'\n' || self.newline == Newline::Cr {
                        return Ok(j + 1);
                    }
                    // A \r: is it followed by \n?
                    let lf = self.ensure(j + 2)? && self.raw[j + 1] == b'\n';
                    match (lf, self.newline) {
                        (true, _) => return Ok(j + 2),
                        (false, Newline::CrLf) => from = j + 1,
                        (false, _) => return Ok(j + 1),
                    }
                }
                None => {
                    from = self.raw.len();
                    if !self.fill()? {
                        return Ok(from);
                    }
                }
            }
        }
    }

    /// Reads up to `limit` characters (all when `None`), stopping after a line end when
    /// `line` is set.
    fn scan(&mut self, limit: Option<usize>, line: bool) -> PyResult<PyStr> {
        self.check_readable()?;
        self.compact();
        let start = self.pos;
        let p = match (limit, line) {
            (None, false) => {
                let f = self.file.as_mut().ok_or_else(closed_file)?;
                f.read_to_end(&mut self.raw).map_err(|e| crate::entry::os_error(&e))?;
                self.raw.len()
            }
            (None, true) => self.line_end(start)?,
            (Some(limit), _) => {
                let (mut p, mut chars) = (start, 0);
                while chars < limit {
                    if p >= self.raw.len() && !self.ensure(p + 1)? {
                        break;
                    }
                    let (len, unit, n) = self.unit_at(p, limit - chars)?;
                    p += len;
                    chars += n;
                    if line && unit == Unit::LineEnd {
                        break;
                    }
                }
                p
            }
        };
        let text = decode_utf8(&self.raw[start..p])?;
        let out = if self.newline == Newline::Universal { PyStr::from(translate_newlines(text)) } else { PyStr::from(text) };
        self.pos = p;
        Ok(out)
    }

    fn write(&mut self, s: &str) -> PyResult<()> {
        self.file()?;
        if !self.writable {
            return Err(unsupported("not writable"));
        }
        match self.newline {
            Newline::Cr => self.wbuf.extend_from_slice(s.replace('\n', "\r").as_bytes()),
            Newline::CrLf => self.wbuf.extend_from_slice(s.replace('\n', "\r\n").as_bytes()),
            _ => self.wbuf.extend_from_slice(s.as_bytes()),
        }
        if self.wbuf.len() >= CHUNK {
            self.flush_writes()?;
        }
        Ok(())
    }

    /// The byte offset of the next character to read.
    fn tell(&mut self) -> PyResult<u64> {
        self.flush_writes()?;
        let unread = (self.raw.len() - self.pos) as u64;
        let f = self.file()?;
        let at = f.stream_position().map_err(|e| crate::entry::os_error(&e))?;
        Ok(at.saturating_sub(unread))
    }
}

impl PyFile {
    fn st(&self) -> std::cell::RefMut<'_, FileState> {
        self.0.st.borrow_mut()
    }

    /// `f.name`.
    pub fn name(&self) -> PyStr {
        self.0.name.clone()
    }

    /// `f.mode`.
    pub fn mode(&self) -> PyStr {
        self.0.mode.clone()
    }

    /// `f.encoding`.
    pub fn encoding(&self) -> PyStr {
        self.0.encoding.clone()
    }

    /// `f.closed`.
    pub fn closed(&self) -> bool {
        self.0.st.borrow().file.is_none()
    }

    /// `a is b`.
    pub fn ptr_eq(&self, other: &PyFile) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `with f as x:` — `__enter__` returns the file itself; raises on a closed file.
    pub fn enter(&self) -> PyResult<PyFile> {
        if self.closed() {
            return Err(closed_file());
        }
        Ok(self.clone())
    }

    /// `f.read()`.
    pub fn read(&self) -> PyResult<PyStr> {
        self.st().scan(None, false)
    }

    /// `f.read(size)`: at most `size` characters (all for a negative size).
    pub fn read_n(&self, size: &Int) -> PyResult<PyStr> {
        self.st().scan(limit_of(size), false)
    }

    /// `f.readline()`: the next line with its line end, `""` at end of file.
    pub fn readline(&self) -> PyResult<PyStr> {
        self.st().scan(None, true)
    }

    /// `f.readline(size)`.
    pub fn readline_n(&self, size: &Int) -> PyResult<PyStr> {
        self.st().scan(limit_of(size), true)
    }

    /// `f.readlines()`.
    pub fn readlines(&self) -> PyResult<PyList<PyStr>> {
        let mut lines = Vec::new();
        loop {
            let line = self.readline()?;
            if line.is_empty() {
                return Ok(PyList::from_vec(lines));
            }
            lines.push(line);
        }
    }

    /// `for line in f`: lines read lazily, each keeping its `"\n"`.
    pub fn iter(&self) -> PyFileLines {
        PyFileLines(self.clone())
    }

    /// `f.write(s)`: the number of characters written.
    pub fn write(&self, s: &PyStr) -> PyResult<Int> {
        self.st().write(s.as_str())?;
        Ok(s.len())
    }

    /// `f.write(s)` from Rust text (what `print(..., file=f)` writes).
    pub fn write_str(&self, s: &str) -> PyResult<()> {
        self.st().write(s)
    }

    /// `f.writelines(lines)`.
    pub fn writelines<I>(&self, lines: I) -> PyResult<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for line in lines {
            self.st().write(line.as_ref())?;
        }
        Ok(())
    }

    /// `f.flush()`.
    pub fn flush(&self) -> PyResult<()> {
        let mut st = self.st();
        st.file()?;
        st.flush_writes()
    }

    /// `f.close()`: flushes and closes; closing again does nothing.
    pub fn close(&self) -> PyResult<()> {
        let mut st = self.st();
        if st.file.is_none() {
            return Ok(());
        }
        let flushed = st.flush_writes();
        st.file = None;
        st.raw = Vec::new();
        st.pos = 0;
        flushed
    }

    /// `f.readable()`.
    pub fn readable(&self) -> PyResult<bool> {
        let mut st = self.st();
        st.file()?;
        Ok(st.readable)
    }

    /// `f.writable()`.
    pub fn writable(&self) -> PyResult<bool> {
        let mut st = self.st();
        st.file()?;
        Ok(st.writable)
    }

    /// `f.tell()`.
    pub fn tell(&self) -> PyResult<Int> {
        Ok(Int::from(self.st().tell()?))
    }

    /// `f.seek(offset, whence)` (whence 0: from the start; 1 and 2 only with offset 0).
    pub fn seek(&self, offset: &Int, whence: i64) -> PyResult<Int> {
        let mut st = self.st();
        st.file()?;
        let target = match whence {
            0 => {
                if offset.is_negative() {
                    return Err(PyErr::value_error(format!("negative seek position {offset}")));
                }
                let off = offset.to_i64().ok_or_else(|| PyErr::overflow("Python int too large to convert to C long"))?;
                SeekFrom::Start(off as u64)
            }
            1 if !offset.is_zero() => return Err(unsupported("can't do nonzero cur-relative seeks")),
            1 => SeekFrom::Start(st.tell()?),
            2 if !offset.is_zero() => return Err(unsupported("can't do nonzero end-relative seeks")),
            2 => SeekFrom::End(0),
            _ => return Err(PyErr::value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)"))),
        };
        st.flush_writes()?;
        st.raw.clear();
        st.pos = 0;
        let f = st.file()?;
        let at = f.seek(target).map_err(|e| crate::entry::os_error(&e))?;
        Ok(Int::from(at))
    }
}

/// A negative size means "everything".
fn limit_of(size: &Int) -> Option<usize> {
    if size.is_negative() {
        None
    } else {
        Some(size.to_usize().unwrap_or(usize::MAX))
    }
}

impl Drop for FileObj {
    /// CPython flushes a file when its last reference goes away.
    fn drop(&mut self) {
        let st = self.st.get_mut();
        if st.file.is_some() {
            let _ = st.flush_writes();
        }
    }
}

/// The lines of a file, read lazily (`for line in f`).
pub struct PyFileLines(PyFile);

impl Iterator for PyFileLines {
    type Item = PyResult<PyStr>;
    fn next(&mut self) -> Option<PyResult<PyStr>> {
        match self.0.readline() {
            Ok(line) if line.is_empty() => None,
            other => Some(other),
        }
    }
}

impl IntoIterator for &PyFile {
    type Item = PyResult<PyStr>;
    type IntoIter = PyFileLines;
    fn into_iter(self) -> PyFileLines {
        self.iter()
    }
}

impl PyObject for FileObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str("<_io.TextIOWrapper name=");
        self.name.write_repr(out)?;
        out.push_str(" mode=");
        self.mode.write_repr(out)?;
        out.push_str(" encoding=");
        self.encoding.write_repr(out)?;
        out.push('>');
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "TextIOWrapper"
    }
}

impl PyObject for PyFile {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.0.write_repr(out)
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "TextIOWrapper"
    }
}

impl Object for FileObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let f = PyFile(self);
        if f.closed() {
            return Err(closed_file());
        }
        Ok(ValueIter::new(f.iter().map(|r| r.map(Value::Str))))
    }
}

impl IntoValue for PyFile {
    fn into_value(self) -> Value {
        Value::Obj(self.0)
    }
}

impl FromValue for PyFile {
    fn from_value(v: Value) -> PyResult<PyFile> {
        let name = v.type_name();
        if let Value::Obj(o) = v {
            if let Ok(rc) = o.into_any_rc().downcast::<FileObj>() {
                return Ok(PyFile(rc));
            }
        }
        Err(PyErr::type_error(format!("expected TextIOWrapper, got {name}")))
    }
}

// ---------------------------------------------------------------------------------------------
// io.StringIO

struct StringIOState {
    buf: Vec<char>,
    pos: usize,
    closed: bool,
}

/// The shared `StringIO` object.
pub struct StringIOObj(RefCell<StringIOState>);

/// `io.StringIO`. `clone` shares the object.
#[derive(Clone)]
pub struct StringIO(Rc<StringIOObj>);

#[cold]
fn stringio_closed() -> PyErr {
    // StringIO's message has no final period, unlike files'.
    PyErr::value_error("I/O operation on closed file")
}

impl Default for StringIO {
    fn default() -> StringIO {
        StringIO::new()
    }
}

impl StringIO {
    /// `io.StringIO()`.
    pub fn new() -> StringIO {
        StringIO::with_value(&PyStr::empty())
    }

    /// `io.StringIO(initial_value)`: positioned at the start.
    pub fn with_value(initial: &PyStr) -> StringIO {
        StringIO(Rc::new(StringIOObj(RefCell::new(StringIOState {
            buf: initial.as_str().chars().collect(),
            pos: 0,
            closed: false,
        }))))
    }

    fn st(&self) -> PyResult<std::cell::RefMut<'_, StringIOState>> {
        let st = self.0 .0.borrow_mut();
        if st.closed {
            return Err(stringio_closed());
        }
        Ok(st)
    }

    /// `a is b`.
    pub fn ptr_eq(&self, other: &StringIO) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `s.closed`.
    pub fn closed(&self) -> bool {
        self.0 .0.borrow().closed
    }

    /// `with io.StringIO() as s:`.
    pub fn enter(&self) -> PyResult<StringIO> {
        self.st()?;
        Ok(self.clone())
    }

    /// `s.getvalue()`.
    pub fn getvalue(&self) -> PyResult<PyStr> {
        Ok(PyStr::from(self.st()?.buf.iter().collect::<String>()))
    }

    /// `s.write(text)`: overwrites from the position (padding with NULs past the end);
    /// returns the number of characters.
    pub fn write(&self, text: &PyStr) -> PyResult<Int> {
        self.write_str(text.as_str())?;
        Ok(text.len())
    }

    /// `s.write(text)` from Rust text.
    pub fn write_str(&self, text: &str) -> PyResult<()> {
        let mut st = self.st()?;
        let pos = st.pos;
        if pos > st.buf.len() {
            st.buf.resize(pos, '\0');
        }
        let mut i = pos;
        for c in text.chars() {
            if i < st.buf.len() {
                st.buf[i] = c;
            } else {
                st.buf.push(c);
            }
            i += 1;
        }
        st.pos = i;
        Ok(())
    }

    /// `s.writelines(lines)`.
    pub fn writelines<I>(&self, lines: I) -> PyResult<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for line in lines {
            self.write_str(line.as_ref())?;
        }
        Ok(())
    }

    fn take(&self, limit: Option<usize>, line: bool) -> PyResult<PyStr> {
        let mut st = self.st()?;
        let start = st.pos.min(st.buf.len());
        let mut end = match limit {
            Some(n) => start.saturating_add(n).min(st.buf.len()),
            None => st.buf.len(),
        };
        if line {
            if let Some(i) = st.buf[start..end].iter().position(|&c| c == '\n') {
                end = start + i + 1;
            }
        }
        let s: String = st.buf[start..end].iter().collect();
        st.pos = end.max(st.pos);
        Ok(PyStr::from(s))
    }

    /// `s.read()`.
    pub fn read(&self) -> PyResult<PyStr> {
        self.take(None, false)
    }

    /// `s.read(size)` (all for a negative size).
    pub fn read_n(&self, size: &Int) -> PyResult<PyStr> {
        self.take(limit_of(size), false)
    }

    /// `s.readline()`.
    pub fn readline(&self) -> PyResult<PyStr> {
        self.take(None, true)
    }

    /// `s.readline(size)`.
    pub fn readline_n(&self, size: &Int) -> PyResult<PyStr> {
        self.take(limit_of(size), true)
    }

    /// `s.readlines()`.
    pub fn readlines(&self) -> PyResult<PyList<PyStr>> {
        let mut lines = Vec::new();
        loop {
            let line = self.readline()?;
            if line.is_empty() {
                return Ok(PyList::from_vec(lines));
            }
            lines.push(line);
        }
    }

    /// `for line in s`.
    pub fn iter(&self) -> StringIOLines {
        StringIOLines(self.clone())
    }

    /// `s.tell()`.
    pub fn tell(&self) -> PyResult<Int> {
        Ok(Int::from(self.st()?.pos))
    }

    /// `s.seek(pos, whence)`.
    pub fn seek(&self, pos: &Int, whence: i64) -> PyResult<Int> {
        let mut st = self.st()?;
        let new = match whence {
            0 => {
                if pos.is_negative() {
                    return Err(PyErr::value_error(format!("Negative seek position {pos}")));
                }
                pos.to_usize().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t"))?
            }
            1 if !pos.is_zero() => return Err(PyErr::new(Exc::OSError, "Can't do nonzero cur-relative seeks")),
            1 => st.pos,
            2 if !pos.is_zero() => return Err(PyErr::new(Exc::OSError, "Can't do nonzero end-relative seeks")),
            2 => st.buf.len(),
            _ => return Err(PyErr::value_error(format!("Invalid whence ({whence}, should be 0, 1 or 2)"))),
        };
        st.pos = new;
        Ok(Int::from(new))
    }

    /// `s.truncate()` (at the position) or `s.truncate(size)`; returns the new size.
    pub fn truncate(&self, size: Option<&Int>) -> PyResult<Int> {
        let mut st = self.st()?;
        let size = match size {
            None => st.pos,
            Some(s) if s.is_negative() => {
                return Err(PyErr::value_error(format!("Negative size value {s}")));
            }
            Some(s) => s.to_usize().unwrap_or(usize::MAX),
        };
        if size < st.buf.len() {
            st.buf.truncate(size);
        }
        Ok(Int::from(size))
    }

    /// `s.close()`: frees the buffer; further use raises `ValueError`.
    pub fn close(&self) {
        let mut st = self.0 .0.borrow_mut();
        st.closed = true;
        st.buf = Vec::new();
    }
}

/// The lines of a `StringIO` (`for line in s`).
pub struct StringIOLines(StringIO);

impl Iterator for StringIOLines {
    type Item = PyResult<PyStr>;
    fn next(&mut self) -> Option<PyResult<PyStr>> {
        match self.0.readline() {
            Ok(line) if line.is_empty() => None,
            other => Some(other),
        }
    }
}

impl IntoIterator for &StringIO {
    type Item = PyResult<PyStr>;
    type IntoIter = StringIOLines;
    fn into_iter(self) -> StringIOLines {
        self.iter()
    }
}

impl PyObject for StringIOObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<_io.StringIO object at {:#x}>", self as *const StringIOObj as usize));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "StringIO"
    }
}

impl PyObject for StringIO {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.0.write_repr(out)
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "StringIO"
    }
}

impl Object for StringIOObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let s = StringIO(self);
        s.st()?;
        Ok(ValueIter::new(s.iter().map(|r| r.map(Value::Str))))
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        let s = StringIO(self);
        Some(stringio_method(&s, name, args))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        (name == "closed").then(|| Ok(Value::Bool(self.0.borrow().closed)))
    }
}

/// The methods of a `StringIO` held in a value.
fn stringio_method(s: &StringIO, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let arity = |lo: usize, hi: usize| -> PyResult<()> {
        if args.len() < lo || args.len() > hi {
            let msg = if lo == hi {
                format!("StringIO.{name}() takes exactly {lo} argument{} ({} given)", if lo == 1 { "" } else { "s" }, args.len())
            } else {
                format!("{name} expected at most {hi} argument{}, got {}", if hi == 1 { "" } else { "s" }, args.len())
            };
            return Err(PyErr::type_error(msg));
        }
        Ok(())
    };
    let int = |v: &Value| -> PyResult<Option<Int>> {
        match v {
            Value::None => Ok(None),
            v => match v.as_int() {
                Some(i) => Ok(Some(i.into_owned())),
                None => Err(PyErr::type_error(format!("argument should be integer or None, not '{}'", v.type_name()))),
            },
        }
    };
    match name {
        "write" => {
            arity(1, 1)?;
            match &args[0] {
                Value::Str(t) => Ok(Value::Int(s.write(t)?)),
                v => Err(PyErr::type_error(format!("string argument expected, got '{}'", v.type_name()))),
            }
        }
        "getvalue" => {
            arity(0, 0)?;
            Ok(Value::Str(s.getvalue()?))
        }
        "read" | "readline" => {
            arity(0, 1)?;
            let n = match args.first() {
                Some(v) => int(v)?,
                None => None,
            };
            let r = match (name, n) {
                ("read", Some(n)) => s.read_n(&n)?,
                ("read", _) => s.read()?,
                (_, Some(n)) => s.readline_n(&n)?,
                _ => s.readline()?,
            };
            Ok(Value::Str(r))
        }
        "readlines" => {
            arity(0, 0)?;
            Ok(s.readlines()?.into_value())
        }
        "writelines" => {
            arity(1, 1)?;
            for line in args[0].iter()? {
                match line? {
                    Value::Str(t) => {
                        s.write(&t)?;
                    }
                    v => return Err(PyErr::type_error(format!("string argument expected, got '{}'", v.type_name()))),
                }
            }
            Ok(Value::None)
        }
        "tell" => {
            arity(0, 0)?;
            Ok(Value::Int(s.tell()?))
        }
        "seek" => {
            arity(1, 2)?;
            let pos = int(&args[0])?.unwrap_or_default();
            let whence = match args.get(1) {
                Some(w) => int(w)?.and_then(|w| w.to_i64()).unwrap_or(0),
                None => 0,
            };
            Ok(Value::Int(s.seek(&pos, whence)?))
        }
        "truncate" => {
            arity(0, 1)?;
            let size = match args.first() {
                Some(v) => int(v)?,
                None => None,
            };
            Ok(Value::Int(s.truncate(size.as_ref())?))
        }
        "close" => {
            arity(0, 0)?;
            s.close();
            Ok(Value::None)
        }
        "flush" => {
            arity(0, 0)?;
            s.getvalue()?;
            Ok(Value::None)
        }
        "readable" | "writable" | "seekable" => {
            arity(0, 0)?;
            s.getvalue()?;
            Ok(Value::Bool(true))
        }
        _ => Err(PyErr::attribute_error(format!("'_io.StringIO' object has no attribute '{name}'"))),
    }
}

/// `io.StringIO()`, `io.StringIO(initial)`.
pub fn io_stringio(args: &[Value]) -> PyResult<Value> {
    match args {
        [] | [Value::None] => Ok(StringIO::new().into_value()),
        [Value::Str(t)] => Ok(StringIO::with_value(t).into_value()),
        [v] => Err(PyErr::type_error(format!("initial_value must be str or None, not {}", v.type_name()))),
        _ => Err(PyErr::type_error(format!("StringIO() takes at most 2 arguments ({} given)", args.len()))),
    }
}

/// `print(*args, sep=sep, end=end, file=f)` for a file object held in a value (a `StringIO`,
/// anything with a `write` method).
pub fn print_file(file: &Value, args: &[&dyn PyObject], sep: &str, end: &str) -> PyResult<()> {
    let mut text = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            text.push_str(sep);
        }
        a.write_str(&mut text)?;
    }
    text.push_str(end);
    if file.is_none() {
        return crate::builtins::print(args, sep, end);
    }
    file.call_method("write", vec![Value::Str(PyStr::from(text))])?;
    Ok(())
}

impl IntoValue for StringIO {
    fn into_value(self) -> Value {
        Value::Obj(self.0)
    }
}

impl FromValue for StringIO {
    fn from_value(v: Value) -> PyResult<StringIO> {
        let name = v.type_name();
        if let Value::Obj(o) = v {
            if let Ok(rc) = o.into_any_rc().downcast::<StringIOObj>() {
                return Ok(StringIO(rc));
            }
        }
        Err(PyErr::type_error(format!("expected StringIO, got {name}")))
    }
}

#[cfg(test)]
#[path = "io_tests.rs"]
mod tests;
