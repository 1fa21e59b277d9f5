//! Generator functions become explicit state machines.
//!
//! `def fib(): a, b = 0, 1; while True: yield a; a, b = b, a + b` becomes
//! `enum FibGen { Start, AtLine4 { a: Int, b: Int }, Done }` and an `impl Generator` whose
//! `resume` matches on the state: `Start` runs the body from the top; each `AtLineN` state runs
//! the *continuation* of its `yield`: the rest of the statement list it is in, re-entering the
//! enclosing loops, `try` blocks and handlers as structured Rust (so the ordinary lowering of
//! loops, `try`/`finally` and `break`/`continue` applies unchanged). Reaching a `yield` stores
//! the locals live across it in the next state and returns `Step::Yield`.
//!
//! Supported suspension points are statements: `yield x`, `target = yield x`, `yield from it`
//! and `target = yield from it`, anywhere in `if`/`while`/`for`/`try` bodies, `except` handlers
//! `else`/`finally` blocks and `with` bodies; a `yield` inside an expression or a `with` of
//! several items is refused with a diagnostic.

use super::*;
use crate::rir::{FieldTy, ForIter, GenDef, GenState};
use std::collections::BTreeSet;

/// Which part of a compound statement a suspension point lies in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    /// The `yield` statement itself.
    Leaf,
    IfBody,
    IfElse,
    LoopBody,
    LoopElse,
    TryBody,
    Handler(usize),
    TryElse,
    Finally,
    /// The body of a one-item `with`.
    WithBody,
}

/// One step of the path from the function body down to a suspension point.
#[derive(Clone, Copy)]
struct Level<'s> {
    stmts: &'s [ast::Stmt],
    idx: usize,
    part: Part,
}

impl<'s> Level<'s> {
    fn stmt(&self) -> &'s ast::Stmt {
        &self.stmts[self.idx]
    }
}

/// A suspension point's state.
struct Point<'s> {
    path: Vec<Level<'s>>,
    variant: String,
    /// (field, Rust variable it is stored from and restored to, type).
    fields: Vec<(String, FieldTy)>,
    /// The sub-iterator variable of a `yield from`.
    delegate: Option<String>,
}

/// What lowering needs while inside a generator function.
pub(super) struct GenCtx {
    enum_name: String,
    /// Suspension points by the span start of their statement: (variant, fields, delegate).
    points: HashMap<u32, (String, Vec<(String, FieldTy)>, Option<String>)>,
    /// The iterator variable of each `for` statement with a `yield` inside, by span start.
    for_iters: HashMap<u32, String>,
    yield_ty: Ty,
    /// What its `send` takes (`Types::sent`): the type of `Input::Send`'s value.
    sent_ty: Ty,
    /// The states the code being lowered can move to.
    targets: BTreeSet<String>,
    /// While lowering the state of a `yield from`: the variable holding the sub-iterator's
    /// step, already taken in place before the state was (see `resume_in_place`).
    delegated: Option<String>,
    /// The `yield from` statements (by span start) of a new generator of this same function,
    /// in a recursive generator run flat (see `flat_points`).
    flat_points: HashSet<u32>,
}

impl GenCtx {
    /// A context for deciding a generator's storage before it is lowered (nothing is emitted
    /// with it).
    pub(super) fn probe() -> GenCtx {
        GenCtx { enum_name: String::new(), points: HashMap::new(), for_iters: HashMap::new(), yield_ty: Ty::Dyn, sent_ty: Ty::Dyn, targets: BTreeSet::new(), delegated: None, flat_points: HashSet::new() }
    }
}

/// The yield expression of a suspension statement, and the target it assigns (if any).
fn suspension(s: &ast::Stmt) -> Option<(&ast::Expr, Option<&ast::Expr>)> {
    let is_yield = |e: &ast::Expr| matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_));
    match &s.kind {
        StmtKind::Expr(e) if is_yield(e) => Some((e, None)),
        StmtKind::Assign { targets, value } if targets.len() == 1 && is_yield(value) => Some((value, Some(&targets[0]))),
        StmtKind::AnnAssign { target, value: Some(v), .. } if is_yield(v) => Some((v, Some(target))),
        // `total += yield from sub()`: the variable is read when the value arrives.
        StmtKind::AugAssign { target, value, .. } if is_yield(value) && matches!(target.kind, ExprKind::Name(_)) => Some((value, Some(target))),
        _ => None,
    }
}

/// The operator of a suspension that updates its target (`total += yield x`).
fn suspension_op(s: &ast::Stmt) -> Option<ast::BinOp> {
    match &s.kind {
        StmtKind::AugAssign { op, .. } => Some(*op),
        _ => None,
    }
}

/// Whether the statement always pauses (a `yield`, not a `yield from` which may go on).
pub(super) fn pauses_always(s: &ast::Stmt) -> bool {
    matches!(suspension(s), Some((ast::Expr { kind: ExprKind::Yield(_), .. }, _)))
}

/// Every suspension point under `stmts`, with its path.
fn find_points<'s>(stmts: &'s [ast::Stmt], path: &mut Vec<Level<'s>>, out: &mut Vec<Vec<Level<'s>>>) {
    for (idx, s) in stmts.iter().enumerate() {
        let enter = |part: Part, inner: &'s [ast::Stmt], path: &mut Vec<Level<'s>>, out: &mut Vec<Vec<Level<'s>>>| {
            path.push(Level { stmts, idx, part });
            find_points(inner, path, out);
            path.pop();
        };
        if suspension(s).is_some() {
            path.push(Level { stmts, idx, part: Part::Leaf });
            out.push(path.clone());
            path.pop();
            continue;
        }
        match &s.kind {
            StmtKind::If { body, orelse, .. } => {
                enter(Part::IfBody, body, path, out);
                enter(Part::IfElse, orelse, path, out);
            }
            StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } => {
                enter(Part::LoopBody, body, path, out);
                enter(Part::LoopElse, orelse, path, out);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                enter(Part::TryBody, body, path, out);
                for (i, h) in handlers.iter().enumerate() {
                    enter(Part::Handler(i), &h.body, path, out);
                }
                enter(Part::TryElse, orelse, path, out);
                enter(Part::Finally, finalbody, path, out);
            }
            // (A `yield` inside a `with` of several items is refused when lowered.)
            StmtKind::With { items, body } if items.len() == 1 => enter(Part::WithBody, body, path, out),
            _ => {}
        }
    }
}

/// `handling1`, `handling2`, ...: the names of a state's fields of one kind (numbered, so no
/// Python variable's Rust name can be the same: see `rust_ident`).
fn numbered(base: &str, n: usize) -> String {
    format!("{base}{n}")
}

/// `let Enum::State { fields } = std::mem::replace(self, Enum::Done) else { .. };`: the state's
/// fields taken out, `Done` left while the body runs.
fn take_state(enum_name: &str, pat: Pat) -> Stmt {
    let state = Expr::call("std::mem::replace", vec![Expr::Var("self".into()), Expr::Path(format!("{enum_name}::Done"))]);
    let msg = Expr::StrLit("py2rust: internal error: generator state".into());
    let els = Block::new(vec![Stmt::Return(Expr::call("Err", vec![Expr::call("PyErr::runtime_error", vec![msg])]))]);
    Stmt::LetElse { pat, value: state, els }
}

/// `snake_case` to `CamelCase`, for the enum's name.
fn camel(name: &str) -> String {
    name.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

impl<'a> Lower<'a> {
    /// A generator function: its state machine (pushed to `self.gens`) and the function that
    /// creates the generator object.
    pub(super) fn generator(&mut self, id: FuncId, f: &'a crate::resolve::Func, body: &'a [ast::Stmt]) -> rir::Func {
        let scope = f.scope;
        self.frame = f.name.clone();
        self.scope = scope;
        let yield_ty = storable(&self.types.yields[id.0 as usize]);
        let sent_ty = self.types.sent.get(id.0 as usize).cloned().unwrap_or(Ty::Dyn);
        let ret = storable(&self.types.gen_returns[id.0 as usize]);
        self.ret_ty = ret.clone();
        let enum_name = self.gen_enum_name(id, &f.rust_name);
        if let Some(name) = self.res.scopes[scope.0 as usize].locals.iter().find(|n| self.is_cell(scope, n)) {
            self.unsupported(f.span, format!("the generator `{}`", f.name), format!("its variable `{name}` is shared with an inner function, which generators do not support yet"));
        }
        let params: Vec<(String, Ty)> = f
            .params
            .iter()
            .zip(&self.types.params[id.0 as usize])
            .map(|(p, t)| (rust_ident(&p.name), storable(t)))
            .collect();
        // Variables of enclosing functions it uses (shared cells): every state keeps them.
        let captures: Vec<(String, FieldTy)> = self.capture_params(f).into_iter().map(|(n, t)| (n, FieldTy::Cell(t))).collect();
        let flat_points = self.flat_points(id, f, body);
        let flat = !flat_points.is_empty();
        self.gen = Some(GenCtx { enum_name: enum_name.clone(), points: HashMap::new(), for_iters: HashMap::new(), yield_ty: yield_ty.clone(), sent_ty: sent_ty.clone(), targets: BTreeSet::new(), delegated: None, flat_points: flat_points.clone() });
        self.assign_storage(scope, body, &f.params);
        let mut paths = Vec::new();
        find_points(body, &mut Vec::new(), &mut paths);
        // Stable names for what states hold besides locals.
        let mut for_iters = HashMap::new();
        crate::ast::walk_stmts(body, &mut |s| {
            if let StmtKind::For { body: b, .. } = &s.kind {
                if crate::ast::has_yield(b) {
                    let n = for_iters.len() + 1;
                    for_iters.insert(s.span.start, format!("iter{n}"));
                }
            }
        });
        let mut points: Vec<Point> = Vec::new();
        let mut used_names: HashMap<String, usize> = HashMap::new();
        for path in paths {
            let leaf = path.last().map(|l| l.stmt());
            let Some(leaf) = leaf else { continue };
            let line = self.line(leaf.span);
            let base = format!("AtLine{line}");
            let n = used_names.entry(base.clone()).or_default();
            *n += 1;
            let variant = if *n == 1 { base } else { format!("{base}_{n}") };
            let delegate = match suspension(leaf) {
                Some((e, _)) if matches!(e.kind, ExprKind::YieldFrom(_)) && !flat_points.contains(&leaf.span.start) => Some(format!("sub{}", points.len() + 1)),
                _ => None,
            };
            let mut fields = captures.clone();
            fields.extend(self.state_fields(scope, &path, &f.params, &for_iters, delegate.as_deref()));
            points.push(Point { path, variant, fields, delegate });
        }
        if let Some(g) = self.gen.as_mut() {
            g.for_iters = for_iters;
            for p in &points {
                g.points.insert(p.path.last().map_or(0, |l| l.stmt().span.start), (p.variant.clone(), p.fields.clone(), p.delegate.clone()));
            }
        }
        let mut states = Vec::new();
        // `match std::mem::replace(self, Done)`: each arm runs with its state's fields taken
        // out, `Done` left meanwhile (so that a return or an exception finishes the generator).
        let mut arms = Vec::new();
        // Before it, `match self` on the `yield from` states: their sub-iterator is stepped in
        // place, and only when it stops yielding are the fields taken out.
        let mut in_place = Vec::new();
        // Start: the body from the top.
        {
            let start_fields: Vec<String> = captures.iter().map(|(n, _)| n.clone()).chain(params.iter().map(|(n, _)| n.clone())).collect();
            let pat = Pat::Struct(format!("{enum_name}::Start"), start_fields.iter().map(|n| (n.clone(), Pat::Mut(n.clone()))).collect());
            let bound: HashSet<String> = start_fields.iter().cloned().collect();
            let mut out = self.declare_locals(scope, &bound);
            self.stmts_into(body, &mut out);
            let block = self.finish_arm(out, body);
            let next = self.take_targets();
            let fields = captures.iter().cloned().chain(params.iter().map(|(n, t)| (n.clone(), FieldTy::Plain(t.clone())))).collect();
            states.push(GenState { name: "Start".into(), doc: "Created: the body has not started.".into(), fields, next });
            arms.push((pat, block));
        }
        for p in &points {
            let leaf = p.path.last().map(|l| l.stmt()).expect("a point has a path");
            let pat = Pat::Struct(format!("{enum_name}::{}", p.variant), p.fields.iter().map(|(n, _)| (n.clone(), Pat::Mut(n.clone()))).collect());
            let bound: HashSet<String> = p.fields.iter().map(|(n, _)| n.clone()).collect();
            let fast = self.resume_in_place(leaf, p.delegate.as_deref());
            let mut out = Vec::new();
            if let Some((step, _)) = &fast {
                out.push(step.clone());
                out.push(take_state(&enum_name, pat.clone()));
            }
            out.extend(self.declare_locals(scope, &bound));
            self.continuation(&p.path, 0, &mut out);
            if let Some(g) = self.gen.as_mut() {
                g.delegated = None;
            }
            let block = self.finish_arm(out, body);
            let next = self.take_targets();
            let text = self.file.text.get(leaf.span.start as usize..leaf.span.end as usize).unwrap_or("yield").lines().next().unwrap_or("yield").trim().to_string();
            let doc = format!("Paused at `{text}` (line {}).", self.line(leaf.span));
            states.push(GenState { name: p.variant.clone(), doc, fields: p.fields.clone(), next });
            match fast {
                Some((_, matched)) => in_place.push((matched, block)),
                None => arms.push((pat, block)),
            }
        }
        let finished = Block::with_tail(Vec::new(), Expr::call("Err", vec![Expr::call("PyErr::runtime_error", vec![Expr::StrLit("generator resumed after it finished".into())])]));
        // (With states handled in place, `_` also stands for theirs, never reached here.)
        let done = if in_place.is_empty() { Pat::Variant(format!("{enum_name}::Done"), vec![]) } else { Pat::Wild };
        arms.push((done, finished));
        let state = Expr::call("std::mem::replace", vec![Expr::Var("self".into()), Expr::Path(format!("{enum_name}::Done"))]);
        let taken = Expr::MatchExpr(Box::new(state), arms);
        // A recursive generator resumes itself through its `yield from`s, one Rust call per
        // level: Python's recursion limit applies to it, as to a recursive function.
        // (A flat one is resumed one level at a time by the runtime's `Flat`, which counts them.)
        let guard = (is_recursive(self.res, id) && !flat).then(|| Stmt::Let { name: "_call".into(), ty: None, init: Some(Expr::Question(Box::new(Expr::call("enter_call", vec![])))), mutable: false, optional: false });
        let resume = if in_place.is_empty() {
            Block::with_tail(guard.into_iter().collect(), taken)
        } else {
            in_place.push((Pat::Wild, Block::with_tail(Vec::new(), taken)));
            Block::with_tail(guard.into_iter().collect(), Expr::MatchExpr(Box::new(Expr::Var("self".into())), in_place))
        };
        self.gen = None;
        self.frame = "<module>".to_string();
        self.ret_ty = Ty::None;
        let infallible = self.infallible_gens.contains(&id);
        let inline = self.inline_resume(body);
        let qualname = self.qualname(id);
        self.gens.push(GenDef { func: id.0, name: enum_name.clone(), py_name: f.name.clone(), qualname, line: self.line(f.span), yield_ty, ret_ty: ret, sent_ty, states, resume, infallible, inline, flat });
        // The function itself only creates the generator object.
        let start_values = captures.iter().map(|(n, _)| (n.clone(), Expr::Var(n.clone()).method("clone", vec![]))).chain(params.iter().map(|(n, _)| (n.clone(), Expr::Var(n.clone()))));
        let start = Expr::Struct(format!("{enum_name}::Start"), start_values.collect());
        let start = if flat { Expr::call("Flat::new", vec![start]) } else { start };
        let body = Block::with_tail(Vec::new(), Expr::Ok(Box::new(Expr::call("PyGen::new", vec![start]))));
        let captures = self.capture_params(f);
        rir::Func { name: f.rust_name.clone(), py_name: f.name.clone(), line: self.line(f.span), params, ret: Ty::Gen(id), body, self_param: rir::SelfParam::Owned, captures }
    }

    /// The `yield from f(...)` statements of generator function `f` itself, when `f` can run
    /// flat: a module-level function returning `None` (so a `yield from` of it gives `None`).
    /// Each then gives the new sub-generator to the runtime's `Flat` instead of running it
    /// inside its own `resume`, so that a recursion `n` deep costs one `resume` per item, not
    /// `n`. Empty for any other generator.
    fn flat_points(&self, id: FuncId, f: &crate::resolve::Func, body: &[ast::Stmt]) -> HashSet<u32> {
        let mut out = HashSet::new();
        if f.class.is_some() || storable(&self.types.gen_returns[id.0 as usize]) != Ty::None {
            return out;
        }
        crate::ast::walk_stmts(body, &mut |s| {
            if let Some((ast::Expr { kind: ExprKind::YieldFrom(sub), .. }, _)) = suspension(s) {
                if let ExprKind::Call { func, .. } = &sub.kind {
                    if matches!(self.res.names.get(&func.id), Some(Binding::Func(g)) if *g == id) && self.ty(sub) == Ty::Gen(id) {
                        out.insert(s.span.start);
                    }
                }
            }
        });
        out
    }

    /// Whether a generator's `resume` is always inlined: a body of a few statements, with no
    /// `yield from` and no `for` over a generator. (A generator driving another one, possibly
    /// itself, recursively, would have its callee inlined into itself over and over.)
    fn inline_resume(&self, body: &[ast::Stmt]) -> bool {
        const MAX_STATEMENTS: usize = 24;
        let (mut count, mut drives) = (0, false);
        crate::ast::walk_stmts(body, &mut |s| {
            count += 1;
            match &s.kind {
                StmtKind::For { iter, .. } if matches!(self.ty(iter), Ty::Gen(_)) => drives = true,
                _ if matches!(suspension(s), Some((ast::Expr { kind: ExprKind::YieldFrom(_), .. }, _))) => drives = true,
                _ => {}
            }
        });
        count <= MAX_STATEMENTS && !drives
    }

    /// A Rust name for the state machine of generator `id`: `FooBarGen`, made unique (two
    /// Python names can give the same one; runtime types and class types are taken).
    fn gen_enum_name(&self, id: FuncId, rust_name: &str) -> String {
        let mut base = camel(rust_name);
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert(0, 'G');
        }
        let name = format!("{base}Gen");
        let classes: Vec<String> = (0..self.res.classes.len()).map(|c| self.class_rust_name(self.res.root(crate::resolve::ClassId(c as u32)))).collect();
        let taken = |n: &str| self.gens.iter().any(|g| g.name == n) || classes.iter().any(|c| c == n) || matches!(n, "PyGen" | "DelegateIter" | "Generator");
        if taken(&name) {
            format!("{name}{}", id.0)
        } else {
            name
        }
    }

    /// The fast path of resuming at a `yield from` (`leaf`, sub-iterator field `sub`): the
    /// sub-iterator is stepped where it lies in the state, and while it yields the generator
    /// stays paused as it is, nothing moved. Gives that statement and the arm's pattern
    /// (binding the sub-iterator by reference); the rest of the arm finds the step in
    /// `GenCtx::delegated`.
    fn resume_in_place(&mut self, leaf: &ast::Stmt, sub: Option<&str>) -> Option<(Stmt, Pat)> {
        let sub_var = sub?;
        let Some((ast::Expr { kind: ExprKind::YieldFrom(sub), .. }, _)) = suspension(leaf) else { return None };
        let g = self.gen.as_ref()?;
        let (variant, yield_ty) = (g.points.get(&leaf.span.start)?.0.clone(), g.yield_ty.clone());
        let path = format!("{}::{variant}", g.enum_name);
        let item_ty = storable(&self.elem_ty(sub));
        let y = self.tmp("yielded");
        let other = self.tmp("step");
        let step = self.tmp("delegated");
        let yv = self.coerce(Expr::Var(y.clone()), &item_ty, &yield_ty, leaf.span);
        let value = Expr::MatchExpr(
            Box::new(Expr::Var(sub_var.to_string()).method("delegate", vec![self.delegate_input(leaf, Some(Expr::Var("input".into())), sub)?])),
            vec![
                (Pat::Variant("Ok".into(), vec![Pat::Variant("Step::Yield".into(), vec![Pat::Ident(y)])]), Block::new(vec![Stmt::Return(Expr::Ok(Box::new(Expr::call("Step::Yield", vec![yv]))))])),
                (Pat::Ident(other.clone()), Block::with_tail(Vec::new(), Expr::Var(other))),
            ],
        );
        if let Some(g) = self.gen.as_mut() {
            g.delegated = Some(step.clone());
        }
        let fast = Stmt::Let { name: step, ty: None, init: Some(value), mutable: false, optional: false };
        Some((fast, Pat::StructRest(path, vec![(sub_var.to_string(), Pat::Ident(sub_var.to_string()))])))
    }

    fn take_targets(&mut self) -> Vec<String> {
        let mut next: Vec<String> = self.gen.as_mut().map(|g| std::mem::take(&mut g.targets).into_iter().collect()).unwrap_or_default();
        next.push("Done".into());
        next
    }

    /// `let mut x: T;` for every local not restored from the state.
    fn declare_locals(&mut self, scope: ScopeId, bound: &HashSet<String>) -> Vec<Stmt> {
        let mut out = Vec::new();
        for name in self.res.scopes[scope.0 as usize].locals.clone() {
            let rname = rust_ident(&name);
            if bound.contains(&rname) {
                continue;
            }
            let storage = self.storage.get(&(scope, name.clone())).cloned().unwrap_or(Storage::Local);
            if matches!(storage, Storage::Local | Storage::MaybeUnbound) {
                let optional = storage == Storage::MaybeUnbound;
                let ty = self.var_storage_ty(scope, &name);
                out.push(Stmt::Let { name: rname, ty: Some(ty), init: optional.then_some(Expr::Path("None".into())), mutable: true, optional });
            }
        }
        out
    }

    /// The end of a state's code: falling off the end of the body returns `None`.
    fn finish_arm(&mut self, out: Vec<Stmt>, body: &[ast::Stmt]) -> Block {
        if always_returns(body) {
            // Python cannot fall off the end here, but rustc cannot always see that.
            let msg = Expr::StrLit("py2rust: internal error: a generator fell off its end".into());
            return Block::with_tail(out, Expr::call("Err", vec![Expr::call("PyErr::runtime_error", vec![msg])]));
        }
        let ret = self.ret_ty.clone();
        let none = self.coerce(Expr::Unit, &Ty::None, &ret, Span::default());
        Block::with_tail(out, Expr::Ok(Box::new(Expr::call("Step::Return", vec![none]))))
    }

    /// What a state holds: the locals live across the point that are assigned there, the
    /// iterators of the enclosing `for` loops, the exceptions being handled, the sub-iterator.
    fn state_fields(&self, scope: ScopeId, path: &[Level], params: &[ast::Param], for_iters: &HashMap<u32, String>, delegate: Option<&str>) -> Vec<(String, FieldTy)> {
        let mut live = self.live_at(scope, path);
        // A method's `self` may be read implicitly after the point (`super()`): keep it.
        if let Some(first) = params.first() {
            if self.res.funcs.iter().any(|f| f.scope == scope && f.class.is_some()) {
                live.insert(first.name.clone());
            }
        }
        let assigned = self.assigned_at(scope, path, params);
        let mut fields = Vec::new();
        for name in &self.res.scopes[scope.0 as usize].locals {
            if !live.contains(name) {
                continue;
            }
            let ty = self.var_storage_ty(scope, name);
            match self.storage.get(&(scope, name.clone())) {
                Some(Storage::MaybeUnbound) => fields.push((rust_ident(name), FieldTy::Optional(ty))),
                Some(Storage::Local) | None if assigned.contains(name) => fields.push((rust_ident(name), FieldTy::Plain(ty))),
                _ => {}
            }
        }
        let (mut handlers, mut finals, mut withs) = (0, 0, 0);
        for lv in path {
            match (lv.part, &lv.stmt().kind) {
                (Part::LoopBody, StmtKind::For { iter, .. }) => {
                    if let Some(name) = for_iters.get(&lv.stmt().span.start) {
                        let t = match self.ty(iter) {
                            Ty::Gen(g) => FieldTy::Plain(Ty::Gen(g)),
                            _ => FieldTy::ForIter(self.for_iter(iter)),
                        };
                        fields.push((name.clone(), t));
                    }
                }
                (Part::Handler(_), _) => {
                    handlers += 1;
                    fields.push((numbered("handling", handlers), FieldTy::Plain(Ty::Exc)));
                }
                (Part::Finally, _) => {
                    finals += 1;
                    fields.push((numbered("pending", finals), FieldTy::Completion(self.ret_ty.clone())));
                }
                (Part::WithBody, StmtKind::With { items, .. }) => {
                    withs += 1;
                    fields.push((numbered("manager", withs), FieldTy::Plain(self.ty(&items[0].0))));
                }
                _ => {}
            }
        }
        if let (Some(d), Some(leaf)) = (delegate, path.last()) {
            if let Some((ExprKind::YieldFrom(sub), _)) = suspension(leaf.stmt()).map(|(e, t)| (&e.kind, t)) {
                let t = match self.ty(sub) {
                    Ty::Gen(g) => FieldTy::Plain(Ty::Gen(g)),
                    Ty::Dyn => FieldTy::DelegateValue,
                    _ => FieldTy::DelegateIter(storable(&self.elem_ty(sub))),
                };
                fields.push((d.to_string(), t));
            }
        }
        fields
    }

    /// The iterator a generator stores for a `for` loop over `iter` (not a generator).
    fn for_iter(&self, iter: &ast::Expr) -> ForIter {
        let builtin_call = |name: &str| match &iter.kind {
            ExprKind::Call { func, args, keywords } => {
                matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == name) && (1..=3).contains(&args.len()) && keywords.is_empty()
            }
            _ => false,
        };
        let any_call = matches!(&iter.kind, ExprKind::Call { func, .. } if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(_))) || self.is_itertools_call(iter));
        match self.ty(iter) {
            // (Builtin calls of dynamic type, such as `iter(x)`, keep their own iterators.)
            Ty::Dyn if !any_call => ForIter::Values,
            Ty::List(t) if !any_call => ForIter::List(storable(&t)),
            Ty::Range if builtin_call("range") => ForIter::Range,
            _ => ForIter::Boxed(storable(&self.elem_ty(iter))),
        }
    }

    /// The locals that may be read after the point before being assigned (conservative: a
    /// re-entered loop, handlers and code after a `try` count as starting with nothing known).
    fn live_at(&self, scope: ScopeId, path: &[Level]) -> HashSet<String> {
        let mut assigned = HashSet::new();
        let mut maybe = HashSet::new();
        if let Some((leaf, Some(target))) = path.last().map(|l| l.stmt()).and_then(|s| suspension(s).map(|(_, t)| (s, t))) {
            let mut names = Vec::new();
            target_names(target, &mut names);
            // `t += yield x` reads `t` on resuming; `t = yield x` assigns it.
            if suspension_op(leaf).is_some() {
                maybe.extend(names);
            } else {
                assigned.extend(names);
            }
        }
        for (i, lv) in path.iter().enumerate().rev() {
            if i + 1 < path.len() {
                let s = lv.stmt();
                match (lv.part, &s.kind) {
                    // A `for` loop goes on with its stored iterator: its iterable is not
                    // evaluated again, so what only it reads need not be kept.
                    (Part::LoopBody, StmtKind::For { target, body, orelse, .. }) => {
                        let mut names = Vec::new();
                        target_names(target, &mut names);
                        self.definite(scope, body, &mut names.into_iter().collect(), &mut maybe);
                        self.definite(scope, orelse, &mut HashSet::new(), &mut maybe);
                        assigned.clear();
                    }
                    (Part::LoopBody, _) => {
                        self.definite(scope, std::slice::from_ref(s), &mut HashSet::new(), &mut maybe);
                        assigned.clear();
                    }
                    // `__exit__` may suppress an exception: what follows may run without the rest.
                    (Part::Finally | Part::WithBody, _) => assigned.clear(),
                    (Part::TryBody | Part::Handler(_) | Part::TryElse, StmtKind::Try { handlers, orelse, finalbody, .. }) => {
                        if lv.part == Part::TryBody {
                            for h in handlers {
                                let mut a: HashSet<String> = h.name.iter().cloned().collect();
                                self.definite(scope, &h.body, &mut a, &mut maybe);
                            }
                            self.definite(scope, orelse, &mut assigned.clone(), &mut maybe);
                        }
                        self.definite(scope, finalbody, &mut HashSet::new(), &mut maybe);
                        assigned.clear();
                    }
                    _ => {}
                }
            }
            self.definite(scope, &lv.stmts[lv.idx + 1..], &mut assigned, &mut maybe);
        }
        maybe
    }

    /// The locals certainly assigned when execution reaches the point.
    fn assigned_at(&self, scope: ScopeId, path: &[Level], params: &[ast::Param]) -> HashSet<String> {
        let mut assigned: HashSet<String> = params.iter().map(|p| p.name.clone()).collect();
        let mut ignored = HashSet::new();
        for lv in path {
            self.definite(scope, &lv.stmts[..lv.idx], &mut assigned, &mut ignored);
            match (lv.part, &lv.stmt().kind) {
                (Part::LoopBody, StmtKind::For { target, .. }) => {
                    let mut names = Vec::new();
                    target_names(target, &mut names);
                    assigned.extend(names);
                }
                (Part::Handler(i), StmtKind::Try { handlers, .. }) => {
                    assigned.extend(handlers[i].name.clone());
                }
                (Part::WithBody, StmtKind::With { items, .. }) => {
                    if let Some(v) = &items[0].1 {
                        let mut names = Vec::new();
                        target_names(v, &mut names);
                        assigned.extend(names);
                    }
                }
                _ => {}
            }
        }
        assigned
    }

    /// Emits the code that runs when the generator resumes at the point `path` leads to:
    /// the rest of `path[i]`'s statement, then the statements after it in its list.
    fn continuation(&mut self, path: &[Level<'a>], i: usize, out: &mut Vec<Stmt>) {
        let lv = path[i];
        let s = lv.stmt();
        match (lv.part, &s.kind) {
            (Part::Leaf, _) => self.resume_point(s, out),
            (Part::IfBody | Part::IfElse | Part::LoopElse, _) => self.continuation(path, i + 1, out),
            (Part::LoopBody, _) => {
                // 'brk: { 'cnt: { rest of the body } the loop again }
                let brk = self.label("brk");
                let cnt = self.label("cnt");
                self.loops.push(LoopCtx { else_label: Some(brk.clone()), label: None, continue_label: Some(cnt.clone()), tries_depth: self.tries.len() });
                let mut rest = Vec::new();
                self.continuation(path, i + 1, &mut rest);
                self.loops.pop();
                let mut body = vec![Stmt::Labeled { label: cnt, body: Block::new(rest) }];
                if let StmtKind::For { .. } = &s.kind {
                    self.gen_for(s, false, &mut body);
                } else {
                    self.stmt(s, &mut body);
                }
                out.push(Stmt::Labeled { label: brk, body: Block::new(body) });
            }
            (Part::TryBody, StmtKind::Try { handlers, orelse, finalbody, .. }) => {
                self.try_parts(&mut |l: &mut Lower<'a>, out: &mut Vec<Stmt>| l.continuation(path, i + 1, out), handlers, orelse, finalbody, out);
            }
            (Part::Handler(_) | Part::TryElse, StmtKind::Try { finalbody, .. }) => {
                let handling = path[..i].iter().filter(|l| matches!(l.part, Part::Handler(_))).count() + 1;
                let is_handler = matches!(lv.part, Part::Handler(_));
                if is_handler {
                    self.caught.push(numbered("handling", handling));
                }
                self.try_parts(&mut |l: &mut Lower<'a>, out: &mut Vec<Stmt>| l.continuation(path, i + 1, out), &[], &[], finalbody, out);
                if is_handler {
                    self.caught.pop();
                }
            }
            (Part::WithBody, StmtKind::With { items, .. }) => {
                let kind = match self.ty(&items[0].0) {
                    Ty::File => WithKind::File,
                    Ty::Obj(root) => WithKind::Obj(root),
                    _ => return,
                };
                let manager = numbered("manager", path[..=i].iter().filter(|l| l.part == Part::WithBody).count());
                self.managers.push(manager.clone());
                self.exit_with(kind, &manager, items[0].0.span, &mut |l: &mut Lower<'a>, out: &mut Vec<Stmt>| l.continuation(path, i + 1, out), out);
                self.managers.pop();
            }
            (Part::Finally, _) => {
                // The rest of the `finally`, then where the completion it interrupted was going.
                let pending = numbered("pending", path[..=i].iter().filter(|l| l.part == Part::Finally).count());
                self.pending.push(pending.clone());
                self.continuation(path, i + 1, out);
                self.pending.pop();
                out.push(self.resume(pending, Vec::new(), None));
            }
            _ => {}
        }
        self.stmts_into(&lv.stmts[lv.idx + 1..], out);
    }

    /// The state to store when pausing at the suspension statement `s`.
    fn save_state(&mut self, s: &ast::Stmt) -> Option<Stmt> {
        let g = self.gen.as_mut()?;
        let (variant, fields, _) = g.points.get(&s.span.start)?.clone();
        g.targets.insert(variant.clone());
        let path = format!("{}::{variant}", g.enum_name);
        let (mut handling, mut pending, mut managing) = (0, 0, 0);
        let values = fields
            .iter()
            .map(|(n, t)| {
                let v = if n.starts_with("handling") && *t == FieldTy::Plain(Ty::Exc) {
                    handling += 1;
                    self.caught.get(handling - 1).cloned().unwrap_or_else(|| n.clone())
                } else if matches!(t, FieldTy::Completion(_)) {
                    pending += 1;
                    self.pending.get(pending - 1).cloned().unwrap_or_else(|| n.clone())
                } else if n.starts_with("manager") {
                    managing += 1;
                    self.managers.get(managing - 1).cloned().unwrap_or_else(|| n.clone())
                } else {
                    n.clone()
                };
                (n.clone(), Expr::Var(v))
            })
            .collect();
        // (`self` holds `Done` here: the state was taken out on resuming.)
        Some(Stmt::Expr(Expr::call("park", vec![Expr::Var("self".into()), Expr::Struct(path, values)])))
    }

    /// A suspension statement reached while running: pause there.
    pub(super) fn suspend(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let Some((e, target)) = suspension(s) else { return };
        if !self.gen.as_ref().is_some_and(|g| g.points.contains_key(&s.span.start)) {
            self.unsupported(e.span, "`yield` here", "a generator cannot pause inside a `with` statement of several items yet");
            return;
        }
        let yield_ty = self.gen.as_ref().map(|g| g.yield_ty.clone()).unwrap_or(Ty::Dyn);
        match &e.kind {
            ExprKind::Yield(value) => {
                let v = match value {
                    Some(v) => {
                        self.movable = self.last_uses(s, v);
                        let v = self.expr_as(v, &yield_ty);
                        self.movable.clear();
                        v
                    }
                    None => self.coerce(Expr::Unit, &Ty::None, &yield_ty, e.span),
                };
                let y = self.tmp("yielded");
                out.push(Stmt::Let { name: y.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                let Some(save) = self.save_state(s) else { return };
                out.push(save);
                out.push(Stmt::Return(Expr::Ok(Box::new(Expr::call("Step::Yield", vec![Expr::Var(y)])))));
            }
            ExprKind::YieldFrom(sub) if self.gen.as_ref().is_some_and(|g| g.flat_points.contains(&s.span.start)) => {
                // The new generator's first state, made here and given to the runtime to run
                // (see `flat_points`): the generator object Python makes is never seen.
                let ExprKind::Call { func, args, keywords } = &sub.kind else { return };
                let Some(&Binding::Func(id)) = self.res.names.get(&func.id) else { return };
                let enum_name = self.gen.as_ref().map(|g| g.enum_name.clone()).unwrap_or_default();
                self.movable = self.last_uses(s, sub);
                let values = self.call_args(sub.span, id, 0, args, keywords);
                self.movable.clear();
                let Some(values) = values else { return };
                let def = &self.res.funcs[id.0 as usize];
                let captured = self.capture_params(def).into_iter().map(|(n, _)| (n.clone(), Expr::Var(n).method("clone", vec![])));
                let params = def.params.iter().map(|p| rust_ident(&p.name)).zip(values);
                let made = Expr::Struct(format!("{enum_name}::Start"), captured.chain(params).collect());
                let name = self.tmp("sub");
                out.push(Stmt::Let { name: name.clone(), ty: None, init: Some(made), mutable: false, optional: false });
                let Some(save) = self.save_state(s) else { return };
                out.push(save);
                out.push(Stmt::Return(Expr::Ok(Box::new(Expr::call("Step::Delegate", vec![Expr::Var(name)])))));
            }
            ExprKind::YieldFrom(sub) => {
                let Some(name) = self.gen.as_ref().and_then(|g| g.points.get(&s.span.start)).and_then(|p| p.2.clone()) else { return };
                let init = match self.ty(sub) {
                    Ty::Gen(_) => self.expr(sub),
                    // Possibly a generator: its whole protocol, and its return value.
                    Ty::Dyn => {
                        let v = self.expr(sub);
                        self.attempt(Expr::call("DelegateValue::new", vec![v]), sub.span)
                    }
                    _ => {
                        let it = self.stored_iter(sub);
                        Expr::call("DelegateIter", vec![it])
                    }
                };
                out.push(Stmt::Let { name: name.clone(), ty: None, init: Some(init), mutable: true, optional: false });
                let Some(input) = self.delegate_input(s, None, sub) else { return };
                let step = Expr::Var(name.clone()).method("delegate", vec![input]);
                self.delegate_step(s, step, sub, target, out);
            }
            _ => {}
        }
    }

    /// The locals the value of suspension `s` may move rather than copy: those it reads once
    /// (outside any lambda or comprehension) and that are not kept in the state the generator
    /// pauses in, so nothing reads them again before they are assigned anew.
    fn last_uses(&self, s: &ast::Stmt, value: &ast::Expr) -> HashSet<(ScopeId, String)> {
        let Some((_, fields, _)) = self.gen.as_ref().and_then(|g| g.points.get(&s.span.start)) else { return HashSet::new() };
        let mut reads: HashMap<(ScopeId, String), usize> = HashMap::new();
        let mut nested = false;
        super::visit_expr(value, &mut |x| match &x.kind {
            ExprKind::Name(n) => {
                if let Some(Binding::Var(scope, _)) = self.res.names.get(&x.id) {
                    *reads.entry((*scope, n.clone())).or_default() += 1;
                }
            }
            ExprKind::Lambda { .. } | ExprKind::ListComp { .. } | ExprKind::GenExp { .. } | ExprKind::DictComp { .. } | ExprKind::SetComp { .. } => nested = true,
            _ => {}
        });
        if nested {
            return HashSet::new();
        }
        reads
            .into_iter()
            .filter(|((scope, n), count)| {
                *count == 1
                    && *scope == self.scope
                    && matches!(self.storage.get(&(*scope, n.clone())), Some(Storage::Local | Storage::LoopOnly))
                    && !fields.iter().any(|(f, _)| *f == rust_ident(n))
            })
            .map(|(key, _)| key)
            .collect()
    }

    /// Gives a suspension's target what the generator received (`value`, of type `vty`):
    /// assigned (`t = yield x`), or combined with the target's value (`t += yield x`).
    fn bind_received(&mut self, s: &ast::Stmt, target: &ast::Expr, value: Expr, vty: &Ty, out: &mut Vec<Stmt>) {
        let Some(op) = suspension_op(s) else { return self.bind(target, value, vty, out) };
        let tty = self.ty(target);
        let (imp, result) = binop_rule(op, &tty, vty, false);
        if matches!(imp, BinImpl::ListConcat | BinImpl::ListRepeat { .. }) {
            // `xs += yield ...` would change the list in place.
            self.unsupported(s.span, "`+=` or `*=` of a list with what a `yield` receives", "assign it to a variable first");
            return;
        }
        let received = self.tmp("received");
        out.push(Stmt::Let { name: received.clone(), ty: None, init: Some(value), mutable: false, optional: false });
        let current = self.expr(target);
        let combined = self.binop_impl(imp, op, current, &tty, Expr::Var(received), vty, &result, s.span);
        self.bind(target, combined, &result, out);
    }

    /// What a `yield from` passes its sub-iterator (`input`: this generator's; `None`: the
    /// first step, a `next`): a sub-generator takes what this one is sent, converted to what its
    /// `send` takes (inference made that type include this one's).
    fn delegate_input(&mut self, s: &ast::Stmt, input: Option<Expr>, sub: &ast::Expr) -> Option<Expr> {
        let own = self.gen.as_ref().map(|g| g.sent_ty.clone()).unwrap_or(Ty::Dyn);
        Some(match (input, self.ty(sub)) {
            (None, Ty::Gen(g)) => Expr::NextInput(self.types.sent.get(g.0 as usize).cloned().unwrap_or(Ty::Dyn)),
            (None, _) => Expr::NextInput(own),
            (Some(input), Ty::Gen(g)) => match self.types.sent.get(g.0 as usize).cloned().unwrap_or(Ty::Dyn) {
                t if t == own => input,
                _ if own == Ty::None => input.method("retype", vec![]),
                Ty::Dyn => input.method("into_dyn", vec![]),
                t => {
                    let msg = format!("`yield from` a generator sent {} from one sent {}", t.python_name(), own.python_name());
                    self.diags.push(Diagnostic::internal(s.span, msg));
                    return None;
                }
            },
            (Some(input), _) => input,
        })
    }

    /// One step of `yield from` (`step`: the sub-iterator's result): pause with what it
    /// yields, or go on with its return value assigned to the target.
    fn delegate_step(&mut self, s: &ast::Stmt, step: Expr, sub: &ast::Expr, target: Option<&ast::Expr>, out: &mut Vec<Stmt>) {
        let yield_ty = self.gen.as_ref().map(|g| g.yield_ty.clone()).unwrap_or(Ty::Dyn);
        let item_ty = storable(&self.elem_ty(sub));
        let step = self.attempt(step, s.span);
        let y = self.tmp("yielded");
        let r = self.tmp("returned");
        let yv = self.coerce(Expr::Var(y.clone()), &item_ty, &yield_ty, s.span);
        let Some(save) = self.save_state(s) else { return };
        let pause = Block::new(vec![save, Stmt::Return(Expr::Ok(Box::new(Expr::call("Step::Yield", vec![yv]))))]);
        let value = Expr::MatchExpr(
            Box::new(step),
            vec![
                (Pat::Variant("Step::Yield".into(), vec![Pat::Ident(y)]), pause),
                (Pat::Variant("Step::Return".into(), vec![Pat::Ident(r.clone())]), Block::with_tail(Vec::new(), Expr::Var(r.clone()))),
            ],
        );
        let (ret_ty, value) = match self.ty(sub) {
            Ty::Gen(g) => {
                let t = storable(&self.types.gen_returns[g.0 as usize]);
                let v = match t {
                    // A sub-generator already finished gives None.
                    Ty::None => Expr::Block(Block::new(vec![Stmt::Expr(value)])),
                    Ty::Dyn => value.method("unwrap_or", vec![Expr::Path("Value::None".into())]),
                    _ => self.attempt(Expr::call("returned", vec![value]), s.span),
                };
                (t, v)
            }
            Ty::Dyn => (Ty::Dyn, value),
            _ => (Ty::None, value),
        };
        match target {
            Some(t) => self.bind_received(s, t, value, &ret_ty, out),
            None => out.push(Stmt::Expr(value)),
        }
    }

    /// Resuming at the suspension statement `s`: what the paused `yield` evaluates to (or the
    /// exception thrown in), assigned to its target.
    fn resume_point(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        let Some((e, target)) = suspension(s) else { return };
        match &e.kind {
            ExprKind::Yield(_) => {
                let err = self.tmp("thrown");
                // Thrown in while an exception is being handled here: CPython chains it.
                let thrown = match self.caught.last() {
                    Some(current) => Expr::call("PyErr::during", vec![Expr::Var(err.clone()), Expr::Var(current.clone()).reference()]),
                    None => Expr::Var(err.clone()),
                };
                let raise = self.raise(thrown, s.span);
                let sent_ty = self.ty(e);
                let v = self.tmp("sent");
                if target.is_none() {
                    // The value sent is dropped; only a thrown exception matters.
                    let arms = vec![(Pat::Variant("Input::Throw".into(), vec![Pat::Ident(err)]), Block::new(vec![raise])), (Pat::Wild, Block::default())];
                    out.push(Stmt::Match { value: Expr::Var("input".into()), arms });
                    return;
                }
                // What `send` passed (of the generator's sent type), or `None` from `next`, as
                // the type the `yield`'s value has here (`Opt` of it, or a `Value`).
                let own = self.gen.as_ref().map(|g| g.sent_ty.clone()).unwrap_or(Ty::Dyn);
                let (send_arm, next_value) = match (&own, &sent_ty) {
                    (_, Ty::None) => (Expr::Unit, Expr::Unit),
                    (_, Ty::Dyn) => (self.coerce(Expr::Var(v.clone()), &own, &Ty::Dyn, e.span), Expr::Path("Value::None".into())),
                    (_, Ty::Opt(_)) => (self.coerce(Expr::Var(v.clone()), &own, &sent_ty, e.span), Expr::Path("None".into())),
                    _ => {
                        let msg = format!("a `yield` of type {} receiving {}", sent_ty.python_name(), own.python_name());
                        return self.diags.push(Diagnostic::internal(e.span, msg));
                    }
                };
                let send_arm = Block::with_tail(Vec::new(), send_arm);
                let sent = Expr::MatchExpr(
                    Box::new(Expr::Var("input".into())),
                    vec![
                        (Pat::Variant("Input::Throw".into(), vec![Pat::Ident(err)]), Block::new(vec![raise])),
                        (Pat::Variant("Input::Send".into(), vec![Pat::Ident(v)]), send_arm),
                        (Pat::Variant("Input::Next".into(), vec![]), Block::with_tail(Vec::new(), next_value)),
                    ],
                );
                match target {
                    Some(t) => self.bind_received(s, t, sent, &sent_ty, out),
                    None => out.push(Stmt::Expr(sent)),
                }
            }
            ExprKind::YieldFrom(_) if self.gen.as_ref().is_some_and(|g| g.flat_points.contains(&s.span.start)) => {
                // The sub-generator finished: it returned `None`, or it raised (`Input::Throw`).
                let err = self.tmp("raised");
                let raise = self.raise(Expr::Var(err.clone()), s.span);
                let arms = vec![(Pat::Variant("Input::Throw".into(), vec![Pat::Ident(err)]), Block::new(vec![raise])), (Pat::Wild, Block::default())];
                out.push(Stmt::Match { value: Expr::Var("input".into()), arms });
                if let Some(t) = target {
                    self.bind_received(s, t, Expr::Unit, &Ty::None, out);
                }
            }
            ExprKind::YieldFrom(sub) => {
                // The step taken in place (`resume_in_place`), which did not yield.
                let Some(step) = self.gen.as_ref().and_then(|g| g.delegated.clone()) else { return };
                self.delegate_step(s, Expr::Var(step), sub, target, out);
            }
            _ => {}
        }
    }

    /// `sum(elt for x in xs if c)` of numbers: one loop that adds each element as it is made
    /// (no iterator objects, no collected list). Errors inside get the `<genexpr>` frame, then
    /// this one, as in CPython.
    pub(super) fn sum_genexpr(&mut self, e: &ast::Expr, args: &[ast::Expr], t: &Ty) -> Option<Expr> {
        let ExprKind::GenExp { elt, generators } = &args[0].kind else { return None };
        let [g] = generators.as_slice() else { return None };
        let pat = self.loop_pattern(&g.target, &self.elem_ty(&g.iter))?;
        let start = match args.get(1) {
            Some(s) => self.expr_as(s, t),
            None => self.coerce(Expr::Int(0), &Ty::Int, t, e.span),
        };
        let (source, fallible) = match self.lazily_fallible(&g.iter).then(|| self.fallible_iter(&g.iter)).flatten() {
            Some(it) => (it, true),
            None => (self.iterate(&g.iter), false),
        };
        let label = self.label("genexpr");
        let saved_frame = std::mem::replace(&mut self.frame, "<genexpr>".into());
        let saved = (std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
        self.tries.push(TryCtx { label: label.clone(), finally: false });
        // Each element is computed in a block that owns the item, so the item is dropped
        // before the addition (an `Int` kept alive across it would stay in memory).
        let item = self.tmp("item");
        let value = if fallible { self.attempt(Expr::Var(item.clone()), g.iter.span) } else { Expr::Var(item.clone()) };
        let mut element = vec![Stmt::LetPat { pat, value }];
        for c in &g.ifs {
            let cond = self.cond(c).not();
            element.push(Stmt::If { cond, then: Block::new(vec![Stmt::Continue(None)]), els: None });
        }
        let acc = self.tmp("total");
        let value = self.expr_as(elt, t);
        let name = self.tmp("element");
        let pat = Pat::Ident(item);
        let mut body = vec![Stmt::Let { name: name.clone(), ty: None, init: Some(Expr::Block(Block::with_tail(element, value))), mutable: false, optional: false }];
        body.push(super::sum_add(&acc, Expr::Var(name), t));
        self.tries.pop();
        (self.loops, self.caught) = saved;
        self.frame = saved_frame;
        let (init, total) = super::sum_total(&acc, start, t);
        let stmts = vec![init, Stmt::For { label: None, pat, iter: source, body: Block::new(body) }];
        let total = Expr::LabeledBlock(label, Block::with_tail(stmts, Expr::call("Ok::<_, PyErr>", vec![total])));
        Some(self.attempt(total, e.span))
    }

    /// `g.send(v)`, `g.throw(e)`, `g.close()`, `g.__next__()` on a generator object.
    pub(super) fn generator_method(&mut self, e: &ast::Expr, owner: &ast::Expr, method: &str, args: &[ast::Expr]) -> Expr {
        let g = self.place(owner);
        let call = match (method, args) {
            ("send", [v]) => {
                // `send` takes the generator's sent type; `send(None)` resumes as `next` does.
                let Ty::Gen(f) = self.ty(owner) else { return Expr::Unit };
                let sent = self.types.sent.get(f.0 as usize).cloned().unwrap_or(Ty::Dyn);
                match (self.ty(v), &sent) {
                    (Ty::None | Ty::Never, _) | (_, Ty::None) => {
                        let x = self.expr(v);
                        let next = g.method("next_value", vec![]);
                        if x.is_pure() {
                            next
                        } else {
                            Expr::Block(Block::with_tail(vec![Stmt::Expr(x)], next))
                        }
                    }
                    (Ty::Opt(t), sent) if *t == *sent => {
                        let x = self.expr(v);
                        g.method("send_opt", vec![x])
                    }
                    _ => {
                        let x = self.expr_as(v, &sent);
                        g.method("send", vec![x])
                    }
                }
            }
            ("throw", [x]) => {
                let Some(err) = self.exception_value(Some(x), x.span) else { return Expr::Unit };
                g.method("throw", vec![err])
            }
            ("close", []) => g.method("close", vec![]),
            ("__next__", []) => g.method("next_value", vec![]),
            _ => return self.unsupported(e.span, format!("the generator method `{method}` with these arguments"), "supported: send(value), throw(exception), close(), __next__()"),
        };
        self.attempt(call, e.span)
    }

    /// A `for` loop whose body pauses: its iterator is a variable the states store, so a
    /// resumed generator goes on with it. `init`: create the iterator (else it is restored).
    pub(super) fn gen_for(&mut self, s: &ast::Stmt, init: bool, out: &mut Vec<Stmt>) {
        let StmtKind::For { target, iter, body, orelse } = &s.kind else { return };
        let Some(it) = self.gen.as_ref().and_then(|g| g.for_iters.get(&s.span.start)).cloned() else { return };
        let kind = match self.ty(iter) {
            Ty::Gen(_) => None,
            _ => Some(self.for_iter(iter)),
        };
        if init {
            let v = match &kind {
                None => self.expr(iter),
                Some(ForIter::Values) => {
                    let v = self.place(iter).method("iter", vec![]);
                    self.attempt(v, iter.span)
                }
                Some(ForIter::List(_)) => self.place(iter).method("iter", vec![]),
                Some(ForIter::Range) => self.iterate(iter),
                Some(ForIter::Boxed(_)) => self.stored_iter(iter),
            };
            out.push(Stmt::Let { name: it.clone(), ty: None, init: Some(v), mutable: true, optional: false });
        }
        let label = (!orelse.is_empty()).then(|| self.label("loop"));
        let own = Some(self.label("loop"));
        let elem = storable(&self.elem_ty(iter));
        let item = self.tmp("item");
        let next = if kind.as_ref().is_none_or(ForIter::fallible) { self.attempt(Expr::Var(item.clone()), iter.span) } else { Expr::Var(item.clone()) };
        let fetch = Expr::MatchExpr(
            Box::new(Expr::Var(it).method("next", vec![])),
            vec![
                (Pat::Variant("Some".into(), vec![Pat::Ident(item)]), Block::with_tail(Vec::new(), next)),
                (Pat::Variant("None".into(), vec![]), Block::new(vec![Stmt::Break(own.clone())])),
            ],
        );
        let mut stmts = Vec::new();
        self.bind(target, fetch, &elem, &mut stmts);
        self.loops.push(LoopCtx { else_label: label.clone(), label: own.clone(), continue_label: None, tries_depth: self.tries.len() });
        let b = self.block(body);
        self.loops.pop();
        stmts.extend(b.stmts);
        self.with_else(Stmt::Loop { label: own, body: Block::new(stmts) }, label, orelse, out);
    }

    /// An iterable as a `PyIter` (a nameable type a state can hold).
    pub(super) fn stored_iter(&mut self, iter: &ast::Expr) -> Expr {
        match self.fallible_iter(iter) {
            Some(it) => Expr::call("PyIter::new", vec![it]),
            None => {
                let it = self.iterate(iter);
                Expr::call("PyIter::from_plain", vec![it])
            }
        }
    }

}

/// `--emit states`: each generator's state machine as a Graphviz graph.
pub fn states_dot(gens: &[GenDef]) -> String {
    let mut out = String::from("digraph generators {\n    node [shape=box];\n");
    for g in gens {
        out.push_str(&format!("    subgraph \"cluster_{}\" {{\n        label=\"{} (line {})\";\n", g.name, g.py_name, g.line));
        for st in &g.states {
            let fields: Vec<&str> = st.fields.iter().map(|(n, _)| n.as_str()).collect();
            let label = format!("{}\\n{}\\n{{{}}}", st.name, st.doc.replace('"', "\\\""), fields.join(", "));
            out.push_str(&format!("        \"{0}::{1}\" [label=\"{2}\"];\n", g.name, st.name, label));
        }
        out.push_str(&format!("        \"{0}::Done\" [label=\"Done\"];\n", g.name));
        for st in &g.states {
            for n in &st.next {
                let how = if n == "Done" { "return / raise" } else { "yield" };
                out.push_str(&format!("        \"{0}::{1}\" -> \"{0}::{2}\" [label=\"{3}\"];\n", g.name, st.name, n, how));
            }
        }
        out.push_str("    }\n");
    }
    out.push_str("}\n");
    out
}
