//! `functools`: `reduce`, `partial`, `lru_cache`/`cache`, `wraps`, over function values.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::dict::PyDict;
use crate::err::{PyErr, PyResult};
use crate::func::call_value;
use crate::int::Int;
use crate::object::PyObject;
use crate::value::{Object, Value};

/// `reduce(function, iterable[, initial])`.
pub fn functools_reduce(args: &[Value]) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 3 {
        return Err(PyErr::type_error(format!("reduce expected at least 2 arguments, got {}", args.len())));
    }
    let (f, initial) = (args[0].clone(), args.get(2).cloned());
    let mut it = args[1].iter().map_err(|_| PyErr::type_error("reduce() arg 2 must support iteration"))?;
    let mut acc = match initial {
        Some(v) => v,
        None => match it.next() {
            Some(v) => v?,
            None => return Err(PyErr::type_error("reduce() of empty iterable with no initial value")),
        },
    };
    for x in it {
        acc = call_value(&f, vec![acc, x?])?;
    }
    Ok(acc)
}

/// `functools.partial(func, *args)`.
pub struct Partial {
    func: Value,
    args: Vec<Value>,
}

/// `partial(func, *args)` (`args[0]` is the function).
pub fn functools_partial(args: &[Value]) -> PyResult<Value> {
    let Some(func) = args.first() else {
        return Err(PyErr::type_error("type 'partial' takes at least one argument"));
    };
    if !matches!(func, Value::Obj(_)) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    // partial(partial(f, a), b) flattens to partial(f, a, b).
    if let Some(p) = func.downcast_ref::<Partial>() {
        let mut all = p.args.clone();
        all.extend_from_slice(&args[1..]);
        return Ok(Value::Obj(Rc::new(Partial { func: p.func.clone(), args: all })));
    }
    Ok(Value::Obj(Rc::new(Partial { func: func.clone(), args: args[1..].to_vec() })))
}

impl PyObject for Partial {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str("functools.partial(");
        self.func.write_repr(out)?;
        for a in &self.args {
            out.push_str(", ");
            a.write_repr(out)?;
        }
        out.push(')');
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "functools.partial"
    }
}

impl Object for Partial {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        let mut all = self.args.clone();
        all.extend(args);
        Some(call_value(&self.func, all))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "func" => Some(Ok(self.func.clone())),
            "args" => Some(Ok(Value::tuple(self.args.clone()))),
            _ => None,
        }
    }
}

/// A function wrapped by `@lru_cache(maxsize)` / `@cache`: results by the arguments' tuple,
/// least recently used first.
pub struct LruCache {
    func: Value,
    maxsize: Option<usize>,
    cache: PyDict<Value, Value>,
    hits: Cell<u64>,
    misses: Cell<u64>,
    /// `__wrapped__` etc. are not kept; `__name__` is the function's.
    name: RefCell<Option<Value>>,
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o.type_name() == "function" || o.as_any().is::<crate::func::PyFunc>() || o.as_any().is::<Partial>() || o.as_any().is::<LruCache>() || o.as_any().is::<Wrapped>(),
        _ => false,
    }
}

/// `lru_cache` as a value: `@lru_cache` (maxsize 128).
pub fn functools_lru_cache_value() -> Value {
    crate::func::func_value("lru_cache", |args| functools_lru_cache_call(&args))
}

/// `cache` as a value: `@cache` (unbounded).
pub fn functools_cache_value() -> Value {
    crate::func::func_value("cache", |args| functools_cache(&args))
}

/// `cache(f)`.
pub fn functools_cache(args: &[Value]) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(PyErr::type_error(format!("cache() takes 1 positional argument but {} were given", args.len())));
    }
    functools_lru_cache(args[0].clone(), Value::None)
}

/// `lru_cache(f)` (wrapped with maxsize 128) or `lru_cache(maxsize)` (a decorator).
pub fn functools_lru_cache_call(args: &[Value]) -> PyResult<Value> {
    let first = args.first().cloned().unwrap_or(Value::Int(Int::from(128i64)));
    if is_callable(&first) {
        return functools_lru_cache(first, Value::Int(Int::from(128i64)));
    }
    if !matches!(first, Value::None) && first.as_int().is_none() {
        return Err(PyErr::type_error("Expected first argument to be an integer, a callable, or None"));
    }
    Ok(crate::func::func_value("decorating_function", move |args| {
        if args.len() != 1 {
            return Err(PyErr::type_error(format!("decorating_function() takes 1 positional argument but {} were given", args.len())));
        }
        functools_lru_cache(args[0].clone(), first.clone())
    }))
}

/// `wraps(wrapped)`: a decorator.
pub fn functools_wraps_decorator(args: &[Value]) -> PyResult<Value> {
    let wrapped = args.first().cloned().unwrap_or(Value::None);
    Ok(crate::func::func_value("update_wrapper", move |args| {
        if args.len() != 1 {
            return Err(PyErr::type_error(format!("update_wrapper() takes 1 positional argument but {} were given", args.len())));
        }
        functools_wraps(wrapped.clone(), args[0].clone())
    }))
}

/// `lru_cache(maxsize)(func)`: `maxsize` `None` is unbounded; a negative size counts as 0.
pub fn functools_lru_cache(func: Value, maxsize: Value) -> PyResult<Value> {
    let maxsize = match &maxsize {
        Value::None => None,
        v => match v.as_int() {
            Some(i) => Some(i.to_i64().unwrap_or(i64::MAX).max(0) as usize),
            None => return Err(PyErr::type_error("Expected first argument to be an integer, a callable, or None")),
        },
    };
    Ok(Value::Obj(Rc::new(LruCache { func, maxsize, cache: PyDict::new(), hits: Cell::new(0), misses: Cell::new(0), name: RefCell::new(None) })))
}

impl LruCache {
    fn call_cached(&self, args: Vec<Value>) -> PyResult<Value> {
        if self.maxsize == Some(0) {
            self.misses.set(self.misses.get() + 1);
            return call_value(&self.func, args);
        }
        let key = Value::tuple(args.clone());
        if let Some(v) = self.cache.get(&key)? {
            self.hits.set(self.hits.get() + 1);
            if self.maxsize.is_some() {
                // Most recently used moves to the end.
                self.cache.delitem(&key)?;
                self.cache.setitem(key, v.clone())?;
            }
            return Ok(v);
        }
        self.misses.set(self.misses.get() + 1);
        let v = call_value(&self.func, args)?;
        // A recursive call may have cached the key meanwhile: CPython keeps that entry.
        if self.cache.contains(&key)? {
            return Ok(v);
        }
        if let Some(m) = self.maxsize {
            if self.cache.len_usize() >= m {
                if let Some(oldest) = self.cache.keys_vec().into_iter().next() {
                    self.cache.delitem(&oldest)?;
                }
            }
        }
        self.cache.setitem(key, v.clone())?;
        Ok(v)
    }
}

impl PyObject for LruCache {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        self.func.write_repr(out)
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "functools._lru_cache_wrapper"
    }
}

impl Object for LruCache {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(self.call_cached(args))
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        match name {
            "cache_info" if args.is_empty() => {
                let maxsize = match self.maxsize {
                    Some(m) => m.to_string(),
                    None => "None".to_string(),
                };
                let text = format!(
                    "CacheInfo(hits={}, misses={}, maxsize={}, currsize={})",
                    self.hits.get(),
                    self.misses.get(),
                    maxsize,
                    self.cache.len_usize()
                );
                Some(Ok(Value::Obj(Rc::new(CacheInfo { text, fields: [self.hits.get(), self.misses.get(), self.cache.len_usize() as u64], maxsize: self.maxsize }))))
            }
            "cache_clear" if args.is_empty() => {
                self.cache.clear();
                self.hits.set(0);
                self.misses.set(0);
                Some(Ok(Value::None))
            }
            _ => None,
        }
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__wrapped__" => Some(Ok(self.func.clone())),
            _ => match &*self.name.borrow() {
                Some(n) if name == "__name__" => Some(Ok(n.clone())),
                _ => crate::func::getattr_value(&self.func, name).ok().map(Ok),
            },
        }
    }
}

/// `cache_info()`'s named tuple.
struct CacheInfo {
    text: String,
    /// hits, misses, currsize.
    fields: [u64; 3],
    maxsize: Option<usize>,
}

impl PyObject for CacheInfo {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&self.text);
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "CacheInfo"
    }
}

impl Object for CacheInfo {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        let int = |n: u64| Some(Ok(Value::Int(Int::from(n as i64))));
        match name {
            "hits" => int(self.fields[0]),
            "misses" => int(self.fields[1]),
            "currsize" => int(self.fields[2]),
            "maxsize" => Some(Ok(match self.maxsize {
                Some(m) => Value::Int(Int::from(m)),
                None => Value::None,
            })),
            _ => None,
        }
    }
}

/// `wraps(wrapped)(wrapper)`: the wrapper, reporting the wrapped function's `__name__`.
pub fn functools_wraps(wrapped: Value, wrapper: Value) -> PyResult<Value> {
    let name = crate::func::getattr_value(&wrapped, "__name__")?;
    Ok(Value::Obj(Rc::new(Wrapped { func: wrapper, name, wrapped })))
}

struct Wrapped {
    func: Value,
    name: Value,
    wrapped: Value,
}

impl PyObject for Wrapped {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let addr = Rc::as_ptr(match &self.func {
            Value::Obj(o) => o,
            _ => return self.func.write_repr(out),
        }) as *const () as usize;
        out.push_str("<function ");
        self.name.write_str(out)?;
        out.push_str(&format!(" at {addr:#x}>"));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "function"
    }
}

impl Object for Wrapped {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(call_value(&self.func, args))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "__name__" | "__qualname__" => Some(Ok(self.name.clone())),
            "__wrapped__" => Some(Ok(self.wrapped.clone())),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(n: i64) -> Value {
        Value::Int(Int::from(n))
    }

    #[test]
    fn reduce_folds_with_and_without_initial() {
        let add = crate::func::func_value("add", |a| a[0].add(&a[1]));
        let xs = Value::tuple(vec![int(1), int(2), int(3)]);
        assert!(functools_reduce(&[add.clone(), xs.clone()]).unwrap().eq(&int(6)));
        assert!(functools_reduce(&[add.clone(), xs, int(10)]).unwrap().eq(&int(16)));
        let err = functools_reduce(&[add, Value::tuple(vec![])]).unwrap_err();
        assert_eq!(err.message(), "reduce() of empty iterable with no initial value");
    }

    #[test]
    fn lru_cache_counts_hits_and_evicts_the_oldest() {
        let calls = Rc::new(Cell::new(0));
        let c = Rc::clone(&calls);
        let f = crate::func::func_value("f", move |a| {
            c.set(c.get() + 1);
            Ok(a[0].clone())
        });
        let cached = functools_lru_cache(f, int(1)).unwrap();
        for n in [1, 1, 2, 1] {
            call_value(&cached, vec![int(n)]).unwrap();
        }
        assert_eq!(calls.get(), 3);
        let info = cached.call_method("cache_info", vec![]).unwrap();
        assert_eq!(crate::object::py_repr(&info).unwrap().as_str(), "CacheInfo(hits=1, misses=3, maxsize=1, currsize=1)");
    }
}
