//! Result types of `itertools` calls (see [`crate::itertools`]): lazy iterators over the
//! inputs' element types; combinatoric items are tuples when their length is a literal.

use super::*;

/// The longest tuple the runtime's tuple impls cover.
const MAX_TUPLE: usize = 12;

/// An int literal argument, as a tuple length.
pub(crate) fn literal_len(e: Option<&Expr>, default: usize) -> Option<usize> {
    match e.map(|e| &e.kind) {
        None => Some(default),
        Some(ExprKind::Int(i)) => num_traits::ToPrimitive::to_usize(i).filter(|n| (1..=MAX_TUPLE).contains(n)),
        _ => None,
    }
}

/// The length of a literal iterable (`permutations([1, 2, 3])` yields 3-tuples).
pub(crate) fn literal_iterable_len(e: &Expr) -> Option<usize> {
    let n = match &e.kind {
        ExprKind::List(xs) | ExprKind::Tuple(xs) => xs.len(),
        ExprKind::Str(s) => s.chars().count(),
        _ => return None,
    };
    (1..=MAX_TUPLE).contains(&n).then_some(n)
}

impl Infer<'_> {
    pub(super) fn itertools_call(&mut self, e: &Expr, func: &Expr, name: &str, args: &[Expr], keywords: &[Keyword]) -> ITy {
        self.record(func, ITy::Dyn);
        let Ok(a) = crate::itertools::arrange(name, args, keywords) else {
            for x in args.iter().chain(keywords.iter().map(|k| &k.value)) {
                self.expr(x);
            }
            return ITy::Dyn;
        };
        let elems: Vec<ITy> = a
            .iterables
            .iter()
            .map(|x| {
                let t = self.expr(x);
                self.elem_of(&t)
            })
            .collect();
        let mut named: HashMap<&str, ITy> = HashMap::new();
        for (n, x) in &a.named {
            if !matches!(*n, "predicate" | "func" | "key") {
                let t = self.expr(x);
                named.insert(n, t);
            }
        }
        let elem0 = elems.first().cloned().unwrap_or(ITy::Never);
        let iter = |t: ITy| ITy::Iter(Box::new(t));
        match name {
            "count" => {
                let start = named.get("start").cloned().unwrap_or(ITy::Int);
                let step = named.get("step").cloned().unwrap_or(ITy::Int);
                if start == ITy::Never || step == ITy::Never {
                    return ITy::Never;
                }
                iter(match (&start, &step) {
                    (ITy::Int, ITy::Int | ITy::Bool) => ITy::Int,
                    (ITy::Float, ITy::Int | ITy::Bool | ITy::Float) => ITy::Float,
                    _ => ITy::Dyn,
                })
            }
            "islice" | "cycle" => iter(elem0),
            "takewhile" | "dropwhile" => {
                if let Some(p) = a.get("predicate") {
                    self.apply_callable(p, &[elem0.clone()]);
                }
                iter(elem0)
            }
            "chain" => {
                let mut acc = ITy::Never;
                for t in &elems {
                    acc = self.s.join(&acc, t);
                }
                iter(acc)
            }
            "chain.from_iterable" => iter(self.elem_of(&elem0)),
            "accumulate" => {
                let mut t = elem0;
                if let Some(init) = a.given("initial") {
                    let it = self.expr(init);
                    t = self.s.join(&t, &it);
                }
                let r = match a.given("func") {
                    Some(f) if matches!(&f.kind, ExprKind::Name(n) if n == "max" || n == "min") && matches!(self.res.names.get(&f.id), Some(Binding::Builtin(_))) => {
                        self.record(f, ITy::Dyn);
                        t.clone()
                    }
                    Some(f) => self.apply_callable(f, &[t.clone(), t.clone()]),
                    None if t == ITy::Never => ITy::Never,
                    None => self.binop(BinOp::Add, &t, &t, e),
                };
                iter(self.s.join(&t, &r))
            }
            "zip_longest" => {
                let fill = named.get("fillvalue").cloned().unwrap_or(ITy::None);
                let parts = elems.iter().map(|t| self.s.join(t, &fill)).collect();
                iter(ITy::Tuple(parts))
            }
            "product" => match literal_len(a.get("repeat"), 1) {
                Some(r) if !elems.is_empty() && elems.len() * r <= MAX_TUPLE => {
                    iter(ITy::Tuple((0..r).flat_map(|_| elems.iter().cloned()).collect()))
                }
                _ => iter(ITy::Dyn),
            },
            "permutations" | "combinations" => {
                let r = match a.given("r") {
                    Some(x) => literal_len(Some(x), 0),
                    None => a.iterables.first().and_then(|x| literal_iterable_len(x)),
                };
                match r {
                    Some(r) => iter(ITy::Tuple(vec![elem0; r])),
                    None => iter(ITy::Dyn),
                }
            }
            "groupby" => {
                let k = match a.given("key") {
                    Some(f) => self.apply_callable(f, &[elem0.clone()]),
                    None => elem0.clone(),
                };
                iter(ITy::Tuple(vec![k, iter(elem0)]))
            }
            "repeat" => iter(named.get("object").cloned().unwrap_or(ITy::Dyn)),
            "tee" => match literal_len(a.get("n"), 2) {
                Some(n) => ITy::Tuple(vec![iter(elem0); n]),
                None => ITy::Dyn,
            },
            _ => ITy::Dyn,
        }
    }
}
