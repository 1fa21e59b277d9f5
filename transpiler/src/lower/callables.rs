//! Function-valued arguments: lambdas, functions and some builtins passed to `sorted(key=)`,
//! `min`/`max(key=)`, `list.sort(key=)`, `map` and `filter` become Rust closures, typed by the
//! items they receive. A lambda's body is lowered inline; the closure captures the enclosing
//! variables it reads (they cannot change while the builtin runs).

use super::*;

impl Lower<'_> {
    /// A closure calling `f` on items of types `param_tys`; it returns `PyResult<R>`.
    /// `by_ref`: the closure receives `&T` (as key functions do) rather than `T`.
    pub(super) fn callable_closure(&mut self, f: &ast::Expr, param_tys: &[Ty], by_ref: bool) -> Option<Expr> {
        let items: Vec<String> = (0..param_tys.len()).map(|_| self.tmp("arg")).collect();
        let owned = |s: &Self, i: usize| {
            let v = Expr::Var(items[i].clone());
            let _ = s;
            if by_ref {
                clone_of(v, &param_tys[i])
            } else {
                v
            }
        };
        let body = match &f.kind {
            ExprKind::Lambda { params, body } => {
                if params.len() < param_tys.len() {
                    self.unsupported(f.span, "this lambda", format!("it takes {} arguments but is called with {}", params.len(), param_tys.len()));
                    return None;
                }
                let Some(&scope) = self.res.lambdas.get(&f.id) else {
                    self.unsupported(f.span, "this lambda here", "a lambda used as a value cannot be called inline here yet");
                    return None;
                };
                let mut stmts = Vec::new();
                // Errors inside propagate out of the closure (to the builtin, then here).
                let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught), std::mem::replace(&mut self.frame, "<lambda>".into()));
                for (i, p) in params.iter().enumerate() {
                    let pt = storable(&self.types.var(scope, &p.name));
                    let v = match (i < param_tys.len(), &p.default) {
                        (true, _) => {
                            let v = owned(self, i);
                            self.coerce(v, &param_tys[i], &pt, f.span)
                        }
                        (false, Some(d)) => self.expr_as(d, &pt),
                        (false, None) => return None,
                    };
                    stmts.push(Stmt::Let { name: rust_ident(&p.name), ty: None, init: Some(v), mutable: true, optional: false });
                }
                let value = self.expr(body);
                (self.tries, self.loops, self.caught, self.frame) = saved;
                Expr::Block(Block::with_tail(stmts, Expr::Ok(Box::new(value))))
            }
            ExprKind::Name(_) if matches!(self.ty(f), Ty::Obj(root) if !self.method_impls(root, "__call__").is_empty()) => {
                // A callable instance: its `__call__`.
                let Ty::Obj(root) = self.ty(f) else { return None };
                let recv = clone_of(self.place(f), &Ty::Obj(root));
                let args = (0..param_tys.len()).map(|i| (owned(self, i), param_tys[i].clone())).collect();
                let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
                let call = self.call_method_values(f.span, root, "__call__", recv, args);
                (self.tries, self.loops, self.caught) = saved;
                Expr::Ok(Box::new(call))
            }
            ExprKind::Name(n) => match self.res.names.get(&f.id).cloned() {
                Some(Binding::Func(fid)) => {
                    let ptys: Vec<Ty> = self.types.params[fid.0 as usize].iter().map(storable).collect();
                    if ptys.len() < param_tys.len() || self.res.funcs[fid.0 as usize].params.iter().skip(param_tys.len()).any(|p| p.default.is_none()) {
                        self.unsupported(f.span, format!("`{n}` here"), "its parameters do not match the items it is called with");
                        return None;
                    }
                    let mut args = Vec::new();
                    for (i, pt) in ptys.iter().enumerate() {
                        if i < param_tys.len() {
                            let v = owned(self, i);
                            args.push(self.coerce(v, &param_tys[i], pt, f.span));
                        } else if let Some(d) = self.res.funcs[fid.0 as usize].params[i].default.clone() {
                            args.push(self.expr_as(&d, pt));
                        }
                    }
                    Expr::call(&self.res.funcs[fid.0 as usize].rust_name.clone(), args)
                }
                Some(Binding::Builtin(b)) if param_tys.len() == 1 => {
                    let v = owned(self, 0);
                    let (call, fallible) = self.builtin_on_value(f, &b, v, &param_tys[0])?;
                    if fallible {
                        call
                    } else {
                        Expr::Ok(Box::new(call))
                    }
                }
                Some(Binding::Builtin(b)) if b == "pow" && param_tys.len() >= 2 => {
                    // `map(pow, xs, ys)`: Python's `pow` on the items as dynamic values.
                    let boxed = (0..param_tys.len()).map(|i| {
                        let v = owned(self, i);
                        self.coerce(v, &param_tys[i], &Ty::Dyn, f.span)
                    }).collect();
                    Expr::call("call_value", vec![Expr::call("builtin_value", vec![Expr::StrLit(b.clone())]).reference(), Expr::Vec(boxed)])
                }
                _ => {
                    self.unsupported(f.span, format!("`{n}` as a function argument"), "pass a lambda, a function defined with def, or len/str/abs/int/float/repr");
                    return None;
                }
            },
            // `str.upper` and the like, given strings: the method called on each.
            ExprKind::Attribute { value, attr } if matches!(&value.kind, ExprKind::Name(n) if n == "str") && matches!(self.res.names.get(&value.id), Some(Binding::Builtin(_))) && param_tys.first() == Some(&Ty::Str) => {
                let recv = owned(self, 0);
                let recv = self.coerce(recv, &Ty::Str, &Ty::Dyn, f.span);
                let rest = (1..param_tys.len()).map(|i| {
                    let v = owned(self, i);
                    self.coerce(v, &param_tys[i], &Ty::Dyn, f.span)
                }).collect();
                recv.method("call_method", vec![Expr::StrLit(attr.clone()), Expr::Vec(rest)])
            }
            _ => {
                self.unsupported(f.span, "this function argument", "pass a lambda or the name of a function");
                return None;
            }
        };
        Some(Expr::Closure(items.into_iter().map(Pat::Ident).collect(), Box::new(body)))
    }

    /// A builtin applied to a lowered value (for `key=len`, `map(str, xs)`): the call and
    /// whether it returns a `PyResult`.
    fn builtin_on_value(&mut self, f: &ast::Expr, name: &str, v: Expr, t: &Ty) -> Option<(Expr, bool)> {
        Some(match (name, t) {
            ("len", Ty::List(_) | Ty::Str | Ty::Dict(..) | Ty::Set(_)) => (v.method("len", vec![]), false),
            ("str", _) => (Expr::call("py_str", vec![v.reference()]), true),
            ("repr", _) => (Expr::call("py_repr", vec![v.reference()]), true),
            ("abs", Ty::Int | Ty::Float) => (v.method("abs", vec![]), false),
            ("int", Ty::Int) => (v, false),
            ("int", Ty::Str) => (Expr::call("Int::parse", vec![v.method("as_str", vec![]), Expr::RawInt(10)]), true),
            ("int", Ty::Float) => (Expr::call("Int::from_f64", vec![v]), true),
            ("float", Ty::Float) => (v, false),
            ("float", Ty::Int) => (v.method("to_f64", vec![]), true),
            ("float", Ty::Str) => (Expr::call("float_parse", vec![v.method("as_str", vec![])]), true),
            ("bool", _) => (Expr::call("truthy", vec![v.reference()]), false),
            _ => {
                self.unsupported(f.span, format!("`{name}` as a function argument on {}", t.python_name()), "not supported yet");
                return None;
            }
        })
    }

    /// `sorted`, `min`/`max(key=)`, `zip`, `reversed`, `map`, `filter` calls (values; `map`
    /// and `filter` are iterated through `fallible_iter`).
    pub(super) fn higher_order_call(&mut self, e: &ast::Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Option<Expr> {
        let key = keywords.iter().find(|k| k.name == "key").map(|k| &k.value);
        let reverse = keywords.iter().find(|k| k.name == "reverse").map(|k| &k.value);
        let default = keywords.iter().find(|k| k.name == "default" && matches!(name, "min" | "max") && args.len() == 1).map(|k| &k.value);
        if let Some(k) = keywords.iter().find(|k| k.name != "key" && k.name != "reverse" && !(k.name == "default" && default.is_some())) {
            return Some(self.unsupported(k.span, format!("`{name}({}=...)`", k.name), "not supported yet"));
        }
        match (name, args.len()) {
            ("sorted", 1) => {
                let elem = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let rev = reverse.map_or(Expr::Bool(false), |r| self.cond(r));
                let call = match key {
                    Some(f) => {
                        let closure = self.callable_closure(f, &[elem], true)?;
                        Expr::call("sorted_by_key", vec![it, closure, rev])
                    }
                    None => Expr::call("sorted", vec![it, rev]),
                };
                Some(self.attempt(call, e.span))
            }
            ("min" | "max", 1) if default.is_some() => {
                // The items as the result's type (the default may be of another type).
                let t = storable(&self.ty(e));
                let elem = self.elem_ty(&args[0]);
                let item = self.coerce(Expr::Var("item".into()), &elem, &t, e.span);
                let convert = Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item));
                let d = self.expr_as(default?, &t);
                let key_closure = match key {
                    Some(f) => Some(self.callable_closure(f, &[t.clone()], true)?),
                    None => None,
                };
                let call = self.consume_items(&args[0], |items| {
                    let items = items.method("into_iter", vec![]).method("map", vec![convert]);
                    match key_closure {
                        Some(k) => Expr::call(if name == "min" { "min_by_key_or" } else { "max_by_key_or" }, vec![items, k, d]),
                        None => Expr::call(if name == "min" { "min_iter_or" } else { "max_iter_or" }, vec![items, d]),
                    }
                });
                Some(self.attempt(call, e.span))
            }
            ("min" | "max", 1) => {
                let elem = self.elem_ty(&args[0]);
                let key_closure = match key {
                    Some(f) => Some(self.callable_closure(f, &[elem], true)?),
                    None => None,
                };
                let call = self.consume_items(&args[0], |items| match key_closure {
                    Some(k) => Expr::call(if name == "min" { "min_by_key" } else { "max_by_key" }, vec![items, k]),
                    None => Expr::call(if name == "min" { "min_iter" } else { "max_iter" }, vec![items]),
                });
                Some(self.attempt(call, e.span))
            }
            ("map" | "filter" | "zip" | "reversed", _) => Some(self.iterator_value(e)),
            _ => None,
        }
    }

    /// `consume(items)`, a call consuming the iterable's plain items: over its items one at a
    /// time when they may raise (`try_consume`), so that a key function runs on each item before
    /// the next is made, as in Python; else over `iterate`'s.
    fn consume_items(&mut self, iter: &ast::Expr, consume: impl FnOnce(Expr) -> Expr) -> Expr {
        match self.items_one_at_a_time(iter) {
            (it, true) => Expr::call("try_consume", vec![it, Expr::Closure(vec![Pat::Ident("items".into())], Box::new(consume(Expr::Var("items".into()))))]),
            (it, false) => consume(it),
        }
    }

    /// `xs.sort(key=..., reverse=...)`.
    pub(super) fn list_sort(&mut self, e: &ast::Expr, owner: &ast::Expr, keywords: &[ast::Keyword]) -> Expr {
        let Ty::List(elem) = self.ty(owner) else { return Expr::Unit };
        let key = keywords.iter().find(|k| k.name == "key").map(|k| &k.value);
        let reverse = keywords.iter().find(|k| k.name == "reverse").map(|k| &k.value);
        let rev = reverse.map_or(Expr::Bool(false), |r| self.cond(r));
        let recv = self.place(owner);
        let call = match key {
            Some(f) => match self.callable_closure(f, &[(*elem).clone()], true) {
                Some(closure) => recv.method("sort_by_key", vec![closure, rev]),
                None => return Expr::Unit,
            },
            None => recv.method("sort_reverse", vec![rev]),
        };
        self.attempt(call, e.span)
    }

    /// `map(...)`, `filter(...)` as iterables: their items are results (the function may raise).
    pub(super) fn lazy_call_iter(&mut self, iter: &ast::Expr) -> Option<Expr> {
        let ExprKind::Call { func, args, keywords } = &iter.kind else { return None };
        let Some(Binding::Builtin(name)) = self.res.names.get(&func.id).cloned() else { return None };
        if !keywords.is_empty() {
            return None;
        }
        match (name.as_str(), args.len()) {
            ("map", 2) => {
                let elem = self.elem_ty(&args[1]);
                // A lazy source that may raise (a generator) stays lazy: one item at a time.
                let (it, map) = match self.lazily_fallible(&args[1]).then(|| self.fallible_iter(&args[1])).flatten() {
                    Some(it) => (it, "py_map_try"),
                    None => (self.iterate(&args[1]), "py_map"),
                };
                let closure = self.callable_closure(&args[0], &[elem], false)?;
                Some(Expr::call(map, vec![it, closure]))
            }
            ("map", 3) if !args[1..].iter().any(|a| self.yields_results(a)) => {
                // Two iterables: their items in pairs, as far as the shorter goes.
                let (ea, eb) = (self.elem_ty(&args[1]), self.elem_ty(&args[2]));
                let a = self.iterate(&args[1]);
                let b = self.iterate(&args[2]);
                let Expr::Closure(params, body) = self.callable_closure(&args[0], &[ea, eb], false)? else { return None };
                let pair = Expr::Closure(vec![Pat::Tuple(params)], body);
                Some(Expr::call("py_map", vec![a.method("into_iter", vec![]).method("zip", vec![b]), pair]))
            }
            ("filter", 2) => {
                let elem = self.elem_ty(&args[1]);
                let (it, filter) = match self.lazily_fallible(&args[1]).then(|| self.fallible_iter(&args[1])).flatten() {
                    Some(it) => (it, "py_filter_try"),
                    None => (self.iterate(&args[1]), "py_filter"),
                };
                if matches!(args[0].kind, ExprKind::None) {
                    let keep = Expr::Closure(vec![Pat::Ident("item".into())], Box::new(Expr::Ok(Box::new(Expr::call("truthy", vec![Expr::Var("item".into())])))));
                    return Some(Expr::call(filter, vec![it, keep]));
                }
                let closure = self.callable_closure(&args[0], &[elem], true)?;
                Some(Expr::call(filter, vec![it, closure]))
            }
            _ => None,
        }
    }

    /// `zip(a, b)` and `reversed(x)` as iterables (infallible when their inputs are).
    pub(super) fn plain_call_iter(&mut self, iter: &ast::Expr) -> Option<Expr> {
        let ExprKind::Call { func, args, keywords } = &iter.kind else { return None };
        let Some(Binding::Builtin(name)) = self.res.names.get(&func.id).cloned() else { return None };
        if !keywords.is_empty() {
            return None;
        }
        match (name.as_str(), args.len()) {
            ("zip", _) if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) => Some(self.zip_star(iter, args)),
            // Over iterables whose items may raise: lazily, in `fallible_iter`.
            ("zip", _) if args.iter().any(|a| self.yields_results(a)) => None,
            ("zip", _) if args.iter().any(|a| matches!(a.kind, ExprKind::GenExp { .. })) => {
                self.unsupported(iter.span, "`zip` over a generator expression with several `for` clauses", "zip would consume it eagerly here; build a list first");
                None
            }
            ("zip", 0) => Some(Expr::call("std::iter::empty::<EmptyTuple>", vec![])),
            ("zip", 1) => {
                let a = self.iterate(&args[0]);
                let one = Expr::Closure(vec![Pat::Ident("x".into())], Box::new(Expr::Tuple(vec![Expr::Var("x".into())])));
                Some(a.method("into_iter", vec![]).method("map", vec![one]))
            }
            ("zip", 2) => {
                let a = self.iterate(&args[0]);
                let b = self.iterate(&args[1]);
                Some(a.method("into_iter", vec![]).method("zip", vec![b]))
            }
            ("zip", 3) => {
                let a = self.iterate(&args[0]);
                let b = self.iterate(&args[1]);
                let c = self.iterate(&args[2]);
                let zipped = a.method("into_iter", vec![]).method("zip", vec![b]).method("zip", vec![c]);
                let flat = Expr::Closure(vec![Pat::Tuple(vec![Pat::Tuple(vec![Pat::Ident("x".into()), Pat::Ident("y".into())]), Pat::Ident("z".into())])], Box::new(Expr::Tuple(vec![Expr::Var("x".into()), Expr::Var("y".into()), Expr::Var("z".into())])));
                Some(zipped.method("map", vec![flat]))
            }
            ("reversed", 1) => {
                // A snapshot, then backwards (lists and ranges).
                let it = self.iterate(&args[0]);
                Some(Expr::call("Vec::from_iter", vec![it]).method("into_iter", vec![]).method("rev", vec![]))
            }
            _ => None,
        }
    }

    /// An iterator as a value (`it = iter(xs)`, `e = enumerate(xs)`, `g = (x for x in xs)`):
    /// a shared `PyIter`, so that it is consumed once, as Python's iterators are.
    pub(super) fn iterator_value(&mut self, e: &ast::Expr) -> Expr {
        if let ExprKind::Call { func, .. } = &e.kind {
            if let ExprKind::Attribute { attr, .. } = &func.kind {
                if matches!(attr.as_str(), "keys" | "values" | "items") {
                    return self.unsupported(e.span, "a dict view as a value", "iterate over it directly, or pass it to list()");
                }
            }
        }
        if let ExprKind::GenExp { elt, generators } = &e.kind {
            // Its code runs later, when the iterator is consumed: reading the enclosing
            // function's variables then (late binding) is not supported yet.
            // Variables bound once and never again read the same value then as now: the
            // iterator keeps its own copies of those.
            let own = self.res.comps.get(&e.id).copied();
            // The loop variables of the comprehensions inside are theirs, not read from outside.
            let mut inner_scopes = HashSet::new();
            visit_expr(e, &mut |x| {
                if let Some(s) = self.res.comps.get(&x.id) {
                    inner_scopes.insert(*s);
                }
            });
            let mut local = None;
            let mut copies: Vec<String> = Vec::new();
            let mut check = |x: &ast::Expr| {
                if let (ExprKind::Name(n), Some(Binding::Var(s, _))) = (&x.kind, self.res.names.get(&x.id)) {
                    if inner_scopes.contains(s) {
                        return;
                    }
                    let global = matches!(self.storage.get(&(*s, n.clone())), Some(Storage::Static));
                    let fixed = self.fixed_vars.contains(&(*s, n.clone())) && matches!(self.storage.get(&(*s, n.clone())), Some(Storage::Local) | None)
                        // A shared cell (late binding): the iterator keeps the cell itself.
                        || matches!(self.storage.get(&(*s, n.clone())), Some(Storage::Cell));
                    if Some(*s) != own && !global && fixed && !copies.contains(n) {
                        copies.push(n.clone());
                    } else if Some(*s) != own && !global && !fixed && local.is_none() {
                        local = Some((n.clone(), x.span));
                    }
                }
            };
            visit_expr(elt, &mut check);
            for (i, g) in generators.iter().enumerate() {
                g.ifs.iter().for_each(|c| visit_expr(c, &mut check));
                if i > 0 {
                    visit_expr(&g.iter, &mut check);
                }
            }
            if let Some((name, span)) = local {
                return self.unsupported(span, format!("a stored generator expression reading the local variable `{name}`"), "not supported yet; consume it where it is created, or use a generator function");
            }
            if !copies.is_empty() {
                let Some(it) = self.lazy_genexpr(elt, generators) else { return Expr::Unit };
                let lets = copies
                    .iter()
                    .map(|n| Stmt::Let { name: rust_ident(n), ty: None, init: Some(Expr::Var(rust_ident(n)).method("clone", vec![])), mutable: true, optional: false })
                    .collect();
                let iter = Expr::Block(Block::with_tail(lets, super::moving_callback(it)));
                return Expr::call("PyIter::new", vec![iter]).method("named", vec![Expr::StrLit("generator".into())]);
            }
            return self.stored_iter(e).method("named", vec![Expr::StrLit("generator".into())]);
        }
        self.stored_iter(e)
    }

    /// Iterating an instance of an iterator class: `__iter__`, then `__next__` until it raises
    /// `StopIteration`.
    pub(super) fn object_iter(&mut self, e: &ast::Expr, root: crate::resolve::ClassId) -> Option<Expr> {
        let recv = self.expr(e);
        self.object_iter_value(recv, e.span, root)
    }

    /// [`Self::object_iter`] of an already lowered instance.
    pub(super) fn object_iter_value(&mut self, recv: Expr, span: Span, root: crate::resolve::ClassId) -> Option<Expr> {
        let iterator = self.call_method_values(span, root, "__iter__", recv, vec![]);
        // What the call gives: the implementations' one return type, else a dynamic value.
        let it_ty = self.dunder_ret(root, "__iter__");
        match it_ty {
            Ty::Obj(it_root) => {
                let name = self.tmp("iterator");
                let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
                let next = self.call_method_values(span, it_root, "__next__", Expr::Var(name.clone()).method("clone", vec![]), vec![]);
                (self.tries, self.loops, self.caught) = saved;
                // The consumer records this frame when it takes the item: the call's own
                // `.at(..)` would record it twice.
                let next = match next {
                    Expr::Try { expr, .. } => *expr,
                    other => other,
                };
                let make = Expr::call("py_next_iter", vec![Expr::MoveClosure(Box::new(next))]);
                Some(Expr::Block(Block::with_tail(vec![Stmt::Let { name, ty: None, init: Some(iterator), mutable: false, optional: false }], make)))
            }
            // `__iter__` returning an iterator, or written as a generator.
            Ty::Iter(_) | Ty::Gen(_) => Some(iterator),
            // Overrides returning iterators of different types (generators of each class).
            Ty::Dyn => Some(self.attempt(iterator.method("iter", vec![]), span)),
            _ => {
                self.unsupported(span, "iterating over this object", "its __iter__ must return an iterator object or an iterator");
                None
            }
        }
    }

    /// Whether iterating this yields `PyResult` items (see `fallible_iter`): generators,
    /// iterator classes, stored iterators, lazy pipelines, dicts and sets, dynamic values.
    pub(super) fn yields_results(&self, iter: &ast::Expr) -> bool {
        if self.local_gen_call(iter) == Some(true) {
            return false;
        }
        if matches!(self.ty(iter), Ty::Gen(_) | Ty::Obj(_) | Ty::File | Ty::Dyn | Ty::Dict(..) | Ty::Set(_)) {
            return true;
        }
        if self.is_itertools_call(iter) {
            return true;
        }
        match &iter.kind {
            ExprKind::GenExp { .. } => true,
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } if matches!(self.ty(iter), Ty::Iter(_)) => true,
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Attribute { value, attr } = &func.kind {
                    return args.is_empty() && matches!(self.ty(value), Ty::Dict(..)) && matches!(attr.as_str(), "keys" | "values" | "items");
                }
                match self.res.names.get(&func.id) {
                    Some(Binding::Builtin(b)) => match b.as_str() {
                        "map" | "filter" | "iter" => true,
                        "zip" => args.iter().any(|a| self.yields_results(a)),
                        "enumerate" => args.first().is_some_and(|a| self.yields_results(a)),
                        _ => false,
                    },
                    // A function returning an iterator (`return (x for x in xs)`): a `PyIter`.
                    Some(Binding::Func(_)) => matches!(self.ty(iter), Ty::Iter(_)),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// Any iterable as an iterator of `PyResult` items (plain items wrapped in `Ok`).
    pub(super) fn result_iter(&mut self, iter: &ast::Expr) -> Expr {
        match self.fallible_iter(iter) {
            Some(it) => it,
            None => self.iterate(iter).method("into_iter", vec![]).method("map", vec![Expr::Path("Ok".into())]),
        }
    }

    /// `zip(...)` and `enumerate(...)` over iterables whose items may raise: lazy, each source
    /// pulled only as far as CPython pulls it.
    pub(super) fn lazy_combinator(&mut self, iter: &ast::Expr) -> Option<Expr> {
        let ExprKind::Call { func, args, keywords } = &iter.kind else { return None };
        let Some(Binding::Builtin(name)) = self.res.names.get(&func.id).cloned() else { return None };
        match name.as_str() {
            "zip" if keywords.is_empty() && !args.is_empty() && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) && args.iter().any(|a| self.yields_results(a)) => self.zipped_results(args),
            // `map(f, a, b, ...)` over iterables one of which may raise (a generator, an
            // infinite itertools.count): their items in tuples, taken lazily as `zip` takes them.
            "map" if keywords.is_empty() && args.len() >= 3 && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) && args[1..].iter().any(|a| self.yields_results(a)) => {
                let zipped = self.zipped_results(&args[1..])?;
                let elems: Vec<Ty> = args[1..].iter().map(|a| self.elem_ty(a)).collect();
                let Expr::Closure(params, body) = self.callable_closure(&args[0], &elems, false)? else { return None };
                Some(Expr::call("py_map_try", vec![zipped, Expr::Closure(vec![Pat::Tuple(params)], body)]))
            }
            "enumerate" if matches!(args.len(), 1 | 2) && keywords.iter().all(|k| k.name == "start") && args.len() + keywords.len() <= 2 && self.yields_results(&args[0]) => {
                let it = self.result_iter(&args[0]);
                let start = match args.get(1).or(keywords.first().map(|k| &k.value)) {
                    Some(s) => self.expr_as(s, &Ty::Int),
                    None => Expr::Int(0),
                };
                Some(Expr::call("try_enumerate", vec![it, start]))
            }
            _ => None,
        }
    }

    /// `zip(args...)` over iterables one of which may raise: `PyResult` tuples, one at a time.
    fn zipped_results(&mut self, args: &[ast::Expr]) -> Option<Expr> {
        let mut its = args.iter().map(|a| self.result_iter(a)).collect::<Vec<_>>().into_iter();
        let first = its.next()?;
        if args.len() == 1 {
            let one = Expr::Closure(vec![Pat::Ident("x".into())], Box::new(Expr::Tuple(vec![Expr::Var("x".into())])));
            let ok = Expr::Closure(vec![Pat::Ident("r".into())], Box::new(Expr::Var("r".into()).method("map", vec![one])));
            return Some(first.method("into_iter", vec![]).method("map", vec![ok]));
        }
        // Nested pairs ((a, b), c)..., flattened into one tuple.
        let mut zipped = first;
        let mut pat = Pat::Ident("x0".into());
        for (i, it) in its.enumerate() {
            zipped = Expr::call("try_zip", vec![zipped, it]);
            pat = Pat::Tuple(vec![pat, Pat::Ident(format!("x{}", i + 1))]);
        }
        if args.len() == 2 {
            return Some(zipped);
        }
        let flat = Expr::Tuple((0..args.len()).map(|i| Expr::Var(format!("x{i}"))).collect());
        let inner = Expr::Closure(vec![pat], Box::new(flat));
        let ok = Expr::Closure(vec![Pat::Ident("r".into())], Box::new(Expr::Var("r".into()).method("map", vec![inner])));
        Some(zipped.method("map", vec![ok]))
    }

    /// An already lowered value of type `vty` as an iterator of `PyResult` items, for the
    /// types whose iteration may raise; `None` for lists, strings, ranges and tuples.
    pub(super) fn value_results(&mut self, value: Expr, vty: &Ty, span: Span) -> Option<Expr> {
        match vty {
            Ty::Obj(root) => self.object_iter_value(value, span, *root),
            Ty::Gen(_) | Ty::Iter(_) => Some(value),
            Ty::Dyn => Some(self.attempt(value.method("iter", vec![]), span)),
            Ty::Dict(..) | Ty::Set(_) | Ty::File => Some(value.method("iter", vec![])),
            _ => None,
        }
    }
}
