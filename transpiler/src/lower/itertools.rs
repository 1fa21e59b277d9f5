//! `itertools` calls (see [`crate::itertools`]): each becomes a runtime `itertools_*` function
//! returning a `PyIter` (lazy, shared, consumed once). Iterable arguments go through the
//! machinery `for` loops use (`fallible_iter`, `iterate`), converted to the result's element
//! type; function arguments become closures (`callables.rs`).
//!
//! A `PyIter` may outlive the variables a callback reads, so a lambda that reads local
//! variables gets its own copies (a `move` closure). That is exact only when the variables
//! cannot change while the iterator is alive: the iterator is consumed on the spot (by
//! `list()`, `sum()`, a `for` whose body does not rebind them), or they are bound once and
//! never again. Anything else is refused rather than run with stale values.

use super::*;
use crate::itertools::{arrange, callee};

/// Names of a body that are bound once and never rebound (parameters never assigned, other
/// names assigned by exactly one statement outside any loop).
pub(super) fn fixed_names(stmts: &[ast::Stmt], params: &[ast::Param]) -> HashSet<String> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    collect_bindings(stmts, &mut |n, _| *counts.entry(n.to_string()).or_default() += 1);
    let mut in_loops = HashSet::new();
    crate::ast::walk_stmts(stmts, &mut |s| match &s.kind {
        StmtKind::For { target, body, orelse, .. } => {
            let mut names = Vec::new();
            target_names(target, &mut names);
            in_loops.extend(names);
            collect_bindings(body, &mut |n, _| {
                in_loops.insert(n.to_string());
            });
            collect_bindings(orelse, &mut |n, _| {
                in_loops.insert(n.to_string());
            });
        }
        StmtKind::While { body, orelse, .. } => {
            collect_bindings(body, &mut |n, _| {
                in_loops.insert(n.to_string());
            });
            collect_bindings(orelse, &mut |n, _| {
                in_loops.insert(n.to_string());
            });
        }
        _ => {}
    });
    let mut out: HashSet<String> = params.iter().filter(|p| !counts.contains_key(&p.name)).map(|p| p.name.clone()).collect();
    for (n, c) in counts {
        if c == 1 && !in_loops.contains(&n) && !params.iter().any(|p| p.name == n) {
            out.insert(n);
        }
    }
    out
}

impl Lower<'_> {
    pub(super) fn is_itertools_call(&self, e: &ast::Expr) -> bool {
        matches!(&e.kind, ExprKind::Call { func, .. } if callee(self.res, func).is_some())
    }

    /// An itertools call as an iterable (`for`, `list()`, another itertools call).
    pub(super) fn itertools_iter(&mut self, iter: &ast::Expr) -> Option<Expr> {
        let consumed = self.capture_ok.take();
        let ExprKind::Call { func, args, keywords } = &iter.kind else { return None };
        let name = callee(self.res, func)?;
        if name == "tee" {
            return None;
        }
        self.capture_ok = consumed;
        Some(self.itertools_call_as(iter, name, args, keywords, false))
    }

    /// Runs `f` as code inside a closure: no enclosing `try`, loop or handled exception.
    fn in_closure<R>(&mut self, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
        let r = f(self);
        (self.tries, self.loops, self.caught) = saved;
        r
    }

    /// `itertools.name(args)`: a `PyIter` of the call's element type (`tee`: a tuple of them).
    pub(super) fn itertools_call(&mut self, e: &ast::Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        self.itertools_call_as(e, name, args, keywords, true)
    }

    /// `itertools_call`; `boxed: false` where the call is consumed on the spot (`for`, another
    /// itertools call): then `islice` is its own unboxed iterator type rather than a `PyIter`.
    fn itertools_call_as(&mut self, e: &ast::Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword], boxed: bool) -> Expr {
        let consumed = self.capture_ok.take();
        let a = match arrange(name, args, keywords) {
            Ok(a) => a,
            Err(why) => return self.unsupported(e.span, format!("this call of `itertools.{name}`"), why),
        };
        let t = self.ty(e);
        let elem = match &t {
            Ty::Iter(x) => storable(x),
            _ => Ty::Dyn,
        };
        let span = e.span;
        match name {
            "count" => {
                let (start, step) = (a.get("start"), a.get("step"));
                let (f, zero, one) = match elem {
                    Ty::Int => ("itertools_count", Expr::Int(0), Expr::Int(1)),
                    Ty::Float => ("itertools_count_float", Expr::Float(0.0), Expr::Float(1.0)),
                    _ => ("itertools_count_value", Expr::Int(0).method("into_value", vec![]), Expr::Int(1).method("into_value", vec![])),
                };
                let start = start.map_or(zero, |s| self.expr_as(s, &elem));
                let step = step.map_or(one, |s| self.expr_as(s, &elem));
                Expr::call(f, vec![start, step])
            }
            "islice" => {
                let src = self.it_source(a.iterables[0], &elem, &consumed);
                let mut bounds = Vec::new();
                for p in ["start", "stop", "step"] {
                    bounds.push(match a.given(p) {
                        None => Expr::Path("None".into()),
                        Some(x) if matches!(self.ty(x), Ty::Int | Ty::Bool) => Expr::call("Some", vec![self.expr_as(x, &Ty::Int).reference()]),
                        Some(x) => {
                            return self.unsupported(x.span, format!("this `{p}` argument of `islice`"), "islice takes ints or None");
                        }
                    });
                }
                let mut call_args = vec![src];
                call_args.extend(bounds);
                self.attempt(Expr::call(if boxed { "itertools_islice" } else { "itertools_islice_iter" }, call_args), span)
            }
            "chain" => {
                let srcs = a.iterables.iter().map(|x| Expr::call("PyIter::new", vec![self.it_source(x, &elem, &consumed)])).collect();
                Expr::call("itertools_chain", vec![Expr::Vec(srcs)])
            }
            "chain.from_iterable" => {
                let x = a.iterables[0];
                let outer = self.elem_ty(x);
                let src = self.it_source(x, &outer, &consumed);
                let Some(inner) = self.inner_iter(Expr::Var("item".into()), &outer, &elem, span) else {
                    return self.unsupported(span, format!("`chain.from_iterable` over items of type {}", outer.python_name()), "not supported yet");
                };
                let f = Expr::Closure(vec![Pat::Ident("item".into())], Box::new(inner));
                Expr::call("itertools_chain_from_iterable", vec![src, f])
            }
            "takewhile" | "dropwhile" => {
                let src = self.it_source(a.iterables[0], &elem, &consumed);
                let Some(pred) = a.get("predicate") else { return Expr::Unit };
                let Some(f) = self.owned_closure(pred, &[elem.clone()], true, &consumed) else { return Expr::Unit };
                Expr::call(if name == "takewhile" { "itertools_takewhile" } else { "itertools_dropwhile" }, vec![src, f])
            }
            "cycle" => {
                let src = self.it_source(a.iterables[0], &elem, &consumed);
                Expr::call("itertools_cycle", vec![src])
            }
            "repeat" => {
                let Some(obj) = a.get("object") else { return Expr::Unit };
                let x = self.expr_as(obj, &elem);
                let times = match a.given("times") {
                    None => Expr::Path("None".into()),
                    Some(n) if matches!(self.ty(n), Ty::Int | Ty::Bool) => Expr::call("Some", vec![self.expr_as(n, &Ty::Int).reference()]),
                    Some(n) => return self.unsupported(n.span, "this `times` argument of `repeat`", "repeat takes an int"),
                };
                Expr::call("itertools_repeat", vec![x, times])
            }
            "accumulate" => self.accumulate(&a, &elem, &consumed, span),
            "zip_longest" => {
                let Ty::Tuple(parts) = &elem else { return self.unsupported(span, "this `zip_longest`", "not supported yet") };
                let parts = parts.clone();
                let srcs = a.iterables.iter().map(|x| Expr::call("PyIter::new", vec![self.it_source(x, &Ty::Dyn, &consumed)])).collect();
                let fill = match a.get("fillvalue") {
                    Some(f) => self.expr_as(f, &Ty::Dyn),
                    None => Expr::Path("Value::None".into()),
                };
                let z = Expr::call("itertools_zip_longest", vec![Expr::Vec(srcs), fill]);
                let item = self.in_closure(|s| {
                    let fields = parts
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let v = Expr::Index(Box::new(Expr::Var("items".into())), i).method("clone", vec![]);
                            s.coerce(v, &Ty::Dyn, p, span)
                        })
                        .collect();
                    Expr::Ok(Box::new(Expr::Tuple(fields)))
                });
                Expr::call("PyIter::new", vec![map_items(z, "items", item)])
            }
            "product" | "permutations" | "combinations" => self.combinatoric(name, &a, &elem, &consumed, span),
            "groupby" => {
                let Ty::Tuple(parts) = &elem else { return Expr::Unit };
                let Ty::Iter(item_ty) = &parts[1] else { return Expr::Unit };
                let item_ty = storable(item_ty);
                let src = self.it_source(a.iterables[0], &item_ty, &consumed);
                let key = match a.given("key") {
                    Some(k) => match self.owned_closure(k, &[item_ty.clone()], true, &consumed) {
                        Some(f) => f,
                        None => return Expr::Unit,
                    },
                    None => Expr::Closure(vec![Pat::Ident("item".into())], Box::new(Expr::Ok(Box::new(Expr::Var("item".into()).method("clone", vec![]))))),
                };
                Expr::call("itertools_groupby", vec![src, key])
            }
            "tee" => {
                let Ty::Tuple(parts) = &t else {
                    return self.unsupported(span, "`tee` with this `n`", "the number of iterators must be an int literal (1 to 12)");
                };
                let n = parts.len();
                let Ty::Iter(item_ty) = &parts[0] else { return Expr::Unit };
                let item_ty = storable(item_ty);
                let src = self.it_source(a.iterables[0], &item_ty, &consumed);
                let v = self.tmp("tees");
                let items = (0..n).map(|i| Expr::Index(Box::new(Expr::Var(v.clone())), i).method("clone", vec![])).collect();
                let init = Expr::call("itertools_tee", vec![src, Expr::RawInt(n as i64)]);
                Expr::Block(Block::with_tail(vec![Stmt::Let { name: v, ty: None, init: Some(init), mutable: false, optional: false }], Expr::Tuple(items)))
            }
            _ => self.unsupported(span, format!("`itertools.{name}`"), "not supported yet"),
        }
    }

    /// An iterable argument as a `'static` iterator of `PyResult<to>`.
    fn it_source(&mut self, x: &ast::Expr, to: &Ty, consumed: &Option<HashSet<String>>) -> Expr {
        if self.is_itertools_call(x) {
            // Consumed only through the enclosing call.
            self.capture_ok = consumed.clone();
        }
        let from = storable(&self.elem_ty(x));
        let raw = match self.fallible_iter(x) {
            Some(it) => it,
            None => {
                let it = self.iterate(x);
                Expr::call("PyIter::from_plain", vec![it])
            }
        };
        self.capture_ok = None;
        if from == *to {
            return raw;
        }
        let conv = self.in_closure(|s| s.coerce(Expr::Var("item".into()), &from, to, x.span));
        map_items(raw, "item", Expr::Ok(Box::new(conv)))
    }

    /// An iterator over the value `v` (of type `from`), for `chain.from_iterable`: a
    /// `PyResult<PyIter<to>>`.
    fn inner_iter(&mut self, v: Expr, from: &Ty, to: &Ty, span: Span) -> Option<Expr> {
        let (it, item, plain) = match from {
            Ty::List(t) => (v.method("iter", vec![]), (**t).clone(), true),
            Ty::Str => (v.method("iter", vec![]), Ty::Str, true),
            Ty::Set(t) | Ty::Dict(t, _) => (v.method("iter", vec![]), (**t).clone(), false),
            Ty::Iter(t) => (v, storable(t), false),
            Ty::Tuple(ts) => {
                let items = ts.iter().enumerate().map(|(i, p)| self.coerce(Expr::Field(Box::new(v.clone()), i), p, to, span)).collect();
                return Some(Expr::Ok(Box::new(Expr::call("PyIter::from_plain", vec![Expr::Vec(items)]))));
            }
            Ty::Dyn => {
                let it = Expr::Question(Box::new(v.method("iter", vec![])));
                let conv = self.in_closure(|s| s.coerce(Expr::Var("x".into()), &Ty::Dyn, to, span));
                let it = if *to == Ty::Dyn { it } else { map_items(it, "x", Expr::Ok(Box::new(conv))) };
                return Some(Expr::Ok(Box::new(Expr::call("PyIter::new", vec![it]))));
            }
            _ => return None,
        };
        let it = if plain { Expr::call("PyIter::from_plain", vec![it]) } else { it };
        let it = if storable(&item) == *to {
            it
        } else {
            let conv = self.in_closure(|s| s.coerce(Expr::Var("x".into()), &item, to, span));
            map_items(it, "x", Expr::Ok(Box::new(conv)))
        };
        Some(Expr::Ok(Box::new(Expr::call("PyIter::new", vec![it]))))
    }

    /// A function argument as a closure the iterator may own (see the module comment).
    fn owned_closure(&mut self, f: &ast::Expr, params: &[Ty], by_ref: bool, consumed: &Option<HashSet<String>>) -> Option<Expr> {
        let closure = self.callable_closure(f, params, by_ref)?;
        let ExprKind::Lambda { body, .. } = &f.kind else { return Some(closure) };
        let mut captured: Vec<(ScopeId, String, Span)> = Vec::new();
        visit_expr(body, &mut |x| {
            if let (ExprKind::Name(n), Some(Binding::Var(scope, _))) = (&x.kind, self.res.names.get(&x.id)) {
                if *scope == self.scope && !captured.iter().any(|(_, m, _)| m == n) {
                    captured.push((*scope, n.clone(), x.span));
                }
            }
        });
        let mut lets = Vec::new();
        for (scope, n, at) in captured {
            match self.storage.get(&(scope, n.clone())) {
                Some(Storage::Static) | None => continue,
                Some(_) => {}
            }
            let ok = match consumed {
                Some(rebound) => !rebound.contains(&n),
                None => self.fixed_vars.contains(&(scope, n.clone())),
            };
            if !ok {
                self.unsupported(at, format!("`{n}` read by a function given to a lazy iterator"), "it may change before the iterator reads it; copy it into a variable assigned once, or consume the iterator at once (list(...))");
                return None;
            }
            let name = rust_ident(&n);
            lets.push(Stmt::Let { name: name.clone(), ty: None, init: Some(Expr::Var(name).method("clone", vec![])), mutable: true, optional: false });
        }
        if lets.is_empty() {
            return Some(closure);
        }
        let Expr::Closure(pats, body) = closure else { return Some(closure) };
        Some(Expr::Block(Block::with_tail(lets, Expr::MoveClosureWith(pats, body))))
    }

    fn accumulate(&mut self, a: &crate::itertools::Args, elem: &Ty, consumed: &Option<HashSet<String>>, span: Span) -> Expr {
        let src = self.it_source(a.iterables[0], elem, consumed);
        let (x, y) = (Expr::Var("acc".into()), Expr::Var("item".into()));
        let pats = vec![Pat::Ident("acc".into()), Pat::Ident("item".into())];
        let builtin = |s: &Self, f: &ast::Expr| match (&f.kind, s.res.names.get(&f.id)) {
            (ExprKind::Name(n), Some(Binding::Builtin(_))) => Some(n.clone()),
            _ => None,
        };
        let func = match a.given("func") {
            None => {
                let body = match elem {
                    Ty::Int => Expr::Ok(Box::new(Expr::binary(RB::Add, x.reference(), y.reference()))),
                    Ty::Float => Expr::Ok(Box::new(Expr::binary(RB::Add, x, y))),
                    Ty::Dyn => x.method("add", vec![y.reference()]),
                    other => {
                        let sum = Expr::Question(Box::new(x.method("into_value", vec![]).method("add", vec![y.method("into_value", vec![]).reference()])));
                        Expr::FromValue(Box::new(sum), other.clone())
                    }
                };
                Expr::Closure(pats, Box::new(body))
            }
            Some(f) if matches!(builtin(self, f).as_deref(), Some("max" | "min")) => {
                let is_max = builtin(self, f).as_deref() == Some("max");
                let body = match elem {
                    Ty::Int | Ty::Float | Ty::Str => Expr::Ok(Box::new(Expr::call(if is_max { "max2" } else { "min2" }, vec![x, y]))),
                    _ => Expr::call(if is_max { "max_values" } else { "min_values" }, vec![Expr::Vec(vec![x.method("into_value", vec![]), y.method("into_value", vec![])])]),
                };
                let body = if matches!(elem, Ty::Int | Ty::Float | Ty::Str | Ty::Dyn) {
                    body
                } else {
                    return self.unsupported(f.span, "this function for `accumulate`", "not supported for these items yet");
                };
                Expr::Closure(pats, Box::new(body))
            }
            Some(f) => {
                let ret = match &f.kind {
                    ExprKind::Lambda { body, .. } => storable(&self.ty(body)),
                    _ => match self.res.names.get(&f.id) {
                        Some(Binding::Func(fid)) => storable(&self.types.returns[fid.0 as usize]),
                        _ => elem.clone(),
                    },
                };
                let Some(c) = self.owned_closure(f, &[elem.clone(), elem.clone()], false, consumed) else { return Expr::Unit };
                if ret == *elem {
                    c
                } else {
                    // The function's result, converted to the running total's type.
                    let conv = self.in_closure(|s| s.coerce(Expr::Var("v".into()), &ret, elem, span));
                    let call = Expr::Call(Box::new(Expr::Var("func".into())), vec![x, y]);
                    let body = call.method("and_then", vec![Expr::Closure(vec![Pat::Ident("v".into())], Box::new(Expr::Ok(Box::new(conv))))]);
                    let init = Stmt::Let { name: "func".into(), ty: None, init: Some(c), mutable: true, optional: false };
                    Expr::Block(Block::with_tail(vec![init], Expr::MoveClosureWith(pats, Box::new(body))))
                }
            }
        };
        let initial = match a.given("initial") {
            Some(i) => Expr::call("Some", vec![self.expr_as(i, elem)]),
            None => Expr::Path("None".into()),
        };
        Expr::call("itertools_accumulate", vec![src, func, initial])
    }

    /// `product`, `permutations`, `combinations`: the pools are read at creation (as CPython
    /// does), the runtime yields index vectors, and the tuples are built here.
    fn combinatoric(&mut self, name: &str, a: &crate::itertools::Args, elem: &Ty, consumed: &Option<HashSet<String>>, span: Span) -> Expr {
        let mut stmts = Vec::new();
        let mut pools = Vec::new();
        let parts: Vec<Ty> = match elem {
            Ty::Tuple(ps) => ps.clone(),
            _ => Vec::new(),
        };
        if parts.is_empty() && name == "product" {
            return self.unsupported(span, "this `product`", "`repeat` must be an int literal, and the tuples at most 12 long");
        }
        for (i, x) in a.iterables.iter().enumerate() {
            let item_ty = match parts.get(i) {
                Some(p) => p.clone(),
                None => storable(&self.elem_ty(x)),
            };
            let src = self.it_source(x, &item_ty, consumed);
            let pool = self.tmp("pool");
            let init = self.attempt(Expr::call("itertools_pool", vec![src]), span);
            stmts.push(Stmt::Let { name: pool.clone(), ty: None, init: Some(init), mutable: false, optional: false });
            pools.push(pool);
        }
        let len = |p: &str| Expr::Var(p.to_string()).method("len", vec![]);
        let indices = match name {
            "product" => {
                let repeat = match a.get("repeat") {
                    Some(r) => self.expr_as(r, &Ty::Int),
                    None => Expr::Int(1),
                };
                Expr::call("itertools_product", vec![Expr::Vec(pools.iter().map(|p| len(p)).collect()), repeat.reference()])
            }
            _ => {
                let r = match a.given("r") {
                    Some(r) if matches!(self.ty(r), Ty::Int | Ty::Bool) => Some(self.expr_as(r, &Ty::Int).reference()),
                    Some(r) => return self.unsupported(r.span, format!("this `r` argument of `{name}`"), "r must be an int"),
                    None => None,
                };
                match (name, r) {
                    ("combinations", Some(r)) => Expr::call("itertools_combinations", vec![len(&pools[0]), r]),
                    ("permutations", r) => Expr::call("itertools_permutations", vec![len(&pools[0]), r.map_or(Expr::Path("None".into()), |r| Expr::call("Some", vec![r]))]),
                    _ => return Expr::Unit,
                }
            }
        };
        let indices = self.attempt(indices, span);
        let ix = Expr::Var("ix".into());
        let item = if parts.is_empty() {
            Expr::call("itertools_tuple_value", vec![Expr::Var(pools[0].clone()).reference(), ix.reference()])
        } else {
            let n = pools.len();
            Expr::Tuple((0..parts.len()).map(|k| Expr::call("itertools_pick", vec![Expr::Var(pools[k % n].clone()).reference(), Expr::Index(Box::new(ix.clone()), k)])).collect())
        };
        let per = Expr::Closure(vec![Pat::Ident("r".into())], Box::new(Expr::Var("r".into()).method("map", vec![Expr::Closure(vec![Pat::Ident("ix".into())], Box::new(item))])));
        let per = match per {
            Expr::Closure(p, b) => Expr::MoveClosureWith(p, b),
            other => other,
        };
        Expr::Block(Block::with_tail(stmts, Expr::call("PyIter::new", vec![indices.method("map", vec![per])])))
    }
}

/// `items.map(|r| r.and_then(|name| body))`: `body` (a `PyResult`) applied to each item.
fn map_items(items: Expr, name: &str, body: Expr) -> Expr {
    let inner = Expr::Closure(vec![Pat::Ident(name.into())], Box::new(body));
    let per = Expr::MoveClosureWith(vec![Pat::Ident("r".into())], Box::new(Expr::Var("r".into()).method("and_then", vec![inner])));
    items.method("into_iter", vec![]).method("map", vec![per])
}
