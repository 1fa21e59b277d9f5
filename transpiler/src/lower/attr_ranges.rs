//! Machine-word attributes of iterator objects kept in place.
//!
//! An iterator object made and consumed on the spot (`sum(Countdown(n))`, see
//! `local_objects.rs`) is seen only by its own `__init__` and `__next__`, which use `self`
//! only to read and assign its attributes. So every value an attribute can hold comes from an
//! assignment in those two methods, and an interval analysis over them can show that an int
//! attribute always fits a machine word, given that `__init__`'s int arguments do:
//!
//! ```text
//! def __init__(self, start):        current: whatever `start` is (a machine word, checked
//!     self.current = start                   where the object is made)
//! def __next__(self):
//!     if self.current <= 0:        after this test, current is in [1, MAX]
//!         raise StopIteration
//!     self.current -= 1             so this stores [0, MAX - 1]
//!     return self.current + 1       and this is [1, MAX]
//! ```
//!
//! Unlike `machine_ints.rs`, the analysis follows the flow of each method, statement after
//! statement: an assignment replaces what is known of an attribute, and a test narrows it in
//! each branch (`if self.i >= self.n: raise StopIteration` bounds `i` below `n` after it).
//! What the methods store is joined into each attribute's range until a fixed point is
//! reached (a bound that keeps moving is widened to the `i64` limit). Methods with loops,
//! `try`, `with` or other statements the walk does not follow are not analysed.
//!
//! The lowering then builds the object in one of two versions, chosen when it is made: when
//! every int argument of `__init__` fits a machine word, the attributes found here are `i64`
//! fields (`CountdownSmallData`, methods `..._small`), and their arithmetic is plain `i64`
//! arithmetic where each read's range proves it cannot overflow; otherwise the usual version.

use super::machine_ints::Range;
use super::Lower;
use crate::ast::{self, CmpOp, ExprId, ExprKind, StmtKind};
use crate::resolve::{Binding, FuncBody, FuncId};
use crate::types::Ty;
use std::collections::{BTreeSet, HashMap};

/// The result of the analysis for one class.
pub(super) struct SmallAttrs {
    /// The int attributes that always fit a machine word.
    pub(super) attrs: BTreeSet<String>,
    /// The values each read `self.attr` of those attributes can give, by expression.
    pub(super) reads: HashMap<ExprId, Range>,
}

/// What is known at a point of a method: the ranges of the int attributes and locals.
#[derive(Clone, Default, PartialEq)]
struct Env {
    attrs: HashMap<String, Range>,
    locals: HashMap<String, Range>,
}

impl Env {
    fn join(&self, o: &Env) -> Env {
        let merge = |a: &HashMap<String, Range>, b: &HashMap<String, Range>| {
            let mut m = a.clone();
            for (k, v) in b {
                let cur = m.get(k).copied().unwrap_or(Range::Empty);
                m.insert(k.clone(), cur.join(*v));
            }
            m
        };
        Env { attrs: merge(&self.attrs, &o.attrs), locals: merge(&self.locals, &o.locals) }
    }
}

/// A method's walk: whose `self` it is, and what it records.
struct Walk<'w, 'a> {
    lower: &'w Lower<'a>,
    me: String,
    /// The int attributes analysed.
    ints: &'w BTreeSet<String>,
    /// What the method can store in each attribute.
    writes: HashMap<String, Range>,
    /// The range of each attribute read (filled in the last pass).
    reads: HashMap<ExprId, Range>,
}

/// A statement the walk does not follow.
struct Unsupported;

impl<'a> Lower<'a> {
    /// The machine-word attributes of local iterator class `root` (with `__init__` `init` and
    /// `__next__` `next`), if any; `None` when the methods are beyond the analysis.
    pub(super) fn small_attrs(&self, root: crate::resolve::ClassId, init: Option<FuncId>, next: FuncId) -> Option<SmallAttrs> {
        let ints: BTreeSet<String> = self.types.attrs.iter().filter(|((r, _), t)| *r == root && **t == Ty::Int).map(|((_, n), _)| n.clone()).collect();
        if ints.is_empty() {
            return None;
        }
        let body_of = |f: FuncId| match &self.res.funcs[f.0 as usize].body {
            FuncBody::Stmts(b) => Some(b),
            _ => None,
        };
        let me_of = |f: FuncId| self.res.funcs[f.0 as usize].params.first().map(|p| p.name.clone());
        // `__init__`'s int parameters are machine words (checked where the object is made).
        let mut init_env = Env::default();
        if let Some(f) = init {
            let def = &self.res.funcs[f.0 as usize];
            if def.params.iter().any(|p| p.kind != ast::ParamKind::Positional) {
                return None;
            }
            for (p, t) in def.params.iter().zip(&self.types.params[f.0 as usize]).skip(1) {
                init_env.locals.insert(p.name.clone(), if *t == Ty::Int { Range::Span(i64::MIN as i128, i64::MAX as i128) } else { Range::Any });
            }
        }
        let run = |attrs: &HashMap<String, Range>, record: bool| -> Result<(HashMap<String, Range>, HashMap<ExprId, Range>), Unsupported> {
            let mut reads = HashMap::new();
            // `__init__` starts with no attribute set; what it stores is there when `__next__`
            // first runs.
            let mut stored = HashMap::new();
            if let Some(f) = init {
                let mut w = Walk { lower: self, me: me_of(f).ok_or(Unsupported)?, ints: &ints, writes: HashMap::new(), reads: HashMap::new() };
                w.stmts(body_of(f).ok_or(Unsupported)?, &mut init_env.clone())?;
                stored = w.writes;
                reads.extend(w.reads);
            }
            let mut w = Walk { lower: self, me: me_of(next).ok_or(Unsupported)?, ints: &ints, writes: HashMap::new(), reads: HashMap::new() };
            w.stmts(body_of(next).ok_or(Unsupported)?, &mut Env { attrs: attrs.clone(), locals: HashMap::new() })?;
            for (k, v) in w.writes {
                let cur = stored.get(&k).copied().unwrap_or(Range::Empty);
                stored.insert(k, cur.join(v));
            }
            if record {
                reads.extend(w.reads);
            }
            Ok((stored, reads))
        };
        // Up to a fixed point: between calls of `__next__`, an attribute holds anything either
        // method stored.
        let mut attrs: HashMap<String, Range> = ints.iter().map(|n| (n.clone(), Range::Empty)).collect();
        let mut grown: HashMap<String, u32> = HashMap::new();
        let mut converged = false;
        for _ in 0..32 {
            let (stored, _) = run(&attrs, false).ok()?;
            let mut changed = false;
            for n in &ints {
                let old = attrs[n];
                let mut new = old.join(stored.get(n).copied().unwrap_or(Range::Empty));
                if new != old {
                    let count = grown.entry(n.clone()).or_default();
                    *count += 1;
                    if *count > 2 {
                        new = new.widened_from(old);
                    }
                    attrs.insert(n.clone(), new);
                    changed = true;
                }
            }
            if !changed {
                converged = true;
                break;
            }
        }
        if !converged {
            return None;
        }
        let small: BTreeSet<String> = ints.iter().filter(|n| matches!(attrs[*n], Range::Span(..))).cloned().collect();
        if small.is_empty() {
            return None;
        }
        let (_, reads) = run(&attrs, true).ok()?;
        Some(SmallAttrs { attrs: small, reads })
    }
}

impl Walk<'_, '_> {
    /// Walks statements; `Ok(false)` when none of them falls through to what follows.
    fn stmts(&mut self, body: &[ast::Stmt], env: &mut Env) -> Result<bool, Unsupported> {
        for s in body {
            if !self.stmt(s, env)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn stmt(&mut self, s: &ast::Stmt, env: &mut Env) -> Result<bool, Unsupported> {
        match &s.kind {
            StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                self.range(e, env)?;
            }
            StmtKind::Return(e) => {
                if let Some(e) = e {
                    self.range(e, env)?;
                }
                return Ok(false);
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.range(e, env)?;
                }
                return Ok(false);
            }
            StmtKind::Assert { test, msg } => {
                self.range(test, env)?;
                if let Some(m) = msg {
                    self.range(m, env)?;
                }
                *env = self.narrow(test, env)?.0;
            }
            StmtKind::Assign { targets, value } => {
                let r = self.range(value, env)?;
                for t in targets {
                    match (&t.kind, &value.kind) {
                        // `a, b = b, a + b`: every value first, then each target.
                        (ExprKind::Tuple(ts), ExprKind::Tuple(vs)) if ts.len() == vs.len() => {
                            let rs = vs.iter().map(|v| self.range(v, env)).collect::<Result<Vec<_>, _>>()?;
                            for (t, r) in ts.iter().zip(rs) {
                                self.store(t, r, env)?;
                            }
                        }
                        _ => self.store(t, r, env)?,
                    }
                }
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } => {
                let r = self.range(value, env)?;
                self.store(target, r, env)?;
            }
            StmtKind::AugAssign { target, op, value } => {
                let old = self.range(target, env)?;
                let v = self.range(value, env)?;
                let ints = self.lower.ty(target) == Ty::Int && self.lower.ty(value) == Ty::Int;
                self.store(target, if ints { Range::binary(*op, old, v) } else { Range::Any }, env)?;
            }
            StmtKind::If { test, body, orelse } => {
                self.range(test, env)?;
                let (mut yes, mut no) = self.narrow(test, env)?;
                let (a, b) = (self.stmts(body, &mut yes)?, self.stmts(orelse, &mut no)?);
                *env = match (a, b) {
                    (true, true) => yes.join(&no),
                    (true, false) => yes,
                    (false, true) => no,
                    (false, false) => return Ok(false),
                };
            }
            _ => return Err(Unsupported),
        }
        Ok(true)
    }

    /// `self.attr` of an analysed attribute: its name.
    fn own_attr<'e>(&self, e: &'e ast::Expr) -> Option<&'e str> {
        match &e.kind {
            ExprKind::Attribute { value, attr } if matches!(&value.kind, ExprKind::Name(n) if *n == self.me) && self.ints.contains(attr) => Some(attr),
            _ => None,
        }
    }

    /// A local variable of the method (not a global or builtin).
    fn local<'e>(&self, e: &'e ast::Expr) -> Option<&'e str> {
        match (&e.kind, self.lower.res.names.get(&e.id)) {
            (ExprKind::Name(n), Some(Binding::Var(s, _))) if *s != crate::resolve::MODULE_SCOPE => Some(n),
            _ => None,
        }
    }

    /// Assigning a value of range `r` to `target`.
    fn store(&mut self, target: &ast::Expr, r: Range, env: &mut Env) -> Result<(), Unsupported> {
        if let Some(a) = self.own_attr(target) {
            let r = if self.lower.ty(target) == Ty::Int { r } else { Range::Any };
            env.attrs.insert(a.to_string(), r);
            let w = self.writes.get(a).copied().unwrap_or(Range::Empty);
            self.writes.insert(a.to_string(), w.join(r));
            return Ok(());
        }
        if let Some(n) = self.local(target) {
            env.locals.insert(n.to_string(), r);
            return Ok(());
        }
        match &target.kind {
            // Another attribute of `self`, not an int.
            ExprKind::Attribute { value, .. } if matches!(&value.kind, ExprKind::Name(n) if *n == self.me) => Ok(()),
            ExprKind::Tuple(ts) | ExprKind::List(ts) => ts.iter().try_for_each(|t| self.store(t, Range::Any, env)),
            ExprKind::Subscript { value, index } => {
                self.range(value, env)?;
                self.range(index, env).map(|_| ())
            }
            _ => Err(Unsupported),
        }
    }

    /// The values an expression can have, recording the ranges of the attribute reads in it.
    fn range(&mut self, e: &ast::Expr, env: &Env) -> Result<Range, Unsupported> {
        let mut unsupported = false;
        super::visit_expr(e, &mut |x| unsupported |= matches!(x.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)));
        if unsupported {
            return Err(Unsupported);
        }
        Ok(self.value(e, env))
    }

    fn value(&mut self, e: &ast::Expr, env: &Env) -> Range {
        if let Some(a) = self.own_attr(e) {
            let r = self.read(e.id, a, env);
            return if self.lower.ty(e) == Ty::Int { r } else { Range::Any };
        }
        // Every attribute read inside is recorded, whatever the expression.
        let mut inner = Range::Any;
        match &e.kind {
            ExprKind::BinOp { op, left, right } => {
                let (l, r) = (self.value(left, env), self.value(right, env));
                if self.lower.ty(left) == Ty::Int && self.lower.ty(right) == Ty::Int {
                    inner = Range::binary(*op, l, r);
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                let r = self.value(operand, env);
                if self.lower.ty(operand) == Ty::Int {
                    inner = Range::unary(*op, r);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.value(test, env);
                inner = self.value(body, env).join(self.value(orelse, env));
            }
            _ => {
                // No narrowing inside: each attribute read in it has the range known here.
                let mut found = Vec::new();
                super::visit_expr(e, &mut |x| {
                    if let Some(a) = self.own_attr(x) {
                        found.push((x.id, a.to_string()));
                    }
                });
                for (id, a) in found {
                    self.read(id, &a, env);
                }
                inner = match self.local(e) {
                    Some(n) => env.locals.get(n).copied().unwrap_or(Range::Any),
                    // Literals, module constants, `len(...)`: as the flow-insensitive analysis
                    // sees them.
                    None if matches!(e.kind, ExprKind::Int(_) | ExprKind::Name(_) | ExprKind::Call { .. }) => self.lower.range_of(e),
                    None => Range::Any,
                };
            }
        }
        if self.lower.ty(e) == Ty::Int {
            inner
        } else {
            Range::Any
        }
    }

    /// Records a read of attribute `a` (expression `id`): what it holds here.
    fn read(&mut self, id: ExprId, a: &str, env: &Env) -> Range {
        let r = env.attrs.get(a).copied().unwrap_or(Range::Empty);
        let seen = self.reads.get(&id).copied().unwrap_or(Range::Empty);
        self.reads.insert(id, seen.join(r));
        r
    }

    /// What is known when `test` is true, and when it is false.
    fn narrow(&mut self, test: &ast::Expr, env: &Env) -> Result<(Env, Env), Unsupported> {
        match &test.kind {
            ExprKind::UnaryOp { op: ast::UnaryOp::Not, operand } => self.narrow(operand, env).map(|(y, n)| (n, y)),
            ExprKind::BoolOp { op, values } => {
                // `a and b` is true when each is; `a or b` false when each is.
                let mut sure = env.clone();
                for v in values {
                    let (y, n) = self.narrow(v, &sure)?;
                    sure = if *op == ast::BoolOp::And { y } else { n };
                }
                Ok(if *op == ast::BoolOp::And { (sure, env.clone()) } else { (env.clone(), sure) })
            }
            ExprKind::Compare { left, ops } if ops.len() == 1 => {
                let (op, right) = (&ops[0].0, &ops[0].1);
                let (mut yes, mut no) = (env.clone(), env.clone());
                if self.lower.ty(left) == Ty::Int && self.lower.ty(right) == Ty::Int {
                    let (l, r) = (self.value(left, env), self.value(right, env));
                    self.bound(left, *op, r, &mut yes);
                    self.bound(right, flipped(*op), l, &mut yes);
                    if let Some(not) = negated(*op) {
                        self.bound(left, not, r, &mut no);
                        self.bound(right, flipped(not), l, &mut no);
                    }
                }
                Ok((yes, no))
            }
            _ => Ok((env.clone(), env.clone())),
        }
    }

    /// Narrows what `x` (an attribute or local) holds, knowing `x op y` with `y` in `r`.
    fn bound(&self, x: &ast::Expr, op: CmpOp, r: Range, env: &mut Env) {
        let Range::Span(lo, hi) = r else { return };
        let (min, max) = match op {
            CmpOp::Lt => (None, Some(hi - 1)),
            CmpOp::LtE => (None, Some(hi)),
            CmpOp::Gt => (Some(lo + 1), None),
            CmpOp::GtE => (Some(lo), None),
            CmpOp::Eq => (Some(lo), Some(hi)),
            _ => return,
        };
        let slot = match (self.own_attr(x), self.local(x)) {
            (Some(a), _) => env.attrs.get_mut(a),
            (None, Some(n)) => env.locals.get_mut(n),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = slot.meet(min, max);
        }
    }
}

/// `a op b` as `b op' a`.
fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::LtE => CmpOp::GtE,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::GtE => CmpOp::LtE,
        other => other,
    }
}

/// `not (a op b)` as `a op' b`, for ints.
fn negated(op: CmpOp) -> Option<CmpOp> {
    Some(match op {
        CmpOp::Lt => CmpOp::GtE,
        CmpOp::LtE => CmpOp::Gt,
        CmpOp::Gt => CmpOp::LtE,
        CmpOp::GtE => CmpOp::Lt,
        CmpOp::Eq => CmpOp::NotEq,
        CmpOp::NotEq => CmpOp::Eq,
        _ => return None,
    })
}

/// Set while a method's `_small` version is lowered: its `self`, and what was proven.
pub(super) struct SmallCtx {
    pub(super) me: String,
    pub(super) found: std::rc::Rc<SmallAttrs>,
}

impl<'a> Lower<'a> {
    /// The machine-word version of local iterator class `c`, if it has one: a class without
    /// subclasses (one data struct serves it) with attributes proven to fit.
    pub(super) fn small_version(&mut self, c: crate::resolve::ClassId, init: Option<FuncId>, next: FuncId) -> Option<std::rc::Rc<SmallAttrs>> {
        if let Some(done) = self.small_classes.get(&c) {
            return done.clone();
        }
        let found = (self.res.root(c) == c && self.res.tree(c).len() == 1).then(|| self.small_attrs(c, init, next)).flatten().map(std::rc::Rc::new);
        self.small_classes.insert(c, found.clone());
        found
    }

    /// `self.attr` of a machine-word attribute, in a `_small` method.
    fn small_attr<'e>(&self, e: &'e ast::Expr) -> Option<&'e str> {
        let ctx = self.small.as_ref()?;
        match &e.kind {
            ExprKind::Attribute { value, attr } if matches!(&value.kind, ExprKind::Name(n) if *n == ctx.me) && ctx.found.attrs.contains(attr) => Some(attr),
            _ => None,
        }
    }

    /// What a read of a machine-word attribute gives (`None` for any other expression).
    pub(super) fn small_attr_range(&self, e: &ast::Expr) -> Option<Range> {
        self.small_attr(e)?;
        // A read the analysis did not reach (it never runs) proves nothing.
        Some(self.small.as_ref()?.found.reads.get(&e.id).copied().unwrap_or(Range::Any))
    }

    /// The `i64` a read of a machine-word attribute gives (`AttributeError` when unset).
    pub(super) fn small_attr_get(&mut self, e: &ast::Expr) -> Option<crate::rir::Expr> {
        let attr = self.small_attr(e)?.to_string();
        let ExprKind::Attribute { value, .. } = &e.kind else { return None };
        let recv = self.place(value);
        let field = super::classes::field_ref(&attr);
        Some(self.attempt(recv.method("get", vec![field, crate::rir::Expr::StrLit(attr)]), e.span))
    }

    /// Whether `target` is a machine-word attribute being assigned in a `_small` method.
    pub(super) fn is_small_attr(&self, target: &ast::Expr) -> bool {
        self.small_attr(target).is_some()
    }
}
