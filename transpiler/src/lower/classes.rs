//! Lowering of user classes.
//!
//! A class hierarchy (a root class and everything deriving from it) becomes one Rust type,
//! `Instance<RootData>`, where `RootData` holds every attribute of the hierarchy as an `Option`
//! and the instance's class is a tag (the class's id). Methods are plain functions
//! (`Point_move(self_, ...)`); a method that several classes of the hierarchy define is called
//! through a dispatcher that matches on the tag, resolved by the MRO at compile time. Class
//! attributes are `thread_local!` cells, set when the `class` statement runs.

use super::*;
use crate::resolve::{ident_part, ClassId, MethodKind};

impl Lower<'_> {
    /// The Rust type of a hierarchy's instances (the root class's name).
    pub(super) fn class_rust_name(&self, c: ClassId) -> String {
        let root = self.res.root(c);
        rust_ident(&self.res.class(root).name)
    }

    /// The `thread_local!` cell of class attribute `name` defined by class `c`.
    pub(super) fn class_attr_static(&self, c: ClassId, name: &str) -> String {
        format!("C_{}_{}", rust_ident(&self.res.class(c).name).trim_end_matches('_').to_uppercase(), rust_ident(name).trim_end_matches('_').to_uppercase())
    }

    /// Statements of a `class` statement: its class attributes get their values.
    pub(super) fn class_stmt(&mut self, def: &ast::ClassDef, out: &mut Vec<Stmt>) {
        let Some(id) = self.res.classes.iter().position(|c| c.name == def.name && c.span == def.header).map(|i| ClassId(i as u32)) else { return };
        let root = self.res.root(id);
        for (name, value) in self.res.class(id).attrs.clone() {
            let t = storable(&self.types.attr(root, &name));
            let v = self.expr_as(&value, &t);
            let cell = Expr::Path(self.class_attr_static(id, &name)).reference();
            out.push(Stmt::Expr(Expr::call("global_set", vec![cell, v])));
        }
    }

    /// `obj.attr` for an instance of hierarchy `root`.
    pub(super) fn instance_attr(&mut self, e: &ast::Expr, value: &ast::Expr, root: ClassId, attr: &str) -> Expr {
        if let Some(word) = self.small_attr_get(e) {
            return Expr::call("Int::Small", vec![word]);
        }
        let methods = self.method_impls(root, attr);
        let props: Vec<FuncId> = methods.iter().copied().filter(|f| self.res.funcs[f.0 as usize].kind == MethodKind::Property).collect();
        if !props.is_empty() {
            let recv = self.expr(value);
            return self.call_method_impls(e.span, root, attr, recv, &[], &[]);
        }
        if !methods.is_empty() {
            // Not an attribute read: the instance has no such field.
            return self.unsupported(e.span, format!("the bound method `.{attr}` as a value"), format!("call it where it is used, or pass a lambda (`lambda *args: obj.{attr}(*args)`)"));
        }
        let recv = self.place(value);
        let classes_with_attr: Vec<ClassId> = self.res.tree(root).into_iter().filter(|&c| self.res.lookup_attr(c, attr).is_some()).collect();
        if classes_with_attr.is_empty() {
            let field = field_ref(attr);
            return self.attempt(recv.method("get", vec![field, Expr::StrLit(attr.to_string())]), e.span);
        }
        // An instance attribute, else the class attribute its class sees.
        let getter = self.attr_getter(root, attr);
        self.attempt(Expr::call(&getter, vec![recv.reference()]), e.span)
    }

    /// `obj.attr = value`.
    pub(super) fn instance_attr_store(&mut self, target: &ast::Expr, value: &ast::Expr, root: ClassId, attr: &str, v: Expr, vty: &Ty, span: Span, out: &mut Vec<Stmt>) {
        let t = storable(&self.types.attr(root, attr));
        // A machine-word attribute (`attr_ranges.rs`) stores what was proven to fit.
        let v = if self.is_small_attr(target) { self.into_machine(v, vty, span) } else { self.coerce(v, vty, &t, span) };
        // Evaluate the value before borrowing the instance.
        let tmp = self.tmp("value");
        out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(v), mutable: false, optional: false });
        let recv = self.place(value);
        let field = field_mut(attr);
        out.push(Stmt::Expr(recv.method("set", vec![field, Expr::Var(tmp)])));
    }

    /// `Class.attr` (a class attribute).
    pub(super) fn class_attr(&mut self, e: &ast::Expr, c: ClassId, attr: &str) -> Expr {
        match self.res.lookup_attr(c, attr) {
            Some(k) => {
                let cell = Expr::Path(self.class_attr_static(k, attr)).reference();
                self.attempt(Expr::call("global_get", vec![cell, Expr::StrLit(attr.to_string())]), e.span)
            }
            None => self.unsupported(e.span, format!("the class attribute `{attr}`"), "only attributes assigned in the class body can be read from the class"),
        }
    }

    /// Whether `e` names a class itself (`Sub.rate`), rather than holding one (`cls.rate`).
    pub(super) fn is_class_name(&self, e: &ast::Expr) -> bool {
        matches!(self.res.names.get(&e.id), Some(Binding::Class(_)))
    }

    /// The classes a value of type `Ty::Class(c)` may be at run time (`c` and its subclasses),
    /// grouped by what `pick` gives each; classes for which it gives `None` are left out.
    fn classes_by<T: PartialEq>(&self, c: ClassId, pick: impl Fn(ClassId) -> Option<T>) -> Vec<(Vec<u32>, T)> {
        let mut groups: Vec<(Vec<u32>, T)> = Vec::new();
        for k in self.res.tree(self.res.root(c)).into_iter().filter(|&k| self.res.is_subclass(k, c)) {
            let Some(v) = pick(k) else { continue };
            match groups.iter_mut().find(|(_, x)| *x == v) {
                Some((tags, _)) => tags.push(k.0),
                None => groups.push((vec![k.0], v)),
            }
        }
        groups
    }

    /// `cls.attr` for a class known only as "`c` or a subclass": the attribute as the class
    /// it is at run time sees it.
    pub(super) fn class_attr_of_tag(&mut self, e: &ast::Expr, owner: &ast::Expr, c: ClassId, attr: &str) -> Expr {
        let groups = self.classes_by(c, |k| self.res.lookup_attr(k, attr));
        if groups.len() <= 1 {
            return self.class_attr(e, c, attr);
        }
        let tag = self.expr(owner);
        let mut arms: Vec<(Pat, Block)> = Vec::new();
        for (tags, definer) in groups {
            let cell = Expr::Path(self.class_attr_static(definer, attr)).reference();
            let read = self.attempt(Expr::call("global_get", vec![cell, Expr::StrLit(attr.to_string())]), e.span);
            arms.push((Pat::Ints(tags), Block::with_tail(vec![], read)));
        }
        let missing = self.attempt(Expr::call("Err", vec![Expr::call("PyErr::attribute_error", vec![Expr::StrLit(format!("type object has no attribute '{attr}'"))])]), e.span);
        arms.push((Pat::Wild, Block::with_tail(vec![], missing)));
        Expr::MatchExpr(Box::new(tag), arms)
    }

    /// `cls.attr = value` for a class known only as "`c` or a subclass".
    #[allow(clippy::too_many_arguments)]
    pub(super) fn class_attr_store_of_tag(&mut self, owner: &ast::Expr, c: ClassId, attr: &str, v: Expr, vty: &Ty, span: Span, out: &mut Vec<Stmt>) {
        // Assigning through a subclass that inherits the attribute gives that subclass an
        // attribute of its own, which py2rust's class attributes (one per defining class) lack.
        let inherits = self.res.tree(self.res.root(c)).into_iter().any(|k| self.res.is_subclass(k, c) && self.res.lookup_attr(k, attr).is_some_and(|d| d != k));
        if inherits {
            let through = self.file.text.get(owner.span.start as usize..owner.span.end as usize).unwrap_or("cls").to_string();
            self.unsupported(span, format!("assigning the class attribute `{attr}` through `{through}`"), "a subclass that inherits it would get its own attribute; assign it through the class by name");
            return;
        }
        let groups = self.classes_by(c, |k| Some(self.res.lookup_attr(k, attr)));
        if groups.len() <= 1 {
            return self.class_attr_store(c, attr, v, vty, span, out);
        }
        let t = storable(&self.types.attr(self.res.root(c), attr));
        let v = self.coerce(v, vty, &t, span);
        let value = self.tmp("value");
        out.push(Stmt::Let { name: value.clone(), ty: None, init: Some(v), mutable: false, optional: false });
        let tag = self.expr(owner);
        let mut arms: Vec<(Pat, Block)> = Vec::new();
        for (tags, definer) in groups {
            let Some(definer) = definer else { continue };
            let cell = Expr::Path(self.class_attr_static(definer, attr)).reference();
            arms.push((Pat::Ints(tags), Block::new(vec![Stmt::Expr(Expr::call("global_set", vec![cell, Expr::Var(value.clone())]))])));
        }
        arms.push((Pat::Wild, Block::default()));
        out.push(Stmt::Match { value: tag, arms });
    }

    /// `Class.method(args)` (`exact`: the class itself) or `cls.method(args)` (`c` or a
    /// subclass, the tag given at run time): a class or static method, as that class sees it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn class_method_call(&mut self, span: Span, c: ClassId, tag: Expr, exact: bool, method: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let groups = if exact { self.res.lookup_method(c, method).map(|f| vec![(vec![c.0], f)]).unwrap_or_default() } else { self.classes_by(c, |k| self.res.lookup_method(k, method)) };
        if groups.is_empty() {
            return self.unsupported(span, format!("the class method `{method}`"), "no class defines it");
        }
        if groups.iter().any(|(_, f)| !matches!(self.res.funcs[f.0 as usize].kind, MethodKind::Class | MethodKind::Static)) {
            return self.unsupported(span, "calling an instance method on the class", "call it on an instance");
        }
        let rets: Vec<Ty> = groups.iter().map(|(_, f)| storable(&self.types.returns[f.0 as usize])).collect();
        let ret = if rets.iter().all(|r| *r == rets[0]) { rets[0].clone() } else { Ty::Dyn };
        let one = groups.len() == 1;
        // A constant tag or a variable is used as it is; anything else is evaluated once.
        let simple = matches!(tag, Expr::RawInt(_) | Expr::Var(_));
        let tag_var = self.tmp("cls");
        let mut arms: Vec<(Pat, Block)> = Vec::new();
        for (tags, f) in groups {
            let kind = self.res.funcs[f.0 as usize].kind;
            let skip = if kind == MethodKind::Static { 0 } else { 1 };
            let Some(mut call_args) = self.call_args(span, f, skip, args, keywords) else { return Expr::Unit };
            if kind == MethodKind::Class {
                call_args.insert(0, if one && simple { tag.clone() } else { Expr::Var(tag_var.clone()) });
            }
            let call = self.attempt(Expr::call(&self.res.funcs[f.0 as usize].rust_name.clone(), call_args), span);
            let value = self.coerce(call, &storable(&self.types.returns[f.0 as usize]), &ret, span);
            if one && simple {
                return value;
            }
            if one {
                let bind = Stmt::Let { name: tag_var, ty: None, init: Some(tag), mutable: false, optional: false };
                return Expr::Block(Block::with_tail(vec![bind], value));
            }
            arms.push((Pat::Ints(tags), Block::with_tail(vec![], value)));
        }
        let missing = self.attempt(Expr::call("Err", vec![Expr::call("PyErr::attribute_error", vec![Expr::StrLit(format!("type object has no attribute '{method}'"))])]), span);
        arms.push((Pat::Wild, Block::with_tail(vec![], missing)));
        let dispatch = Expr::MatchExpr(Box::new(Expr::Var(tag_var.clone())), arms);
        Expr::Block(Block::with_tail(vec![Stmt::Let { name: tag_var, ty: None, init: Some(tag), mutable: false, optional: false }], dispatch))
    }

    /// `Class.attr = value`.
    pub(super) fn class_attr_store(&mut self, c: ClassId, attr: &str, v: Expr, vty: &Ty, span: Span, out: &mut Vec<Stmt>) {
        if !self.res.class(c).attrs.iter().any(|(n, _)| n == attr) {
            self.unsupported(span, format!("assigning the new class attribute `{attr}`"), "assign class attributes in the class body first");
            return;
        }
        let t = storable(&self.types.attr(self.res.root(c), attr));
        let v = self.coerce(v, vty, &t, span);
        let cell = Expr::Path(self.class_attr_static(c, attr)).reference();
        out.push(Stmt::Expr(Expr::call("global_set", vec![cell, v])));
    }

    pub(super) fn attr_getter(&mut self, root: ClassId, attr: &str) -> String {
        let name = format!("{}_attr_{}", self.class_rust_name(root), rust_ident(attr).trim_end_matches('_'));
        self.getters.insert((root, attr.to_string()), name.clone());
        name
    }

    pub(super) fn method_impls(&self, root: ClassId, name: &str) -> Vec<FuncId> {
        self.res.tree(root).into_iter().filter_map(|c| self.res.class(c).methods.iter().find(|(n, _)| n == name).map(|(_, f)| *f)).collect()
    }

    /// `obj.name(args)` on an instance of hierarchy `root`.
    pub(super) fn instance_method_call(&mut self, e: &ast::Expr, owner: &ast::Expr, root: ClassId, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let recv = self.expr(owner);
        self.call_method_impls(e.span, root, name, recv, args, keywords)
    }

    /// Calls method `name` with receiver `recv`: directly when one implementation serves the
    /// whole hierarchy, else through the hierarchy's dispatcher.
    pub(super) fn call_method_impls(&mut self, span: Span, root: ClassId, name: &str, recv: Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let impls = self.method_impls(root, name);
        let Some(&first) = impls.first() else {
            return self.unsupported(span, format!("the method `{name}`"), "no class of this hierarchy defines it");
        };
        let kind = self.res.funcs[first.0 as usize].kind;
        if kind == MethodKind::Class {
            // `obj.method()` of a class method: called with the instance's class.
            return self.class_method_call(span, root, recv.method("class", vec![]), false, name, args, keywords);
        }
        let single = self.res.tree(root).len() == 1 || impls.len() == 1 && self.res.tree(root).iter().all(|&c| self.res.lookup_method(c, name) == Some(first));
        if !single && kind == MethodKind::Instance && !self.same_signatures(&impls) {
            return self.dispatch_here(span, root, name, recv, args, keywords);
        }
        let skip = if kind == MethodKind::Static { 0 } else { 1 };
        let Some(mut call_args) = self.call_args(span, first, skip, args, keywords) else { return Expr::Unit };
        if kind == MethodKind::Static {
            let f = self.res.funcs[first.0 as usize].rust_name.clone();
            return self.attempt(Expr::call(&f, call_args), span);
        }
        call_args.insert(0, recv);
        let f = if single { self.res.funcs[first.0 as usize].rust_name.clone() } else { self.dispatcher(root, name) };
        self.attempt(Expr::call(&f, call_args), span)
    }

    /// Whether the implementations of a method bind arguments alike: the same parameter names
    /// and kinds, and the same constant defaults. Then one dispatcher, given the arguments as
    /// the first binds them, serves every class.
    fn same_signatures(&self, impls: &[FuncId]) -> bool {
        let signature = |f: &FuncId| -> Vec<(String, ast::ParamKind, Option<Option<&str>>)> {
            let params = &self.res.funcs[f.0 as usize].params;
            let default = |d: &ast::Expr| is_immutable_literal(d).then(|| self.file.text.get(d.span.start as usize..d.span.end as usize).unwrap_or_default());
            params.iter().skip(1).map(|p| (p.name.clone(), p.kind, p.default.as_ref().map(default))).collect()
        };
        let first = impls.first().map(signature);
        impls.iter().all(|f| Some(signature(f)) == first && signature(f).iter().all(|(_, _, d)| *d != Some(None)))
    }

    /// A method call whose implementations bind arguments differently (other defaults or
    /// parameter names): a `match` on the receiver's class right here, each arm binding the
    /// arguments as its implementation does. Only one arm runs, so each argument is still
    /// evaluated once, after the receiver.
    fn dispatch_here(&mut self, span: Span, root: ClassId, name: &str, recv: Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let obj = self.tmp("receiver");
        let ret = self.dunder_ret(root, name);
        let mut arms = Vec::new();
        for (tags, f) in self.classes_by(root, |k| self.res.lookup_method(k, name)) {
            let value = if self.binding_error(span, f, 1, args.len(), keywords).is_some() {
                // Only this class's method refuses these arguments: CPython's `TypeError`, raised
                // when the call reaches it.
                let names = Expr::Array(keywords.iter().map(|k| Expr::StrLit(k.name.clone())).collect()).reference();
                let err = Expr::call("binding_error", vec![self.params_shape(f).reference(), Expr::RawInt(args.len() as i64 + 1), names]);
                self.attempt(Expr::call("Err", vec![err]), span)
            } else {
                let Some(mut call_args) = self.call_args(span, f, 1, args, keywords) else { return Expr::Unit };
                call_args.insert(0, Expr::Var(obj.clone()).method("clone", vec![]));
                let call = self.attempt(Expr::call(&self.res.funcs[f.0 as usize].rust_name.clone(), call_args), span);
                self.coerce(call, &storable(&self.types.returns[f.0 as usize]), &ret, span)
            };
            arms.push((Pat::Ints(tags), Block::with_tail(vec![], value)));
        }
        // A class of the hierarchy without the method.
        let missing = Expr::call("Err", vec![Expr::Var(obj.clone()).method("no_attribute", vec![Expr::StrLit(name.to_string())])]);
        arms.push((Pat::Wild, Block::with_tail(vec![], self.attempt(missing, span))));
        let dispatch = Expr::MatchExpr(Box::new(Expr::Var(obj.clone()).method("class", vec![])), arms);
        Expr::Block(Block::with_tail(vec![Stmt::Let { name: obj, ty: None, init: Some(recv), mutable: false, optional: false }], dispatch))
    }

    /// Calls method `name` with already lowered arguments (an operator's operands).
    pub(super) fn call_method_values(&mut self, span: Span, root: ClassId, name: &str, recv: Expr, args: Vec<(Expr, Ty)>) -> Expr {
        let impls = self.method_impls(root, name);
        let Some(&first) = impls.first() else {
            return self.unsupported(span, format!("the method `{name}`"), "no class of this hierarchy defines it");
        };
        let params: Vec<Ty> = self.types.params[first.0 as usize].iter().skip(1).map(storable).collect();
        if params.len() != args.len() {
            return self.unsupported(span, format!("`{name}` with {} parameters", params.len() + 1), "Python calls it with one argument here");
        }
        let mut call_args = vec![recv];
        for ((a, t), p) in args.into_iter().zip(&params) {
            call_args.push(self.coerce(a, &t, p, span));
        }
        let single = impls.len() == 1 && self.res.tree(root).iter().all(|&c| self.res.lookup_method(c, name) == Some(first));
        let f = if single { self.res.funcs[first.0 as usize].rust_name.clone() } else { self.dispatcher(root, name) };
        self.attempt(Expr::call(&f, call_args), span)
    }

    /// `l op r` (or `l op= r`, `inplace`) through the operands' methods, as infer's
    /// `obj_binop` types it: the call and its type, `None` when no method applies.
    pub(super) fn obj_binop(&mut self, span: Span, op: ast::BinOp, left: &ast::Expr, right: &ast::Expr, inplace: bool) -> Option<(Expr, Ty)> {
        let (lt, rt) = (self.ty(left), self.ty(right));
        let (fwd, refl, inpl) = binop_dunders(op);
        if let Ty::Obj(root) = lt {
            for d in [inpl.as_str(), fwd] {
                if (d == fwd || inplace) && !self.method_impls(root, d).is_empty() {
                    let recv = self.expr(left);
                    let arg = self.expr(right);
                    let ret = self.dunder_ret(root, d);
                    return Some((self.call_method_values(span, root, d, recv, vec![(arg, rt)]), ret));
                }
            }
        }
        if let Ty::Obj(root) = rt {
            if !self.method_impls(root, &refl).is_empty() {
                // Python evaluates the left operand first.
                let tmp = self.tmp("left");
                let l = self.expr(left);
                let recv = self.expr(right);
                let ret = self.dunder_ret(root, &refl);
                let call = self.call_method_values(span, root, &refl, recv, vec![(Expr::Var(tmp.clone()), lt)]);
                let block = Block::with_tail(vec![Stmt::Let { name: tmp, ty: None, init: Some(l), mutable: false, optional: false }], call);
                return Some((Expr::Block(block), ret));
            }
        }
        None
    }

    /// The type a call of method `name` gives (as the dispatcher returns it).
    pub(super) fn dunder_ret(&self, root: ClassId, name: &str) -> Ty {
        let rets: Vec<Ty> = self.method_impls(root, name).iter().map(|f| storable(&self.types.returns[f.0 as usize])).collect();
        match rets.first() {
            Some(r) if rets.iter().all(|x| x == r) => r.clone(),
            _ => Ty::Dyn,
        }
    }

    /// The dispatcher of method `name` for hierarchy `root` (generated at the end).
    pub(super) fn dispatcher(&mut self, root: ClassId, name: &str) -> String {
        let fname = format!("{}_call_{}", self.class_rust_name(root), rust_ident(name).trim_end_matches('_'));
        self.dispatchers.insert((root, name.to_string()), fname.clone());
        fname
    }

    /// The `static` `ExcClass` of a user exception class.
    pub(super) fn exc_static(&self, c: ClassId) -> String {
        format!("EXC_{}", ident_part(&self.res.class(c).name).to_uppercase())
    }

    /// `MyError(args)`: a `PyErr` of the user class, through its `__init__` if it has one.
    pub(super) fn construct_exception(&mut self, span: Span, c: ClassId, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let class = Expr::Path(self.exc_static(c)).reference();
        let Some(init) = self.res.lookup_method(c, "__init__") else {
            let items = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
            return Expr::call("PyErr::with_args", vec![class, Expr::Vec(items)]);
        };
        let err = self.tmp("err");
        let Some(mut call_args) = self.call_args(span, init, 1, args, keywords) else { return Expr::Unit };
        // BaseException.__new__ keeps the positional arguments as `args`, whatever __init__
        // does: each is evaluated once into a temporary, shared by `args` and `__init__`.
        let mut stmts = Vec::new();
        let mut seeded = Vec::new();
        for (i, a) in args.iter().enumerate().take(call_args.len()) {
            let tmp = self.tmp("arg");
            stmts.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(std::mem::replace(&mut call_args[i], Expr::Unit)), mutable: false, optional: false });
            let pt = storable(&self.types.params[init.0 as usize].get(i + 1).cloned().unwrap_or(Ty::Dyn));
            seeded.push(self.coerce(clone_of(Expr::Var(tmp.clone()), &pt), &pt, &Ty::Dyn, a.span));
            call_args[i] = Expr::Var(tmp);
        }
        call_args.insert(0, Expr::Var(err.clone()).reference_mut());
        let f = self.res.funcs[init.0 as usize].rust_name.clone();
        stmts.push(Stmt::Let { name: err.clone(), ty: None, init: Some(Expr::call("PyErr::with_args", vec![class, Expr::Vec(seeded)])), mutable: true, optional: false });
        stmts.push(Stmt::Expr(self.attempt(Expr::call(&f, call_args), span)));
        Expr::Block(Block::with_tail(stmts, Expr::Var(err)))
    }

    /// The user exception classes as runtime `ExcClass` statics, bases first.
    pub(super) fn exc_classes(&self) -> Vec<rir::ExcClassDef> {
        (0..self.res.classes.len() as u32)
            .map(ClassId)
            .filter(|&c| self.res.is_exception_class(c))
            .map(|c| {
                let class = self.res.class(c);
                let base = match (class.base, class.builtin_exc_base) {
                    (Some(b), _) => Expr::call("ExcType::Class", vec![Expr::Path(self.exc_static(b)).reference()]),
                    (None, Some(name)) => Expr::call("ExcType::Builtin", vec![Expr::Path(format!("Exc::{name}"))]),
                    (None, None) => Expr::call("ExcType::Builtin", vec![Expr::Path("Exc::Exception".into())]),
                };
                rir::ExcClassDef { static_name: self.exc_static(c), name: class.name.clone(), base }
            })
            .collect()
    }

    /// `super().name(args)` inside a method.
    pub(super) fn super_call(&mut self, e: &ast::Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let f = self.current_func();
        let class = self.res.funcs.get(f.0 as usize).and_then(|f| f.class);
        if let Some(c) = class.filter(|&c| self.res.is_exception_class(c)) {
            // In an exception class's __init__, `self_` is `&mut PyErr`.
            let me = self.res.funcs[f.0 as usize].params.first().map(|p| rust_ident(&p.name)).unwrap_or_default();
            let base = self.res.class(c).base;
            if let Some(target) = base.and_then(|b| self.res.lookup_method(b, name)) {
                let Some(mut call_args) = self.call_args(e.span, target, 1, args, keywords) else { return Expr::Unit };
                call_args.insert(0, Expr::Var(me));
                let f = self.res.funcs[target.0 as usize].rust_name.clone();
                return self.attempt(Expr::call(&f, call_args), e.span);
            }
            if name == "__init__" {
                let items = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
                return Expr::Var(me).method("set_args", vec![Expr::Vec(items)]);
            }
            return self.unsupported(e.span, format!("super().{name}"), "not supported in exception classes");
        }
        if let Some(c) = class.filter(|&c| self.res.builtin_base(c).is_some() && self.res.class(c).base.is_none()) {
            // `super().__init__(items)` in a direct subclass of `list`/`dict`.
            if name != "__init__" || !keywords.is_empty() || args.len() > 1 {
                return self.unsupported(e.span, format!("super().{name}(...)"), "in subclasses of list and dict, only super().__init__() and super().__init__(items) are supported yet");
            }
            let root = self.res.root(c);
            let bt = storable(&self.types.attr(root, "__base__"));
            let me = self.res.funcs[f.0 as usize].params.first().map(|p| rust_ident(&p.name)).unwrap_or_default();
            let Some(a) = args.first() else { return Expr::Unit };
            let Some(v) = self.base_init_value(a, &bt) else { return Expr::Unit };
            let tmp = self.tmp("items");
            let base = self.base_value(Expr::Var(me), root, e.span);
            let base_tmp = self.tmp("base");
            let update = if matches!(bt, Ty::List(_)) { Expr::Var(base_tmp.clone()).method("iadd", vec![Expr::Var(tmp.clone()).reference()]) } else { self.attempt(Expr::Var(base_tmp.clone()).method("update", vec![Expr::Var(tmp.clone()).reference()]), e.span) };
            return Expr::Block(Block::with_tail(
                vec![
                    Stmt::Let { name: tmp, ty: None, init: Some(v), mutable: false, optional: false },
                    Stmt::Let { name: base_tmp.clone(), ty: None, init: Some(base), mutable: false, optional: false },
                    Stmt::Expr(Expr::Var(base_tmp).method("clear", vec![])),
                ],
                update,
            ));
        }
        let Some(base) = class.and_then(|c| self.res.class(c).base) else {
            return self.unsupported(e.span, "`super()` here", "super() is supported inside methods of classes with a user base class");
        };
        let Some(target) = self.res.lookup_method(base, name) else {
            if name == "__init__" {
                return Expr::Unit; // object.__init__
            }
            return self.unsupported(e.span, format!("super().{name}"), "no base class defines it");
        };
        let me = self.res.funcs[f.0 as usize].params.first().map(|p| p.name.clone()).unwrap_or_default();
        let recv = clone_of(Expr::Var(rust_ident(&me)), &Ty::Dyn);
        let Some(mut call_args) = self.call_args(e.span, target, 1, args, keywords) else { return Expr::Unit };
        call_args.insert(0, recv);
        let f = self.res.funcs[target.0 as usize].rust_name.clone();
        self.attempt(Expr::call(&f, call_args), e.span)
    }

    /// `Class(args)`.
    pub(super) fn construct(&mut self, e: &ast::Expr, c: ClassId, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let ty = Ty::Obj(self.res.root(c));
        let obj = self.tmp("obj");
        let new = Expr::TypedCall(ty, "new".into(), vec![Expr::RawInt(c.0 as i64)]);
        let mut stmts = vec![Stmt::Let { name: obj.clone(), ty: None, init: Some(new), mutable: false, optional: false }];
        if self.res.builtin_base(c).is_some() {
            // The builtin value the instance holds: empty, or `list(items)`/`dict(pairs)` when
            // the class leaves `__init__` to the builtin.
            let root = self.res.root(c);
            let bt = storable(&self.types.attr(root, "__base__"));
            let init = self.res.lookup_method(c, "__init__");
            let value = match (args, init) {
                ([a], None) if keywords.is_empty() => match self.base_init_value(a, &bt) {
                    Some(v) => v,
                    None => return Expr::Unit,
                },
                ([], None) if keywords.is_empty() => Expr::TypedCall(bt.clone(), "new".into(), vec![]),
                (_, None) => return self.unsupported(e.span, "these arguments", format!("{}() is supported with no argument or one iterable", self.res.class(c).name)),
                (_, Some(_)) => Expr::TypedCall(bt.clone(), "new".into(), vec![]),
            };
            let field = field_mut("__base__");
            stmts.push(Stmt::Expr(Expr::Var(obj.clone()).method("set", vec![field, value])));
            if init.is_none() {
                return Expr::Block(Block::with_tail(stmts, Expr::Var(obj)));
            }
        }
        if let Some(init) = self.res.lookup_method(c, "__init__") {
            let Some(mut call_args) = self.call_args(e.span, init, 1, args, keywords) else { return Expr::Unit };
            call_args.insert(0, Expr::Var(obj.clone()).method("clone", vec![]));
            let f = self.res.funcs[init.0 as usize].rust_name.clone();
            stmts.push(Stmt::Expr(self.attempt(Expr::call(&f, call_args), e.span)));
        } else if self.res.mro(c).iter().any(|&k| self.res.class(k).dataclass) {
            let root = self.res.root(c);
            let fields = self.dataclass_fields(c);
            if args.len() > fields.len() {
                return self.unsupported(e.span, "this call", format!("__init__() takes {} positional arguments but {} were given", fields.len() + 1, args.len() + 1));
            }
            for (i, (name, default)) in fields.iter().enumerate() {
                let t = storable(&self.types.attr(root, name));
                let v = if let Some(a) = args.get(i) {
                    self.expr_as(a, &t)
                } else if let Some(k) = keywords.iter().find(|k| &k.name == name) {
                    self.expr_as(&k.value, &t)
                } else if let Some(d) = default {
                    if !is_immutable_literal(d) {
                        return self.unsupported(d.span, "this field default", "only constant defaults are supported yet");
                    }
                    self.expr_as(d, &t)
                } else {
                    return self.unsupported(e.span, "this call", format!("__init__() missing required argument: '{name}'"));
                };
                let field = field_mut(name);
                stmts.push(Stmt::Expr(Expr::Var(obj.clone()).method("set", vec![field, v])));
            }
        } else if !args.is_empty() || !keywords.is_empty() {
            return self.unsupported(e.span, "this call", format!("{}() takes no arguments", self.res.class(c).name));
        }
        Expr::Block(Block::with_tail(stmts, Expr::Var(obj)))
    }

    /// A new builtin value of type `bt` (`list`/`dict`) made from the argument, as `list(a)` /
    /// `dict(a)` make it.
    fn base_init_value(&mut self, a: &ast::Expr, bt: &Ty) -> Option<Expr> {
        match (bt, self.ty(a)) {
            (Ty::List(elem), _) if !matches!(self.ty(a), Ty::Dyn) => {
                let from = self.elem_ty(a);
                let it = self.iterate(a);
                let item = self.coerce(Expr::Var("item".into()), &from, elem, a.span);
                let collected = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]).method("collect", vec![]);
                Some(Expr::call("PyList::from_vec", vec![collected]))
            }
            (Ty::Dict(..), at @ Ty::Dict(..)) if at == *bt => Some(self.place(a).method("copy", vec![])),
            _ => {
                self.unsupported(a.span, "initializing the builtin value from this argument", "pass a list (or, for a dict subclass, a dict of the same types)");
                None
            }
        }
    }

    /// `cls(args)` with `cls` a class known only as "`c` or a subclass" (a tag at run time):
    /// supported when every such class initializes through the same `__init__`.
    pub(super) fn construct_tagged(&mut self, e: &ast::Expr, c: ClassId, tag: Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let root = self.res.root(c);
        let inits: Vec<Option<FuncId>> = self.res.tree(root).into_iter().filter(|&k| self.res.is_subclass(k, c)).map(|k| self.res.lookup_method(k, "__init__")).collect();
        if inits.windows(2).any(|w| w[0] != w[1]) || self.res.is_exception_class(c) || self.res.mro(c).iter().any(|&k| self.res.class(k).dataclass) {
            return self.unsupported(e.span, "calling `cls` here", "its subclasses initialize differently; call the class by name");
        }
        let obj = self.tmp("obj");
        let new = Expr::TypedCall(Ty::Obj(root), "new".into(), vec![tag]);
        let mut stmts = vec![Stmt::Let { name: obj.clone(), ty: None, init: Some(new), mutable: false, optional: false }];
        if let Some(Some(init)) = inits.first() {
            let Some(mut call_args) = self.call_args(e.span, *init, 1, args, keywords) else { return Expr::Unit };
            call_args.insert(0, Expr::Var(obj.clone()).method("clone", vec![]));
            let f = self.res.funcs[init.0 as usize].rust_name.clone();
            stmts.push(Stmt::Expr(self.attempt(Expr::call(&f, call_args), e.span)));
        } else if !args.is_empty() || !keywords.is_empty() {
            return self.unsupported(e.span, "this call", format!("{}() takes no arguments", self.res.class(c).name));
        }
        Expr::Block(Block::with_tail(stmts, Expr::Var(obj)))
    }

    /// A dataclass's fields with their defaults, bases' first.
    pub(super) fn dataclass_fields(&self, c: ClassId) -> Vec<(String, Option<ast::Expr>)> {
        let mut out: Vec<(String, Option<ast::Expr>)> = Vec::new();
        for k in self.res.mro(c).into_iter().rev() {
            for (n, d) in &self.res.class(k).fields {
                if !out.iter().any(|(m, _)| m == n) {
                    out.push((n.clone(), d.clone()));
                }
            }
        }
        out
    }

    /// `isinstance(x, C)` for an instance `x` of hierarchy `root`: a test of its tag.
    pub(super) fn isinstance_test(&mut self, x: Expr, root: ClassId, of: ClassId) -> Expr {
        self.isinstance_tag_test(x.method("class", vec![]), root, of)
    }

    /// Whether class tag `tag` (of hierarchy `root`) is a subclass of `of`.
    pub(super) fn isinstance_tag_test(&mut self, tag: Expr, root: ClassId, of: ClassId) -> Expr {
        let tags: Vec<ClassId> = self.res.tree(root).into_iter().filter(|&c| self.res.is_subclass(c, of)).collect();
        if tags.is_empty() {
            return Expr::Bool(false);
        }
        let t = self.tmp("class");
        let test = tags
            .iter()
            .map(|c| Expr::binary(RB::Eq, Expr::Var(t.clone()), Expr::RawInt(c.0 as i64)))
            .reduce(|a, b| Expr::binary(RB::Or, a, b))
            .unwrap_or(Expr::Bool(false));
        Expr::Block(Block::with_tail(vec![Stmt::Let { name: t, ty: None, init: Some(tag), mutable: false, optional: false }], test))
    }

    /// The class types, attribute getters and dispatchers the program needs.
    pub(super) fn finish_classes(&mut self, funcs: &mut Vec<rir::Func>, statics: &mut Vec<rir::Static>) -> Vec<rir::ClassType> {
        let mut out = Vec::new();
        for (i, c) in self.res.classes.clone().iter().enumerate() {
            let id = ClassId(i as u32);
            let root = self.res.root(id);
            if self.res.is_exception_class(id) {
                if let Some((name, _)) = c.attrs.first() {
                    self.unsupported(c.span, format!("the class attribute `{name}` of an exception class"), "not supported yet");
                }
                continue;
            }
            for (name, _) in &c.attrs {
                let cell = self.class_attr_static(id, name);
                // An attribute assigned twice in the class body is one cell.
                if !statics.iter().any(|s| s.name == cell) {
                    statics.push(rir::Static { name: cell, ty: storable(&self.types.attr(root, name)) });
                }
            }
            if root != id {
                continue;
            }
            let mut fields: Vec<(String, Ty)> = self.types.attrs.iter().filter(|((r, _), _)| *r == root).map(|((_, n), t)| (n.clone(), storable(t))).collect();
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            let tree = self.res.tree(root);
            let names = tree.iter().map(|&k| (k.0, self.res.class(k).name.clone())).collect();
            let mut ct = rir::ClassType { name: self.class_rust_name(root), names, fields: fields.iter().map(|(n, t)| (rust_ident(n), t.clone())).collect(), hooks: Vec::new(), dyn_methods: Vec::new(), attrs: Vec::new(), small_fields: None };
            if let Some(Some(small)) = self.small_classes.get(&root) {
                let word = |(n, t): &(String, Ty)| (rust_ident(n), if small.attrs.contains(n) { Ty::I64 } else { t.clone() });
                ct.small_fields = Some(fields.iter().map(word).collect());
            }
            // Attributes read from dynamic values: the instance's own, else its class's.
            for attr in self.dyn_attrs.clone() {
                if tree.iter().any(|&k| self.res.lookup_attr(k, &attr).is_some()) {
                    let getter = self.attr_getter(root, &attr);
                    ct.attrs.push((attr, getter, true));
                } else if fields.iter().any(|(n, _)| *n == attr) {
                    ct.attrs.push((attr.clone(), rust_ident(&attr), false));
                }
            }
            // The runtime's hooks for the dunder methods (printing, truthiness, `==` and hashing
            // in containers, ordering in `sorted`/`max`/`min`), each class's by its MRO.
            let hooks: [(&str, &[&str], bool, Ty); 8] = [
                ("str", &["__str__", "__repr__"], false, Ty::Str),
                ("repr", &["__repr__"], false, Ty::Str),
                ("bool", &["__bool__", "__len__"], false, Ty::Bool),
                ("eq", &["__eq__"], true, Ty::Bool),
                ("lt", &["__lt__"], true, Ty::Bool),
                ("le", &["__le__"], true, Ty::Bool),
                ("gt", &["__gt__"], true, Ty::Bool),
                ("ge", &["__ge__"], true, Ty::Bool),
            ];
            for (hook, dunders, binary, want) in hooks {
                let mut arms: Vec<(Vec<u32>, String)> = Vec::new();
                for &k in &tree {
                    let Some(f) = dunders.iter().find_map(|d| self.res.lookup_method(k, d)) else {
                        // A `list`/`dict` subclass: the builtin's printing, truth, `==`.
                        if let Some(fname) = self.base_hook(root, hook, funcs) {
                            match arms.iter_mut().find(|(_, n)| *n == fname) {
                                Some((tags, _)) => tags.push(k.0),
                                None => arms.push((vec![k.0], fname)),
                            }
                        }
                        continue;
                    };
                    let Some(fname) = self.hook_adapter(root, f, hook, binary, &want, funcs) else { continue };
                    match arms.iter_mut().find(|(_, n)| *n == fname) {
                        Some((tags, _)) => tags.push(k.0),
                        None => arms.push((vec![k.0], fname)),
                    }
                }
                if !arms.is_empty() {
                    ct.hooks.push((hook.to_string(), arms));
                }
            }
            let mut arms: Vec<(Vec<u32>, String)> = Vec::new();
            for &k in &tree {
                let fname = match self.hash_method(k) {
                    None => continue,
                    Some(Some(f)) => match self.hook_adapter(root, f, "hash", false, &Ty::Int, funcs) {
                        Some(n) => n,
                        None => continue,
                    },
                    Some(None) => self.unhashable_func(root, funcs),
                };
                match arms.iter_mut().find(|(_, n)| *n == fname) {
                    Some((tags, _)) => tags.push(k.0),
                    None => arms.push((vec![k.0], fname)),
                }
            }
            if !arms.is_empty() {
                ct.hooks.push(("hash".into(), arms));
            }
            if c.dataclass && self.res.lookup_method(id, "__repr__").is_none() {
                let f = self.dataclass_repr(root, id);
                ct.hooks.retain(|(h, _)| h != "repr" && h != "str");
                ct.hooks.push(("repr".into(), vec![(tree.iter().map(|k| k.0).collect(), f.name.clone())]));
                ct.hooks.push(("str".into(), vec![(tree.iter().map(|k| k.0).collect(), f.name.clone())]));
                funcs.push(f);
            }
            if c.dataclass && self.res.lookup_method(id, "__eq__").is_none() {
                let f = self.dataclass_eq(root, id);
                ct.hooks.push(("eq".into(), vec![(tree.iter().map(|k| k.0).collect(), f.name.clone())]));
                funcs.push(f);
            }
            // Held in a dynamic value, an instance is called by name: every method when the
            // program calls methods on dynamic values, else the protocols' dunders (iterating
            // it, `len`, `obj[i]`, `in`).
            self.dyn_dispatch(root, &mut ct, !self.dyn_access);
            out.push(ct);
        }
        for ((root, attr), name) in self.getters.clone() {
            funcs.push(self.getter_func(root, &attr, &name));
        }
        for ((root, method), name) in self.dispatchers.clone() {
            if let Some(f) = self.dispatcher_func(root, &method, &name) {
                funcs.push(f);
            }
        }
        out
    }

    /// How class `k` hashes: `None` by identity (no class of its MRO defines `__eq__` or
    /// `__hash__`), `Some(None)` unhashable (`__eq__` without `__hash__` sets it to `None`, as
    /// does a dataclass), `Some(Some(f))` through `__hash__` method `f`.
    pub(super) fn hash_method(&self, k: ClassId) -> Option<Option<FuncId>> {
        let base_unhashable = self.res.builtin_base(k).is_some();
        for c in self.res.mro(k) {
            let class = self.res.class(c);
            if let Some((_, f)) = class.methods.iter().find(|(n, _)| n == "__hash__") {
                return Some(Some(*f));
            }
            if class.attrs.iter().any(|(n, _)| n == "__hash__") || class.methods.iter().any(|(n, _)| n == "__eq__") || class.dataclass {
                return Some(None);
            }
        }
        // `list` and `dict` are unhashable.
        base_unhashable.then_some(None)
    }

    /// For a `list`/`dict` subclass, the hook that does what the builtin does (`repr`, `str`,
    /// `bool`, `eq`) on the value the instance holds.
    fn base_hook(&mut self, root: ClassId, hook: &str, funcs: &mut Vec<rir::Func>) -> Option<String> {
        self.res.builtin_base(root)?;
        let name = format!("{}_base_{hook}", self.class_rust_name(root));
        if funcs.iter().any(|f| f.name == name) {
            return Some(name);
        }
        let base = |me: &str| Expr::Question(Box::new(Expr::Var(me.into()).method("get", vec![field_ref("__base__"), Expr::StrLit("__base__".into())])));
        let (body, ret, binary) = match hook {
            "repr" | "str" => (Expr::Question(Box::new(Expr::call("py_repr", vec![base("self_").reference()]))), Ty::Str, false),
            "bool" => (Expr::call("truthy", vec![base("self_").reference()]), Ty::Bool, false),
            "eq" => (Expr::call("PyEq::py_eq", vec![base("self_").reference(), base("other").reference()]), Ty::Bool, true),
            _ => return None,
        };
        let mut params = vec![("self_".to_string(), Ty::Obj(root))];
        if binary {
            params.push(("other".into(), Ty::Obj(root)));
        }
        funcs.push(rir::Func { name: name.clone(), py_name: format!("{}.__{hook}__", self.res.class(root).name), line: 0, params, ret, body: Block::with_tail(vec![], Expr::Ok(Box::new(body))), self_param: rir::SelfParam::Owned, captures: Vec::new() });
        Some(name)
    }

    /// `fn Point_unhashable(self_: Point) -> PyResult<Int>`: the `TypeError` of `hash(obj)`.
    fn unhashable_func(&mut self, root: ClassId, funcs: &mut Vec<rir::Func>) -> String {
        let name = format!("{}_unhashable", self.class_rust_name(root));
        if !funcs.iter().any(|f| f.name == name) {
            let err = Expr::call("unhashable", vec![Expr::Var("self_".into()).method("class_name", vec![])]);
            funcs.push(rir::Func { name: name.clone(), py_name: format!("{}.__hash__", self.res.class(root).name), line: 0, params: vec![("self_".into(), Ty::Obj(root))], ret: Ty::Int, body: Block::with_tail(vec![], Expr::call("Err", vec![err])), self_param: rir::SelfParam::Owned, captures: Vec::new() });
        }
        name
    }

    /// The function a runtime hook calls for dunder method `f`: `f` itself when it takes
    /// instances of the hierarchy and returns `want`, else an adapter that boxes the other
    /// operand, takes the truth of the result (`bool` hooks) or hashes the returned int
    /// (`hash`). `None` (the hook is left out) when `f` cannot serve as the hook.
    fn hook_adapter(&mut self, root: ClassId, f: FuncId, hook: &str, binary: bool, want: &Ty, funcs: &mut Vec<rir::Func>) -> Option<String> {
        let fi = f.0 as usize;
        let kind = self.res.funcs[fi].kind;
        if kind != MethodKind::Instance {
            return None;
        }
        let params: Vec<Ty> = self.types.params[fi].iter().map(storable).collect();
        let n = if binary { 2 } else { 1 };
        if params.len() != n || params[0] != Ty::Obj(root) {
            return None;
        }
        let ret = storable(&self.types.returns[fi]);
        let user = self.res.funcs[fi].rust_name.clone();
        if ret == *want && params.iter().all(|p| *p == Ty::Obj(root)) {
            return Some(user);
        }
        if binary && !matches!(params[1], Ty::Obj(_) | Ty::Dyn) {
            return None;
        }
        let conv = |v: Expr| -> Option<Expr> {
            Some(match (hook, want, &ret) {
                ("hash", _, Ty::Bool) => Expr::call("Int::from", vec![v]),
                ("hash", _, _) => return None,
                (_, Ty::Bool, _) if ret != Ty::Never => Expr::call("truthy", vec![v.reference()]),
                (_, t, r) if t == r => v,
                _ => return None,
            })
        };
        let name = format!("{}_hook_{}_{}", self.class_rust_name(root), hook, user);
        if funcs.iter().any(|g| g.name == name) {
            return Some(name);
        }
        let mut args = vec![Expr::Var("self_".into())];
        let mut fparams = vec![("self_".to_string(), Ty::Obj(root))];
        if binary {
            fparams.push(("other".into(), Ty::Obj(root)));
            args.push(self.coerce(Expr::Var("other".into()), &Ty::Obj(root), &params[1], Span::default()));
        }
        let call = Expr::Question(Box::new(Expr::call(&user, args)));
        if hook == "str" || hook == "repr" {
            // CPython: `TypeError: __str__ returned non-string`; not modelled.
            if ret != *want {
                let span = self.res.funcs[fi].span;
                self.unsupported(span, format!("a `{}` that may not return str", self.res.funcs[fi].name), "it must return that type");
                return None;
            }
        }
        let body = conv(call)?;
        funcs.push(rir::Func { name: name.clone(), py_name: format!("{}.{}", self.res.class(root).name, self.res.funcs[fi].name), line: 0, params: fparams, ret: want.clone(), body: Block::with_tail(vec![], Expr::Ok(Box::new(body))), self_param: rir::SelfParam::Owned, captures: Vec::new() });
        Some(name)
    }

    /// `fn Point_attr_count(self_: &Point) -> PyResult<T>`: the instance's own attribute, else
    /// the class attribute its class inherits.
    fn getter_func(&mut self, root: ClassId, attr: &str, name: &str) -> rir::Func {
        let t = storable(&self.types.attr(root, attr));
        let me = Expr::Var("self_".into());
        let own = me.clone().method("data", vec![]).field_named(&rust_ident(attr)).method("clone", vec![]);
        let mut by_class: Vec<(Pat, Block)> = Vec::new();
        for k in self.res.tree(root) {
            if let Some(def) = self.res.lookup_attr(k, attr) {
                let cell = Expr::Path(self.class_attr_static(def, attr)).reference();
                by_class.push((Pat::Ints(vec![k.0]), Block::with_tail(vec![], Expr::call("global_get", vec![cell, Expr::StrLit(attr.to_string())]))));
            }
        }
        by_class.push((Pat::Wild, Block::with_tail(vec![], Expr::call("Err", vec![me.clone().method("no_attribute", vec![Expr::StrLit(attr.to_string())])]))));
        let fallback = Expr::Block(Block::new(vec![Stmt::Return(Expr::MatchExpr(Box::new(me.method("class", vec![])), by_class))]));
        let body = Expr::MatchExpr(
            Box::new(own),
            vec![
                (Pat::Variant("Some".into(), vec![Pat::Ident("value".into())]), Block::with_tail(vec![], Expr::Ok(Box::new(Expr::Var("value".into()))))),
                (Pat::Variant("None".into(), vec![]), Block::with_tail(vec![], fallback)),
            ],
        );
        rir::Func { name: name.to_string(), py_name: format!("{}.{attr}", self.res.class(root).name), line: 0, params: vec![("self_".into(), Ty::Obj(root))], ret: t, body: Block::with_tail(vec![], body), self_param: rir::SelfParam::Ref, captures: Vec::new() }
    }

    /// The dispatcher of `method` over hierarchy `root`: matches the instance's class to the
    /// implementation its MRO finds.
    fn dispatcher_func(&mut self, root: ClassId, method: &str, name: &str) -> Option<rir::Func> {
        let impls = self.method_impls(root, method);
        let first = *impls.first()?;
        let param_tys: Vec<Ty> = self.types.params[first.0 as usize].iter().skip(1).map(storable).collect();
        let rets: Vec<Ty> = impls.iter().map(|f| storable(&self.types.returns[f.0 as usize])).collect();
        let ret = if rets.iter().all(|r| *r == rets[0]) { rets[0].clone() } else { Ty::Dyn };
        let params: Vec<(String, Ty)> = std::iter::once(("self_".to_string(), Ty::Obj(root))).chain(param_tys.iter().enumerate().map(|(i, t)| (format!("arg{i}"), t.clone()))).collect();
        let mut arms: Vec<(Pat, Block)> = Vec::new();
        for f in &impls {
            let tags: Vec<u32> = self.res.tree(root).into_iter().filter(|&k| self.res.lookup_method(k, method) == Some(*f)).map(|k| k.0).collect();
            if tags.is_empty() {
                continue;
            }
            let their: Vec<Ty> = self.types.params[f.0 as usize].iter().skip(1).map(storable).collect();
            if their.len() != param_tys.len() {
                self.unsupported(self.res.funcs[f.0 as usize].span, format!("overriding `{method}` with other parameters"), "overrides must take the same parameters");
                return None;
            }
            let mut args = vec![Expr::Var("self_".into())];
            for (i, (from, to)) in param_tys.iter().zip(&their).enumerate() {
                args.push(self.coerce(Expr::Var(format!("arg{i}")), from, to, Span::default()));
            }
            let call = Expr::Question(Box::new(Expr::call(&self.res.funcs[f.0 as usize].rust_name.clone(), args)));
            let r = storable(&self.types.returns[f.0 as usize]);
            let v = self.coerce(call, &r, &ret, Span::default());
            arms.push((Pat::Ints(tags), Block::with_tail(vec![], Expr::Ok(Box::new(v)))));
        }
        arms.push((Pat::Wild, Block::with_tail(vec![], Expr::call("Err", vec![Expr::Var("self_".into()).method("no_attribute", vec![Expr::StrLit(method.to_string())])]))));
        let body = Expr::MatchExpr(Box::new(Expr::Var("self_".into()).method("class", vec![])), arms);
        Some(rir::Func { name: name.to_string(), py_name: format!("{}.{method}", self.res.class(root).name), line: 0, params, ret, body: Block::with_tail(vec![], body), self_param: rir::SelfParam::Owned, captures: Vec::new() })
    }

    /// A dataclass's `__repr__`: `Point(x=1, y=2)`.
    fn dataclass_repr(&mut self, root: ClassId, c: ClassId) -> rir::Func {
        let me = Expr::Var("self_".into());
        let mut stmts = vec![Stmt::Let { name: "text".into(), ty: None, init: Some(Expr::call("String::from", vec![me.clone().method("class_name", vec![])])), mutable: true, optional: false }];
        let push = |s: &str| Stmt::Expr(Expr::Var("text".into()).method("push_str", vec![Expr::StrLit(s.to_string())]));
        stmts.push(push("("));
        for (i, (name, _)) in self.dataclass_fields(c).iter().enumerate() {
            stmts.push(push(&format!("{}{}=", if i > 0 { ", " } else { "" }, name)));
            let field = field_ref(name);
            let v = Expr::Question(Box::new(me.clone().method("get", vec![field, Expr::StrLit(name.clone())])));
            stmts.push(Stmt::Expr(Expr::Question(Box::new(Expr::call("PyObject::write_repr", vec![v.reference(), Expr::Var("text".into()).reference_mut()])))));
        }
        stmts.push(push(")"));
        let name = format!("{}_dataclass_repr", self.class_rust_name(root));
        rir::Func { name, py_name: format!("{}.__repr__", self.res.class(c).name), line: 0, params: vec![("self_".into(), Ty::Obj(root))], ret: Ty::Str, body: Block::with_tail(stmts, Expr::Ok(Box::new(Expr::call("PyStr::from", vec![Expr::Var("text".into())])))), self_param: rir::SelfParam::Owned, captures: Vec::new() }
    }

    /// A dataclass's `__eq__`: same class and equal fields.
    fn dataclass_eq(&mut self, root: ClassId, c: ClassId) -> rir::Func {
        let (a, b) = (Expr::Var("self_".into()), Expr::Var("other".into()));
        let mut test = Expr::binary(RB::Eq, a.clone().method("class", vec![]), b.clone().method("class", vec![]));
        for (name, _) in self.dataclass_fields(c) {
            let t = storable(&self.types.attr(root, &name));
            let get = |x: &Expr| {
                let field = field_ref(&name);
                Expr::Question(Box::new(x.clone().method("get", vec![field, Expr::StrLit(name.clone())])))
            };
            let (l, r) = (get(&a), get(&b));
            let eq = if matches!(t, Ty::Dyn) { l.method("eq", vec![r.reference()]) } else { Expr::binary(RB::Eq, l, r) };
            test = Expr::binary(RB::And, test, eq);
        }
        let name = format!("{}_dataclass_eq", self.class_rust_name(root));
        rir::Func { name, py_name: format!("{}.__eq__", self.res.class(c).name), line: 0, params: vec![("self_".into(), Ty::Obj(root)), ("other".into(), Ty::Obj(root))], ret: Ty::Bool, body: Block::with_tail(vec![], Expr::Ok(Box::new(test))), self_param: rir::SelfParam::Owned, captures: Vec::new() }
    }
}

impl Expr {
    fn field_named(self, name: &str) -> Expr {
        Expr::NamedField(Box::new(self), name.to_string())
    }
}

/// `|d| &d.name`: the accessor `Instance::get` takes for attribute field `name`.
pub(super) fn field_ref(name: &str) -> Expr {
    Expr::Closure(vec![Pat::Ident("d".into())], Box::new(Expr::NamedField(Box::new(Expr::Var("d".into())), rust_ident(name)).reference()))
}

/// `|d| &mut d.name`: the accessor `Instance::set` takes.
pub(super) fn field_mut(name: &str) -> Expr {
    Expr::Closure(vec![Pat::Ident("d".into())], Box::new(Expr::RefMut(Box::new(Expr::NamedField(Box::new(Expr::Var("d".into())), rust_ident(name))))))
}
