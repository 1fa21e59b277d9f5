//! `collections`: `deque`, `defaultdict`, `Counter`, `namedtuple`, as objects held in a
//! `Value` (their items are values), with CPython 3.11's reprs, methods and errors.

use std::any::Any;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::dict::PyDict;
use crate::err::{PyErr, PyResult};
use crate::func::call_value;
use crate::int::Int;
use crate::object::PyObject;
use crate::value::{IntoValue, Object, ObjBinOp, Value, ValueIter};

fn check_args(what: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{what}() takes no arguments ({n} given)"),
                1 => format!("{what}() takes exactly one argument ({n} given)"),
                _ => format!("{what} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!("{what} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{what} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(())
}

/// A sequence index (negative counts from the end) or `IndexError(msg)`.
fn seq_index(index: &Value, len: usize, msg: &str, what: &str) -> PyResult<usize> {
    let Some(i) = index.as_int() else {
        return Err(PyErr::type_error(format!("sequence index must be integer, not '{}'", index.type_name())).with_note_type(what));
    };
    let Some(i) = i.to_i64() else { return Err(PyErr::index_error(msg.to_string())) };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(PyErr::index_error(msg.to_string()));
    }
    Ok(j as usize)
}

trait NoteType {
    fn with_note_type(self, what: &str) -> PyErr;
}

impl NoteType for PyErr {
    fn with_note_type(self, _what: &str) -> PyErr {
        self
    }
}

fn write_items<'a>(out: &mut String, items: impl Iterator<Item = &'a Value>) -> PyResult<()> {
    for (i, v) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        v.write_repr(out)?;
    }
    Ok(())
}

fn int_arg(v: &Value, what: &str) -> PyResult<i64> {
    match v.as_int() {
        Some(i) => i.to_i64().ok_or_else(|| PyErr::overflow("Python int too large to convert to C ssize_t")),
        None => Err(PyErr::type_error(format!("'{}' object cannot be interpreted as an integer{what}", v.type_name()))),
    }
}

// ----- deque -----------------------------------------------------------------------------

/// `collections.deque`.
pub struct DequeObj {
    items: RefCell<VecDeque<Value>>,
    maxlen: Option<usize>,
}

impl DequeObj {
    fn push_back(&self, v: Value) {
        let mut d = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        d.push_back(v);
        if let Some(m) = self.maxlen {
            while d.len() > m {
                d.pop_front();
            }
        }
    }

    fn push_front(&self, v: Value) {
        let mut d = self.items.borrow_mut();
        if self.maxlen == Some(0) {
            return;
        }
        d.push_front(v);
        if let Some(m) = self.maxlen {
            while d.len() > m {
                d.pop_back();
            }
        }
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }
}

/// `deque(iterable=(), maxlen=None)`.
pub fn collections_deque(args: &[Value]) -> PyResult<Value> {
    if args.len() > 2 {
        return Err(PyErr::type_error(format!("deque() takes at most 2 arguments ({} given)", args.len())));
    }
    let iterable = args.first().cloned().unwrap_or(Value::None);
    let maxlen = args.get(1).cloned().unwrap_or(Value::None);
    let maxlen = match &maxlen {
        Value::None => None,
        v => {
            let n = int_arg(v, "")?;
            if n < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    let d = Rc::new(DequeObj { items: RefCell::new(VecDeque::new()), maxlen });
    if !iterable.is_none() {
        for x in iterable.iter()? {
            d.push_back(x?);
        }
    }
    Ok(Value::Obj(d))
}

impl PyObject for DequeObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let _depth = crate::entry::enter_call_with(" while getting the repr of an object")?;
        out.push_str("deque([");
        write_items(out, self.snapshot().iter())?;
        out.push(']');
        if let Some(m) = self.maxlen {
            out.push_str(&format!(", maxlen={m}"));
        }
        out.push(')');
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.items.borrow().is_empty()
    }
    fn type_name(&self) -> &'static str {
        "deque"
    }
}

impl Object for DequeObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.items.borrow().len()))
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        let len = self.items.borrow().len();
        let i = seq_index(index, len, "deque index out of range", "deque")?;
        Ok(self.items.borrow()[i].clone())
    }
    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        let len = self.items.borrow().len();
        let i = seq_index(index, len, "deque index out of range", "deque")?;
        let old = std::mem::replace(&mut self.items.borrow_mut()[i], v);
        drop(old);
        Ok(())
    }
    fn delitem(&self, index: &Value) -> PyResult<()> {
        let len = self.items.borrow().len();
        let i = seq_index(index, len, "deque index out of range", "deque")?;
        let old = self.items.borrow_mut().remove(i);
        drop(old);
        Ok(())
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let len = self.items.borrow().len();
        let mut i = 0;
        Ok(ValueIter::new(std::iter::from_fn(move || {
            let d = self.items.borrow();
            if d.len() != len {
                i = usize::MAX;
                return Some(Err(PyErr::runtime_error("deque mutated during iteration")));
            }
            let v = d.get(i).cloned();
            i = i.saturating_add(1);
            v.map(Ok)
        })))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        Ok(self.snapshot().iter().any(|y| y.is_same(x) || y.eq(x)))
    }
    fn seq_len(&self) -> Option<usize> {
        None
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        match other.as_any().downcast_ref::<DequeObj>() {
            Some(o) => {
                let (a, b) = (self.snapshot(), o.snapshot());
                a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.is_same(y) || x.eq(y))
            }
            None => false,
        }
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(deque_method(&self, name, args))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "maxlen" => Some(Ok(match self.maxlen {
                Some(m) => Value::Int(Int::from(m)),
                None => Value::None,
            })),
            _ => None,
        }
    }
}

fn deque_method(d: &Rc<DequeObj>, name: &str, args: Vec<Value>) -> PyResult<Value> {
    let one = |args: &[Value]| check_args(name, args, 1, 1);
    let none = |args: &[Value]| check_args(&format!("deque.{name}"), args, 0, 0);
    let mut args = args;
    match name {
        "append" => {
            one(&args)?;
            d.push_back(args.remove(0));
        }
        "appendleft" => {
            one(&args)?;
            d.push_front(args.remove(0));
        }
        "pop" | "popleft" => {
            none(&args)?;
            let v = if name == "pop" { d.items.borrow_mut().pop_back() } else { d.items.borrow_mut().pop_front() };
            return v.ok_or_else(|| PyErr::index_error("pop from an empty deque"));
        }
        "extend" | "extendleft" => {
            one(&args)?;
            let items: Vec<Value> = args[0].iter()?.collect::<PyResult<_>>()?;
            for x in items {
                if name == "extend" {
                    d.push_back(x);
                } else {
                    d.push_front(x);
                }
            }
        }
        "rotate" => {
            check_args("rotate", &args, 0, 1)?;
            let n = match args.first() {
                Some(v) => int_arg(v, "")?,
                None => 1,
            };
            let mut items = d.items.borrow_mut();
            let len = items.len() as i64;
            if len > 1 {
                let k = n.rem_euclid(len) as usize;
                items.rotate_right(k);
            }
        }
        "clear" => {
            none(&args)?;
            let old = std::mem::take(&mut *d.items.borrow_mut());
            drop(old);
        }
        "reverse" => {
            none(&args)?;
            d.items.borrow_mut().make_contiguous().reverse();
        }
        "count" => {
            one(&args)?;
            let n = d.snapshot().iter().filter(|y| y.is_same(&args[0]) || y.eq(&args[0])).count();
            return Ok(Value::Int(Int::from(n)));
        }
        "index" => {
            one(&args)?;
            return match d.snapshot().iter().position(|y| y.is_same(&args[0]) || y.eq(&args[0])) {
                Some(i) => Ok(Value::Int(Int::from(i))),
                None => Err(PyErr::value_error(format!("{} is not in deque", crate::object::py_repr(&args[0])?))),
            };
        }
        "remove" => {
            one(&args)?;
            let pos = d.snapshot().iter().position(|y| y.is_same(&args[0]) || y.eq(&args[0]));
            match pos {
                Some(i) => {
                    let old = d.items.borrow_mut().remove(i);
                    drop(old);
                }
                None => return Err(PyErr::value_error(format!("{} is not in deque", crate::object::py_repr(&args[0])?))),
            }
        }
        "copy" => {
            none(&args)?;
            let c = DequeObj { items: RefCell::new(d.items.borrow().clone()), maxlen: d.maxlen };
            return Ok(Value::Obj(Rc::new(c)));
        }
        _ => return Err(PyErr::attribute_error(format!("'collections.deque' object has no attribute '{name}'"))),
    }
    Ok(Value::None)
}

// ----- defaultdict -----------------------------------------------------------------------

/// `collections.defaultdict`: a dict of values and the factory called for missing keys.
pub struct DefaultDictObj {
    dict: PyDict<Value, Value>,
    factory: Value,
}

/// `defaultdict(factory)`, `defaultdict(factory, mapping_or_pairs)`.
pub fn collections_defaultdict(args: &[Value]) -> PyResult<Value> {
    let factory = args.first().cloned().unwrap_or(Value::None);
    if !factory.is_none() && !is_callable(&factory) {
        return Err(PyErr::type_error("first argument must be callable or None"));
    }
    let dict = PyDict::new();
    if let Some(init) = args.get(1) {
        fill_dict(&dict, init)?;
    }
    if args.len() > 2 {
        return Err(PyErr::type_error(format!("dict expected at most 1 argument, got {}", args.len() - 1)));
    }
    Ok(Value::Obj(Rc::new(DefaultDictObj { dict, factory })))
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Obj(o) => o.type_name() == "function" || o.type_name() == "builtin_function_or_method" || o.type_name() == "type" || o.as_any().is::<crate::func::PyFunc>() || o.as_any().is::<BuiltinType>() || o.as_any().is::<NamedTupleClass>() || o.as_any().is::<crate::stdlib::functools::Partial>() || o.as_any().is::<crate::stdlib::functools::LruCache>(),
        _ => false,
    }
}

/// Copies a mapping (a dict-like object) or an iterable of pairs into `dict`.
pub(crate) fn fill_dict(dict: &PyDict<Value, Value>, init: &Value) -> PyResult<()> {
    if let Value::Obj(o) = init {
        if matches!(o.type_name(), "dict" | "defaultdict" | "Counter") {
            for k in Rc::clone(o).iter()? {
                let k = k?;
                let v = o.getitem(&k)?;
                dict.setitem(k, v)?;
            }
            return Ok(());
        }
    }
    for pair in init.iter()? {
        let pair = pair?;
        let items: Vec<Value> = pair.iter()?.collect::<PyResult<_>>()?;
        let [k, v] = <[Value; 2]>::try_from(items).map_err(|items| {
            PyErr::value_error(format!("dictionary update sequence element #0 has length {}; 2 is required", items.len()))
        })?;
        dict.setitem(k, v)?;
    }
    Ok(())
}

fn write_dict(out: &mut String, dict: &PyDict<Value, Value>) -> PyResult<()> {
    out.push('{');
    for (i, (k, v)) in dict.items_vec().into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        k.write_repr(out)?;
        out.push_str(": ");
        v.write_repr(out)?;
    }
    out.push('}');
    Ok(())
}

impl PyObject for DefaultDictObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let _depth = crate::entry::enter_call_with(" while getting the repr of an object")?;
        out.push_str("defaultdict(");
        self.factory.write_repr(out)?;
        out.push_str(", ");
        write_dict(out, &self.dict)?;
        out.push(')');
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.dict.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "defaultdict"
    }
}

impl Object for DefaultDictObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(self.dict.len())
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        if let Some(v) = self.dict.get(index)? {
            return Ok(v);
        }
        if self.factory.is_none() {
            return Err(PyErr::key_error(index.clone()));
        }
        let v = call_value(&self.factory, vec![])?;
        self.dict.setitem(index.clone(), v.clone())?;
        Ok(v)
    }
    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        self.dict.setitem(index.clone(), v)
    }
    fn delitem(&self, index: &Value) -> PyResult<()> {
        self.dict.delitem(index)
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        self.dict.clone().into_value().iter()
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        self.dict.contains(x)
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        let mine = self.dict.clone().into_value();
        let Value::Obj(m) = &mine else { return false };
        match other.as_any().downcast_ref::<DefaultDictObj>() {
            Some(o) => mine.eq(&o.dict.clone().into_value()),
            None => m.eq_obj(other),
        }
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        if name == "copy" {
            let d = DefaultDictObj { dict: self.dict.copy(), factory: self.factory.clone() };
            return Some(Ok(Value::Obj(Rc::new(d))));
        }
        Some(self.dict.clone().into_value().call_method(name, args))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        (name == "default_factory").then(|| Ok(self.factory.clone()))
    }
}

/// A builtin class as a value (`list`, `int`, ... given as a `defaultdict` factory): calling
/// it with no arguments makes the empty value; its repr is `<class 'list'>`.
pub struct BuiltinType {
    name: &'static str,
}

/// `list`, `int`, `set`, `dict`, `str`, `float`, `tuple`, `bool` as values.
pub fn builtin_type_value(name: &'static str) -> Value {
    Value::Obj(Rc::new(BuiltinType { name }))
}

impl PyObject for BuiltinType {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<class '{}'>", self.name));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "type"
    }
}

impl Object for BuiltinType {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        let r = match (self.name, args.as_slice()) {
            ("list", []) => Ok(crate::list::PyList::<Value>::from_vec(Vec::new()).into_value()),
            ("list", [x]) => x.iter().and_then(|it| it.collect::<PyResult<Vec<_>>>()).map(|v| crate::list::PyList::from_vec(v).into_value()),
            ("dict", []) => Ok(PyDict::<Value, Value>::new().into_value()),
            ("set", []) => Ok(crate::set::PySet::<Value>::new().into_value()),
            ("int", []) => Ok(Value::Int(Int::from(0i64))),
            ("float", []) => Ok(Value::Float(0.0)),
            ("str", []) => Ok(Value::Str("".into())),
            ("bool", []) => Ok(Value::Bool(false)),
            ("tuple", []) => Ok(Value::tuple(Vec::new())),
            ("tuple", [x]) => x.iter().and_then(|it| it.collect::<PyResult<Vec<_>>>()).map(Value::tuple),
            (name, rest) => match crate::func::builtin_value_of(name) {
                Some(f) => return f.downcast_ref::<crate::func::PyFunc>().map(|f| f.call(rest.to_vec())),
                None => Err(PyErr::type_error(format!("{name}() with arguments is not supported here"))),
            },
        };
        Some(r)
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        (name == "__name__").then(|| Ok(Value::Str(self.name.into())))
    }
}

// ----- Counter ---------------------------------------------------------------------------

/// `collections.Counter`: counts in a dict of values; missing keys count 0.
pub struct CounterObj {
    dict: PyDict<Value, Value>,
}

/// `Counter()`, `Counter(iterable)`, `Counter(mapping)`.
pub fn collections_counter(args: &[Value]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(PyErr::type_error(format!("expected at most 1 arguments, got {}", args.len())));
    }
    let c = Rc::new(CounterObj { dict: PyDict::new() });
    if let Some(init) = args.first() {
        c.update(init, false)?;
    }
    Ok(Value::Obj(c))
}

impl CounterObj {
    fn count(&self, k: &Value) -> PyResult<Value> {
        Ok(self.dict.get(k)?.unwrap_or(Value::Int(Int::from(0i64))))
    }

    /// `update` (`subtract` when `negate`): from a mapping's counts or an iterable's items.
    fn update(&self, init: &Value, negate: bool) -> PyResult<()> {
        let add = |k: Value, n: Value| -> PyResult<()> {
            let cur = self.count(&k)?;
            let new = if negate { cur.sub(&n)? } else { cur.add(&n)? };
            self.dict.setitem(k, new)
        };
        if let Value::Obj(o) = init {
            if matches!(o.type_name(), "dict" | "defaultdict" | "Counter") {
                let keys: Vec<Value> = Rc::clone(o).iter()?.collect::<PyResult<_>>()?;
                for k in keys {
                    let n = o.getitem(&k)?;
                    add(k, n)?;
                }
                return Ok(());
            }
        }
        let one = Value::Int(Int::from(1i64));
        for x in init.iter()? {
            add(x?, one.clone())?;
        }
        Ok(())
    }

    /// The items by count, largest first (ties in insertion order), as `most_common()`.
    fn most_common(&self) -> PyResult<Vec<(Value, Value)>> {
        let items = self.dict.items_vec();
        let mut err = None;
        let mut idx: Vec<usize> = (0..items.len()).collect();
        // A stable sort on "greater count first" keeps ties in insertion order.
        idx.sort_by(|&a, &b| {
            let (x, y) = (&items[a].1, &items[b].1);
            match (y.lt(x), x.lt(y)) {
                (Ok(true), _) => std::cmp::Ordering::Less,
                (Ok(false), Ok(true)) => std::cmp::Ordering::Greater,
                (Ok(false), Ok(false)) => std::cmp::Ordering::Equal,
                (Err(e), _) | (_, Err(e)) => {
                    err.get_or_insert(e);
                    std::cmp::Ordering::Equal
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        Ok(idx.into_iter().map(|i| items[i].clone()).collect())
    }

    fn from_pairs(pairs: impl IntoIterator<Item = (Value, Value)>) -> PyResult<Value> {
        let c = CounterObj { dict: PyDict::new() };
        for (k, v) in pairs {
            c.dict.setitem(k, v)?;
        }
        Ok(Value::Obj(Rc::new(c)))
    }

    /// `self op other` on two Counters: `+ - | &`, keeping only positive counts.
    fn combine(&self, other: &CounterObj, op: char) -> PyResult<Value> {
        let zero = Value::Int(Int::from(0i64));
        let mut out = Vec::new();
        for (k, a) in self.dict.items_vec() {
            let b = other.count(&k)?;
            let v = match op {
                '+' => a.add(&b)?,
                '-' => a.sub(&b)?,
                '|' => {
                    if a.lt(&b)? {
                        b
                    } else {
                        a
                    }
                }
                _ => {
                    if b.lt(&a)? {
                        b
                    } else {
                        a
                    }
                }
            };
            if zero.lt(&v)? {
                out.push((k, v));
            }
        }
        if op == '+' || op == '|' {
            for (k, b) in other.dict.items_vec() {
                if !self.dict.contains(&k)? && zero.lt(&b)? {
                    out.push((k, b));
                }
            }
        }
        CounterObj::from_pairs(out)
    }
}

impl PyObject for CounterObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let _depth = crate::entry::enter_call_with(" while getting the repr of an object")?;
        if self.dict.is_empty() {
            out.push_str("Counter()");
            return Ok(());
        }
        out.push_str("Counter({");
        for (i, (k, v)) in self.most_common()?.into_iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            k.write_repr(out)?;
            out.push_str(": ");
            v.write_repr(out)?;
        }
        out.push_str("})");
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.dict.is_empty()
    }
    fn type_name(&self) -> &'static str {
        "Counter"
    }
}

impl Object for CounterObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(self.dict.len())
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        self.count(index)
    }
    fn setitem(&self, index: &Value, v: Value) -> PyResult<()> {
        self.dict.setitem(index.clone(), v)
    }
    fn delitem(&self, index: &Value) -> PyResult<()> {
        // `del c[k]` of a missing key is not an error for a Counter.
        if self.dict.contains(index)? {
            self.dict.delitem(index)?;
        }
        Ok(())
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        self.dict.clone().into_value().iter()
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        self.dict.contains(x)
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        let mine = self.dict.clone().into_value();
        match other.as_any().downcast_ref::<CounterObj>() {
            Some(o) => mine.eq(&o.dict.clone().into_value()),
            None => match &mine {
                Value::Obj(m) => m.eq_obj(other),
                _ => false,
            },
        }
    }
    fn add(&self, other: &Value) -> Option<PyResult<Value>> {
        let o = other.downcast_ref::<CounterObj>()?;
        Some(self.combine(o, '+'))
    }
    fn binop(&self, op: ObjBinOp, other: &Value) -> Option<PyResult<Value>> {
        let o = other.downcast_ref::<CounterObj>()?;
        let c = match op {
            ObjBinOp::Sub => '-',
            ObjBinOp::Or => '|',
            ObjBinOp::And => '&',
            ObjBinOp::Xor => return None,
        };
        Some(self.combine(o, c))
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        Some(counter_method(&self, name, args))
    }
}

fn counter_method(c: &Rc<CounterObj>, name: &str, args: Vec<Value>) -> PyResult<Value> {
    match name {
        "most_common" => {
            check_args("most_common", &args, 0, 1)?;
            let mut items = c.most_common()?;
            if let Some(n) = args.first().filter(|n| !n.is_none()) {
                let n = int_arg(n, "")?.max(0) as usize;
                items.truncate(n);
            }
            let list: Vec<Value> = items.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect();
            Ok(crate::list::PyList::from_vec(list).into_value())
        }
        "update" | "subtract" => {
            check_args(name, &args, 0, 1)?;
            if let Some(a) = args.first() {
                c.update(a, name == "subtract")?;
            }
            Ok(Value::None)
        }
        "elements" => {
            check_args("elements", &args, 0, 0)?;
            let mut out = Vec::new();
            for (k, v) in c.dict.items_vec() {
                let n = int_arg(&v, "")?;
                for _ in 0..n.max(0) {
                    out.push(k.clone());
                }
            }
            // A list, iterated like the chain object CPython returns.
            Ok(crate::list::PyList::from_vec(out).into_value())
        }
        "total" => {
            check_args("total", &args, 0, 0)?;
            let mut t = Value::Int(Int::from(0i64));
            for v in c.dict.values_list().iter() {
                t = t.add(&v)?;
            }
            Ok(t)
        }
        "copy" => {
            check_args("copy", &args, 0, 0)?;
            CounterObj::from_pairs(c.dict.items_vec())
        }
        _ => c.dict.clone().into_value().call_method(name, args),
    }
}

// ----- namedtuple ------------------------------------------------------------------------

/// A class made by `namedtuple(name, fields)`.
pub struct NamedTupleClass {
    name: String,
    fields: Vec<String>,
}

/// An instance: its class and items.
pub struct NamedTupleObj {
    class: Rc<NamedTupleClass>,
    items: Vec<Value>,
}

/// `namedtuple(typename, field_names)`: `field_names` a string (`'x y'`, `'x, y'`) or an
/// iterable of strings.
pub fn collections_namedtuple(args: &[Value]) -> PyResult<Value> {
    check_args("namedtuple", args, 2, 2)?;
    let (typename, fields) = (args[0].clone(), args[1].clone());
    let Value::Str(name) = &typename else {
        return Err(PyErr::type_error("namedtuple() typename must be a string"));
    };
    let names: Vec<String> = match &fields {
        Value::Str(s) => s.as_str().replace(',', " ").split_whitespace().map(str::to_string).collect(),
        other => {
            let mut out = Vec::new();
            for f in other.iter()? {
                match f? {
                    Value::Str(s) => out.push(s.as_str().to_string()),
                    v => return Err(PyErr::type_error(format!("Type names and field names must be strings, not {}", v.type_name()))),
                }
            }
            out
        }
    };
    let mut seen = std::collections::HashSet::new();
    for n in std::iter::once(name.as_str()).chain(names.iter().map(String::as_str)) {
        let ok = n.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') && n.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !ok {
            return Err(PyErr::value_error(format!("Type names and field names must be valid identifiers: {}", crate::format::str_repr(n))));
        }
    }
    for n in &names {
        if n.starts_with('_') {
            return Err(PyErr::value_error(format!("Field names cannot start with an underscore: {}", crate::format::str_repr(n))));
        }
        if !seen.insert(n.clone()) {
            return Err(PyErr::value_error(format!("Encountered duplicate field name: {}", crate::format::str_repr(n))));
        }
    }
    Ok(Value::Obj(Rc::new(NamedTupleClass { name: name.as_str().to_string(), fields: names })))
}

impl PyObject for NamedTupleClass {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(&format!("<class '__main__.{}'>", self.name));
        Ok(())
    }
    fn truthy(&self) -> bool {
        true
    }
    fn type_name(&self) -> &'static str {
        "type"
    }
}

impl NamedTupleClass {
    fn make(self: &Rc<Self>, items: Vec<Value>) -> PyResult<Value> {
        let n = self.fields.len();
        if items.len() != n {
            if items.len() > n {
                return Err(PyErr::type_error(format!(
                    "{}.__new__() takes {} positional argument{} but {} were given",
                    self.name,
                    n + 1,
                    if n == 0 { "" } else { "s" },
                    items.len() + 1
                )));
            }
            let missing: Vec<String> = self.fields[items.len()..].iter().map(|f| format!("'{f}'")).collect();
            let list = match missing.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
                [] => String::new(),
            };
            let plural = if missing.len() == 1 { "argument" } else { "arguments" };
            return Err(PyErr::type_error(format!("{}.__new__() missing {} required positional {plural}: {list}", self.name, missing.len())));
        }
        Ok(Value::Obj(Rc::new(NamedTupleObj { class: Rc::clone(self), items })))
    }
}

impl Object for NamedTupleClass {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn call(&self, args: Vec<Value>) -> Option<PyResult<Value>> {
        let rc = Rc::new(NamedTupleClass { name: self.name.clone(), fields: self.fields.clone() });
        Some(rc.make(args))
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        match name {
            "_make" => Some((|| {
                check_args("_make", &args, 1, 1)?;
                let items: Vec<Value> = args[0].iter()?.collect::<PyResult<_>>()?;
                if items.len() != self.fields.len() {
                    return Err(PyErr::type_error(format!("Expected {} arguments, got {}", self.fields.len(), items.len())));
                }
                self.make(items)
            })()),
            _ => None,
        }
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        match name {
            "_fields" => Some(Ok(Value::tuple(self.fields.iter().map(|f| Value::Str(f.as_str().into())).collect()))),
            "__name__" => Some(Ok(Value::Str(self.name.as_str().into()))),
            _ => None,
        }
    }
}

impl PyObject for NamedTupleObj {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        let _depth = crate::entry::enter_call_with(" while getting the repr of an object")?;
        out.push_str(&self.class.name);
        out.push('(');
        for (i, (f, v)) in self.class.fields.iter().zip(&self.items).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(f);
            out.push('=');
            v.write_repr(out)?;
        }
        out.push(')');
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.items.is_empty()
    }
    fn type_name(&self) -> &'static str {
        // Type names are static strings: each class name is interned once.
        intern(&self.class.name)
    }
}

/// A `&'static str` for a class name (namedtuple classes are few; each is leaked once).
fn intern(name: &str) -> &'static str {
    thread_local! {
        static NAMES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
    }
    NAMES.with(|n| {
        if let Some(s) = n.borrow().iter().find(|s| **s == name) {
            return *s;
        }
        let s: &'static str = Box::leak(name.to_string().into_boxed_str());
        n.borrow_mut().push(s);
        s
    })
}

impl Object for NamedTupleObj {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.items.len()))
    }
    fn getitem(&self, index: &Value) -> PyResult<Value> {
        Value::tuple(self.items.clone()).getitem(index)
    }
    fn slice(self: Rc<Self>, start: Option<&Int>, stop: Option<&Int>, step: Option<&Int>) -> PyResult<Value> {
        Value::tuple(self.items.clone()).slice(start, stop, step)
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let mut i = 0;
        Ok(ValueIter::new(std::iter::from_fn(move || {
            let v = self.items.get(i).cloned();
            i += 1;
            v.map(Ok)
        })))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        Ok(self.items.iter().any(|y| y.is_same(x) || y.eq(x)))
    }
    fn seq_len(&self) -> Option<usize> {
        Some(self.items.len())
    }
    fn seq_item(&self, i: usize) -> Option<Value> {
        self.items.get(i).cloned()
    }
    fn eq_obj(&self, other: &dyn Object) -> bool {
        match other.as_any().downcast_ref::<NamedTupleObj>() {
            Some(o) => self.items.len() == o.items.len() && self.items.iter().zip(&o.items).all(|(x, y)| x.is_same(y) || x.eq(y)),
            None => false,
        }
    }
    fn hash_obj(&self) -> PyResult<i64> {
        Value::tuple(self.items.clone()).hash()
    }
    /// A namedtuple is a tuple: equal to, ordered against and concatenated with tuples.
    fn builtin_base(&self) -> Option<Value> {
        Some(Value::tuple(self.items.clone()))
    }
    fn get_attr(&self, name: &str) -> Option<PyResult<Value>> {
        if let Some(i) = self.class.fields.iter().position(|f| f == name) {
            return Some(Ok(self.items[i].clone()));
        }
        match name {
            "_fields" => self.class.get_attr("_fields"),
            _ => None,
        }
    }
    fn call_method(self: Rc<Self>, name: &str, args: Vec<Value>) -> Option<PyResult<Value>> {
        match name {
            "_asdict" => Some((|| {
                check_args("_asdict", &args, 0, 0)?;
                let d = PyDict::<Value, Value>::new();
                for (f, v) in self.class.fields.iter().zip(&self.items) {
                    d.setitem(Value::Str(f.as_str().into()), v.clone())?;
                }
                Ok(d.into_value())
            })()),
            "count" | "index" => Some(Value::tuple(self.items.clone()).call_method(name, args)),
            _ => None,
        }
    }
}

/// `p._replace(field=value, ...)`: keyword arguments as (name, value) pairs.
pub fn namedtuple_replace(p: &Value, changes: Vec<(&str, Value)>) -> PyResult<Value> {
    let Some(obj) = p.downcast_ref::<NamedTupleObj>() else {
        return Err(PyErr::attribute_error(format!("'{}' object has no attribute '_replace'", p.type_name())));
    };
    let mut items = obj.items.clone();
    let mut unknown = Vec::new();
    for (name, v) in changes {
        match obj.class.fields.iter().position(|f| f == name) {
            Some(i) => items[i] = v,
            None => unknown.push(name.to_string()),
        }
    }
    if !unknown.is_empty() {
        return Err(PyErr::value_error(format!("Got unexpected field names: {:?}", unknown)));
    }
    Ok(Value::Obj(Rc::new(NamedTupleObj { class: Rc::clone(&obj.class), items })))
}

// ----- dict views ------------------------------------------------------------------------

/// `d.keys()`, `d.values()`, `d.items()` of a dict held in a value: a snapshot of the items
/// with the view's repr (`dict_items([('a', 1)])`).
pub struct DictView {
    kind: &'static str,
    items: Vec<Value>,
}

/// The view `kind` (`keys`, `values`, `items`) of these (key, value) pairs.
pub fn dict_view(kind: &str, pairs: Vec<(Value, Value)>) -> Value {
    let (kind, items): (&'static str, Vec<Value>) = match kind {
        "keys" => ("dict_keys", pairs.into_iter().map(|(k, _)| k).collect()),
        "values" => ("dict_values", pairs.into_iter().map(|(_, v)| v).collect()),
        _ => ("dict_items", pairs.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect()),
    };
    Value::Obj(Rc::new(DictView { kind, items }))
}

impl PyObject for DictView {
    fn write_repr(&self, out: &mut String) -> PyResult<()> {
        out.push_str(self.kind);
        out.push_str("([");
        write_items(out, self.items.iter())?;
        out.push_str("])");
        Ok(())
    }
    fn truthy(&self) -> bool {
        !self.items.is_empty()
    }
    fn type_name(&self) -> &'static str {
        self.kind
    }
}

impl Object for DictView {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any_rc(self: Rc<Self>) -> Rc<dyn Any> {
        self
    }
    fn len(&self) -> PyResult<Int> {
        Ok(Int::from(self.items.len()))
    }
    fn iter(self: Rc<Self>) -> PyResult<ValueIter> {
        let mut i = 0;
        Ok(ValueIter::new(std::iter::from_fn(move || {
            let v = self.items.get(i).cloned();
            i += 1;
            v.map(Ok)
        })))
    }
    fn contains(&self, x: &Value) -> PyResult<bool> {
        Ok(self.items.iter().any(|y| y.is_same(x) || y.eq(x)))
    }
}

#[cfg(test)]
#[path = "collections_tests.rs"]
mod tests;
