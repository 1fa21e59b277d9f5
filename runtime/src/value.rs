//! `Value`: the dynamically typed fallback (`Dyn` in the type lattice).
//!
//! Used only where a variable really holds several types (`x = 0 or [] or "last"`,
//! `min(3.5, 2)` returning the int `2`). Numbers, strings and tuples are stored inline;
//! everything else (lists of any static element type, later dicts, sets and class instances) is
//! an `Rc<dyn Object>` pointing at the *same* object the statically typed handle points at, so
//! boxing a `PyList<Int>` into a `Value` keeps reference semantics.
//!
//! All operators follow CPython's numeric tower (bool < int < float) with its exact `TypeError`
//! messages.

use crate::err::{PyErr, PyResult};
use crate::float::{float_divmod, float_floordiv, float_mod, float_pow, float_truediv, write_float_repr};
use crate::format::write_str_repr;
use crate::int::Int;
use crate::list::{seq_index, ListObj, PyList};
use crate::object::{cmp_type_error, repr_enter, seq_cmp, CmpOp, EmptyTuple, PyEq, PyObject, PyOrd};
use crate::pystr::PyStr;
use std::any::Any;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::rc::Rc;

/// A Python value of statically unknown type.
#[derive(Clone)]
pub enum Value {
    None,
    Bool(bool),
    Int(Int),
    Float(f64),
    Str(PyStr),
    Tuple(Rc<[Value]>),
    Obj(Rc<dyn Object>),
}

/// Iterator over a `Value` (`for x in v`). Items are results because iterating an arbitrary
/// object (a generator, later) can raise. A list of values, the commonest dynamic iterable,
/// is walked directly; anything else through its boxed iterator.
pub struct ValueIter(ValueIterKind);

enum ValueIterKind {
    Values(crate::list::PyListIter<Value>),
    Other(Box<dyn Iterator<Item = PyResult<Value>>>),
}

impl ValueIter {
    pub fn new(it: impl Iterator<Item = PyResult<Value>> + 'static) -> ValueIter {
        ValueIter(ValueIterKind::Other(Box::new(it)))
    }

    /// Over a list of values (live: items appended during the loop are seen).
    pub fn values(list: PyList<Value>) -> ValueIter {
        ValueIter(ValueIterKind::Values(list.iter()))
    }
}

impl Iterator for ValueIter {
    type Item = PyResult<Value>;
    #[inline]
    fn next(&mut self) -> Option<PyResult<Value>> {
        match &mut self.0 {
            ValueIterKind::Values(items) => items.next().map(Ok),
            ValueIterKind::Other(it) => it.next(),
        }
    }
}

/// Heap objects a `Value` can hold by reference. Defaults raise CPython's `TypeError`s.
#[allow(clippy::len_without_is_empty)] // `len` is Python's fallible `len()`
pub trait Object: PyObject + Any {
    fn as_any(&self) -> &dyn Any;
    /// For downcasting back to the concrete shared object (`Rc<ListObj<T>>`).
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any>;

    /// `len(obj)`.
    fn len(&self) -> PyResult<Int> {
        Err(PyErr::type_error(format!("object of type '{}' has no len()", self.type_name())))
    }
    /// `obj[index]`.
    fn getitem(&self, _index: &Value) -> PyResult<Value> {
        Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name())))
    }
    /// `obj[index] = v`.
    fn setitem(&self, _index: &Value, _v: Value) -> PyResult<()> {
        Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.type_name())))
    }
    /// `iter(obj)`. Takes the shared handle so the iterator can keep the object alive.
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        Err(PyErr::type_error(format!("'{}' object is not iterable", self.type_name())))
    }
    /// `obj[start:stop:step]`.
    fn slice(self: Rc<Self>, _start: Option<&Int>, _stop: Option<&Int>, _step: Option<&Int>) -> PyResult<Value> {
        Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name())))
    }
    /// `x in obj`.
    fn contains(&self, _x: &Value) -> PyResult<bool> {
        Err(PyErr::type_error(format!("argument of type '{}' is not iterable", self.type_name())))
    }
    /// For sequences (lists): the length and the items as values, so that two lists of
    /// different static element types compare and concatenate like Python lists.
    fn seq_len(&self) -> Option<usize> {
        None
    }
    fn seq_item(&self, _i: usize) -> Option<Value> {
        None
    }
    /// `self == other`; identity unless the type says otherwise.
    fn eq_obj(&self, other: &dyn Object) -> bool {
        std::ptr::eq(self.identity(), other.identity())
    }
    /// One step of the generator protocol, for a generator object (`yield from g` with `g`
    /// known only at run time); `None` for anything else. The step's return value is `None`
    /// when the generator had already finished.
    fn gen_step(&self, _input: crate::gen::Input<Value>) -> Option<PyResult<crate::gen::Step<Value, Value>>> {
        None
    }
    /// Whether this is a generator object (it answers `gen_step`).
    fn is_generator(&self) -> bool {
        false
    }
    /// What `is` compares: the object's address, or, for a handle to a shared object boxed
    /// anew each time it becomes a value (a generator), the shared object's.
    fn identity(&self) -> *const () {
        self.as_any() as *const dyn Any as *const ()
    }
    /// `obj.name(*args)` (see `Value::call_method`); `None` when the type has no such method
    /// (an `AttributeError`). Takes the shared handle so methods can return or keep it.
    fn call_method(self: Rc<Self>, _name: &str, _args: Vec<Value>) -> Option<PyResult<Value>> {
        None
    }
    /// `self + other` where `self` is this object; `None` when unsupported.
    fn add(&self, _other: &Value) -> Option<PyResult<Value>> {
        None
    }
    /// `self * n` for sequences; `None` when unsupported.
    fn mul_int(&self, _n: &Int) -> Option<PyResult<Value>> {
        None
    }
    /// `self op= other` changing this object in place (a list's `+=` and `*=`); `None` when
    /// the type has no in-place form of `op` for such an operand (`self op other` then).
    fn in_place(&self, _op: &str, _other: &Value) -> Option<PyResult<()>> {
        None
    }
    /// `hash(obj)`: `TypeError: unhashable type: 'list'` unless the type says otherwise.
    fn hash_obj(&self) -> PyResult<i64> {
        Err(crate::hash::unhashable(self.type_name()))
    }
    /// `del obj[index]`.
    fn delitem(&self, _index: &Value) -> PyResult<()> {
        Err(PyErr::type_error(format!("'{}' object doesn't support item deletion", self.type_name())))
    }
    /// `self <op> other` for `<`, `<=`, `>`, `>=` between two objects that are not sequences
    /// (sets: subset tests); `None` when unsupported.
    fn cmp_obj(&self, _other: &dyn Object, _op: CmpOp) -> Option<PyResult<bool>> {
        None
    }
    /// `self - other`, `self & other`, `self | other`, `self ^ other` where `self` is this
    /// object (sets, dict `|`); `None` when unsupported.
    fn binop(&self, _op: ObjBinOp, _other: &Value) -> Option<PyResult<Value>> {
        None
    }
    /// For sets: the same set with `Value` elements and the same table (so the same order).
    fn to_value_set(&self) -> Option<crate::set::PySet<Value>> {
        None
    }
    /// `obj(*args)` for callable objects (function values); `None` when not callable.
    fn call(&self, _args: Vec<Value>) -> Option<PyResult<Value>> {
        None
    }
    /// `obj(*args, **kwargs)` with keyword arguments (function values bind them).
    fn call_kw(&self, args: Vec<Value>, kwargs: crate::func::Kwargs) -> Option<PyResult<Value>> {
        if kwargs.is_empty() {
            return self.call(args);
        }
        Some(Err(PyErr::type_error(format!("py2rust: keyword arguments in a call of a '{}' object are not supported yet", self.type_name()))))
    }
    /// `obj.name` for objects with attributes known at run time; `None`: `AttributeError`.
    fn get_attr(&self, _name: &str) -> Option<PyResult<Value>> {
        None
    }
    /// For instances of `list`/`dict` subclasses: the builtin value they hold.
    fn builtin_base(&self) -> Option<Value> {
        None
    }
}

/// The binary operators objects other than numbers may implement through [`Object::binop`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObjBinOp {
    Sub,
    And,
    Or,
    Xor,
}

/// Boxes a statically typed value (no copy for reference types).
pub trait IntoValue {
    fn into_value(self) -> Value;
}

/// Unboxes a `Value` to a static type, with a `TypeError` when it holds another type.
pub trait FromValue: Sized {
    fn from_value(v: Value) -> PyResult<Self>;
}

#[cold]
fn expected(what: &str, got: &Value) -> PyErr {
    PyErr::type_error(format!("expected {what}, got {}", got.type_name()))
}

#[cold]
fn unsupported(op: &str, a: &Value, b: &Value) -> PyErr {
    PyErr::type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

/// `unsupported operand type(s) for +=` where the error is the one `+` gives for these operands.
#[cold]
fn in_place_error(e: PyErr, op: &str, a: &Value, b: &Value) -> PyErr {
    let binary = if op == "**" { "** or pow()" } else { op };
    if e.to_string() == unsupported(binary, a, b).to_string() {
        return unsupported(&format!("{op}="), a, b);
    }
    e
}

/// An operand of an arithmetic operator that may be `None` (a value a `yield` received): the
/// value, or CPython's `TypeError` (`left`/`right`: the operands' type names for the `None` case;
/// `op` as CPython spells it: `+`, `+=`, `** or pow()`).
#[inline]
pub fn some_operand<'a, T>(x: &'a Option<T>, op: &'static str, left: &'static str, right: &'static str) -> PyResult<&'a T> {
    match x {
        Some(v) => Ok(v),
        None => Err(unsupported_names(op, left, right)),
    }
}

#[cold]
#[inline(never)]
fn unsupported_names(op: &str, left: &str, right: &str) -> PyErr {
    PyErr::type_error(format!("unsupported operand type(s) for {op}: '{left}' and '{right}'"))
}

/// An operand of an ordering comparison that may be `None`: the value, or CPython's `TypeError`.
#[inline]
pub fn some_compared<'a, T>(x: &'a Option<T>, op: &'static str, left: &'static str, right: &'static str) -> PyResult<&'a T> {
    match x {
        Some(v) => Ok(v),
        None => Err(not_orderable(op, left, right)),
    }
}

#[cold]
#[inline(never)]
fn not_orderable(op: &str, left: &str, right: &str) -> PyErr {
    PyErr::type_error(format!("'{op}' not supported between instances of '{left}' and '{right}'"))
}

#[cold]
fn bad_unary(op: &str, a: &Value) -> PyErr {
    PyErr::type_error(format!("bad operand type for unary {op}: '{}'", a.type_name()))
}

#[cold]
fn non_int_repeat(n: &Value) -> PyErr {
    PyErr::type_error(format!("can't multiply sequence by non-int of type '{}'", n.type_name()))
}

/// A numeric operand after bool -> int promotion.
enum Num<'a> {
    I(Cow<'a, Int>),
    F(f64),
}

impl Num<'_> {
    fn to_f64(&self) -> PyResult<f64> {
        match self {
            Num::I(i) => i.to_f64(),
            Num::F(f) => Ok(*f),
        }
    }
}

impl Value {
    /// Boxes a list, keeping the same list object.
    pub fn from_list<T>(list: PyList<T>) -> Value
    where
        T: PyObject + IntoValue + FromValue + Clone + 'static,
    {
        list.into_value()
    }

    /// A tuple value from its items.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    /// `type(v).__name__`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::None => "NoneType",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Tuple(_) => "tuple",
            Value::Obj(o) => o.type_name(),
        }
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `a is b` where identity is observable: None, bools, and heap objects (str, tuple,
    /// list, ...). Numbers have no identity here; they compare as different objects.
    pub fn is_same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a.ptr_eq(b),
            (Value::Tuple(a), Value::Tuple(b)) => Rc::ptr_eq(a, b),
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b) || std::ptr::eq(a.identity(), b.identity()),
            _ => false,
        }
    }

    /// The int value of an int or bool (what Python accepts where an integer is needed).
    pub fn as_int(&self) -> Option<Cow<'_, Int>> {
        match self {
            Value::Int(i) => Some(Cow::Borrowed(i)),
            Value::Bool(b) => Some(Cow::Owned(Int::from(*b))),
            _ => None,
        }
    }

    fn num(&self) -> Option<Num<'_>> {
        match self {
            Value::Int(i) => Some(Num::I(Cow::Borrowed(i))),
            Value::Bool(b) => Some(Num::I(Cow::Owned(Int::from(*b)))),
            Value::Float(f) => Some(Num::F(*f)),
            _ => None,
        }
    }

    /// The value of an int that fits a machine word (not a bool): what the transpiler's
    /// machine-word tries of dynamic arithmetic start from.
    #[inline(always)]
    pub fn as_small(&self) -> Option<i64> {
        match self {
            Value::Int(Int::Small(a)) => Some(*a),
            _ => None,
        }
    }

    /// Both operands machine-word ints: the common case of dynamic arithmetic, tried inline
    /// before the general operator (which also handles overflow, bools, floats, objects).
    #[inline(always)]
    fn small_ints(&self, other: &Value) -> Option<(i64, i64)> {
        match (self, other) {
            (Value::Int(Int::Small(a)), Value::Int(Int::Small(b))) => Some((*a, *b)),
            _ => None,
        }
    }

    /// Applies a numeric binary operator when both sides are numbers: ints (and bools) with
    /// `int_op`, otherwise both converted to float (`OverflowError` for huge ints) with `float_op`.
    fn num_binop(
        &self,
        other: &Value,
        int_op: impl FnOnce(&Int, &Int) -> PyResult<Value>,
        float_op: impl FnOnce(f64, f64) -> PyResult<Value>,
    ) -> Option<PyResult<Value>> {
        let (a, b) = (self.num()?, other.num()?);
        Some(match (&a, &b) {
            (Num::I(x), Num::I(y)) => int_op(x, y),
            _ => a.to_f64().and_then(|x| float_op(x, b.to_f64()?)),
        })
    }

    /// `self + other`.
    #[inline]
    pub fn add(&self, other: &Value) -> PyResult<Value> {
        if let Some((a, b)) = self.small_ints(other) {
            if let Some(c) = a.checked_add(b) {
                return Ok(Value::Int(Int::Small(c)));
            }
        }
        self.add_any(other)
    }

    #[inline(never)]
    fn add_any(&self, other: &Value) -> PyResult<Value> {
        if let Some(r) = self.num_binop(other, |a, b| Ok(Value::Int(a + b)), |a, b| Ok(Value::Float(a + b))) {
            return r;
        }
        if matches!((self, other), (Value::Obj(_), _) | (_, Value::Obj(_))) {
            // A namedtuple concatenates as the tuple it is.
            if let (Some(a), Some(b)) = (self.tuple_base(), other.tuple_base()) {
                return a.add_any(&b);
            }
        }
        match (self, other) {
            (Value::Str(a), Value::Str(b)) => Ok(Value::Str(a.concat(b))),
            (Value::Str(_), _) => Err(PyErr::type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                other.type_name()
            ))),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Ok(Value::Tuple(a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into()))
            }
            (Value::Tuple(_), _) => Err(PyErr::type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                other.type_name()
            ))),
            (Value::Obj(o), _) => o.add(other).unwrap_or_else(|| Err(unsupported("+", self, other))),
            _ => Err(unsupported("+", self, other)),
        }
    }

    /// `self op n` when `self` is a machine-word int and `op` gives a machine word.
    #[inline(always)]
    fn small_with(&self, n: i64, op: fn(i64, i64) -> Option<i64>) -> Option<Value> {
        match self {
            Value::Int(Int::Small(a)) => op(*a, n).map(|c| Value::Int(Int::Small(c))),
            _ => None,
        }
    }

    /// `self + n` for an int literal `n` (no temporary value for it).
    #[inline]
    pub fn add_int(&self, n: i64) -> PyResult<Value> {
        self.small_with(n, i64::checked_add).map_or_else(|| self.add_any(&Value::Int(Int::Small(n))), Ok)
    }

    /// `self - n` for an int literal `n`.
    #[inline]
    pub fn sub_int(&self, n: i64) -> PyResult<Value> {
        self.small_with(n, i64::checked_sub).map_or_else(|| self.sub_any(&Value::Int(Int::Small(n))), Ok)
    }

    /// `self * n` for an int literal `n`.
    #[inline]
    pub fn mul_int(&self, n: i64) -> PyResult<Value> {
        self.small_with(n, i64::checked_mul).map_or_else(|| self.mul_any(&Value::Int(Int::Small(n))), Ok)
    }

    /// `self % n` for a nonzero int literal `n` (Python's sign: that of `n`).
    #[inline]
    pub fn modulo_int(&self, n: i64) -> PyResult<Value> {
        if let (Value::Int(Int::Small(a)), true) = (self, n != 0 && n != -1) {
            let r = a % n;
            return Ok(Value::Int(Int::Small(if r != 0 && (r ^ n) < 0 { r + n } else { r })));
        }
        self.modulo_any(&Value::Int(Int::Small(n)))
    }

    /// `self op= other` (`op` the operator's symbol, `+`): an object with an in-place form of `op` (a list's `+=`, `*=`) changes
    /// in place, so its aliases see it; anything else computes `self op other` with `apply`,
    /// except that CPython names the operator `op=` when the operand types do not support it.
    #[inline]
    pub fn in_place(&self, op: &'static str, other: &Value, apply: fn(&Value, &Value) -> PyResult<Value>) -> PyResult<Value> {
        if let Value::Obj(o) = self {
            if let Some(done) = o.in_place(op, other) {
                return done.map(|()| self.clone());
            }
        }
        apply(self, other).map_err(|e| in_place_error(e, op, self, other))
    }

    /// `self - other`.
    #[inline]
    pub fn sub(&self, other: &Value) -> PyResult<Value> {
        if let Some((a, b)) = self.small_ints(other) {
            if let Some(c) = a.checked_sub(b) {
                return Ok(Value::Int(Int::Small(c)));
            }
        }
        self.sub_any(other)
    }

    #[inline(never)]
    fn sub_any(&self, other: &Value) -> PyResult<Value> {
        if let Some(r) = self.obj_binop(ObjBinOp::Sub, other) {
            return r;
        }
        self.num_binop(other, |a, b| Ok(Value::Int(a - b)), |a, b| Ok(Value::Float(a - b)))
            .unwrap_or_else(|| Err(unsupported("-", self, other)))
    }

    /// An operator implemented by the left operand's object type (sets, dicts).
    #[inline]
    fn obj_binop(&self, op: ObjBinOp, other: &Value) -> Option<PyResult<Value>> {
        match self {
            Value::Obj(o) => o.binop(op, other),
            _ => None,
        }
    }

    /// `self * other`, including sequence repetition (`'ab' * 3`, `3 * [0]`).
    #[inline]
    pub fn mul(&self, other: &Value) -> PyResult<Value> {
        if let Some((a, b)) = self.small_ints(other) {
            if let Some(c) = a.checked_mul(b) {
                return Ok(Value::Int(Int::Small(c)));
            }
        }
        self.mul_any(other)
    }

    #[inline(never)]
    fn mul_any(&self, other: &Value) -> PyResult<Value> {
        if let Some(r) = self.num_binop(other, |a, b| Ok(Value::Int(a * b)), |a, b| Ok(Value::Float(a * b))) {
            return r;
        }
        if let Some(r) = self.repeat(other) {
            return r;
        }
        if let Some(r) = other.repeat(self) {
            return r;
        }
        Err(unsupported("*", self, other))
    }

    /// `seq * n` when `self` is a sequence; `None` when it is not one.
    fn repeat(&self, n: &Value) -> Option<PyResult<Value>> {
        let is_seq = match self {
            Value::Str(_) | Value::Tuple(_) => true,
            Value::Obj(o) => o.seq_len().is_some(),
            _ => false,
        };
        if !is_seq {
            return None;
        }
        let Some(count) = n.as_int() else {
            return Some(Err(non_int_repeat(n)));
        };
        Some(match self {
            Value::Str(s) => s.repeat(&count).map(Value::Str),
            Value::Tuple(t) => PyList::from_vec(t.to_vec())
                .repeat(&count)
                .map(|l| Value::Tuple(l.to_vec().into())),
            Value::Obj(o) => o.mul_int(&count).unwrap_or_else(|| Err(non_int_repeat(n))),
            _ => return None,
        })
    }

    /// `self / other`.
    pub fn truediv(&self, other: &Value) -> PyResult<Value> {
        self.num_binop(other, |a, b| a.truediv(b).map(Value::Float), |a, b| float_truediv(a, b).map(Value::Float))
            .unwrap_or_else(|| Err(unsupported("/", self, other)))
    }

    /// `self // other`.
    pub fn floordiv(&self, other: &Value) -> PyResult<Value> {
        self.num_binop(other, |a, b| a.floordiv(b).map(Value::Int), |a, b| float_floordiv(a, b).map(Value::Float))
            .unwrap_or_else(|| Err(unsupported("//", self, other)))
    }

    /// `self % other`: numeric modulo, or printf-style formatting when `self` is a str.
    #[inline]
    pub fn modulo(&self, other: &Value) -> PyResult<Value> {
        if let Some((a, b)) = self.small_ints(other) {
            if b != 0 {
                return Int::Small(a).modulo(&Int::Small(b)).map(Value::Int);
            }
        }
        self.modulo_any(other)
    }

    #[inline(never)]
    fn modulo_any(&self, other: &Value) -> PyResult<Value> {
        if let Some(r) = self.num_binop(other, |a, b| a.modulo(b).map(Value::Int), |a, b| float_mod(a, b).map(Value::Float)) {
            return r;
        }
        if let Value::Str(s) = self {
            return s.percent_format(other).map(Value::Str);
        }
        Err(unsupported("%", self, other))
    }

    /// `divmod(self, other)` as a tuple value.
    pub fn divmod(&self, other: &Value) -> PyResult<Value> {
        self.num_binop(
            other,
            |a, b| a.divmod(b).map(|(q, r)| Value::tuple(vec![Value::Int(q), Value::Int(r)])),
            |a, b| float_divmod(a, b).map(|(q, r)| Value::tuple(vec![Value::Float(q), Value::Float(r)])),
        )
        .unwrap_or_else(|| Err(unsupported("divmod()", self, other)))
    }

    /// `self ** other`: an int to a negative int power is a float, as in Python.
    pub fn pow(&self, other: &Value) -> PyResult<Value> {
        self.num_binop(
            other,
            |a, b| {
                if *b < Int::from(0) {
                    float_pow(a.to_f64()?, b.to_f64()?).map(Value::Float)
                } else {
                    a.pow(b).map(Value::Int)
                }
            },
            |a, b| float_pow(a, b).map(Value::Float),
        )
        .unwrap_or_else(|| Err(unsupported("** or pow()", self, other)))
    }

    /// Applies an int-only binary operator (shifts and bitwise operators).
    fn int_binop(&self, other: &Value, op: &str, f: impl FnOnce(&Int, &Int) -> PyResult<Int>) -> PyResult<Value> {
        match (self.as_int(), other.as_int()) {
            (Some(a), Some(b)) => f(&a, &b).map(Value::Int),
            _ => Err(unsupported(op, self, other)),
        }
    }

    /// `self << other`.
    pub fn lshift(&self, other: &Value) -> PyResult<Value> {
        self.int_binop(other, "<<", |a, b| a.shl(b))
    }

    /// `self >> other`.
    pub fn rshift(&self, other: &Value) -> PyResult<Value> {
        self.int_binop(other, ">>", |a, b| a.shr(b))
    }

    /// `self & other` (bool & bool is a bool).
    pub fn bitand(&self, other: &Value) -> PyResult<Value> {
        if let (Value::Bool(a), Value::Bool(b)) = (self, other) {
            return Ok(Value::Bool(a & b));
        }
        if let Some(r) = self.obj_binop(ObjBinOp::And, other) {
            return r;
        }
        self.int_binop(other, "&", |a, b| Ok(a & b))
    }

    /// `self | other`.
    pub fn bitor(&self, other: &Value) -> PyResult<Value> {
        if let (Value::Bool(a), Value::Bool(b)) = (self, other) {
            return Ok(Value::Bool(a | b));
        }
        if let Some(r) = self.obj_binop(ObjBinOp::Or, other) {
            return r;
        }
        self.int_binop(other, "|", |a, b| Ok(a | b))
    }

    /// `self ^ other`.
    pub fn bitxor(&self, other: &Value) -> PyResult<Value> {
        if let (Value::Bool(a), Value::Bool(b)) = (self, other) {
            return Ok(Value::Bool(a ^ b));
        }
        if let Some(r) = self.obj_binop(ObjBinOp::Xor, other) {
            return r;
        }
        self.int_binop(other, "^", |a, b| Ok(a ^ b))
    }

    /// `-self`.
    pub fn neg(&self) -> PyResult<Value> {
        match self.num() {
            Some(Num::I(i)) => Ok(Value::Int(-&*i)),
            Some(Num::F(f)) => Ok(Value::Float(-f)),
            None => Err(bad_unary("-", self)),
        }
    }

    /// `+self`.
    pub fn pos(&self) -> PyResult<Value> {
        match self.num() {
            Some(Num::I(i)) => Ok(Value::Int(i.into_owned())),
            Some(Num::F(f)) => Ok(Value::Float(f)),
            None => Err(bad_unary("+", self)),
        }
    }

    /// `~self`.
    pub fn invert(&self) -> PyResult<Value> {
        match self.as_int() {
            Some(i) => Ok(Value::Int(!&*i)),
            None => Err(bad_unary("~", self)),
        }
    }

    /// `self == other`: numbers compare by value across bool/int/float (`1 == 1.0 == True`),
    /// containers element-wise, other objects by identity.
    #[allow(clippy::should_implement_trait)] // Python's `==`, deliberately not `PartialEq`
    pub fn eq(&self, other: &Value) -> bool {
        if let (Some(a), Some(b)) = (self.num(), other.num()) {
            return match (a, b) {
                (Num::I(x), Num::I(y)) => x == y,
                (Num::I(x), Num::F(f)) | (Num::F(f), Num::I(x)) => x.eq_f64(f),
                (Num::F(x), Num::F(y)) => x == y,
            };
        }
        match (self, other) {
            (Value::None, Value::None) => true,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Tuple(a), Value::Tuple(b)) => {
                Rc::ptr_eq(a, b) || (a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.eq(y)))
            }
            (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b) || a.eq_obj(&**b),
            _ => match (self.tuple_base(), other.tuple_base()) {
                (Some(a), Some(b)) => a.eq(&b),
                _ => false,
            },
        }
    }

    /// A tuple subclass instance (a namedtuple) as the tuple it is, for the operations it
    /// shares with tuples (`==`, `<`, `+`); a tuple as itself.
    fn tuple_base(&self) -> Option<Value> {
        match self {
            Value::Tuple(_) => Some(self.clone()),
            Value::Obj(o) => o.builtin_base().filter(|b| matches!(b, Value::Tuple(_))),
            _ => None,
        }
    }

    /// `self != other`.
    pub fn ne(&self, other: &Value) -> bool {
        !self.eq(other)
    }

    /// `self <op> other` for `<`, `<=`, `>`, `>=`.
    pub fn compare(&self, other: &Value, op: CmpOp) -> PyResult<bool> {
        if let (Some(a), Some(b)) = (self.num(), other.num()) {
            let ord = match (a, b) {
                (Num::I(x), Num::I(y)) => Some(x.cmp(&y)),
                (Num::I(x), Num::F(f)) => x.cmp_f64(f),
                (Num::F(f), Num::I(x)) => x.cmp_f64(f).map(Ordering::reverse),
                (Num::F(x), Num::F(y)) => x.partial_cmp(&y),
            };
            return Ok(op.holds_partial(ord));
        }
        match (self, other) {
            (Value::Str(a), Value::Str(b)) => Ok(op.holds(a.cmp(b))),
            (Value::Tuple(a), Value::Tuple(b)) => seq_cmp(a, b, op),
            (Value::Obj(a), Value::Obj(b)) if a.type_name() == b.type_name() && a.seq_len().is_some() => {
                seq_cmp_objects(&**a, &**b, op)
            }
            _ => {
                if let (Some(Value::Tuple(a)), Some(Value::Tuple(b))) = (self.tuple_base(), other.tuple_base()) {
                    return seq_cmp(&a, &b, op);
                }
                match (self, other) {
                    (Value::Obj(a), Value::Obj(b)) => match a.cmp_obj(&**b, op) {
                        Some(r) => r,
                        None => Err(cmp_type_error(op, self.type_name(), other.type_name())),
                    },
                    _ => Err(cmp_type_error(op, self.type_name(), other.type_name())),
                }
            }
        }
    }

    pub fn lt(&self, other: &Value) -> PyResult<bool> {
        self.compare(other, CmpOp::Lt)
    }
    pub fn le(&self, other: &Value) -> PyResult<bool> {
        self.compare(other, CmpOp::Le)
    }
    pub fn gt(&self, other: &Value) -> PyResult<bool> {
        self.compare(other, CmpOp::Gt)
    }
    pub fn ge(&self, other: &Value) -> PyResult<bool> {
        self.compare(other, CmpOp::Ge)
    }

    /// `bool(self)`.
    #[inline]
    pub fn truthy(&self) -> bool {
        match self {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => i.truthy(),
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Obj(o) => o.truthy(),
        }
    }

    /// `len(self)`.
    pub fn len(&self) -> PyResult<Int> {
        match self {
            Value::Str(s) => Ok(s.len()),
            Value::Tuple(t) => Ok(Int::from(t.len())),
            Value::Obj(o) => o.len(),
            _ => Err(PyErr::type_error(format!("object of type '{}' has no len()", self.type_name()))),
        }
    }

    /// `self[index]`.
    pub fn getitem(&self, index: &Value) -> PyResult<Value> {
        match self {
            Value::Str(s) => match index.as_int() {
                Some(i) => s.getitem(&i).map(Value::Str),
                None => Err(PyErr::type_error(format!(
                    "string indices must be integers, not '{}'",
                    index.type_name()
                ))),
            },
            Value::Tuple(t) => match index.as_int() {
                Some(i) => Ok(t[seq_index(&i, t.len(), "tuple index out of range")?].clone()),
                None => Err(PyErr::type_error(format!(
                    "tuple indices must be integers or slices, not {}",
                    index.type_name()
                ))),
            },
            Value::Obj(o) => o.getitem(index),
            _ => Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name()))),
        }
    }

    /// `self[start:stop:step]`.
    pub fn slice(&self, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<Value> {
        match self {
            Value::Str(s) => s.slice(start, stop, step).map(Value::Str),
            Value::Tuple(t) => {
                let sl = crate::list::slice_indices(t.len(), start, stop, step)?;
                let items: Vec<Value> = (0..sl.len).map(|k| t[(sl.start + k as i64 * sl.step) as usize].clone()).collect();
                Ok(Value::tuple(items))
            }
            Value::Obj(o) => Rc::clone(o).slice(start, stop, step),
            _ => Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.type_name()))),
        }
    }

    /// `self[index] = v`.
    pub fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        match self {
            Value::Obj(o) => o.setitem(index, v),
            _ => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name()
            ))),
        }
    }

    /// `iter(self)`.
    pub fn iter(&self) -> PyResult<ValueIter> {
        match self {
            Value::Str(s) => Ok(ValueIter::new(s.iter().map(|c| Ok(Value::Str(c))))),
            Value::Tuple(t) => {
                let t = Rc::clone(t);
                Ok(ValueIter::new((0..t.len()).map(move |i| Ok(t[i].clone()))))
            }
            Value::Obj(o) => Rc::clone(o).iter(),
            _ => Err(PyErr::type_error(format!("'{}' object is not iterable", self.type_name()))),
        }
    }

    /// `x in self`.
    pub fn contains(&self, x: &Value) -> PyResult<bool> {
        match self {
            Value::Str(s) => match x {
                Value::Str(sub) => Ok(s.contains(sub)),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    x.type_name()
                ))),
            },
            Value::Tuple(t) => Ok(t.iter().any(|y| y.is_same(x) || y.eq(x))),
            Value::Obj(o) => o.contains(x),
            _ => Err(PyErr::type_error(format!("argument of type '{}' is not iterable", self.type_name()))),
        }
    }

    /// `del self[index]`.
    pub fn delitem(&self, index: &Value) -> PyResult<()> {
        match self {
            Value::Obj(o) => o.delitem(index),
            _ => Err(PyErr::type_error(format!(
                "'{}' object doesn't support item deletion",
                self.type_name()
            ))),
        }
    }

    /// `hash(self)`.
    pub fn hash(&self) -> PyResult<i64> {
        crate::hash::PyHash::py_hash(self)
    }

    /// Downcasts to a concrete object type (`v.downcast_ref::<ListObj<Int>>()`).
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        match self {
            Value::Obj(o) => o.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }
}

/// Lexicographic comparison of two sequence objects through their items as values.
/// Nesting counts toward the recursion limit (two distinct self-containing lists).
fn seq_cmp_objects(a: &dyn Object, b: &dyn Object, op: CmpOp) -> PyResult<bool> {
    let _depth = crate::entry::enter_call_with(" in comparison")?;
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.seq_item(i), b.seq_item(i)) {
        if !x.eq(&y) {
            return x.compare(&y, op);
        }
        i += 1;
    }
    Ok(op.holds(a.seq_len().cmp(&b.seq_len())))
}

/// Element-wise equality of two sequence objects through their items as values.
/// `==` cannot raise here: where CPython would raise `RecursionError` (two distinct
/// self-containing lists) this answers `false` instead of overflowing the stack.
fn seq_eq_objects(a: &dyn Object, b: &dyn Object) -> bool {
    if a.seq_len() != b.seq_len() {
        return false;
    }
    let Ok(_depth) = crate::entry::enter_call_with(" in comparison") else {
        return false;
    };
    let mut i = 0;
    while let (Some(x), Some(y)) = (a.seq_item(i), b.seq_item(i)) {
        if !(x.is_same(&y) || x.eq(&y)) {
            return false;
        }
        i += 1;
    }
    a.seq_len() == b.seq_len()
}

impl PyEq for Value {
    #[inline]
    fn py_eq(&self, other: &Value) -> bool {
        self.eq(other)
    }
}

impl PyOrd for Value {
    #[inline]
    fn py_cmp(&self, other: &Value, op: CmpOp) -> PyResult<bool> {
        self.compare(other, op)
    }
}

impl PyObject for Value {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        match self {
            Value::None => ().write_repr(out),
            Value::Bool(b) => b.write_repr(out),
            Value::Int(i) => i.write_repr(out),
            Value::Float(f) => {
                write_float_repr(*f, out);
                Ok(())
            }
            Value::Str(s) => {
                write_str_repr(s.as_str(), out);
                Ok(())
            }
            Value::Tuple(t) => {
                let _guard = repr_enter(None)?;
                crate::object::write_seq(out, "(", t.iter(), if t.len() == 1 { ",)" } else { ")" })
            }
            Value::Obj(o) => o.write_repr(out),
        }
    }
    fn write_str(&self, out: &mut String) -> PyResult<()> {
        match self {
            Value::Str(s) => {
                out.push_str(s.as_str());
                Ok(())
            }
            Value::Obj(o) => o.write_str(out),
            _ => self.write_repr(out),
        }
    }
    fn truthy(&self) -> bool {
        Value::truthy(self)
    }
    fn type_name(&self) -> &'static str {
        Value::type_name(self)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = String::new();
        match self.write_repr(&mut s) {
            Ok(()) => f.write_str(&s),
            Err(e) => write!(f, "<repr failed: {e}>"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lists as objects.

impl<T> Object for ListObj<T>
where
    T: PyObject + IntoValue + FromValue + Clone + 'static,
{
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.len_usize()))
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        match index.as_int() {
            Some(i) => {
                let item = self.get(&i)?;
                Ok(item.into_value())
            }
            None => Err(PyErr::type_error(format!(
                "list indices must be integers or slices, not {}",
                index.type_name()
            ))),
        }
    }
    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        match index.as_int() {
            Some(i) => self.set(&i, T::from_value(v)?),
            None => Err(PyErr::type_error(format!(
                "list indices must be integers or slices, not {}",
                index.type_name()
            ))),
        }
    }
    fn slice(self: Rc<Self>, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<Value> {
        PyList::from_rc(self).slice(start, stop, step).map(IntoValue::into_value)
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        // Index based through a handle to this very list: live, like `PyList::iter`.
        // (A list of values needs no conversion: walked without a boxed iterator.)
        if let Ok(values) = (Rc::clone(&self) as Rc<dyn Any>).downcast::<ListObj<Value>>() {
            return Ok(ValueIter::values(PyList::from_rc(values)));
        }
        Ok(ValueIter::new(PyList::from_rc(self).iter().map(|x| Ok(x.into_value()))))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        let mut i = 0;
        while let Some(item) = self.seq_item(i) {
            if item.is_same(x) || item.eq(x) {
                return Ok(true);
            }
            i += 1;
        }
        Ok(false)
    }
    fn seq_len(&self) -> Option<usize> {
        Some(self.len_usize())
    }
    fn seq_item(&self, i: usize) -> Option<Value> {
        self.get_usize(i).map(IntoValue::into_value)
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(crate::methods::list_method(PyList::from_rc(self), name, args))
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        other.type_name() == "list" && seq_eq_objects(self, other)
    }
    fn add(&self, other: &Value) -> Option<PyResult<Value>> {
        let Value::Obj(o) = other else {
            return Some(Err(concat_list_error(other)));
        };
        if o.type_name() != "list" || o.seq_len().is_none() {
            return Some(Err(concat_list_error(other)));
        }
        // Same element type: a list of that type; otherwise a list of values.
        if let Some(b) = o.as_any().downcast_ref::<ListObj<T>>() {
            let mut v = self.to_vec();
            v.extend(b.to_vec());
            return Some(Ok(PyList::from_vec(v).into_value()));
        }
        let mut v: Vec<Value> = (0..).map_while(|i| self.seq_item(i)).collect();
        v.extend((0..).map_while(|i| o.seq_item(i)));
        Some(Ok(PyList::from_vec(v).into_value()))
    }
    fn mul_int(&self, n: &Int) -> Option<PyResult<Value>> {
        Some(PyList::from_vec(self.to_vec()).repeat(n).map(IntoValue::into_value))
    }
    fn in_place(&self, op: &str, other: &Value) -> Option<PyResult<()>> {
        match (op, other) {
            ("+", _) => Some(self.extend_from_value(other)),
            ("*", Value::Int(n)) => Some(self.repeat_in_place(n)),
            ("*", Value::Bool(b)) => Some(self.repeat_in_place(&Int::from(*b as i64))),
            _ => None,
        }
    }
}

#[cold]
fn concat_list_error(other: &Value) -> PyErr {
    PyErr::type_error(format!("can only concatenate list (not \"{}\") to list", other.type_name()))
}

impl<T> IntoValue for PyList<T>
where
    T: PyObject + IntoValue + FromValue + Clone + 'static,
{
    fn into_value(self) -> Value {
        let rc: Rc<ListObj<T>> = Rc::clone(self.rc());
        Value::Obj(rc)
    }
}

impl<T> FromValue for PyList<T>
where
    T: PyObject + IntoValue + FromValue + Clone + 'static,
{
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                match o.into_any_rc().downcast::<ListObj<T>>() {
                    Ok(rc) => Ok(PyList::from_rc(rc)),
                    Err(_) if name == "list" => Err(PyErr::type_error(
                        "expected a list of another element type (the list cannot be shared)",
                    )),
                    Err(_) => Err(PyErr::type_error(format!("expected list, got {name}"))),
                }
            }
            other => Err(expected("list", &other)),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Boxing and unboxing of the other types.

impl IntoValue for Value {
    #[inline]
    fn into_value(self) -> Value {
        self
    }
}
impl FromValue for Value {
    #[inline]
    fn from_value(v: Value) -> PyResult<Value> {
        Ok(v)
    }
}

impl IntoValue for Int {
    #[inline]
    fn into_value(self) -> Value {
        Value::Int(self)
    }
}
/// An int, or a bool (bool is a subclass of int in Python).
impl FromValue for Int {
    fn from_value(v: Value) -> PyResult<Int> {
        match v {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(Int::from(b)),
            other => Err(expected("int", &other)),
        }
    }
}

impl IntoValue for f64 {
    #[inline]
    fn into_value(self) -> Value {
        Value::Float(self)
    }
}
/// A float, or an int or bool converted (where Python code declares `float` it accepts ints).
impl FromValue for f64 {
    fn from_value(v: Value) -> PyResult<f64> {
        match v {
            Value::Float(f) => Ok(f),
            Value::Int(i) => i.to_f64(),
            Value::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
            other => Err(expected("float", &other)),
        }
    }
}

impl IntoValue for bool {
    #[inline]
    fn into_value(self) -> Value {
        Value::Bool(self)
    }
}
impl FromValue for bool {
    fn from_value(v: Value) -> PyResult<bool> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(expected("bool", &other)),
        }
    }
}

impl IntoValue for () {
    #[inline]
    fn into_value(self) -> Value {
        Value::None
    }
}
impl FromValue for () {
    fn from_value(v: Value) -> PyResult<()> {
        match v {
            Value::None => Ok(()),
            other => Err(expected("None", &other)),
        }
    }
}

impl IntoValue for PyStr {
    #[inline]
    fn into_value(self) -> Value {
        Value::Str(self)
    }
}
impl FromValue for PyStr {
    fn from_value(v: Value) -> PyResult<PyStr> {
        match v {
            Value::Str(s) => Ok(s),
            other => Err(expected("str", &other)),
        }
    }
}

impl<T: IntoValue> IntoValue for Option<T> {
    #[inline]
    fn into_value(self) -> Value {
        match self {
            Some(x) => x.into_value(),
            None => Value::None,
        }
    }
}
impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value) -> PyResult<Option<T>> {
        match v {
            Value::None => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }
}

impl IntoValue for EmptyTuple {
    fn into_value(self) -> Value {
        Value::Tuple(Rc::from(Vec::new()))
    }
}
impl FromValue for EmptyTuple {
    fn from_value(v: Value) -> PyResult<EmptyTuple> {
        match v {
            Value::Tuple(t) if t.is_empty() => Ok(EmptyTuple),
            Value::Tuple(t) => Err(PyErr::value_error(format!("too many values to unpack (expected 0, got {})", t.len()))),
            other => Err(expected("tuple", &other)),
        }
    }
}

macro_rules! tuple_values {
    ($( $len:literal: ($($n:tt $T:ident),+) )*) => {$(
        impl<$($T: IntoValue),+> IntoValue for ($($T,)+) {
            fn into_value(self) -> Value {
                Value::Tuple(Rc::from(vec![$(self.$n.into_value()),+]))
            }
        }
        /// A tuple of exactly this length (unpacking errors in CPython's words otherwise).
        impl<$($T: FromValue),+> FromValue for ($($T,)+) {
            fn from_value(v: Value) -> PyResult<Self> {
                match v {
                    Value::Tuple(t) => {
                        if t.len() > $len {
                            return Err(PyErr::value_error(format!("too many values to unpack (expected {})", $len)));
                        }
                        if t.len() < $len {
                            return Err(PyErr::value_error(format!(
                                "not enough values to unpack (expected {}, got {})", $len, t.len()
                            )));
                        }
                        Ok(($($T::from_value(t[$n].clone())?,)+))
                    }
                    // A namedtuple is a tuple.
                    Value::Obj(ref o) if o.builtin_base().is_some_and(|b| matches!(b, Value::Tuple(_))) => {
                        Self::from_value(o.builtin_base().unwrap_or(Value::None))
                    }
                    other => Err(expected("tuple", &other)),
                }
            }
        }
    )*};
}

tuple_values! {
    1: (0 A)
    2: (0 A, 1 B)
    3: (0 A, 1 B, 2 C)
    4: (0 A, 1 B, 2 C, 3 D)
    5: (0 A, 1 B, 2 C, 3 D, 4 E)
    6: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F)
    7: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G)
    8: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H)
    9: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I)
    10: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J)
    11: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K)
    12: (0 A, 1 B, 2 C, 3 D, 4 E, 5 F, 6 G, 7 H, 8 I, 9 J, 10 K, 11 L)
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(Int::from(v))
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Float(v)
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Str(PyStr::from(v))
    }
}
impl From<PyStr> for Value {
    fn from(v: PyStr) -> Value {
        Value::Str(v)
    }
}
impl From<Int> for Value {
    fn from(v: Int) -> Value {
        Value::Int(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;

    fn i(v: i64) -> Value {
        Value::Int(Int::from(v))
    }
    fn f(v: f64) -> Value {
        Value::Float(v)
    }
    fn s(v: &str) -> Value {
        Value::Str(PyStr::from(v))
    }

    #[test]
    fn operators_with_an_int_literal_match_the_general_ones() {
        let r = |v: PyResult<Value>| py_repr(&v.unwrap()).unwrap().as_str().to_string();
        let values = [i(7), i(-7), i(0), i(i64::MAX), i(i64::MIN), f(2.5), Value::Bool(true)];
        for a in &values {
            for n in [1i64, -1, 3, -3, 7, i64::MAX, i64::MIN + 1] {
                assert_eq!(r(a.add_int(n)), r(a.add(&i(n))), "{a:?} + {n}");
                assert_eq!(r(a.sub_int(n)), r(a.sub(&i(n))), "{a:?} - {n}");
                assert_eq!(r(a.mul_int(n)), r(a.mul(&i(n))), "{a:?} * {n}");
                assert_eq!(r(a.modulo_int(n)), r(a.modulo(&i(n))), "{a:?} % {n}");
            }
        }
        assert_eq!(r(s("%d!").modulo_int(5)), "'5!'");
        assert_eq!(r(s("ab").mul_int(2)), "'abab'");
        assert!(s("a").add_int(1).is_err());
    }
    fn b(v: bool) -> Value {
        Value::Bool(v)
    }
    fn r(v: &PyResult<Value>) -> String {
        match v {
            Ok(v) => py_repr(v).unwrap().as_str().to_string(),
            Err(e) => e.to_string(),
        }
    }
    fn ilist(v: &[i64]) -> PyList<Int> {
        v.iter().map(|&x| Int::from(x)).collect()
    }

    #[test]
    fn layout() {
        assert!(std::mem::size_of::<Value>() <= 32);
    }

    #[test]
    fn arithmetic_numeric_tower() {
        // Expected values from python3.
        assert_eq!(r(&i(1).add(&f(2.5))), "3.5");
        assert_eq!(r(&b(true).add(&b(true))), "2");
        assert_eq!(r(&b(true).floordiv(&b(true))), "1");
        assert_eq!(r(&b(true).truediv(&b(true))), "1.0");
        assert_eq!(r(&i(7).floordiv(&f(2.0))), "3.0");
        assert_eq!(r(&i(2).pow(&i(100))), "1267650600228229401496703205376");
        assert_eq!(r(&i(10).pow(&i(-2))), "0.01");
        assert_eq!(r(&i(2).pow(&i(-1))), "0.5");
        assert_eq!(r(&i(0).pow(&i(-1))), "ZeroDivisionError: 0.0 cannot be raised to a negative power");
        assert_eq!(r(&i(3).modulo(&i(-2))), "-1");
        assert_eq!(r(&f(-3.5).modulo(&i(2))), "0.5");
        assert_eq!(r(&i(1).modulo(&i(0))), "ZeroDivisionError: integer modulo by zero");
        assert_eq!(r(&f(1.0).modulo(&i(0))), "ZeroDivisionError: float modulo");
        assert_eq!(r(&i(1).truediv(&i(0))), "ZeroDivisionError: division by zero");
        assert_eq!(r(&i(1).floordiv(&i(0))), "ZeroDivisionError: integer division or modulo by zero");
        assert_eq!(r(&f(1.0).truediv(&i(0))), "ZeroDivisionError: float division by zero");
        assert_eq!(r(&f(1.0).floordiv(&i(0))), "ZeroDivisionError: float floor division by zero");
        assert_eq!(r(&i(7).divmod(&i(-2))), "(-4, -1)");
        assert_eq!(r(&b(true).divmod(&i(2))), "(0, 1)");
        assert_eq!(r(&i(1).lshift(&i(64))), "18446744073709551616");
        assert_eq!(r(&i(-1).rshift(&i(100))), "-1");
        assert_eq!(r(&i(1).lshift(&i(-1))), "ValueError: negative shift count");
        assert_eq!(r(&f(1.0).lshift(&i(1))), "TypeError: unsupported operand type(s) for <<: 'float' and 'int'");
        assert_eq!(r(&b(true).bitand(&b(true))), "True");
        assert_eq!(r(&b(true).bitxor(&i(1))), "0");
        assert_eq!(r(&f(1.5).bitand(&i(1))), "TypeError: unsupported operand type(s) for &: 'float' and 'int'");
        assert_eq!(r(&b(true).invert()), "-2");
        assert_eq!(r(&b(true).neg()), "-1");
        assert_eq!(r(&b(true).pos()), "1");
        assert_eq!(r(&f(1.5).invert()), "TypeError: bad operand type for unary ~: 'float'");
        assert_eq!(r(&s("a").neg()), "TypeError: bad operand type for unary -: 'str'");
        // 10**400 * 1.0 -> OverflowError: int too large to convert to float
        let huge = Value::Int(Int::big(&format!("1{}", "0".repeat(400))));
        assert_eq!(r(&huge.mul(&f(1.0))), "OverflowError: int too large to convert to float");
        assert_eq!(r(&i(3).mul(&f(0.5))), "1.5");
        // '%d' % 5 == '5'; '%s-%s' % (1, 'a') == '1-a'
        assert_eq!(r(&s("%d").modulo(&i(5))), "'5'");
        assert_eq!(r(&s("%s-%s").modulo(&Value::tuple(vec![i(1), s("a")]))), "'1-a'");
    }

    #[test]
    fn arithmetic_type_errors() {
        assert_eq!(r(&s("a").add(&i(1))), "TypeError: can only concatenate str (not \"int\") to str");
        assert_eq!(r(&i(1).add(&s("a"))), "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
        assert_eq!(r(&Value::None.add(&i(1))), "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'");
        assert_eq!(r(&i(5).sub(&s("a"))), "TypeError: unsupported operand type(s) for -: 'int' and 'str'");
        assert_eq!(r(&s("a").sub(&s("b"))), "TypeError: unsupported operand type(s) for -: 'str' and 'str'");
        let l = Value::from_list(ilist(&[1]));
        assert_eq!(r(&l.sub(&l)), "TypeError: unsupported operand type(s) for -: 'list' and 'list'");
        let t = Value::tuple(vec![i(1)]);
        assert_eq!(r(&l.add(&t)), "TypeError: can only concatenate list (not \"tuple\") to list");
        assert_eq!(r(&t.add(&l)), "TypeError: can only concatenate tuple (not \"list\") to tuple");
        assert_eq!(r(&s("a").mul(&f(1.5))), "TypeError: can't multiply sequence by non-int of type 'float'");
        assert_eq!(r(&s("a").mul(&s("b"))), "TypeError: can't multiply sequence by non-int of type 'str'");
        assert_eq!(r(&l.mul(&l)), "TypeError: can't multiply sequence by non-int of type 'list'");
        assert_eq!(r(&Value::None.mul(&s("a"))), "TypeError: can't multiply sequence by non-int of type 'NoneType'");
        assert_eq!(r(&f(1.5).mul(&l)), "TypeError: can't multiply sequence by non-int of type 'float'");
        assert_eq!(r(&i(1).mul(&Value::None)), "TypeError: unsupported operand type(s) for *: 'int' and 'NoneType'");
        assert_eq!(r(&i(2).pow(&Value::None)), "TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'NoneType'");
    }

    #[test]
    fn sequences() {
        assert_eq!(r(&s("ab").mul(&i(2))), "'abab'");
        assert_eq!(r(&b(true).mul(&s("ab"))), "'ab'");
        assert_eq!(r(&Value::tuple(vec![i(1), i(2)]).mul(&i(2))), "(1, 2, 1, 2)");
        assert_eq!(r(&Value::tuple(vec![]).add(&Value::tuple(vec![]))), "()");
        assert_eq!(r(&Value::tuple(vec![i(1)]).add(&Value::tuple(vec![i(2)]))), "(1, 2)");
        let l = Value::from_list(ilist(&[1, 2]));
        assert_eq!(r(&l.mul(&i(-1))), "[]");
        assert_eq!(r(&i(3).mul(&Value::from_list(ilist(&[1])))), "[1, 1, 1]");
        assert_eq!(r(&l.add(&Value::from_list(ilist(&[3])))), "[1, 2, 3]");
        // Lists of different static element types concatenate into a list of values.
        let strs: PyList<PyStr> = PyList::from_vec(vec!["a".into()]);
        let mixed = l.add(&Value::from_list(strs));
        assert_eq!(r(&mixed), "[1, 2, 'a']");
        assert!(PyList::<Value>::from_value(mixed.unwrap()).is_ok());
        // 'ab' * 2**62 -> OverflowError: repeated string is too long
        assert_eq!(r(&s("ab").mul(&i(1 << 62))), "OverflowError: repeated string is too long");
    }

    #[test]
    fn comparisons() {
        assert!(i(1).eq(&f(1.0)) && f(1.0).eq(&b(true)) && i(1).eq(&b(true)));
        assert!(!Value::None.eq(&i(0)) && Value::None.eq(&Value::None));
        assert!(!f(f64::NAN).eq(&f(f64::NAN)));
        assert!(Value::tuple(vec![i(1), f(2.0)]).eq(&Value::tuple(vec![i(1), i(2)])));
        assert!(!Value::tuple(vec![i(1), s("a")]).eq(&Value::tuple(vec![i(1), Value::None])));
        // [1] == (1,) is False; [1] == [1.0] is True
        let l1 = Value::from_list(ilist(&[1]));
        assert!(!l1.eq(&Value::tuple(vec![i(1)])));
        assert!(l1.eq(&Value::from_list(PyList::from_vec(vec![1.0f64]))));
        assert!(i(1).lt(&f(1.5)).unwrap());
        assert!(!f(f64::NAN).lt(&i(1)).unwrap());
        assert!(s("a").lt(&s("b")).unwrap());
        // 2**1024 < inf; 2**1024 == inf is False
        let p = Value::Int(Int::big("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216"));
        assert!(p.lt(&f(f64::INFINITY)).unwrap());
        assert!(!p.eq(&f(f64::INFINITY)));
        assert!(p.gt(&f(1e308)).unwrap());
        assert!(Value::tuple(vec![i(1), i(2)]).lt(&Value::tuple(vec![i(1), i(2), i(3)])).unwrap());
        // [1, [2]] < [1, [3]]; [1, 2] < [1.5]
        let nested = |k: i64| {
            Value::from_list(PyList::from_vec(vec![i(1), Value::from_list(ilist(&[k]))]))
        };
        assert!(nested(2).lt(&nested(3)).unwrap());
        assert!(Value::from_list(ilist(&[1, 2])).lt(&Value::from_list(PyList::from_vec(vec![1.5f64]))).unwrap());
        let e = |x: PyResult<bool>| x.unwrap_err().to_string();
        assert_eq!(e(i(1).lt(&s("a"))), "TypeError: '<' not supported between instances of 'int' and 'str'");
        assert_eq!(e(Value::None.ge(&Value::None)), "TypeError: '>=' not supported between instances of 'NoneType' and 'NoneType'");
        assert_eq!(e(l1.lt(&Value::tuple(vec![i(1)]))), "TypeError: '<' not supported between instances of 'list' and 'tuple'");
        assert_eq!(
            e(Value::tuple(vec![i(1), s("a")]).lt(&Value::tuple(vec![i(1), Value::None]))),
            "TypeError: '<' not supported between instances of 'str' and 'NoneType'"
        );
        let mixed = Value::from_list(PyList::from_vec(vec![i(1), s("a")]));
        assert_eq!(e(Value::from_list(ilist(&[1, 2])).lt(&mixed)), "TypeError: '<' not supported between instances of 'int' and 'str'");
        assert!(Value::from_list(ilist(&[1])).lt(&mixed).unwrap());
    }

    #[test]
    fn self_containing_lists_do_not_overflow() {
        // a = [1]; a.append(a); b = [1]; b.append(b); a < b -> RecursionError (CPython)
        let mk = || {
            let l: PyList<Value> = PyList::from_vec(vec![i(1)]);
            l.append(Value::from_list(l.clone()));
            Value::from_list(l)
        };
        let (a, b2) = (mk(), mk());
        assert!(a.eq(&a));
        assert!(!a.eq(&b2));
        let e = a.lt(&b2).unwrap_err();
        assert_eq!(e.to_string(), "RecursionError: maximum recursion depth exceeded in comparison");
    }

    #[test]
    fn reference_semantics_through_values() {
        let list = ilist(&[1, 2]);
        let v = Value::from_list(list.clone());
        let back = PyList::<Int>::from_value(v.clone()).unwrap();
        back.append(Int::from(3));
        assert_eq!(r(&Ok(v.clone())), "[1, 2, 3]");
        assert!(back.ptr_eq(&list));
        v.setitem(&i(0), i(9)).unwrap();
        assert_eq!(list.getitem(&Int::from(0)).unwrap(), Int::from(9));
        assert_eq!(v.setitem(&i(0), s("x")).unwrap_err().to_string(), "TypeError: expected int, got str");
        assert!(v.is_same(&Value::from_list(list.clone())));
        assert!(PyList::<PyStr>::from_value(v.clone()).is_err());
        // Iteration through the value is live.
        let mut seen = 0;
        for x in v.iter().unwrap() {
            let x = x.unwrap();
            if seen == 0 {
                list.append(Int::from(4));
            }
            assert!(x.as_int().is_some());
            seen += 1;
        }
        assert_eq!(seen, 4);
        assert_eq!(r(&v.getitem(&i(-1))), "4");
        assert_eq!(r(&v.getitem(&i(9))), "IndexError: list index out of range");
        assert_eq!(r(&v.getitem(&f(1.0))), "TypeError: list indices must be integers or slices, not float");
        assert!(v.contains(&f(9.0)).unwrap());
        assert_eq!(r(&v.len().map(Value::Int)), "4");
        assert!(v.truthy() && !Value::from_list(PyList::<Int>::new()).truthy());
    }

    #[test]
    fn protocol_errors() {
        let e = |x: PyResult<Value>| x.unwrap_err().to_string();
        assert_eq!(e(s("abc").getitem(&s("a"))), "TypeError: string indices must be integers, not 'str'");
        assert_eq!(e(Value::tuple(vec![i(1)]).getitem(&s("a"))), "TypeError: tuple indices must be integers or slices, not str");
        assert_eq!(e(Value::tuple(vec![i(1)]).getitem(&i(5))), "IndexError: tuple index out of range");
        assert_eq!(e(i(5).getitem(&i(0))), "TypeError: 'int' object is not subscriptable");
        assert_eq!(e(Value::None.getitem(&i(0))), "TypeError: 'NoneType' object is not subscriptable");
        assert_eq!(i(5).len().unwrap_err().to_string(), "TypeError: object of type 'int' has no len()");
        assert_eq!(i(5).iter().err().unwrap().to_string(), "TypeError: 'int' object is not iterable");
        assert_eq!(i(5).contains(&i(1)).unwrap_err().to_string(), "TypeError: argument of type 'int' is not iterable");
        assert_eq!(
            s("abc").contains(&i(1)).unwrap_err().to_string(),
            "TypeError: 'in <string>' requires string as left operand, not int"
        );
        assert!(s("abc").contains(&s("b")).unwrap());
        assert_eq!(r(&s("héllo").getitem(&b(true))), "'é'");
        let chars: Vec<String> = s("ab").iter().unwrap().map(|c| r(&c)).collect();
        assert_eq!(chars, ["'a'", "'b'"]);
    }

    #[test]
    fn boxing_roundtrips() {
        assert_eq!(Int::from_value(b(true)).unwrap(), Int::from(1));
        assert_eq!(f64::from_value(i(2)).unwrap(), 2.0);
        assert_eq!(Int::from_value(s("1")).unwrap_err().to_string(), "TypeError: expected int, got str");
        assert!(bool::from_value(i(1)).is_err());
        assert_eq!(<Option<Int>>::from_value(Value::None).unwrap(), None);
        assert_eq!(<Option<Int>>::from_value(i(3)).unwrap(), Some(Int::from(3)));
        let t = (Int::from(1), PyStr::from("a"), 2.5f64).into_value();
        assert_eq!(r(&Ok(t.clone())), "(1, 'a', 2.5)");
        let (x, y, z) = <(Int, PyStr, f64)>::from_value(t.clone()).unwrap();
        assert_eq!((x, y.as_str(), z), (Int::from(1), "a", 2.5));
        assert_eq!(<(Int, Int)>::from_value(t.clone()).unwrap_err().to_string(), "ValueError: too many values to unpack (expected 2)");
        assert_eq!(
            <(Int, Int, Int, Int)>::from_value(t).unwrap_err().to_string(),
            "ValueError: not enough values to unpack (expected 4, got 3)"
        );
        assert_eq!(r(&Ok((Int::from(1),).into_value())), "(1,)");
        assert_eq!(r(&Ok(EmptyTuple.into_value())), "()");
        assert_eq!(r(&Ok(().into_value())), "None");
        assert_eq!(r(&Ok(Some(PyStr::from("x")).into_value())), "'x'");
        assert_eq!(crate::object::py_str(&s("x")).unwrap(), "x");
        assert_eq!(crate::object::py_str(&Value::tuple(vec![s("x")])).unwrap(), "('x',)");
        assert_eq!(i(1).type_name(), "int");
        assert_eq!(Value::from_list(ilist(&[])).type_name(), "list");
    }
}
