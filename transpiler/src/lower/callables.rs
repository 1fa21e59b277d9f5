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
                _ => {
                    self.unsupported(f.span, format!("`{n}` as a function argument"), "pass a lambda, a function defined with def, or len/str/abs/int/float/repr");
                    return None;
                }
            },
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
        if let Some(k) = keywords.iter().find(|k| k.name != "key" && k.name != "reverse") {
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
            ("min" | "max", 1) => {
                let elem = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let call = match key {
                    Some(f) => {
                        let closure = self.callable_closure(f, &[elem], true)?;
                        Expr::call(if name == "min" { "min_by_key" } else { "max_by_key" }, vec![it, closure])
                    }
                    None => Expr::call(if name == "min" { "min_iter" } else { "max_iter" }, vec![it]),
                };
                Some(self.attempt(call, e.span))
            }
            ("map" | "filter" | "zip" | "reversed", _) => Some(self.iterator_value(e)),
            _ => None,
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
                let it = self.iterate(&args[1]);
                let closure = self.callable_closure(&args[0], &[elem], false)?;
                Some(Expr::call("py_map", vec![it, closure]))
            }
            ("map", 3) => {
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
                let it = self.iterate(&args[1]);
                if matches!(args[0].kind, ExprKind::None) {
                    let keep = Expr::Closure(vec![Pat::Ident("item".into())], Box::new(Expr::Ok(Box::new(Expr::call("truthy", vec![Expr::Var("item".into())])))));
                    return Some(Expr::call("py_filter", vec![it, keep]));
                }
                let closure = self.callable_closure(&args[0], &[elem], true)?;
                Some(Expr::call("py_filter", vec![it, closure]))
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
            ("zip", _) if args.iter().any(|a| self.lazily_fallible(a) || matches!(a.kind, ExprKind::GenExp { .. })) => {
                self.unsupported(iter.span, "`zip` over lazy iterators (generator expressions, map, filter, dicts)", "zip would consume them eagerly here; build a list first");
                None
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
        self.stored_iter(e)
    }

    /// Iterating an instance of an iterator class: `__iter__`, then `__next__` until it raises
    /// `StopIteration`.
    pub(super) fn object_iter(&mut self, e: &ast::Expr, root: crate::resolve::ClassId) -> Option<Expr> {
        let recv = self.expr(e);
        let iterator = self.call_method_values(e.span, root, "__iter__", recv, vec![]);
        let it_ty = self.method_impls(root, "__iter__").first().map(|f| storable(&self.types.returns[f.0 as usize]))?;
        match it_ty {
            Ty::Obj(it_root) => {
                let name = self.tmp("iterator");
                let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
                let next = self.call_method_values(e.span, it_root, "__next__", Expr::Var(name.clone()).method("clone", vec![]), vec![]);
                (self.tries, self.loops, self.caught) = saved;
                let next = Expr::Ok(Box::new(next));
                let make = Expr::call("py_next_iter", vec![Expr::MoveClosure(Box::new(next))]);
                Some(Expr::Block(Block::with_tail(vec![Stmt::Let { name, ty: None, init: Some(iterator), mutable: false, optional: false }], make)))
            }
            Ty::Iter(_) | Ty::Gen(_) => Some(iterator),
            _ => {
                self.unsupported(e.span, "iterating over this object", "its __iter__ must return an iterator object or an iterator");
                None
            }
        }
    }
}
