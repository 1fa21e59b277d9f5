//! Python exceptions: `PyErr`, the builtin class hierarchy and tracebacks.
//!
//! Every fallible runtime function returns [`PyResult`]. A `PyErr` is one pointer wide so the
//! `Ok` path of a `Result` stays small and cheap. It carries the exception's class, its `args`
//! (what `e.args` is in Python), the traceback frames it passed through (innermost first) and
//! the `__cause__` / `__context__` chain that CPython prints for exceptions raised while handling
//! another.
//!
//! Generated code attaches frames with [`ResultExt::at`]: one `.at(func, line)` per Python frame
//! the error leaves, innermost first (`"<module>"` is the module frame).

use crate::object::PyObject;
use crate::pystr::PyStr;
use crate::value::Value;
use std::fmt;

/// `Result` of anything that can raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;

macro_rules! builtin_exceptions {
    ($($name:ident => $parent:expr;)*) => {
        /// CPython 3.11's builtin exception classes.
        #[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
        pub enum Exc { $($name,)* }

        impl Exc {
            /// Every builtin class, in definition order (parents before children).
            pub const ALL: &'static [Exc] = &[$(Exc::$name,)*];

            /// The class name, as `type(e).__name__` gives it.
            pub const fn name(self) -> &'static str {
                match self { $(Exc::$name => stringify!($name),)* }
            }

            /// The first base class (`None` for `BaseException`).
            pub const fn parent(self) -> Option<Exc> {
                match self { $(Exc::$name => $parent,)* }
            }
        }
    };
}

builtin_exceptions! {
    BaseException => None;
    BaseExceptionGroup => Some(Exc::BaseException);
    GeneratorExit => Some(Exc::BaseException);
    KeyboardInterrupt => Some(Exc::BaseException);
    SystemExit => Some(Exc::BaseException);
    Exception => Some(Exc::BaseException);
    ExceptionGroup => Some(Exc::BaseExceptionGroup);
    ArithmeticError => Some(Exc::Exception);
    FloatingPointError => Some(Exc::ArithmeticError);
    OverflowError => Some(Exc::ArithmeticError);
    ZeroDivisionError => Some(Exc::ArithmeticError);
    AssertionError => Some(Exc::Exception);
    AttributeError => Some(Exc::Exception);
    BufferError => Some(Exc::Exception);
    EOFError => Some(Exc::Exception);
    ImportError => Some(Exc::Exception);
    ModuleNotFoundError => Some(Exc::ImportError);
    LookupError => Some(Exc::Exception);
    IndexError => Some(Exc::LookupError);
    KeyError => Some(Exc::LookupError);
    MemoryError => Some(Exc::Exception);
    NameError => Some(Exc::Exception);
    UnboundLocalError => Some(Exc::NameError);
    OSError => Some(Exc::Exception);
    BlockingIOError => Some(Exc::OSError);
    ChildProcessError => Some(Exc::OSError);
    ConnectionError => Some(Exc::OSError);
    BrokenPipeError => Some(Exc::ConnectionError);
    ConnectionAbortedError => Some(Exc::ConnectionError);
    ConnectionRefusedError => Some(Exc::ConnectionError);
    ConnectionResetError => Some(Exc::ConnectionError);
    FileExistsError => Some(Exc::OSError);
    FileNotFoundError => Some(Exc::OSError);
    InterruptedError => Some(Exc::OSError);
    IsADirectoryError => Some(Exc::OSError);
    NotADirectoryError => Some(Exc::OSError);
    PermissionError => Some(Exc::OSError);
    ProcessLookupError => Some(Exc::OSError);
    TimeoutError => Some(Exc::OSError);
    ReferenceError => Some(Exc::Exception);
    RuntimeError => Some(Exc::Exception);
    NotImplementedError => Some(Exc::RuntimeError);
    RecursionError => Some(Exc::RuntimeError);
    StopAsyncIteration => Some(Exc::Exception);
    StopIteration => Some(Exc::Exception);
    SyntaxError => Some(Exc::Exception);
    IndentationError => Some(Exc::SyntaxError);
    TabError => Some(Exc::IndentationError);
    SystemError => Some(Exc::Exception);
    TypeError => Some(Exc::Exception);
    ValueError => Some(Exc::Exception);
    UnicodeError => Some(Exc::ValueError);
    UnicodeDecodeError => Some(Exc::UnicodeError);
    UnicodeEncodeError => Some(Exc::UnicodeError);
    UnicodeTranslateError => Some(Exc::UnicodeError);
    Warning => Some(Exc::Exception);
    BytesWarning => Some(Exc::Warning);
    DeprecationWarning => Some(Exc::Warning);
    EncodingWarning => Some(Exc::Warning);
    FutureWarning => Some(Exc::Warning);
    ImportWarning => Some(Exc::Warning);
    PendingDeprecationWarning => Some(Exc::Warning);
    ResourceWarning => Some(Exc::Warning);
    RuntimeWarning => Some(Exc::Warning);
    SyntaxWarning => Some(Exc::Warning);
    UnicodeWarning => Some(Exc::Warning);
    UserWarning => Some(Exc::Warning);
}

impl Exc {
    /// `issubclass(self, other)`. `ExceptionGroup` also derives from `Exception` (its second
    /// base), which the single `parent` chain cannot express.
    pub fn is_subclass_of(self, other: Exc) -> bool {
        let mut cur = Some(self);
        while let Some(c) = cur {
            if c == other {
                return true;
            }
            cur = c.parent();
        }
        self == Exc::ExceptionGroup && other == Exc::Exception
    }
}

/// A user-defined exception class (`class MyError(ValueError): ...`).
///
/// Declare it as a `static` (its address is its identity):
/// `static MY_ERROR: ExcClass = ExcClass { name: "MyError", base: ExcType::Builtin(Exc::ValueError) };`
/// `name` is what tracebacks print: the bare class name for classes of the main module,
/// `module.Name` for others (as CPython does).
#[derive(Debug)]
pub struct ExcClass {
    pub name: &'static str,
    pub base: ExcType,
}

/// The class of an exception: builtin or user-defined.
#[derive(Clone, Copy, Debug)]
pub enum ExcType {
    Builtin(Exc),
    Class(&'static ExcClass),
}

impl PartialEq for ExcType {
    fn eq(&self, other: &ExcType) -> bool {
        match (self, other) {
            (ExcType::Builtin(a), ExcType::Builtin(b)) => a == b,
            (ExcType::Class(a), ExcType::Class(b)) => std::ptr::eq(*a, *b),
            _ => false,
        }
    }
}
impl Eq for ExcType {}

impl From<Exc> for ExcType {
    #[inline]
    fn from(e: Exc) -> ExcType {
        ExcType::Builtin(e)
    }
}
impl From<&'static ExcClass> for ExcType {
    #[inline]
    fn from(c: &'static ExcClass) -> ExcType {
        ExcType::Class(c)
    }
}

impl ExcType {
    pub fn name(self) -> &'static str {
        match self {
            ExcType::Builtin(e) => e.name(),
            ExcType::Class(c) => c.name,
        }
    }

    pub fn parent(self) -> Option<ExcType> {
        match self {
            ExcType::Builtin(e) => e.parent().map(ExcType::Builtin),
            ExcType::Class(c) => Some(c.base),
        }
    }

    /// The nearest builtin class in the parent chain (itself when builtin).
    pub fn builtin(self) -> Exc {
        let mut cur = self;
        loop {
            match cur {
                ExcType::Builtin(e) => return e,
                ExcType::Class(c) => cur = c.base,
            }
        }
    }

    /// `issubclass(self, other)`, what `except other:` tests.
    pub fn is_subclass_of(self, other: ExcType) -> bool {
        let mut cur = self;
        loop {
            if cur == other {
                return true;
            }
            match cur {
                ExcType::Class(c) => cur = c.base,
                ExcType::Builtin(e) => {
                    return match other {
                        ExcType::Builtin(o) => e.is_subclass_of(o),
                        ExcType::Class(_) => false,
                    }
                }
            }
        }
    }
}

/// Where the failing expression sits on its line, for CPython 3.11's `^^^^`/`~~~^^^` markers
/// under the source line of a traceback entry.
///
/// Columns are 0-based character offsets (code points, not bytes) into the full, unstripped
/// source line(s). `anchor` is `(left_end, right_start)` for a binary operation (the operator
/// spans `left_end..right_start`) or a subscript (`value_end..slice_end + 1`), as CPython's
/// `extract_anchors_from_expr` computes them; `None` for everything else. Declare spans so they
/// are promoted to `'static` (`&Span { .. }` with literal fields is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
    pub anchor: Option<(u32, u32)>,
}

/// One traceback entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frame {
    pub func: &'static str,
    pub line: u32,
    pub span: Option<&'static Span>,
}

/// A raised Python exception. One pointer wide.
pub struct PyErr(Box<ErrInner>);

#[derive(Clone)]
struct ErrInner {
    ty: ExcType,
    args: Vec<Value>,
    /// Innermost frame first (the order `.at` pushes them).
    traceback: Vec<Frame>,
    cause: Option<PyErr>,
    context: Option<PyErr>,
    suppress_context: bool,
    /// Attributes user exception classes set (`self.key = key` in `__init__`).
    attrs: Vec<(&'static str, Value)>,
    /// What an uncaught `NameError`'s last traceback line suggests (`Did you mean: 'x'?`).
    suggestion: Option<&'static str>,
}

impl Clone for PyErr {
    fn clone(&self) -> PyErr {
        PyErr(self.0.clone())
    }
}

impl PyErr {
    /// `exc(msg)`: an exception whose single argument is the message string.
    #[cold]
    pub fn new(exc: impl Into<ExcType>, msg: impl Into<String>) -> PyErr {
        let msg: String = msg.into();
        PyErr::with_args(exc, vec![Value::Str(PyStr::from(msg))])
    }

    /// `exc(*args)`, e.g. `raise ValueError()` (no args) or `raise KeyError(key)`.
    #[cold]
    pub fn with_args(exc: impl Into<ExcType>, args: Vec<Value>) -> PyErr {
        PyErr(Box::new(ErrInner {
            ty: exc.into(),
            args,
            traceback: Vec::new(),
            cause: None,
            context: None,
            suppress_context: false,
            attrs: Vec::new(),
            suggestion: None,
        }))
    }

    /// The name a traceback suggests for this error (see `suggest.rs`).
    pub fn with_suggestion(mut self, name: &'static str) -> PyErr {
        self.0.suggestion = Some(name);
        self
    }

    pub fn suggestion(&self) -> Option<&'static str> {
        self.0.suggestion
    }

    /// `self.args = ...` as `BaseException.__init__(self, *args)` does (`super().__init__(msg)`).
    pub fn set_args(&mut self, args: Vec<Value>) {
        self.0.args = args;
    }

    /// `self.name = value` on an exception instance.
    pub fn set_attr(&mut self, name: &'static str, value: Value) {
        match self.0.attrs.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.attrs.push((name, value)),
        }
    }

    /// `exc.name` for an attribute a user exception class set.
    pub fn get_attr(&self, name: &str) -> PyResult<Value> {
        match name {
            "__cause__" => return Ok(self.0.cause.clone().map_or(Value::None, |e| crate::value::IntoValue::into_value(e))),
            "__context__" => return Ok(self.0.context.clone().map_or(Value::None, |e| crate::value::IntoValue::into_value(e))),
            _ => {}
        }
        match self.0.attrs.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => Err(PyErr::attribute_error(format!("'{}' object has no attribute '{}'", self.type_name(), name))),
        }
    }

    /// The exception's class.
    #[inline]
    pub fn exc_type(&self) -> ExcType {
        self.0.ty
    }

    /// The builtin class, or for user classes the nearest builtin ancestor.
    #[inline]
    pub fn exc(&self) -> Exc {
        self.0.ty.builtin()
    }

    /// The class name as tracebacks print it.
    pub fn type_name(&self) -> &'static str {
        self.0.ty.name()
    }

    /// `isinstance(e, exc)`: does `except exc:` catch this error?
    #[inline]
    pub fn is_instance(&self, exc: impl Into<ExcType>) -> bool {
        self.0.ty.is_subclass_of(exc.into())
    }

    /// `StopIteration.value`: its first argument, or None.
    pub fn stop_value(&self) -> Value {
        self.0.args.first().cloned().unwrap_or(Value::None)
    }

    /// `e.args`.
    pub fn args(&self) -> &[Value] {
        &self.0.args
    }

    /// `str(e)`: what follows `TypeName: ` in a traceback.
    pub fn message(&self) -> String {
        let args = &self.0.args;
        let mut out = String::new();
        let ty = self.0.ty.builtin();
        // KeyError shows the repr of a lone key, so that `d['']` does not print an empty message.
        if ty.is_subclass_of(Exc::KeyError) && args.len() == 1 {
            write_or_placeholder(&mut out, |o| args[0].write_repr(o));
            return out;
        }
        if ty.is_subclass_of(Exc::OSError) && (2..=3).contains(&args.len()) {
            // OSError(errno, strerror[, filename]) prints as "[Errno 2] No such file...: 'f'".
            out.push_str("[Errno ");
            write_or_placeholder(&mut out, |o| args[0].write_str(o));
            out.push_str("] ");
            write_or_placeholder(&mut out, |o| args[1].write_str(o));
            if let Some(f) = args.get(2) {
                out.push_str(": ");
                write_or_placeholder(&mut out, |o| f.write_repr(o));
            }
            return out;
        }
        match args.len() {
            0 => {}
            1 => write_or_placeholder(&mut out, |o| args[0].write_str(o)),
            _ => write_or_placeholder(&mut out, |o| write_tuple_repr(args, o)),
        }
        out
    }

    /// `repr(e)`: `ValueError('x')`, `ValueError()`, `KeyError('a', 1)`.
    pub fn repr(&self) -> String {
        let mut out = String::from(self.type_name());
        let args = &self.0.args;
        if args.len() == 1 {
            out.push('(');
            write_or_placeholder(&mut out, |o| args[0].write_repr(o));
            out.push(')');
        } else {
            write_or_placeholder(&mut out, |o| write_tuple_repr(args, o));
        }
        out
    }

    /// `SystemExit.code`: None without args, the lone arg, or the args tuple.
    pub fn exit_code(&self) -> Value {
        match self.0.args.len() {
            0 => Value::None,
            1 => self.0.args[0].clone(),
            _ => Value::Tuple(self.0.args.clone().into()),
        }
    }

    /// Traceback entries, innermost first.
    pub fn traceback(&self) -> &[Frame] {
        &self.0.traceback
    }

    /// Appends a traceback entry (what [`ResultExt::at`] does on the error path).
    #[cold]
    #[inline(never)]
    pub fn push_frame(&mut self, func: &'static str, line: u32, span: Option<&'static Span>) {
        self.0.traceback.push(Frame { func, line, span });
    }

    /// By-value form of [`PyErr::push_frame`].
    #[cold]
    #[inline(never)]
    pub fn with_frame(mut self, func: &'static str, line: u32, span: Option<&'static Span>) -> PyErr {
        self.push_frame(func, line, span);
        self
    }

    /// `__context__`: the exception being handled when this one was raised. CPython sets it
    /// implicitly for every raise inside an `except`/`finally` block; the generated code does it
    /// with this call.
    pub fn set_context(&mut self, context: PyErr) {
        self.0.context = Some(context);
    }

    /// `raise X from Y` (`cause = Some(Y)`) or `raise X from None` (`cause = None`): both
    /// suppress printing the context.
    pub fn set_cause(&mut self, cause: Option<PyErr>) {
        self.0.cause = cause;
        self.0.suppress_context = true;
    }

    pub fn cause(&self) -> Option<&PyErr> {
        self.0.cause.as_ref()
    }

    pub fn context(&self) -> Option<&PyErr> {
        self.0.context.as_ref()
    }

    pub fn suppress_context(&self) -> bool {
        self.0.suppress_context
    }

    // Constructors for the errors raised all over the runtime.

    #[cold]
    pub fn type_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::TypeError, msg)
    }
    #[cold]
    pub fn value_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::ValueError, msg)
    }
    #[cold]
    pub fn zero_division(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::ZeroDivisionError, msg)
    }
    #[cold]
    pub fn index_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::IndexError, msg)
    }
    #[cold]
    pub fn overflow(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::OverflowError, msg)
    }
    #[cold]
    pub fn attribute_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::AttributeError, msg)
    }
    #[cold]
    pub fn runtime_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::RuntimeError, msg)
    }
    #[cold]
    pub fn not_implemented(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::NotImplementedError, msg)
    }
    #[cold]
    pub fn memory_error() -> PyErr {
        PyErr::with_args(Exc::MemoryError, Vec::new())
    }
    #[cold]
    pub fn recursion_error(msg: impl Into<String>) -> PyErr {
        PyErr::new(Exc::RecursionError, msg)
    }
    /// `KeyError(key)`: its message is the key's repr.
    #[cold]
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(Exc::KeyError, vec![key])
    }
    /// `StopIteration()` or `StopIteration(value)`.
    #[cold]
    pub fn stop_iteration(value: Option<Value>) -> PyErr {
        PyErr::with_args(Exc::StopIteration, value.into_iter().collect())
    }
    /// `assert cond` (`msg = None`) or `assert cond, msg`.
    #[cold]
    pub fn assertion_error(msg: Option<Value>) -> PyErr {
        PyErr::with_args(Exc::AssertionError, msg.into_iter().collect())
    }
    /// `NameError: name 'x' is not defined`.
    #[cold]
    pub fn name_error(name: &str) -> PyErr {
        PyErr::new(Exc::NameError, format!("name '{name}' is not defined"))
    }
    /// CPython 3.11's wording for reading a local before assignment.
    #[cold]
    pub fn unbound_local(name: &str) -> PyErr {
        PyErr::new(
            Exc::UnboundLocalError,
            format!("cannot access local variable '{name}' where it is not associated with a value"),
        )
    }
}

/// `sys.exit(code)`: a `SystemExit` carrying `code` (raise it with `return Err(...)`).
/// `sys.exit()` is `sys_exit(Value::None)`.
#[cold]
pub fn sys_exit(code: Value) -> PyErr {
    PyErr::with_args(Exc::SystemExit, vec![code])
}

/// Writes with a fallible writer; on failure writes CPython's placeholder for an unprintable
/// object (what `traceback` prints when `str(e)` itself raises).
fn write_or_placeholder(out: &mut String, f: impl FnOnce(&mut String) -> PyResult<()>) {
    let start = out.len();
    if f(out).is_err() {
        out.truncate(start);
        out.push_str("<exception str() failed>");
    }
}

fn write_tuple_repr(items: &[Value], out: &mut String) -> PyResult<()> {
    out.push('(');
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        v.write_repr(out)?;
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
    Ok(())
}

impl fmt::Display for PyErr {
    /// `TypeName: message`, or the bare name when the message is empty (the last traceback line).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = self.message();
        if msg.is_empty() {
            f.write_str(self.type_name())
        } else {
            write!(f, "{}: {}", self.type_name(), msg)
        }
    }
}

impl fmt::Debug for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for PyErr {}

/// An exception object as a value: `print(e)` shows `str(e)`, `repr(e)` its constructor call.
impl PyObject for PyErr {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&self.repr());
        Ok(())
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&self.message());
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        PyErr::type_name(self)
    }
}

/// Adds traceback frames to errors as they leave a Python frame.
pub trait ResultExt<T> {
    /// On `Err`, records that the error passed line `line` of function `func`.
    fn at(self, func: &'static str, line: u32) -> PyResult<T>;
    /// Like [`ResultExt::at`], with the expression's columns for CPython's caret markers.
    fn at_span(self, func: &'static str, line: u32, span: &'static Span) -> PyResult<T>;
}

impl<T> ResultExt<T> for PyResult<T> {
    #[inline(always)]
    fn at(self, func: &'static str, line: u32) -> PyResult<T> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(e.with_frame(func, line, None)),
        }
    }

    #[inline(always)]
    fn at_span(self, func: &'static str, line: u32, span: &'static Span) -> PyResult<T> {
        match self {
            Ok(v) => Ok(v),
            Err(e) => Err(e.with_frame(func, line, Some(span))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_is_small() {
        assert_eq!(std::mem::size_of::<PyErr>(), 8);
        assert_eq!(std::mem::size_of::<PyResult<()>>(), 8);
    }

    #[test]
    fn hierarchy_matches_cpython() {
        // issubclass checks from python3.
        assert!(Exc::ZeroDivisionError.is_subclass_of(Exc::ArithmeticError));
        assert!(Exc::ZeroDivisionError.is_subclass_of(Exc::Exception));
        assert!(Exc::KeyError.is_subclass_of(Exc::LookupError));
        assert!(!Exc::KeyError.is_subclass_of(Exc::IndexError));
        assert!(Exc::ModuleNotFoundError.is_subclass_of(Exc::ImportError));
        assert!(Exc::RecursionError.is_subclass_of(Exc::RuntimeError));
        assert!(Exc::BrokenPipeError.is_subclass_of(Exc::OSError));
        assert!(Exc::UnicodeDecodeError.is_subclass_of(Exc::ValueError));
        assert!(!Exc::SystemExit.is_subclass_of(Exc::Exception));
        assert!(!Exc::KeyboardInterrupt.is_subclass_of(Exc::Exception));
        assert!(Exc::GeneratorExit.is_subclass_of(Exc::BaseException));
        assert!(Exc::ExceptionGroup.is_subclass_of(Exc::Exception));
        assert!(Exc::ExceptionGroup.is_subclass_of(Exc::BaseExceptionGroup));
        assert!(!Exc::BaseExceptionGroup.is_subclass_of(Exc::Exception));
        assert!(Exc::StopIteration.is_subclass_of(Exc::Exception));
        for e in Exc::ALL {
            assert!(e.is_subclass_of(Exc::BaseException), "{e:?}");
        }
        assert_eq!(Exc::ALL.len(), 67);
    }

    #[test]
    fn user_classes() {
        static MY: ExcClass = ExcClass { name: "MyError", base: ExcType::Builtin(Exc::ValueError) };
        static SUB: ExcClass = ExcClass { name: "SubError", base: ExcType::Class(&MY) };
        let e = PyErr::new(&SUB, "boom");
        assert!(e.is_instance(&MY));
        assert!(e.is_instance(&SUB));
        assert!(e.is_instance(Exc::ValueError));
        assert!(e.is_instance(Exc::Exception));
        assert!(!e.is_instance(Exc::TypeError));
        assert!(!PyErr::value_error("x").is_instance(&MY));
        assert_eq!(e.exc(), Exc::ValueError);
        assert_eq!(e.to_string(), "SubError: boom");
    }

    #[test]
    fn messages_match_str_of_exception() {
        // str(KeyError('a')) == "'a'"; str(KeyError('a', 'b')) == "('a', 'b')"; str(KeyError()) == ''
        assert_eq!(PyErr::key_error(Value::Str("a".into())).message(), "'a'");
        let e = PyErr::with_args(Exc::KeyError, vec![Value::Str("a".into()), Value::Str("b".into())]);
        assert_eq!(e.message(), "('a', 'b')");
        assert_eq!(PyErr::with_args(Exc::KeyError, vec![]).message(), "");
        // str(ValueError(1, 2)) == '(1, 2)'; repr(ValueError('a')) == "ValueError('a')"
        let e = PyErr::with_args(Exc::ValueError, vec![Value::Int(1.into()), Value::Int(2.into())]);
        assert_eq!(e.message(), "(1, 2)");
        assert_eq!(e.repr(), "ValueError(1, 2)");
        assert_eq!(PyErr::value_error("a").repr(), "ValueError('a')");
        assert_eq!(PyErr::with_args(Exc::ValueError, vec![]).repr(), "ValueError()");
        // str(OSError(2, 'No such file or directory', 'x')) == "[Errno 2] No such file or directory: 'x'"
        let e = PyErr::with_args(
            Exc::FileNotFoundError,
            vec![Value::Int(2.into()), Value::Str("No such file or directory".into()), Value::Str("x".into())],
        );
        assert_eq!(e.message(), "[Errno 2] No such file or directory: 'x'");
        assert_eq!(PyErr::assertion_error(None).to_string(), "AssertionError");
        // print(e) / repr(e) for `except KeyError as e`
        let k = PyErr::key_error(Value::Str("a".into()));
        assert_eq!(crate::object::py_str(&k).unwrap(), "'a'");
        assert_eq!(crate::object::py_repr(&k).unwrap(), "KeyError('a')");
        assert_eq!(PyErr::unbound_local("x").message(), "cannot access local variable 'x' where it is not associated with a value");
    }

    fn fails(n: i64) -> PyResult<i64> {
        if n == 0 {
            Err(PyErr::zero_division("division by zero"))
        } else {
            Ok(n)
        }
    }

    #[test]
    fn at_records_frames_innermost_first() {
        fn inner() -> PyResult<i64> {
            fails(0).at("inner", 3)
        }
        fn outer() -> PyResult<i64> {
            let v = inner().at("outer", 7)?;
            Ok(v)
        }
        assert_eq!(fails(2).at("f", 1).ok(), Some(2));
        let e = outer().at("<module>", 9).unwrap_err();
        let tb: Vec<_> = e.traceback().iter().map(|f| (f.func, f.line)).collect();
        assert_eq!(tb, vec![("inner", 3), ("outer", 7), ("<module>", 9)]);
    }

    #[test]
    fn system_exit_code() {
        assert!(matches!(sys_exit(Value::None).exit_code(), Value::None));
        assert!(matches!(PyErr::with_args(Exc::SystemExit, vec![]).exit_code(), Value::None));
        let e = PyErr::with_args(Exc::SystemExit, vec![Value::Int(1.into()), Value::Int(2.into())]);
        assert_eq!(crate::object::py_repr(&e.exit_code()).unwrap().as_str(), "(1, 2)");
    }
}
