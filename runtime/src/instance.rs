//! Instances of user classes.
//!
//! Every class hierarchy of a program becomes one Rust type `Instance<D>`, where `D` is the
//! generated struct of the hierarchy's attributes (each an `Option`, unset until assigned) and
//! the instance's class is a tag (`ClassData::class_name` maps it back to the Python name).
//! Instances are shared by reference, as Python objects are.

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::methods::no_attribute;
use crate::hash::PyHash;
use crate::object::{cmp_type_error, CmpOp, PyEq, PyObject, PyOrd};
use crate::pystr::PyStr;
use crate::value::{FromValue, IntoValue, Object, Value};
use std::any::Any;
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

/// What the generated code tells the runtime about a class hierarchy.
pub trait ClassData: Default + 'static {
    /// The Python name of the class with this tag.
    fn class_name(tag: u32) -> &'static str;
    /// `str(obj)` when a class of the hierarchy defines `__str__`/`__repr__`.
    fn dunder_str(_obj: &Instance<Self>) -> Option<PyResult<PyStr>> {
        None
    }
    /// `repr(obj)` when a class defines `__repr__`.
    fn dunder_repr(_obj: &Instance<Self>) -> Option<PyResult<PyStr>> {
        None
    }
    /// `bool(obj)` when a class defines `__bool__` or `__len__`.
    fn dunder_bool(_obj: &Instance<Self>) -> Option<PyResult<bool>> {
        None
    }
    /// `a == b` when a class defines `__eq__`.
    fn dunder_eq(_a: &Instance<Self>, _b: &Instance<Self>) -> Option<PyResult<bool>> {
        None
    }
    /// `obj.name(*args)` on an instance held in a dynamic value: `None` when no class of the
    /// hierarchy has the method.
    fn call_method(_obj: &Instance<Self>, _name: &str, _args: Vec<Value>) -> Option<PyResult<Value>> {
        None
    }
    /// `hash(obj)`: `None` when no class of the MRO defines `__hash__` or `__eq__` (hashing
    /// by identity); an error for a class whose `__hash__` is `None` (it defines `__eq__`).
    fn dunder_hash(_obj: &Instance<Self>) -> Option<PyResult<i64>> {
        None
    }
    /// `a <op> b` through `a`'s `__lt__`/`__le__`/`__gt__`/`__ge__`; `None` when `a`'s class
    /// does not define that method.
    fn dunder_cmp(_a: &Instance<Self>, _b: &Instance<Self>, _op: CmpOp) -> Option<PyResult<bool>> {
        None
    }
    /// For a `list`/`dict` subclass: the builtin value the instance holds.
    fn base_value(_obj: &Instance<Self>) -> Option<Value> {
        None
    }
    /// `obj.name` for an instance held in a dynamic value; `None`: `AttributeError`.
    fn get_attr(_obj: &Instance<Self>, _name: &str) -> Option<PyResult<Value>> {
        None
    }
}

pub struct InstanceObj<D> {
    class: u32,
    data: RefCell<D>,
}

/// A reference to an instance of a class of hierarchy `D`.
pub struct Instance<D>(Rc<InstanceObj<D>>);

impl<D> Clone for Instance<D> {
    fn clone(&self) -> Self {
        Instance(Rc::clone(&self.0))
    }
}

impl<D: ClassData> Instance<D> {
    /// A new instance of class `tag` with no attributes set (`__init__` sets them).
    pub fn new(tag: u32) -> Instance<D> {
        Instance(Rc::new(InstanceObj { class: tag, data: RefCell::new(D::default()) }))
    }

    /// A new instance of class `tag` kept in place (see [`LocalInstance`]).
    #[inline]
    pub fn new_local(tag: u32) -> LocalInstance<D> {
        LocalInstance::new(tag)
    }

    /// The class tag of the instance of this hierarchy `v` holds (`u32::MAX` when it holds
    /// something else): `isinstance(v, C)` for a dynamic value.
    pub fn value_class(v: &Value) -> u32 {
        match v {
            Value::Obj(o) => o.as_any().downcast_ref::<Instance<D>>().map_or(u32::MAX, |i| i.class()),
            _ => u32::MAX,
        }
    }

    /// The class tag.
    #[inline]
    pub fn class(&self) -> u32 {
        self.0.class
    }

    pub fn class_name(&self) -> &'static str {
        D::class_name(self.0.class)
    }

    #[inline]
    pub fn data(&self) -> Ref<'_, D> {
        self.0.data.borrow()
    }

    #[inline]
    pub fn data_mut(&self) -> RefMut<'_, D> {
        self.0.data.borrow_mut()
    }

    /// `a is b`.
    pub fn is(&self, other: &Instance<D>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The `AttributeError` for reading an attribute the instance does not have.
    #[cold]
    pub fn no_attribute(&self, name: &str) -> PyErr {
        no_attribute(self.class_name(), name)
    }

    /// A set attribute's value, or `AttributeError`.
    #[inline]
    pub fn attr<T: Clone>(&self, slot: &Option<T>, name: &str) -> PyResult<T> {
        match slot {
            Some(v) => Ok(v.clone()),
            None => Err(self.no_attribute(name)),
        }
    }

    /// Reads an attribute (`obj.x`): `field` picks it out of the data; `AttributeError` when
    /// unset. The data is borrowed only inside this call, so no borrow outlives it.
    #[inline]
    pub fn get<T: Clone>(&self, field: impl FnOnce(&D) -> &Option<T>, name: &str) -> PyResult<T> {
        let data = self.0.data.borrow();
        match field(&data) {
            Some(v) => Ok(v.clone()),
            None => Err(self.no_attribute(name)),
        }
    }

    /// The instance a dynamic value holds, if it is one of this hierarchy (`isinstance`).
    pub fn from_dyn(v: &Value) -> Option<Instance<D>> {
        match v {
            Value::Obj(o) => o.as_any().downcast_ref::<Instance<D>>().cloned(),
            _ => None,
        }
    }

    /// Assigns an attribute (`obj.x = value`).
    #[inline]
    pub fn set<T>(&self, field: impl FnOnce(&mut D) -> &mut Option<T>, value: T) {
        let mut data = self.0.data.borrow_mut();
        let old = std::mem::replace(field(&mut data), Some(value));
        // The old value is dropped after the borrow ends: dropping it may run Python code (a
        // suspended generator's `finally`) that reads this object.
        drop(data);
        drop(old);
    }

    /// `a == b` for instances: `__eq__` if defined, else identity.
    pub fn py_eq(&self, other: &Instance<D>) -> PyResult<bool> {
        match D::dunder_eq(self, other) {
            Some(r) => r,
            None => Ok(self.is(other)),
        }
    }

    /// `hash(obj)`: `__hash__` if defined, `TypeError` when the class sets it to `None` by
    /// defining `__eq__`, else the identity hash (CPython's `_Py_HashPointer`).
    pub fn hash(&self) -> PyResult<i64> {
        match D::dunder_hash(self) {
            Some(r) => r,
            None => {
                let p = Rc::as_ptr(&self.0) as usize;
                let h = p.rotate_right(4) as i64;
                Ok(if h == -1 { -2 } else { h })
            }
        }
    }

    /// `a <op> b`: `a`'s method, else the reflected method of `b` (`a < b` is `b > a`), else
    /// CPython's `TypeError`.
    pub fn compare(&self, other: &Instance<D>, op: CmpOp) -> PyResult<bool> {
        if let Some(r) = D::dunder_cmp(self, other, op) {
            return r;
        }
        let swapped = match op {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        };
        if let Some(r) = D::dunder_cmp(other, self, swapped) {
            return r;
        }
        Err(cmp_type_error(op, self.class_name(), other.class_name()))
    }

    fn default_repr(&self) -> String {
        format!("<__main__.{} object at {:#x}>", self.class_name(), Rc::as_ptr(&self.0) as usize)
    }
}

/// An instance that nothing but the expression making it can see: an iterator object made and
/// consumed on the spot (`sum(Countdown(n))`, whose `__iter__` returns `self` and whose methods
/// only read and write `self`'s attributes). Its attributes live in place, not behind a shared
/// `Rc<RefCell>`; the methods' `_local` versions take it by `&mut` with the same `get`/`set`.
pub struct LocalInstance<D> {
    class: u32,
    data: D,
}

impl<D: ClassData> LocalInstance<D> {
    /// A new instance of class `tag` with no attributes set (`__init__` sets them).
    #[inline]
    pub fn new(tag: u32) -> LocalInstance<D> {
        LocalInstance { class: tag, data: D::default() }
    }

    /// Reads an attribute; `AttributeError` when unset (as [`Instance::get`]).
    #[inline]
    pub fn get<T: Clone>(&self, field: impl FnOnce(&D) -> &Option<T>, name: &str) -> PyResult<T> {
        match field(&self.data) {
            Some(v) => Ok(v.clone()),
            None => Err(no_attribute(D::class_name(self.class), name)),
        }
    }

    /// Assigns an attribute.
    #[inline]
    pub fn set<T>(&mut self, field: impl FnOnce(&mut D) -> &mut Option<T>, value: T) {
        *field(&mut self.data) = Some(value);
    }
}

impl<D: ClassData> PyObject for Instance<D> {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        match D::dunder_repr(self) {
            Some(r) => out.push_str(r?.as_str()),
            None => out.push_str(&self.default_repr()),
        }
        Ok(())
    }

    fn write_str(&self, out: &mut String) -> PyResult<()> {
        match D::dunder_str(self) {
            Some(r) => {
                out.push_str(r?.as_str());
                Ok(())
            }
            None => self.write_repr(out),
        }
    }

    fn truthy(&self) -> bool {
        // A `__bool__`/`__len__` that raises cannot report it through `truthy`; the generated
        // code calls those methods itself where it can (conditions), so this is the fallback.
        !matches!(D::dunder_bool(self), Some(Ok(false)))
    }

    fn type_name(&self) -> &'static str {
        self.class_name()
    }
}

impl<D: ClassData> Object for Instance<D> {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }

    fn eq_obj(&self, other: &dyn Object) -> bool {
        match other.as_any().downcast_ref::<Instance<D>>() {
            Some(o) => self.py_eq(o).unwrap_or(false),
            None => match D::base_value(self) {
                // A `list`/`dict` subclass against a builtin value.
                Some(Value::Obj(b)) => b.eq_obj(other),
                _ => false,
            },
        }
    }

    fn len(&self) -> PyResult<Int> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.len(),
            _ => match D::call_method(self, "__len__", Vec::new()) {
                Some(n) => Int::from_value(n?),
                None => Err(PyErr::type_error(format!("object of type '{}' has no len()", self.class_name()))),
            },
        }
    }

    fn builtin_base(&self) -> Option<Value> {
        D::base_value(self)
    }

    fn getitem(&self, index: &Value) -> PyResult<Value> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.getitem(index),
            _ => match D::call_method(self, "__getitem__", vec![index.clone()]) {
                Some(r) => r,
                None => Err(PyErr::type_error(format!("'{}' object is not subscriptable", self.class_name()))),
            },
        }
    }

    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.setitem(index, v),
            _ => Err(PyErr::type_error(format!("'{}' object does not support item assignment", self.class_name()))),
        }
    }

    fn iter(self: Rc<Self>) -> PyResult<crate::value::ValueIter> {
        match D::base_value(&self) {
            Some(Value::Obj(b)) => b.iter(),
            _ => match D::call_method(&self, "__iter__", Vec::new()) {
                Some(it) => iterate_dunder_result(&self, it?),
                None => Err(PyErr::type_error(format!("'{}' object is not iterable", self.class_name()))),
            },
        }
    }

    fn contains(&self, x: &Value) -> PyResult<bool> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.contains(x),
            _ => {
                if let Some(r) = D::call_method(self, "__contains__", vec![x.clone()]) {
                    return Ok(r?.truthy());
                }
                // Else through `__iter__`, as CPython falls back to iterating.
                match D::call_method(self, "__iter__", Vec::new()) {
                    Some(it) => {
                        for item in iterate_dunder_result(self, it?)? {
                            let item = item?;
                            if item.is_same(x) || item.eq(x) {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                    None => Err(PyErr::type_error(format!("argument of type '{}' is not iterable", self.class_name()))),
                }
            }
        }
    }

    fn seq_len(&self) -> Option<usize> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.seq_len(),
            _ => None,
        }
    }

    fn seq_item(&self, i: usize) -> Option<Value> {
        match D::base_value(self) {
            Some(Value::Obj(b)) => b.seq_item(i),
            _ => None,
        }
    }

    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        // The class's own methods first, then the builtin base's.
        if let Some(r) = D::call_method(&self, name, args.clone()) {
            return Some(r);
        }
        match D::base_value(&self) {
            // The builtin's methods (an unknown name is the instance's `AttributeError`).
            Some(Value::Obj(b)) => match b.call_method(name, args) {
                Some(Err(e)) if e.is_instance(crate::err::Exc::AttributeError) => None,
                r => r,
            },
            _ => None,
        }
    }

    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        D::get_attr(self, name)
    }

    fn hash_obj(&self) -> PyResult<i64> {
        self.hash()
    }

    fn cmp_obj(&self, other: &dyn Object, op: CmpOp) -> Option<PyResult<bool>> {
        let o = other.as_any().downcast_ref::<Instance<D>>()?;
        Some(self.compare(o, op))
    }
}

/// The items of what `__iter__` returned for instance `me`: the instance itself (an iterator
/// object) is asked for `__next__` until it raises `StopIteration`; anything else (a
/// generator, a list iterator, another object) is iterated as it is.
fn iterate_dunder_result<D: ClassData>(me: &Instance<D>, it: Value) -> PyResult<crate::value::ValueIter> {
    let itself = matches!(&it, Value::Obj(o) if o.as_any().downcast_ref::<Instance<D>>().is_some_and(|i| i.is(me)));
    if !itself {
        return it.iter();
    }
    let me = me.clone();
    let mut done = false;
    Ok(crate::value::ValueIter::new(std::iter::from_fn(move || {
        if done {
            return None;
        }
        match D::call_method(&me, "__next__", Vec::new()) {
            Some(Ok(v)) => Some(Ok(v)),
            Some(Err(e)) if e.is_instance(crate::err::Exc::StopIteration) => {
                done = true;
                None
            }
            Some(Err(e)) => Some(Err(e)),
            None => {
                done = true;
                Some(Err(PyErr::type_error(format!("iter() returned non-iterator of type '{}'", me.class_name()))))
            }
        }
    })))
}

/// `hash(obj)` and instances as set elements and dict keys.
impl<D: ClassData> PyHash for Instance<D> {
    fn py_hash(&self) -> PyResult<i64> {
        self.hash()
    }
}

/// `<`, `<=`, `>`, `>=` (`sorted`, `max`, `min`): the rich comparison methods.
impl<D: ClassData> PyOrd for Instance<D> {
    fn py_cmp(&self, other: &Self, op: CmpOp) -> PyResult<bool> {
        self.compare(other, op)
    }
}

/// Equality in containers (`in`, `list.index`): `__eq__` if defined, else identity. An
/// exception raised by `__eq__` counts as unequal here.
impl<D: ClassData> PyEq for Instance<D> {
    fn py_eq(&self, other: &Self) -> bool {
        Instance::py_eq(self, other).unwrap_or(false)
    }
}

impl<D: ClassData> IntoValue for Instance<D> {
    fn into_value(self) -> Value {
        Value::Obj(Rc::new(self))
    }
}

impl<D: ClassData> FromValue for Instance<D> {
    fn from_value(v: Value) -> PyResult<Self> {
        match v {
            Value::Obj(o) => {
                let name = o.type_name();
                match o.into_any_rc().downcast::<Instance<D>>() {
                    Ok(rc) => Ok((*rc).clone()),
                    Err(_) => Err(PyErr::type_error(format!("expected an instance of {}, got {name}", D::class_name(0)))),
                }
            }
            other => Err(PyErr::type_error(format!("expected an instance of {}, got {}", D::class_name(0), other.type_name()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct PointData {
        x: Option<Int>,
    }

    impl ClassData for PointData {
        fn class_name(tag: u32) -> &'static str {
            ["Point", "Point3"][tag as usize]
        }
    }

    #[test]
    fn attributes_are_unset_until_assigned_and_shared_by_reference() {
        let p: Instance<PointData> = Instance::new(1);
        let err = p.attr(&p.data().x, "x").unwrap_err();
        assert_eq!(err.message(), "'Point3' object has no attribute 'x'");
        let q = p.clone();
        q.data_mut().x = Some(Int::from(3));
        assert_eq!(p.attr(&p.data().x, "x").unwrap(), Int::from(3));
        assert!(p.is(&q));
        let v = p.clone().into_value();
        let back = Instance::<PointData>::from_value(v).unwrap();
        assert!(back.is(&p));
        assert!(crate::object::py_repr(&p).unwrap().as_str().starts_with("<__main__.Point3 object at 0x"));
    }
}
