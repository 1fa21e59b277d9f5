//! Running a program like CPython runs a script: the main entry point, `sys.argv`, buffered
//! stdout, uncaught-exception tracebacks, `SystemExit`, and the recursion limit.
//!
//! Generated `main` is `fn main() { run_main(FILE, SOURCE, module_body) }`.
//!
//! stdout behaves as CPython's `sys.stdout`: block-buffered when it is not a terminal,
//! line-buffered on a terminal, unbuffered when `PYTHONUNBUFFERED` is set. stderr is written
//! through. As in CPython, writing to stderr does not flush stdout, an uncaught exception's
//! traceback does (first), and a `SystemExit` message does not. A write to a closed pipe
//! raises `BrokenPipeError` from the `print` that flushed, never a panic.

use crate::err::{Exc, PyErr, PyResult};
use crate::list::PyList;
use crate::object::PyObject;
use crate::pystr::PyStr;
use crate::value::Value;
use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::marker::PhantomData;
use std::sync::Mutex;

// ---------------------------------------------------------------------------------------------
// stdout / stderr

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Unbuffered,
    Line,
    Block,
}

struct Stdout {
    buf: Vec<u8>,
    mode: Option<Mode>,
}

/// Process-wide so that every thread's `print` goes through one buffer, as in CPython.
static STDOUT: Mutex<Stdout> = Mutex::new(Stdout { buf: Vec::new(), mode: None });

/// CPython's buffer size (`io.DEFAULT_BUFFER_SIZE`).
const BLOCK: usize = 8192;

fn stdout_mode() -> Mode {
    if std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty()) {
        Mode::Unbuffered
    } else if std::io::stdout().is_terminal() {
        Mode::Line
    } else {
        Mode::Block
    }
}

fn lock_stdout() -> std::sync::MutexGuard<'static, Stdout> {
    // A panic while holding the lock cannot leave the buffer inconsistent: keep going.
    STDOUT.lock().unwrap_or_else(|e| e.into_inner())
}

impl Stdout {
    /// Writes the buffer out. On failure the buffered text is dropped (as CPython loses it)
    /// and the error is raised, e.g. `BrokenPipeError: [Errno 32] Broken pipe` once the
    /// reading end of a pipe has gone away.
    fn flush(&mut self) -> PyResult<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let mut out = std::io::stdout().lock();
        let r = out.write_all(&self.buf).and_then(|_| out.flush());
        self.buf.clear();
        r.map_err(|e| os_error(&e))
    }
}

/// An `OSError` (or its errno subclass) from an I/O error, in CPython's words.
pub fn os_error(e: &std::io::Error) -> PyErr {
    let errno = e.raw_os_error();
    let exc = match errno {
        Some(32) => Exc::BrokenPipeError,
        Some(2) => Exc::FileNotFoundError,
        Some(13) | Some(1) => Exc::PermissionError,
        Some(17) => Exc::FileExistsError,
        Some(21) => Exc::IsADirectoryError,
        Some(20) => Exc::NotADirectoryError,
        Some(4) => Exc::InterruptedError,
        Some(104) => Exc::ConnectionResetError,
        Some(111) => Exc::ConnectionRefusedError,
        Some(110) => Exc::TimeoutError,
        _ => Exc::OSError,
    };
    let text = e.to_string();
    // Rust appends " (os error N)" to strerror's text.
    let strerror = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    match errno {
        Some(n) => PyErr::with_args(exc, vec![Value::Int(n.into()), Value::Str(PyStr::from(strerror))]),
        None => PyErr::new(exc, strerror),
    }
}

/// Writes to `sys.stdout` (buffered as described in the module docs).
pub fn write_stdout(s: &str) -> PyResult<()> {
    let mut out = lock_stdout();
    let mode = *out.mode.get_or_insert_with(stdout_mode);
    out.buf.extend_from_slice(s.as_bytes());
    let flush = match mode {
        Mode::Unbuffered => true,
        Mode::Line => s.contains(['\n', '\r']),
        Mode::Block => out.buf.len() >= BLOCK,
    };
    if flush {
        out.flush()
    } else {
        Ok(())
    }
}

/// `sys.stdout.flush()`.
pub fn flush_stdout() -> PyResult<()> {
    lock_stdout().flush()
}

/// Final flush at exit: errors cannot be reported any more (CPython stays silent too once the
/// pipe error has been raised).
fn flush_stdout_at_exit() {
    let _ = flush_stdout();
}

/// Writes to `sys.stderr` (not buffered; does not flush stdout, as CPython).
pub fn write_stderr(s: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(s.as_bytes());
    let _ = err.flush();
}

// ---------------------------------------------------------------------------------------------
// Recursion limit

/// CPython's default `sys.getrecursionlimit()`.
pub const DEFAULT_RECURSION_LIMIT: u32 = 1000;

/// Per-thread call accounting, in one thread-local so `enter_call` costs one TLS access.
struct Calls {
    /// Python frames on this thread; the module frame counts as 1, as in CPython.
    depth: Cell<u32>,
    limit: Cell<u32>,
    /// Lowest safe stack address on this thread (0: unknown), so that even a raised
    /// recursion limit ends in RecursionError rather than a Rust stack overflow.
    stack_floor: Cell<usize>,
}

thread_local! {
    static CALLS: Calls = const {
        Calls { depth: Cell::new(1), limit: Cell::new(DEFAULT_RECURSION_LIMIT), stack_floor: Cell::new(0) }
    };
}

/// One level of Python recursion, released on drop. Not `Send`: it belongs to its thread.
#[must_use = "the call depth is released when the guard is dropped"]
pub struct CallGuard {
    _not_send: PhantomData<*const ()>,
}

impl Drop for CallGuard {
    #[inline]
    fn drop(&mut self) {
        CALLS.with(|c| c.depth.set(c.depth.get().saturating_sub(1)));
    }
}

/// Enters a Python function call: `let _g = enter_call()?;` at the top of a (possibly)
/// recursive function. Past the recursion limit it raises
/// `RecursionError: maximum recursion depth exceeded`.
///
/// Propagate that error with a plain `?`, without `.at(..)`: CPython's traceback does not show
/// the frame that could not be entered, only the caller's line (which its own `.at` adds).
#[inline]
pub fn enter_call() -> PyResult<CallGuard> {
    enter_call_with("")
}

/// [`enter_call`] with CPython's suffix for the message
/// (e.g. `" while getting the repr of an object"`).
#[inline]
pub fn enter_call_with(what: &'static str) -> PyResult<CallGuard> {
    CALLS.with(|c| {
        let depth = c.depth.get() + 1;
        let marker = 0u8;
        let sp = &marker as *const u8 as usize;
        if depth > c.limit.get() || sp < c.stack_floor.get() {
            return Err(recursion_error(what));
        }
        c.depth.set(depth);
        Ok(CallGuard { _not_send: PhantomData })
    })
}

/// `n` levels of Python calls at once (a generator resumed `n - 1` `yield from`s deep, see
/// `gen::Flat`), released on drop.
#[inline]
pub fn enter_calls(n: u32) -> PyResult<CallsGuard> {
    CALLS.with(|c| {
        let depth = c.depth.get() + n;
        let marker = 0u8;
        let sp = &marker as *const u8 as usize;
        if depth > c.limit.get() || sp < c.stack_floor.get() {
            return Err(recursion_error(""));
        }
        c.depth.set(depth);
        Ok(CallsGuard { n, _not_send: PhantomData })
    })
}

/// Several levels of Python recursion, released on drop.
#[must_use = "the call depth is released when the guard is dropped"]
pub struct CallsGuard {
    n: u32,
    _not_send: PhantomData<*const ()>,
}

impl Drop for CallsGuard {
    #[inline]
    fn drop(&mut self) {
        CALLS.with(|c| c.depth.set(c.depth.get().saturating_sub(self.n)));
    }
}

#[cold]
fn recursion_error(what: &str) -> PyErr {
    PyErr::recursion_error(format!("maximum recursion depth exceeded{what}"))
}

/// `sys.getrecursionlimit()`.
pub fn recursion_limit() -> u32 {
    CALLS.with(|c| c.limit.get())
}

/// `sys.setrecursionlimit(n)`.
pub fn set_recursion_limit(n: i64) -> PyResult<()> {
    if n < 1 {
        return Err(PyErr::value_error("recursion limit must be greater or equal than 1"));
    }
    let n = u32::try_from(n).map_err(|_| PyErr::overflow("Python int too large to convert to C int"))?;
    let depth = CALLS.with(|c| c.depth.get());
    if n <= depth {
        return Err(PyErr::recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    CALLS.with(|c| c.limit.set(n));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// sys.argv

/// `sys.argv`: the script path as the user gave it (the launcher passes it in `PY2RUST_ARGV0`;
/// otherwise the binary's own `argv[0]`), then the arguments. Non-UTF-8 arguments are decoded
/// lossily (CPython would use surrogate escapes).
pub fn argv() -> PyList<PyStr> {
    let mut args = std::env::args_os().map(|a| PyStr::from(a.to_string_lossy().into_owned()));
    let first = args.next();
    let argv0 = match std::env::var("PY2RUST_ARGV0") {
        Ok(p) => Some(PyStr::from(p)),
        Err(_) => first,
    };
    argv0.into_iter().chain(args).collect()
}

// ---------------------------------------------------------------------------------------------
// Running the program

/// Stack for the program's thread: reserved address space, only touched pages use memory.
const STACK_SIZES: [usize; 3] = [1 << 30, 256 << 20, 64 << 20];
/// Head room kept below the floor checked by `enter_call` (for the runtime's own calls).
const STACK_MARGIN: usize = 4 << 20;

/// Runs the module body as CPython runs a script and exits the process: 0 on success, the
/// `SystemExit` code, or 1 after printing the traceback of an uncaught exception. A Rust panic
/// (a runtime bug) exits with 101.
///
/// `file` is the script path as given on the command line; like CPython, tracebacks show it
/// made absolute against the working directory at startup. `source` is the script's text, for
/// the source lines of traceback entries.
pub fn run_main(file: &'static str, source: &'static str, body: fn() -> PyResult<()>) -> ! {
    let shown = display_path(file);
    let _ = SCRIPT.set((shown.clone(), source));
    let mut code = None;
    for &size in &STACK_SIZES {
        let shown = shown.clone();
        let spawned = std::thread::Builder::new()
            .name("main".into())
            .stack_size(size)
            .spawn(move || {
                set_stack_floor(size);
                run_body(&shown, source, body)
            });
        if let Ok(handle) = spawned {
            code = Some(handle.join().unwrap_or(101));
            break;
        }
    }
    // No thread could be started: run on this one, with its default stack.
    let code = code.unwrap_or_else(|| run_body(&shown, source, body));
    flush_stdout_at_exit();
    std::process::exit(code)
}

fn set_stack_floor(size: usize) {
    let marker = 0u8;
    let here = &marker as *const u8 as usize;
    CALLS.with(|c| c.stack_floor.set(here.saturating_sub(size.saturating_sub(STACK_MARGIN))));
}

/// CPython's `_Py_abspath`: a relative path is joined to the working directory as is.
fn display_path(file: &str) -> String {
    if file.starts_with('/') {
        return file.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{}", cwd.display(), file),
        Err(_) => file.to_string(),
    }
}

/// Runs the body and turns its outcome into an exit status.
fn run_body(file: &str, source: &str, body: fn() -> PyResult<()>) -> i32 {
    let result = body().and_then(|()| flush_stdout());
    match result {
        Ok(()) => 0,
        Err(e) => {
            let code = exit_status(&e, file, source);
            flush_stdout_at_exit();
            code
        }
    }
}

/// The script's shown path and its text, for reports made outside `run_main`'s own flow.
static SCRIPT: std::sync::OnceLock<(String, &'static str)> = std::sync::OnceLock::new();

/// An exception where py2rust proved none can happen (a generator body it found unable to
/// raise): a bug of ours. Reported as an internal error, exit status 101, like rustc rejecting
/// generated code.
#[cold]
pub fn impossible_exception(e: PyErr) -> ! {
    let (file, source) = SCRIPT.get().map(|(f, s)| (f.as_str(), *s)).unwrap_or(("<unknown>", ""));
    write_stderr(&format!("py2rust: internal error: an exception where none can happen\n{}", format_exception(&e, file, source)));
    flush_stdout_at_exit();
    std::process::exit(101)
}

/// An int the transpiler proved small turned out big: a bug of ours, reported like
/// `impossible_exception`.
#[cold]
pub fn impossible_big_int() -> ! {
    internal_error("an int proven to fit 64 bits did not")
}

/// Something the transpiler proved cannot happen did: our bug, reported as an internal error
/// (exit status 101), never a silently wrong result.
#[cold]
pub fn internal_error(what: &str) -> ! {
    write_stderr(&format!("py2rust: internal error: {what}\n"));
    flush_stdout_at_exit();
    std::process::exit(101)
}

/// An exception that cannot propagate (raised while a generator is finalized): CPython prints
/// `Exception ignored in: ...` and the traceback to stderr, and goes on.
pub fn report_unraisable(context: &str, e: &PyErr) {
    let (file, source) = SCRIPT.get().map(|(f, s)| (f.as_str(), *s)).unwrap_or(("<unknown>", ""));
    let mut msg = format!("{context}\n");
    msg.push_str(&format_exception(e, file, source));
    write_stderr(&msg);
}

/// What CPython does with an exception that reaches the top: handle `SystemExit`, or print
/// the traceback. Returns the exit status.
pub fn exit_status(e: &PyErr, file: &str, source: &str) -> i32 {
    if e.is_instance(Exc::SystemExit) {
        return match e.exit_code() {
            Value::None => 0,
            // `(int)PyLong_AsLong(code)`: -1 when it does not fit; the OS keeps the low byte.
            Value::Int(i) => i.to_i64().map_or(-1, |v| v as i32),
            Value::Bool(b) => b as i32,
            other => {
                let mut msg = String::new();
                if other.write_str(&mut msg).is_err() {
                    msg.clear();
                }
                msg.push('\n');
                write_stderr(&msg);
                1
            }
        };
    }
    flush_stdout_at_exit();
    write_stderr(&format_exception(e, file, source));
    // CPython ends an uncaught KeyboardInterrupt by re-raising SIGINT: status 128 + 2.
    if e.is_instance(Exc::KeyboardInterrupt) {
        130
    } else {
        1
    }
}

/// The full report CPython prints for an uncaught exception, including the chain of
/// `__cause__` / `__context__` exceptions before it.
pub fn format_exception(e: &PyErr, file: &str, source: &str) -> String {
    let mut out = String::new();
    write_chain(&mut out, e, file, source);
    out
}

fn write_chain(out: &mut String, e: &PyErr, file: &str, source: &str) {
    if let Some(cause) = e.cause() {
        write_chain(out, cause, file, source);
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if let (Some(ctx), false) = (e.context(), e.suppress_context()) {
        write_chain(out, ctx, file, source);
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    write_one(out, e, file, source);
}

/// CPython's `sys.tracebacklimit` default: only the innermost 1000 entries are printed.
const TRACEBACK_LIMIT: usize = 1000;
/// Identical consecutive entries beyond this many collapse into "[Previous line repeated ...]".
const RECURSIVE_CUTOFF: usize = 3;

fn write_one(out: &mut String, e: &PyErr, file: &str, source: &str) {
    let tb = e.traceback();
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        // Stored innermost first; printed outermost first, keeping the innermost LIMIT.
        let frames: Vec<_> = tb.iter().take(TRACEBACK_LIMIT).rev().collect();
        let mut last: Option<(&str, u32)> = None;
        let mut count = 0;
        for f in frames {
            if last != Some((f.func, f.line)) {
                if count > RECURSIVE_CUTOFF {
                    write_repeated(out, count - RECURSIVE_CUTOFF);
                }
                last = Some((f.func, f.line));
                count = 0;
            }
            count += 1;
            if count <= RECURSIVE_CUTOFF {
                out.push_str(&format!("  File \"{}\", line {}, in {}\n", file, f.line, f.func));
                write_source_line(out, source, f.line, f.span);
            }
        }
        if count > RECURSIVE_CUTOFF {
            write_repeated(out, count - RECURSIVE_CUTOFF);
        }
    }
    out.push_str(&e.to_string());
    if let Some(s) = e.suggestion() {
        out.push_str(&format!(". Did you mean: '{s}'?"));
    }
    out.push('\n');
}

fn write_repeated(out: &mut String, n: usize) {
    out.push_str(&format!(
        "  [Previous line repeated {} more time{}]\n",
        n,
        if n > 1 { "s" } else { "" }
    ));
}

/// Line `line` (1-based) of `source`, without its line ending.
fn source_line(source: &str, line: u32) -> Option<&str> {
    let idx = usize::try_from(line).ok()?.checked_sub(1)?;
    let l = source.split('\n').nth(idx)?;
    Some(l.strip_suffix('\r').unwrap_or(l))
}

/// Writes the source line of a traceback entry, indented by 4 after removing its own
/// indentation, then CPython 3.11's position markers when a span is known.
fn write_source_line(out: &mut String, source: &str, line: u32, span: Option<&crate::err::Span>) {
    let Some(text) = source_line(source, line) else { return };
    let chars: Vec<char> = text.chars().collect();
    let indent = chars.iter().take_while(|c| matches!(c, ' ' | '\t' | '\x0c')).count();
    if indent == chars.len() {
        return; // blank line: CPython prints nothing
    }
    out.push_str("    ");
    out.extend(&chars[indent..]);
    out.push('\n');
    if let Some(span) = span {
        if let Some(carets) = caret_line(&chars, indent, line, span) {
            out.push_str("    ");
            out.push_str(&carets);
            out.push('\n');
        }
    }
}

/// The marker line under a source line (after the 4-space indent), or `None` when CPython
/// elides it because the markers would span the whole (stripped) line.
fn caret_line(chars: &[char], indent: usize, line: u32, span: &crate::err::Span) -> Option<String> {
    let start = span.col as usize;
    let (end, anchor) = if span.end_line == line {
        (span.end_col as usize, span.anchor)
    } else {
        // A multi-line expression is marked up to the last non-blank character of this line.
        let last = chars.iter().rposition(|c| !matches!(c, ' ' | '\t' | '\x0c'))?;
        (last + 1, None)
    };
    let end = end.min(chars.len());
    if start < indent || start >= end {
        return None;
    }
    if end - start == chars.len() - indent && anchor.is_none() {
        return None;
    }
    let mut s = " ".repeat(start - indent);
    for p in start..end {
        s.push(match anchor {
            None => '^',
            Some((l, r)) if (l as usize) <= p && p < r as usize => '^',
            Some(_) => '~',
        });
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::err::{ExcClass, ExcType, ResultExt, Span};
    use crate::int::Int;

    const SRC: &str = "print(\"out\")\ndef f(n):\n    return g(n) + 1\ndef g(n):\n    x = [1,2][n]\n    return x\nf(5)\n";

    fn idx_err() -> PyResult<()> {
        Err(PyErr::index_error("list index out of range"))
    }

    #[test]
    fn traceback_like_cpython() {
        // python3 a.py (the SRC above), stderr:
        static G: Span = Span { col: 8, end_line: 5, end_col: 16, anchor: Some((13, 16)) };
        static F: Span = Span { col: 11, end_line: 3, end_col: 15, anchor: None };
        static M: Span = Span { col: 0, end_line: 7, end_col: 4, anchor: None };
        let e = idx_err()
            .at_span("g", 5, &G)
            .at_span("f", 3, &F)
            .at_span("<module>", 7, &M)
            .unwrap_err();
        let expected = "Traceback (most recent call last):
  File \"/tmp/pyt/a.py\", line 7, in <module>
    f(5)
  File \"/tmp/pyt/a.py\", line 3, in f
    return g(n) + 1
           ^^^^
  File \"/tmp/pyt/a.py\", line 5, in g
    x = [1,2][n]
        ~~~~~^^^
IndexError: list index out of range
";
        assert_eq!(format_exception(&e, "/tmp/pyt/a.py", SRC), expected);
    }

    #[test]
    fn carets_edge_cases() {
        // `    x = x  //  0` -> `~~~^^~~~`; trailing blanks count toward the line length;
        // a tab-indented line; a multi-line expression.
        let line: Vec<char> = "x = x  //  0".chars().collect();
        let sp = Span { col: 4, end_line: 1, end_col: 12, anchor: Some((7, 9)) };
        assert_eq!(caret_line(&line, 0, 1, &sp).as_deref(), Some("    ~~~^^~~~"));
        let line: Vec<char> = "f()    ".chars().collect();
        let sp = Span { col: 0, end_line: 1, end_col: 3, anchor: None };
        assert_eq!(caret_line(&line, 0, 1, &sp).as_deref(), Some("^^^"));
        let line: Vec<char> = "h()".chars().collect();
        assert_eq!(caret_line(&line, 0, 1, &sp), None);
        let line: Vec<char> = "\tx = \"é\" + f(5)".chars().collect();
        let sp = Span { col: 11, end_line: 1, end_col: 15, anchor: None };
        assert_eq!(caret_line(&line, 1, 1, &sp).as_deref(), Some("          ^^^^"));
        let line: Vec<char> = "y = (1 +".chars().collect();
        let sp = Span { col: 4, end_line: 3, end_col: 8, anchor: None };
        assert_eq!(caret_line(&line, 0, 2, &sp).as_deref(), Some("    ^^^^"));
        // An unknown line number prints no source line.
        let mut out = String::new();
        write_source_line(&mut out, "x\n", 9, None);
        assert_eq!(out, "");
    }

    #[test]
    fn recursion_is_collapsed() {
        // def h(n): return h(n+1)  /  h(1): 999 entries of line 8 after <module>
        let mut e = PyErr::recursion_error("maximum recursion depth exceeded");
        for _ in 0..999 {
            e.push_frame("h", 8, None);
        }
        e.push_frame("<module>", 9, None);
        let src = "\n\n\n\n\n\n\ndef h(n): return h(n+1)\nh(1)\n";
        let text = format_exception(&e, "/tmp/pyt/b.py", src);
        let expected = "Traceback (most recent call last):
  File \"/tmp/pyt/b.py\", line 9, in <module>
    h(1)
  File \"/tmp/pyt/b.py\", line 8, in h
    def h(n): return h(n+1)
  File \"/tmp/pyt/b.py\", line 8, in h
    def h(n): return h(n+1)
  File \"/tmp/pyt/b.py\", line 8, in h
    def h(n): return h(n+1)
  [Previous line repeated 996 more times]
RecursionError: maximum recursion depth exceeded
";
        assert_eq!(text, expected);
    }

    #[test]
    fn chained_exceptions() {
        let src = "try:\n    1/0\nexcept ZeroDivisionError:\n    raise KeyError(\"k\")\n";
        let first = PyErr::zero_division("division by zero").with_frame("<module>", 2, None);
        let mut second = PyErr::key_error(Value::Str("k".into()));
        second.set_context(first.clone());
        let second = second.with_frame("<module>", 4, None);
        let expected = "Traceback (most recent call last):
  File \"/x/c1.py\", line 2, in <module>
    1/0
ZeroDivisionError: division by zero

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File \"/x/c1.py\", line 4, in <module>
    raise KeyError(\"k\")
KeyError: 'k'
";
        assert_eq!(format_exception(&second, "/x/c1.py", src), expected);
        let mut third = PyErr::with_args(Exc::ValueError, vec![]);
        third.set_context(first.clone());
        third.set_cause(None);
        assert_eq!(format_exception(&third, "/x/c1.py", src), "ValueError\n");
        let mut fourth = PyErr::with_args(Exc::ValueError, vec![]);
        fourth.set_cause(Some(first));
        assert!(format_exception(&fourth, "/x/c1.py", src)
            .contains("\nThe above exception was the direct cause of the following exception:\n\n"));
        static E: ExcClass = ExcClass { name: "E", base: ExcType::Builtin(Exc::Exception) };
        assert_eq!(format_exception(&PyErr::with_args(&E, vec![]), "f", ""), "E\n");
    }

    #[test]
    fn system_exit_status() {
        let st = |v: Value| exit_status(&crate::err::sys_exit(v), "f", "");
        assert_eq!(st(Value::None), 0);
        assert_eq!(st(Value::Int(Int::from(3))), 3);
        assert_eq!(st(Value::Bool(true)), 1);
        // SystemExit(2**40+3) exits 3; SystemExit(2**70) exits 255; SystemExit(-1) exits 255.
        assert_eq!(st(Value::Int(Int::from((1i64 << 40) + 3))) & 0xff, 3);
        assert_eq!(st(Value::Int(Int::big("1180591620717411303424"))) & 0xff, 255);
        assert_eq!(st(Value::Int(Int::from(-1))) & 0xff, 255);
        assert_eq!(exit_status(&PyErr::with_args(Exc::SystemExit, vec![]), "f", ""), 0);
    }

    #[test]
    fn recursion_limit_counts_frames() {
        // From the module frame (depth 1), 999 nested calls succeed and the 1000th fails.
        fn rec(n: u32) -> PyResult<u32> {
            let _g = enter_call()?;
            if n == 0 {
                return Ok(0);
            }
            Ok(rec(n - 1)? + 1)
        }
        std::thread::spawn(|| {
            assert_eq!(rec(998).unwrap(), 998); // 999 frames
            let e = rec(999).unwrap_err();
            assert_eq!(e.to_string(), "RecursionError: maximum recursion depth exceeded");
            assert_eq!(CALLS.with(|c| c.depth.get()), 1);
            set_recursion_limit(5000).unwrap();
            assert!(rec(3000).is_ok());
            assert!(set_recursion_limit(0).is_err());
        })
        .join()
        .unwrap();
    }

    #[test]
    fn paths_and_argv() {
        assert_eq!(display_path("/a/b.py"), "/a/b.py");
        assert!(display_path("./b.py").ends_with("/./b.py"));
        assert!(!argv().is_empty());
    }
}
