//! CPython 3.11's "Did you mean" for an uncaught `NameError`: the closest name among the
//! frame's locals, then the module's globals, then the builtins (`Python/suggestions.c`:
//! a Levenshtein distance where a case change costs 1 and other edits 2, at most a third of
//! the characters changed, the first closest candidate winning).

use crate::err::{PyErr, PyResult};
use crate::value::Value;

/// A script module's globals before its own names, in CPython's order.
const MODULE_DUNDERS: &[&str] = &[
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__annotations__",
    "__builtins__", "__file__", "__cached__",
];

/// `vars(builtins)` of CPython 3.11, in its order.
const BUILTIN_NAMES: &[&str] = &[
    "__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__",
    "__import__", "abs", "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile",
    "delattr", "dir", "divmod", "eval", "exec", "format", "getattr", "globals", "hasattr", "hash",
    "hex", "id", "input", "isinstance", "issubclass", "iter", "aiter", "len", "locals", "max",
    "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round", "setattr", "sorted",
    "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool", "memoryview",
    "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float",
    "frozenset", "property", "int", "list", "map", "object", "range", "reversed", "set", "slice",
    "staticmethod", "str", "super", "tuple", "type", "zip", "__debug__", "BaseException",
    "BaseExceptionGroup", "Exception", "GeneratorExit", "KeyboardInterrupt", "SystemExit",
    "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError",
    "ImportError", "LookupError", "MemoryError", "NameError", "OSError", "ReferenceError",
    "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError", "SystemError",
    "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError",
    "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning",
    "ImportWarning", "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning",
    "SyntaxWarning", "UnicodeWarning", "UserWarning", "BlockingIOError", "ChildProcessError",
    "ConnectionError", "FileExistsError", "FileNotFoundError", "InterruptedError",
    "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError",
    "TimeoutError", "IndentationError", "IndexError", "KeyError", "ModuleNotFoundError",
    "NotImplementedError", "RecursionError", "UnboundLocalError", "UnicodeError",
    "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
    "TabError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError",
    "ExceptionGroup", "EnvironmentError", "IOError", "open", "quit", "exit", "copyright",
    "credits", "license", "help",
];

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.to_ascii_lowercase() == b.to_ascii_lowercase() {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// The edit distance, or `max_cost + 1` once it is certainly above `max_cost`.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ch) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ch);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest candidate to `name`, as `calculate_suggestions` picks it.
fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let items: Vec<&str> = candidates.into_iter().collect();
    if items.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in items {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s)
}

/// `NameError: name 'x' is not defined`, with the suggestion CPython would print under it:
/// `locals` are the function's variable names (none at module level), `globals` the
/// module's names in the order they are first bound.
pub fn name_error_in(name: &str, locals: &[&'static str], globals: &[&'static str]) -> PyResult<Value> {
    let suggestion = closest(name, locals.iter().copied())
        .or_else(|| closest(name, MODULE_DUNDERS.iter().chain(globals).copied()))
        .or_else(|| closest(name, BUILTIN_NAMES.iter().copied()));
    let err = PyErr::name_error(name);
    Err(match suggestion {
        Some(s) => err.with_suggestion(s),
        None => err,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_match_cpython() {
        assert_eq!(closest("versions", ["Version", "main"]), Some("Version"));
        assert_eq!(closest("first", BUILTIN_NAMES.iter().copied()), Some("list"));
        assert_eq!(closest("prnt", BUILTIN_NAMES.iter().copied()), Some("print"));
        assert_eq!(closest("zzzzzz", BUILTIN_NAMES.iter().copied()), None);
        assert_eq!(closest("ab", ["ab"]), None);
    }
}
