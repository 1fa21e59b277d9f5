//! User objects held in dynamic values (`children=None` defaults, mixed lists): their methods
//! are found at run time. Each class hierarchy gets a `call_method` hook (see `ClassData` in
//! the runtime) that matches the name, unboxes the arguments (CPython's `TypeError`s for a
//! wrong count) and calls the same functions static calls use.

use super::*;
use crate::resolve::{ClassId, MethodKind};

impl<'a> Lower<'a> {
    /// Fills `ct.dyn_methods` for hierarchy `root` (attributes: `ClassType::attrs`); with
    /// `protocols_only`, only the dunders the runtime calls on a dynamic value.
    pub(super) fn dyn_dispatch(&mut self, root: ClassId, ct: &mut rir::ClassType, protocols_only: bool) {
        const PROTOCOLS: &[&str] = &["__iter__", "__next__", "__len__", "__getitem__", "__contains__"];
        let mut names: Vec<String> = Vec::new();
        for c in self.res.tree(root) {
            for (n, f) in &self.res.class(c).methods {
                let kind = self.res.funcs[f.0 as usize].kind;
                let wanted = !protocols_only || PROTOCOLS.contains(&n.as_str());
                if wanted && n != "__init__" && kind == MethodKind::Instance && !names.contains(n) {
                    names.push(n.clone());
                }
            }
        }
        names.sort();
        for name in names {
            let body = self.dyn_method_body(root, &name);
            ct.dyn_methods.push((name, body));
        }
    }

    /// `obj.name(*args)` with `args: Vec<Value>`: arity check, unboxing, the call, the result
    /// boxed.
    fn dyn_method_body(&mut self, root: ClassId, name: &str) -> Block {
        let impls = self.method_impls(root, name);
        let Some(&first) = impls.first() else { return Block::default() };
        let f = self.res.funcs[first.0 as usize].clone();
        let unsupported = |why: &str| {
            let msg = format!("py2rust: the method `{name}` cannot be called on a value whose type is known only at run time ({why})");
            Block::with_tail(Vec::new(), Expr::call("Err", vec![Expr::call("PyErr::type_error", vec![Expr::StrLit(msg)])]))
        };
        let param_tys: Vec<Ty> = self.types.params[first.0 as usize].iter().map(storable).collect();
        let positional: Vec<&ast::Param> = f.params.iter().skip(1).filter(|p| p.kind == ast::ParamKind::Positional).collect();
        let required: Vec<Expr> = positional.iter().filter(|p| p.default.is_none()).map(|p| Expr::StrLit(p.name.clone())).collect();
        let qualname = format!("{}.{}", self.res.class(root).name, name);
        let args = Expr::Var("args".into());
        let mut stmts = vec![Stmt::Expr(Expr::Question(Box::new(Expr::call(
            "check_method_arity",
            vec![Expr::StrLit(qualname), args.clone().reference(), Expr::Array(required).reference(), Expr::call("Some", vec![Expr::RawInt(positional.len() as i64)])],
        ))))];
        stmts.push(Stmt::Let { name: "args".into(), ty: None, init: Some(args.clone().method("into_iter", vec![])), mutable: true, optional: false });
        let mut call_args = vec![Expr::Var("obj".into()).method("clone", vec![])];
        for (p, pt) in f.params.iter().zip(&param_tys).skip(1) {
            let arg = match (p.kind, &p.default) {
                (ast::ParamKind::Positional, Some(d)) if is_immutable_literal(d) => {
                    let d = self.expr_as(d, pt);
                    let next = Expr::Question(Box::new(Expr::call("next_arg", vec![args.clone().reference_mut()])));
                    next.method("unwrap_or_else", vec![Expr::Closure(vec![], Box::new(d))])
                }
                (ast::ParamKind::Positional, None) => Expr::Question(Box::new(Expr::call("req_arg", vec![args.clone().reference_mut()]))),
                (ast::ParamKind::KeywordOnly, Some(d)) if is_immutable_literal(d) => self.expr_as(d, pt),
                _ => return unsupported("its parameters"),
            };
            call_args.push(arg);
        }
        let single = impls.len() == 1 && self.res.tree(root).iter().all(|&c| self.res.lookup_method(c, name) == Some(first));
        let callee = if single { f.rust_name.clone() } else { self.dispatcher(root, name) };
        let ret = storable(&self.types.returns[first.0 as usize]);
        let result = Expr::Question(Box::new(Expr::call(&callee, call_args)));
        let boxed = self.coerce(result, &ret, &Ty::Dyn, Span::default());
        Block::with_tail(stmts, Expr::Ok(Box::new(boxed)))
    }
}
