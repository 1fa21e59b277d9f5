use super::*;

fn ints(v: &[i64]) -> Vec<PyResult<Int>> {
    v.iter().map(|&n| Ok(Int::from(n))).collect()
}

fn take<T: 'static>(it: PyIter<T>) -> Vec<T> {
    it.map(|r| r.unwrap()).collect()
}

fn i(n: i64) -> Int {
    Int::from(n)
}

#[test]
fn count_is_lazy_and_exact() {
    let c = itertools_count(i(i64::MAX - 1), i(1));
    let got = take(itertools_islice(c, None, Some(&i(3)), None).unwrap());
    assert_eq!(got[2].to_string(), "9223372036854775808");
    let far = itertools_islice(itertools_count(i(0), i(1)), Some(&i(1_000_000)), None, None).unwrap();
    assert_eq!(far.next_item().unwrap(), i(1_000_000));
}

#[test]
fn islice_checks_and_steps() {
    let e = itertools_islice(ints(&[]), None, Some(&i(-1)), None).err().unwrap();
    assert!(e.message().contains("Stop argument"));
    let e = itertools_islice(ints(&[]), Some(&i(-1)), Some(&i(2)), None).err().unwrap();
    assert!(e.message().contains("Indices"));
    let e = itertools_islice(ints(&[]), None, None, Some(&i(0))).err().unwrap();
    assert!(e.message().contains("Step"));
    let got = take(itertools_islice(ints(&[0, 1, 2, 3, 4, 5, 6]), Some(&i(1)), Some(&i(6)), Some(&i(2))).unwrap());
    assert_eq!(got, vec![i(1), i(3), i(5)]);
}

#[test]
fn islice_does_not_read_past_stop() {
    let src = PyIter::new(ints(&[1, 2, 3, 4]));
    let first = take(itertools_islice(src.clone(), None, Some(&i(2)), None).unwrap());
    assert_eq!(first, vec![i(1), i(2)]);
    assert_eq!(src.next_item().unwrap(), i(3));
}

#[test]
fn takewhile_dropwhile_accumulate() {
    let t = take(itertools_takewhile(ints(&[1, 2, 5, 1]), |x: &Int| Ok(*x < i(3))));
    assert_eq!(t, vec![i(1), i(2)]);
    let d = take(itertools_dropwhile(ints(&[1, 2, 5, 1]), |x: &Int| Ok(*x < i(3))));
    assert_eq!(d, vec![i(5), i(1)]);
    let a = take(itertools_accumulate(ints(&[1, 2, 3]), |a: Int, b: Int| Ok(&a + &b), Some(i(10))));
    assert_eq!(a, vec![i(10), i(11), i(13), i(16)]);
}

#[test]
fn combinatorics_orders() {
    let c = take(itertools_combinations(4, &i(2)).unwrap());
    assert_eq!(c, vec![vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3], vec![2, 3]]);
    let p = take(itertools_permutations(3, Some(&i(2))).unwrap());
    assert_eq!(p, vec![vec![0, 1], vec![0, 2], vec![1, 0], vec![1, 2], vec![2, 0], vec![2, 1]]);
    assert_eq!(take(itertools_permutations(3, None).unwrap()).len(), 6);
    assert_eq!(take(itertools_permutations(0, None).unwrap()), vec![Vec::<usize>::new()]);
    let pr = take(itertools_product(vec![2, 3], &i(1)).unwrap());
    assert_eq!(pr.len(), 6);
    assert_eq!(pr[1], vec![0, 1]);
    assert_eq!(take(itertools_product(vec![3], &i(3)).unwrap()).len(), 27);
    assert_eq!(take(itertools_product(vec![], &i(1)).unwrap()), vec![Vec::<usize>::new()]);
    assert!(take(itertools_combinations(2, &i(3)).unwrap()).is_empty());
}

#[test]
fn groupby_shares_the_input() {
    let src: Vec<PyResult<Int>> = ints(&[1, 1, 2, 3, 3]);
    let g = itertools_groupby(src, |x: &Int| Ok(x.clone()));
    let (k1, g1) = g.next_item().unwrap();
    assert_eq!(k1, i(1));
    let (k2, g2) = g.next_item().unwrap();
    assert_eq!(k2, i(2));
    assert!(take(g1).is_empty());
    assert_eq!(take(g2), vec![i(2)]);
    let (k3, g3) = g.next_item().unwrap();
    assert_eq!((k3, take(g3)), (i(3), vec![i(3), i(3)]));
    assert!(g.next_item().is_err());
}

#[test]
fn tee_cycle_repeat_chain() {
    let ts = itertools_tee(ints(&[1, 2, 3]), 2);
    assert_eq!(ts[0].next_item().unwrap(), i(1));
    assert_eq!(take(ts[1].clone()), vec![i(1), i(2), i(3)]);
    assert_eq!(take(ts[0].clone()), vec![i(2), i(3)]);
    let c = take(itertools_islice(itertools_cycle(ints(&[1, 2])), None, Some(&i(5)), None).unwrap());
    assert_eq!(c, vec![i(1), i(2), i(1), i(2), i(1)]);
    assert!(take(itertools_cycle(ints(&[]))).is_empty());
    assert_eq!(take(itertools_repeat(i(7), Some(&i(2)))), vec![i(7), i(7)]);
    assert!(take(itertools_repeat(i(7), Some(&i(-2)))).is_empty());
    let ch = take(itertools_chain(vec![PyIter::new(ints(&[1])), PyIter::new(ints(&[2, 3]))]));
    assert_eq!(ch, vec![i(1), i(2), i(3)]);
}

#[test]
fn zip_longest_fills() {
    let a = PyIter::from_plain(vec![Value::from(1i64)]);
    let b = PyIter::from_plain(vec![Value::from(1i64), Value::from(2i64)]);
    let z = take(itertools_zip_longest(vec![a, b], Value::None));
    assert_eq!(z.len(), 2);
    assert!(matches!(z[1][0], Value::None));
}
