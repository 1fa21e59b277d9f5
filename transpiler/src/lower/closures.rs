//! Functions as values: nested `def`s, lambdas stored or passed around, module functions and
//! builtins used as values, and calls of such values.
//!
//! A function value is the runtime's `PyFunc` inside a `Value`: a closure that checks the
//! argument count, unboxes the arguments to the function's parameter types, fills in the
//! defaults (evaluated once, where the function is defined) and calls the function's typed Rust
//! `fn`. Variables of enclosing functions that an inner function uses are shared cells
//! (`PyCell<T>`): the defining function declares them, the closure holds a handle, and the
//! inner `fn` receives them as leading `&PyCell<T>` parameters, so assignments on either side
//! (`nonlocal`) are seen by both.

use super::*;

impl Lower<'_> {
    /// Whether the variable lives in a cell shared with closures.
    pub(super) fn is_cell(&self, scope: ScopeId, name: &str) -> bool {
        self.res.cells.contains(&(scope, name.to_string())) || self.late_cells.contains(&(scope, name.to_string()))
    }

    /// Reading a cell variable (NameError / UnboundLocalError while unassigned).
    pub(super) fn cell_read(&self, scope: ScopeId, name: &str, span: Span) -> Expr {
        let get = if scope == self.scope { "get_local" } else { "get" };
        let read = Expr::Var(rust_ident(name)).method(get, vec![Expr::StrLit(name.to_string())]);
        self.attempt(read, span)
    }

    /// Declarations of the cells a function owns: `let count = PyCell::<Int>::unbound();`, or
    /// for a captured parameter `let x = PyCell::new(x);`.
    pub(super) fn cell_decls(&self, scope: ScopeId, params: &[ast::Param]) -> Vec<Stmt> {
        let mut out = Vec::new();
        for name in &self.res.scopes[scope.0 as usize].locals {
            if !self.is_cell(scope, name) {
                continue;
            }
            let ty = storable(&self.types.var(scope, name));
            let id = rust_ident(name);
            let init = if params.iter().any(|p| &p.name == name) { Expr::NewCell(ty, Some(Box::new(Expr::Var(id.clone())))) } else { Expr::NewCell(ty, None) };
            out.push(Stmt::Let { name: id, ty: None, init: Some(init), mutable: false, optional: false });
        }
        out
    }

    /// The cells a function receives: (Rust name, type).
    pub(super) fn capture_params(&self, f: &crate::resolve::Func) -> Vec<(String, Ty)> {
        f.captures.iter().map(|(scope, name)| (rust_ident(name), storable(&self.types.var(*scope, name)))).collect()
    }

    /// The runtime's description of `fid`'s parameters (`Params`), for binding arguments at
    /// run time with CPython's rules and messages.
    pub(super) fn params_shape(&self, fid: FuncId) -> Expr {
        use ast::ParamKind;
        let f = &self.res.funcs[fid.0 as usize];
        let named: Vec<&ast::Param> = f.params.iter().filter(|p| p.kind == ParamKind::Positional).chain(f.params.iter().filter(|p| p.kind == ParamKind::KeywordOnly)).collect();
        let positional = f.params.iter().filter(|p| p.kind == ParamKind::Positional).count();
        let has = |kind| f.params.iter().any(|p| p.kind == kind);
        Expr::Struct(
            "Params".into(),
            vec![
                ("name".into(), Expr::StrLit(self.qualname(fid))),
                ("names".into(), Expr::Array(named.iter().map(|p| Expr::StrLit(p.name.clone())).collect()).reference()),
                ("positional".into(), Expr::RawInt(positional as i64)),
                ("defaults".into(), Expr::Array(named.iter().map(|p| Expr::Bool(p.default.is_some())).collect()).reference()),
                ("var_args".into(), Expr::Bool(has(ParamKind::VarArgs))),
                ("var_kw".into(), Expr::Bool(has(ParamKind::VarKeywords))),
            ],
        )
    }

    /// The function `fid` as a value, created here (its defaults evaluated now).
    pub(super) fn func_value(&mut self, fid: FuncId, span: Span) -> Expr {
        use ast::ParamKind;
        let f = self.res.funcs[fid.0 as usize].clone();
        let mut stmts = Vec::new();
        let mut call_args = Vec::new();
        for (_, name) in &f.captures {
            let id = rust_ident(name);
            stmts.push(Stmt::Let { name: id.clone(), ty: None, init: Some(Expr::Var(id.clone()).method("clone", vec![])), mutable: false, optional: false });
            call_args.push(Expr::Var(id).reference());
        }
        let param_tys: Vec<Ty> = self.types.params[fid.0 as usize].iter().map(storable).collect();
        // The arguments are bound to the parameters at run time, as CPython binds them.
        let shape = self.params_shape(fid);
        let bound = Expr::Var("bound".into());
        let bind = Expr::Question(Box::new(Expr::call("bind_args", vec![shape.reference(), Expr::Var("args".into()), Expr::Var("kwargs".into())])));
        let body = vec![Stmt::Let { name: "bound".into(), ty: None, init: Some(bind), mutable: true, optional: false }];
        for (p, pt) in f.params.iter().zip(&param_tys) {
            let default = match &p.default {
                Some(d) => {
                    if f.parent.is_none() && !f.is_value && !is_immutable_literal(d) {
                        return self.unsupported(span, format!("`{}` as a value", f.name), "its default values are not constants");
                    }
                    let name = self.tmp("default");
                    let v = self.expr_as(d, pt);
                    stmts.push(Stmt::Let { name: name.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                    Some(Expr::Var(name))
                }
                None => None,
            };
            let arg = match (p.kind, default) {
                (ParamKind::Positional | ParamKind::KeywordOnly, Some(d)) => {
                    let next = Expr::Question(Box::new(bound.clone().method("next", vec![])));
                    next.method("unwrap_or_else", vec![Expr::Closure(vec![], Box::new(clone_of(d, pt)))])
                }
                (ParamKind::Positional | ParamKind::KeywordOnly, None) => Expr::Question(Box::new(bound.clone().method("next_required", vec![]))),
                (ParamKind::VarArgs, _) => bound.clone().method("rest", vec![]),
                (ParamKind::VarKeywords, _) => Expr::Question(Box::new(bound.clone().method("kwargs", vec![]))),
            };
            call_args.push(arg);
        }
        let ret = storable(&self.types.returns[fid.0 as usize]);
        // The result boxed whole (an iterator it returns becomes one value).
        let call = box_result(Expr::call(&f.rust_name, call_args), if matches!(ret, Ty::Iter(_)) { &Ty::Dyn } else { &ret });
        let closure = Expr::MoveFn(vec![Pat::Ident("args".into()), Pat::Ident("kwargs".into())], Box::new(Expr::Block(Block::with_tail(body, call))));
        let value = Expr::call("func_value_kw", vec![Expr::StrLit(f.name.clone()), closure]);
        if stmts.is_empty() {
            value
        } else {
            Expr::Block(Block::with_tail(stmts, value))
        }
    }

    /// Python's qualified name of a function (`make_adder.<locals>.add`), for messages.
    pub(super) fn qualname(&self, fid: FuncId) -> String {
        let f = &self.res.funcs[fid.0 as usize];
        let own = match f.class {
            Some(c) => format!("{}.{}", self.res.class(c).name, f.name),
            None => f.name.clone(),
        };
        match f.parent {
            Some(p) => format!("{}.<locals>.{own}", self.qualname(p)),
            None => own,
        }
    }

    /// A builtin such as `abs` used as a value.
    pub(super) fn builtin_value(&mut self, name: &str, span: Span) -> Expr {
        const AS_VALUES: &[&str] = &["abs", "len", "pow", "str", "repr", "int", "float", "bool", "list", "set", "dict", "tuple"];
        if AS_VALUES.contains(&name) {
            Expr::call("builtin_value", vec![Expr::StrLit(name.to_string())])
        } else {
            self.unsupported(span, format!("the builtin `{name}` as a value"), format!("only {} can be used as values yet", AS_VALUES.join(", ")))
        }
    }

    /// Calling a function value, or a function with `*` arguments: the arguments are boxed
    /// (converted to the parameter types first when the function is known).
    pub(super) fn value_call(&mut self, e: &ast::Expr, func: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let known = match self.ty(func) {
            Ty::Func(f) => Some(f),
            _ => None,
        };
        let callee = match (&func.kind, self.res.names.get(&func.id).cloned()) {
            (ExprKind::Name(n), Some(Binding::Builtin(_))) => self.builtin_value(n, func.span),
            _ => {
                let t = self.ty(func);
                let v = self.place(func);
                self.coerce_place(v, &t)
            }
        };
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let mut items = Vec::new();
        for (i, a) in args.iter().enumerate() {
            if let ExprKind::Starred(inner) = &a.kind {
                let v = if self.ty(inner) == Ty::Dyn { self.reference(inner) } else { self.expr_as(inner, &Ty::Dyn).reference() };
                items.push((true, self.attempt(Expr::call("star_args", vec![v]), a.span)));
                continue;
            }
            let pt = match known {
                Some(f) if !starred => {
                    let def = &self.res.funcs[f.0 as usize];
                    match def.params.get(i) {
                        Some(p) if p.kind == ast::ParamKind::Positional => storable(&self.types.params[f.0 as usize][i]),
                        _ => Ty::Dyn,
                    }
                }
                _ => Ty::Dyn,
            };
            let v = self.expr_as(a, &pt);
            let v = self.coerce(v, &pt, &Ty::Dyn, a.span);
            items.push((false, v));
        }
        let list = if starred {
            let name = self.tmp("args");
            let mut stmts = vec![Stmt::Let { name: name.clone(), ty: None, init: Some(Expr::call("Vec::<Value>::new", vec![])), mutable: true, optional: false }];
            for (star, v) in items {
                let m = if star { "extend" } else { "push" };
                stmts.push(Stmt::Expr(Expr::Var(name.clone()).method(m, vec![v])));
            }
            Expr::Block(Block::with_tail(stmts, Expr::Var(name)))
        } else {
            Expr::Vec(items.into_iter().map(|(_, v)| v).collect())
        };
        let call = if keywords.is_empty() {
            self.attempt(Expr::call("call_value", vec![callee.reference(), list]), e.span)
        } else {
            let kwargs = self.keyword_args(keywords);
            self.attempt(Expr::call("call_value_kw", vec![callee.reference(), list, kwargs]), e.span)
        };
        let t = storable(&self.ty(e));
        self.coerce(call, &Ty::Dyn, &t, e.span)
    }

    /// The keyword arguments of a call through a function value, boxed, in the order written:
    /// `k=v` and `**d` (a dict with string keys).
    fn keyword_args(&mut self, keywords: &[ast::Keyword]) -> Expr {
        let name = self.tmp("kwargs");
        let mut stmts = vec![Stmt::Let { name: name.clone(), ty: None, init: Some(Expr::call("Kwargs::new", vec![])), mutable: true, optional: false }];
        for k in keywords {
            if k.is_unpacking() {
                if !matches!(self.ty(&k.value), Ty::Dict(key, _) if *key == Ty::Str) {
                    return self.unsupported(k.value.span, "`**` of something other than a dict with string keys", "not supported yet");
                }
                let d = self.place(&k.value);
                stmts.push(Stmt::Expr(Expr::Var(name.clone()).method("extend", vec![Expr::call("star_kwargs", vec![d.reference()])])));
            } else {
                let v = self.expr_as(&k.value, &Ty::Dyn);
                let pair = Expr::Tuple(vec![Expr::call("PyStr::from", vec![Expr::StrLit(k.name.clone())]), v]);
                stmts.push(Stmt::Expr(Expr::Var(name.clone()).method("push", vec![pair])));
            }
        }
        Expr::Block(Block::with_tail(stmts, Expr::Var(name)))
    }

    /// `@d` applied to a function value: `d(v)`.
    pub(super) fn decorate(&mut self, d: &ast::Expr, v: Expr) -> Expr {
        let callee = match (&d.kind, self.res.names.get(&d.id).cloned()) {
            (ExprKind::Name(n), Some(Binding::Builtin(_))) => self.builtin_value(n, d.span),
            _ => {
                let t = self.ty(d);
                let c = self.place(d);
                self.coerce_place(c, &t)
            }
        };
        self.attempt(Expr::call("call_value", vec![callee.reference(), Expr::Vec(vec![v])]), d.span)
    }

    /// A function-valued place (`Value`) as it is borrowed for a call.
    fn coerce_place(&mut self, v: Expr, t: &Ty) -> Expr {
        match t {
            Ty::Func(_) | Ty::Dyn => v,
            _ => v.method("clone", vec![]).method("into_value", vec![]),
        }
    }

    /// `zip(*rows)`: tuples of a length known only at run time.
    pub(super) fn zip_star(&mut self, e: &ast::Expr, args: &[ast::Expr]) -> Expr {
        let name = self.tmp("iterables");
        let mut stmts = vec![Stmt::Let { name: name.clone(), ty: None, init: Some(Expr::call("Vec::<Value>::new", vec![])), mutable: true, optional: false }];
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    let v = self.expr_as(inner, &Ty::Dyn);
                    let items = self.attempt(Expr::call("star_args", vec![v.reference()]), a.span);
                    stmts.push(Stmt::Expr(Expr::Var(name.clone()).method("extend", vec![items])));
                }
                _ => {
                    let v = self.expr_as(a, &Ty::Dyn);
                    stmts.push(Stmt::Expr(Expr::Var(name.clone()).method("push", vec![v])));
                }
            }
        }
        let zipped = self.attempt(Expr::call("zip_values", vec![Expr::Var(name)]), e.span);
        Expr::Block(Block::with_tail(stmts, zipped))
    }
}
