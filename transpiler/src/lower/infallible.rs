//! Generators whose body provably cannot raise.
//!
//! Iterating such a generator where it is made (`for x in fib()`, `sum(squares(n))`) needs no
//! error path: its state machine's `Generator::Item` is the yielded type itself, so the owned
//! iterator (`LocalGen`) implements `Iterator<Item = Y>` and the consumer's loop has no
//! `?` per item. Any other generator's items are `PyResult<Y>`.
//!
//! "Cannot raise" is decided on the Python source, conservatively: the body may only bind and
//! read local variables it has definitely bound, read module constants, compute with ints and
//! bools (`+ - * & | ^ ~`, comparisons, and `%`/`//` by a non-zero constant), branch, loop
//! (`while`, `for` over `range` with a constant non-zero step) and `yield`. Anything else (a
//! call, an attribute, a subscript, a `try`, a `yield` whose value is used, ...) may raise.

use super::Lower;
use crate::ast::{self, BinOp, CmpOp, ExprKind, StmtKind, UnaryOp};
use crate::resolve::{Binding, FuncBody, FuncId, ScopeId, MODULE_SCOPE};
use crate::types::Ty;
use num_traits::Zero;
use std::collections::HashSet;

impl Lower<'_> {
    /// The generator functions whose bodies cannot raise.
    pub(super) fn infallible_generators(&self) -> HashSet<FuncId> {
        let mut out = HashSet::new();
        for (i, f) in self.res.funcs.iter().enumerate() {
            let FuncBody::Stmts(body) = &f.body else { continue };
            if !ast::has_yield(body) {
                continue;
            }
            let mut bound: HashSet<String> = f.params.iter().map(|p| p.name.clone()).collect();
            if self.block_cannot_raise(f.scope, body, &mut bound) {
                out.insert(FuncId(i as u32));
            }
        }
        out
    }

    /// `bound`: the locals definitely bound here; the block adds the ones it binds.
    fn block_cannot_raise(&self, scope: ScopeId, stmts: &[ast::Stmt], bound: &mut HashSet<String>) -> bool {
        stmts.iter().all(|s| self.stmt_cannot_raise(scope, s, bound))
    }

    fn stmt_cannot_raise(&self, scope: ScopeId, s: &ast::Stmt, bound: &mut HashSet<String>) -> bool {
        let ok = |e: &ast::Expr, bound: &HashSet<String>| self.expr_cannot_raise(scope, e, bound);
        match &s.kind {
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue | StmtKind::Return(None) => true,
            StmtKind::Return(Some(v)) => ok(v, bound),
            StmtKind::Expr(e) => match &e.kind {
                ExprKind::Yield(None) => true,
                ExprKind::Yield(Some(v)) => ok(v, bound),
                _ => false,
            },
            StmtKind::Assign { targets, value } => {
                let [target] = targets.as_slice() else { return false };
                let fits = match (&target.kind, &value.kind) {
                    (ExprKind::Name(_), _) => true,
                    (ExprKind::Tuple(ts), ExprKind::Tuple(vs)) => ts.len() == vs.len() && ts.iter().all(|t| matches!(t.kind, ExprKind::Name(_))),
                    _ => false,
                };
                if !fits || !ok(value, bound) {
                    return false;
                }
                self.bind_targets(target, bound);
                true
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } => {
                if !matches!(target.kind, ExprKind::Name(_)) || !ok(value, bound) {
                    return false;
                }
                self.bind_targets(target, bound);
                true
            }
            StmtKind::AugAssign { target, op, value } => {
                matches!(target.kind, ExprKind::Name(_)) && ok(target, bound) && ok(value, bound) && self.op_cannot_raise(*op, target, value)
            }
            StmtKind::If { test, body, orelse } => {
                ok(test, bound) && self.block_cannot_raise(scope, body, &mut bound.clone()) && self.block_cannot_raise(scope, orelse, &mut bound.clone())
            }
            StmtKind::While { test, body, orelse } => {
                ok(test, bound) && self.block_cannot_raise(scope, body, &mut bound.clone()) && self.block_cannot_raise(scope, orelse, &mut bound.clone())
            }
            StmtKind::For { target, iter, body, orelse } => {
                let ExprKind::Name(_) = &target.kind else { return false };
                let ExprKind::Call { func, args, keywords } = &iter.kind else { return false };
                let is_range = matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "range");
                let step_ok = match args.get(2) {
                    None => true,
                    Some(step) => nonzero_int_literal(step),
                };
                let args_ok = args.iter().all(|a| self.ty(a) == Ty::Int && ok(a, bound));
                if !is_range || !keywords.is_empty() || !(1..=3).contains(&args.len()) || !step_ok || !args_ok {
                    return false;
                }
                let mut inner = bound.clone();
                self.bind_targets(target, &mut inner);
                self.block_cannot_raise(scope, body, &mut inner) && self.block_cannot_raise(scope, orelse, &mut bound.clone())
            }
            _ => false,
        }
    }

    fn bind_targets(&self, target: &ast::Expr, bound: &mut HashSet<String>) {
        match &target.kind {
            ExprKind::Name(n) => {
                bound.insert(n.clone());
            }
            ExprKind::Tuple(ts) => ts.iter().for_each(|t| self.bind_targets(t, bound)),
            _ => {}
        }
    }

    fn expr_cannot_raise(&self, scope: ScopeId, e: &ast::Expr, bound: &HashSet<String>) -> bool {
        let ok = |x: &ast::Expr| self.expr_cannot_raise(scope, x, bound);
        let int_like = |x: &ast::Expr| matches!(self.ty(x), Ty::Int | Ty::Bool);
        match &e.kind {
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::None | ExprKind::Float(_) | ExprKind::Str(_) => true,
            ExprKind::Name(n) => match self.res.names.get(&e.id) {
                Some(Binding::Var(s, _)) if *s == scope => bound.contains(n),
                Some(Binding::Var(s, _)) if *s == MODULE_SCOPE => self.module_consts.contains_key(n),
                _ => false,
            },
            ExprKind::Tuple(items) => items.iter().all(ok),
            ExprKind::BinOp { op, left, right } => ok(left) && ok(right) && self.op_cannot_raise(*op, left, right),
            ExprKind::UnaryOp { op, operand } => ok(operand) && (*op == UnaryOp::Not || int_like(operand)),
            ExprKind::BoolOp { values, .. } => values.iter().all(|v| ok(v) && int_like(v)),
            ExprKind::Compare { left, ops } => ok(left) && int_like(left) && ops.iter().all(|(op, r)| !matches!(op, CmpOp::In | CmpOp::NotIn) && ok(r) && int_like(r)),
            ExprKind::IfExp { test, body, orelse } => ok(test) && int_like(test) && ok(body) && ok(orelse),
            _ => false,
        }
    }

    /// An arithmetic operation on ints that cannot raise.
    fn op_cannot_raise(&self, op: BinOp, left: &ast::Expr, right: &ast::Expr) -> bool {
        let ints = matches!(self.ty(left), Ty::Int | Ty::Bool) && matches!(self.ty(right), Ty::Int | Ty::Bool);
        match op {
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => ints,
            BinOp::Mod | BinOp::FloorDiv => ints && self.nonzero_constant(right),
            _ => false,
        }
    }

    /// A non-zero int literal, or a module constant bound to one.
    fn nonzero_constant(&self, e: &ast::Expr) -> bool {
        if nonzero_int_literal(e) {
            return true;
        }
        match (&e.kind, self.res.names.get(&e.id)) {
            (ExprKind::Name(n), Some(Binding::Var(s, _))) if *s == MODULE_SCOPE => self.module_consts.get(n).is_some_and(|c| nonzero_int_literal(c)),
            _ => false,
        }
    }
}

fn nonzero_int_literal(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Int(v) => !v.is_zero(),
        ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => nonzero_int_literal(operand),
        _ => false,
    }
}
