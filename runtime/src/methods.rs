//! Method calls on dynamic `Value`s (`x.upper()` where `x` holds several types): dispatched
//! at run time on the value's type, with CPython's results and errors.

use std::rc::Rc;

use crate::err::{PyErr, PyResult};
use crate::int::Int;
use crate::list::PyList;
use crate::object::PyObject;
use crate::pystr::PyStr;
use crate::value::{FromValue, IntoValue, Value};

#[cold]
pub(crate) fn no_attribute(type_name: &str, name: &str) -> PyErr {
    PyErr::attribute_error(format!("'{type_name}' object has no attribute '{name}'"))
}

/// CPython's argument-count `TypeError`s for builtin methods.
pub(crate) fn check_args(ty: &str, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let msg = if max == 0 {
        format!("{ty}.{name}() takes no arguments ({n} given)")
    } else if min == 1 && max == 1 {
        format!("{ty}.{name}() takes exactly one argument ({n} given)")
    } else if n < min {
        let s = if min == 1 { "" } else { "s" };
        format!("{name} expected at least {min} argument{s}, got {n}")
    } else {
        let s = if max == 1 { "" } else { "s" };
        format!("{name} expected at most {max} argument{s}, got {n}")
    };
    Err(PyErr::type_error(msg))
}

fn want_str(v: &Value) -> PyResult<PyStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => Err(PyErr::type_error(format!("must be str, not {}", other.type_name()))),
    }
}

fn want_opt_str(v: Option<&Value>) -> PyResult<Option<PyStr>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(other) => Err(PyErr::type_error(format!("must be str or None, not {}", other.type_name()))),
    }
}

pub(crate) fn want_int(v: &Value) -> PyResult<Int> {
    match v.as_int() {
        Some(i) => Ok(i.into_owned()),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))),
    }
}

/// `s.name(*args)` for a `str`.
pub fn str_method(s: &PyStr, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let a = &args[..];
    let no_args = |r: PyStr| -> PyResult<Value> {
        check_args("str", name, a, 0, 0)?;
        Ok(Value::Str(r))
    };
    let pred = |r: bool| -> PyResult<Value> {
        check_args("str", name, a, 0, 0)?;
        Ok(Value::Bool(r))
    };
    match name {
        "upper" => no_args(s.upper()),
        "lower" => no_args(s.lower()),
        "swapcase" => no_args(s.swapcase()),
        "title" => no_args(s.title()),
        "capitalize" => no_args(s.capitalize()),
        "isdigit" => pred(s.isdigit()),
        "isdecimal" => pred(s.isdecimal()),
        "isnumeric" => pred(s.isnumeric()),
        "isalpha" => pred(s.isalpha()),
        "isalnum" => pred(s.isalnum()),
        "isspace" => pred(s.isspace()),
        "isupper" => pred(s.isupper()),
        "islower" => pred(s.islower()),
        "istitle" => pred(s.istitle()),
        "strip" | "lstrip" | "rstrip" => {
            check_args("str", name, a, 0, 1)?;
            let chars = match a.first() {
                None | Some(Value::None) => None,
                Some(Value::Str(c)) => Some(c.clone()),
                Some(_) => return Err(PyErr::type_error(format!("{name} arg must be None or str"))),
            };
            let r = match name {
                "strip" => s.strip(chars.as_ref()),
                "lstrip" => s.lstrip(chars.as_ref()),
                _ => s.rstrip(chars.as_ref()),
            };
            Ok(Value::Str(r))
        }
        "split" | "rsplit" => {
            check_args("str", name, a, 0, 2)?;
            let sep = want_opt_str(a.first())?;
            let max = match a.get(1) {
                Some(m) => want_int(m)?,
                None => Int::from(-1i64),
            };
            let r = if name == "split" { s.split_n(sep.as_ref(), &max)? } else { s.rsplit_n(sep.as_ref(), &max)? };
            Ok(r.into_value())
        }
        "join" => {
            check_args("str", name, a, 1, 1)?;
            let items = match a[0].iter() {
                Ok(it) => it.collect::<PyResult<Vec<Value>>>()?,
                Err(_) => return Err(PyErr::type_error("can only join an iterable")),
            };
            Ok(Value::Str(s.join_values(items)?))
        }
        "replace" => {
            check_args("str", name, a, 2, 3)?;
            let old = want_str(&a[0]).map_err(|_| arg_error("replace", 1, &a[0]))?;
            let new = want_str(&a[1]).map_err(|_| arg_error("replace", 2, &a[1]))?;
            match a.get(2) {
                Some(n) => Ok(Value::Str(s.replace_n(&old, &new, &want_int(n)?)?)),
                None => Ok(Value::Str(s.replace(&old, &new))),
            }
        }
        "startswith" | "endswith" => {
            check_args("str", name, a, 1, 1)?;
            let affixes: Vec<PyStr> = match &a[0] {
                Value::Str(p) => vec![p.clone()],
                Value::Tuple(t) if t.iter().all(|x| matches!(x, Value::Str(_))) => t.iter().map(want_str).collect::<PyResult<_>>()?,
                other => {
                    let which = if name == "startswith" { "startswith first arg" } else { "endswith first arg" };
                    return Err(PyErr::type_error(format!("{which} must be str or a tuple of str, not {}", other.type_name())));
                }
            };
            let hit = affixes.iter().any(|p| if name == "startswith" { s.startswith(p) } else { s.endswith(p) });
            Ok(Value::Bool(hit))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            check_args("str", name, a, 1, 1)?;
            let sub = want_str(&a[0])?;
            let r = match name {
                "find" => s.find(&sub),
                "rfind" => s.rfind(&sub),
                "index" => s.index(&sub)?,
                "rindex" => s.rindex(&sub)?,
                _ => s.count(&sub),
            };
            Ok(Value::Int(r))
        }
        "removeprefix" | "removesuffix" => {
            check_args("str", name, a, 1, 1)?;
            let x = want_str(&a[0])?;
            Ok(Value::Str(if name == "removeprefix" { s.removeprefix(&x) } else { s.removesuffix(&x) }))
        }
        "zfill" => {
            check_args("str", name, a, 1, 1)?;
            Ok(Value::Str(s.zfill(&want_int(&a[0])?)?))
        }
        "ljust" | "rjust" | "center" => {
            check_args("str", name, a, 1, 2)?;
            let w = want_int(&a[0])?;
            let fill = match a.get(1) {
                Some(f) => Some(want_str(f)?),
                None => None,
            };
            let r = match name {
                "ljust" => s.ljust(&w, fill.as_ref())?,
                "rjust" => s.rjust(&w, fill.as_ref())?,
                _ => s.center(&w, fill.as_ref())?,
            };
            Ok(Value::Str(r))
        }
        "format" => Ok(Value::Str(s.format_method(a, &[])?)),
        _ => Err(no_attribute("str", name)),
    }
}

#[cold]
fn arg_error(func: &str, i: usize, got: &Value) -> PyErr {
    PyErr::type_error(format!("{func}() argument {i} must be str, not {}", got.type_name()))
}

/// `list.name(*args)` for a list of any element type; arguments are unboxed to the element
/// type (a `TypeError` when this list cannot store them).
pub fn list_method<T>(list: PyList<T>, name: &str, args: Vec<Value>) -> PyResult<Value>
where
    T: PyObject + IntoValue + FromValue + Clone + 'static,
{
    let a = &args[..];
    let position = |x: &Value| -> Option<usize> {
        list.to_vec().into_iter().map(IntoValue::into_value).position(|v| v.is_same(x) || v.eq(x))
    };
    match name {
        "append" => {
            check_args("list", name, a, 1, 1)?;
            list.append(T::from_value(a[0].clone())?);
            Ok(Value::None)
        }
        "extend" => {
            check_args("list", name, a, 1, 1)?;
            let items = a[0].iter()?.collect::<PyResult<Vec<Value>>>()?;
            let items = items.into_iter().map(T::from_value).collect::<PyResult<Vec<T>>>()?;
            for x in items {
                list.append(x);
            }
            Ok(Value::None)
        }
        "insert" => {
            check_args("list", name, a, 2, 2)?;
            list.insert(&want_int(&a[0])?, T::from_value(a[1].clone())?)?;
            Ok(Value::None)
        }
        "pop" => {
            check_args("list", name, a, 0, 1)?;
            let x = match a.first() {
                Some(i) => list.pop_at(&want_int(i)?)?,
                None => list.pop()?,
            };
            Ok(x.into_value())
        }
        "remove" => {
            check_args("list", name, a, 1, 1)?;
            match position(&a[0]) {
                Some(i) => {
                    list.delitem(&Int::from(i))?;
                    Ok(Value::None)
                }
                None => Err(PyErr::value_error("list.remove(x): x not in list")),
            }
        }
        "index" => {
            check_args("list", name, a, 1, 1)?;
            match position(&a[0]) {
                Some(i) => Ok(Value::Int(Int::from(i))),
                None => Err(PyErr::value_error(format!("{} is not in list", crate::object::py_repr(&a[0])?.as_str()))),
            }
        }
        "count" => {
            check_args("list", name, a, 1, 1)?;
            let x = &a[0];
            let n = list.to_vec().into_iter().map(IntoValue::into_value).filter(|v| v.is_same(x) || v.eq(x)).count();
            Ok(Value::Int(Int::from(n)))
        }
        "reverse" => {
            check_args("list", name, a, 0, 0)?;
            list.reverse();
            Ok(Value::None)
        }
        "clear" => {
            check_args("list", name, a, 0, 0)?;
            list.clear();
            Ok(Value::None)
        }
        "copy" => {
            check_args("list", name, a, 0, 0)?;
            Ok(list.copy().into_value())
        }
        "sort" => {
            check_args("list", name, a, 0, 0)?;
            // Sorted as values (Python's comparisons, TypeError on mixed types), then stored back.
            let mut items: Vec<Value> = list.to_vec().into_iter().map(IntoValue::into_value).collect();
            let mut err = None;
            items.sort_by(|x, y| {
                if err.is_some() {
                    return std::cmp::Ordering::Equal;
                }
                match x.lt(y) {
                    Ok(true) => std::cmp::Ordering::Less,
                    Ok(false) => match y.lt(x) {
                        Ok(true) => std::cmp::Ordering::Greater,
                        Ok(false) => std::cmp::Ordering::Equal,
                        Err(e) => {
                            err = Some(e);
                            std::cmp::Ordering::Equal
                        }
                    },
                    Err(e) => {
                        err = Some(e);
                        std::cmp::Ordering::Equal
                    }
                }
            });
            if let Some(e) = err {
                return Err(e);
            }
            let items = items.into_iter().map(T::from_value).collect::<PyResult<Vec<T>>>()?;
            list.clear();
            for x in items {
                list.append(x);
            }
            Ok(Value::None)
        }
        _ => Err(no_attribute("list", name)),
    }
}

impl Value {
    /// `isinstance(self, name)` for the builtin classes `int`, `float`, `bool`, `str`, `list`,
    /// `tuple`, `dict`, `set` and `object`. Inlined: the class name is a literal at each call,
    /// so only the test for that class remains (always inlined: called, it would compare the
    /// names as strings).
    #[inline(always)]
    pub fn is_builtin_instance(&self, name: &str) -> bool {
        match (name, self) {
            ("object", _) => true,
            ("int", Value::Int(_) | Value::Bool(_)) => true,
            ("int", _) => false,
            ("bool" | "float" | "str" | "tuple", v) => v.type_name() == name,
            ("list" | "dict" | "set", Value::Obj(o)) => o.type_name() == name || o.builtin_base().is_some_and(|b| b.type_name() == name),
            _ => false,
        }
    }

    /// `next(v)` on a dynamic value: its `__next__`, or CPython's `TypeError` when it is not
    /// an iterator.
    pub fn next_value(&self) -> PyResult<Value> {
        if let Value::Obj(o) = self {
            if let Some(r) = Rc::clone(o).call_method("__next__", Vec::new()) {
                return r;
            }
        }
        Err(PyErr::type_error(format!("'{}' object is not an iterator", self.type_name())))
    }

    /// `next(v, default)` on a dynamic value.
    pub fn next_or(&self, default: Value) -> PyResult<Value> {
        match self.next_value() {
            Err(e) if e.is_instance(crate::err::Exc::StopIteration) => Ok(default),
            other => other,
        }
    }

    /// `self.name(*args)`, dispatched on the dynamic type.
    pub fn call_method(&self, name: &str, args: Vec<Value>) -> PyResult<Value> {
        match self {
            Value::Str(s) => str_method(s, name, args),
            Value::Obj(o) => match Rc::clone(o).call_method(name, args) {
                Some(r) => r,
                None => Err(no_attribute(o.type_name(), name)),
            },
            Value::Tuple(t) => match name {
                "count" | "index" => {
                    check_args("tuple", name, &args, 1, 1)?;
                    let x = &args[0];
                    let mut hits = t.iter().enumerate().filter(|(_, v)| v.is_same(x) || v.eq(x));
                    if name == "count" {
                        Ok(Value::Int(Int::from(hits.count())))
                    } else {
                        match hits.next() {
                            Some((i, _)) => Ok(Value::Int(Int::from(i))),
                            None => Err(PyErr::value_error("tuple.index(x): x not in tuple")),
                        }
                    }
                }
                _ => Err(no_attribute("tuple", name)),
            },
            _ => Err(no_attribute(self.type_name(), name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::py_repr;

    fn s(x: &str) -> Value {
        Value::Str(PyStr::from(x))
    }
    fn i(x: i64) -> Value {
        Value::Int(Int::from(x))
    }
    fn r(v: &Value) -> String {
        py_repr(v).unwrap().as_str().to_string()
    }
    fn err(r: PyResult<Value>) -> String {
        r.unwrap_err().to_string()
    }

    #[test]
    fn str_methods() {
        // 'a b  c'.split(None, 1) -> ['a', 'b  c']
        assert_eq!(r(&s("a b  c").call_method("split", vec![Value::None, i(1)]).unwrap()), "['a', 'b  c']");
        assert_eq!(r(&s("xxhixx").call_method("strip", vec![s("x")]).unwrap()), "'hi'");
        assert_eq!(r(&s("a,b").call_method("replace", vec![s(","), s(";")]).unwrap()), "'a;b'");
        assert_eq!(r(&s("-").call_method("join", vec![Value::tuple(vec![s("a"), s("b")])]).unwrap()), "'a-b'");
        assert_eq!(r(&s("abc").call_method("startswith", vec![Value::tuple(vec![s("x"), s("ab")])]).unwrap()), "True");
        assert_eq!(err(s("a").call_method("replace", vec![s("a")])), "TypeError: replace expected at least 2 arguments, got 1");
        assert_eq!(err(s("a").call_method("strip", vec![i(1), i(2)])), "TypeError: strip expected at most 1 argument, got 2");
        assert_eq!(err(s("a").call_method("join", vec![Value::tuple(vec![i(1)])])), "TypeError: sequence item 0: expected str instance, int found");
        assert_eq!(err(s("a").call_method("append", vec![])), "AttributeError: 'str' object has no attribute 'append'");
        assert_eq!(err(i(1).call_method("upper", vec![])), "AttributeError: 'int' object has no attribute 'upper'");
    }

    #[test]
    fn list_methods_on_any_element_type() {
        let ints: PyList<Int> = vec![Int::from(3), Int::from(1)].into();
        let v = ints.clone().into_value();
        v.call_method("append", vec![i(2)]).unwrap();
        v.call_method("sort", vec![]).unwrap();
        assert_eq!(r(&v), "[1, 2, 3]");
        assert_eq!(r(&v.call_method("pop", vec![i(0)]).unwrap()), "1");
        assert_eq!(r(&v.call_method("index", vec![i(3)]).unwrap()), "1");
        // A list of ints cannot store a str here: a TypeError, not a wrong value.
        assert!(v.call_method("append", vec![s("x")]).is_err());
        assert_eq!(err(v.call_method("append", vec![])), "TypeError: list.append() takes exactly one argument (0 given)");
        assert_eq!(err(v.call_method("upper", vec![])), "AttributeError: 'list' object has no attribute 'upper'");
        assert_eq!(r(&ints.clone().into_value()), "[2, 3]");

        let vals: PyList<Value> = vec![i(1), s("a")].into();
        let v = vals.into_value();
        assert_eq!(err(v.call_method("sort", vec![])), "TypeError: '<' not supported between instances of 'str' and 'int'");
        v.call_method("remove", vec![i(1)]).unwrap();
        assert_eq!(err(v.call_method("remove", vec![i(1)])), "ValueError: list.remove(x): x not in list");
        v.call_method("extend", vec![s("bc")]).unwrap();
        assert_eq!(r(&v), "['a', 'b', 'c']");
    }

    #[test]
    fn dict_and_set_methods() {
        use crate::dict::PyDict;
        use crate::set::PySet;
        let d: PyDict<PyStr, Int> = PyDict::new();
        d.setitem(PyStr::from("a"), Int::from(1)).unwrap();
        let v = d.into_value();
        // d.get(3, 'x') -> 'x' (a key of another type is missing); d.pop('a') -> 1
        assert_eq!(r(&v.call_method("get", vec![i(3), s("x")]).unwrap()), "'x'");
        assert_eq!(r(&v.call_method("setdefault", vec![s("b"), i(2)]).unwrap()), "2");
        assert_eq!(r(&v.call_method("pop", vec![s("a")]).unwrap()), "1");
        assert_eq!(err(v.call_method("pop", vec![s("a")])), "KeyError: 'a'");
        assert_eq!(r(&v), "{'b': 2}");
        let st: PySet<Int> = PySet::new();
        let v = st.into_value();
        v.call_method("add", vec![i(5)]).unwrap();
        v.call_method("discard", vec![s("x")]).unwrap();
        assert_eq!(err(v.call_method("remove", vec![i(7)])), "KeyError: 7");
        assert_eq!(r(&v.call_method("pop", vec![]).unwrap()), "5");
        assert_eq!(err(v.call_method("pop", vec![])), "KeyError: 'pop from an empty set'");
    }

    #[test]
    fn builtin_isinstance() {
        assert!(Value::Bool(true).is_builtin_instance("int"));
        assert!(!i(1).is_builtin_instance("bool"));
        let l: PyList<Int> = PyList::new();
        assert!(l.into_value().is_builtin_instance("list"));
        assert!(!s("x").is_builtin_instance("list"));
    }
}
