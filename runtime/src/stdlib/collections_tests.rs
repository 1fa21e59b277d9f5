use super::*;
use crate::object::py_repr;

fn int(n: i64) -> Value {
    Value::Int(Int::from(n))
}

fn s(t: &str) -> Value {
    Value::Str(t.into())
}

fn repr(v: &Value) -> String {
    py_repr(v).unwrap().as_str().to_string()
}

#[test]
fn deque_appends_rotates_and_bounds() {
    let d = collections_deque(&[Value::tuple(vec![int(1), int(2), int(3)])]).unwrap();
    d.call_method("appendleft", vec![int(0)]).unwrap();
    d.call_method("rotate", vec![int(1)]).unwrap();
    assert_eq!(repr(&d), "deque([3, 0, 1, 2])");
    let q = collections_deque(&[Value::None, int(2)]).unwrap();
    for i in 0..4 {
        q.call_method("append", vec![int(i)]).unwrap();
    }
    assert_eq!(repr(&q), "deque([2, 3], maxlen=2)");
    let e = collections_deque(&[]).unwrap();
    let err = e.call_method("popleft", vec![]).unwrap_err();
    assert_eq!(err.message(), "pop from an empty deque");
}

#[test]
fn defaultdict_calls_its_factory_for_missing_keys() {
    let d = collections_defaultdict(&[crate::func::builtin_value("list")]).unwrap();
    d.getitem(&s("a")).unwrap().call_method("append", vec![int(1)]).unwrap();
    assert_eq!(repr(&d), "defaultdict(<class 'list'>, {'a': [1]})");
    let none = collections_defaultdict(&[]).unwrap();
    assert!(none.getitem(&s("x")).is_err());
}

#[test]
fn counter_counts_and_orders_like_most_common() {
    let c = collections_counter(&[s("abracadabra")]).unwrap();
    assert_eq!(repr(&c), "Counter({'a': 5, 'b': 2, 'r': 2, 'c': 1, 'd': 1})");
    assert_eq!(repr(&c.getitem(&s("z")).unwrap()), "0");
    let top = c.call_method("most_common", vec![int(1)]).unwrap();
    assert_eq!(repr(&top), "[('a', 5)]");
    assert_eq!(repr(&collections_counter(&[]).unwrap()), "Counter()");
}

#[test]
fn namedtuples_have_fields_and_reprs() {
    let point = collections_namedtuple(&[s("Point"), s("x, y")]).unwrap();
    let p = crate::func::call_value(&point, vec![int(1), int(2)]).unwrap();
    assert_eq!(repr(&p), "Point(x=1, y=2)");
    assert_eq!(repr(&crate::func::getattr_value(&p, "y").unwrap()), "2");
    let err = crate::func::call_value(&point, vec![int(1)]).unwrap_err();
    assert_eq!(err.message(), "Point.__new__() missing 1 required positional argument: 'y'");
    assert!(collections_namedtuple(&[s("P"), s("x _y")]).is_err());
}
