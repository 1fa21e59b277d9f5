//! Ints that provably fit a machine word.
//!
//! Python's ints are unbounded, so an `Int` carries a tag, and every operation checks its
//! operands' tags and its result for overflow. Many variables never leave a small range, though:
//! `b = (a + b) % MOD` is always in `[0, MOD)`, `for r in range(400)` in `[0, 399]`. This
//! module finds them with an interval analysis over each function's assignments, and the
//! lowering keeps them in plain `i64`s (`Ty::I64`):
//!
//! - a read is `Int::Small(x)` where an `Int` is needed, which the Rust compiler folds away;
//! - arithmetic whose operands are machine-word values and whose result provably fits is
//!   plain `i64` arithmetic, without overflow checks (`machine`), and Python's `%` and `//`
//!   by a positive divisor are `%`/`/` on a non-negative dividend, `rem_euclid`/`div_euclid`
//!   otherwise;
//! - anything else assigned to such a variable is computed with `Int`s and unwrapped with
//!   `Int::proven_small` (the analysis proved it fits; a bug of ours would be an internal
//!   error, never a wrong number).
//!
//! The analysis is flow-insensitive: a variable's range is the union of what every assignment
//! to it can store, found by iterating to a fixed point (widened to the `i64` limits when a
//! bound keeps growing, then narrowed by recomputing). Only plain locals qualify (definitely
//! assigned before each read, not captured by inner functions, not parameters), and only when
//! every binding of the name is one the analysis understands: `x = e`, `a, b = e1, e2`,
//! `x op= e`, `for x in range(...)`.

use super::{Lower, Storage};
use crate::ast::{self, ExprKind, StmtKind, UnaryOp};
use crate::resolve::{collect_bindings, rust_ident, Binding, ScopeId, MODULE_SCOPE};
use crate::rir::{BinOp as RB, Block, Expr, Pat, Stmt, UnOp};
use crate::types::Ty;
use num_traits::ToPrimitive;
use std::collections::HashMap;

/// The values an int expression can have.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Range {
    /// None (not computed yet, or never reached).
    Empty,
    /// `lo..=hi`, both within `i64`.
    Span(i128, i128),
    /// Possibly outside `i64`.
    Any,
}

const MIN: i128 = i64::MIN as i128;
const MAX: i128 = i64::MAX as i128;

impl Range {
    pub(super) fn span(lo: i128, hi: i128) -> Range {
        if lo > hi {
            Range::Empty
        } else if lo < MIN || hi > MAX {
            Range::Any
        } else {
            Range::Span(lo, hi)
        }
    }

    pub(super) fn point(v: i128) -> Range {
        Range::span(v, v)
    }

    pub(super) fn join(self, o: Range) -> Range {
        match (self, o) {
            (Range::Empty, x) | (x, Range::Empty) => x,
            (Range::Span(a, b), Range::Span(c, d)) => Range::Span(a.min(c), b.max(d)),
            _ => Range::Any,
        }
    }

    /// Whether every value of `self` is in `o`.
    pub(super) fn within(self, o: Range) -> bool {
        match (self, o) {
            (Range::Empty, _) | (_, Range::Any) => true,
            (Range::Span(a, b), Range::Span(c, d)) => c <= a && b <= d,
            _ => false,
        }
    }

    /// The part of `self` within `min..=max` (an unbounded side is `None`).
    pub(super) fn meet(self, min: Option<i128>, max: Option<i128>) -> Range {
        match self {
            Range::Empty => Range::Empty,
            Range::Span(lo, hi) => Range::span(min.map_or(lo, |m| lo.max(m)), max.map_or(hi, |m| hi.min(m))),
            Range::Any => match (min, max) {
                (Some(lo), Some(hi)) => Range::span(lo, hi),
                _ => Range::Any,
            },
        }
    }

    /// `self` (which grew from `old`) with each bound that moved pushed to the `i64` limit.
    pub(super) fn widened_from(self, old: Range) -> Range {
        match (old, self) {
            (Range::Span(a, b), Range::Span(c, d)) => Range::span(if c < a { MIN } else { c }, if d > b { MAX } else { d }),
            _ => self,
        }
    }

    fn lo(self) -> Option<i128> {
        match self {
            Range::Span(lo, _) => Some(lo),
            _ => None,
        }
    }

    fn as_point(self) -> Option<i64> {
        match self {
            Range::Span(lo, hi) if lo == hi => Some(lo as i64),
            _ => None,
        }
    }

    /// The range of `a op b` (Python's semantics).
    pub(super) fn binary(op: ast::BinOp, a: Range, b: Range) -> Range {
        use ast::BinOp as B;
        if a == Range::Empty || b == Range::Empty {
            return Range::Empty;
        }
        if let (Range::Span(x, x1), Range::Span(y, y1)) = (a, b) {
            if x == x1 && y == y1 {
                return exact(op, x, y).map_or(Range::Any, Range::point);
            }
        }
        // `x % m` and `x & m` are bounded by `m` whatever `x` is.
        match (op, b) {
            (B::Mod, Range::Span(c, d)) if c > 0 => {
                return match a {
                    Range::Span(lo, hi) if lo >= 0 => Range::span(0, hi.min(d - 1)),
                    _ => Range::span(0, d - 1),
                };
            }
            (B::Mod, Range::Span(c, d)) if d < 0 => return Range::span(c + 1, 0),
            (B::BitAnd, Range::Span(c, d)) if c >= 0 => {
                return match a {
                    Range::Span(lo, hi) if lo >= 0 => Range::span(0, hi.min(d)),
                    _ => Range::span(0, d),
                };
            }
            (B::BitAnd, _) if a.lo().is_some_and(|lo| lo >= 0) => return Range::binary(op, b, a),
            _ => {}
        }
        let (Range::Span(a0, a1), Range::Span(b0, b1)) = (a, b) else { return Range::Any };
        let corners = |f: fn(i128, i128) -> i128| {
            let vs = [f(a0, b0), f(a0, b1), f(a1, b0), f(a1, b1)];
            Range::span(*vs.iter().min().unwrap_or(&0), *vs.iter().max().unwrap_or(&0))
        };
        match op {
            B::Add => Range::span(a0 + b0, a1 + b1),
            B::Sub => Range::span(a0 - b1, a1 - b0),
            B::Mul => corners(|x, y| x * y),
            // Floor division by a positive divisor is monotonic in each operand.
            B::FloorDiv if b0 > 0 => corners(|x, y| x.div_euclid(y)),
            B::RShift if b0 >= 0 => corners(|x, y| x >> y.min(127)),
            B::BitOr | B::BitXor if a0 >= 0 && b0 >= 0 => {
                let bits = 128 - a1.max(b1).leading_zeros();
                Range::span(0, (1i128 << bits) - 1)
            }
            // Bitwise operations of two machine words stay machine words.
            B::BitAnd | B::BitOr | B::BitXor => Range::Span(MIN, MAX),
            B::Pow if a0 == a1 && b0 == b1 && b0 >= 0 => match u32::try_from(b0).ok().and_then(|e| a0.checked_pow(e)) {
                Some(v) => Range::point(v),
                None => Range::Any,
            },
            _ => Range::Any,
        }
    }

    pub(super) fn unary(op: UnaryOp, a: Range) -> Range {
        match (op, a) {
            (_, Range::Empty) => Range::Empty,
            (UnaryOp::Neg, Range::Span(lo, hi)) => Range::span(-hi, -lo),
            (UnaryOp::Pos, x) => x,
            (UnaryOp::Invert, Range::Span(lo, hi)) => Range::span(-hi - 1, -lo - 1),
            _ => Range::Any,
        }
    }
}

/// `x op y` on two known values, as Python computes it (`None`: too big, or it raises).
fn exact(op: ast::BinOp, x: i128, y: i128) -> Option<i128> {
    use ast::BinOp as B;
    let floor_div = |x: i128, y: i128| {
        let q = x / y;
        if x % y != 0 && ((x < 0) != (y < 0)) {
            q - 1
        } else {
            q
        }
    };
    Some(match op {
        B::Add => x + y,
        B::Sub => x - y,
        B::Mul => x.checked_mul(y)?,
        B::FloorDiv if y != 0 => floor_div(x, y),
        B::Mod if y != 0 => x - floor_div(x, y) * y,
        B::BitAnd => x & y,
        B::BitOr => x | y,
        B::BitXor => x ^ y,
        B::RShift if y >= 0 => x >> y.min(127),
        B::LShift if (0..64).contains(&y) => x.checked_mul(1i128 << y)?,
        B::Pow if y >= 0 => x.checked_pow(u32::try_from(y).ok()?)?,
        _ => return None,
    })
}

/// What one binding of a variable stores.
enum Source<'e> {
    Value(&'e ast::Expr),
    /// `x op= value`.
    Aug(ast::BinOp, &'e ast::Expr, &'e ast::Expr),
    /// `for x in iterable`.
    Item(&'e ast::Expr),
}

impl<'a> Lower<'a> {
    /// Finds the scope's machine-word variables (see the module documentation); runs after
    /// `assign_storage` decided each variable's storage.
    pub(super) fn find_machine_ints(&mut self, scope: ScopeId, stmts: &[ast::Stmt], params: &[ast::Param]) {
        let mut counts: HashMap<String, usize> = HashMap::new();
        collect_bindings(stmts, &mut |n, _| *counts.entry(n.to_string()).or_default() += 1);
        let mut sources: HashMap<String, Vec<Source>> = HashMap::new();
        self.binding_sources(stmts, &mut sources);
        let candidates: Vec<String> = self.res.scopes[scope.0 as usize]
            .locals
            .iter()
            .filter(|n| {
                let key = (scope, (*n).clone());
                self.types.var(scope, n) == Ty::Int
                    && matches!(self.storage.get(&key), Some(Storage::Local | Storage::LoopOnly))
                    && !params.iter().any(|p| &p.name == *n)
                    && !self.is_cell(scope, n)
                    && !self.is_comp_scope(scope)
                    && !(scope == MODULE_SCOPE && self.res.scopes[0].shared.contains(*n))
                    && !self.res.funcs.iter().any(|f| f.captures.contains(&key))
                    && sources.get(*n).is_some_and(|v| Some(&v.len()) == counts.get(*n))
            })
            .cloned()
            .collect();
        if candidates.is_empty() {
            return;
        }
        for n in &candidates {
            self.machine_vars.insert((scope, n.clone()), Range::Empty);
        }
        // Up: each variable's range grows to cover what its assignments store; a bound that
        // keeps growing jumps to the `i64` limit (past it, the next round finds `Any`).
        let mut grown: HashMap<&str, u32> = HashMap::new();
        let mut converged = false;
        for _ in 0..32 * candidates.len() {
            let mut changed = false;
            for n in &candidates {
                let key = (scope, n.clone());
                let old = self.machine_vars[&key];
                let mut new = old.join(self.sources_range(&key, sources.get(n).map_or(&[][..], Vec::as_slice)));
                if new != old {
                    let count = grown.entry(n).or_default();
                    *count += 1;
                    if *count > 2 {
                        new = new.widened_from(old);
                    }
                    self.machine_vars.insert(key, new);
                    changed = true;
                }
            }
            if !changed {
                converged = true;
                break;
            }
        }
        if !converged {
            // (Not reached: each bound grows a few times, then jumps to the limit.) Without a
            // fixed point nothing is proven.
            for n in &candidates {
                self.machine_vars.remove(&(scope, n.clone()));
            }
            return;
        }
        // Down: recomputing from a range that covers every assignment keeps covering them, and
        // takes back what widening gave away (`x = (x + 1) % 10` is `[0, 9]`, not `[0, MAX]`).
        for _ in 0..3 {
            for n in &candidates {
                let key = (scope, n.clone());
                let new = self.sources_range(&key, sources.get(n).map_or(&[][..], Vec::as_slice));
                if new.within(self.machine_vars[&key]) {
                    self.machine_vars.insert(key, new);
                }
            }
        }
        self.machine_vars.retain(|_, r| *r != Range::Any);
    }

    fn sources_range(&self, key: &(ScopeId, String), sources: &[Source]) -> Range {
        sources.iter().fold(Range::Empty, |acc, s| {
            acc.join(match s {
                Source::Value(e) => self.range_of(e),
                Source::Aug(op, target, value) => {
                    if self.ty(target) != Ty::Int || self.ty(value) != Ty::Int {
                        Range::Any
                    } else {
                        Range::binary(*op, self.machine_vars.get(key).copied().unwrap_or(Range::Any), self.range_of(value))
                    }
                }
                Source::Item(iter) => self.items_range(iter),
            })
        })
    }

    /// The bindings of each name the analysis understands (others are counted by
    /// `collect_bindings` only, which disqualifies the name).
    fn binding_sources<'e>(&self, stmts: &'e [ast::Stmt], out: &mut HashMap<String, Vec<Source<'e>>>) {
        for s in stmts {
            match &s.kind {
                StmtKind::Assign { targets, value } => {
                    for t in targets {
                        match (&t.kind, &value.kind) {
                            (ExprKind::Name(n), _) => out.entry(n.clone()).or_default().push(Source::Value(value)),
                            (ExprKind::Tuple(names), ExprKind::Tuple(values)) if names.len() == values.len() => {
                                for (n, v) in names.iter().zip(values) {
                                    if let ExprKind::Name(n) = &n.kind {
                                        out.entry(n.clone()).or_default().push(Source::Value(v));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                StmtKind::AnnAssign { target, value: Some(value), .. } => {
                    if let ExprKind::Name(n) = &target.kind {
                        out.entry(n.clone()).or_default().push(Source::Value(value));
                    }
                }
                StmtKind::AugAssign { target, op, value } => {
                    if let ExprKind::Name(n) = &target.kind {
                        out.entry(n.clone()).or_default().push(Source::Aug(*op, target, value));
                    }
                }
                StmtKind::For { target, iter, body, orelse } => {
                    if let ExprKind::Name(n) = &target.kind {
                        out.entry(n.clone()).or_default().push(Source::Item(iter));
                    }
                    self.binding_sources(body, out);
                    self.binding_sources(orelse, out);
                }
                StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                    self.binding_sources(body, out);
                    self.binding_sources(orelse, out);
                }
                StmtKind::With { body, .. } => self.binding_sources(body, out),
                StmtKind::Try { body, handlers, orelse, finalbody } => {
                    self.binding_sources(body, out);
                    for h in handlers {
                        self.binding_sources(&h.body, out);
                    }
                    self.binding_sources(orelse, out);
                    self.binding_sources(finalbody, out);
                }
                _ => {}
            }
        }
    }

    /// The arguments of a call of the builtin `range` (one to three, no keywords).
    fn range_call_args<'e>(&self, e: &'e ast::Expr) -> Option<&'e [ast::Expr]> {
        match &e.kind {
            ExprKind::Call { func, args, keywords } if keywords.is_empty() && (1..=3).contains(&args.len()) => {
                let builtin = matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "range");
                (builtin && args.iter().all(|a| self.ty(a) == Ty::Int)).then_some(args.as_slice())
            }
            _ => None,
        }
    }

    /// The items an iterable gives: a `range`, a generator whose yields are known, `islice`,
    /// `takewhile` and `dropwhile` of those.
    fn items_range(&self, iter: &ast::Expr) -> Range {
        if let Ty::Gen(f) = self.ty(iter) {
            return self.gen_yield_ranges.get(&f).copied().unwrap_or(Range::Any);
        }
        if let Some(args) = self.range_call_args(iter) {
            return self.range_items(args);
        }
        match &iter.kind {
            ExprKind::Call { func, args, .. } => match (crate::itertools::callee(self.res, func), args.as_slice()) {
                (Some("islice"), [inner, ..]) | (Some("takewhile" | "dropwhile"), [_, inner]) => self.items_range(inner),
                _ => Range::Any,
            },
            _ => Range::Any,
        }
    }

    /// What each generator function's `yield`s give, before any function is lowered, so that
    /// consumers see it whatever the order of definitions (a generator consuming another
    /// sees it only when defined after it).
    pub(super) fn find_generator_yield_ranges(&mut self) {
        for (i, f) in self.res.funcs.iter().enumerate() {
            let crate::resolve::FuncBody::Stmts(body) = &f.body else { continue };
            if !ast::has_yield(body) {
                continue;
            }
            self.scope = f.scope;
            self.gen = Some(super::generators::GenCtx::probe());
            self.assign_storage(f.scope, body, &f.params);
            let r = self.yields_range(body);
            self.gen_yield_ranges.insert(crate::resolve::FuncId(i as u32), r);
        }
        self.gen = None;
        self.scope = MODULE_SCOPE;
    }

    /// What a generator function's `yield`s give (its scope's ranges found already).
    fn yields_range(&self, body: &[ast::Stmt]) -> Range {
        let mut r = Range::Empty;
        super::visit_stmts_exprs(body, &mut |e| match &e.kind {
            ExprKind::Yield(Some(v)) => r = r.join(self.range_of(v)),
            ExprKind::Yield(None) | ExprKind::YieldFrom(_) => r = Range::Any,
            _ => {}
        });
        r
    }

    /// The items of `range(args)`.
    fn range_items(&self, args: &[ast::Expr]) -> Range {
        let (start, stop) = match args {
            [stop] => (Range::point(0), self.range_of(stop)),
            [start, stop, ..] => (self.range_of(start), self.range_of(stop)),
            _ => return Range::Any,
        };
        let step = args.get(2).map_or(Range::point(1), |s| self.range_of(s));
        match (start, stop, step) {
            (Range::Empty, ..) | (_, Range::Empty, _) => Range::Empty,
            (Range::Span(a, _), Range::Span(_, d), Range::Span(s, _)) if s > 0 => Range::span(a, d - 1),
            (Range::Span(_, b), Range::Span(c, _), Range::Span(_, s)) if s < 0 => Range::span(c + 1, b),
            (Range::Span(..), Range::Span(..), _) => start.join(stop),
            _ => Range::Any,
        }
    }

    /// The values an int expression can have (`Any` for anything else).
    pub(super) fn range_of(&self, e: &ast::Expr) -> Range {
        if self.ty(e) != Ty::Int {
            return Range::Any;
        }
        match &e.kind {
            ExprKind::Int(i) => i.to_i64().map_or(Range::Any, |v| Range::point(v as i128)),
            ExprKind::Name(n) => match self.res.names.get(&e.id) {
                Some(Binding::Var(s, _)) if *s == MODULE_SCOPE && self.module_consts.contains_key(n) => self.range_of(self.module_consts[n]),
                Some(Binding::Var(s, _)) => self.machine_vars.get(&(*s, n.clone())).copied().unwrap_or(Range::Any),
                _ => Range::Any,
            },
            ExprKind::BinOp { op, left, right } if self.ty(left) == Ty::Int && self.ty(right) == Ty::Int => {
                Range::binary(*op, self.range_of(left), self.range_of(right))
            }
            ExprKind::UnaryOp { op, operand } if self.ty(operand) == Ty::Int => Range::unary(*op, self.range_of(operand)),
            ExprKind::IfExp { body, orelse, .. } => self.range_of(body).join(self.range_of(orelse)),
            ExprKind::Attribute { .. } => self.small_attr_range(e).unwrap_or(Range::Any),
            ExprKind::Call { func, args, keywords } if keywords.is_empty() => match (self.res.names.get(&func.id), args.as_slice()) {
                // A length is an `isize`.
                (Some(Binding::Builtin(b)), [_]) if b == "len" => Range::Span(0, MAX),
                (Some(Binding::Builtin(b)), [it]) if b == "next" => self.items_range(it),
                (Some(Binding::Builtin(b)), [it, default]) if b == "next" => self.items_range(it).join(self.range_of(default)),
                _ => Range::Any,
            },
            _ => Range::Any,
        }
    }

    /// Whether the variable a name expression reads is kept in a machine word.
    pub(super) fn is_machine_var(&self, e: &ast::Expr) -> bool {
        match (&e.kind, self.res.names.get(&e.id)) {
            (ExprKind::Name(n), Some(Binding::Var(s, _))) => self.machine_vars.contains_key(&(*s, n.clone())),
            _ => false,
        }
    }

    /// The Rust type a local variable is stored as.
    pub(super) fn var_storage_ty(&self, scope: ScopeId, name: &str) -> Ty {
        if let Some(f) = self.owned_gens.get(&(scope, name.to_string())) {
            return Ty::OwnedGen(*f);
        }
        if self.machine_vars.contains_key(&(scope, name.to_string())) {
            Ty::I64
        } else {
            super::storable(&self.types.var(scope, name))
        }
    }

    /// The expression as plain `i64` arithmetic, when its operands are machine words and no
    /// step can overflow or raise; `None` otherwise. A constant result without calls in it is
    /// folded.
    pub(super) fn machine(&mut self, e: &ast::Expr) -> Option<Expr> {
        let range = self.range_of(e);
        if range == Range::Any {
            return None;
        }
        let constant = range.as_point().filter(|_| calls_nothing(e)).map(|v| if v == i64::MIN { Expr::Path("i64::MIN".into()) } else { Expr::RawInt(v) });
        match &e.kind {
            ExprKind::Name(n) if self.is_machine_var(e) => Some(Expr::Var(rust_ident(n))),
            ExprKind::Attribute { .. } => self.small_attr_get(e),
            ExprKind::Int(_) | ExprKind::Name(_) => constant,
            ExprKind::BinOp { op, left, right } => {
                let (l, r) = (self.machine(left)?, self.machine(right)?);
                if constant.is_some() {
                    return constant;
                }
                self.machine_binary(*op, l, self.range_of(left), r, self.range_of(right))
            }
            // `next(g)` of a generator whose yields fit: computed as usual (an `Int`).
            ExprKind::Call { func, .. } if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "next") => {
                let v = self.expr(e);
                Some(v.method("proven_small", vec![]))
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = self.machine(operand)?;
                if constant.is_some() {
                    return constant;
                }
                match op {
                    UnaryOp::Neg => Some(Expr::Unary(UnOp::Neg, Box::new(v))),
                    UnaryOp::Pos => Some(v),
                    UnaryOp::Invert => Some(Expr::Unary(UnOp::Not, Box::new(v))),
                    UnaryOp::Not => None,
                }
            }
            _ => None,
        }
    }

    /// `a < b < c` on machine words without calls: each middle operand may be computed twice.
    pub(super) fn machine_chain(&mut self, left: &ast::Expr, ops: &[(ast::CmpOp, ast::Expr)]) -> Option<Expr> {
        let operands: Vec<&ast::Expr> = std::iter::once(left).chain(ops.iter().map(|(_, r)| r)).collect();
        if !operands.iter().all(|e| self.ty(e) == Ty::Int && calls_nothing(e)) {
            return None;
        }
        let values = operands.iter().map(|e| self.machine(e)).collect::<Option<Vec<_>>>()?;
        let mut acc: Option<Expr> = None;
        for (i, (op, _)) in ops.iter().enumerate() {
            let c = Expr::binary(super::native_cmp(*op)?, anchored(values[i].clone()), anchored(values[i + 1].clone()));
            acc = Some(match acc {
                None => c,
                Some(a) => Expr::binary(RB::And, a, c),
            });
        }
        acc
    }

    /// `l op r` on `i64`s whose result range is known to fit.
    pub(super) fn machine_binary(&self, op: ast::BinOp, l: Expr, lr: Range, r: Expr, rr: Range) -> Option<Expr> {
        use ast::BinOp as B;
        if Range::binary(op, lr, rr) == Range::Any {
            return None;
        }
        let nonneg = lr.lo().is_some_and(|lo| lo >= 0);
        let positive_divisor = rr.lo().is_some_and(|lo| lo > 0);
        let plain = |rop| Some(Expr::binary(rop, l.clone(), r.clone()));
        match op {
            B::Add => plain(RB::Add),
            B::Sub => plain(RB::Sub),
            B::Mul => plain(RB::Mul),
            B::Mod if positive_divisor && nonneg => plain(RB::Rem),
            B::Mod if positive_divisor => Some(Expr::call("i64::rem_euclid", vec![l, r])),
            B::FloorDiv if positive_divisor && nonneg => plain(RB::Div),
            B::FloorDiv if positive_divisor => Some(Expr::call("i64::div_euclid", vec![l, r])),
            B::BitAnd => plain(RB::BitAnd),
            B::BitOr => plain(RB::BitOr),
            B::BitXor => plain(RB::BitXor),
            // A shift's operands are typed apart (`i64 >> i32` exists): both written as `i64`s.
            B::RShift if matches!(rr, Range::Span(lo, hi) if lo >= 0 && hi < 64) => Some(Expr::binary(RB::Shr, typed_literals(l), typed_literals(r))),
            _ => None,
        }
    }

    /// A value of type `vty` (an `Int`, or an `i64` already) as the `i64` a machine-word
    /// variable stores.
    pub(super) fn into_machine(&mut self, value: Expr, vty: &Ty, span: crate::source::Span) -> Expr {
        if *vty == Ty::I64 {
            return value;
        }
        match self.coerce(value, vty, &Ty::Int, span) {
            Expr::Int(n) if n == i64::MIN => Expr::Path("i64::MIN".into()),
            Expr::Int(n) => Expr::RawInt(n),
            Expr::Call(f, mut args) if matches!(&*f, Expr::Path(p) if p == "Int::Small") && args.len() == 1 => args.remove(0),
            other => other.method("proven_small", vec![]),
        }
    }

    /// `for i in range(n)` where `n` may be any int: the loop in two versions, one over machine
    /// words, taken when the bounds fit (then every `i` fits too), and the usual one over
    /// `Int`s. `i` is a machine word in the first only.
    ///
    /// ```text
    /// let stop = n.clone();
    /// match (stop.to_i64(),) {
    ///     (Some(stop),) => for i in 0..stop { .. },
    ///     _ => for i in range(&Int::Small(0), &stop, &Int::Small(1))? { .. },
    /// }
    /// ```
    ///
    /// Only for a short innermost body without `else` (the body is lowered twice).
    pub(super) fn range_loop_versions(&mut self, target: &ast::Expr, iter: &ast::Expr, body: &[ast::Stmt], orelse: &[ast::Stmt]) -> Option<Stmt> {
        let (ExprKind::Name(name), Some(Binding::Var(scope, _))) = (&target.kind, self.res.names.get(&target.id).cloned()) else { return None };
        let key = (scope, name.clone());
        let loop_only = self.storage.get(&key) == Some(&Storage::LoopOnly) && !self.is_comp_scope(scope);
        if !orelse.is_empty() || !loop_only || self.machine_vars.contains_key(&key) || self.types.var(scope, name) != Ty::Int || !twice_lowerable(body) {
            return None;
        }
        let args = self.range_call_args(iter)?;
        let step = match args.get(2) {
            None => 1,
            Some(s) => self.range_of(s).as_point().filter(|&k| k > 0 && calls_nothing(s))?,
        };
        // The bounds, evaluated once, in order.
        let mut out = Vec::new();
        let mut bounds = Vec::new();
        for a in &args[..args.len().min(2)] {
            let v = self.expr_as(a, &Ty::Int);
            let t = self.tmp("bound");
            out.push(Stmt::Let { name: t.clone(), ty: None, init: Some(v), mutable: false, optional: false });
            bounds.push(t);
        }
        let (start, stop) = match bounds.as_slice() {
            [stop] => (Expr::Int(0), Expr::Var(stop.clone())),
            [start, stop] => (Expr::Var(start.clone()), Expr::Var(stop.clone())),
            _ => return None,
        };
        let rname = rust_ident(name);
        let pat = if name == "_" { Pat::Wild } else { Pat::Ident(rname) };
        let diags_before = self.diags.len();
        let slow_iter = Expr::call("range", vec![start.clone().reference(), stop.clone().reference(), Expr::Int(step).reference()]);
        let slow_iter = self.attempt(slow_iter, iter.span);
        let slow_body = self.loop_body(body);
        let slow = Stmt::For { label: None, pat: pat.clone(), iter: slow_iter, body: slow_body };
        let diags_after = self.diags.len();
        // The machine-word version: `i` in `[start, stop - 1]`, within `i64`.
        let lo = if bounds.len() == 1 { 0 } else { MIN };
        self.machine_vars.insert(key.clone(), Range::Span(lo, MAX - 1));
        let fast_body = self.loop_body(body);
        self.machine_vars.remove(&key);
        if diags_after > diags_before || self.diags.len() > diags_after {
            self.diags.truncate(diags_after);
            out.push(slow);
            return Some(Stmt::Expr(Expr::Block(Block::new(out))));
        }
        let fits: Vec<String> = bounds.iter().map(|b| format!("{b}_i64")).collect();
        let fast_range = match fits.as_slice() {
            [stop] => Expr::Range(Box::new(Expr::RawInt(0)), Box::new(Expr::Var(stop.clone()))),
            [start, stop] => Expr::Range(Box::new(Expr::Var(start.clone())), Box::new(Expr::Var(stop.clone()))),
            _ => return None,
        };
        let fast_iter = if step == 1 { fast_range } else { fast_range.method("step_by", vec![Expr::RawInt(step)]) };
        let fast = Stmt::For { label: None, pat, iter: fast_iter, body: fast_body };
        let scrutinee = Expr::Tuple(bounds.iter().map(|b| Expr::Var(b.clone()).method("to_i64", vec![])).collect());
        let fits_pat = Pat::Tuple(fits.iter().map(|f| Pat::Variant("Some".into(), vec![Pat::Ident(f.clone())])).collect());
        out.push(Stmt::Match { value: scrutinee, arms: vec![(fits_pat, Block::new(vec![fast])), (Pat::Wild, Block::new(vec![slow]))] });
        Some(Stmt::Expr(Expr::Block(Block::new(out))))
    }

    /// `for x in range(a, b)` over machine words, for a machine-word `x`: a Rust range.
    pub(super) fn machine_range(&mut self, target: &ast::Expr, iter: &ast::Expr) -> Option<Expr> {
        if !self.is_machine_var(target) {
            return None;
        }
        let args = self.range_call_args(iter)?;
        let (start, stop) = match args {
            [stop] => (Expr::RawInt(0), self.machine(stop)?),
            [start, stop, ..] => (self.machine(start)?, self.machine(stop)?),
            _ => return None,
        };
        let step = match args.get(2) {
            None => 1,
            Some(s) => self.range_of(s).as_point()?,
        };
        let range = Expr::Range(Box::new(anchored(start)), Box::new(anchored(stop)));
        match step {
            1 => Some(range),
            s if s > 1 => Some(range.method("step_by", vec![Expr::RawInt(s)])),
            _ => None,
        }
    }
}

/// The literals of a machine-word expression with their type written out (`5i64`), unless a
/// variable or call in it gives Rust the type already: alone, `1 < 4294967296` would be
/// compared as `i32`s.
pub(super) fn anchored(e: Expr) -> Expr {
    if has_typed_part(&e) {
        e
    } else {
        typed_literals(e)
    }
}

fn has_typed_part(e: &Expr) -> bool {
    match e {
        Expr::RawInt(_) => false,
        Expr::Binary(_, l, r) => has_typed_part(l) || has_typed_part(r),
        Expr::Unary(_, x) => has_typed_part(x),
        _ => true,
    }
}

/// Every literal of the expression as a typed `i64` one.
fn typed_literals(e: Expr) -> Expr {
    match e {
        Expr::RawInt(n) => Expr::I64(n),
        Expr::Binary(op, l, r) => Expr::binary(op, typed_literals(*l), typed_literals(*r)),
        Expr::Unary(op, x) => Expr::Unary(op, Box::new(typed_literals(*x))),
        other => other,
    }
}

/// Whether a loop body is simple enough to be lowered twice (see `range_loop_versions`): no
/// nested `for`, definitions, `try`/`with` or `yield`, and not long.
fn twice_lowerable(body: &[ast::Stmt]) -> bool {
    let mut count = 0;
    let mut ok = true;
    ast::walk_stmts(body, &mut |s| {
        count += 1;
        ok &= !matches!(s.kind, StmtKind::For { .. } | StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) | StmtKind::Try { .. } | StmtKind::With { .. });
    });
    ok && count <= 24 && !ast::has_yield(body)
}

/// Whether evaluating the expression calls nothing and reads no attribute (which may be
/// unset), so it may be folded away.
fn calls_nothing(e: &ast::Expr) -> bool {
    let mut none = true;
    super::visit_expr(e, &mut |x| none &= !matches!(x.kind, ExprKind::Call { .. } | ExprKind::Attribute { .. }));
    none
}

#[cfg(test)]
mod tests {
    use super::{Range, MAX, MIN};
    use crate::ast::{BinOp as B, UnaryOp};

    fn span(lo: i128, hi: i128) -> Range {
        Range::span(lo, hi)
    }

    #[test]
    fn modulo_by_a_positive_divisor_is_bounded_whatever_the_dividend() {
        assert_eq!(Range::binary(B::Mod, Range::Any, span(7, 7)), span(0, 6));
        assert_eq!(Range::binary(B::Mod, span(-5, 3), span(10, 10)), span(0, 9));
        // A small non-negative dividend stays below itself.
        assert_eq!(Range::binary(B::Mod, span(0, 3), span(10, 10)), span(0, 3));
        // A negative divisor gives (divisor, 0].
        assert_eq!(Range::binary(B::Mod, span(-100, 100), span(-4, -4)), span(-3, 0));
        // A divisor that may be zero or of either sign: unknown.
        assert_eq!(Range::binary(B::Mod, span(0, 5), span(-1, 1)), Range::Any);
    }

    #[test]
    fn arithmetic_past_i64_is_any() {
        assert_eq!(Range::binary(B::Add, span(0, MAX), span(0, 1)), Range::Any);
        assert_eq!(Range::binary(B::Sub, span(MIN, 0), span(0, 1)), Range::Any);
        assert_eq!(Range::binary(B::Mul, span(-3, 2), span(-5, 4)), span(-12, 15));
        assert_eq!(Range::unary(UnaryOp::Neg, span(MIN, 0)), Range::Any);
        assert_eq!(Range::unary(UnaryOp::Invert, span(0, 9)), span(-10, -1));
        assert_eq!(Range::binary(B::Pow, span(10, 10), span(9, 9)), span(1_000_000_000, 1_000_000_000));
        assert_eq!(Range::binary(B::Pow, span(2, 2), span(63, 63)), Range::Any);
    }

    #[test]
    fn floor_division_and_bit_operations() {
        assert_eq!(Range::binary(B::FloorDiv, span(-10, 4), span(3, 3)), span(-4, 1));
        assert_eq!(Range::binary(B::FloorDiv, span(-10, 4), span(0, 3)), Range::Any);
        assert_eq!(Range::binary(B::BitAnd, Range::Any, span(0, 255)), span(0, 255));
        assert_eq!(Range::binary(B::BitOr, span(0, 5), span(0, 8)), span(0, 15));
        assert_eq!(Range::binary(B::BitXor, span(-1, 5), span(0, 8)), span(MIN, MAX));
        assert_eq!(Range::binary(B::BitXor, Range::Any, span(0, 8)), Range::Any);
        assert_eq!(Range::binary(B::RShift, span(-8, 8), span(1, 2)), span(-4, 4));
    }

    #[test]
    fn two_known_values_give_python_s_exact_result() {
        let p = |v: i128| span(v, v);
        assert_eq!(Range::binary(B::Mod, p(-7), p(3)), p(2));
        assert_eq!(Range::binary(B::Mod, p(7), p(-3)), p(-2));
        assert_eq!(Range::binary(B::FloorDiv, p(-7), p(2)), p(-4));
        assert_eq!(Range::binary(B::FloorDiv, p(7), p(0)), Range::Any);
        assert_eq!(Range::binary(B::RShift, p(31), p(1)), p(15));
        assert_eq!(Range::binary(B::LShift, p(1), p(62)), p(1 << 62));
        assert_eq!(Range::binary(B::LShift, p(1), p(63)), Range::Any);
        assert_eq!(Range::binary(B::Pow, p(-2), p(63)), p(MIN));
    }

    #[test]
    fn empty_and_join() {
        assert_eq!(Range::binary(B::Add, Range::Empty, Range::Any), Range::Empty);
        assert_eq!(span(0, 3).join(span(10, 12)), span(0, 12));
        assert_eq!(span(0, 3).join(Range::Any), Range::Any);
        assert!(span(1, 2).within(span(0, 3)));
        assert!(!span(1, 4).within(span(0, 3)));
    }
}
