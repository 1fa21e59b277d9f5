//! Everything generated code needs: `use py2rust_runtime::prelude::*;`.

pub use std::rc::Rc;

pub use crate::builtins::{
    abs_value, bin_value, py_ascii, bool_value, chr, divmod_value, eprint, float_value, format_value, hex_value, input,
    int_value,
    max2, max_by_key, max_by_key_or, max_iter, max_iter_or, max_values, min2, min_by_key, min_by_key_or, min_iter, min_iter_or, min_values, oct_value, ord, pow_value,
    print, py_enumerate, range, range_i64, range_len, range_stop, round_value, sorted, sorted_by_key,
    str_value, sum_values, PyEnumerate, RangeIter,
};
pub use crate::entry::{
    argv, enter_call, enter_call_with, flush_stdout, impossible_exception, recursion_limit, run_main, set_recursion_limit, write_stderr,
    write_stdout, CallGuard,
};
pub use crate::err::{sys_exit, Exc, ExcClass, ExcType, PyErr, PyResult, ResultExt, Span};
pub use crate::float::{
    float_divmod, float_floordiv, float_hash, float_mod, float_parse, float_pow, float_repr, float_round,
    float_round_ndigits, float_round_ndigits_int, float_truediv, write_float_repr,
};
pub use crate::format::{format_bool, format_float, format_int, format_str, str_repr};
pub use crate::int::{Int, IntSum};
pub use crate::list::{PyList, PyListIter};
pub use crate::object::{py_repr, py_str, truthy, CmpOp, EmptyTuple, PyEq, PyObject, PyOrd};
pub use crate::pystr::{PyStr, PyStrIter};
pub use crate::value::{some_compared, some_operand, FromValue, IntoValue, Object, Value, ValueIter};
pub use crate::vars::{bound_global, bound_local, del_local, global_del, global_get, global_set, name_error, saturating_i64, Global};
pub use crate::flow::{exc_class_value, print_values, py_filter, py_filter_try, py_flatten, py_genexpr, py_genexpr_try, py_map, py_map_try, try_all, try_any, try_collect, try_consume, try_contains, try_enumerate, try_unpack, try_zip, unpack, unpack_ex, unpack_value, with_shared, with_shared_try, dict_of_value, Completion};
pub use crate::instance::{ClassData, Instance, LocalInstance};
pub use std::cell::RefCell;
pub use crate::dict::{PyDict, PyDictItems, PyDictKeys, PyDictValues};
pub use crate::hash::{hash_of_int, unhashable, PyHash};
pub use crate::set::{frozenset_of, PySet, PySetIter};
// The standard library: random, math, time, io (open, StringIO), os, os.path, tempfile.
pub use crate::stdlib::*;
pub use crate::iter::{next_of, next_or_default, not_an_iterator, not_iterable, py_next_iter, PyIter, Versioned};
pub use crate::gen::{park, returned, Delegate, DelegateIter, DelegateValue, Flat, FlatGenerator, GenCell, GenProtocol, Generator, Input, LocalGen, OwnedGen, PyGen, Sendable, Step};
pub use crate::range::PyRange;
pub use crate::func::{bind_args, binding_error, builtin_value, call_value, call_value_kw, star_kwargs, BoundArgs, Kwargs, Params, check_method_arity, func_value, func_value_kw, getattr_value, next_arg, req_arg, star_args, zip_values, PyCell, PyFunc};
pub use crate::suggest::name_error_in;
