//! Loops on machine integers.
//!
//! Python's ints are unbounded, so every `Int` operation checks that its operands are small and
//! that the result does not overflow, and a loop carries each int as a (tag, value) pair. For a
//! `while` loop that only computes with local ints and bools (no calls, containers, attributes
//! or other side effects), the lowering also emits a fast version that runs on `i64` copies of
//! those variables, with overflow-checked machine arithmetic:
//!
//! ```text
//! loop {
//!     match (x.to_i64(), steps.to_i64()) {          // every int the loop reads fits
//!         (Some(mut x1), Some(mut steps2)) => {
//!             let done3 = loop {
//!                 let saved4 = (x1, steps2);
//!                 let step5 = (|| {                  // one iteration on machine integers
//!                     if !(x1 != 1) { return Some(true); }
//!                     x1 = Int::small_floordiv(x1, 2)?;
//!                     steps2 = steps2.checked_add(1)?;
//!                     Some(false)
//!                 })();
//!                 match step5 {
//!                     Some(false) => {}
//!                     Some(true) => break true,      // the loop is over
//!                     None => { (x1, steps2) = saved4; break false; }
//!                 }
//!             };
//!             x = Int::Small(x1);                    // written back
//!             steps = Int::Small(steps2);
//!             if done3 { break; }
//!         }
//!         _ => {}
//!     }
//!     if !(&x != &Int::Small(1)) { break; }          // the loop as usual, for one iteration
//!     ...
//! }
//! ```
//!
//! An iteration gives up (`None`) when a result would not fit an `i64` or when Python would
//! raise (a zero divisor, a negative shift count): its variables are restored as they were
//! when it began, and it runs again with `Int`s, which produce the big values or the exception
//! with its traceback. Nothing else can observe the abandoned work, since the body has no side
//! effects. The next iteration tries machine integers again.

use super::{Lower, Storage};
use crate::ast::{self, BoolOp, CmpOp, ExprKind, StmtKind, UnaryOp};
use crate::resolve::{rust_ident, Binding};
use crate::rir::{BinOp as RB, Block, Expr, Pat, Stmt, UnOp};
use crate::types::Ty;
use num_traits::ToPrimitive;
use std::collections::{HashMap, HashSet};

/// A variable the fast loop works on.
struct FastVar {
    /// The Rust variable of the loop as usual (an `Int` or a `bool`).
    rust: String,
    /// Its machine-word copy (`i64` or `bool`).
    copy: String,
    ty: Ty,
    /// An int already kept in a machine word (`machine_ints.rs`): no conversion in or out.
    machine: bool,
    /// Read (on some path) before the loop writes it: its copy starts from its value.
    live_in: bool,
    /// Written by the loop (then saved, restored and written back).
    assigned: bool,
    /// For a variable written but not read first: set once the loop has written it (before
    /// that, its copy holds a placeholder and the variable may even be unbound).
    flag: Option<String>,
}

/// The variables of one fast loop, by Python name.
struct Plan {
    vars: Vec<FastVar>,
    by_name: HashMap<String, usize>,
}

/// Whether the loop's statements fit, and the variables they use (first use first).
struct Scan<'l, 'a> {
    lower: &'l Lower<'a>,
    /// (Python name, Rust name, type, assigned) in order of first use.
    vars: Vec<(String, String, Ty, bool)>,
    /// Variables that are a `for` loop's own (read-only here).
    loop_only: HashSet<String>,
}

impl Scan<'_, '_> {
    /// A local int or bool variable the fast loop may keep a copy of.
    fn var(&mut self, e: &ast::Expr, write: bool) -> bool {
        let ExprKind::Name(name) = &e.kind else { return false };
        let Some(Binding::Var(scope, _)) = self.lower.res.names.get(&e.id) else { return false };
        let storage = self.lower.storage.get(&(*scope, name.clone())).cloned().unwrap_or(Storage::Local);
        let ty = self.lower.types.var(*scope, name);
        if !matches!(ty, Ty::Int | Ty::Bool) || self.lower.ty(e) != ty {
            return false;
        }
        match storage {
            Storage::Local => {}
            Storage::LoopOnly if !write => {
                self.loop_only.insert(name.clone());
            }
            _ => return false,
        }
        if write && self.loop_only.contains(name) {
            return false;
        }
        match self.vars.iter_mut().find(|v| &v.0 == name) {
            Some(v) => v.3 |= write,
            None => self.vars.push((name.clone(), rust_ident(name), ty, write)),
        }
        true
    }

    fn stmts(&mut self, stmts: &[ast::Stmt]) -> bool {
        stmts.iter().all(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &ast::Stmt) -> bool {
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                let fits = match &value.kind {
                    ExprKind::Tuple(vals) => targets.iter().all(|t| matches!(t.kind, ExprKind::Tuple(_))) && vals.iter().all(|v| self.expr(v)),
                    _ => self.expr(value),
                };
                if !fits {
                    return false;
                }
                let vt = self.lower.ty(value);
                targets.iter().all(|t| match &t.kind {
                    ExprKind::Name(_) => self.lower.ty(t) == vt && self.var(t, true),
                    ExprKind::Tuple(parts) => match &value.kind {
                        // `a, b = x, y`: element by element.
                        ExprKind::Tuple(vals) if vals.len() == parts.len() => {
                            parts.iter().zip(vals).all(|(p, v)| matches!(p.kind, ExprKind::Name(_)) && self.lower.ty(p) == self.lower.ty(v) && self.var(p, true))
                        }
                        _ => false,
                    },
                    _ => false,
                })
            }
            StmtKind::AugAssign { target, op, value } => {
                self.lower.ty(target) == Ty::Int && self.lower.ty(value) == Ty::Int && int_op(*op).is_some() && self.expr(value) && self.var(target, true)
            }
            StmtKind::If { test, body, orelse } => self.cond(test) && self.stmts(body) && self.stmts(orelse),
            StmtKind::While { test, body, orelse } => orelse.is_empty() && self.cond(test) && self.stmts(body),
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => true,
            _ => false,
        }
    }

    /// An expression in a condition: a bool, or an int's truthiness.
    fn cond(&mut self, e: &ast::Expr) -> bool {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => values.iter().all(|v| self.cond(v)),
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.cond(operand),
            _ => matches!(self.lower.ty(e), Ty::Int | Ty::Bool) && self.expr(e),
        }
    }

    /// An int or bool expression without side effects.
    fn expr(&mut self, e: &ast::Expr) -> bool {
        let t = self.lower.ty(e);
        let int = |s: &Self, x: &ast::Expr| s.lower.ty(x) == Ty::Int;
        match &e.kind {
            ExprKind::Int(i) => i.to_i64().is_some(),
            ExprKind::Bool(_) => true,
            ExprKind::Name(_) => self.var(e, false),
            ExprKind::BinOp { op, left, right } => {
                let ok = match op {
                    _ if t == Ty::Int => int(self, left) && int(self, right) && int_op(*op).is_some(),
                    ast::BinOp::BitAnd | ast::BinOp::BitOr | ast::BinOp::BitXor => {
                        t == Ty::Bool && self.lower.ty(left) == Ty::Bool && self.lower.ty(right) == Ty::Bool
                    }
                    _ => false,
                };
                ok && self.expr(left) && self.expr(right)
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => t == Ty::Bool && self.cond(operand),
            ExprKind::UnaryOp { operand, .. } => t == Ty::Int && int(self, operand) && self.expr(operand),
            ExprKind::Compare { left, ops } => {
                let lt = self.lower.ty(left);
                t == Ty::Bool
                    && matches!(lt, Ty::Int | Ty::Bool)
                    && ops.iter().all(|(op, r)| {
                        let ordered = matches!(op, CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE);
                        (matches!(op, CmpOp::Eq | CmpOp::NotEq) || (ordered && lt == Ty::Int)) && self.lower.ty(r) == lt
                    })
                    && self.expr(left)
                    && ops.iter().all(|(_, r)| self.expr(r))
            }
            ExprKind::BoolOp { values, .. } => t == Ty::Bool && values.iter().all(|v| self.lower.ty(v) == Ty::Bool && self.expr(v)),
            ExprKind::IfExp { test, body, orelse } => {
                matches!(t, Ty::Int | Ty::Bool) && self.lower.ty(body) == t && self.lower.ty(orelse) == t && self.cond(test) && self.expr(body) && self.expr(orelse)
            }
            _ => false,
        }
    }
}

/// The machine-word form of an int operator: a checked `i64` method, or an `Int` helper
/// (both give `None` where the `Int` operation would not fit or would raise), or a plain
/// operator that cannot overflow.
pub(super) enum IntOp {
    Checked(&'static str),
    Helper(&'static str),
    Plain(RB),
}

pub(super) fn int_op(op: ast::BinOp) -> Option<IntOp> {
    Some(match op {
        ast::BinOp::Add => IntOp::Checked("checked_add"),
        ast::BinOp::Sub => IntOp::Checked("checked_sub"),
        ast::BinOp::Mul => IntOp::Checked("checked_mul"),
        ast::BinOp::FloorDiv => IntOp::Helper("Int::small_floordiv"),
        ast::BinOp::Mod => IntOp::Helper("Int::small_mod"),
        ast::BinOp::LShift => IntOp::Helper("Int::small_shl"),
        ast::BinOp::RShift => IntOp::Helper("Int::small_shr"),
        ast::BinOp::BitAnd => IntOp::Plain(RB::BitAnd),
        ast::BinOp::BitOr => IntOp::Plain(RB::BitOr),
        ast::BinOp::BitXor => IntOp::Plain(RB::BitXor),
        _ => return None,
    })
}

/// Names read before the loop body writes them (on some path), starting from `written`.
/// Mirrors rustc's definite-initialization rules for the constructs a fast loop allows, so
/// that every variable found here is certainly initialized before the loop.
fn reads_first(stmts: &[ast::Stmt], written: &mut Option<HashSet<String>>, out: &mut HashSet<String>) {
    for s in stmts {
        // `None`: this point is not reached (after `break`/`continue`).
        let Some(w) = written.as_mut() else { return };
        match &s.kind {
            StmtKind::Assign { targets, value } => {
                expr_reads(value, w, out);
                for t in targets {
                    let mut names = Vec::new();
                    super::target_names(t, &mut names);
                    w.extend(names);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                expr_reads(target, w, out);
                expr_reads(value, w, out);
                let mut names = Vec::new();
                super::target_names(target, &mut names);
                w.extend(names);
            }
            StmtKind::If { test, body, orelse } => {
                expr_reads(test, w, out);
                let mut a = Some(w.clone());
                reads_first(body, &mut a, out);
                let mut b = Some(w.clone());
                reads_first(orelse, &mut b, out);
                *written = match (a, b) {
                    (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
                    (Some(x), None) | (None, Some(x)) => Some(x),
                    (None, None) => None,
                };
            }
            StmtKind::While { test, body, .. } => {
                expr_reads(test, w, out);
                // The body may not run: what it writes is not certain afterwards.
                let mut inner = Some(w.clone());
                reads_first(body, &mut inner, out);
            }
            StmtKind::Break | StmtKind::Continue => *written = None,
            _ => {}
        }
    }
}

fn expr_reads(e: &ast::Expr, written: &HashSet<String>, out: &mut HashSet<String>) {
    super::visit_expr(e, &mut |x| {
        if let ExprKind::Name(n) = &x.kind {
            if !written.contains(n) {
                out.insert(n.clone());
            }
        }
    });
}

impl Lower<'_> {
    /// The fast version of `while test: body` (see the module documentation): statements for
    /// the start of the loop's body, or `None` when the loop does not qualify.
    pub(super) fn fast_while(&mut self, test: &ast::Expr, body: &[ast::Stmt]) -> Option<Vec<Stmt>> {
        let mut scan = Scan { lower: self, vars: Vec::new(), loop_only: HashSet::new() };
        let infinite = matches!(test.kind, ExprKind::Bool(true));
        if !(infinite || scan.cond(test)) || !scan.stmts(body) {
            return None;
        }
        let found = std::mem::take(&mut scan.vars);
        // Only loops with ints to speed up.
        if !found.iter().any(|v| v.2 == Ty::Int) {
            return None;
        }
        let mut first = HashSet::new();
        if !infinite {
            expr_reads(test, &HashSet::new(), &mut first);
        }
        reads_first(body, &mut Some(HashSet::new()), &mut first);
        let mut plan = Plan { vars: Vec::new(), by_name: HashMap::new() };
        for (name, rust, ty, assigned) in found {
            let machine = self.machine_vars.contains_key(&(self.scope, name.clone()));
            let hint: String = name.chars().filter(|c| c.is_ascii_lowercase()).collect();
            let copy = self.tmp(if hint.is_empty() { "v" } else { &hint });
            let live_in = first.contains(&name);
            let flag = (assigned && !live_in).then(|| format!("{copy}_set"));
            plan.by_name.insert(name, plan.vars.len());
            plan.vars.push(FastVar { rust, copy, ty, machine, live_in, assigned, flag });
        }

        // The copies of the variables read before written: only when every int fits.
        let loaded: Vec<&FastVar> = plan.vars.iter().filter(|v| v.live_in && v.ty == Ty::Int && !v.machine).collect();
        let scrutinee = Expr::Tuple(loaded.iter().map(|v| Expr::Var(v.rust.clone()).method("to_i64", vec![])).collect());
        let pattern = Pat::Tuple(loaded.iter().map(|v| Pat::Variant("Some".into(), vec![Pat::Mut(v.copy.clone())])).collect());
        let mut inner = Vec::new();
        for v in &plan.vars {
            let init = match (&v.ty, v.live_in) {
                (Ty::Int, true) if v.machine => Expr::Var(v.rust.clone()),
                (Ty::Int, true) => continue,
                (Ty::Bool, true) => Expr::Var(v.rust.clone()),
                (Ty::Int, false) => Expr::Cast(Box::new(Expr::RawInt(0)), "i64"),
                _ => Expr::Bool(false),
            };
            inner.push(Stmt::Let { name: v.copy.clone(), ty: None, init: Some(init), mutable: true, optional: false });
            if let Some(f) = &v.flag {
                inner.push(Stmt::Let { name: f.clone(), ty: None, init: Some(Expr::Bool(false)), mutable: true, optional: false });
            }
        }

        // One iteration as a closure: `?` gives up, `Some(true)` ends the loop.
        let mut step = Vec::new();
        if !infinite {
            let c = self.fast_cond(&plan, test);
            step.push(Stmt::If { cond: c.not(), then: Block::new(vec![Stmt::Return(Expr::call("Some", vec![Expr::Bool(true)]))]), els: None });
        }
        step.extend(self.fast_stmts(&plan, body, 0, &mut HashSet::new()));
        let closure = Expr::Closure(vec![], Box::new(Expr::Block(Block::with_tail(step, Expr::call("Some", vec![Expr::Bool(false)])))));

        // The state an iteration starts from, to go back to when it gives up.
        let kept: Vec<Expr> = plan.vars.iter().filter(|v| v.assigned).flat_map(|v| {
            let mut parts = vec![Expr::Var(v.copy.clone())];
            parts.extend(v.flag.iter().map(|f| Expr::Var(f.clone())));
            parts
        }).collect();
        let (saved, step_var, ends, done, label) = (self.tmp("saved"), self.tmp("step"), self.tmp("ends"), self.tmp("done"), self.label("fast"));
        let give_up = vec![
            Stmt::Assign { place: Expr::Tuple(kept.clone()), value: Expr::Var(saved.clone()) },
            Stmt::BreakWith(label.clone(), Expr::Bool(false)),
        ];
        let ended = Stmt::If { cond: Expr::Var(ends.clone()), then: Block::new(vec![Stmt::BreakWith(label.clone(), Expr::Bool(true))]), els: None };
        let body_loop = vec![
            Stmt::Let { name: saved.clone(), ty: None, init: Some(Expr::Tuple(kept)), mutable: false, optional: false },
            Stmt::Let { name: step_var.clone(), ty: None, init: Some(Expr::Call(Box::new(closure), vec![])), mutable: false, optional: false },
            Stmt::Match {
                value: Expr::Var(step_var),
                arms: vec![
                    (Pat::Variant("Some".into(), vec![Pat::Ident(ends)]), Block::new(vec![ended])),
                    (Pat::Variant("None".into(), vec![]), Block::new(give_up)),
                ],
            },
        ];
        // `'fast: { loop { .. } }`: true when the loop is over, false when an iteration gave up.
        let runs = Expr::LabeledBlock(label, Block::new(vec![Stmt::Loop { label: None, body: Block::new(body_loop) }]));
        inner.push(Stmt::Let { name: done.clone(), ty: None, init: Some(runs), mutable: false, optional: false });
        // Written back as they are after the last whole iteration.
        for v in plan.vars.iter().filter(|v| v.assigned) {
            let value = if v.ty == Ty::Int && !v.machine { Expr::call("Int::Small", vec![Expr::Var(v.copy.clone())]) } else { Expr::Var(v.copy.clone()) };
            let write = Stmt::Assign { place: Expr::Var(v.rust.clone()), value };
            inner.push(match &v.flag {
                Some(f) => Stmt::If { cond: Expr::Var(f.clone()), then: Block::new(vec![write]), els: None },
                None => write,
            });
        }
        inner.push(Stmt::If { cond: Expr::Var(done), then: Block::new(vec![Stmt::Break(None)]), els: None });
        if loaded.is_empty() {
            return Some(vec![Stmt::Expr(Expr::Block(Block::new(inner)))]);
        }
        Some(vec![Stmt::Match { value: scrutinee, arms: vec![(pattern, Block::new(inner)), (Pat::Wild, Block::new(vec![]))] }])
    }

    /// Statements of the fast loop's body; `depth` counts the `while` loops inside it around
    /// them (at 0, `break` and `continue` leave the closure).
    /// `written`: the variables this iteration has certainly written by now (their flags are
    /// set already).
    fn fast_stmts(&mut self, plan: &Plan, stmts: &[ast::Stmt], depth: usize, written: &mut HashSet<String>) -> Vec<Stmt> {
        let mut out = Vec::new();
        for s in stmts {
            match &s.kind {
                StmtKind::Assign { targets, value } => {
                    let mut names = Vec::new();
                    for t in targets {
                        super::target_names(t, &mut names);
                    }
                    let v = match (&value.kind, targets.len()) {
                        (ExprKind::Tuple(vals), _) => Expr::Tuple(vals.iter().map(|x| self.fast_value(plan, x)).collect()),
                        _ => self.fast_value(plan, value),
                    };
                    // One target: assigned directly; several (`a = b = v`): through a temporary.
                    let single = targets.len() == 1;
                    let src = if single {
                        v
                    } else {
                        let t = self.tmp("value");
                        out.push(Stmt::Let { name: t.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                        Expr::Var(t)
                    };
                    for t in targets {
                        let place = match &t.kind {
                            ExprKind::Tuple(parts) => Expr::Tuple(parts.iter().map(|p| self.fast_place(plan, p)).collect()),
                            _ => self.fast_place(plan, t),
                        };
                        out.push(Stmt::Assign { place, value: src.clone() });
                    }
                    mark_set(plan, &names, written, &mut out);
                }
                StmtKind::AugAssign { target, op, value } => {
                    let l = self.fast_place(plan, target);
                    let r = self.fast_value(plan, value);
                    let v = int_binary(*op, l.clone(), r);
                    out.push(Stmt::Assign { place: l, value: v });
                    let mut names = Vec::new();
                    super::target_names(target, &mut names);
                    mark_set(plan, &names, written, &mut out);
                }
                StmtKind::If { test, body, orelse } => {
                    let cond = self.fast_cond(plan, test);
                    let (mut a, mut b) = (written.clone(), written.clone());
                    let then = Block::new(self.fast_stmts(plan, body, depth, &mut a));
                    let els = (!orelse.is_empty()).then(|| Block::new(self.fast_stmts(plan, orelse, depth, &mut b)));
                    *written = a.intersection(&b).cloned().collect();
                    out.push(Stmt::If { cond, then, els });
                }
                StmtKind::While { test, body, .. } => {
                    let cond = if matches!(test.kind, ExprKind::Bool(true)) { Expr::Bool(true) } else { self.fast_cond(plan, test) };
                    let body = Block::new(self.fast_stmts(plan, body, depth + 1, &mut written.clone()));
                    out.push(Stmt::While { label: None, cond, body });
                }
                StmtKind::Break | StmtKind::Continue if depth == 0 => {
                    let ends = matches!(s.kind, StmtKind::Break);
                    out.push(Stmt::Return(Expr::call("Some", vec![Expr::Bool(ends)])));
                }
                StmtKind::Break => out.push(Stmt::Break(None)),
                StmtKind::Continue => out.push(Stmt::Continue(None)),
                _ => {}
            }
        }
        out
    }

    fn fast_place(&self, plan: &Plan, e: &ast::Expr) -> Expr {
        match &e.kind {
            ExprKind::Name(n) => Expr::Var(plan.vars[plan.by_name[n]].copy.clone()),
            _ => Expr::Unit,
        }
    }

    /// A condition: a `bool`.
    fn fast_cond(&mut self, plan: &Plan, e: &ast::Expr) -> Expr {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let rop = if *op == BoolOp::And { RB::And } else { RB::Or };
                let mut parts = values.iter().map(|v| self.fast_cond(plan, v)).collect::<Vec<_>>().into_iter();
                let first = parts.next().unwrap_or(Expr::Bool(true));
                parts.fold(first, |acc, c| Expr::binary(rop, acc, c))
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.fast_cond(plan, operand).not(),
            _ if self.ty(e) == Ty::Int => Expr::binary(RB::Ne, self.fast_value(plan, e), Expr::RawInt(0)),
            _ => self.fast_value(plan, e),
        }
    }

    /// An int (`i64`) or bool (`bool`) value.
    fn fast_value(&mut self, plan: &Plan, e: &ast::Expr) -> Expr {
        match &e.kind {
            // Typed: in `1 < k` Rust would take an untyped literal for an `i32` when `k` is one
            // too, and in `31 >> k` always.
            ExprKind::Int(i) => match i.to_i64() {
                Some(n) => Expr::I64(n),
                None => Expr::Unit,
            },
            ExprKind::Bool(b) => Expr::Bool(*b),
            ExprKind::Name(_) => self.fast_place(plan, e),
            ExprKind::BinOp { op, left, right } => {
                let l = self.fast_value(plan, left);
                let r = self.fast_value(plan, right);
                if self.ty(e) == Ty::Bool {
                    let rop = match op {
                        ast::BinOp::BitAnd => RB::BitAnd,
                        ast::BinOp::BitOr => RB::BitOr,
                        _ => RB::BitXor,
                    };
                    return Expr::binary(rop, l, r);
                }
                int_binary(*op, l, r)
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.fast_cond(plan, operand).not(),
            ExprKind::UnaryOp { op, operand } => {
                let v = self.fast_value(plan, operand);
                match op {
                    UnaryOp::Neg => Expr::Question(Box::new(checked(v, "checked_neg", vec![]))),
                    UnaryOp::Invert => Expr::Unary(UnOp::Not, Box::new(v)),
                    _ => v,
                }
            }
            ExprKind::Compare { left, ops } => {
                let mut prev = self.fast_value(plan, left);
                let mut acc: Option<Expr> = None;
                for (op, r) in ops {
                    let rv = self.fast_value(plan, r);
                    let rop = match op {
                        CmpOp::Eq => RB::Eq,
                        CmpOp::NotEq => RB::Ne,
                        CmpOp::Lt => RB::Lt,
                        CmpOp::LtE => RB::Le,
                        CmpOp::Gt => RB::Gt,
                        _ => RB::Ge,
                    };
                    // The operands have no side effects: a middle one may be computed twice.
                    let c = Expr::binary(rop, prev, rv.clone());
                    acc = Some(match acc {
                        None => c,
                        Some(a) => Expr::binary(RB::And, a, c),
                    });
                    prev = rv;
                }
                acc.unwrap_or(Expr::Bool(true))
            }
            ExprKind::BoolOp { op, values } => {
                let rop = if *op == BoolOp::And { RB::And } else { RB::Or };
                let mut parts = values.iter().map(|v| self.fast_value(plan, v)).collect::<Vec<_>>().into_iter();
                let first = parts.next().unwrap_or(Expr::Bool(true));
                parts.fold(first, |acc, c| Expr::binary(rop, acc, c))
            }
            ExprKind::IfExp { test, body, orelse } => {
                let c = self.fast_cond(plan, test);
                let a = self.fast_value(plan, body);
                let b = self.fast_value(plan, orelse);
                Expr::If(Box::new(c), Block::with_tail(vec![], a), Block::with_tail(vec![], b))
            }
            _ => Expr::Unit,
        }
    }
}

/// Sets the flags of the variables just written (those not certainly written before).
fn mark_set(plan: &Plan, names: &[String], written: &mut HashSet<String>, out: &mut Vec<Stmt>) {
    for n in names {
        if let (Some(f), true) = (plan.by_name.get(n).and_then(|&i| plan.vars[i].flag.clone()), written.insert(n.clone())) {
            out.push(Stmt::Assign { place: Expr::Var(f), value: Expr::Bool(true) });
        }
    }
}

/// `a op b` on `i64`s, giving up (`?`) where `Int` would not fit or would raise.
pub(super) fn int_binary(op: ast::BinOp, l: Expr, r: Expr) -> Expr {
    match int_op(op) {
        Some(IntOp::Checked(m)) => Expr::Question(Box::new(checked(l, m, vec![r]))),
        Some(IntOp::Helper(f)) => Expr::Question(Box::new(Expr::call(f, vec![l, r]))),
        Some(IntOp::Plain(rop)) => Expr::binary(rop, l, r),
        None => Expr::Unit,
    }
}

/// `recv.method(args)` on an `i64`, as `i64::method(recv, args)` when the receiver is a literal
/// (whose integer type a method call would not know).
fn checked(recv: Expr, method: &str, args: Vec<Expr>) -> Expr {
    match recv {
        Expr::RawInt(_) | Expr::I64(_) | Expr::Path(_) => {
            let mut all = vec![recv];
            all.extend(args);
            Expr::call(&format!("i64::{method}"), all)
        }
        _ => recv.method(method, args),
    }
}
