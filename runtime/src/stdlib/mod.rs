//! The standard-library modules ordinary scripts import, with CPython 3.11's behaviour, as
//! plain functions and types the generated code calls: `import random; random.randint(1, 6)`
//! becomes `random_randint(&Int::from(1), &Int::from(6))`.
//!
//! | module | contents |
//! |---|---|
//! | [`random`] | MT19937 bit-exact with CPython, `Random` instances, the module functions |
//! | [`math`] | `math.*` on `f64`/`Int` through the [`math::MathArg`] trait |
//! | [`time`] | `time`, `time_ns`, `perf_counter`, `monotonic`, `sleep` |
//! | [`io`] | text files (`open`) and `io.StringIO` |
//! | [`os`] | `os` (files, directories, environment) and `os.path` |
//! | [`tempfile`] | `gettempdir`, `mkdtemp`, `TemporaryDirectory` |
//! | [`itertools`] | `count`, `islice`, `chain`, `groupby`, `tee`, the combinatoric iterators... (lazy) |
//! | [`collections`] | `deque`, `defaultdict`, `Counter`, `namedtuple` (objects holding values) |
//! | [`functools`] | `reduce`, `partial`, `lru_cache`/`cache`, `wraps` |
//! | [`sys`] | `maxsize`, `platform`, recursion and int-digit limits, `stdout.write` |
//!
//! Naming: module functions are `<module>_<name>` (`math_sqrt`, `os_path_join`, `time_sleep`);
//! objects are types with methods (`Random`, `PyFile`, `StringIO`, `TemporaryDirectory`).

pub mod collections;
pub mod functools;
pub mod io;
pub mod itertools;
pub mod math;
pub mod os;
pub mod random;
mod sha512;
pub mod sys;
pub mod tempfile;
pub mod time;

pub use itertools::*;
pub use collections::{builtin_type_value, collections_counter, collections_defaultdict, collections_deque, collections_namedtuple, namedtuple_replace};
pub use functools::{functools_cache, functools_cache_value, functools_lru_cache, functools_lru_cache_call, functools_lru_cache_value, functools_partial, functools_reduce, functools_wraps, functools_wraps_decorator};
pub use io::{io_stringio, print_file, open, open_with, PyFile, PyFileLines, StringIO, StringIOLines, UNSUPPORTED_OPERATION};
pub use math::*;
pub use os::*;
pub use random::{
    random_choice, random_choices, random_choices_cum_weights, random_choices_weighted, random_default,
    random_expovariate, random_gauss, random_getrandbits, random_lognormvariate, random_normalvariate,
    random_paretovariate, random_randint, random_random, random_randrange, random_randrange_stop, random_sample,
    random_seed, random_shuffle, random_triangular, random_uniform, random_weibullvariate, RandSeq, Random, Seed,
    SeedArg,
};
pub use sys::*;
pub use tempfile::{tempfile_gettempdir, tempfile_mkdtemp, tempfile_mkdtemp_with, TemporaryDirectory};
pub use time::*;

use crate::err::PyErr;
use crate::pystr::PyStr;
use crate::value::Value;

/// An `OSError` subclass for a failed operation on `filename`, as CPython raises it:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x.txt'`.
pub(crate) fn os_error_file(e: &std::io::Error, filename: &str) -> PyErr {
    let base = crate::entry::os_error(e);
    let mut args = base.args().to_vec();
    if args.len() == 2 {
        args.push(Value::Str(PyStr::from(filename)));
    }
    PyErr::with_args(base.exc_type(), args)
}

/// An `OSError` for an operation on two paths (`os.rename`):
/// `[Errno 2] No such file or directory: 'a' -> 'b'`.
pub(crate) fn os_error_2files(e: &std::io::Error, src: &str, dst: &str) -> PyErr {
    let base = crate::entry::os_error(e);
    let mut msg = base.message();
    if base.args().len() == 2 {
        let mut s = String::new();
        crate::format::write_str_repr(src, &mut s);
        s.push_str(" -> ");
        crate::format::write_str_repr(dst, &mut s);
        msg.push_str(": ");
        msg.push_str(&s);
    }
    PyErr::new(base.exc_type(), msg)
}
