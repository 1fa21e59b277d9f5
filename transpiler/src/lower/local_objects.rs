//! Iterator objects made and consumed on the spot.
//!
//! An instance normally lives behind `Rc<RefCell>` (`Instance<D>`), so every `self.x` in a
//! method borrows it and every `self.x = v` borrows it mutably: for an iterator class, that is
//! most of the cost of each `__next__`. When the object cannot be seen by anything but the loop
//! that consumes it, its attributes can live in place instead:
//!
//! ```text
//! sum(Countdown(n))                  {
//!                                        let mut obj = LocalInstance::<CountdownData>::new(0);
//!                                        Countdown___init___local(&mut obj, n.clone())?;
//!                                        py_next_iter(move || Countdown___next___local(&mut obj))
//!                                    }
//! ```
//!
//! That holds when the iterable is a call of the class itself (so its exact class is known),
//! the class's `__iter__` is `return self`, and its `__init__` and `__next__` use `self` only to
//! read and assign its instance attributes: no `self` passed anywhere, no method called on it,
//! no `super()`, no class attribute or property under those names, no nested function or
//! comprehension that could capture it. The methods' `_local` versions are the same lowered
//! bodies with `self_: &mut LocalInstance<RootData>`, which has the same `get`/`set` as
//! `Instance`; the ordinary versions stay for every other use of the class.

use super::*;
use crate::resolve::{ClassId, MethodKind};

impl Lower<'_> {
    /// For `C(args)` whose instance can live in place (see the module's comment): the class and
    /// its `__init__` (if it has one) and `__next__`.
    fn local_iterator(&self, e: &ast::Expr) -> Option<(ClassId, Option<FuncId>, FuncId)> {
        let ExprKind::Call { func, .. } = &e.kind else { return None };
        let Some(Binding::Class(c)) = self.res.names.get(&func.id) else { return None };
        let c = *c;
        let plain = self.res.builtin_base(c).is_none()
            && !self.res.is_exception_class(c)
            && !self.res.mro(c).iter().any(|&k| self.res.class(k).dataclass)
            && ["__getattr__", "__getattribute__", "__setattr__", "__del__"].iter().all(|m| self.res.lookup_method(c, m).is_none());
        if !plain {
            return None;
        }
        let returns_self = |f: FuncId| {
            let def = &self.res.funcs[f.0 as usize];
            match (&def.body, def.params.first()) {
                (FuncBody::Stmts(body), Some(p)) if def.kind == MethodKind::Instance && def.params.len() == 1 => {
                    matches!(body.as_slice(), [ast::Stmt { kind: StmtKind::Return(Some(ast::Expr { kind: ExprKind::Name(n), .. })), .. }] if *n == p.name)
                }
                _ => false,
            }
        };
        if !returns_self(self.res.lookup_method(c, "__iter__")?) {
            return None;
        }
        let next = self.res.lookup_method(c, "__next__")?;
        let init = self.res.lookup_method(c, "__init__");
        let root = self.res.root(c);
        let fits = self.res.funcs[next.0 as usize].params.len() == 1 && self.uses_self_only_for_attributes(root, next) && init.is_none_or(|f| self.uses_self_only_for_attributes(root, f));
        fits.then_some((c, init, next))
    }

    /// Whether method `f` of hierarchy `root` uses its `self` only as `self.attr` for instance
    /// attributes (no class attribute, method or property of that name).
    fn uses_self_only_for_attributes(&self, root: ClassId, f: FuncId) -> bool {
        let def = &self.res.funcs[f.0 as usize];
        let (FuncBody::Stmts(body), Some(me)) = (&def.body, def.params.first()) else { return false };
        if def.kind != MethodKind::Instance || me.kind != ast::ParamKind::Positional || ast::has_yield(body) {
            return false;
        }
        let mut ok = true;
        ast::walk_stmts(body, &mut |s| {
            // Nested scopes could capture `self`; `del` is not an attribute read or write.
            ok &= !matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) | StmtKind::Delete(_) | StmtKind::Global(_) | StmtKind::Nonlocal(_));
        });
        let is_me = |e: &ast::Expr| matches!(&e.kind, ExprKind::Name(n) if *n == me.name);
        let (mut names, mut attrs) = (0, 0);
        visit_stmts_exprs(body, &mut |e| match &e.kind {
            ExprKind::Name(n) if n == "super" || n == "__class__" => ok = false,
            ExprKind::Name(_) if is_me(e) => names += 1,
            ExprKind::Attribute { value, attr } if is_me(value) => {
                attrs += 1;
                ok &= self.method_impls(root, attr).is_empty() && self.res.tree(root).into_iter().all(|k| self.res.lookup_attr(k, attr).is_none());
            }
            ExprKind::Lambda { .. } => ok = false,
            ExprKind::ListComp { .. } | ExprKind::GenExp { .. } | ExprKind::SetComp { .. } | ExprKind::DictComp { .. } => {
                visit_expr(e, &mut |inner| ok &= !is_me(inner));
            }
            _ => {}
        });
        ok && names == attrs
    }

    /// `C(args)` iterated where it is made, with its attributes in place: `None` when the
    /// object does not qualify (see the module's comment).
    pub(super) fn local_object_iter(&mut self, e: &ast::Expr) -> Option<Expr> {
        let (c, init, next) = self.local_iterator(e)?;
        let ExprKind::Call { args, keywords, .. } = &e.kind else { return None };
        if init.is_none() && !(args.is_empty() && keywords.is_empty()) {
            return None; // `object.__init__`'s error, reported by the ordinary construction
        }
        let call_args = match init {
            Some(init) => self.call_args(e.span, init, 1, args, keywords)?,
            None => Vec::new(),
        };
        if self.small_version(c, init, next).is_none() {
            return Some(self.local_object(e, c, init, next, call_args, false));
        }
        // The arguments once, in order; the machine-word version (`attr_ranges.rs`) when each
        // int one fits a machine word.
        let mut stmts = Vec::new();
        let mut fits: Option<Expr> = None;
        let mut passed = Vec::new();
        let param_tys = init.map_or(Vec::new(), |f| self.types.params[f.0 as usize].iter().skip(1).cloned().collect());
        for (a, t) in call_args.into_iter().zip(param_tys) {
            let tmp = self.tmp("arg");
            stmts.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(a), mutable: false, optional: false });
            if t == Ty::Int {
                let test = Expr::Var(tmp.clone()).method("is_small", vec![]);
                fits = Some(match fits {
                    None => test,
                    Some(f) => Expr::binary(crate::rir::BinOp::And, f, test),
                });
            }
            passed.push(Expr::Var(tmp));
        }
        let word = self.local_object(e, c, init, next, passed.clone(), true);
        let Some(test) = fits else {
            // No int argument: the machine-word version always.
            return Some(Expr::Block(Block::with_tail(stmts, word)));
        };
        let usual = self.local_object(e, c, init, next, passed, false);
        Some(Expr::Versions { setup: stmts, test: Box::new(test), small: Box::new(word), usual: Box::new(usual) })
    }

    /// The instance of class `c` kept in place, `__init__` run with `call_args`, as an iterator
    /// calling its `__next__`: the methods' `_small` versions on `small`.
    fn local_object(&mut self, e: &ast::Expr, c: ClassId, init: Option<FuncId>, next: FuncId, mut call_args: Vec<Expr>, small: bool) -> Expr {
        let obj = self.tmp("obj");
        let new = if small {
            let data = format!("LocalInstance::<{}SmallData>::new", self.class_rust_name(self.res.root(c)));
            Expr::call(&data, vec![Expr::RawInt(c.0 as i64)])
        } else {
            Expr::TypedCall(Ty::Obj(self.res.root(c)), "new_local".into(), vec![Expr::RawInt(c.0 as i64)])
        };
        let mut stmts = vec![Stmt::Let { name: obj.clone(), ty: None, init: Some(new), mutable: true, optional: false }];
        let this = || Expr::Var(obj.clone()).reference_mut();
        if let Some(init) = init {
            call_args.insert(0, this());
            let init = Expr::call(&self.local_method(init, small), call_args);
            stmts.push(Stmt::Expr(self.attempt(init, e.span)));
        }
        // Its items are `PyResult`s: the consumer records this frame when it takes one.
        let step = Expr::call(&self.local_method(next, small), vec![this()]);
        let iter = Expr::call("py_next_iter", vec![Expr::MoveClosure(Box::new(step))]);
        Expr::Block(Block::with_tail(stmts, iter))
    }

    /// The name of method `f`'s version on a `LocalInstance` (with machine-word attributes
    /// when `small`), lowered at the end.
    fn local_method(&mut self, f: FuncId, small: bool) -> String {
        let name = &self.res.funcs[f.0 as usize].rust_name;
        if small {
            self.small_methods.insert(f);
            format!("{name}_small")
        } else {
            self.local_methods.insert(f);
            format!("{name}_local")
        }
    }

    /// The `_local` and `_small` versions of the methods [`Self::local_object_iter`] called
    /// (lowering one may call for more: an object made inside another's `__next__`).
    pub(super) fn lower_local_methods(&mut self, funcs: &mut Vec<rir::Func>) {
        let (mut local_done, mut small_done) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
        loop {
            let res = self.res;
            if let Some(&f) = self.local_methods.iter().find(|f| !local_done.contains(*f)) {
                local_done.insert(f);
                let mut lowered = self.func(f, &res.funcs[f.0 as usize]);
                lowered.name = format!("{}_local", lowered.name);
                lowered.self_param = rir::SelfParam::Local;
                funcs.push(lowered);
            } else if let Some(&f) = self.small_methods.iter().find(|f| !small_done.contains(*f)) {
                small_done.insert(f);
                let def = &res.funcs[f.0 as usize];
                let found = def.class.and_then(|c| self.small_classes.get(&res.root(c)).cloned().flatten());
                let (Some(found), Some(me)) = (found, def.params.first()) else { continue };
                self.small = Some(super::attr_ranges::SmallCtx { me: me.name.clone(), found });
                let mut lowered = self.func(f, def);
                self.small = None;
                lowered.name = format!("{}_small", lowered.name);
                lowered.self_param = rir::SelfParam::LocalSmall;
                funcs.push(lowered);
            } else {
                break;
            }
        }
    }
}
