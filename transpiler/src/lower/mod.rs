//! Lowering: the typed Python AST becomes the Rust-shaped IR of [`crate::rir`].
//!
//! This pass decides how each operation is carried out (native Rust operator, runtime method,
//! or the dynamic `Value` path, by the table in [`crate::ops`]), where values are cloned or
//! borrowed, where they are boxed into `Value` (only in [`Lower::coerce`]), where errors
//! propagate (every fallible operation gets `.at(function, line)?`), and how Python's control
//! flow maps onto Rust's (`for`/`while` with `else` become labeled blocks).

use crate::ast::{self, BoolOp, CmpOp, Conversion, ExprKind, FStringPart, StmtKind, UnaryOp};
use crate::builtins::{exception_class, is_python_builtin};
use crate::diag::Diagnostic;
use crate::infer::{always_returns, literal_index, Types};
use crate::ops::{binop_on_optional, binop_rule, binop_symbol, cmp_on_optional, cmp_rule, unary_rule, BinImpl, CmpImpl, OptCmp};
use crate::resolve::{collect_bindings, rust_ident, Binding, FuncBody, FuncId, Resolution, ScopeId, MODULE_SCOPE};
use crate::rir::{self, BinOp as RB, Block, Expr, Pat, Stmt};
use crate::source::{SourceFile, Span};
use crate::types::Ty;
use num_traits::ToPrimitive;
use std::collections::{BTreeMap, HashMap, HashSet};

mod attr_ranges;
mod callables;
mod classes;
mod closures;
mod dyn_dispatch;
mod dyn_ints;
mod fastloop;
mod generators;
pub use generators::states_dot;
mod infallible;
mod itertools;
mod local_objects;
mod machine_ints;
mod one_shot;
mod owned_gens;
mod strings;

pub fn lower(file: &SourceFile, module: &ast::Module, res: &Resolution, types: &Types) -> Result<rir::Program, Vec<Diagnostic>> {
    let mut l = Lower {
        file,
        res,
        types,
        diags: Vec::new(),
        frame: "<module>".to_string(),
        scope: MODULE_SCOPE,
        storage: HashMap::new(),
        loops: Vec::new(),
        tries: Vec::new(),
        caught: Vec::new(),
        ret_ty: Ty::None,
        next_tmp: 0,
        next_label: 0,
        getters: BTreeMap::new(),
        dyn_attrs: std::collections::BTreeSet::new(),
        raw_views: HashSet::new(),
        dispatchers: BTreeMap::new(),
        pending: Vec::new(),
        managers: Vec::new(),
        module_names: Vec::new(),
        dyn_access: false,
        dyn_int_usual: false,
        module_consts: HashMap::new(),
        gen: None,
        gens: Vec::new(),
        fixed_vars: HashSet::new(),
        capture_ok: None,
        machine_vars: HashMap::new(),
        gen_yield_ranges: HashMap::new(),
        movable: HashSet::new(),
        late_cells: HashSet::new(),
        infallible_gens: HashSet::new(),
        local_methods: std::collections::BTreeSet::new(),
        small_methods: std::collections::BTreeSet::new(),
        small_classes: HashMap::new(),
        small: None,
        owned_gens: HashMap::new(),
    };
    l.late_cells = late_bound_cells(module, res);
    // A comprehension's variable such a generator expression reads is a cell too (one for the
    // whole comprehension, as in CPython: each generator sees its last value).
    for (scope, name) in l.late_cells.clone() {
        if l.is_comp_scope(scope) {
            l.storage.insert((scope, name), Storage::Cell);
        }
    }
    let mut statics: Vec<rir::Static> = res.scopes[0]
        .shared
        .iter()
        .map(|name| rir::Static { name: static_name(name), ty: types.var(MODULE_SCOPE, name) })
        .collect();
    // Module storage first: function bodies read module globals.
    l.module_consts = module_constants(&module.body);
    l.assign_storage(MODULE_SCOPE, &module.body, &[]);
    l.find_generator_yield_ranges();
    l.infallible_gens = l.infallible_generators();
    let mut bound: Vec<String> = Vec::new();
    for s in &module.body {
        if let StmtKind::ImportFrom { names, .. } = &s.kind {
            // `from m import a as b` binds `b` (not a binding `collect_bindings` reports).
            bound.extend(names.iter().map(|(n, alias)| alias.clone().unwrap_or_else(|| n.clone())));
        } else {
            collect_bindings(std::slice::from_ref(s), &mut |n, _| bound.push(n.to_string()));
        }
    }
    for n in bound {
        if !l.module_names.contains(&n) {
            l.module_names.push(n);
        }
    }
    let mut funcs = Vec::new();
    for (i, f) in res.funcs.iter().enumerate() {
        funcs.push(l.func(FuncId(i as u32), f));
    }
    let module_body = l.body(MODULE_SCOPE, &module.body, &[], None);
    l.lower_local_methods(&mut funcs);
    let classes = l.finish_classes(&mut funcs, &mut statics);
    let exc_classes = l.exc_classes();
    if l.diags.is_empty() {
        Ok(rir::Program { file: file.path.clone(), source: file.text.clone(), funcs, statics, classes, exc_classes, gens: l.gens, module_body })
    } else {
        Err(l.diags)
    }
}

/// A generator expression's iterator (`py_genexpr(it, |x| ..)`, or that in `py_flatten(..)`)
/// whose first callback owns what it captures (`move`): the iterator outlives where it is made.
fn moving_callback(mut made: Expr) -> Expr {
    let Expr::Call(f, args) = &mut made else { return made };
    let callback = match (&**f, args.last_mut()) {
        (Expr::Path(p), Some(Expr::Call(_, inner))) if p == "py_flatten" => inner.last_mut(),
        (_, last) => last,
    };
    if let Some(c) = callback {
        if let Expr::Closure(pats, body) = std::mem::replace(c, Expr::Unit) {
            *c = Expr::MoveClosureWith(pats, body);
        }
    }
    made
}

/// `sum()`'s running total, declared: an `IntSum` for ints (a machine-word total while it
/// fits), else the number itself; and the expression giving the total at the end.
fn sum_total(acc: &str, start: Expr, t: &Ty) -> (Stmt, Expr) {
    let (init, total) = if *t == Ty::Int {
        (Expr::call("IntSum::new", vec![start]), Expr::Var(acc.to_string()).method("total", vec![]))
    } else {
        (start, Expr::Var(acc.to_string()))
    };
    (Stmt::Let { name: acc.to_string(), ty: None, init: Some(init), mutable: true, optional: false }, total)
}

/// Adds one owned value of type `t` to a total made by `sum_total`.
fn sum_add(acc: &str, value: Expr, t: &Ty) -> Stmt {
    if *t == Ty::Int {
        Stmt::Expr(Expr::Var(acc.to_string()).method("add", vec![value.reference()]))
    } else {
        Stmt::CompoundAssign { place: Expr::Var(acc.to_string()), op: RB::Add, value }
    }
}

/// A one-shot iterator's value without the shared `PyIter` box around it (any iterator of
/// `PyResult` items iterates the same way).
fn unshared_iter(value: Expr) -> Expr {
    let value = match value {
        Expr::Method(recv, m, _) if m == "named" => *recv,
        other => other,
    };
    match value {
        Expr::Call(f, mut args) if matches!(&*f, Expr::Path(p) if p == "PyIter::new") && args.len() == 1 => args.remove(0),
        other => other,
    }
}

/// The Rust name of a module global's `thread_local!` cell.
pub fn static_name(name: &str) -> String {
    format!("G_{}", rust_ident(name).trim_end_matches('_').to_uppercase())
}

/// Where a variable lives.
#[derive(Clone, Debug, PartialEq)]
enum Storage {
    /// A plain Rust local, definitely assigned before every use.
    Local,
    /// A Rust local of type `Option<T>`: Python may read it unbound.
    MaybeUnbound,
    /// Bound only as the target of one `for` loop and read only inside it: the loop's pattern.
    LoopOnly,
    /// A module global some function uses: a `thread_local!` cell.
    Static,
    /// A variable an inner function captures: a `PyCell` shared with its closures.
    Cell,
    /// An iterator bound once and consumed once, later in the same block: a `let` of the
    /// iterator's own type where it is bound, moved into its consumer (see `one_shot.rs`).
    OneShot,
}

struct LoopCtx {
    /// Set when the loop has an `else`: `break` leaves this labeled block.
    else_label: Option<String>,
    /// The loop's own label, when its body has a `try` or `with` (whose labeled blocks an
    /// unlabeled `break`/`continue` may not cross).
    label: Option<String>,
    /// Set for the rest of a loop body a resumed generator runs before re-entering the loop:
    /// `continue` leaves this labeled block.
    continue_label: Option<String>,
    /// How many `try`s enclosed the loop (those pushed later are inside it).
    tries_depth: usize,
}

/// What a `with` statement manages.
#[derive(Clone, Copy, Debug, PartialEq)]
enum WithKind {
    File,
    Obj(crate::resolve::ClassId),
}

/// An enclosing `try` statement's labeled block.
struct TryCtx {
    label: String,
    /// A `finally` follows: the block yields a `Completion`, and `return`/`break`/`continue`
    /// inside must go through it.
    finally: bool,
}

struct Lower<'a> {
    file: &'a SourceFile,
    res: &'a Resolution,
    types: &'a Types,
    diags: Vec<Diagnostic>,
    /// The Python frame name errors are attributed to.
    frame: String,
    scope: ScopeId,
    storage: HashMap<(ScopeId, String), Storage>,
    loops: Vec<LoopCtx>,
    tries: Vec<TryCtx>,
    /// The Rust variables holding the exceptions being handled (innermost last): bare `raise`.
    caught: Vec<String>,
    /// The current function's return type (`Completion<R>`).
    ret_ty: Ty,
    next_tmp: u32,
    next_label: u32,
    /// Attribute getters with class-attribute fallback, to generate (by hierarchy, attribute).
    getters: BTreeMap<(crate::resolve::ClassId, String), String>,
    /// Attributes read from dynamic values (`obj.x` with `obj` a `Value`): instances answer
    /// them through their `ClassData::get_attr` hook.
    dyn_attrs: std::collections::BTreeSet<String>,
    /// Expressions of `Types::base_views` being lowered as the instance itself (before taking
    /// the builtin value it holds).
    raw_views: HashSet<ast::ExprId>,
    /// Method dispatchers to generate (by hierarchy, method).
    dispatchers: BTreeMap<(crate::resolve::ClassId, String), String>,
    /// The completions of the enclosing `finally` blocks being run (innermost last).
    pending: Vec<String>,
    /// The managers of the enclosing `with` statements (innermost last).
    managers: Vec<String>,
    /// Every name the module binds (variables, functions, classes, imports), first binding first.
    module_names: Vec<String>,
    /// Some method call or attribute read happens on a dynamic value: user classes get the
    /// hooks that find their methods and attributes at run time.
    dyn_access: bool,
    /// Set while lowering the usual form of an int expression on dynamic values that has a
    /// machine-word try (`dyn_ints.rs`): its parts get none of their own.
    dyn_int_usual: bool,
    /// Module globals that are numeric constants (`MOD = 10**9 + 7`, never rebound): functions
    /// read the literal itself (so the Rust compiler sees a constant).
    module_consts: HashMap<String, &'a ast::Expr>,
    /// Set while lowering a generator function.
    gen: Option<generators::GenCtx>,
    /// The state machines of the generator functions lowered so far.
    gens: Vec<rir::GenDef>,
    /// Variables a generator expression kept for later reads and that are bound again: they
    /// live in shared cells, so it sees their value when it runs (late binding).
    late_cells: HashSet<(ScopeId, String)>,
    /// Generator functions whose bodies cannot raise (see `infallible.rs`).
    infallible_gens: HashSet<FuncId>,
    /// Methods called on instances kept in place (`lower/local_objects.rs`): their `_local`
    /// versions are lowered at the end.
    local_methods: std::collections::BTreeSet<FuncId>,
    /// Methods whose `_small` versions (machine-word attributes) are lowered at the end.
    small_methods: std::collections::BTreeSet<FuncId>,
    /// Local iterator classes analysed for machine-word attributes (`attr_ranges.rs`).
    small_classes: HashMap<crate::resolve::ClassId, Option<std::rc::Rc<attr_ranges::SmallAttrs>>>,
    /// Set while lowering a `_small` method.
    small: Option<attr_ranges::SmallCtx>,
    /// Variables that own the generator objects they hold (`owned_gens.rs`), with the
    /// generator function.
    owned_gens: HashMap<(ScopeId, String), FuncId>,
    /// Variables bound once and never again (a lazy iterator's callback may own a copy).
    fixed_vars: HashSet<(ScopeId, String)>,
    /// Set while lowering an itertools call consumed on the spot (by a builtin, or a `for`
    /// whose body rebinds only these names): its callbacks may copy what they read.
    capture_ok: Option<HashSet<String>>,
    /// Int variables kept in machine words, with the values they can hold (`machine_ints.rs`).
    machine_vars: HashMap<(ScopeId, String), machine_ints::Range>,
    /// What each generator function's `yield`s give, where known before its consumers.
    gen_yield_ranges: HashMap<FuncId, machine_ints::Range>,
    /// Locals read for the last time by the expression being lowered (a generator's yielded
    /// value, see `generators.rs`): moved, not cloned.
    movable: HashSet<(ScopeId, String)>,
}

impl<'a> Lower<'a> {
    // ----- diagnostics and helpers -------------------------------------------------------

    fn unsupported(&mut self, span: Span, what: impl Into<String>, why: impl Into<String>) -> Expr {
        self.diags.push(Diagnostic::unsupported(span, what, why));
        Expr::Unit
    }

    fn line(&self, span: Span) -> u32 {
        self.file.line_of(span.start)
    }

    fn attempt(&self, e: Expr, span: Span) -> Expr {
        Expr::Try { expr: Box::new(e), func: self.frame.clone(), line: self.line(span), catch: self.catch() }
    }

    /// Where an exception raised here goes: the innermost `try`, else out of the function.
    fn catch(&self) -> Option<rir::Catch> {
        self.tries.last().map(|t| rir::Catch { label: t.label.clone(), completion: t.finally })
    }

    /// Raises `err` (a `PyErr`) here, recording this frame's line.
    fn raise(&self, err: Expr, span: Span) -> Stmt {
        let err = err.method("with_frame", vec![Expr::StrLit(self.frame.clone()), Expr::RawInt(self.line(span) as i64), Expr::Path("None".into())]);
        self.propagate(err)
    }

    /// Sends an already-framed `PyErr` to the innermost `try`, or out of the function.
    fn propagate(&self, err: Expr) -> Stmt {
        match self.catch() {
            Some(c) => Stmt::BreakWith(c.label.clone(), c.wrap(err)),
            None => Stmt::Return(Expr::call("Err", vec![err])),
        }
    }

    /// `return value` (already converted): through the innermost `finally`, if any.
    fn return_stmt(&self, value: Expr) -> Stmt {
        match self.tries.iter().rev().find(|t| t.finally) {
            Some(t) => Stmt::BreakWith(t.label.clone(), Expr::call("Completion::Return", vec![value])),
            // A generator's `return` finishes it: `StopIteration(value)`.
            None if self.gen.is_some() => Stmt::Return(Expr::Ok(Box::new(Expr::call("Step::Return", vec![value])))),
            None => Stmt::Return(Expr::Ok(Box::new(value))),
        }
    }

    /// `break` / `continue`: through a `finally` between here and the loop, if any.
    fn loop_exit(&self, is_break: bool) -> Stmt {
        let Some(lp) = self.loops.last() else {
            // Refused by `stmt` (a syntax error); never emitted.
            return Stmt::Break(None);
        };
        if let Some(t) = self.tries[lp.tries_depth..].iter().rev().find(|t| t.finally) {
            let c = if is_break { "Completion::Break" } else { "Completion::Continue" };
            return Stmt::BreakWith(t.label.clone(), Expr::Path(c.into()));
        }
        if is_break {
            Stmt::Break(lp.else_label.clone().or_else(|| lp.label.clone()))
        } else if let Some(c) = &lp.continue_label {
            Stmt::Break(Some(c.clone()))
        } else {
            Stmt::Continue(lp.label.clone())
        }
    }

    /// `NameError` for a name bound nowhere, with the candidates CPython's traceback draws its
    /// `Did you mean` from: this function's variables, then the module's names.
    fn name_error(&self, name: &str) -> Expr {
        let names = |scope: ScopeId| Expr::Array(self.res.scopes[scope.0 as usize].locals.iter().map(|n| Expr::StrLit(n.clone())).collect()).reference();
        let locals = if self.scope == MODULE_SCOPE || self.is_comp_scope(self.scope) { Expr::Array(Vec::new()).reference() } else { names(self.scope) };
        let globals = Expr::Array(self.module_names.iter().map(|n| Expr::StrLit(n.clone())).collect()).reference();
        Expr::call("name_error_in", vec![Expr::StrLit(name.to_string()), locals, globals])
    }

    fn tmp(&mut self, hint: &str) -> String {
        self.next_tmp += 1;
        format!("{hint}{}", self.next_tmp)
    }

    fn ty(&self, e: &ast::Expr) -> Ty {
        if self.raw_views.contains(&e.id) {
            if let Some(&root) = self.types.base_views.get(&e.id) {
                return Ty::Obj(root);
            }
        }
        self.types.expr(e).clone()
    }

    /// For an instance of a `list`/`dict` subclass used as the builtin value it holds: that
    /// value (shared with the instance, as the instance is).
    fn base_view(&mut self, e: &ast::Expr) -> Option<Expr> {
        let root = *self.types.base_views.get(&e.id)?;
        if !self.raw_views.insert(e.id) {
            return None;
        }
        let obj = self.place(e);
        self.raw_views.remove(&e.id);
        Some(self.base_value(obj, root, e.span))
    }

    /// The builtin value of instance `obj` of a `list`/`dict` subclass.
    fn base_value(&mut self, obj: Expr, _root: crate::resolve::ClassId, span: Span) -> Expr {
        let field = classes::field_ref("__base__");
        self.attempt(obj.method("get", vec![field, Expr::StrLit("__base__".into())]), span)
    }

    // ----- functions and scopes ----------------------------------------------------------

    fn func(&mut self, id: FuncId, f: &'a crate::resolve::Func) -> rir::Func {
        self.ret_ty = storable(&self.types.returns[id.0 as usize]);
        self.frame = match &f.body {
            FuncBody::Expr(_) => "<lambda>".to_string(),
            FuncBody::Stmts(_) => f.name.clone(),
        };
        let params: Vec<(String, Ty)> = f
            .params
            .iter()
            .zip(&self.types.params[id.0 as usize])
            .map(|(p, t)| (rust_ident(&p.name), storable(t)))
            .collect();
        let ret = storable(&self.types.returns[id.0 as usize]);
        let mut body = match &f.body {
            FuncBody::Stmts(stmts) if crate::ast::has_yield(stmts) => return self.generator(id, f, stmts),
            FuncBody::Stmts(stmts) => self.body(f.scope, stmts, &f.params, Some(&ret)),
            FuncBody::Expr(e) => {
                self.scope = f.scope;
                self.assign_storage(f.scope, &[], &f.params);
                let cells = self.cell_decls(f.scope, &f.params);
                let v = self.expr(e);
                let v = self.coerce(v, &self.ty(e), &ret, e.span);
                Block::with_tail(cells, Expr::Ok(Box::new(v)))
            }
        };
        // Nested functions may call themselves through their captured name.
        if is_recursive(self.res, id) || (f.parent.is_some() && matches!(f.body, FuncBody::Stmts(_))) {
            // Python's recursion limit, instead of overflowing the Rust stack.
            let guard = Stmt::Let { name: "_call".into(), ty: None, init: Some(Expr::Question(Box::new(Expr::call("enter_call", vec![])))), mutable: false, optional: false };
            body.stmts.insert(0, guard);
        }
        self.frame = "<module>".to_string();
        self.ret_ty = Ty::None;
        let self_param = if f.class.is_some_and(|c| self.res.is_exception_class(c)) { rir::SelfParam::Mut } else { rir::SelfParam::Owned };
        let py_name = match f.class {
            Some(c) => format!("{}.{}", self.res.class(c).name, f.name),
            None => f.name.clone(),
        };
        let captures = self.capture_params(f);
        rir::Func { name: f.rust_name.clone(), py_name, line: self.line(f.span), params, ret, body, self_param, captures }
    }

    /// Lowers a function or module body: local declarations, then the statements.
    fn body(&mut self, scope: ScopeId, stmts: &[ast::Stmt], params: &[ast::Param], ret: Option<&Ty>) -> Block {
        self.scope = scope;
        self.assign_storage(scope, stmts, params);
        let mut out = self.cell_decls(scope, params);
        // Declared last-bound first: Rust drops locals in reverse order of declaration, CPython
        // clears a frame's variables in order of first binding (which decides the order in which
        // suspended generators they hold are closed).
        for name in self.res.scopes[scope.0 as usize].locals.clone().into_iter().rev() {
            let key = (scope, name.clone());
            let storage = self.storage.get(&key).cloned().unwrap_or(Storage::Local);
            let is_param = params.iter().any(|p| p.name == name);
            if is_param {
                continue; // bound on entry (declared `mut` in the signature)
            }
            match storage {
                Storage::Local | Storage::MaybeUnbound => {
                    let ty = self.var_storage_ty(scope, &name);
                    let optional = storage == Storage::MaybeUnbound;
                    out.push(Stmt::Let {
                        name: rust_ident(&name),
                        ty: Some(ty),
                        init: optional.then_some(Expr::Path("None".into())),
                        mutable: true,
                        optional,
                    });
                }
                Storage::LoopOnly | Storage::Static | Storage::Cell | Storage::OneShot => {}
            }
        }
        for s in stmts {
            self.stmt(s, &mut out);
        }
        // A final `return x` reads better as the block's value.
        if let Some(Stmt::Return(_)) = out.last() {
            if let Some(Stmt::Return(value)) = out.pop() {
                return Block::with_tail(out, value);
            }
        }
        match ret {
            None => Block::with_tail(out, Expr::Ok(Box::new(Expr::Unit))),
            Some(ret) if !always_returns(stmts) => {
                let none = self.coerce(Expr::Unit, &Ty::None, ret, Span::default());
                Block::with_tail(out, Expr::Ok(Box::new(none)))
            }
            Some(_) => {
                // Python cannot fall off the end here, but rustc cannot always see that (a
                // `return` inside `try`/`finally` goes through a `Completion`).
                let msg = Expr::StrLit("py2rust: internal error: a function fell off its end".into());
                Block::with_tail(out, Expr::call("Err", vec![Expr::call("PyErr::runtime_error", vec![msg])]))
            }
        }
    }

    /// Decides each variable's storage: definite-assignment analysis (conservative, so the
    /// generated Rust always passes rustc's own check) and loop-only variables.
    fn assign_storage(&mut self, scope: ScopeId, stmts: &[ast::Stmt], params: &[ast::Param]) {
        let mut counts: HashMap<String, usize> = HashMap::new();
        collect_bindings(stmts, &mut |n, _| *counts.entry(n.to_string()).or_default() += 1);
        // Loop-only: bound once, by a `for` target, and every read is inside that loop's body.
        let mut loop_only = HashSet::new();
        crate::ast::walk_stmts(stmts, &mut |s| {
            if let StmtKind::For { target, body, .. } = &s.kind {
                let mut names = Vec::new();
                target_names(target, &mut names);
                if names.is_empty() {
                    return;
                }
                let body_span = Span::new(body.first().map_or(0, |b| b.span.start), body.last().map_or(0, |b| b.span.end));
                let all = names.iter().all(|n| {
                    counts.get(n) == Some(&1)
                        && !params.iter().any(|p| &p.name == n)
                        && self.reads_only_within(scope, n, &[target.span, body_span], stmts)
                });
                let simple = matches!(target.kind, ExprKind::Name(_) | ExprKind::Tuple(_));
                // A generator paused inside the loop resumes there: its variables are locals.
                let pauses = self.gen.is_some() && crate::ast::has_yield(body);
                // A loop variable outlives its loop in Python: one that may hold a generator keeps
                // it (and its `finally`) alive until rebound, so it is a plain local.
                let finalizable = names.iter().any(|n| matches!(self.types.var(scope, n), Ty::Gen(_) | Ty::Iter(_) | Ty::Dyn));
                if all && simple && !pauses && !finalizable {
                    loop_only.extend(names);
                }
            }
        });
        self.fixed_vars.extend(itertools::fixed_names(stmts, params).into_iter().map(|n| (scope, n)));
        let mut maybe = HashSet::new();
        let mut assigned: HashSet<String> = params.iter().map(|p| p.name.clone()).collect();
        self.definite(scope, stmts, &mut assigned, &mut maybe);
        // A deleted variable may be read unbound afterwards.
        maybe.extend(deleted_names(stmts));
        // So may the name of an `except E as name` (the handler unbinds it), if it is used
        // outside the handlers that bind it.
        let mut handlers: HashMap<String, Vec<Span>> = HashMap::new();
        crate::ast::walk_stmts(stmts, &mut |s| {
            if let StmtKind::Try { handlers: hs, .. } = &s.kind {
                for h in hs {
                    if let Some(n) = &h.name {
                        handlers.entry(n.clone()).or_default().push(h.span);
                    }
                }
            }
        });
        maybe.extend(handlers.into_iter().filter(|(n, spans)| !self.reads_only_within(scope, n, spans, stmts)).map(|(n, _)| n));
        let candidates: HashSet<String> = self.res.scopes[scope.0 as usize]
            .locals
            .iter()
            .filter(|n| {
                self.gen.is_none()
                    && counts.get(*n) == Some(&1)
                    && !params.iter().any(|p| &p.name == *n)
                    && !maybe.contains(*n)
                    && !loop_only.contains(*n)
                    && !self.is_cell(scope, n)
                    && !(scope == MODULE_SCOPE && self.res.scopes[0].shared.contains(*n))
                    && matches!(self.types.var(scope, n), Ty::Iter(_))
            })
            .cloned()
            .collect();
        let one_shot = one_shot::one_shot_iterators(self.res, scope, stmts, &candidates);
        for name in self.res.scopes[scope.0 as usize].locals.clone() {
            let storage = if scope == MODULE_SCOPE && self.res.scopes[0].shared.contains(&name) {
                Storage::Static
            } else if self.is_cell(scope, &name) {
                Storage::Cell
            } else if loop_only.contains(&name) {
                Storage::LoopOnly
            } else if one_shot.contains(&name) {
                Storage::OneShot
            } else if maybe.contains(&name) {
                Storage::MaybeUnbound
            } else {
                Storage::Local
            };
            self.storage.insert((scope, name), storage);
        }
        self.find_machine_ints(scope, stmts, params);
        self.find_owned_generators(scope, stmts, params);
    }

    /// Whether every occurrence of the variable lies within one of the spans.
    fn reads_only_within(&self, scope: ScopeId, name: &str, within: &[Span], stmts: &[ast::Stmt]) -> bool {
        let mut ok = true;
        let mut check = |e: &ast::Expr| {
            if let (ExprKind::Name(n), Some(Binding::Var(s, _))) = (&e.kind, self.res.names.get(&e.id)) {
                let inside = within.iter().any(|w| e.span.start >= w.start && e.span.end <= w.end);
                if n == name && *s == scope && !inside {
                    ok = false;
                }
            }
        };
        visit_stmts_exprs(stmts, &mut check);
        ok
    }

    /// Records in `maybe` the variables read where they may not be assigned yet.
    fn definite(&self, scope: ScopeId, stmts: &[ast::Stmt], assigned: &mut HashSet<String>, maybe: &mut HashSet<String>) {
        for s in stmts {
            let reads = |e: &ast::Expr, assigned: &HashSet<String>, maybe: &mut HashSet<String>| {
                visit_expr(e, &mut |x| {
                    if let (ExprKind::Name(n), Some(Binding::Var(sc, _))) = (&x.kind, self.res.names.get(&x.id)) {
                        if *sc == scope && !assigned.contains(n) {
                            maybe.insert(n.clone());
                        }
                    }
                });
            };
            match &s.kind {
                StmtKind::Assign { targets, value } => {
                    reads(value, assigned, maybe);
                    for t in targets {
                        target_reads(t, &mut |e| reads(e, assigned, maybe));
                        let mut names = Vec::new();
                        target_names(t, &mut names);
                        assigned.extend(names);
                    }
                }
                StmtKind::AugAssign { target, value, .. } => {
                    reads(value, assigned, maybe);
                    reads(target, assigned, maybe);
                    let mut names = Vec::new();
                    target_names(target, &mut names);
                    assigned.extend(names);
                }
                StmtKind::AnnAssign { target, value, .. } => {
                    if let Some(v) = value {
                        reads(v, assigned, maybe);
                        let mut names = Vec::new();
                        target_names(target, &mut names);
                        assigned.extend(names);
                    }
                }
                StmtKind::Expr(e) | StmtKind::Return(Some(e)) => reads(e, assigned, maybe),
                // A nested `def` assigns its name (a function value).
                StmtKind::FunctionDef(def) => {
                    assigned.insert(def.name.clone());
                }
                StmtKind::If { test, body, orelse } => {
                    reads(test, assigned, maybe);
                    let mut a = assigned.clone();
                    self.definite(scope, body, &mut a, maybe);
                    let mut b = assigned.clone();
                    self.definite(scope, orelse, &mut b, maybe);
                    // Assigned after the `if` when assigned on both paths (or a path ends).
                    let a_ends = ends_flow(body);
                    let b_ends = ends_flow(orelse);
                    let merged: HashSet<String> = match (a_ends, b_ends) {
                        (true, true) => a.union(&b).cloned().collect(),
                        (true, false) => b,
                        (false, true) => a,
                        (false, false) => a.intersection(&b).cloned().collect(),
                    };
                    *assigned = merged;
                }
                StmtKind::While { test, body, orelse } => {
                    reads(test, assigned, maybe);
                    let mut inner = assigned.clone();
                    self.definite(scope, body, &mut inner, maybe);
                    let mut e = assigned.clone();
                    self.definite(scope, orelse, &mut e, maybe);
                }
                StmtKind::Try { body, handlers, orelse, finalbody } => {
                    // Conservative, like rustc sees the generated blocks: only what is assigned
                    // before the `try` or in its `finally` is certain afterwards.
                    let mut b = assigned.clone();
                    self.definite(scope, body, &mut b, maybe);
                    // rustc sees the `else` as a separate match arm, not a continuation.
                    let mut e = assigned.clone();
                    self.definite(scope, orelse, &mut e, maybe);
                    for h in handlers {
                        let mut hs = assigned.clone();
                        if let Some(t) = &h.typ {
                            reads(t, &hs, maybe);
                        }
                        hs.extend(h.name.clone());
                        self.definite(scope, &h.body, &mut hs, maybe);
                    }
                    self.definite(scope, finalbody, assigned, maybe);
                }
                StmtKind::Raise { exc, cause } => {
                    for e in exc.iter().chain(cause) {
                        reads(e, assigned, maybe);
                    }
                }
                StmtKind::With { items, body } => {
                    // Like a `try`: the body may stop anywhere, so only what was assigned
                    // before is certain afterwards.
                    let mut inner = assigned.clone();
                    for (mgr, var) in items {
                        reads(mgr, &inner, maybe);
                        if let Some(v) = var {
                            let mut names = Vec::new();
                            target_names(v, &mut names);
                            inner.extend(names);
                        }
                    }
                    self.definite(scope, body, &mut inner, maybe);
                    let mut names = Vec::new();
                    for (_, var) in items {
                        if let Some(v) = var {
                            target_names(v, &mut names);
                        }
                    }
                    assigned.extend(names);
                }
                StmtKind::Delete(targets) => targets.iter().for_each(|t| reads(t, assigned, maybe)),
                StmtKind::Assert { test, msg } => {
                    reads(test, assigned, maybe);
                    if let Some(m) = msg {
                        reads(m, assigned, maybe);
                    }
                }
                StmtKind::For { target, iter, body, orelse } => {
                    reads(iter, assigned, maybe);
                    let mut inner = assigned.clone();
                    let mut names = Vec::new();
                    target_names(target, &mut names);
                    inner.extend(names);
                    self.definite(scope, body, &mut inner, maybe);
                    let mut e = assigned.clone();
                    self.definite(scope, orelse, &mut e, maybe);
                }
                _ => {}
            }
        }
    }

    // ----- statements --------------------------------------------------------------------

    fn block(&mut self, stmts: &[ast::Stmt]) -> Block {
        let mut out = Vec::new();
        self.stmts_into(stmts, &mut out);
        Block::new(out)
    }

    /// Lowers a statement list. In a generator, what follows a `yield` statement belongs to
    /// the state that resumes there, not to this code (which returns at the `yield`).
    fn stmts_into(&mut self, stmts: &[ast::Stmt], out: &mut Vec<Stmt>) {
        for s in stmts {
            self.stmt(s, out);
            if self.gen.is_some() && generators::pauses_always(s) {
                break;
            }
        }
    }

    fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Stmt>) {
        match &s.kind {
            StmtKind::ClassDef(def) => self.class_stmt(def, out),
            StmtKind::FunctionDef(def) if self.res.defs.get(&s.span.start).is_some_and(|f| self.res.funcs[f.0 as usize].is_value) => {
                let fid = self.res.defs[&s.span.start];
                let mut v = self.func_value(fid, def.header);
                for d in def.decorators.iter().rev() {
                    v = self.decorate(d, v);
                }
                let scope = self.scope;
                self.bind_name(scope, &def.name, v, &Ty::Dyn, def.header, out);
            }
            StmtKind::FunctionDef(_) | StmtKind::Pass | StmtKind::Import(_) | StmtKind::ImportFrom { .. } | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Expr(ast::Expr { kind: ExprKind::Yield(_) | ExprKind::YieldFrom(_), .. }) if self.gen.is_some() => self.suspend(s, out),
            StmtKind::Assign { value: ast::Expr { kind: ExprKind::Yield(_) | ExprKind::YieldFrom(_), .. }, targets } if self.gen.is_some() && targets.len() == 1 => self.suspend(s, out),
            StmtKind::AnnAssign { value: Some(ast::Expr { kind: ExprKind::Yield(_) | ExprKind::YieldFrom(_), .. }), .. } if self.gen.is_some() => self.suspend(s, out),
            StmtKind::AugAssign { value: ast::Expr { kind: ExprKind::Yield(_) | ExprKind::YieldFrom(_), .. }, target, .. } if self.gen.is_some() && matches!(target.kind, ExprKind::Name(_)) => self.suspend(s, out),
            StmtKind::For { body, .. } if self.gen.is_some() && crate::ast::has_yield(body) => self.gen_for(s, true, out),
            StmtKind::Expr(e) => {
                if let Some(err) = self.sys_exit(e) {
                    out.push(self.raise(err, e.span));
                    return;
                }
                let v = self.expr(e);
                out.push(Stmt::Expr(v));
            }
            StmtKind::Return(v) => {
                let ret = self.ret_ty.clone();
                let value = match v {
                    Some(v) => {
                        let x = self.expr(v);
                        self.coerce(x, &self.ty(v), &ret, v.span)
                    }
                    None => self.coerce(Expr::Unit, &Ty::None, &ret, s.span),
                };
                out.push(self.return_stmt(value));
            }
            StmtKind::Assign { targets, value } => {
                if self.res.defs.contains_key(&s.span.start) {
                    return; // `f = lambda ...`: emitted as a function
                }
                let vty = self.ty(value);
                if let ([target @ ast::Expr { kind: ExprKind::Tuple(elts), .. }], Ty::Obj(_) | Ty::Gen(_)) = (targets.as_slice(), &vty) {
                    if !elts.iter().any(|x| matches!(x.kind, ExprKind::Starred(_))) {
                        // `a, b = obj`: iterated (its items may raise), exactly as many items.
                        let elem = self.elem_ty(value);
                        let Some(it) = self.fallible_iter(value) else { return };
                        let items = self.tmp("items");
                        let v = self.attempt(Expr::call("try_unpack", vec![it, Expr::RawInt(elts.len() as i64)]), target.span);
                        out.push(Stmt::Let { name: items.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                        for (i, e) in elts.iter().enumerate() {
                            let item = Expr::Index(Box::new(Expr::Var(items.clone())), i).method("clone", vec![]);
                            self.bind(e, item, &elem, out);
                        }
                        return;
                    }
                }
                let v = self.expr(value);
                if targets.len() == 1 {
                    self.bind(&targets[0], v, &vty, out);
                } else {
                    let t = self.tmp("value");
                    out.push(Stmt::Let { name: t.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                    for target in targets {
                        let copy = clone_of(Expr::Var(t.clone()), &vty);
                        self.bind(target, copy, &vty, out);
                    }
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(value) = value {
                    let vty = self.ty(value);
                    let v = self.expr(value);
                    self.bind(target, v, &vty, out);
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(s, target, *op, value, out),
            StmtKind::If { test, body, orelse } => {
                let cond = self.cond(test);
                let then = self.block(body);
                let els = if orelse.is_empty() { None } else { Some(self.block(orelse)) };
                out.push(Stmt::If { cond, then, els });
            }
            StmtKind::While { test, body, orelse } => {
                let infinite = matches!(test.kind, ExprKind::Bool(true));
                let label = (!orelse.is_empty()).then(|| self.label("loop"));
                let own = has_try(body).then(|| self.label("loop"));
                // A loop computing only with local ints also runs on machine integers (fastloop.rs).
                let pauses = self.gen.is_some() && crate::ast::has_yield(body);
                let fast = if orelse.is_empty() && own.is_none() && !pauses { self.fast_while(test, body) } else { None };
                self.loops.push(LoopCtx { else_label: label.clone(), label: own.clone(), continue_label: None, tries_depth: self.tries.len() });
                let cond = if infinite { Expr::Bool(true) } else { self.cond(test) };
                let mut body = self.block(body);
                self.loops.pop();
                let lp = match fast {
                    Some(mut stmts) => {
                        if !infinite {
                            stmts.push(Stmt::If { cond: cond.not(), then: Block::new(vec![Stmt::Break(None)]), els: None });
                        }
                        stmts.append(&mut body.stmts);
                        Stmt::Loop { label: own, body: Block::new(stmts) }
                    }
                    None if infinite => Stmt::Loop { label: own, body },
                    None => Stmt::While { label: own, cond, body },
                };
                self.with_else(lp, label, orelse, out);
            }
            StmtKind::For { target, iter, body, orelse } => {
                if let Some(versions) = self.range_loop_versions(target, iter, body, orelse) {
                    out.push(versions);
                    return;
                }
                let label = (!orelse.is_empty()).then(|| self.label("loop"));
                let elem = self.elem_ty(iter);
                let mut pre = Vec::new();
                if self.is_itertools_call(iter) {
                    // Callbacks may copy what they read, unless the body rebinds it.
                    let mut rebound = HashSet::new();
                    collect_bindings(body, &mut |n, _| {
                        rebound.insert(n.to_string());
                    });
                    let mut names = Vec::new();
                    target_names(target, &mut names);
                    rebound.extend(names);
                    self.capture_ok = Some(rebound);
                }
                // Dicts and sets raise if changed while iterated: their items are results.
                let machine_range = self.machine_range(target, iter);
                let elem = if machine_range.is_some() { Ty::I64 } else { elem };
                let (it, mut fallible) = match (machine_range, self.fallible_iter(iter)) {
                    (Some(range), _) => (range, false),
                    (None, Some(it)) => (it, true),
                    (None, None) => (self.iterate(iter), false),
                };
                let mut lp = self.loop_pattern(target, &elem);
                if let (Ty::Dyn, ExprKind::Tuple(elts)) = (&elem, &target.kind) {
                    // The loop-only variables' pattern, as if the items were tuples of its shape.
                    lp = self.loop_pattern(target, &target_shape(target));
                    // A tuple target over values known only at run time: unpacked at run time.
                    let item = self.tmp("item");
                    let v = if fallible { self.attempt(Expr::Var(item.clone()), iter.span) } else { Expr::Var(item.clone()) };
                    let items = self.tmp("items");
                    let call = self.attempt(Expr::call("unpack_value", vec![v.reference(), Expr::RawInt(elts.len() as i64)]), target.span);
                    pre.push(Stmt::Let { name: items.clone(), ty: None, init: Some(call), mutable: false, optional: false });
                    let loop_only = matches!(&lp, Some(Pat::Tuple(ps)) if ps.iter().all(|p| matches!(p, Pat::Ident(_))));
                    for (i, x) in elts.iter().enumerate() {
                        let v = Expr::Index(Box::new(Expr::Var(items.clone())), i).method("clone", vec![]);
                        match (&lp, loop_only) {
                            (Some(Pat::Tuple(ps)), true) => {
                                let Pat::Ident(name) = &ps[i] else { continue };
                                pre.push(Stmt::Let { name: name.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                            }
                            (Some(_), _) => {
                                self.unsupported(target.span, "this loop target", "nested targets over values known only at run time");
                            }
                            (None, _) => self.bind(x, v, &Ty::Dyn, &mut pre),
                        }
                    }
                    lp = Some(Pat::Ident(item));
                    fallible = false;
                }
                let pat = match (lp, fallible) {
                    (Some(p), false) => p,
                    (Some(p), true) => {
                        let item = self.tmp("item");
                        let v = self.attempt(Expr::Var(item.clone()), iter.span);
                        pre.push(Stmt::LetPat { pat: p, value: v });
                        Pat::Ident(item)
                    }
                    (None, _) => {
                        let item = self.tmp("item");
                        let v = if fallible { self.attempt(Expr::Var(item.clone()), iter.span) } else { Expr::Var(item.clone()) };
                        self.bind(target, v, &elem, &mut pre);
                        Pat::Ident(item)
                    }
                };
                let own = has_try(body).then(|| self.label("loop"));
                self.loops.push(LoopCtx { else_label: label.clone(), label: own.clone(), continue_label: None, tries_depth: self.tries.len() });
                let mut b = self.block(body);
                self.loops.pop();
                pre.append(&mut b.stmts);
                b.stmts = pre;
                self.with_else(Stmt::For { label: own, pat, iter: it, body: b }, label, orelse, out);
            }
            StmtKind::Break | StmtKind::Continue if self.loops.is_empty() => {
                let word = if matches!(s.kind, StmtKind::Break) { "break" } else { "continue" };
                self.diags.push(Diagnostic::syntax(s.span, format!("'{word}' outside loop")));
            }
            StmtKind::Break => out.push(self.loop_exit(true)),
            StmtKind::Continue => out.push(self.loop_exit(false)),
            StmtKind::Try { body, handlers, orelse, finalbody } => self.try_stmt(body, handlers, orelse, finalbody, out),
            StmtKind::With { items, body } => self.with_stmt(items, body, out),
            StmtKind::Delete(targets) => {
                for t in targets {
                    if let (ExprKind::Name(name), Some(Binding::Var(scope, _))) = (&t.kind, self.res.names.get(&t.id).cloned()) {
                        // `del x`: unbinds it (the value is dropped now).
                        match self.unbind(scope, name, t.span) {
                            Some(del) => out.push(del),
                            None => {
                                self.unsupported(t.span, "`del` of this variable", "a variable of an enclosing function or a loop variable cannot be deleted yet");
                            }
                        }
                        continue;
                    }
                    let ExprKind::Subscript { value, index } = &t.kind else {
                        self.unsupported(t.span, "`del` of this target", "only `del list[index]` and `del list[a:b]` are supported yet");
                        continue;
                    };
                    if let Ty::Dict(kt, _) = self.ty(value) {
                        let recv = self.place(value);
                        let k = self.expr_as(index, &kt);
                        out.push(Stmt::Expr(self.attempt(recv.method("delitem", vec![k.reference()]), t.span)));
                        continue;
                    }
                    if !matches!(self.ty(value), Ty::List(_)) {
                        self.unsupported(t.span, format!("`del` on {}", self.ty(value).python_name()), "only lists and dicts yet");
                        continue;
                    }
                    let recv = self.place(value);
                    let call = match &index.kind {
                        ExprKind::Slice { lower, upper, step } => {
                            let bounds = self.slice_bounds(lower, upper, step);
                            recv.method("del_slice", bounds)
                        }
                        _ => {
                            let i = self.expr_as(index, &Ty::Int);
                            recv.method("delitem", vec![i.reference()])
                        }
                    };
                    out.push(Stmt::Expr(self.attempt(call, t.span)));
                }
            }
            StmtKind::Raise { exc, cause } => {
                let Some(mut err) = self.exception_value(exc.as_ref(), s.span) else { return };
                if let Some(c) = cause {
                    let cause = match &c.kind {
                        ExprKind::None => Expr::Path("None".into()),
                        _ => match self.exception_value(Some(c), c.span) {
                            Some(x) => Expr::call("Some", vec![x]),
                            None => return,
                        },
                    };
                    err = Expr::call("PyErr::caused_by", vec![err, cause]);
                }
                if let (Some(current), Some(ExprKind::Call { .. } | ExprKind::Name(_))) = (self.caught.last(), exc.as_ref().map(|e| &e.kind).filter(|_| exc.as_ref().is_some_and(|e| self.is_new_exception(e)))) {
                    // Raised while handling another: CPython chains it as `__context__` (also
                    // with a `from` clause, which only hides it in the traceback).
                    err = Expr::call("PyErr::during", vec![err, Expr::Var(current.clone()).reference()]);
                }
                out.push(self.raise(err, s.span));
            }
            StmtKind::Assert { test, msg } => {
                let cond = self.cond(test).not();
                let args = match msg {
                    Some(m) => vec![self.expr_as(m, &Ty::Dyn)],
                    None => vec![],
                };
                let err = Expr::call("PyErr::with_args", vec![Expr::Path("Exc::AssertionError".into()), Expr::Vec(args)]);
                let raise = self.raise(err, s.span);
                out.push(Stmt::If { cond, then: Block::new(vec![raise]), els: None });
            }
        }
    }

    fn label(&mut self, kind: &str) -> String {
        self.next_label += 1;
        format!("'{kind}{}", self.next_label)
    }

    /// A loop with an `else`: `'label: { loop; else-body }`, and `break` leaves the block.
    /// The body of a loop without `else` or `try`.
    fn loop_body(&mut self, body: &[ast::Stmt]) -> Block {
        self.loops.push(LoopCtx { else_label: None, label: None, continue_label: None, tries_depth: self.tries.len() });
        let b = self.block(body);
        self.loops.pop();
        b
    }

    fn with_else(&mut self, lp: Stmt, label: Option<String>, orelse: &[ast::Stmt], out: &mut Vec<Stmt>) {
        match label {
            None => out.push(lp),
            Some(label) => {
                let mut body = vec![lp];
                body.extend(self.block(orelse).stmts);
                out.push(Stmt::Labeled { label, body: Block::new(body) });
            }
        }
    }

    fn current_func(&self) -> FuncId {
        let idx = self.res.funcs.iter().position(|f| f.scope == self.scope).unwrap_or(0);
        FuncId(idx as u32)
    }

    /// The pattern of a `for` whose target variables are loop-only, over items of type `elem`
    /// (a tuple target only over tuples of as many items: anything else is unpacked at run time).
    fn loop_pattern(&self, target: &ast::Expr, elem: &Ty) -> Option<Pat> {
        match (&target.kind, elem) {
            (ExprKind::Name(_), _) if self.is_machine_var(target) && *elem != Ty::I64 => None,
            (ExprKind::Name(n), _) => match self.res.names.get(&target.id) {
                Some(Binding::Var(scope, _)) if self.storage.get(&(*scope, n.clone())) == Some(&Storage::LoopOnly) || self.is_comp_scope(*scope) => {
                    Some(if n == "_" { Pat::Wild } else { Pat::Ident(rust_ident(n)) })
                }
                _ => None,
            },
            (ExprKind::Tuple(elts), Ty::Tuple(ts)) if elts.len() == ts.len() => elts.iter().zip(ts).map(|(e, t)| self.loop_pattern(e, t)).collect::<Option<Vec<_>>>().map(Pat::Tuple),
            _ => None,
        }
    }

    fn is_comp_scope(&self, scope: ScopeId) -> bool {
        self.res.comps.values().any(|&c| c == scope)
    }

    /// Assigns an owned value of type `vty` to the variable `name` of `scope`.
    fn bind_name(&mut self, scope: ScopeId, name: &str, value: Expr, vty: &Ty, span: Span, out: &mut Vec<Stmt>) {
        let var_ty = self.var_storage_ty(scope, name);
        let value = match var_ty {
            Ty::I64 => self.into_machine(value, vty, span),
            // A fresh generator object, owned by the variable (`owned_gens.rs`).
            Ty::OwnedGen(_) => value.method("into_owned", vec![]),
            _ => self.coerce(value, vty, &var_ty, span),
        };
        let storage = self.storage.get(&(scope, name.to_string())).cloned().unwrap_or(Storage::Local);
        let rname = rust_ident(name);
        match storage {
            // A loop-only or comprehension variable is declared by its loop's pattern, or, when
            // its target is unpacked at run time, here, for each item.
            Storage::LoopOnly => out.push(Stmt::Let { name: rname, ty: None, init: Some(value), mutable: true, optional: false }),
            Storage::Local if self.is_comp_scope(scope) => out.push(Stmt::Let { name: rname, ty: None, init: Some(value), mutable: true, optional: false }),
            Storage::Local => out.push(Stmt::Assign { place: Expr::Var(rname), value }),
            Storage::MaybeUnbound => out.push(Stmt::Assign { place: Expr::Var(rname), value: Expr::call("Some", vec![value]) }),
            Storage::Static => {
                let set = Expr::call("global_set", vec![Expr::Path(static_name(name)).reference(), value]);
                out.push(Stmt::Expr(set));
            }
            Storage::Cell => out.push(Stmt::Expr(Expr::Var(rname).method("set", vec![value]))),
            Storage::OneShot => out.push(Stmt::Let { name: rname, ty: None, init: Some(unshared_iter(value)), mutable: true, optional: false }),
        }
    }

    /// Assigns an owned value of type `vty` to a target.
    fn bind(&mut self, target: &ast::Expr, value: Expr, vty: &Ty, out: &mut Vec<Stmt>) {
        match &target.kind {
            ExprKind::Name(name) => {
                let Some(Binding::Var(scope, _)) = self.res.names.get(&target.id).cloned() else {
                    self.unsupported(target.span, "assigning to this name", "it names a function or module");
                    return;
                };
                self.bind_name(scope, name, value, vty, target.span, out);
            }
            ExprKind::Tuple(elts) if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred(_))) => {
                // `a, *rest, b = seq`.
                let star = elts.iter().position(|x| matches!(x.kind, ExprKind::Starred(_))).unwrap_or(0);
                if elts.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count() > 1 {
                    self.diags.push(Diagnostic::syntax(target.span, "multiple starred expressions in assignment"));
                    return;
                }
                let (elem, items_expr) = match vty {
                    Ty::List(t) => ((**t).clone(), value.method("iter", vec![])),
                    Ty::Str => (Ty::Str, value.method("iter", vec![])),
                    Ty::Obj(_) | Ty::Gen(_) | Ty::Iter(_) | Ty::Dyn | Ty::Dict(..) | Ty::Set(_) | Ty::File => {
                        // Iterating may raise: all items first (the starred target takes the rest).
                        let elem = self.elem_of(vty);
                        let Some(it) = self.value_results(value, vty, target.span) else { return };
                        (elem, self.attempt(Expr::call("try_collect", vec![it]), target.span))
                    }
                    _ => {
                        self.unsupported(target.span, format!("starred unpacking of {}", vty.python_name()), "only lists and strings yet");
                        return;
                    }
                };
                let (fixed, middle) = (self.tmp("fixed"), self.tmp("rest"));
                let call = Expr::call("unpack_ex", vec![items_expr, Expr::RawInt(star as i64), Expr::RawInt((elts.len() - star - 1) as i64)]);
                let call = self.attempt(call, target.span);
                out.push(Stmt::LetPat { pat: Pat::Tuple(vec![Pat::Ident(fixed.clone()), Pat::Ident(middle.clone())]), value: call });
                let mut k = 0;
                for x in elts {
                    match &x.kind {
                        ExprKind::Starred(inner) => {
                            let lt = Ty::List(Box::new(elem.clone()));
                            self.bind(inner, Expr::Var(middle.clone()), &lt, out);
                        }
                        _ => {
                            let item = Expr::Index(Box::new(Expr::Var(fixed.clone())), k).method("clone", vec![]);
                            self.bind(x, item, &elem, out);
                            k += 1;
                        }
                    }
                }
            }
            ExprKind::Tuple(elts) if *vty == Ty::Dyn => {
                // Whatever the value is, as many items as targets (or CPython's error).
                let items = self.tmp("items");
                let v = self.attempt(Expr::call("unpack_value", vec![value.reference(), Expr::RawInt(elts.len() as i64)]), target.span);
                out.push(Stmt::Let { name: items.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                for (i, e) in elts.iter().enumerate() {
                    let item = Expr::Index(Box::new(Expr::Var(items.clone())), i).method("clone", vec![]);
                    self.bind(e, item, &Ty::Dyn, out);
                }
            }
            ExprKind::Tuple(elts) if matches!(vty, Ty::List(_) | Ty::Str) => {
                // A sequence of unknown length: exactly as many items as targets, or ValueError.
                let elem = match vty {
                    Ty::List(t) => (**t).clone(),
                    _ => Ty::Str,
                };
                let items = self.tmp("items");
                let v = self.attempt(Expr::call("unpack", vec![value.method("iter", vec![]), Expr::RawInt(elts.len() as i64)]), target.span);
                out.push(Stmt::Let { name: items.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                for (i, e) in elts.iter().enumerate() {
                    let item = Expr::Index(Box::new(Expr::Var(items.clone())), i).method("clone", vec![]);
                    self.bind(e, item, &elem, out);
                }
            }
            ExprKind::Tuple(elts) if matches!(vty, Ty::Obj(_) | Ty::Gen(_) | Ty::Iter(_) | Ty::Dyn | Ty::Dict(..) | Ty::Set(_) | Ty::File) => {
                // An iterable whose iteration may raise: pulled as CPython pulls it (one item
                // more than the targets, to check there is none).
                let elem = self.elem_of(vty);
                let Some(it) = self.value_results(value, vty, target.span) else { return };
                let items = self.tmp("items");
                let v = self.attempt(Expr::call("try_unpack", vec![it, Expr::RawInt(elts.len() as i64)]), target.span);
                out.push(Stmt::Let { name: items.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                for (i, e) in elts.iter().enumerate() {
                    let item = Expr::Index(Box::new(Expr::Var(items.clone())), i).method("clone", vec![]);
                    self.bind(e, item, &elem, out);
                }
            }
            ExprKind::Tuple(elts) => {
                let Ty::Tuple(parts) = vty else {
                    self.unsupported(target.span, format!("unpacking a value of type {}", vty.python_name()), "only tuples, lists and strings can be unpacked yet");
                    return;
                };
                if parts.len() != elts.len() {
                    self.unsupported(target.span, "unpacking a tuple of another length", "this would raise ValueError");
                    return;
                }
                let names: Vec<String> = (0..elts.len()).map(|_| self.tmp("part")).collect();
                out.push(Stmt::LetPat { pat: Pat::Tuple(names.iter().cloned().map(Pat::Ident).collect()), value });
                for ((e, n), t) in elts.iter().zip(names).zip(parts) {
                    self.bind(e, Expr::Var(n), t, out);
                }
            }
            ExprKind::Attribute { value: owner, attr } => match self.ty(owner) {
                Ty::Exc => {
                    let v = self.coerce(value, vty, &Ty::Dyn, target.span);
                    let tmp = self.tmp("value");
                    out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                    let recv = self.place(owner);
                    out.push(Stmt::Expr(recv.method("set_attr", vec![Expr::StrLit(attr.clone()), Expr::Var(tmp)])));
                }
                Ty::Obj(root) => self.instance_attr_store(target, owner, root, attr, value, vty, target.span, out),
                Ty::Class(c) if self.is_class_name(owner) => self.class_attr_store(c, attr, value, vty, target.span, out),
                Ty::Class(c) => self.class_attr_store_of_tag(owner, c, attr, value, vty, target.span, out),
                t => {
                    self.unsupported(target.span, format!("setting an attribute of {}", t.python_name()), "not supported");
                }
            },
            ExprKind::Subscript { value: container, index } => {
                let cty = self.ty(container);
                match &cty {
                    Ty::Dict(kt, vt) => {
                        let (kt, vt) = ((**kt).clone(), (**vt).clone());
                        let v = self.coerce(value, vty, &vt, target.span);
                        let tmp = self.tmp("value");
                        out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                        let recv = self.place(container);
                        let k = self.expr_as(index, &kt);
                        out.push(Stmt::Expr(self.attempt(recv.method("setitem", vec![k, Expr::Var(tmp)]), target.span)));
                    }
                    Ty::List(elem) if matches!(index.kind, ExprKind::Slice { .. }) => {
                        let ExprKind::Slice { lower, upper, step } = &index.kind else { return };
                        let items = match vty {
                            Ty::List(from) if from == elem => value.method("to_vec", vec![]),
                            _ => {
                                self.unsupported(target.span, format!("assigning {} to a slice", vty.python_name()), "only a list of the same element type yet");
                                return;
                            }
                        };
                        let tmp = self.tmp("items");
                        out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(items), mutable: false, optional: false });
                        let recv = self.place(container);
                        let mut args = self.slice_bounds(lower, upper, step);
                        args.push(Expr::Var(tmp));
                        out.push(Stmt::Expr(self.attempt(recv.method("set_slice", args), target.span)));
                    }
                    Ty::List(elem) => {
                        let elem = (**elem).clone();
                        // Python evaluates the value before the target's index.
                        let v = self.coerce(value, vty, &elem, target.span);
                        let tmp = self.tmp("value");
                        out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                        let recv = self.place(container);
                        let idx = self.expr_as(index, &Ty::Int);
                        let call = recv.method("setitem", vec![idx.reference(), Expr::Var(tmp)]);
                        out.push(Stmt::Expr(self.attempt(call, target.span)));
                    }
                    Ty::Obj(root) if !self.method_impls(*root, "__setitem__").is_empty() => {
                        // `obj[i] = v`: `obj.__setitem__(i, v)`, the value evaluated first.
                        let root = *root;
                        let tmp = self.tmp("value");
                        out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(value), mutable: false, optional: false });
                        let recv = self.expr(container);
                        let ity = self.ty(index);
                        let idx = self.expr(index);
                        let call = self.call_method_values(target.span, root, "__setitem__", recv, vec![(idx, ity), (Expr::Var(tmp), vty.clone())]);
                        out.push(Stmt::Expr(call));
                    }
                    _ => {
                        self.unsupported(target.span, format!("item assignment on {}", cty.python_name()), "only list items can be assigned yet");
                    }
                }
            }
            _ => {
                self.unsupported(target.span, "this assignment target", "not supported yet");
            }
        }
    }

    fn aug_assign(&mut self, s: &ast::Stmt, target: &ast::Expr, op: ast::BinOp, value: &ast::Expr, out: &mut Vec<Stmt>) {
        let tty = self.ty(target);
        let vty = self.ty(value);
        if matches!(tty, Ty::Opt(_)) || matches!(vty, Ty::Opt(_)) {
            if self.optional_aug_assign(s, target, op, value, out) {
                return;
            }
        }
        let (imp, result) = binop_rule(op, &tty, &vty, crate::infer::is_nonneg_int_literal(value));
        // `xs += ys`, `xs *= n` change the list in place: aliases see it (and writing the same
        // list back, as Python does, changes nothing more).
        if matches!(imp, BinImpl::ListConcat | BinImpl::ListRepeat { left_is_list: true }) && matches!(target.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
            let list = match &target.kind {
                ExprKind::Name(_) => self.place(target).reference(),
                _ => self.expr(target),
            };
            let tmp = self.tmp("list");
            out.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(list), mutable: false, optional: false });
            if imp == BinImpl::ListConcat {
                let r = self.expr(value);
                out.push(Stmt::Expr(Expr::Var(tmp).method("iadd", vec![r.reference()])));
            } else {
                let n = self.expr_as(value, &Ty::Int);
                out.push(Stmt::Expr(self.attempt(Expr::Var(tmp).method("irepeat", vec![n.reference()]), s.span)));
            }
            return;
        }
        if let (ExprKind::Name(_), Some((v, t))) = (&target.kind, self.obj_binop(s.span, op, target, value, true)) {
            self.bind(target, v, &t, out);
            return;
        }
        if let (ExprKind::Name(name), true, Ty::Int, Ty::Int) = (&target.kind, self.is_machine_var(target), &tty, &vty) {
            // `x op= v` on a machine word, when it cannot overflow or raise.
            if let (Some(l), Some(r)) = (self.machine(target), self.machine(value)) {
                if let Some(v) = self.machine_binary(op, l, self.range_of(target), r, self.range_of(value)) {
                    out.push(Stmt::Assign { place: Expr::Var(rust_ident(name)), value: v });
                    return;
                }
            }
        }
        match &target.kind {
            ExprKind::Name(name) => {
                let local = !self.is_machine_var(target) && matches!(self.res.names.get(&target.id), Some(Binding::Var(sc, _)) if self.storage.get(&(*sc, name.clone())) == Some(&Storage::Local));
                // In-place Rust operators where they mean the same as Python's.
                let compound = match (imp, op) {
                    (BinImpl::IntOp, ast::BinOp::Add) if tty == Ty::Int && vty == Ty::Int => Some(RB::Add),
                    (BinImpl::IntOp, ast::BinOp::Sub) if tty == Ty::Int && vty == Ty::Int => Some(RB::Sub),
                    (BinImpl::IntOp, ast::BinOp::Mul) if tty == Ty::Int && vty == Ty::Int => Some(RB::Mul),
                    (BinImpl::FloatOp, ast::BinOp::Add) if tty == Ty::Float && vty == Ty::Float => Some(RB::Add),
                    (BinImpl::FloatOp, ast::BinOp::Sub) if tty == Ty::Float && vty == Ty::Float => Some(RB::Sub),
                    (BinImpl::FloatOp, ast::BinOp::Mul) if tty == Ty::Float && vty == Ty::Float => Some(RB::Mul),
                    _ => None,
                };
                if let (true, Some(op)) = (local, compound) {
                    let v = self.expr(value);
                    let v = match small_literal(&v) {
                        Some(n) if tty == Ty::Int => Expr::RawInt(n),
                        _ if tty == Ty::Int => int_operand(v),
                        _ => v,
                    };
                    out.push(Stmt::CompoundAssign { place: Expr::Var(rust_ident(name)), op, value: v });
                    return;
                }
                if imp == BinImpl::ListConcat {
                    // `xs += ys` extends the list in place (aliases see it).
                    let recv = self.place(target);
                    let v = self.expr(value);
                    out.push(Stmt::Expr(recv.method("iadd", vec![v.reference()])));
                    return;
                }
                let usual = |me: &mut Self, out: &mut Vec<Stmt>| {
                    let l = me.expr(target);
                    let r = me.expr(value);
                    let v = me.aug_binop_impl(imp, op, l, &tty, r, &vty, &result, s.span);
                    me.bind(target, v, &result, out);
                };
                // (`usual` borrows only: a copy is passed.)
                if let (BinImpl::Dyn, true, Some(stmt)) = (imp, local, self.dyn_int_aug_assign(target, op, value, usual)) {
                    out.push(stmt);
                    return;
                }
                usual(self, out)
            }
            ExprKind::Attribute { value: owner, .. } if matches!(owner.kind, ExprKind::Name(_)) => {
                // `obj.n += 1`: read, compute, write back (the owner is a plain name, so
                // evaluating it twice is harmless).
                if self.is_small_attr(target) {
                    // A machine-word attribute, when the result provably fits.
                    if let (Some(l), Some(r)) = (self.machine(target), self.machine(value)) {
                        if let Some(v) = self.machine_binary(op, l, self.range_of(target), r, self.range_of(value)) {
                            self.bind(target, Expr::call("Int::Small", vec![v]), &Ty::Int, out);
                            return;
                        }
                    }
                }
                let l = self.expr(target);
                let r = self.expr(value);
                let v = self.aug_binop_impl(imp, op, l, &tty, r, &vty, &result, s.span);
                self.bind(target, v, &result, out);
            }
            ExprKind::Subscript { value: container, index } if matches!(self.ty(container), Ty::Dyn | Ty::Dict(..)) => {
                // `d[k] op= v`: the container and the key are evaluated once.
                let ct = self.ty(container);
                let kt = match &ct {
                    Ty::Dict(k, _) => (**k).clone(),
                    _ => Ty::Dyn,
                };
                let et = match &ct {
                    Ty::Dict(_, v) => (**v).clone(),
                    _ => Ty::Dyn,
                };
                let c = self.tmp("container");
                let cv = self.expr(container);
                out.push(Stmt::Let { name: c.clone(), ty: None, init: Some(cv), mutable: false, optional: false });
                let k = self.tmp("key");
                let kv = self.expr_as(index, &kt);
                out.push(Stmt::Let { name: k.clone(), ty: None, init: Some(kv), mutable: false, optional: false });
                let cur = self.attempt(Expr::Var(c.clone()).method("getitem", vec![Expr::Var(k.clone()).reference()]), target.span);
                let r = self.expr(value);
                let v = self.aug_binop_impl(imp, op, cur, &tty, r, &vty, &result, s.span);
                let v = self.coerce(v, &result, &et, s.span);
                // The new value first: it reads the item under the key that `setitem` takes.
                let new = self.tmp("value");
                out.push(Stmt::Let { name: new.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                let key = if ct == Ty::Dyn { Expr::Var(k).reference() } else { Expr::Var(k) };
                let set = Expr::Var(c).method("setitem", vec![key, Expr::Var(new)]);
                out.push(Stmt::Expr(self.attempt(set, s.span)));
            }
            ExprKind::Subscript { value: container, index } => {
                let Ty::List(_) = self.ty(container) else {
                    self.unsupported(target.span, "augmented item assignment on this type", "only lists yet");
                    return;
                };
                // The list and the index are evaluated once. A plain local variable is used in
                // place (borrowed, not cloned): nothing in the value can rebind it.
                let c = match self.place(container) {
                    Expr::Var(v) => v,
                    _ => {
                        let c = self.tmp("list");
                        let cv = self.expr(container);
                        out.push(Stmt::Let { name: c.clone(), ty: None, init: Some(cv), mutable: false, optional: false });
                        c
                    }
                };
                let i = match (self.ty(index), &index.kind) {
                    (Ty::Int, ExprKind::Int(_)) => self.value(index),
                    (Ty::Int, ExprKind::Name(_)) if matches!(self.place(index), Expr::Var(_)) => self.place(index),
                    _ => {
                        let i = self.tmp("index");
                        let iv = self.expr_as(index, &Ty::Int);
                        out.push(Stmt::Let { name: i.clone(), ty: None, init: Some(iv), mutable: false, optional: false });
                        Expr::Var(i)
                    }
                };
                let cur = self.attempt(Expr::Var(c.clone()).method("getitem", vec![i.clone().reference()]), target.span);
                let r = self.expr(value);
                let v = self.aug_binop_impl(imp, op, cur, &tty, r, &vty, &result, s.span);
                let Ty::List(elem) = self.ty(container) else { return };
                let v = self.coerce(v, &result, &elem, s.span);
                let set = Expr::Var(c).method("setitem", vec![i.reference(), v]);
                out.push(Stmt::Expr(self.attempt(set, s.span)));
            }
            _ => {
                self.unsupported(target.span, "this augmented assignment target", "not supported yet");
            }
        }
    }

    /// `target op= value` with an operand that may be `None` (`Ty::Opt`; inference allows it for
    /// a name or an attribute of a name as the target). Whether it was lowered.
    fn optional_aug_assign(&mut self, s: &ast::Stmt, target: &ast::Expr, op: ast::BinOp, value: &ast::Expr, out: &mut Vec<Stmt>) -> bool {
        let (tty, vty) = (self.ty(target), self.ty(value));
        let nonneg = crate::infer::is_nonneg_int_literal(value);
        let Some((ul, ur)) = binop_on_optional(op, &tty, &vty, nonneg) else { return false };
        if let ExprKind::Name(name) = &target.kind {
            // `total += value`: Rust's in-place operator on a plain local of the same type.
            let local = matches!(self.res.names.get(&target.id), Some(Binding::Var(sc, _)) if self.storage.get(&(*sc, name.clone())) == Some(&Storage::Local));
            let (imp, _) = binop_rule(op, &ul, &ur, nonneg);
            let compound = match (imp, op) {
                (BinImpl::IntOp | BinImpl::FloatOp, ast::BinOp::Add) => Some(RB::Add),
                (BinImpl::IntOp | BinImpl::FloatOp, ast::BinOp::Sub) => Some(RB::Sub),
                (BinImpl::IntOp | BinImpl::FloatOp, ast::BinOp::Mul) => Some(RB::Mul),
                _ => None,
            };
            if let (true, Some(rop), false) = (local, compound, matches!(tty, Ty::Opt(_))) {
                if tty == ur && ul == ur {
                    let mut lets = Vec::new();
                    let v = self.evaluated(value, &mut lets);
                    let (_, v) = self.unwrap_optional(op, true, (Expr::Var(rust_ident(name)), &tty), (v, &vty), s.span);
                    let v = if ur == Ty::Int { int_operand(v) } else { v };
                    out.extend(lets);
                    out.push(Stmt::CompoundAssign { place: Expr::Var(rust_ident(name)), op: rop, value: v });
                    return true;
                }
            }
        } else if !matches!(&target.kind, ExprKind::Attribute { value: owner, .. } if matches!(owner.kind, ExprKind::Name(_))) {
            return false;
        }
        let Some((v, t)) = self.optional_binop(op, target, value, true, s.span) else { return false };
        self.bind(target, v, &t, out);
        true
    }

    /// `sys.exit(...)` as a statement: the `SystemExit` to raise.
    fn sys_exit(&mut self, e: &ast::Expr) -> Option<Expr> {
        let ExprKind::Call { func, args, .. } = &e.kind else { return None };
        let ExprKind::Attribute { value, attr } = &func.kind else { return None };
        if attr != "exit" || !matches!(self.res.names.get(&value.id), Some(Binding::Module(m)) if m == "sys") {
            return None;
        }
        let code = match args.first() {
            Some(a) => {
                let v = self.expr(a);
                self.coerce(v, &self.ty(a), &Ty::Dyn, a.span)
            }
            None => Expr::Path("Value::None".into()),
        };
        Some(Expr::call("sys_exit", vec![code]))
    }

    /// The `PyErr` a `raise` raises: a class (`raise ValueError`), an instance, or the exception
    /// being handled (bare `raise`).
    fn exception_value(&mut self, exc: Option<&ast::Expr>, span: Span) -> Option<Expr> {
        let Some(exc) = exc else {
            return Some(match self.caught.last() {
                Some(c) => Expr::Var(c.clone()).method("clone", vec![]),
                None => Expr::call("PyErr::runtime_error", vec![Expr::StrLit("No active exception to reraise".into())]),
            });
        };
        if let Some(Binding::Class(c)) = self.res.names.get(&exc.id).cloned() {
            if self.res.is_exception_class(c) {
                return Some(self.construct_exception(exc.span, c, &[], &[]));
            }
        }
        if let Some(class) = self.exc_type_expr(exc) {
            return Some(Expr::call("PyErr::with_args", vec![class, Expr::Vec(vec![])]));
        }
        match self.ty(exc) {
            Ty::Exc => Some(self.expr(exc)),
            other => {
                self.unsupported(span, format!("raising a value of type {}", other.python_name()), "only exception classes and instances can be raised");
                None
            }
        }
    }

    /// Whether a raised expression makes a new exception (a class, or a call of one), which
    /// CPython chains to the one being handled; re-raising a caught one does not.
    fn is_new_exception(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            ExprKind::Call { func, .. } => self.exc_type_expr(func).is_some(),
            _ => self.exc_type_expr(e).is_some(),
        }
    }

    /// `ValueError` in `raise ValueError` or `except ValueError`: the runtime's class,
    /// `Exc::ValueError` for a builtin or `&EXC_NOTFOUND` for a user exception class.
    fn exc_type_expr(&self, e: &ast::Expr) -> Option<Expr> {
        match (&e.kind, self.res.names.get(&e.id)) {
            (ExprKind::Name(n), Some(Binding::Builtin(_))) => exception_class(n).map(|c| Expr::Path(format!("Exc::{c}"))),
            (_, Some(Binding::Class(c))) if self.res.is_exception_class(*c) => Some(Expr::Path(self.exc_static(*c)).reference()),
            _ => None,
        }
    }

    /// `try`/`except`/`else`/`finally`:
    ///
    /// ```text
    /// let completion: Completion<R> = 'fin: {          // only with a `finally`
    ///     let outcome: PyResult<()> = 'try: { body; Ok(()) };   // errors: break 'try Err(e)
    ///     match outcome { Ok(()) => else-body, Err(caught) => if caught.is_instance(..) { .. } else { propagate } }
    ///     Completion::Normal
    /// };
    /// finally-body;
    /// match completion { Completion::Return(v) => return .., Completion::Raise(e) => propagate, .. }
    /// ```
    /// `del name` (`NameError`/`UnboundLocalError` when it is not bound); `None` for a variable
    /// whose storage cannot be unbound (a cell shared with nested functions, a loop variable).
    fn unbind(&mut self, scope: ScopeId, name: &str, span: Span) -> Option<Stmt> {
        let call = match self.storage.get(&(scope, name.to_string())).cloned().unwrap_or(Storage::Local) {
            Storage::MaybeUnbound => Expr::call("del_local", vec![Expr::RefMut(Box::new(Expr::Var(rust_ident(name)))), Expr::StrLit(name.to_string()), Expr::Bool(scope == MODULE_SCOPE)]),
            Storage::Static => Expr::call("global_del", vec![Expr::Path(static_name(name)).reference(), Expr::StrLit(name.to_string())]),
            _ => return None,
        };
        Some(Stmt::Expr(self.attempt(call, span)))
    }

    fn try_stmt(&mut self, body: &[ast::Stmt], handlers: &[ast::Handler], orelse: &[ast::Stmt], finalbody: &[ast::Stmt], out: &mut Vec<Stmt>) {
        self.try_parts(&mut |l: &mut Self, out: &mut Vec<Stmt>| out.extend(l.block(body).stmts), handlers, orelse, finalbody, out)
    }

    /// A `try` statement whose protected body `body` emits (a resumed generator's
    /// continuation, or the statements of the body).
    fn try_parts(&mut self, body: &mut dyn FnMut(&mut Self, &mut Vec<Stmt>), handlers: &[ast::Handler], orelse: &[ast::Stmt], finalbody: &[ast::Stmt], out: &mut Vec<Stmt>) {
        let fin_label = (!finalbody.is_empty()).then(|| self.label("finally"));
        if let Some(l) = &fin_label {
            self.tries.push(TryCtx { label: l.clone(), finally: true });
        }
        let mut inner = Vec::new();
        if handlers.is_empty() {
            body(self, &mut inner);
            inner.extend(self.block(orelse).stmts);
        } else {
            let try_label = self.label("try");
            self.tries.push(TryCtx { label: try_label.clone(), finally: false });
            let mut protected = Block::default();
            body(self, &mut protected.stmts);
            self.tries.pop();
            let outcome = self.tmp("outcome");
            // `Ok::<(), PyErr>`: the body may have no fallible operation to tell rustc the type.
            let block = Block { stmts: protected.stmts, tail: Some(Box::new(Expr::call("Ok::<(), PyErr>", vec![Expr::Unit]))) };
            inner.push(Stmt::Let {
                name: outcome.clone(),
                ty: None,
                init: Some(Expr::LabeledBlock(try_label, block)),
                mutable: false,
                optional: false,
            });
            let caught = self.tmp("caught");
            // Handlers, innermost-first chain of `if caught.is_instance(..) { .. } else ..`.
            self.caught.push(caught.clone());
            let mut chain: Option<Block> = Some(Block::new(vec![self.propagate(Expr::Var(caught.clone()))]));
            for h in handlers.iter().rev() {
                let mut hb = Vec::new();
                if let Some(name) = &h.name {
                    let scope = self.scope;
                    self.bind_name(scope, name, Expr::Var(caught.clone()).method("clone", vec![]), &Ty::Exc, h.span, &mut hb);
                }
                hb.extend(self.block(&h.body).stmts);
                if let (Some(name), false) = (&h.name, ends_flow(&h.body)) {
                    // As CPython, `except E as e` unbinds `e` when the handler ends (where it
                    // can be seen: see `assign_storage`).
                    let scope = self.scope;
                    hb.extend(self.unbind(scope, name, h.span));
                }
                let test = match &h.typ {
                    None => None,
                    Some(t) => match self.exception_test(t, &caught) {
                        Some(c) => Some(c),
                        None => return,
                    },
                };
                chain = Some(match test {
                    None => Block::new(hb),
                    Some(cond) => Block::new(vec![Stmt::If { cond, then: Block::new(hb), els: chain }]),
                });
            }
            self.caught.pop();
            let handled = chain.unwrap_or_default();
            let ok = self.block(orelse);
            inner.push(Stmt::Match {
                value: Expr::Var(outcome),
                arms: vec![
                    (Pat::Variant("Ok".into(), vec![Pat::Tuple(vec![])]), ok),
                    (Pat::Variant("Err".into(), vec![Pat::Ident(caught)]), handled),
                ],
            });
        }
        let Some(fin_label) = fin_label else {
            out.extend(inner);
            return;
        };
        self.tries.pop();
        let completion = self.bind_completion(fin_label, inner, out);
        // A generator paused in the `finally` keeps the pending completion in its state.
        self.pending.push(completion.clone());
        out.extend(self.block(finalbody).stmts);
        self.pending.pop();
        out.push(self.resume(completion, Vec::new(), None));
    }

    /// `let completion = 'label: { inner; Completion::Normal };` (the protected part of a
    /// `try`/`finally` or `with`, already lowered with `label` on the `tries` stack).
    fn bind_completion(&mut self, label: String, inner: Vec<Stmt>, out: &mut Vec<Stmt>) -> String {
        let completion = self.tmp("completion");
        out.push(Stmt::Let {
            name: completion.clone(),
            ty: None,
            init: Some(Expr::LabeledBlock(label, Block::with_tail(inner, Expr::CompletionNormal(self.ret_ty.clone())))),
            mutable: false,
            optional: false,
        });
        completion
    }

    /// Continues where a protected block's completion was going, after running `cleanup`
    /// (a `with`'s exit) on every path; `on_raise` replaces the default re-raise.
    fn resume(&mut self, completion: String, cleanup: Vec<Stmt>, on_raise: Option<(String, Block)>) -> Stmt {
        let then = |s: &Self, last: Option<Stmt>| {
            let mut b = cleanup.clone();
            b.extend(last);
            let _ = s;
            Block::new(b)
        };
        let value = self.tmp("value");
        let ret = self.return_stmt(Expr::Var(value.clone()));
        let raise_arm = match on_raise {
            Some((err, block)) => (Pat::Variant("Completion::Raise".into(), vec![Pat::Ident(err)]), block),
            None => {
                let err = self.tmp("err");
                let raise = self.propagate(Expr::Var(err.clone()));
                (Pat::Variant("Completion::Raise".into(), vec![Pat::Ident(err)]), then(self, Some(raise)))
            }
        };
        let mut arms = vec![
            (Pat::Variant("Completion::Normal".into(), vec![]), then(self, None)),
            (Pat::Variant("Completion::Return".into(), vec![Pat::Ident(value)]), then(self, Some(ret))),
            raise_arm,
        ];
        if self.loops.is_empty() {
            // `break`/`continue` cannot leave a `try` outside a loop.
            arms.push((Pat::Wild, Block::default()));
        } else {
            let (brk, cont) = (self.loop_exit(true), self.loop_exit(false));
            arms.push((Pat::Variant("Completion::Break".into(), vec![]), then(self, Some(brk))));
            arms.push((Pat::Variant("Completion::Continue".into(), vec![]), then(self, Some(cont))));
        }
        Stmt::Match { value: Expr::Var(completion), arms }
    }

    /// `with mgr as var: body`: `__enter__`, then the body as in a `try`/`finally` whose
    /// completion is resumed after `__exit__` runs; an exception goes to `__exit__`, which may
    /// suppress it by returning something true.
    fn with_stmt(&mut self, items: &[(ast::Expr, Option<ast::Expr>)], body: &[ast::Stmt], out: &mut Vec<Stmt>) {
        let Some(((mgr_expr, var), rest)) = items.split_first() else {
            out.extend(self.block(body).stmts);
            return;
        };
        let Some((kind, mgr)) = self.enter_with(mgr_expr, var.as_ref(), out) else { return };
        self.managers.push(mgr.clone());
        let mut inner = |l: &mut Self, out: &mut Vec<Stmt>| {
            if rest.is_empty() {
                l.stmts_into(body, out);
            } else {
                l.with_stmt(rest, body, out);
            }
        };
        self.exit_with(kind, &mgr, mgr_expr.span, &mut inner, out);
        self.managers.pop();
    }

    /// Evaluates a `with` item's manager into a variable and enters it (binding `as var`):
    /// the manager's kind and variable.
    fn enter_with(&mut self, mgr_expr: &ast::Expr, var: Option<&ast::Expr>, out: &mut Vec<Stmt>) -> Option<(WithKind, String)> {
        let span = mgr_expr.span;
        let kind = match self.ty(mgr_expr) {
            Ty::File => WithKind::File,
            Ty::Obj(root) => WithKind::Obj(root),
            t => {
                self.unsupported(span, format!("`with` over {}", t.python_name()), "only files and instances of classes with __enter__/__exit__ are supported yet");
                return None;
            }
        };
        let mgr = self.tmp(if kind == WithKind::File { "file" } else { "manager" });
        let m = self.expr(mgr_expr);
        out.push(Stmt::Let { name: mgr.clone(), ty: None, init: Some(m), mutable: false, optional: false });
        let (entered, et) = match kind {
            WithKind::File => (self.attempt(Expr::Var(mgr.clone()).method("enter", vec![]), span), Ty::File),
            WithKind::Obj(root) => {
                let e = self.call_method_values(span, root, "__enter__", Expr::Var(mgr.clone()).method("clone", vec![]), vec![]);
                (e, self.exit_enter_ty(root, "__enter__"))
            }
        };
        match var {
            Some(v) => self.bind(v, entered, &et, out),
            None => out.push(Stmt::Expr(entered)),
        }
        Some((kind, mgr))
    }

    /// The body of a `with` (emitted by `body`) as in a `try`/`finally` whose completion is
    /// resumed after the manager's exit: a file is closed (an exception still propagates);
    /// `__exit__` gets the exception, and may suppress it by returning something true.
    fn exit_with(&mut self, kind: WithKind, mgr: &str, span: Span, body: &mut dyn FnMut(&mut Self, &mut Vec<Stmt>), out: &mut Vec<Stmt>) {
        let label = self.label("with");
        self.tries.push(TryCtx { label: label.clone(), finally: true });
        let mut inner = Vec::new();
        body(self, &mut inner);
        self.tries.pop();
        let completion = self.bind_completion(label, inner, out);
        let root = match kind {
            WithKind::File => {
                out.push(Stmt::Expr(self.attempt(Expr::Var(mgr.to_string()).method("close", vec![]), span)));
                out.push(self.resume(completion, Vec::new(), None));
                return;
            }
            WithKind::Obj(root) => root,
        };
        let recv = || Expr::Var(mgr.to_string()).method("clone", vec![]);
        let exit_ok = {
            let none = vec![(Expr::Unit, Ty::None), (Expr::Unit, Ty::None), (Expr::Unit, Ty::None)];
            Stmt::Expr(self.call_method_values(span, root, "__exit__", recv(), none))
        };
        let err = self.tmp("err");
        let exit_err = {
            let args = vec![
                (Expr::call("exc_class_value", vec![Expr::Var(err.clone()).reference()]), Ty::Dyn),
                (Expr::Var(err.clone()).method("clone", vec![]), Ty::Exc),
                (Expr::Unit, Ty::None),
            ];
            self.call_method_values(span, root, "__exit__", recv(), args)
        };
        let suppress = self.tmp("suppress");
        let raise_arm = Block::new(vec![
            Stmt::Let { name: suppress.clone(), ty: None, init: Some(exit_err), mutable: false, optional: false },
            Stmt::If { cond: Expr::call("truthy", vec![Expr::Var(suppress).reference()]).not(), then: Block::new(vec![self.propagate(Expr::Var(err.clone()))]), els: None },
        ]);
        out.push(self.resume(completion, vec![exit_ok], Some((err, raise_arm))));
    }

    /// The return type of a hierarchy's `__enter__`/`__exit__`.
    fn exit_enter_ty(&self, root: crate::resolve::ClassId, name: &str) -> Ty {
        let impls = self.method_impls(root, name);
        impls.first().map(|f| storable(&self.types.returns[f.0 as usize])).unwrap_or(Ty::Dyn)
    }

    /// `caught.is_instance(Exc::X)` for an `except` clause's class or tuple of classes.
    fn exception_test(&mut self, t: &ast::Expr, caught: &str) -> Option<Expr> {
        let classes: Vec<&ast::Expr> = match &t.kind {
            ExprKind::Tuple(elts) => elts.iter().collect(),
            _ => vec![t],
        };
        let mut test: Option<Expr> = None;
        for c in classes {
            let Some(class) = self.exc_type_expr(c) else {
                self.unsupported(c.span, "this `except` class", "only exception classes can be caught");
                return None;
            };
            let one = Expr::Var(caught.to_string()).method("is_instance", vec![class]);
            test = Some(match test {
                None => one,
                Some(prev) => Expr::binary(RB::Or, prev, one),
            });
        }
        test
    }

    // ----- expressions -------------------------------------------------------------------

    /// An owned value of the expression's type.
    fn expr(&mut self, e: &ast::Expr) -> Expr {
        if let Some(v) = self.base_view(e) {
            return v;
        }
        let t = self.ty(e);
        match &e.kind {
            ExprKind::Name(_) if self.is_machine_var(e) => self.place(e),
            ExprKind::Name(n) => {
                let place = self.place(e);
                // A cell's read is already an owned copy, and so is a variable of type `Opt`
                // read as a `Value`; a one-shot iterator is moved.
                let owned = matches!(self.res.names.get(&e.id), Some(Binding::Var(s, _)) if self.is_cell(*s, n) || self.storage.get(&(*s, n.clone())) == Some(&Storage::OneShot) || (*s == MODULE_SCOPE && self.module_consts.contains_key(n) && self.storage.get(&(*s, n.clone())) == Some(&Storage::Static)) || self.movable.contains(&(*s, n.clone())));
                if owned || self.optional_read_as_value(e).is_some() { place } else { clone_of(place, &t) }
            }
            _ => self.value(e),
        }
    }

    /// The expression converted to `to`.
    fn expr_as(&mut self, e: &ast::Expr, to: &Ty) -> Expr {
        let v = self.expr(e);
        self.coerce(v, &self.ty(e), to, e.span)
    }

    /// A borrowable place for the expression (a variable itself, without cloning), or an
    /// owned temporary.
    fn place(&mut self, e: &ast::Expr) -> Expr {
        if let Some(v) = self.base_view(e) {
            return v;
        }
        if let ExprKind::Name(name) = &e.kind {
            match self.res.names.get(&e.id).cloned() {
                Some(Binding::Var(scope, _)) => {
                    let storage = self.storage.get(&(scope, name.clone())).cloned().unwrap_or(Storage::Local);
                    let place = match storage {
                        Storage::Local | Storage::LoopOnly if self.is_machine_var(e) => Expr::call("Int::Small", vec![Expr::Var(rust_ident(name))]),
                        Storage::Local | Storage::LoopOnly | Storage::OneShot => Expr::Var(rust_ident(name)),
                        Storage::MaybeUnbound => {
                            let f = if scope == MODULE_SCOPE { "bound_global" } else { "bound_local" };
                            let read = Expr::call(f, vec![Expr::Var(rust_ident(name)).reference(), Expr::StrLit(name.clone())]);
                            // `*bound_local(&x, "x").at(..)?`: a place of type T, like `x` itself.
                            Expr::Deref(Box::new(self.attempt(read, e.span)))
                        }
                        Storage::Static if scope == MODULE_SCOPE && self.module_consts.contains_key(name) => {
                            let lit = self.module_consts[name];
                            self.value(lit)
                        }
                        Storage::Static => {
                            let read = Expr::call("global_get", vec![Expr::Path(static_name(name)).reference(), Expr::StrLit(name.clone())]);
                            self.attempt(read, e.span)
                        }
                        Storage::Cell => self.cell_read(scope, name, e.span),
                    };
                    return match self.optional_read_as_value(e) {
                        Some(var_ty) => {
                            let owned = if storage == Storage::Cell { place } else { clone_of(place, &var_ty) };
                            self.coerce(owned, &var_ty, &Ty::Dyn, e.span)
                        }
                        None => place,
                    };
                }
                _ => return self.value(e),
            }
        }
        self.value(e)
    }

    /// For a read of a variable of type `Opt` where the value is used as a `Value` (inference
    /// records such reads as `Dyn`, see `Ty::Opt`): the variable's type.
    fn optional_read_as_value(&self, e: &ast::Expr) -> Option<Ty> {
        let (ExprKind::Name(name), Some(Binding::Var(scope, _))) = (&e.kind, self.res.names.get(&e.id)) else { return None };
        let var_ty = self.types.var(*scope, name);
        (matches!(var_ty, Ty::Opt(_)) && !matches!(self.ty(e), Ty::Opt(_))).then_some(var_ty)
    }

    /// A reference to the expression's value (no clone for variables).
    fn reference(&mut self, e: &ast::Expr) -> Expr {
        self.place(e).reference()
    }

    fn value(&mut self, e: &ast::Expr) -> Expr {
        let t = self.ty(e);
        if t == Ty::Int && matches!(e.kind, ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. }) {
            if let Some(m) = self.machine(e) {
                return Expr::call("Int::Small", vec![m]);
            }
        }
        match &e.kind {
            ExprKind::Int(i) => match i.to_i64() {
                Some(n) => Expr::Int(n),
                None => Expr::BigInt(i.to_string()),
            },
            ExprKind::Float(f) => Expr::Float(*f),
            ExprKind::Str(s) => Expr::Str(s.clone()),
            ExprKind::Bool(b) => Expr::Bool(*b),
            ExprKind::None => Expr::Unit,
            ExprKind::Name(name) => match self.res.names.get(&e.id).cloned() {
                Some(Binding::Builtin(b)) if b == "__name__" => Expr::Str("__main__".into()),
                Some(Binding::Builtin(b)) => {
                    if is_python_builtin(&b) {
                        self.builtin_value(&b, e.span)
                    } else {
                        let err = self.name_error(name);
                        self.attempt(err, e.span)
                    }
                }
                Some(Binding::Func(f)) => self.func_value(f, e.span),
                Some(Binding::Class(_)) => self.unsupported(e.span, "classes as values", "a class can only be called or used for its attributes yet"),
                Some(Binding::Module(_)) => self.unsupported(e.span, "modules as values", "only attributes of modules can be used"),
                Some(Binding::Imported(m, n)) => self.module_constant(e, &m, &n),
                Some(Binding::Var(..)) | None => self.place(e),
            },
            ExprKind::BinOp { op, left, right } => {
                let (lt, rt) = (self.ty(left), self.ty(right));
                if let Some((v, _)) = self.optional_binop(*op, left, right, false, e.span) {
                    return v;
                }
                if let (Ty::Set(_), Ty::Set(_), Some(m)) = (&lt, &rt, crate::methods::set_operator(*op)) {
                    if lt == rt {
                        let l = self.place(left);
                        let r = self.reference(right);
                        return l.method(m, vec![r]);
                    }
                }
                if let Some((v, _)) = self.obj_binop(e.span, *op, left, right, false) {
                    return v;
                }
                if let Some(v) = self.dyn_int_binop(e) {
                    return v;
                }
                let (imp, result) = binop_rule(*op, &lt, &rt, crate::infer::is_nonneg_int_literal(right));
                let l = self.operand(left, imp);
                let r = self.operand(right, imp);
                let v = self.binop_impl(imp, *op, l, &lt, r, &rt, &result, e.span);
                if t == Ty::Never && result != Ty::Never {
                    // No value ever reaches here (an operand raises first, e.g. an attribute
                    // never assigned): evaluate it for that, as the `()` its type stands for.
                    return Expr::Block(Block::new(vec![Stmt::Let { name: "_".into(), ty: None, init: Some(v), mutable: false, optional: false }]));
                }
                v
            }
            ExprKind::UnaryOp { op, operand } => self.unary(e, *op, operand),
            ExprKind::BoolOp { op, values } => self.bool_op(*op, values, &t),
            ExprKind::Compare { left, ops } => self.compare(left, ops),
            ExprKind::IfExp { test, body, orelse } => {
                let c = self.cond(test);
                let a = self.expr_as(body, &t);
                let b = self.expr_as(orelse, &t);
                Expr::If(Box::new(c), Block::with_tail(vec![], a), Block::with_tail(vec![], b))
            }
            ExprKind::Lambda { .. } => match self.res.value_lambdas.get(&e.id) {
                Some(&f) => self.func_value(f, e.span),
                None => self.unsupported(e.span, "this lambda", "not supported here yet"),
            },
            ExprKind::List(elts) if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred(_))) => {
                // `[a, *xs, b]`: items and iterables' items, in order.
                let Ty::List(elem) = &t else { return Expr::Unit };
                let acc = self.tmp("items");
                let stmts = self.spread_items(elts, elem, &acc);
                Expr::TypedCall(t.clone(), "from_vec".into(), vec![Expr::Block(Block::with_tail(stmts, Expr::Var(acc)))])
            }
            ExprKind::List(elts) => {
                let Ty::List(elem) = &t else { return Expr::Unit };
                let items = elts.iter().map(|x| self.expr_as(x, elem)).collect();
                Expr::TypedCall(t.clone(), "from_vec".into(), vec![Expr::Vec(items)])
            }
            ExprKind::Tuple(elts) if elts.is_empty() => Expr::Path("EmptyTuple".into()),
            ExprKind::Tuple(elts) if t == Ty::Dyn => Expr::call("Value::tuple", vec![Expr::Vec(elts.iter().map(|x| self.expr_as(x, &Ty::Dyn)).collect())]),
            ExprKind::Tuple(elts) => {
                let Ty::Tuple(parts) = &t else { return Expr::Unit };
                Expr::Tuple(elts.iter().zip(parts).map(|(x, p)| self.expr_as(x, p)).collect())
            }
            ExprKind::ListComp { elt, generators } => self.list_comp(e, elt, generators, &t),
            ExprKind::Dict(pairs) => {
                let Ty::Dict(kt, vt) = &t else { return Expr::Unit };
                let items = pairs.iter().map(|(k, v)| Expr::Tuple(vec![self.expr_as(k, kt), self.expr_as(v, vt)])).collect();
                self.attempt(Expr::TypedCall(t.clone(), "from_pairs".into(), vec![Expr::Vec(items)]), e.span)
            }
            ExprKind::Set(elts) => {
                let Ty::Set(et) = &t else { return Expr::Unit };
                let items = elts.iter().map(|x| self.expr_as(x, et)).collect();
                // CPython builds a display of 3+ constants from a frozenset constant, whose
                // insertion order (and so iteration order) differs.
                let ctor = if elts.len() >= 3 && elts.iter().all(is_folded_constant) { "from_const_literal" } else { "from_vec" };
                self.attempt(Expr::TypedCall(t.clone(), ctor.into(), vec![Expr::Vec(items)]), e.span)
            }
            ExprKind::SetComp { elt, generators } => {
                let Ty::Set(et) = &t else { return Expr::Unit };
                let v = self.comprehension("<setcomp>", e.span, generators, |l| l.expr_as(elt, et));
                self.attempt(Expr::TypedCall(t.clone(), "from_vec".into(), vec![v]), e.span)
            }
            ExprKind::DictComp { key, value, generators } => {
                let Ty::Dict(kt, vt) = &t else { return Expr::Unit };
                let v = self.comprehension("<dictcomp>", e.span, generators, |l| Expr::Tuple(vec![l.expr_as(key, kt), l.expr_as(value, vt)]));
                self.attempt(Expr::TypedCall(t.clone(), "from_iter_pairs".into(), vec![v]), e.span)
            }
            ExprKind::Subscript { value, index } => self.subscript(e, value, index),
            ExprKind::Attribute { value, attr } => {
                if matches!(self.res.names.get(&value.id), Some(Binding::Module(m)) if m == "sys") && attr == "argv" {
                    return Expr::call("argv", vec![]);
                }
                if let Ty::Module(m) = self.ty(value) {
                    return self.module_constant(e, &m, attr);
                }
                if self.ty(value) == Ty::Exc && attr == "value" {
                    // `StopIteration.value`.
                    return self.place(value).method("stop_value", vec![]);
                }
                if self.ty(value) == Ty::Exc && attr == "args" {
                    let args = self.place(value).method("args", vec![]).method("to_vec", vec![]);
                    return Expr::call("Value::tuple", vec![args]);
                }
                if let (ExprKind::Call { func, args, .. }, "__name__") = (&value.kind, attr.as_str()) {
                    if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "type") && args.len() == 1 {
                        return self.type_name_of(&args[0]);
                    }
                }
                match self.ty(value) {
                    Ty::Exc => {
                        let v = self.place(value).method("get_attr", vec![Expr::StrLit(attr.clone())]);
                        let v = self.attempt(v, e.span);
                        self.coerce(v, &Ty::Dyn, &storable(&t), e.span)
                    }
                    Ty::Obj(root) => self.instance_attr(e, value, root, attr),
                    Ty::Class(c) if self.is_class_name(value) => self.class_attr(e, c, attr),
                    Ty::Class(c) => self.class_attr_of_tag(e, value, c, attr),
                    Ty::Dyn | Ty::Func(_) => {
                        self.dyn_access = true;
                        self.dyn_attrs.insert(attr.clone());
                        let v = self.place(value);
                        let get = self.attempt(Expr::call("getattr_value", vec![v.reference(), Expr::StrLit(attr.clone())]), e.span);
                        self.coerce(get, &Ty::Dyn, &storable(&t), e.span)
                    }
                    t => self.unsupported(e.span, format!("the attribute `.{attr}` of {}", t.python_name()), "not supported yet"),
                }
            }
            ExprKind::FString(parts) => {
                // A fresh name: the parts may read a Python variable called `text`.
                let buf = self.tmp("text");
                let mut stmts = vec![Stmt::Let { name: buf.clone(), ty: None, init: Some(Expr::call("String::new", vec![])), mutable: true, optional: false }];
                self.fstring(parts, &buf, &mut stmts);
                Expr::Block(Block::with_tail(stmts, Expr::call("PyStr::from", vec![Expr::Var(buf)])))
            }
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords),
            ExprKind::Slice { .. } => self.unsupported(e.span, "a slice here", "slices are supported as subscripts"),
            ExprKind::Starred(_) => self.unsupported(e.span, "`*` unpacking here", "supported in `print(*xs)` and in assignment targets (`a, *rest = xs`)"),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => self.unsupported(e.span, "`yield` here", "a generator pauses only at a statement: `yield x`, `target = yield x`, `name += yield x`, `yield from it` or `target = yield from it`"),
            ExprKind::GenExp { .. } => self.iterator_value(e),
        }
    }

    /// `l op r` (`l op= r` when `inplace`) with one operand that may be `None` (`Ty::Opt`),
    /// where `ops::binop_on_optional` says it works on the value: the result and its type.
    fn optional_binop(&mut self, op: ast::BinOp, left: &ast::Expr, right: &ast::Expr, inplace: bool, span: Span) -> Option<(Expr, Ty)> {
        let (lt, rt) = (self.ty(left), self.ty(right));
        let nonneg = crate::infer::is_nonneg_int_literal(right);
        let (ul, ur) = binop_on_optional(op, &lt, &rt, nonneg)?;
        let (imp, result) = binop_rule(op, &ul, &ur, nonneg);
        let mut lets = Vec::new();
        let l = self.evaluated(left, &mut lets);
        let r = self.evaluated(right, &mut lets);
        let (l, r) = self.unwrap_optional(op, inplace, (l, &lt), (r, &rt), span);
        let v = self.binop_impl(imp, op, l, &ul, r, &ur, &result, span);
        let v = if lets.is_empty() { v } else { Expr::Block(Block::with_tail(lets, v)) };
        Some((v, result))
    }

    /// An operand evaluated now (before a `None` operand raises, as Python evaluates both
    /// operands first): a plain variable or a literal as it is, anything else into a `let`.
    fn evaluated(&mut self, e: &ast::Expr, lets: &mut Vec<Stmt>) -> Expr {
        if matches!(e.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_)) {
            return self.value(e);
        }
        if matches!(e.kind, ExprKind::Name(_)) && self.optional_read_as_value(e).is_none() {
            if let p @ Expr::Var(_) = self.place(e) {
                return p;
            }
        }
        let v = self.expr(e);
        let name = self.tmp("operand");
        lets.push(Stmt::Let { name: name.clone(), ty: None, init: Some(v), mutable: false, optional: false });
        Expr::Var(name)
    }

    /// The operand of type `Opt` (a place) as a place of its value, or CPython's `TypeError`
    /// for `None` (`unsupported operand type(s) for +: 'int' and 'NoneType'`).
    fn unwrap_optional(&mut self, op: ast::BinOp, inplace: bool, (l, lt): (Expr, &Ty), (r, rt): (Expr, &Ty), span: Span) -> (Expr, Expr) {
        let name = |t: &Ty| match t {
            Ty::Opt(_) => "NoneType".to_string(),
            t => t.python_name(),
        };
        let (ln, rn) = (name(lt), name(rt));
        let check = |s: &mut Self, x: Expr| {
            let call = Expr::call("some_operand", vec![x.reference(), Expr::StrLit(binop_symbol(op, inplace)), Expr::StrLit(ln.clone()), Expr::StrLit(rn.clone())]);
            Expr::Deref(Box::new(s.attempt(call, span)))
        };
        let l = if matches!(lt, Ty::Opt(_)) { check(self, l) } else { l };
        let r = if matches!(rt, Ty::Opt(_)) { check(self, r) } else { r };
        (l, r)
    }

    /// An operand of a binary operation, converted to what the implementation works on.
    /// (`binop_impl` converts it: variables of the working type are borrowed, not cloned.)
    fn operand(&mut self, e: &ast::Expr, imp: BinImpl) -> Expr {
        let t = self.ty(e);
        match imp {
            BinImpl::IntOp | BinImpl::IntMethod(_) if t == Ty::Int => self.place(e),
            BinImpl::StrConcat | BinImpl::ListConcat => self.place(e),
            // `Value`'s operators borrow both operands.
            BinImpl::Dyn if t == Ty::Dyn => self.place(e),
            _ => self.expr(e),
        }
    }

    /// `binop_impl` for `x op= v`: on dynamic values, `Value::in_place` (`+=` and `*=` change a
    /// list in place, so its aliases see it; CPython's `op=` in `TypeError`s).
    #[allow(clippy::too_many_arguments)]
    fn aug_binop_impl(&mut self, imp: BinImpl, op: ast::BinOp, l: Expr, lt: &Ty, r: Expr, rt: &Ty, result: &Ty, span: Span) -> Expr {
        let (BinImpl::Dyn, Some(method)) = (imp, dyn_operator_method(op)) else {
            return self.binop_impl(imp, op, l, lt, r, rt, result, span);
        };
        let l = self.coerce(l, lt, &Ty::Dyn, span);
        let r = self.coerce(r, rt, &Ty::Dyn, span);
        let apply = Expr::Path(format!("Value::{method}"));
        self.attempt(l.method("in_place", vec![Expr::StrLit(op.symbol().to_string()), r.reference(), apply]), span)
    }

    #[allow(clippy::too_many_arguments)]
    fn binop_impl(&mut self, imp: BinImpl, op: ast::BinOp, l: Expr, lt: &Ty, r: Expr, rt: &Ty, result: &Ty, span: Span) -> Expr {
        let as_int = |s: &mut Self, x: Expr, t: &Ty| if *t == Ty::Int { x } else { s.coerce(x, t, &Ty::Int, span) };
        match imp {
            BinImpl::IntOp => {
                let rop = match op {
                    ast::BinOp::Add => RB::Add,
                    ast::BinOp::Sub => RB::Sub,
                    ast::BinOp::Mul => RB::Mul,
                    ast::BinOp::BitAnd => RB::BitAnd,
                    ast::BinOp::BitOr => RB::BitOr,
                    _ => RB::BitXor,
                };
                let l = as_int(self, l, lt);
                let r = as_int(self, r, rt);
                // A literal operand is a plain `i64` (`&x + 1`), the commutative ones on the right;
                // a temporary operand is given by value (`(&x * 3) + 1`).
                match (small_literal(&l), small_literal(&r)) {
                    (_, Some(n)) => Expr::binary(rop, int_operand(l), Expr::RawInt(n)),
                    (Some(n), None) if rop != RB::Sub => Expr::binary(rop, int_operand(r), Expr::RawInt(n)),
                    _ => Expr::binary(rop, int_operand(l), int_operand(r)),
                }
            }
            BinImpl::IntMethod(m) => {
                let l = as_int(self, l, lt);
                let r = as_int(self, r, rt);
                // By a positive constant (`x % 2`, `n // 10`), `%` and `//` cannot raise.
                match (m, small_literal(&r)) {
                    ("modulo", Some(n)) if n > 0 => l.method("mod_positive", vec![Expr::RawInt(n)]),
                    ("floordiv", Some(n)) if n > 0 => l.method("floordiv_positive", vec![Expr::RawInt(n)]),
                    _ => self.attempt(l.method(m, vec![r.reference()]), span),
                }
            }
            BinImpl::FloatOp => {
                let rop = match op {
                    ast::BinOp::Add => RB::Add,
                    ast::BinOp::Sub => RB::Sub,
                    _ => RB::Mul,
                };
                let l = self.coerce(l, lt, &Ty::Float, span);
                let r = self.coerce(r, rt, &Ty::Float, span);
                Expr::binary(rop, l, r)
            }
            BinImpl::FloatFn(f) => {
                let l = self.coerce(l, lt, &Ty::Float, span);
                let r = self.coerce(r, rt, &Ty::Float, span);
                self.attempt(Expr::call(f, vec![l, r]), span)
            }
            BinImpl::BoolOp => {
                let rop = match op {
                    ast::BinOp::BitAnd => RB::BitAnd,
                    ast::BinOp::BitOr => RB::BitOr,
                    _ => RB::BitXor,
                };
                Expr::binary(rop, l, r)
            }
            BinImpl::StrConcat => Expr::binary(RB::Add, l.reference(), r.reference()),
            BinImpl::StrRepeat { left_is_str } => {
                let (s, st, n, nt) = if left_is_str { (l, lt, r, rt) } else { (r, rt, l, lt) };
                let _ = st;
                let n = as_int(self, n, nt);
                self.attempt(s.method("repeat", vec![n.reference()]), span)
            }
            BinImpl::ListConcat => l.method("concat", vec![r.reference()]),
            BinImpl::ListRepeat { left_is_list } => {
                let (xs, n, nt) = if left_is_list { (l, r, rt) } else { (r, l, lt) };
                let n = as_int(self, n, nt);
                self.attempt(xs.method("repeat", vec![n.reference()]), span)
            }
            BinImpl::StrPercent => {
                let args = self.coerce(r, rt, &Ty::Dyn, span);
                self.attempt(l.method("percent_format", vec![args.reference()]), span)
            }
            BinImpl::TupleConcat => {
                let (Ty::Tuple(a), Ty::Tuple(b)) = (lt, rt) else { return Expr::Unit };
                let (x, y) = (self.tmp("left"), self.tmp("right"));
                let mut parts: Vec<Expr> = (0..a.len()).map(|i| Expr::Field(Box::new(Expr::Var(x.clone())), i)).collect();
                parts.extend((0..b.len()).map(|i| Expr::Field(Box::new(Expr::Var(y.clone())), i)));
                let _ = result;
                Expr::Block(Block::with_tail(
                    vec![
                        Stmt::Let { name: x, ty: None, init: Some(l), mutable: false, optional: false },
                        Stmt::Let { name: y, ty: None, init: Some(r), mutable: false, optional: false },
                    ],
                    Expr::Tuple(parts),
                ))
            }
            BinImpl::Dyn => {
                let l = self.coerce(l, lt, &Ty::Dyn, span);
                // With an int literal on the right: no temporary value for it.
                let with_int = match (op, small_literal(&r)) {
                    (ast::BinOp::Add, Some(n)) => Some(("add_int", n)),
                    (ast::BinOp::Sub, Some(n)) => Some(("sub_int", n)),
                    (ast::BinOp::Mul, Some(n)) => Some(("mul_int", n)),
                    (ast::BinOp::Mod, Some(n)) if n != 0 => Some(("modulo_int", n)),
                    _ => None,
                };
                if let (Some((m, n)), Ty::Int) = (with_int, rt) {
                    return self.attempt(l.method(m, vec![Expr::I64(n)]), span);
                }
                let r = self.coerce(r, rt, &Ty::Dyn, span);
                let Some(m) = dyn_operator_method(op) else {
                    return self.unsupported(span, "the `@` operator", "matrix multiplication is not supported");
                };
                self.attempt(l.method(m, vec![r.reference()]), span)
            }
        }
    }

    fn unary(&mut self, e: &ast::Expr, op: UnaryOp, operand: &ast::Expr) -> Expr {
        let t = self.ty(operand);
        if op == UnaryOp::Not {
            return self.cond(operand).not();
        }
        if let (Ty::Obj(root), Some(d)) = (&t, unary_dunder(op)) {
            if !self.method_impls(*root, d).is_empty() {
                let recv = self.expr(operand);
                return self.call_method_values(e.span, *root, d, recv, vec![]);
            }
        }
        // Negative literals are constants, not a negation at run time.
        if let (UnaryOp::Neg, ExprKind::Int(i)) = (op, &operand.kind) {
            let neg = -i.clone();
            return match neg.to_i64() {
                Some(n) => Expr::Int(n),
                None => Expr::BigInt(neg.to_string()),
            };
        }
        match unary_rule(op, &t) {
            Some(Ty::Int) => {
                let v = if t == Ty::Int { self.place(operand) } else { self.expr_as(operand, &Ty::Int) };
                match op {
                    UnaryOp::Neg => Expr::Unary(rir::UnOp::Neg, Box::new(v.reference())),
                    UnaryOp::Invert => Expr::Unary(rir::UnOp::Not, Box::new(v.reference())),
                    _ => clone_of(v, &Ty::Int),
                }
            }
            Some(Ty::Float) => {
                let v = self.expr(operand);
                if op == UnaryOp::Neg { Expr::Unary(rir::UnOp::Neg, Box::new(v)) } else { v }
            }
            _ => {
                let v = self.expr_as(operand, &Ty::Dyn);
                let m = match op {
                    UnaryOp::Neg => "neg",
                    UnaryOp::Pos => "pos",
                    _ => "invert",
                };
                self.attempt(v.method(m, vec![]), e.span)
            }
        }
    }

    /// A Rust `bool` for a condition: Python truthiness, with `and`/`or`/`not` short-circuiting.
    fn cond(&mut self, e: &ast::Expr) -> Expr {
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let rop = if *op == BoolOp::And { RB::And } else { RB::Or };
                let mut it = values.iter();
                let first = it.next().map(|v| self.cond(v)).unwrap_or(Expr::Bool(true));
                it.fold(first, |acc, v| {
                    let c = self.cond(v);
                    Expr::binary(rop, acc, c)
                })
            }
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.cond(operand).not(),
            _ => {
                let t = self.ty(e);
                if t == Ty::Int {
                    if let Some(m) = self.machine(e) {
                        return Expr::binary(RB::Ne, machine_ints::anchored(m), Expr::RawInt(0));
                    }
                }
                match t {
                    Ty::Bool => self.expr(e),
                    Ty::Obj(root) if !self.method_impls(root, "__bool__").is_empty() || !self.method_impls(root, "__len__").is_empty() => {
                        let recv = self.expr(e);
                        if !self.method_impls(root, "__bool__").is_empty() {
                            let v = self.call_method_values(e.span, root, "__bool__", recv, vec![]);
                            Expr::call("truthy", vec![v.reference()])
                        } else {
                            let v = self.call_method_values(e.span, root, "__len__", recv, vec![]);
                            Expr::call("truthy", vec![v.reference()])
                        }
                    }
                    _ => {
                        let r = self.reference(e);
                        Expr::call("truthy", vec![r])
                    }
                }
            }
        }
    }

    /// `a and b` / `a or b` as a value: an operand itself, as Python gives.
    fn bool_op(&mut self, op: BoolOp, values: &[ast::Expr], t: &Ty) -> Expr {
        let (last, rest) = values.split_last().expect("a boolean operation has operands");
        let mut acc = self.expr_as(last, t);
        for v in rest.iter().rev() {
            let x = self.tmp("operand");
            let first = self.expr_as(v, t);
            let test = Expr::call("truthy", vec![Expr::Var(x.clone()).reference()]);
            let keep = Block::with_tail(vec![], Expr::Var(x.clone()));
            let next = Block::with_tail(vec![], acc);
            let pick = if op == BoolOp::And { Expr::If(Box::new(test), next, keep) } else { Expr::If(Box::new(test), keep, next) };
            acc = Expr::Block(Block::with_tail(vec![Stmt::Let { name: x, ty: None, init: Some(first), mutable: false, optional: false }], pick));
        }
        acc
    }

    fn compare(&mut self, left: &ast::Expr, ops: &[(CmpOp, ast::Expr)]) -> Expr {
        if ops.len() == 1 {
            let (op, right) = &ops[0];
            let (lt, rt) = (self.ty(left), self.ty(right));
            if let (CmpOp::In | CmpOp::NotIn, ExprKind::Attribute { value, attr }, Ty::Str) = (op, &right.kind, &lt) {
                if attr == "environ" && matches!(self.res.names.get(&value.id), Some(Binding::Module(m)) if m == "os") {
                    // `key in os.environ`.
                    let test = Expr::call("environ_contains", vec![self.place(left).method("as_str", vec![])]);
                    return if *op == CmpOp::In { test } else { test.not() };
                }
            }
            if let (Ty::Int, Ty::Int, Some(rop)) = (&lt, &rt, native_cmp(*op)) {
                if let (Some(l), Some(r)) = (self.machine(left), self.machine(right)) {
                    return Expr::binary(rop, machine_ints::anchored(l), machine_ints::anchored(r));
                }
            }
            let l = self.place(left);
            let r = self.place(right);
            return self.compare_one(*op, l, &lt, r, &rt, right.span);
        }
        if let Some(chain) = self.machine_chain(left, ops) {
            return chain;
        }
        // a < b < c: each middle operand is evaluated once, and evaluation stops at the first
        // false comparison.
        let mut stmts = Vec::new();
        let first = self.tmp("cmp");
        let lv = self.expr(left);
        stmts.push(Stmt::Let { name: first.clone(), ty: None, init: Some(lv), mutable: false, optional: false });
        let mut prev = (first, self.ty(left));
        let mut conds = Vec::new();
        let mut lets = Vec::new();
        for (op, right) in ops {
            let name = self.tmp("cmp");
            let rv = self.expr(right);
            lets.push(Stmt::Let { name: name.clone(), ty: None, init: Some(rv), mutable: false, optional: false });
            let rt = self.ty(right);
            let c = self.compare_one(*op, Expr::Var(prev.0.clone()), &prev.1, Expr::Var(name.clone()), &rt, right.span);
            conds.push((std::mem::take(&mut lets), c));
            prev = (name, rt);
        }
        // Nest: { let b = ..; a < b && { let c = ..; b < c } }
        let mut acc: Option<Expr> = None;
        for (lets, c) in conds.into_iter().rev() {
            let inner = match acc {
                None => c,
                Some(rest) => Expr::binary(RB::And, c, rest),
            };
            acc = Some(Expr::Block(Block::with_tail(lets, inner)));
        }
        Expr::Block(Block::with_tail(stmts, acc.unwrap_or(Expr::Bool(true))))
    }

    /// One comparison between places `l` and `r` (variables are borrowed, not moved).
    fn compare_one(&mut self, op: CmpOp, l: Expr, lt: &Ty, r: Expr, rt: &Ty, span: Span) -> Expr {
        if let Some(how) = cmp_on_optional(op, lt, rt) {
            return self.compare_optional(how, op, l, lt, r, rt, span);
        }
        if let (Ty::Obj(_) | Ty::Gen(_), CmpOp::Is | CmpOp::IsNot) = (lt, op) {
            if lt == rt {
                let same = l.method("is", vec![r.reference()]);
                return if op == CmpOp::Is { same } else { same.not() };
            }
        }
        if let (Ty::Obj(root), Some(dunder)) = (lt, cmp_dunder(op)) {
            let root = *root;
            if !self.method_impls(root, dunder).is_empty() {
                let v = self.call_method_values(span, root, dunder, clone_of(l, lt), vec![(clone_of(r, rt), rt.clone())]);
                return Expr::call("truthy", vec![v.reference()]);
            }
            if op == CmpOp::NotEq && !self.method_impls(root, "__eq__").is_empty() {
                let v = self.call_method_values(span, root, "__eq__", clone_of(l, lt), vec![(clone_of(r, rt), rt.clone())]);
                return Expr::call("truthy", vec![v.reference()]).not();
            }
            if matches!(op, CmpOp::Eq | CmpOp::NotEq) && lt == rt {
                // No `__eq__` method: the runtime's hook (a dataclass's) or identity.
                let eq = self.attempt(l.method("py_eq", vec![r.reference()]), span);
                return if op == CmpOp::Eq { eq } else { eq.not() };
            }
        }
        if let (Ty::Dict(kt, _) | Ty::Set(kt), CmpOp::In | CmpOp::NotIn) = (rt, op) {
            let needle = self.coerce(clone_of(l, lt), lt, kt, span);
            let c = self.attempt(r.method("contains", vec![needle.reference()]), span);
            return if op == CmpOp::In { c } else { c.not() };
        }
        if let (Ty::Obj(root), CmpOp::In | CmpOp::NotIn) = (rt, op) {
            let root = *root;
            if !self.method_impls(root, "__contains__").is_empty() {
                let v = self.call_method_values(span, root, "__contains__", clone_of(r, rt), vec![(clone_of(l, lt), lt.clone())]);
                let t = Expr::call("truthy", vec![v.reference()]);
                return if op == CmpOp::In { t } else { t.not() };
            }
        }
        if matches!((rt, op), (Ty::Obj(_) | Ty::Gen(_) | Ty::Iter(_) | Ty::File, CmpOp::In | CmpOp::NotIn)) {
            // Iterating until an item equals the needle (consuming an iterator that far).
            let elem = self.elem_of(rt);
            if matches!(elem, Ty::Obj(_)) || matches!(lt, Ty::Obj(_)) {
                return self.unsupported(span, "`in` over an iterable of objects", "not supported yet");
            }
            let needle = self.coerce(clone_of(l, lt), lt, &Ty::Dyn, span);
            // A generator made here (`x in gen()`) is moved in, not copied: CPython closes it
            // as soon as `in` is done with it, before the rest of the statement.
            let r = if is_fresh_value(&r) { r } else { clone_of(r, rt) };
            let Some(it) = self.value_results(r, rt, span) else { return Expr::Unit };
            let c = self.attempt(Expr::call("try_contains", vec![it, needle.reference()]), span);
            return if op == CmpOp::In { c } else { c.not() };
        }
        let rop = match op {
            CmpOp::Eq => RB::Eq,
            CmpOp::NotEq => RB::Ne,
            CmpOp::Lt => RB::Lt,
            CmpOp::LtE => RB::Le,
            CmpOp::Gt => RB::Gt,
            _ => RB::Ge,
        };
        match cmp_rule(op, lt, rt) {
            CmpImpl::Native => {
                if let (Ty::Int, Ty::Int, Some(n)) = (lt, rt, small_literal(&r)) {
                    // `x != 1`: the runtime compares an `Int` with an `i64`.
                    return Expr::binary(rop, l, Expr::RawInt(n));
                }
                if lt.is_copy() {
                    Expr::binary(rop, l, r)
                } else {
                    Expr::binary(rop, l.reference(), r.reference())
                }
            }
            CmpImpl::AsInt => {
                let l = self.coerce(clone_of(l, lt), lt, &Ty::Int, span);
                let r = self.coerce(clone_of(r, rt), rt, &Ty::Int, span);
                Expr::binary(rop, l, r)
            }
            CmpImpl::Constant(b) => {
                if l.is_pure() && r.is_pure() {
                    Expr::Bool(b)
                } else {
                    Expr::Block(Block::with_tail(vec![Stmt::Expr(l), Stmt::Expr(r)], Expr::Bool(b)))
                }
            }
            CmpImpl::StrContains => {
                let c = r.method("contains", vec![l.reference()]);
                if op == CmpOp::NotIn { c.not() } else { c }
            }
            CmpImpl::ListContains => {
                let c = r.method("contains", vec![l.reference()]);
                if op == CmpOp::NotIn { c.not() } else { c }
            }
            CmpImpl::Dyn => {
                let l = self.coerce(clone_of(l, lt), lt, &Ty::Dyn, span);
                let r = self.coerce(clone_of(r, rt), rt, &Ty::Dyn, span);
                match op {
                    CmpOp::Eq => l.method("eq", vec![r.reference()]),
                    CmpOp::NotEq => l.method("eq", vec![r.reference()]).not(),
                    CmpOp::Is => l.method("is_same", vec![r.reference()]),
                    CmpOp::IsNot => l.method("is_same", vec![r.reference()]).not(),
                    CmpOp::In => self.attempt(r.method("contains", vec![l.reference()]), span),
                    CmpOp::NotIn => self.attempt(r.method("contains", vec![l.reference()]), span).not(),
                    CmpOp::Lt => self.attempt(l.method("lt", vec![r.reference()]), span),
                    CmpOp::LtE => self.attempt(l.method("le", vec![r.reference()]), span),
                    CmpOp::Gt => self.attempt(l.method("gt", vec![r.reference()]), span),
                    CmpOp::GtE => self.attempt(l.method("ge", vec![r.reference()]), span),
                }
            }
        }
    }

    /// A comparison with one operand that may be `None` (`Ty::Opt`), as `ops::cmp_on_optional`
    /// says: `is None` tests it; `==`/`!=` compare the value (`None` equals no number or str);
    /// an ordering compares the value or raises CPython's `TypeError` for `None`.
    #[allow(clippy::too_many_arguments)]
    fn compare_optional(&mut self, how: OptCmp, op: CmpOp, l: Expr, lt: &Ty, r: Expr, rt: &Ty, span: Span) -> Expr {
        let left_opt = matches!(lt, Ty::Opt(_));
        let (opt, other) = if left_opt { (l, r) } else { (r, l) };
        // The other operand is evaluated before the test (it may be an arbitrary expression).
        let (lets, other) = if other.is_pure() || matches!(other, Expr::Deref(_)) {
            (Vec::new(), other)
        } else {
            let name = self.tmp("operand");
            (vec![Stmt::Let { name: name.clone(), ty: None, init: Some(other.reference()), mutable: false, optional: false }], Expr::Deref(Box::new(Expr::Var(name))))
        };
        let test = match how {
            OptCmp::IsNone => {
                let is = opt.method("is_none", vec![]);
                if op == CmpOp::Is { is } else { is.not() }
            }
            OptCmp::Unwrapped(ul, ur) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
                let some = self.tmp("value");
                let value = Expr::Deref(Box::new(Expr::Var(some.clone())));
                let (inner_t, other_t) = if left_opt { (ul, ur) } else { (ur, ul) };
                let c = if left_opt { self.compare_one(op, value, &inner_t, other, &other_t, span) } else { self.compare_one(op, other, &other_t, value, &inner_t, span) };
                Expr::MatchExpr(
                    Box::new(opt.reference()),
                    vec![
                        (Pat::Variant("Some".into(), vec![Pat::Ident(some)]), Block::with_tail(Vec::new(), c)),
                        (Pat::Variant("None".into(), vec![]), Block::with_tail(Vec::new(), Expr::Bool(op == CmpOp::NotEq))),
                    ],
                )
            }
            OptCmp::Unwrapped(ul, ur) => {
                let name = |t: &Ty| match t {
                    Ty::Opt(_) => "NoneType".to_string(),
                    t => t.python_name(),
                };
                let call = Expr::call("some_compared", vec![opt.reference(), Expr::StrLit(op.symbol().into()), Expr::StrLit(name(lt)), Expr::StrLit(name(rt))]);
                let value = Expr::Deref(Box::new(self.attempt(call, span)));
                if left_opt {
                    self.compare_one(op, value, &ul, other, &ur, span)
                } else {
                    self.compare_one(op, other, &ul, value, &ur, span)
                }
            }
        };
        if lets.is_empty() { test } else { Expr::Block(Block::with_tail(lets, test)) }
    }

    /// `Option<&Int>` bounds of a slice (`None` for an omitted one).
    fn slice_bounds(&mut self, lower: &Option<Box<ast::Expr>>, upper: &Option<Box<ast::Expr>>, step: &Option<Box<ast::Expr>>) -> Vec<Expr> {
        [lower, upper, step]
            .into_iter()
            .map(|b| match b {
                Some(x) if !matches!(x.kind, ExprKind::None) => Expr::call("Some", vec![self.expr_as(x, &Ty::Int).reference()]),
                _ => Expr::Path("None".into()),
            })
            .collect()
    }

    fn subscript(&mut self, e: &ast::Expr, value: &ast::Expr, index: &ast::Expr) -> Expr {
        let ct = self.ty(value);
        if let ExprKind::Slice { lower, upper, step } = &index.kind {
            if let Ty::Tuple(_) = ct {
                // A tuple slice has a length known only at run time: a dynamic tuple.
                let recv = self.expr_as(value, &Ty::Dyn);
                let bounds = self.slice_bounds(lower, upper, step);
                return self.attempt(recv.method("slice", bounds), e.span);
            }
            if !matches!(ct, Ty::List(_) | Ty::Str | Ty::Dyn | Ty::Range) {
                return self.unsupported(e.span, format!("slicing {}", ct.python_name()), "only lists, strings, ranges and dynamic values can be sliced yet");
            }
            let recv = self.place(value);
            let bounds = self.slice_bounds(lower, upper, step);
            return self.attempt(recv.method("slice", bounds), e.span);
        }
        match &ct {
            Ty::Obj(root) => {
                let recv = self.expr(value);
                let i = self.expr(index);
                self.call_method_values(e.span, *root, "__getitem__", recv, vec![(i, self.ty(index))])
            }
            // `os.environ[key]`, from the module table.
            Ty::Module(m) => self.module_call(e, &m.clone(), "__getitem__", std::slice::from_ref(index), &[]),
            Ty::Dict(kt, vt) => {
                let recv = self.place(value);
                let k = self.expr_as(index, kt);
                let v = self.attempt(recv.method("getitem", vec![k.reference()]), e.span);
                self.never_item(v, vt, e)
            }
            Ty::List(_) | Ty::Str | Ty::Range => {
                let recv = self.place(value);
                let i = self.expr_as(index, &Ty::Int);
                let v = self.attempt(recv.method("getitem", vec![i.reference()]), e.span);
                match &ct {
                    Ty::List(elem) => self.never_item(v, elem, e),
                    _ => v,
                }
            }
            Ty::Tuple(parts) => match literal_index(index, parts.len()) {
                Some(i) => {
                    let recv = self.place(value);
                    clone_of(Expr::Field(Box::new(recv), i), &parts[i])
                }
                None => self.unsupported(index.span, "a computed tuple index", "tuples are indexed by constants only yet"),
            },
            _ => {
                let recv = self.expr_as(value, &Ty::Dyn);
                let i = self.expr_as(index, &Ty::Dyn);
                self.attempt(recv.method("getitem", vec![i.reference()]), e.span)
            }
        }
    }

    /// An item of a container nothing is ever stored in (`[][1]`, `{}["k"]`): inference
    /// gives the expression no type, so it is stored as None (the lookup raises first).
    fn never_item(&mut self, v: Expr, item: &Ty, e: &ast::Expr) -> Expr {
        if self.ty(e) == Ty::Never && *item != Ty::Never {
            return self.coerce(v, item, &Ty::None, e.span);
        }
        v
    }

    fn list_comp(&mut self, e: &ast::Expr, elt: &ast::Expr, generators: &[ast::Comprehension], t: &Ty) -> Expr {
        let Ty::List(elem) = t else { return Expr::Unit };
        let v = self.comprehension("<listcomp>", e.span, generators, |l| l.expr_as(elt, elem));
        Expr::call("PyList::from_vec", vec![v])
    }

    /// The `Vec` of a comprehension's results (`item` evaluated in the innermost loop).
    /// A comprehension's target variable kept in a cell (see `late_cells`).
    fn comp_cell(&self, target: &ast::Expr) -> Option<(ScopeId, String)> {
        let ExprKind::Name(n) = &target.kind else { return None };
        match self.res.names.get(&target.id) {
            Some(Binding::Var(scope, _)) if self.storage.get(&(*scope, n.clone())) == Some(&Storage::Cell) => Some((*scope, n.clone())),
            _ => None,
        }
    }

    /// A comprehension built at once (`[...]`, `{...}`, a generator expression consumed whole):
    /// the `Vec` of its items, each made by `item`. As in CPython it runs in a frame of its own
    /// (`frame`: `<listcomp>`, ...): errors inside it record that frame, then the enclosing
    /// function's line; the first clause's iterable is evaluated outside it.
    fn comprehension(&mut self, frame: &str, span: Span, generators: &[ast::Comprehension], item: impl FnOnce(&mut Self) -> Expr) -> Expr {
        let Some(first) = generators.first() else { return Expr::Unit };
        let outermost = self.items_one_at_a_time(&first.iter);
        let label = self.label("comp");
        let saved_frame = std::mem::replace(&mut self.frame, frame.to_string());
        let saved = (std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
        self.tries.push(TryCtx { label: label.clone(), finally: false });
        let acc = self.tmp("items");
        let mut cells = Vec::new();
        let item = item(self);
        let mut inner = vec![Stmt::Expr(Expr::Var(acc.clone()).method("push", vec![item]))];
        let mut outermost = Some(outermost);
        for (i, g) in generators.iter().enumerate().rev() {
            for c in g.ifs.iter().rev() {
                let cond = self.cond(c);
                inner = vec![Stmt::If { cond, then: Block::new(inner), els: None }];
            }
            let (it, fallible) = match (i, outermost.take()) {
                (0, Some(source)) => source,
                (_, source) => {
                    outermost = source;
                    self.items_one_at_a_time(&g.iter)
                }
            };
            let elem = self.elem_ty(&g.iter);
            let taken = |l: &Self, item: &str| if fallible { l.attempt(Expr::Var(item.to_string()), g.iter.span) } else { Expr::Var(item.to_string()) };
            if let Some((scope, name)) = self.comp_cell(&g.target) {
                // Read later by generator expressions made here: a cell set on each item.
                let item = self.tmp("item");
                inner.insert(0, Stmt::Expr(Expr::Var(rust_ident(&name)).method("set", vec![taken(self, &item)])));
                inner = vec![Stmt::For { label: None, pat: Pat::Ident(item), iter: it, body: Block::new(inner) }];
                let ty = storable(&self.types.var(scope, &name));
                cells.push(Stmt::Let { name: rust_ident(&name), ty: None, init: Some(Expr::NewCell(ty, None)), mutable: false, optional: false });
                continue;
            }
            let pat = match self.loop_pattern(&g.target, &elem) {
                Some(pat) if !fallible => pat,
                Some(pat) => {
                    let item = self.tmp("item");
                    inner.insert(0, Stmt::LetPat { pat, value: taken(self, &item) });
                    Pat::Ident(item)
                }
                None => {
                    // Unpacked at run time (a list's items, say).
                    let item = self.tmp("item");
                    let mut unpack = Vec::new();
                    let value = taken(self, &item);
                    self.bind(&g.target, value, &elem, &mut unpack);
                    unpack.append(&mut inner);
                    inner = unpack;
                    Pat::Ident(item)
                }
            };
            inner = vec![Stmt::For { label: None, pat, iter: it, body: Block::new(inner) }];
        }
        self.tries.pop();
        (self.loops, self.caught) = saved;
        self.frame = saved_frame;
        let mut stmts = cells;
        stmts.push(Stmt::Let { name: acc.clone(), ty: None, init: Some(Expr::call("Vec::new", vec![])), mutable: true, optional: false });
        stmts.extend(inner);
        let made = Expr::LabeledBlock(label, Block::with_tail(stmts, Expr::call("Ok::<_, PyErr>", vec![Expr::Var(acc)])));
        self.attempt(made, span)
    }

    /// The items of an iterable consumed on the spot (a comprehension clause, `min`/`max`), and
    /// whether they are results: one at a time when they may raise (a generator, `map`,
    /// `groupby`), as the `for` statement takes them, so each item is processed before the
    /// next is made.
    fn items_one_at_a_time(&mut self, iter: &ast::Expr) -> (Expr, bool) {
        if self.is_itertools_call(iter) {
            self.capture_ok = Some(HashSet::new());
        }
        match self.fallible_iter(iter) {
            Some(it) => (it, true),
            None => (self.iterate(iter), false),
        }
    }

    /// A call of a user function or of a method of a user object (not a builtin or a module's).
    fn is_user_call(&self, e: &ast::Expr) -> bool {
        let ExprKind::Call { func, .. } = &e.kind else { return false };
        match &func.kind {
            ExprKind::Name(_) => matches!(self.res.names.get(&func.id), Some(Binding::Func(_))),
            ExprKind::Attribute { value, .. } => matches!(self.ty(value), Ty::Obj(_)),
            _ => false,
        }
    }

    /// `dict.fromkeys(keys, value=None)`: every key maps to the one value (evaluated once).
    fn dict_fromkeys(&mut self, e: &ast::Expr, args: &[ast::Expr]) -> Expr {
        let t = self.ty(e);
        let Ty::Dict(kt, vt) = &t else { return Expr::Unit };
        let elem = self.elem_ty(&args[0]);
        let keys = self.iterate(&args[0]);
        let value = match args.get(1) {
            Some(v) => self.expr_as(v, vt),
            None => self.coerce(Expr::Unit, &Ty::None, vt, e.span),
        };
        let shared = self.tmp("value");
        let key = self.coerce(Expr::Var("key".into()), &elem, kt, e.span);
        let pair = Expr::Tuple(vec![key, clone_of(Expr::Var(shared.clone()), vt)]);
        let pairs = keys.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("key".into())], Box::new(pair))]).method("collect", vec![]);
        let dict = self.attempt(Expr::TypedCall(t.clone(), "from_pairs".into(), vec![pairs]), e.span);
        Expr::Block(Block::with_tail(vec![Stmt::Let { name: shared, ty: None, init: Some(value), mutable: false, optional: false }], dict))
    }

    /// A call of a generator function consumed where it is made (the iterable of a loop, a
    /// comprehension or a consuming builtin): `Some(true)` when its body cannot raise. Nothing
    /// else can reach such a generator, so it is iterated as an owned `LocalGen`.
    fn local_gen_call(&self, iter: &ast::Expr) -> Option<bool> {
        let ExprKind::Call { func, args, keywords } = &iter.kind else { return None };
        let Some(Binding::Func(f)) = self.res.names.get(&func.id) else { return None };
        let plain = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) && !keywords.iter().any(ast::Keyword::is_unpacking);
        (plain && self.ty(iter) == Ty::Gen(*f)).then(|| self.infallible_gens.contains(f))
    }

    /// `[a, *xs, b]`, `print(a, *xs)`: `let mut acc = Vec::new();` and the items converted to
    /// `elem`, starred ones spread out, in order.
    fn spread_items(&mut self, elts: &[ast::Expr], elem: &Ty, acc: &str) -> Vec<Stmt> {
        let mut stmts = vec![Stmt::Let { name: acc.to_string(), ty: None, init: Some(Expr::call("Vec::new", vec![])), mutable: true, optional: false }];
        for x in elts {
            match &x.kind {
                ExprKind::Starred(inner) => {
                    let from = self.elem_ty(inner);
                    let it = self.iterate(inner);
                    let item = self.coerce(Expr::Var("item".into()), &from, elem, x.span);
                    let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]);
                    stmts.push(Stmt::Expr(Expr::Var(acc.to_string()).method("extend", vec![items])));
                }
                _ => {
                    let v = self.expr_as(x, elem);
                    stmts.push(Stmt::Expr(Expr::Var(acc.to_string()).method("push", vec![v])));
                }
            }
        }
        stmts
    }

    /// `next(gen())`: the iterator made for the call is dropped as soon as its item is taken (a
    /// generator's `finally` runs then, before the enclosing expression goes on, as in CPython),
    /// not at the end of the statement.
    fn release_temporaries(&mut self, iter: &ast::Expr, value: Expr) -> Expr {
        if matches!(iter.kind, ExprKind::Name(_)) {
            return value;
        }
        let name = self.tmp("next");
        Expr::Block(Block::with_tail(vec![Stmt::Let { name: name.clone(), ty: None, init: Some(value), mutable: false, optional: false }], Expr::Var(name)))
    }

    /// Whether iterating this yields results lazily (so early exits must not evaluate more).
    fn lazily_fallible(&self, iter: &ast::Expr) -> bool {
        if self.local_gen_call(iter) == Some(true) {
            return false;
        }
        if matches!(self.ty(iter), Ty::Gen(_) | Ty::Obj(_)) {
            return true;
        }
        match &iter.kind {
            ExprKind::GenExp { .. } => true,
            ExprKind::Call { func, .. } if crate::itertools::callee(self.res, func).is_some_and(|n| n != "tee") => true,
            ExprKind::Call { func, .. } if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "zip" || b == "enumerate") => self.yields_results(iter),
            ExprKind::Call { func, .. } if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "map" || b == "filter") => true,
            ExprKind::Name(_) if matches!(self.ty(iter), Ty::Iter(_)) => true,
            _ => matches!(self.ty(iter), Ty::Dict(..) | Ty::Set(_) | Ty::Dyn | Ty::Obj(_) | Ty::File),
        }
    }

    /// A generator expression as a lazy iterator of results: an element is computed only when
    /// the consumer asks for it, as in Python. With several `for` clauses, the first clause's
    /// callback makes the iterator of the rest for each of its items (so an inner iterable is
    /// evaluated only when reached), and `py_flatten` chains them.
    fn lazy_genexpr(&mut self, elt: &ast::Expr, gens: &[ast::Comprehension]) -> Option<Expr> {
        let g = gens.first()?;
        // A source that is itself lazy and may raise stays lazy (one item at a time).
        let (it, adapter) = match self.lazily_fallible(&g.iter).then(|| self.fallible_iter(&g.iter)).flatten() {
            Some(it) => (it, "py_genexpr_try"),
            None => (self.iterate(&g.iter), "py_genexpr"),
        };
        let elem = self.elem_ty(&g.iter);
        let pat = self.loop_pattern(&g.target, &elem);
        let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught), std::mem::replace(&mut self.frame, "<genexpr>".into()));
        let mut stmts = Vec::new();
        let (it, pat) = match (self.comp_cell(&g.target), pat) {
            (Some((scope, name)), _) => {
                // Read later by generator expressions made here: one cell, set on each item.
                let item = self.tmp("item");
                let cell = Expr::NewCell(storable(&self.types.var(scope, &name)), None);
                let shared = if adapter == "py_genexpr_try" { "with_shared_try" } else { "with_shared" };
                stmts.push(Stmt::Expr(Expr::Var(rust_ident(&name)).method("set", vec![Expr::Var(item.clone())])));
                (Expr::call(shared, vec![it, cell]), Pat::Tuple(vec![Pat::Ident(rust_ident(&name)), Pat::Ident(item)]))
            }
            (None, Some(pat)) => (it, pat),
            (None, None) => {
                // Unpacked at run time (a list's items, say).
                let item = self.tmp("item");
                self.bind(&g.target, Expr::Var(item.clone()), &elem, &mut stmts);
                (it, Pat::Ident(item))
            }
        };
        for c in &g.ifs {
            let cond = self.cond(c).not();
            stmts.push(Stmt::If { cond, then: Block::new(vec![Stmt::Return(Expr::Ok(Box::new(Expr::Path("None".into()))))]), els: None });
        }
        let value = if gens.len() == 1 {
            let elem_ty = self.ty(elt);
            Some(self.expr_as(elt, &storable(&elem_ty)))
        } else {
            self.inner_genexpr(elt, &gens[1..])
        };
        (self.tries, self.loops, self.caught, self.frame) = saved;
        let body = Expr::Block(Block::with_tail(stmts, Expr::Ok(Box::new(Expr::call("Some", vec![value?])))));
        let made = Expr::call(adapter, vec![it, Expr::Closure(vec![pat], Box::new(body))]);
        Some(if gens.len() == 1 { made } else { Expr::call("py_flatten", vec![made]) })
    }

    /// The clauses after the first of a generator expression, for one item of the clauses
    /// before: an iterator that owns copies of the variables it reads (it outlives the call
    /// that makes it).
    fn inner_genexpr(&mut self, elt: &ast::Expr, gens: &[ast::Comprehension]) -> Option<Expr> {
        let made = moving_callback(self.lazy_genexpr(elt, gens)?);
        // What the callbacks read of the clauses before and of the function: copied in.
        let mut bound = Vec::new();
        for g in gens {
            target_names(&g.target, &mut bound);
        }
        // Nor the loop variables of comprehensions inside (theirs).
        let mut inner_scopes = HashSet::new();
        let mut note_scope = |x: &ast::Expr| {
            if let Some(s) = self.res.comps.get(&x.id) {
                inner_scopes.insert(*s);
            }
        };
        visit_expr(elt, &mut note_scope);
        gens.iter().flat_map(|g| g.ifs.iter().chain([&g.iter])).for_each(|x| visit_expr(x, &mut note_scope));
        let mut reads: Vec<String> = Vec::new();
        let mut check = |x: &ast::Expr| {
            if let (ExprKind::Name(n), Some(Binding::Var(s, _))) = (&x.kind, self.res.names.get(&x.id)) {
                let global = matches!(self.storage.get(&(*s, n.clone())), Some(Storage::Static));
                if !global && !bound.contains(n) && !reads.contains(n) && !inner_scopes.contains(s) {
                    reads.push(n.clone());
                }
            }
        };
        visit_expr(elt, &mut check);
        for (i, g) in gens.iter().enumerate() {
            g.ifs.iter().for_each(|c| visit_expr(c, &mut check));
            if i > 0 {
                visit_expr(&g.iter, &mut check);
            }
        }
        let lets = reads
            .iter()
            .map(|n| Stmt::Let { name: rust_ident(n), ty: None, init: Some(Expr::Var(rust_ident(n)).method("clone", vec![])), mutable: true, optional: false })
            .collect();
        Some(Expr::Block(Block::with_tail(lets, made)))
    }

    /// For a `for` loop: dict/set iteration yielding `PyResult` items (lazily, so that changing
    /// the container during the loop raises as in CPython).
    fn fallible_iter(&mut self, iter: &ast::Expr) -> Option<Expr> {
        if let Ty::Gen(_) = self.ty(iter) {
            if let Some(infallible) = self.local_gen_call(iter) {
                // Made here and seen by nothing else: owned (plain items when it cannot raise).
                return (!infallible).then(|| self.expr(iter).method("into_local", vec![]));
            }
            // A generator is an iterator of itself (shared: iterating consumes it).
            return Some(self.expr(iter));
        }
        if let Some(it) = self.itertools_iter(iter) {
            return Some(it);
        }
        if let Some(it) = self.lazy_call_iter(iter) {
            return Some(it);
        }
        if let Some(it) = self.lazy_combinator(iter) {
            return Some(it);
        }
        if let Ty::Obj(root) = self.ty(iter) {
            if let Some(it) = self.local_object_iter(iter) {
                return Some(it);
            }
            return self.object_iter(iter, root);
        }
        if self.ty(iter) == Ty::File {
            // A file's lines, read as they are asked for.
            return Some(self.place(iter).method("iter", vec![]));
        }
        if let ExprKind::Call { func, args, keywords } = &iter.kind {
            if args.len() == 2 && keywords.is_empty() && matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "iter") {
                return self.sentinel_iter(iter, &args[0], &args[1]);
            }
            if args.len() == 1 && keywords.is_empty() && matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "iter") {
                return match self.ty(&args[0]) {
                    Ty::Obj(root) => self.object_iter(&args[0], root),
                    _ => Some(self.iterator_value(&args[0])),
                };
            }
        }
        if matches!(self.ty(iter), Ty::Iter(_)) && (matches!(iter.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) || self.is_user_call(iter)) {
            // A stored iterator (`PyIter`), or one a user function or method returned: shared,
            // so iterating it consumes it.
            return Some(self.expr(iter));
        }
        if self.ty(iter) == Ty::Dyn {
            // A dynamic value: whatever it is, iterating it may raise.
            let v = self.place(iter).method("iter", vec![]);
            return Some(self.attempt(v, iter.span));
        }
        if let ExprKind::GenExp { elt, generators } = &iter.kind {
            return self.lazy_genexpr(elt, generators);
        }
        match self.ty(iter) {
            Ty::Dict(..) | Ty::Set(_) => return Some(self.place(iter).method("iter", vec![])),
            _ => {}
        }
        if let ExprKind::Call { func, args, .. } = &iter.kind {
            if let ExprKind::Attribute { value, attr } = &func.kind {
                if args.is_empty() && matches!(self.ty(value), Ty::Dict(..)) && matches!(attr.as_str(), "keys" | "values" | "items") {
                    return Some(self.place(value).method(attr, vec![]));
                }
            }
        }
        None
    }

    fn fstring(&mut self, parts: &[FStringPart], buf: &str, out: &mut Vec<Stmt>) {
        for p in parts {
            match p {
                FStringPart::Literal(s) => out.push(Stmt::Expr(Expr::Var(buf.into()).method("push_str", vec![Expr::StrLit(s.clone())]))),
                FStringPart::Value { value, conversion, spec } => {
                    let t = self.ty(value);
                    let (v, vt) = match conversion {
                        Conversion::None => (self.reference(value), t.clone()),
                        Conversion::Str => {
                            let r = self.reference(value);
                            (self.attempt(Expr::call("py_str", vec![r]), value.span).reference(), Ty::Str)
                        }
                        Conversion::Repr => {
                            let r = self.reference(value);
                            (self.attempt(Expr::call("py_repr", vec![r]), value.span).reference(), Ty::Str)
                        }
                        Conversion::Ascii => {
                            let r = self.reference(value);
                            (self.attempt(Expr::call("py_ascii", vec![r]), value.span).reference(), Ty::Str)
                        }
                    };
                    if spec.is_empty() {
                        let write = Expr::call("PyObject::write_str", vec![v, Expr::Var(buf.into()).reference_mut()]);
                        out.push(Stmt::Expr(self.attempt(write, value.span)));
                        continue;
                    }
                    let (v, spec) = match literal_spec(spec) {
                        Some(s) => (v, Expr::StrLit(s)),
                        None => {
                            // A computed spec (`{x:>{width}}`) is built at run time, after the
                            // value is evaluated (Python's order).
                            let v = if v.is_pure() {
                                v
                            } else {
                                let name = self.tmp("value");
                                out.push(Stmt::Let { name: name.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                                Expr::Var(name)
                            };
                            let spec_buf = self.tmp("spec");
                            out.push(Stmt::Let { name: spec_buf.clone(), ty: None, init: Some(Expr::call("String::new", vec![])), mutable: true, optional: false });
                            self.fstring(spec, &spec_buf, out);
                            (v, Expr::Var(spec_buf).method("as_str", vec![]))
                        }
                    };
                    let (f, is_string) = self.format_spec(v, &vt, spec, value.span);
                    let text = if is_string { f.reference() } else { f.method("as_str", vec![]) };
                    out.push(Stmt::Expr(Expr::Var(buf.into()).method("push_str", vec![text])));
                }
            }
        }
    }

    /// `format(v, spec)` for `v` by reference (as [`Self::reference`] gives it) and `spec` a
    /// `&str`: the formatted text, a `String` (`true`) or a `PyStr` (`false`).
    fn format_spec(&mut self, v: Expr, vt: &Ty, spec: Expr, span: Span) -> (Expr, bool) {
        let (f, is_string) = match vt {
            Ty::Int => (Expr::call("format_int", vec![v, spec]), true),
            Ty::Float => (Expr::call("format_float", vec![deref(v), spec]), true),
            Ty::Str => (Expr::call("format_str", vec![v.method("as_str", vec![]), spec]), true),
            Ty::Bool => (Expr::call("format_bool", vec![deref(v), spec]), true),
            other => {
                let owned = clone_of(deref(v), other);
                let value = self.coerce(owned, other, &Ty::Dyn, span);
                (Expr::call("format_value", vec![value, spec]), false)
            }
        };
        (self.attempt(f, span), is_string)
    }

    // ----- iteration ---------------------------------------------------------------------

    /// The item type a `for` over this expression binds.
    fn elem_ty(&self, iter: &ast::Expr) -> Ty {
        self.elem_of(self.types.expr(iter))
    }

    /// The item type iterating a value of this type gives.
    fn elem_of(&self, t: &Ty) -> Ty {
        if *t == Ty::File {
            return Ty::Str;
        }
        let ret = |root: crate::resolve::ClassId, name: &str| {
            self.method_impls(root, name).first().map(|f| storable(&self.types.returns[f.0 as usize])).unwrap_or(Ty::Dyn)
        };
        match t {
            Ty::Obj(root) => match ret(*root, "__iter__") {
                Ty::Obj(it) => ret(it, "__next__"),
                Ty::Iter(t) => *t,
                Ty::Gen(g) => storable(&self.types.yields[g.0 as usize]),
                _ => Ty::Dyn,
            },
            Ty::List(t) | Ty::Iter(t) | Ty::Set(t) | Ty::Dict(t, _) => (**t).clone(),
            Ty::Gen(g) => storable(&self.types.yields[g.0 as usize]),
            Ty::Range => Ty::Int,
            Ty::Str => Ty::Str,
            Ty::Tuple(ts) => {
                let first = ts.first().cloned().unwrap_or(Ty::Never);
                if ts.iter().all(|t| *t == first) { first } else { Ty::Dyn }
            }
            _ => Ty::Dyn,
        }
    }

    /// A Rust `IntoIterator` yielding owned items of `elem_ty(iter)`.
    fn iterate(&mut self, iter: &ast::Expr) -> Expr {
        if self.local_gen_call(iter) == Some(true) {
            return self.expr(iter).method("into_local", vec![]);
        }
        let t = self.ty(iter);
        if let ExprKind::Call { func, args, keywords } = &iter.kind {
            if let Some(Binding::Builtin(b)) = self.res.names.get(&func.id) {
                if b == "enumerate" && matches!(args.len(), 1 | 2) && keywords.iter().all(|k| k.name == "start") && args.len() + keywords.len() <= 2 && !self.yields_results(&args[0]) {
                    let inner = self.iterate(&args[0]);
                    let start = match args.get(1).or(keywords.first().map(|k| &k.value)) {
                        Some(s) => self.expr_as(s, &Ty::Int),
                        None => Expr::Int(0),
                    };
                    return Expr::call("py_enumerate", vec![inner, start]);
                }
                if keywords.is_empty() {
                    match (b.as_str(), args.len()) {
                        ("range", 1..=3) => {
                            let mut a: Vec<Expr> = args.iter().map(|x| if self.ty(x) == Ty::Int { self.place(x) } else { self.expr_as(x, &Ty::Int) }).collect();
                            if a.len() == 1 {
                                a.insert(0, Expr::Int(0));
                            }
                            if a.len() == 2 {
                                a.push(Expr::Int(1));
                            }
                            let refs = a.into_iter().map(Expr::reference).collect();
                            return self.attempt(Expr::call("range", refs), iter.span);
                        }
                        ("enumerate", 1 | 2) => {
                            let inner = self.iterate(&args[0]);
                            let start = match args.get(1) {
                                Some(s) => self.expr_as(s, &Ty::Int),
                                None => Expr::Int(0),
                            };
                            return Expr::call("py_enumerate", vec![inner, start]);
                        }
                        _ => {}
                    }
                }
            }
        }
        if let Some(it) = self.plain_call_iter(iter) {
            return it;
        }
        if let ExprKind::GenExp { elt, generators } = &iter.kind {
            if generators.len() > 1 {
                // Consumed whole here (sum, list, join...): built at once, as a comprehension.
                let elem = self.elem_ty(iter);
                return self.comprehension("<genexpr>", iter.span, generators, |l| l.expr_as(elt, &elem));
            }
        }
        if self.is_itertools_call(iter) {
            self.capture_ok = Some(HashSet::new());
        }
        if let Some(it) = self.fallible_iter(iter) {
            // Consumed at once (by `list()`, `sum()`, a comprehension): collected first.
            return self.attempt(Expr::call("try_collect", vec![it]), iter.span);
        }
        match &t {
            Ty::List(_) | Ty::Str | Ty::Range => self.place(iter).method("iter", vec![]),
            Ty::Tuple(parts) => {
                let elem = self.elem_ty(iter);
                if let ExprKind::Tuple(elts) = &iter.kind {
                    return Expr::Array(elts.iter().map(|x| self.expr_as(x, &elem)).collect());
                }
                let tv = self.tmp("tuple");
                let v = self.expr(iter);
                let items = parts
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let f = Expr::Field(Box::new(Expr::Var(tv.clone())), i);
                        self.coerce(f, p, &elem, iter.span)
                    })
                    .collect();
                Expr::Block(Block::with_tail(vec![Stmt::Let { name: tv, ty: None, init: Some(v), mutable: false, optional: false }], Expr::Array(items)))
            }
            Ty::Int | Ty::Float | Ty::Bool | Ty::None | Ty::Func(_) | Ty::Class(_) => {
                // Not iterable: CPython's TypeError, after evaluating the value.
                let name = match &t {
                    Ty::None => "NoneType".to_string(),
                    Ty::Class(_) => "type".to_string(),
                    other => other.python_name(),
                };
                let v = self.expr(iter);
                let err = self.attempt(Expr::call("not_iterable::<Value>", vec![Expr::StrLit(name)]), iter.span);
                Expr::Block(Block::with_tail(vec![Stmt::Expr(v)], err))
            }
            _ => self.unsupported(iter.span, format!("iterating over {}", t.python_name()), "iteration over this type is not supported yet"),
        }
    }

    /// `iter(f, sentinel)`: calls of `f` (a function, or a method of an object) until one
    /// returns the sentinel.
    fn sentinel_iter(&mut self, e: &ast::Expr, f: &ast::Expr, sentinel: &ast::Expr) -> Option<Expr> {
        let saved = (std::mem::take(&mut self.tries), std::mem::take(&mut self.loops), std::mem::take(&mut self.caught));
        let (pre, call) = match (&f.kind, self.res.names.get(&f.id).cloned(), self.ty(f)) {
            (ExprKind::Name(_), Some(Binding::Func(fid)), _) if self.res.funcs[fid.0 as usize].params.iter().all(|p| p.default.is_some()) => (None, self.user_call(e, fid, &[], &[])),
            (ExprKind::Attribute { value, attr }, _, _) if matches!(self.ty(value), Ty::Obj(r) if !self.method_impls(r, attr).is_empty()) => {
                let Ty::Obj(root) = self.ty(value) else { return None };
                let recv = self.tmp("receiver");
                let v = self.expr(value);
                let call = self.call_method_values(f.span, root, attr, Expr::Var(recv.clone()).method("clone", vec![]), vec![]);
                (Some((recv, v)), call)
            }
            _ => {
                (self.tries, self.loops, self.caught) = saved;
                self.unsupported(f.span, "this callable in `iter(callable, sentinel)`", "pass a function defined with def or a method of an object");
                return None;
            }
        };
        (self.tries, self.loops, self.caught) = saved;
        let s = self.expr_as(sentinel, &Ty::Dyn);
        let make = Expr::call("PyIter::from_sentinel", vec![Expr::MoveClosure(Box::new(Expr::Ok(Box::new(call)))), s]);
        Some(match pre {
            Some((name, v)) => Expr::Block(Block::with_tail(vec![Stmt::Let { name, ty: None, init: Some(v), mutable: false, optional: false }], make)),
            None => make,
        })
    }

    // ----- calls -------------------------------------------------------------------------

    fn call(&mut self, e: &ast::Expr, func: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let is_print = matches!((&func.kind, self.res.names.get(&func.id)), (ExprKind::Name(n), Some(Binding::Builtin(_))) if n == "print");
        let is_zip = matches!((&func.kind, self.res.names.get(&func.id)), (ExprKind::Name(n), Some(Binding::Builtin(_))) if n == "zip");
        if let Some(k) = keywords.iter().find(|k| k.is_unpacking()) {
            // `f(**d)`: bound at run time, by the function value.
            return match (&func.kind, self.res.names.get(&func.id)) {
                (ExprKind::Name(_), Some(Binding::Func(_) | Binding::Var(..))) if !matches!(self.ty(func), Ty::Class(_) | Ty::Obj(_)) => self.value_call(e, func, args, keywords),
                _ => self.unsupported(k.span, "`**` arguments here", "keyword argument unpacking is supported in calls of functions yet"),
            };
        }
        if let Some(star) = args.iter().find(|a| matches!(a.kind, ExprKind::Starred(_))).filter(|_| !is_print && !is_zip) {
            match (&func.kind, self.res.names.get(&func.id)) {
                (ExprKind::Name(_), Some(Binding::Func(_) | Binding::Var(..))) => return self.value_call(e, func, args, keywords),
                (ExprKind::Name(_), Some(Binding::Builtin(b))) if matches!(b.as_str(), "abs" | "len" | "pow" | "str" | "repr" | "int" | "float" | "bool") => {
                    return self.value_call(e, func, args, keywords)
                }
                _ => return self.unsupported(star.span, "`*` arguments here", "argument unpacking is supported in calls of functions and zip() yet"),
            }
        }
        if let Some(name) = crate::itertools::callee(self.res, func) {
            return self.itertools_call(e, name, args, keywords);
        }
        if let (Ty::Obj(root), false) = (self.ty(func), matches!(func.kind, ExprKind::Attribute { .. })) {
            if !self.method_impls(root, "__call__").is_empty() {
                // A callable instance: `obj(args)` is `obj.__call__(args)`.
                let recv = self.expr(func);
                return self.call_method_impls(e.span, root, "__call__", recv, args, keywords);
            }
        }
        match &func.kind {
            ExprKind::Attribute { value, attr } => return self.method_call(e, value, attr, args, keywords),
            ExprKind::Name(_) => {}
            _ => return self.value_call(e, func, args, keywords),
        }
        match self.res.names.get(&func.id).cloned() {
            Some(Binding::Imported(m, n)) => self.module_call(e, &m, &n, args, keywords),
            Some(Binding::Func(f)) => self.user_call(e, f, args, keywords),
            Some(Binding::Class(c)) if self.res.is_exception_class(c) => self.construct_exception(e.span, c, args, keywords),
            Some(Binding::Class(c)) => self.construct(e, c, args, keywords),
            Some(Binding::Builtin(name)) => self.builtin_call(e, &name, args, keywords),
            Some(Binding::Var(..)) if matches!(self.ty(func), Ty::Class(_)) => {
                let Ty::Class(c) = self.ty(func) else { return Expr::Unit };
                let tag = self.expr(func);
                self.construct_tagged(e, c, tag, args, keywords)
            }
            Some(Binding::Var(..)) => self.value_call(e, func, args, keywords),
            _ => self.unsupported(func.span, "calling this name", "not supported yet"),
        }
    }

    fn user_call(&mut self, e: &ast::Expr, f: FuncId, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let rust_name = self.res.funcs[f.0 as usize].rust_name.clone();
        match self.call_args(e.span, f, 0, args, keywords) {
            Some(out) => self.attempt(Expr::call(&rust_name, out), e.span),
            None => Expr::Unit,
        }
    }

    /// The arguments for the parameters of `f` after the first `skip` (`self`): positional,
    /// keyword, then constant defaults, each converted to the parameter's type.
    fn call_args(&mut self, span: Span, f: FuncId, skip: usize, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Option<Vec<Expr>> {
        use ast::ParamKind;
        if let Some((at, what, why)) = self.binding_error(span, f, skip, args.len(), keywords) {
            self.unsupported(at, what, why);
            return None;
        }
        let def = &self.res.funcs[f.0 as usize];
        let param_tys: Vec<Ty> = self.types.params[f.0 as usize].iter().skip(skip).cloned().collect();
        let params: Vec<ast::Param> = def.params.iter().skip(skip).cloned().collect();
        let positional = params.iter().filter(|p| p.kind == ParamKind::Positional).count();
        let mut out = Vec::new();
        let mut extra_keywords: Vec<&ast::Keyword> = keywords.iter().filter(|k| !params.iter().any(|p| p.name == k.name && matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly))).collect();
        for (i, (p, pt)) in params.iter().zip(&param_tys).enumerate() {
            let pt = storable(pt);
            match p.kind {
                ParamKind::VarArgs => {
                    // The extra positional arguments, as a tuple.
                    let items = args.iter().skip(positional).map(|a| self.expr_as(a, &Ty::Dyn)).collect();
                    out.push(Expr::call("Value::tuple", vec![Expr::Vec(items)]));
                    continue;
                }
                ParamKind::VarKeywords => {
                    let Ty::Dict(_, vt) = &pt else { return None };
                    let pairs = std::mem::take(&mut extra_keywords).into_iter().map(|k| Expr::Tuple(vec![Expr::Str(k.name.clone()), self.expr_as(&k.value, vt)])).collect();
                    out.push(self.attempt(Expr::TypedCall(pt.clone(), "from_pairs".into(), vec![Expr::Vec(pairs)]), span));
                    continue;
                }
                _ => {}
            }
            let positional_arg = if p.kind == ParamKind::Positional { args.get(i) } else { None };
            if let Some(a) = positional_arg {
                out.push(self.expr_as(a, &pt));
            } else if let Some(k) = keywords.iter().find(|k| k.name == p.name) {
                out.push(self.expr_as(&k.value, &pt));
            } else if let Some(d) = &p.default {
                if !is_immutable_literal(d) {
                    self.unsupported(d.span, "this default value", "only constant defaults (numbers, strings, None, tuples of them) are supported yet");
                    return None;
                }
                out.push(self.expr_as(d, &pt));
            } else {
                return None; // a missing argument: `binding_error` reported it
            }
        }
        Some(out)
    }

    /// Why `f` (its parameters after the first `skip`) cannot be called with `nargs` positional
    /// arguments and these keywords, if it cannot: where, what, and CPython's reason.
    fn binding_error(&self, span: Span, f: FuncId, skip: usize, nargs: usize, keywords: &[ast::Keyword]) -> Option<(Span, &'static str, String)> {
        use ast::ParamKind;
        let def = &self.res.funcs[f.0 as usize];
        let params = &def.params[skip.min(def.params.len())..];
        let fname = &def.name;
        let positional = params.iter().filter(|p| p.kind == ParamKind::Positional).count();
        let has = |kind| params.iter().any(|p| p.kind == kind);
        if nargs > positional && !has(ParamKind::VarArgs) {
            return Some((span, "this call", format!("{fname}() takes {} positional arguments but {} were given", positional + skip, nargs + skip)));
        }
        let named = |p: &ast::Param| matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly);
        for (i, p) in params.iter().enumerate().filter(|(_, p)| named(p)) {
            let given = (p.kind == ParamKind::Positional && i < nargs) || keywords.iter().any(|k| k.name == p.name);
            if !given && p.default.is_none() {
                return Some((span, "this call", format!("{fname}() missing required argument: '{}'", p.name)));
            }
        }
        if !has(ParamKind::VarKeywords) {
            if let Some(k) = keywords.iter().find(|k| !params.iter().any(|p| p.name == k.name && named(p))) {
                return Some((k.span, "this keyword argument", format!("{fname}() got an unexpected keyword argument '{}'", k.name)));
            }
        }
        None
    }

    fn builtin_call(&mut self, e: &ast::Expr, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let t = self.ty(e);
        let tys: Vec<Ty> = args.iter().map(|a| self.ty(a)).collect();
        if name == "print" {
            return self.print(e, args, keywords);
        }
        if let Some(call) = self.higher_order_call(e, name, args, keywords) {
            return call;
        }
        if name == "enumerate" && matches!(args.len(), 1 | 2) && keywords.iter().all(|k| k.name == "start") && args.len() + keywords.len() <= 2 {
            return self.iterator_value(e);
        }
        if let Some(k) = keywords.first() {
            return self.unsupported(k.span, format!("keyword arguments to `{name}`"), "not supported yet");
        }
        if let Some(class) = exception_class(name) {
            let items = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
            return Expr::call("PyErr::with_args", vec![Expr::Path(format!("Exc::{class}")), Expr::Vec(items)]);
        }
        match (name, tys.as_slice()) {
            ("isinstance", [_, _]) => self.isinstance(e, &args[0], &args[1]),
            ("open", [Ty::Str] | [Ty::Str, Ty::Str]) => {
                let path = self.reference(&args[0]);
                let mode = match args.get(1) {
                    Some(m) => match &m.kind {
                        ExprKind::Str(s) => Expr::StrLit(s.clone()),
                        _ => self.place(m).method("as_str", vec![]),
                    },
                    None => Expr::StrLit("r".into()),
                };
                self.attempt(Expr::call("open", vec![path, mode]), e.span)
            }
            ("next", [Ty::File]) => {
                let f = self.place(&args[0]);
                self.attempt(Expr::call("next_of", vec![f.method("iter", vec![])]), e.span)
            }
            ("iter", [Ty::File | Ty::Gen(_)]) => self.expr(&args[0]),
            ("next", [Ty::Dyn]) => {
                let v = self.place(&args[0]);
                let item = self.attempt(v.method("next_value", vec![]), e.span);
                self.coerce(item, &Ty::Dyn, &t, e.span)
            }
            ("next", [Ty::Dyn, _]) => {
                let v = self.place(&args[0]);
                let d = self.expr_as(&args[1], &Ty::Dyn);
                let item = self.attempt(v.method("next_or", vec![d]), e.span);
                self.coerce(item, &Ty::Dyn, &t, e.span)
            }
            // A stored iterator (`next_item`) or a generator (`next_value`).
            ("next", [Ty::Iter(_) | Ty::Gen(_)]) => {
                let next = if matches!(tys[0], Ty::Gen(_)) { "next_value" } else { "next_item" };
                let it = self.place(&args[0]);
                let value = self.attempt(it.method(next, vec![]), e.span);
                self.release_temporaries(&args[0], value)
            }
            ("next", [Ty::Iter(_) | Ty::Gen(_), _]) => {
                let next = if matches!(tys[0], Ty::Gen(_)) { "next_value" } else { "next_item" };
                let it = self.place(&args[0]);
                let elem = self.elem_ty(&args[0]);
                let d = self.expr_as(&args[1], &t);
                let value = if elem == t {
                    self.attempt(it.method("next_or", vec![d]), e.span)
                } else {
                    let item = box_result(it.method(next, vec![]), &t);
                    self.attempt(Expr::call("next_or_default", vec![item, d]), e.span)
                };
                self.release_temporaries(&args[0], value)
            }
            ("iter", [Ty::Obj(root)]) => {
                let recv = self.expr(&args[0]);
                self.call_method_values(e.span, *root, "__iter__", recv, vec![])
            }
            ("iter", [_]) => self.iterator_value(&args[0]),
            ("iter", [_, _]) => self.iterator_value(e),
            ("next", [Ty::List(_) | Ty::Str | Ty::Tuple(_) | Ty::Dict(..) | Ty::Set(_) | Ty::Range | Ty::Int | Ty::Float | Ty::Bool | Ty::None] | [Ty::List(_) | Ty::Str | Ty::Tuple(_) | Ty::Dict(..) | Ty::Set(_) | Ty::Range | Ty::Int | Ty::Float | Ty::Bool | Ty::None, _]) => {
                // Not an iterator: CPython's TypeError, after evaluating the arguments.
                let tn = match &tys[0] {
                    Ty::List(_) => "list".to_string(),
                    Ty::Dict(..) => "dict".to_string(),
                    Ty::Set(_) => "set".to_string(),
                    Ty::Tuple(_) => "tuple".to_string(),
                    Ty::None => "NoneType".to_string(),
                    other => other.python_name(),
                };
                let mut stmts: Vec<Stmt> = args.iter().map(|a| Stmt::Expr(self.expr(a))).collect();
                let err = self.attempt(Expr::call("not_an_iterator", vec![Expr::StrLit(tn)]), e.span);
                let v = self.coerce(err, &Ty::Dyn, &storable(&t), e.span);
                stmts.push(Stmt::Let { name: "never".into(), ty: None, init: Some(v), mutable: false, optional: false });
                Expr::Block(Block::with_tail(stmts, Expr::Var("never".into())))
            }
            ("enumerate", [_] | [_, _]) => self.iterator_value(e),
            ("next", [Ty::Obj(root)]) => {
                let recv = self.expr(&args[0]);
                self.call_method_values(e.span, *root, "__next__", recv, vec![])
            }
            ("next", [Ty::Obj(root), _]) => {
                let root = *root;
                let recv = self.expr(&args[0]);
                let saved = std::mem::take(&mut self.tries);
                let call = self.call_method_values(e.span, root, "__next__", recv, vec![]);
                self.tries = saved;
                // The call's own `?` must not fire: take its Result and look at it.
                let Expr::Try { expr, .. } = call else { return Expr::Unit };
                let ret = self.method_impls(root, "__next__").first().map(|f| storable(&self.types.returns[f.0 as usize])).unwrap_or(Ty::Dyn);
                let d = self.expr_as(&args[1], &t);
                let item = if ret == t { *expr } else { box_result(*expr, &t) };
                self.attempt(Expr::call("next_or_default", vec![item, d]), e.span)
            }
            ("len", [Ty::Obj(root)]) => {
                let recv = self.expr(&args[0]);
                self.call_method_impls(e.span, *root, "__len__", recv, &[], &[])
            }
            ("len", [Ty::List(_) | Ty::Str | Ty::Dict(..) | Ty::Set(_)]) => self.place(&args[0]).method("len", vec![]),
            ("len", [Ty::Range]) => {
                let r = self.place(&args[0]);
                self.attempt(r.method("len", vec![]), e.span)
            }
            ("range", [_] | [_, _] | [_, _, _]) if shapes_are_ints(&tys) => {
                // A range object as a value (a `for` loop over `range(...)` does not get here).
                let mut a: Vec<Expr> = args.iter().map(|x| self.expr_as(x, &Ty::Int)).collect();
                if a.len() == 1 {
                    a.insert(0, Expr::Int(0));
                }
                if a.len() == 2 {
                    a.push(Expr::Int(1));
                }
                let refs = a.into_iter().map(Expr::reference).collect();
                self.attempt(Expr::call("PyRange::new", refs), e.span)
            }
            ("len", [Ty::Tuple(ts)]) => Expr::Int(ts.len() as i64),
            ("len", [Ty::Dyn]) => {
                let v = self.place(&args[0]);
                self.attempt(v.method("len", vec![]), e.span)
            }
            ("hash", [t]) if !matches!(t, Ty::Obj(_) | Ty::Class(_) | Ty::Func(_) | Ty::Module(_) | Ty::Exc | Ty::Iter(_)) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                let h = self.attempt(v.method("hash", vec![]), e.span);
                Expr::call("Int::from", vec![h])
            }
            ("abs", [Ty::Obj(root)]) if !self.method_impls(*root, "__abs__").is_empty() => {
                let recv = self.expr(&args[0]);
                self.call_method_values(e.span, *root, "__abs__", recv, vec![])
            }
            ("hash", [Ty::Obj(_)]) => {
                let v = self.place(&args[0]);
                Expr::call("Int::from", vec![self.attempt(v.method("hash", vec![]), e.span)])
            }
            ("abs", [Ty::Int]) => self.place(&args[0]).method("abs", vec![]),
            ("abs", [Ty::Bool]) => self.expr_as(&args[0], &Ty::Int),
            ("abs", [Ty::Float]) => self.expr(&args[0]).method("abs", vec![]),
            ("abs", [_]) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                self.attempt(Expr::call("abs_value", vec![v]), e.span)
            }
            ("min" | "max", [_, _, ..]) if t != Ty::Dyn && matches!(t, Ty::Int | Ty::Float | Ty::Str) => {
                let f = if name == "min" { "min2" } else { "max2" };
                let mut it = args.iter();
                let first = self.expr_as(it.next().unwrap_or(&args[0]), &t);
                it.fold(first, |acc, a| {
                    let v = self.expr_as(a, &t);
                    Expr::call(f, vec![acc, v])
                })
            }
            ("min" | "max", [_, _, ..]) => {
                let items = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
                let f = if name == "min" { "min_values" } else { "max_values" };
                self.attempt(Expr::call(f, vec![Expr::Vec(items)]), e.span)
            }
            ("pow", [_, _]) => {
                let (lt, rt) = (&tys[0], &tys[1]);
                let (imp, result) = binop_rule(ast::BinOp::Pow, lt, rt, crate::infer::is_nonneg_int_literal(&args[1]));
                let l = self.operand(&args[0], imp);
                let r = self.operand(&args[1], imp);
                self.binop_impl(imp, ast::BinOp::Pow, l, lt, r, rt, &result, e.span)
            }
            ("pow", [Ty::Int | Ty::Bool, Ty::Int | Ty::Bool, Ty::Int | Ty::Bool]) => {
                let a: Vec<Expr> = args.iter().map(|x| self.expr_as(x, &Ty::Int)).collect();
                let mut it = a.into_iter();
                let (b, x, m) = (it.next().unwrap_or(Expr::Unit), it.next().unwrap_or(Expr::Unit), it.next().unwrap_or(Expr::Unit));
                self.attempt(b.method("pow_mod", vec![x.reference(), m.reference()]), e.span)
            }
            ("divmod", [_, _]) => match &t {
                Ty::Tuple(p) if p[0] == Ty::Int => {
                    let a = self.expr_as(&args[0], &Ty::Int);
                    let b = self.expr_as(&args[1], &Ty::Int);
                    self.attempt(a.method("divmod", vec![b.reference()]), e.span)
                }
                Ty::Tuple(_) => {
                    let a = self.expr_as(&args[0], &Ty::Float);
                    let b = self.expr_as(&args[1], &Ty::Float);
                    self.attempt(Expr::call("float_divmod", vec![a, b]), e.span)
                }
                _ => {
                    let a = self.expr_as(&args[0], &Ty::Dyn);
                    let b = self.expr_as(&args[1], &Ty::Dyn);
                    self.attempt(Expr::call("divmod_value", vec![a, b]), e.span)
                }
            },
            ("round", [Ty::Float]) => {
                let v = self.expr(&args[0]);
                self.attempt(Expr::call("float_round", vec![v]), e.span)
            }
            ("round", [Ty::Int | Ty::Bool]) => self.expr_as(&args[0], &Ty::Int),
            ("round", [Ty::Float, Ty::Int | Ty::Bool]) => {
                let v = self.expr(&args[0]);
                let n = self.expr_as(&args[1], &Ty::Int);
                self.attempt(Expr::call("float_round_ndigits", vec![v, Expr::call("saturating_i64", vec![n.reference()])]), e.span)
            }
            ("round", [Ty::Int | Ty::Bool, Ty::Int | Ty::Bool]) => {
                let v = self.expr_as(&args[0], &Ty::Int);
                let n = self.expr_as(&args[1], &Ty::Int);
                v.method("round_ndigits", vec![n.reference()])
            }
            ("round", [_] | [_, _]) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                let n = match args.get(1) {
                    Some(a) => Expr::call("Some", vec![self.expr_as(a, &Ty::Dyn)]),
                    None => Expr::Path("None".into()),
                };
                self.attempt(Expr::call("round_value", vec![v, n]), e.span)
            }
            ("int", []) => Expr::Int(0),
            ("int", [Ty::Int | Ty::Bool]) => self.expr_as(&args[0], &Ty::Int),
            ("int", [Ty::Float]) => {
                let v = self.expr(&args[0]);
                self.attempt(Expr::call("Int::from_f64", vec![v]), e.span)
            }
            ("int", [Ty::Str]) => {
                let v = self.place(&args[0]).method("as_str", vec![]);
                self.attempt(Expr::call("Int::parse", vec![v, Expr::RawInt(10)]), e.span)
            }
            ("int", [Ty::Str, Ty::Int]) => {
                let v = self.place(&args[0]).method("as_str", vec![]);
                let b = self.expr(&args[1]);
                self.attempt(Expr::call("Int::parse_base", vec![v, b.reference()]), e.span)
            }
            ("int", [_]) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                self.attempt(Expr::call("int_value", vec![v]), e.span)
            }
            ("float", []) => Expr::Float(0.0),
            ("float", [Ty::Float | Ty::Int | Ty::Bool]) => self.expr_as(&args[0], &Ty::Float),
            ("float", [Ty::Str]) => {
                let v = self.place(&args[0]).method("as_str", vec![]);
                self.attempt(Expr::call("float_parse", vec![v]), e.span)
            }
            ("float", [_]) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                self.attempt(Expr::call("float_value", vec![v]), e.span)
            }
            ("str", []) => Expr::Str(String::new()),
            ("str", [_]) => {
                let r = self.reference(&args[0]);
                self.attempt(Expr::call("py_str", vec![r]), e.span)
            }
            ("repr", [_]) => {
                let r = self.reference(&args[0]);
                self.attempt(Expr::call("py_repr", vec![r]), e.span)
            }
            ("ascii", [_]) => {
                let r = self.reference(&args[0]);
                self.attempt(Expr::call("py_ascii", vec![r]), e.span)
            }
            ("bool", []) => Expr::Bool(false),
            ("bool", [_]) => self.cond(&args[0]),
            ("ord", [Ty::Str]) => {
                let r = self.reference(&args[0]);
                self.attempt(Expr::call("ord", vec![r]), e.span)
            }
            ("chr", [Ty::Int | Ty::Bool]) => {
                let v = self.expr_as(&args[0], &Ty::Int);
                self.attempt(Expr::call("chr", vec![v.reference()]), e.span)
            }
            ("format", [vt] | [vt, Ty::Str]) => {
                let vt = vt.clone();
                let v = self.reference(&args[0]);
                let spec = match args.get(1).map(|a| &a.kind) {
                    None => Expr::StrLit(String::new()),
                    Some(ExprKind::Str(s)) => Expr::StrLit(s.clone()),
                    Some(_) => self.place(&args[1]).method("as_str", vec![]),
                };
                let (f, is_string) = self.format_spec(v, &vt, spec, e.span);
                if is_string {
                    Expr::call("PyStr::from", vec![f])
                } else {
                    f
                }
            }
            ("frozenset", []) => self.attempt(Expr::call("frozenset_of", vec![Expr::Array(vec![])]), e.span),
            ("tuple", [Ty::List(_) | Ty::Str | Ty::Set(_) | Ty::Dict(..) | Ty::Tuple(_) | Ty::Range | Ty::Iter(_) | Ty::Gen(_) | Ty::Obj(_) | Ty::Dyn]) if t == Ty::Dyn => {
                // A tuple of a length known only at run time: a tuple value.
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let item = self.coerce(Expr::Var("item".into()), &from, &Ty::Dyn, e.span);
                let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]);
                Expr::call("Value::tuple", vec![items.method("collect", vec![])])
            }
            ("callable", [_]) if matches!(self.res.names.get(&args[0].id), Some(Binding::Builtin(_) | Binding::Class(_) | Binding::Func(_))) && matches!(args[0].kind, ExprKind::Name(_)) => Expr::Bool(true),
            ("callable", [a]) if !matches!(a, Ty::Obj(_) | Ty::Dyn) => {
                // Known statically: functions and classes are callable, plain values are not.
                let v = self.expr(&args[0]);
                let yes = matches!(a, Ty::Func(_) | Ty::Class(_));
                Expr::Block(Block::with_tail(vec![Stmt::Let { name: "_".into(), ty: None, init: Some(v), mutable: false, optional: false }], Expr::Bool(yes)))
            }
            ("callable", [Ty::Obj(root)]) => {
                let yes = !self.method_impls(*root, "__call__").is_empty();
                Expr::Bool(yes)
            }
            ("frozenset", [_]) => {
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let item = self.coerce(Expr::Var("item".into()), &from, &Ty::Dyn, e.span);
                let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]);
                self.attempt(Expr::call("frozenset_of", vec![items]), e.span)
            }
            ("hex" | "bin" | "oct", [Ty::Int | Ty::Bool]) => {
                let v = self.expr_as(&args[0], &Ty::Int);
                Expr::call("PyStr::from", vec![v.method(name, vec![])])
            }
            ("dict", []) => Expr::TypedCall(t.clone(), "new".into(), vec![]),
            ("set", []) => Expr::TypedCall(t.clone(), "new".into(), vec![]),
            ("set", [_]) => {
                let Ty::Set(elem) = &t else { return Expr::Unit };
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let item = self.coerce(Expr::Var("item".into()), &from, elem, e.span);
                let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]);
                self.attempt(Expr::TypedCall(t.clone(), "from_iter_py".into(), vec![items]), e.span)
            }
            ("dict", [Ty::Dyn]) if t == Ty::Dict(Box::new(Ty::Dyn), Box::new(Ty::Dyn)) => {
                let v = self.expr_as(&args[0], &Ty::Dyn);
                self.attempt(Expr::call("dict_of_value", vec![v.reference()]), e.span)
            }
            ("dict", [_]) => {
                let Ty::Dict(kt, vt) = &t else { return Expr::Unit };
                let from = self.elem_ty(&args[0]);
                let Ty::Tuple(parts) = &from else {
                    return self.unsupported(e.span, "dict() of these items", "dict() takes pairs (2-tuples) here");
                };
                if parts.len() != 2 {
                    return self.unsupported(e.span, "dict() of these items", "dict() takes pairs (2-tuples) here");
                }
                let it = self.iterate(&args[0]);
                let k = self.coerce(Expr::Field(Box::new(Expr::Var("item".into())), 0), &parts[0], kt, e.span);
                let v = self.coerce(Expr::Field(Box::new(Expr::Var("item".into())), 1), &parts[1], vt, e.span);
                let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(Expr::Tuple(vec![k, v])))]);
                self.attempt(Expr::TypedCall(t.clone(), "from_iter_pairs".into(), vec![items]), e.span)
            }
            ("list", []) => Expr::call("PyList::new", vec![]),
            ("list", [_]) => {
                let it = self.iterate(&args[0]);
                let Ty::List(elem) = &t else { return Expr::Unit };
                let from = self.elem_ty(&args[0]);
                let item = self.coerce(Expr::Var("item".into()), &from, elem, e.span);
                let collected = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]).method("collect", vec![]);
                Expr::call("PyList::from_vec", vec![collected])
            }
            ("sum", [_] | [_, _]) if matches!(t, Ty::Int | Ty::Float) => {
                if let Some(total) = self.sum_genexpr(e, args, &t) {
                    return total;
                }
                let from = self.elem_ty(&args[0]);
                if self.lazily_fallible(&args[0]) {
                    // Summed as produced (a generator may be endless or huge): never collected.
                    if let Some(it) = self.fallible_iter(&args[0]) {
                        let start = match args.get(1) {
                            Some(s) => self.expr_as(s, &t),
                            None => self.coerce(Expr::Int(0), &Ty::Int, &t, e.span),
                        };
                        let acc = self.tmp("total");
                        let item = self.tmp("item");
                        let value = self.attempt(Expr::Var(item.clone()), args[0].span);
                        let add = self.coerce(value, &from, &t, e.span);
                        let (init, total) = sum_total(&acc, start, &t);
                        return Expr::Block(Block::with_tail(
                            vec![init, Stmt::For { label: None, pat: Pat::Ident(item), iter: it, body: Block::new(vec![sum_add(&acc, add, &t)]) }],
                            total,
                        ));
                    }
                }
                let it = self.iterate(&args[0]);
                let start = match args.get(1) {
                    Some(s) => self.expr_as(s, &t),
                    None => self.coerce(Expr::Int(0), &Ty::Int, &t, e.span),
                };
                let acc = self.tmp("total");
                let item = self.tmp("item");
                let add = self.coerce(Expr::Var(item.clone()), &from, &t, e.span);
                let (init, total) = sum_total(&acc, start, &t);
                Expr::Block(Block::with_tail(vec![init, Stmt::For { label: None, pat: Pat::Ident(item), iter: it, body: Block::new(vec![sum_add(&acc, add, &t)]) }], total))
            }
            ("sum", [_, Ty::Obj(root)]) if t == Ty::Obj(*root) && self.dunder_ret(*root, "__add__") == t => {
                // Instances added up through `__add__`.
                let root = *root;
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let acc = self.tmp("total");
                let item = self.tmp("item");
                let start = self.expr(&args[1]);
                let add = self.call_method_values(e.span, root, "__add__", Expr::Var(acc.clone()), vec![(Expr::Var(item.clone()), from)]);
                Expr::Block(Block::with_tail(
                    vec![
                        Stmt::Let { name: acc.clone(), ty: None, init: Some(start), mutable: true, optional: false },
                        Stmt::For { label: None, pat: Pat::Ident(item), iter: it, body: Block::new(vec![Stmt::Assign { place: Expr::Var(acc.clone()), value: add }]) },
                    ],
                    Expr::Var(acc),
                ))
            }
            ("sum", [_] | [_, _]) => {
                // Elements of several types: Python's `+` on dynamic values.
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                let start = match args.get(1) {
                    Some(s) => self.expr_as(s, &Ty::Dyn),
                    None => Expr::Int(0).method("into_value", vec![]),
                };
                let item = self.coerce(Expr::Var("item".into()), &from, &Ty::Dyn, e.span);
                let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))]);
                let total = self.attempt(Expr::call("sum_values", vec![items, start]), e.span);
                self.coerce(total, &Ty::Dyn, &t, e.span)
            }
            ("any" | "all", [_]) if self.lazily_fallible(&args[0]) => {
                let Some(it) = self.fallible_iter(&args[0]) else { return Expr::Unit };
                self.attempt(Expr::call(if name == "any" { "try_any" } else { "try_all" }, vec![it]), e.span)
            }
            ("any" | "all", [_]) => {
                let it = self.iterate(&args[0]);
                let test = Expr::call("truthy", vec![Expr::Var("item".into()).reference()]);
                it.method("into_iter", vec![]).method(name, vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(test))])
            }
            _ if is_python_builtin(name) => {
                let desc: Vec<String> = tys.iter().map(Ty::python_name).collect();
                self.unsupported(e.span, format!("`{name}({})`", desc.join(", ")), format!("the builtin `{name}` is not supported for these arguments yet"))
            }
            _ => {
                let err = self.name_error(name);
                self.attempt(err, e.span)
            }
        }
    }

    /// `module.name` as a value, from the module table.
    fn module_constant(&mut self, e: &ast::Expr, module: &str, name: &str) -> Expr {
        use crate::modules::ConstValue;
        match crate::modules::constant(module, name).map(|c| c.value) {
            Some(ConstValue::Path(p)) => Expr::Path(p.to_string()),
            Some(ConstValue::Call(f)) => Expr::call(f, vec![]),
            Some(ConstValue::Str(s)) => Expr::Str(s.to_string()),
            None => self.unsupported(e.span, format!("`{module}.{name}` as a value"), "not supported yet"),
        }
    }

    /// `module.name(args)` from the module table: the arguments in parameter order (keywords
    /// placed, parameters they skip given their defaults), each converted and passed as the
    /// table says, then the table's literal arguments.
    fn module_call(&mut self, e: &ast::Expr, module: &str, name: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        use crate::modules::{Pass, Slot};
        let names: Vec<&str> = keywords.iter().map(|k| k.name.as_str()).collect();
        let slots = match crate::modules::arrange(module, name, args.len(), &names) {
            Ok(slots) => slots,
            Err(why) => return self.unsupported(e.span, format!("this call of `{module}.{name}`"), why),
        };
        let given: Vec<&ast::Expr> = args.iter().chain(keywords.iter().map(|k| &k.value)).collect();
        let tys: Vec<Ty> = slots
            .iter()
            .map(|s| match s {
                Slot::Arg(i) => self.ty(given[*i]),
                Slot::Default(l) => l.ty(),
            })
            .collect();
        let Some(c) = crate::modules::call(module, name, &tys) else {
            let desc: Vec<String> = tys.iter().map(Ty::python_name).collect();
            return self.unsupported(e.span, format!("`{module}.{name}({})`", desc.join(", ")), "not supported for these arguments yet");
        };
        // Keyword arguments out of parameter order: evaluate all arguments first, as written
        // (unless they are all literals).
        let order: Vec<usize> = slots.iter().filter_map(|s| if let Slot::Arg(i) = s { Some(*i) } else { None }).collect();
        let literal = |a: &ast::Expr| matches!(a.kind, ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::None);
        let mut lets = Vec::new();
        let mut temps: Vec<Option<String>> = vec![None; given.len()];
        if order.windows(2).any(|w| w[0] > w[1]) && !given.iter().all(|a| literal(a)) {
            for (i, a) in given.iter().enumerate() {
                let Some(k) = slots.iter().position(|s| *s == Slot::Arg(i)) else { continue };
                let (t, pass) = &c.args[k];
                if *pass == Pass::Skip || (pass.is_optional() && tys[k] == Ty::None) {
                    continue;
                }
                let v = self.expr_as(a, t);
                let tmp = self.tmp("arg");
                lets.push(Stmt::Let { name: tmp.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                temps[i] = Some(tmp);
            }
        }
        let mut out = Vec::new();
        for ((slot, (t, pass)), from) in slots.iter().zip(&c.args).zip(&tys) {
            if *pass == Pass::Skip {
                continue;
            }
            if pass.is_optional() && *from == Ty::None {
                out.push(Expr::Path("None".into()));
                continue;
            }
            if let (Slot::Arg(i), Pass::Str | Pass::OptStr) = (slot, pass) {
                if let (ExprKind::Str(text), None) = (&given[*i].kind, &temps[*i]) {
                    // A literal `&str` needs no `PyStr`.
                    let lit = Expr::StrLit(text.clone());
                    out.push(if *pass == Pass::Str { lit } else { Expr::call("Some", vec![lit]) });
                    continue;
                }
            }
            let by_ref = matches!(pass, Pass::Ref | Pass::Str | Pass::OptRef | Pass::OptStr);
            let v = match slot {
                Slot::Arg(i) => match &temps[*i] {
                    Some(tmp) => Expr::Var(tmp.clone()),
                    None if by_ref && from == t => self.place(given[*i]),
                    None => self.expr_as(given[*i], t),
                },
                Slot::Default(l) => {
                    let v = module_lit(*l);
                    self.coerce(v, from, t, e.span)
                }
            };
            out.push(module_arg(v, *pass));
        }
        if c.packed {
            out = vec![Expr::Array(out).reference()];
        }
        for (l, pass) in &c.extra {
            out.push(match l {
                crate::modules::Lit::None if pass.is_optional() => Expr::Path("None".into()),
                _ => module_arg(module_lit(*l), *pass),
            });
        }
        let mut call = Expr::call(c.rust, out);
        if c.fallible {
            call = self.attempt(call, e.span);
        }
        if c.boxed {
            call = call.method("into_value", vec![]);
        }
        if lets.is_empty() {
            call
        } else {
            Expr::Block(Block::with_tail(lets, call))
        }
    }

    /// `type(x).__name__`.
    fn type_name_of(&mut self, x: &ast::Expr) -> Expr {
        let name = match self.ty(x) {
            Ty::Obj(_) => return Expr::call("PyStr::from", vec![self.place(x).method("class_name", vec![])]),
            Ty::Exc => return Expr::call("PyStr::from", vec![self.place(x).method("type_name", vec![])]),
            Ty::Dyn => return Expr::call("PyStr::from", vec![self.place(x).method("type_name", vec![])]),
            // Not reached: such an argument is read as a `Value` (see `Ty::Opt`).
            Ty::Opt(_) => return self.unsupported(x.span, "type() of this value", "not supported yet"),
            Ty::Int | Ty::I64 => "int",
            Ty::Float => "float",
            Ty::Bool => "bool",
            Ty::Str => "str",
            Ty::None | Ty::Never => "NoneType",
            Ty::List(_) => "list",
            Ty::Dict(..) => "dict",
            Ty::Set(_) => "set",
            Ty::Tuple(_) => "tuple",
            Ty::Class(_) => "type",
            Ty::File => "TextIOWrapper",
            Ty::Gen(_) | Ty::OwnedGen(_) => "generator",
            Ty::Range => "range",
            // Known for a generator expression kept in a variable (see `PyIter::named`).
            Ty::Iter(_) => {
                let kind = self.place(x).method("kind_name", vec![]);
                return self.attempt(kind, x.span);
            }
            Ty::Func(_) | Ty::Module(_) => return self.unsupported(x.span, "type() of this value", "not supported yet"),
        };
        Expr::Str(name.into())
    }

    /// `isinstance(x, C)` / `isinstance(x, (A, B))`.
    fn isinstance(&mut self, e: &ast::Expr, x: &ast::Expr, classes: &ast::Expr) -> Expr {
        let list: Vec<&ast::Expr> = match &classes.kind {
            ExprKind::Tuple(elts) => elts.iter().collect(),
            _ => vec![classes],
        };
        let xt = self.ty(x);
        let mut tests = Vec::new();
        for c in list {
            let test = match (self.res.names.get(&c.id).cloned(), &xt, &c.kind) {
                (Some(Binding::Class(k)), Ty::Obj(root), _) => {
                    let v = self.place(x);
                    self.isinstance_test(v, *root, k)
                }
                (Some(Binding::Builtin(_) | Binding::Class(_)), Ty::Exc, _) if self.exc_type_expr(c).is_some() => {
                    let class = self.exc_type_expr(c).unwrap_or(Expr::Unit);
                    self.place(x).method("is_instance", vec![class])
                }
                (Some(Binding::Class(k)), Ty::Dyn, _) if !self.res.is_exception_class(k) => {
                    // An instance held in a dynamic value: its class tag, if it is one.
                    let root = self.res.root(k);
                    let v = self.place(x);
                    let tag = Expr::TypedCall(Ty::Obj(root), "value_class".into(), vec![v.reference()]);
                    self.isinstance_tag_test(tag, root, k)
                }
                (Some(Binding::Class(k)), Ty::Dyn, _) => return self.unsupported(c.span, format!("isinstance of a dynamic value with `{}`", self.res.class(k).name), "not supported yet"),
                (Some(Binding::Class(_)), _, _) => Expr::Bool(false),
                (Some(Binding::Builtin(_)), t, ExprKind::Name(n)) if *t != Ty::Dyn => {
                    let yes = match (n.as_str(), t) {
                        ("list" | "dict", Ty::Obj(root)) if self.res.builtin_base(*root) == Some(n.as_str()) => true,
                        ("int", Ty::Int | Ty::Bool) | ("float", Ty::Float) | ("bool", Ty::Bool) | ("str", Ty::Str) | ("list", Ty::List(_)) | ("tuple", Ty::Tuple(_)) | ("object", _) => true,
                        ("int" | "float" | "bool" | "str" | "list" | "tuple" | "dict" | "set", _) => false,
                        _ => return self.unsupported(c.span, format!("isinstance with `{n}`"), "not supported yet"),
                    };
                    Expr::Bool(yes)
                }
                (Some(Binding::Builtin(_)), Ty::Dyn, ExprKind::Name(n)) if matches!(n.as_str(), "int" | "float" | "bool" | "str" | "list" | "tuple" | "dict" | "set" | "object") => {
                    self.place(x).method("is_builtin_instance", vec![Expr::StrLit(n.clone())])
                }
                _ => return self.unsupported(e.span, "this isinstance() check", "supported for user classes, exceptions and builtin types of statically known values"),
            };
            tests.push(test);
        }
        tests.into_iter().reduce(|a, b| Expr::binary(RB::Or, a, b)).unwrap_or(Expr::Bool(false))
    }

    fn print(&mut self, e: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        let mut sep = Expr::StrLit(" ".into());
        let mut end = Expr::StrLit("\n".into());
        let mut printer = "print";
        let mut file = None;
        for k in keywords {
            if k.name == "file" && self.ty(&k.value) == Ty::Dyn {
                // A file object held in a value (`io.StringIO()`).
                file = Some(self.place(&k.value));
                continue;
            }
            if k.name == "file" {
                // `file=sys.stderr` / `file=sys.stdout`.
                let stream = match &k.value.kind {
                    ExprKind::Attribute { value, attr } if matches!(self.res.names.get(&value.id), Some(Binding::Module(m)) if m == "sys") => attr.as_str(),
                    _ => "",
                };
                printer = match stream {
                    "stderr" => "eprint",
                    "stdout" => "print",
                    _ => return self.unsupported(k.span, "`print(file=...)` with this file", "only sys.stdout and sys.stderr are supported yet"),
                };
                continue;
            }
            let v = match (&k.value.kind, self.ty(&k.value)) {
                (ExprKind::Str(s), _) => Expr::StrLit(s.clone()),
                (ExprKind::None, _) => continue,
                (_, Ty::Str) => self.expr(&k.value).method("as_str", vec![]),
                _ => return self.unsupported(k.span, format!("`print({}=...)` with this value", k.name), "only strings are supported yet"),
            };
            match k.name.as_str() {
                "sep" => sep = v,
                "end" => end = v,
                other => return self.unsupported(k.span, format!("`print({other}=...)`"), "only `sep` and `end` are supported yet"),
            }
        }
        if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
            // `print(a, *xs)`: every argument as a dynamic value, starred ones spread out.
            let items = self.tmp("args");
            let stmts = self.spread_items(args, &Ty::Dyn, &items);
            let call = Expr::call("print_values", vec![Expr::Var(items).reference(), sep, end, Expr::Bool(printer == "eprint")]);
            return Expr::Block(Block::with_tail(stmts, self.attempt(call, e.span)));
        }
        let items = args.iter().map(|a| self.reference(a)).collect();
        if let Some(f) = file {
            return self.attempt(Expr::call("print_file", vec![f.reference(), Expr::Array(items).reference(), sep, end]), e.span);
        }
        self.attempt(Expr::call(printer, vec![Expr::Array(items).reference(), sep, end]), e.span)
    }

    /// `owner.method(args)` on a dynamic `Value`: dispatched at run time by the runtime
    /// (`Value::call_method`), with CPython's `AttributeError`/`TypeError`s.
    fn dyn_method_call(&mut self, e: &ast::Expr, owner: &ast::Expr, method: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        if method == "_replace" && args.is_empty() && !keywords.is_empty() {
            // `p._replace(x=1)` on a namedtuple.
            let recv = self.place(owner);
            let pairs = keywords.iter().map(|k| Expr::Tuple(vec![Expr::StrLit(k.name.clone()), self.expr_as(&k.value, &Ty::Dyn)])).collect();
            return self.attempt(Expr::call("namedtuple_replace", vec![recv.reference(), Expr::Vec(pairs)]), e.span);
        }
        if let Some(k) = keywords.first() {
            return self.unsupported(k.span, format!("keyword arguments to the method `{method}` of a value of several types"), "not supported yet");
        }
        if let Some(a) = args.iter().find(|a| matches!(a.kind, ExprKind::Starred(_))) {
            return self.unsupported(a.span, "a starred argument to a method of a value of several types", "not supported yet");
        }
        self.dyn_access = true;
        let recv = self.place(owner);
        let boxed: Vec<Expr> = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
        let call = recv.method("call_method", vec![Expr::StrLit(method.to_string()), Expr::Vec(boxed)]);
        self.attempt(call, e.span)
    }

    fn method_call(&mut self, e: &ast::Expr, owner: &ast::Expr, method: &str, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        if crate::infer::is_dict_fromkeys(self.res, owner, method, args.len(), keywords) {
            return self.dict_fromkeys(e, args);
        }
        if let Some(Binding::Builtin(b)) = self.res.names.get(&owner.id) {
            if matches!(b.as_str(), "str" | "dict" | "list" | "set" | "frozenset" | "tuple" | "int" | "float" | "bool") {
                let hint = format!("call it on a value (`x.{method}(...)`)");
                return self.unsupported(e.span, format!("`{b}.{method}(...)` through the type"), hint);
            }
        }
        if let ExprKind::Call { func, args: sargs, .. } = &owner.kind {
            if matches!(&func.kind, ExprKind::Name(n) if n == "super") && sargs.is_empty() {
                return self.super_call(e, method, args, keywords);
            }
        }
        let ot = self.ty(owner);
        if ot == Ty::File {
            let recv = self.place(owner);
            let call = match (method, args) {
                ("read" | "readline" | "readlines" | "close" | "flush", []) => recv.method(method, vec![]),
                ("write", [a]) if self.ty(a) == Ty::Str => recv.method("write", vec![self.reference(a)]),
                _ => return self.unsupported(e.span, format!("the file method `{method}` with these arguments"), "supported: read(), readline(), readlines(), write(str), close(), flush()"),
            };
            return self.attempt(call, e.span);
        }
        if let (Ty::List(_), "sort") = (&ot, method) {
            if args.is_empty() {
                return self.list_sort(e, owner, keywords);
            }
        }
        match &ot {
            Ty::Gen(_) => return self.generator_method(e, owner, method, args),
            Ty::Module(m) if !(m == "sys" && method == "exit") => return self.module_call(e, &m.clone(), method, args, keywords),
            Ty::Obj(root) => return self.instance_method_call(e, owner, *root, method, args, keywords),
            Ty::Class(c) => {
                let c = *c;
                // `Class.method()` calls the method the class sees; `cls.method()`, whatever
                // subclass `cls` is at run time.
                let tag = if self.is_class_name(owner) { Expr::RawInt(c.0 as i64) } else { self.expr(owner) };
                let exact = self.is_class_name(owner);
                return self.class_method_call(e.span, c, tag, exact, method, args, keywords);
            }
            _ => {}
        }
        if ot == Ty::Dyn {
            return self.dyn_method_call(e, owner, method, args, keywords);
        }
        if ot == Ty::Str && method == "format" {
            return self.str_format(e, owner, args, keywords);
        }
        // Keyword arguments go to their parameter's position (str methods only, yet).
        let kws = keywords.iter().map(|k| (k.name.as_str(), &k.value));
        let slots = match &ot {
            Ty::Str => crate::methods::arg_slots(args, kws, |k| crate::methods::str_keyword(method, k)),
            _ if keywords.is_empty() => Some(args.iter().map(Some).collect()),
            _ => None,
        };
        let Some(slots) = slots else {
            let k = &keywords[0];
            return self.unsupported(k.span, format!("keyword arguments to `{}.{method}`", ot.python_name()), "not supported yet");
        };
        if let (Ty::Str, "startswith" | "endswith") = (&ot, method) {
            if let Some(call) = self.affix_tuple(owner, method, &slots) {
                return call;
            }
        }
        use crate::methods::{dict_method, list_method, set_method, str_method, Arg};
        let sig = match (&ot, method) {
            (Ty::Dict(kt, vt), "get") if (1..=2).contains(&args.len()) => {
                let (kt, vt) = ((**kt).clone(), (**vt).clone());
                let t = self.ty(e);
                let recv = self.place(owner);
                let k = self.expr_as(&args[0], &kt);
                if t == vt && args.len() == 2 {
                    let d = self.expr_as(&args[1], &vt);
                    return self.attempt(recv.method("get_or", vec![k.reference(), d]), e.span);
                }
                // The result may be the default (None or another type): a dynamic value.
                let found = self.attempt(recv.method("get", vec![k.reference()]), e.span);
                let default = match args.get(1) {
                    Some(d) => self.expr_as(d, &t),
                    None => self.coerce(Expr::Unit, &Ty::None, &t, e.span),
                };
                let some = self.coerce(Expr::Var("value".into()), &vt, &t, e.span);
                return Expr::MatchExpr(
                    Box::new(found),
                    vec![
                        (Pat::Variant("Some".into(), vec![Pat::Ident("value".into())]), Block::with_tail(vec![], some)),
                        (Pat::Variant("None".into(), vec![]), Block::with_tail(vec![], default)),
                    ],
                );
            }
            (Ty::Dict(..), "keys" | "values" | "items") if args.is_empty() => {
                return self.unsupported(e.span, format!("`dict.{method}()` as a value"), "iterate over it (or pass it to list()) instead; dict views are not supported yet");
            }
            (Ty::Dict(..), _) => dict_method(method, args.len()),
            (Ty::Set(_), _) => set_method(method, args.len()),
            (Ty::Str, "join") if args.len() == 1 => {
                let recv = self.place(owner);
                let it = self.iterate(&args[0]);
                return match self.elem_ty(&args[0]) {
                    Ty::Str => recv.method("join", vec![it]),
                    _ => {
                        let items = it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(Expr::Var("item".into()).method("into_value", vec![])))]);
                        self.attempt(recv.method("join_values", vec![items]), e.span)
                    }
                };
            }
            (Ty::List(elem), "extend") if args.len() == 1 => {
                let elem = (**elem).clone();
                let recv = self.place(owner);
                let from = self.elem_ty(&args[0]);
                let it = self.iterate(&args[0]);
                // Collected first: `xs.extend(xs)` must not see its own new items.
                let item = self.coerce(Expr::Var("item".into()), &from, &elem, e.span);
                let items = Expr::call("Vec::from_iter", vec![it.method("into_iter", vec![]).method("map", vec![Expr::Closure(vec![Pat::Ident("item".into())], Box::new(item))])]);
                return recv.method("extend", vec![items]);
            }
            (Ty::Str, _) => str_method(method, slots.len()),
            (Ty::List(_), _) => list_method(method, args.len()),
            _ => None,
        };
        if let Some(sig) = sig {
            let (elem, value_ty) = match &ot {
                Ty::List(t) | Ty::Set(t) => ((**t).clone(), Ty::Dyn),
                Ty::Dict(k, v) => ((**k).clone(), (**v).clone()),
                _ => (Ty::Dyn, Ty::Dyn),
            };
            // Arguments of the wrong type would raise TypeError in CPython: refused here.
            for (arg, a) in sig.args.iter().zip(&slots) {
                let Some(a) = a else { continue };
                let at = self.ty(a);
                let fits = at == Ty::Never || match arg {
                    Arg::Int => matches!(at, Ty::Int | Ty::Bool | Ty::Dyn),
                    Arg::OptInt => matches!(at, Ty::Int | Ty::Bool | Ty::Dyn | Ty::None),
                    Arg::Str => matches!(at, Ty::Str | Ty::Dyn),
                    Arg::OptStr => matches!(at, Ty::Str | Ty::Dyn | Ty::None),
                    _ => true,
                };
                if !fits {
                    let types: Vec<String> = args.iter().map(|a| self.ty(a).python_name()).collect();
                    return self.unsupported(a.span, format!("the method `{}.{method}({})`", ot.python_name(), types.join(", ")), format!("{} is not a valid argument here (CPython raises TypeError)", at.python_name()));
                }
            }
            let recv = self.place(owner);
            let mut call_args = Vec::new();
            for (i, arg) in sig.args.iter().enumerate() {
                let a = slots.get(i).copied().flatten();
                call_args.push(match (arg, a) {
                    (Arg::Int, Some(a)) => self.expr_as(a, &Ty::Int).reference(),
                    (Arg::Bool, Some(a)) if matches!(self.ty(a), Ty::Int | Ty::Bool) => self.cond(a),
                    (Arg::Bool, Some(a)) => return self.unsupported(a.span, format!("`{method}` with {}", self.ty(a).python_name()), "an int or bool argument is expected here"),
                    (Arg::Str, Some(a)) => self.expr_as(a, &Ty::Str).reference(),
                    (Arg::OptStr, Some(a)) if matches!(a.kind, ExprKind::None) => Expr::Path("None".into()),
                    (Arg::OptStr, Some(a)) => Expr::call("Some", vec![self.expr_as(a, &Ty::Str).reference()]),
                    (Arg::OptStr, None) => Expr::Path("None".into()),
                    (Arg::OptInt, Some(a)) if matches!(a.kind, ExprKind::None) => Expr::Path("None".into()),
                    (Arg::OptInt, Some(a)) => Expr::call("Some", vec![self.expr_as(a, &Ty::Int).reference()]),
                    (Arg::OptInt, None) => Expr::Path("None".into()),
                    (Arg::Elem, Some(a)) => self.expr_as(a, &elem),
                    (Arg::ElemRef, Some(a)) => self.expr_as(a, &elem).reference(),
                    (Arg::Value, Some(a)) => self.expr_as(a, &value_ty),
                    (Arg::SameRef, Some(a)) if self.ty(a) == ot => self.reference(a),
                    (Arg::SameRef, Some(a)) => return self.unsupported(a.span, format!("`{method}` with {}", self.ty(a).python_name()), "the argument must be of the same type yet"),
                    (_, None) => return self.unsupported(e.span, format!("`{method}` without this argument"), "not supported yet"),
                });
            }
            let call = recv.method(sig.rust, call_args);
            return if sig.fallible { self.attempt(call, e.span) } else { call };
        }
        match (&ot, method, args.len()) {
            (Ty::Module(m), "exit", _) if m == "sys" => self.unsupported(e.span, "`sys.exit()` inside an expression", "call it as a statement"),
            _ => {
                let types: Vec<String> = args.iter().map(|a| self.ty(a).python_name()).collect();
                self.unsupported(e.span, format!("the method `{}.{method}({})`", ot.python_name(), types.join(", ")), "not supported yet")
            }
        }
    }

    // ----- conversions -------------------------------------------------------------------

    /// Converts an owned value from one type to another: the one place where values are boxed
    /// into `Value` and numbers widen.
    fn coerce(&mut self, v: Expr, from: &Ty, to: &Ty, span: Span) -> Expr {
        if from == to || storable(from) == *to {
            return v;
        }
        if *from == Ty::Never {
            // Stored as None (a value nothing ever reached, e.g. the result of a call that
            // never returns).
            return self.coerce(v, &Ty::None, to, span);
        }
        match (from, to) {
            (_, Ty::Dyn) => v.method("into_value", vec![]),
            // Into a variable that may also hold `None` (what a `yield` received).
            (Ty::None, Ty::Opt(_)) if v.is_pure() => Expr::Path("None".into()),
            (Ty::None, Ty::Opt(_)) => Expr::Block(Block::with_tail(vec![Stmt::Expr(v)], Expr::Path("None".into()))),
            (t, Ty::Opt(inner)) if **inner == *t => Expr::call("Some", vec![v]),
            (Ty::Bool, Ty::Int) => Expr::call("Int::from", vec![v]),
            (Ty::Bool, Ty::Float) => Expr::Cast(Box::new(Expr::Cast(Box::new(v), "u8")), "f64"),
            (Ty::Int, Ty::Float) => self.attempt(v.method("to_f64", vec![]), span),
            (Ty::Tuple(a), Ty::Tuple(b)) if a.len() == b.len() => {
                let t = self.tmp("tuple");
                let parts = a
                    .iter()
                    .zip(b)
                    .enumerate()
                    .map(|(i, (x, y))| self.coerce(Expr::Field(Box::new(Expr::Var(t.clone())), i), x, y, span))
                    .collect();
                Expr::Block(Block::with_tail(vec![Stmt::Let { name: t, ty: None, init: Some(v), mutable: false, optional: false }], Expr::Tuple(parts)))
            }
            (Ty::Dyn, t) => self.attempt(Expr::FromValue(Box::new(v), t.clone()), span),
            (Ty::Iter(_), Ty::Iter(b)) if **b == Ty::Dyn => {
                // An iterator whose items now meet other types: box each item.
                Expr::call("PyIter::new", vec![box_result(v.method("into_iter", vec![]), &Ty::Iter(Box::new(Ty::Dyn)))])
            }
            // Types that never meet in a correct program (a function that returns None used as
            // an index, say): through a dynamic value, so the program raises TypeError there.
            (_, t) if !matches!(from, Ty::Iter(_) | Ty::Func(_) | Ty::Module(_) | Ty::Class(_)) && !matches!(t, Ty::Iter(_) | Ty::Func(_) | Ty::Module(_) | Ty::Class(_)) => {
                let boxed = self.coerce(v, from, &Ty::Dyn, span);
                self.attempt(Expr::FromValue(Box::new(boxed), t.clone()), span)
            }
            _ => {
                self.diags.push(Diagnostic::internal(span, format!("cannot convert {} to {}", from.python_name(), to.python_name())));
                v
            }
        }
    }
}

// ----- small helpers ---------------------------------------------------------------------

/// A literal argument of a module function (`None` is `()`).
/// Whether every argument is an int (or a bool, which is one).
fn shapes_are_ints(ts: &[Ty]) -> bool {
    ts.iter().all(|t| matches!(t, Ty::Int | Ty::Bool))
}

fn module_lit(l: crate::modules::Lit) -> Expr {
    use crate::modules::Lit;
    match l {
        Lit::None => Expr::Unit,
        Lit::Bool(b) => Expr::Bool(b),
        Lit::Int(i) => Expr::Int(i),
        Lit::Float(f) => Expr::Float(f),
    }
}

/// An argument of a module function passed as the table says.
fn module_arg(v: Expr, pass: crate::modules::Pass) -> Expr {
    use crate::modules::Pass;
    match pass {
        Pass::Owned | Pass::Skip => v,
        Pass::Ref => v.reference(),
        Pass::Str => v.method("as_str", vec![]),
        Pass::OptOwned => Expr::call("Some", vec![v]),
        Pass::OptRef => Expr::call("Some", vec![v.reference()]),
        Pass::OptStr => Expr::call("Some", vec![v.method("as_str", vec![])]),
    }
}

/// The method Python calls for `a op b`.
pub fn binop_dunder(op: ast::BinOp) -> &'static str {
    match op {
        ast::BinOp::Add => "__add__",
        ast::BinOp::Sub => "__sub__",
        ast::BinOp::Mul => "__mul__",
        ast::BinOp::MatMul => "__matmul__",
        ast::BinOp::Div => "__truediv__",
        ast::BinOp::FloorDiv => "__floordiv__",
        ast::BinOp::Mod => "__mod__",
        ast::BinOp::Pow => "__pow__",
        ast::BinOp::LShift => "__lshift__",
        ast::BinOp::RShift => "__rshift__",
        ast::BinOp::BitOr => "__or__",
        ast::BinOp::BitXor => "__xor__",
        ast::BinOp::BitAnd => "__and__",
    }
}

/// The methods Python tries for `a op b`: `__op__`, the reflected `__rop__` and the in-place
/// `__iop__` (for `a op= b`).
pub fn binop_dunders(op: ast::BinOp) -> (&'static str, String, String) {
    let d = binop_dunder(op);
    (d, format!("__r{}", &d[2..]), format!("__i{}", &d[2..]))
}

/// The method Python calls for a unary operator (`not` has none).
pub fn unary_dunder(op: UnaryOp) -> Option<&'static str> {
    Some(match op {
        UnaryOp::Neg => "__neg__",
        UnaryOp::Pos => "__pos__",
        UnaryOp::Invert => "__invert__",
        UnaryOp::Not => return None,
    })
}

/// The method Python calls for a comparison.
pub fn cmp_dunder(op: CmpOp) -> Option<&'static str> {
    Some(match op {
        CmpOp::Eq => "__eq__",
        CmpOp::NotEq => "__ne__",
        CmpOp::Lt => "__lt__",
        CmpOp::LtE => "__le__",
        CmpOp::Gt => "__gt__",
        CmpOp::GtE => "__ge__",
        _ => return None,
    })
}

/// The functions a function calls directly.
fn callees(res: &Resolution, f: FuncId) -> Vec<FuncId> {
    let mut out = Vec::new();
    let mut visit = |e: &ast::Expr| {
        if let ExprKind::Call { func, .. } = &e.kind {
            if let Some(Binding::Func(g)) = res.names.get(&func.id) {
                out.push(*g);
            }
        }
    };
    match &res.funcs[f.0 as usize].body {
        FuncBody::Stmts(stmts) => visit_stmts_exprs(stmts, &mut visit),
        FuncBody::Expr(e) => visit_expr(e, &mut visit),
    }
    out
}

/// Whether a function can call itself (directly or through others).
fn is_recursive(res: &Resolution, f: FuncId) -> bool {
    let mut seen = HashSet::new();
    let mut stack = callees(res, f);
    while let Some(g) = stack.pop() {
        if g == f {
            return true;
        }
        if seen.insert(g) {
            stack.extend(callees(res, g));
        }
    }
    false
}

/// A type as it is stored in a Rust variable (`Never` and iterators have no storage of their own).
/// A comparison Rust's operator computes exactly as Python's on two machine words.
fn native_cmp(op: CmpOp) -> Option<RB> {
    Some(match op {
        CmpOp::Eq => RB::Eq,
        CmpOp::NotEq => RB::Ne,
        CmpOp::Lt => RB::Lt,
        CmpOp::LtE => RB::Le,
        CmpOp::Gt => RB::Gt,
        CmpOp::GtE => RB::Ge,
        _ => return None,
    })
}

fn storable(t: &Ty) -> Ty {
    match t {
        Ty::Never => Ty::None,
        Ty::Func(_) | Ty::Module(_) => Ty::Dyn,
        other => other.clone(),
    }
}

/// A `PyResult<T>` (or an iterator of them, for `Iter`) with its value boxed into `Value`.
fn box_result(r: Expr, t: &Ty) -> Expr {
    let boxed = Expr::Closure(vec![Pat::Ident("v".into())], Box::new(Expr::Var("v".into()).method("into_value", vec![])));
    match t {
        Ty::Iter(_) => {
            let inner = Expr::Closure(vec![Pat::Ident("r".into())], Box::new(Expr::Var("r".into()).method("map", vec![boxed])));
            r.method("map", vec![inner])
        }
        _ => r.method("map", vec![boxed]),
    }
}

/// An int literal operand that the runtime's `Int op i64` forms take as a plain `i64`
/// (`i64::MIN` stays an `Int`: its literal does not read well in Rust).
fn small_literal(e: &Expr) -> Option<i64> {
    match e {
        Expr::Int(n) if *n != i64::MIN => Some(*n),
        _ => None,
    }
}

/// An `Int` operand of a Rust operator: a place is borrowed, a temporary value moved in (the
/// runtime reuses its storage).
fn int_operand(e: Expr) -> Expr {
    match e {
        Expr::Var(_) | Expr::Field(..) | Expr::NamedField(..) | Expr::Index(..) | Expr::Deref(_) | Expr::Int(_) | Expr::BigInt(_) => e.reference(),
        other => other,
    }
}

/// `place.clone()` for types Rust does not copy.
fn clone_of(place: Expr, t: &Ty) -> Expr {
    if t.is_copy() {
        place
    } else {
        place.method("clone", vec![])
    }
}

/// The `Value` method of a binary operator (none for `@`).
fn dyn_operator_method(op: ast::BinOp) -> Option<&'static str> {
    Some(match op {
        ast::BinOp::Add => "add",
        ast::BinOp::Sub => "sub",
        ast::BinOp::Mul => "mul",
        ast::BinOp::Div => "truediv",
        ast::BinOp::FloorDiv => "floordiv",
        ast::BinOp::Mod => "modulo",
        ast::BinOp::Pow => "pow",
        ast::BinOp::LShift => "lshift",
        ast::BinOp::RShift => "rshift",
        ast::BinOp::BitAnd => "bitand",
        ast::BinOp::BitOr => "bitor",
        ast::BinOp::BitXor => "bitxor",
        ast::BinOp::MatMul => return None,
    })
}

/// Whether `e` makes a new value (a function's result), which is moved rather than cloned.
fn is_fresh_value(e: &Expr) -> bool {
    match e {
        Expr::Call(..) => true,
        Expr::Try { expr, .. } => matches!(**expr, Expr::Call(..)),
        _ => false,
    }
}

fn deref(e: Expr) -> Expr {
    match e {
        Expr::Ref(inner) => *inner,
        other => Expr::Deref(Box::new(other)),
    }
}

fn literal_spec(parts: &[FStringPart]) -> Option<String> {
    let mut s = String::new();
    for p in parts {
        match p {
            FStringPart::Literal(t) => s.push_str(t),
            FStringPart::Value { .. } => return None,
        }
    }
    Some(s)
}

/// Whether CPython's compiler folds this into a constant (literals, and arithmetic on int
/// literals whose result stays within its 128-bit folding limit).
fn is_folded_constant(e: &ast::Expr) -> bool {
    use num_bigint::BigInt;
    fn value(e: &ast::Expr) -> Option<BigInt> {
        match &e.kind {
            ExprKind::Int(i) => Some(i.clone()),
            ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => value(operand).map(|v| -v),
            ExprKind::BinOp { op, left, right } => {
                let (l, r) = (value(left)?, value(right)?);
                let v = match op {
                    ast::BinOp::Add => l + r,
                    ast::BinOp::Sub => l - r,
                    ast::BinOp::Mul => l * r,
                    ast::BinOp::Pow => {
                        let exp: u32 = r.try_into().ok()?;
                        if l.bits() as u64 * exp as u64 > 128 {
                            return None;
                        }
                        l.pow(exp)
                    }
                    _ => return None,
                };
                (v.bits() <= 128).then_some(v)
            }
            _ => None,
        }
    }
    is_immutable_literal(e) || value(e).is_some()
}

/// The variables generator expressions kept for later read and that are bound again (in
/// functions that are not generators themselves, and the module body): see `late_cells`.
fn late_bound_cells(module: &ast::Module, res: &Resolution) -> HashSet<(ScopeId, String)> {
    let mut bodies: Vec<(&[ast::Stmt], &[ast::Param])> = vec![(&module.body, &[])];
    for f in &res.funcs {
        if let FuncBody::Stmts(b) = &f.body {
            if !crate::ast::has_yield(b) {
                bodies.push((b, &f.params));
            }
        }
    }
    let mut out = HashSet::new();
    for (body, params) in bodies {
        let fixed = itertools::fixed_names(body, params);
        let note_genexp = |g: &ast::Expr, out: &mut HashSet<(ScopeId, String)>| {
            let ExprKind::GenExp { elt, generators } = &g.kind else { return };
            let own = res.comps.get(&g.id).copied();
            let mut note = |x: &ast::Expr| {
                if let (ExprKind::Name(n), Some(Binding::Var(s, _))) = (&x.kind, res.names.get(&x.id)) {
                    let shared_global = *s == MODULE_SCOPE && res.scopes[0].shared.contains(n);
                    if Some(*s) != own && !shared_global && !fixed.contains(n) {
                        out.insert((*s, n.clone()));
                    }
                }
            };
            visit_expr(elt, &mut note);
            for (i, c) in generators.iter().enumerate() {
                c.ifs.iter().for_each(|x| visit_expr(x, &mut note));
                if i > 0 {
                    visit_expr(&c.iter, &mut note);
                }
            }
        };
        for s in body.iter() {
            crate::ast::walk_stmts(std::slice::from_ref(s), &mut |st| match &st.kind {
                StmtKind::Assign { value, .. } | StmtKind::AnnAssign { value: Some(value), .. } | StmtKind::Return(Some(value)) => note_genexp(value, &mut out),
                _ => {}
            });
        }
        visit_stmts_exprs(body, &mut |e| match &e.kind {
            ExprKind::List(elts) | ExprKind::Tuple(elts) => elts.iter().for_each(|x| note_genexp(x, &mut out)),
            ExprKind::ListComp { elt, .. } | ExprKind::SetComp { elt, .. } | ExprKind::GenExp { elt, .. } => note_genexp(elt, &mut out),
            ExprKind::Call { func, args, .. } if !matches!(res.names.get(&func.id), Some(Binding::Builtin(_))) => args.iter().for_each(|x| note_genexp(x, &mut out)),
            _ => {}
        });
    }
    out
}

/// The names `del name` statements unbind in this scope (not in nested functions).
/// A tuple type of the target's shape (`(a, (b, c))`), its names dynamic values.
fn target_shape(target: &ast::Expr) -> Ty {
    match &target.kind {
        ExprKind::Tuple(elts) => Ty::Tuple(elts.iter().map(target_shape).collect()),
        _ => Ty::Dyn,
    }
}

fn deleted_names(stmts: &[ast::Stmt]) -> Vec<String> {
    let mut out = Vec::new();
    for s in stmts {
        match &s.kind {
            StmtKind::Delete(targets) => out.extend(targets.iter().filter_map(|t| match &t.kind {
                ExprKind::Name(n) => Some(n.clone()),
                _ => None,
            })),
            StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                out.extend(deleted_names(body));
                out.extend(deleted_names(orelse));
            }
            StmtKind::With { body, .. } => out.extend(deleted_names(body)),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                out.extend(deleted_names(body));
                for h in handlers {
                    out.extend(deleted_names(&h.body));
                }
                out.extend(deleted_names(orelse));
                out.extend(deleted_names(finalbody));
            }
            _ => {}
        }
    }
    out
}

/// Module globals bound once, to a number, before any code that could read them runs (only
/// imports, docstrings, plain `def`s and other such constants come first), and never rebound
/// (`global` in a function, `del`): reading one anywhere gives that number.
fn module_constants(body: &[ast::Stmt]) -> HashMap<String, &ast::Expr> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    collect_bindings(body, &mut |n, _| *counts.entry(n.to_string()).or_default() += 1);
    let mut rebound: HashSet<String> = HashSet::new();
    crate::ast::walk_stmts(body, &mut |s| match &s.kind {
        StmtKind::Global(names) => rebound.extend(names.iter().cloned()),
        StmtKind::Delete(targets) => {
            for t in targets {
                if let ExprKind::Name(n) = &t.kind {
                    rebound.insert(n.clone());
                }
            }
        }
        _ => {}
    });
    let numeric = |e: &ast::Expr| match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Bool(_) => true,
        ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_)),
        _ => is_folded_constant(e) && !is_immutable_literal(e),
    };
    let mut consts = HashMap::new();
    for s in body {
        match &s.kind {
            StmtKind::Assign { targets, value } if targets.len() == 1 && numeric(value) => {
                if let ExprKind::Name(n) = &targets[0].kind {
                    if counts.get(n) == Some(&1) && !rebound.contains(n) {
                        consts.insert(n.clone(), value);
                    }
                }
            }
            StmtKind::AnnAssign { target, value: Some(value), .. } if numeric(value) => {
                if let ExprKind::Name(n) = &target.kind {
                    if counts.get(n) == Some(&1) && !rebound.contains(n) {
                        consts.insert(n.clone(), value);
                    }
                }
            }
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } | StmtKind::Pass => {}
            StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_)) => {}
            StmtKind::FunctionDef(def) if def.decorators.is_empty() && def.params.iter().all(|p| p.default.as_ref().is_none_or(is_immutable_literal)) => {}
            // Anything else may run code that reads a global assigned later.
            _ => break,
        }
    }
    consts
}

fn is_immutable_literal(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::None => true,
        ExprKind::UnaryOp { operand, .. } => is_immutable_literal(operand),
        ExprKind::Tuple(elts) => elts.iter().all(is_immutable_literal),
        _ => false,
    }
}

fn target_names(t: &ast::Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Starred(inner) => target_names(inner, out),
        ExprKind::Tuple(elts) => elts.iter().for_each(|e| target_names(e, out)),
        _ => {}
    }
}

/// Calls `f` on the expressions a target reads (subscript containers and indices).
fn target_reads(t: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    match &t.kind {
        ExprKind::Subscript { value, index } => {
            f(value);
            f(index);
        }
        // `obj.attr = v` reads `obj`.
        ExprKind::Attribute { value, .. } => f(value),
        ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().for_each(|e| target_reads(e, f)),
        ExprKind::Starred(inner) => target_reads(inner, f),
        _ => {}
    }
}

/// Whether a loop body has a `try` or `with` of its own (not inside a nested loop).
fn has_try(stmts: &[ast::Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Try { .. } | StmtKind::With { .. } => true,
        StmtKind::If { body, orelse, .. } => has_try(body) || has_try(orelse),
        _ => false,
    })
}

/// Whether a statement list always leaves by `return`, `break` or `continue`.
fn ends_flow(stmts: &[ast::Stmt]) -> bool {
    match stmts.last().map(|s| &s.kind) {
        Some(StmtKind::Return(_) | StmtKind::Break | StmtKind::Continue | StmtKind::Raise { .. }) => true,
        Some(StmtKind::If { body, orelse, .. }) => ends_flow(body) && ends_flow(orelse),
        _ => false,
    }
}

/// Visits every expression of a statement list (nested function bodies excluded), sub-expressions included.
pub fn visit_stmts_exprs(stmts: &[ast::Stmt], f: &mut dyn FnMut(&ast::Expr)) {
    for s in stmts {
        match &s.kind {
            StmtKind::Expr(e) | StmtKind::Return(Some(e)) => visit_expr(e, f),
            StmtKind::Assign { targets, value } => {
                visit_expr(value, f);
                targets.iter().for_each(|t| visit_expr(t, f));
            }
            StmtKind::AugAssign { target, value, .. } => {
                visit_expr(target, f);
                visit_expr(value, f);
            }
            StmtKind::AnnAssign { target, value, .. } => {
                visit_expr(target, f);
                if let Some(v) = value {
                    visit_expr(v, f);
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                visit_expr(target, f);
                visit_expr(iter, f);
                visit_stmts_exprs(body, f);
                visit_stmts_exprs(orelse, f);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                visit_expr(test, f);
                visit_stmts_exprs(body, f);
                visit_stmts_exprs(orelse, f);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                visit_stmts_exprs(body, f);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        visit_expr(t, f);
                    }
                    visit_stmts_exprs(&h.body, f);
                }
                visit_stmts_exprs(orelse, f);
                visit_stmts_exprs(finalbody, f);
            }
            StmtKind::With { items, body } => {
                for (m, v) in items {
                    visit_expr(m, f);
                    if let Some(v) = v {
                        visit_expr(v, f);
                    }
                }
                visit_stmts_exprs(body, f);
            }
            StmtKind::Raise { exc, cause } => exc.iter().chain(cause).for_each(|e| visit_expr(e, f)),
            StmtKind::Delete(targets) => targets.iter().for_each(|e| visit_expr(e, f)),
            StmtKind::Assert { test, msg } => {
                visit_expr(test, f);
                if let Some(m) = msg {
                    visit_expr(m, f);
                }
            }
            _ => {}
        }
    }
}

pub fn visit_expr(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    f(e);
    match &e.kind {
        ExprKind::BinOp { left, right, .. } => {
            visit_expr(left, f);
            visit_expr(right, f);
        }
        ExprKind::UnaryOp { operand, .. } => visit_expr(operand, f),
        ExprKind::BoolOp { values, .. } | ExprKind::List(values) | ExprKind::Tuple(values) => values.iter().for_each(|v| visit_expr(v, f)),
        ExprKind::Compare { left, ops } => {
            visit_expr(left, f);
            ops.iter().for_each(|(_, x)| visit_expr(x, f));
        }
        ExprKind::Call { func, args, keywords } => {
            visit_expr(func, f);
            args.iter().for_each(|a| visit_expr(a, f));
            keywords.iter().for_each(|k| visit_expr(&k.value, f));
        }
        ExprKind::IfExp { test, body, orelse } => {
            visit_expr(test, f);
            visit_expr(body, f);
            visit_expr(orelse, f);
        }
        ExprKind::ListComp { elt, generators } | ExprKind::GenExp { elt, generators } => {
            visit_expr(elt, f);
            for g in generators {
                visit_expr(&g.target, f);
                visit_expr(&g.iter, f);
                g.ifs.iter().for_each(|c| visit_expr(c, f));
            }
        }
        ExprKind::Subscript { value, index } => {
            visit_expr(value, f);
            visit_expr(index, f);
        }
        ExprKind::Attribute { value, .. } => visit_expr(value, f),
        ExprKind::FString(parts) => visit_fstring(parts, f),
        ExprKind::Slice { lower, upper, step } => [lower, upper, step].into_iter().flatten().for_each(|x| visit_expr(x, f)),
        ExprKind::Starred(inner) | ExprKind::YieldFrom(inner) => visit_expr(inner, f),
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                visit_expr(v, f);
            }
        }
        ExprKind::Dict(pairs) => pairs.iter().for_each(|(k, v)| {
            visit_expr(k, f);
            visit_expr(v, f);
        }),
        ExprKind::Set(values) => values.iter().for_each(|v| visit_expr(v, f)),
        ExprKind::SetComp { elt, generators } => {
            visit_expr(elt, f);
            visit_comprehension(generators, f);
        }
        ExprKind::DictComp { key, value, generators } => {
            visit_expr(key, f);
            visit_expr(value, f);
            visit_comprehension(generators, f);
        }
        ExprKind::Lambda { .. } | ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bool(_) | ExprKind::None | ExprKind::Name(_) => {}
    }
}

fn visit_comprehension(generators: &[ast::Comprehension], f: &mut dyn FnMut(&ast::Expr)) {
    for g in generators {
        visit_expr(&g.target, f);
        visit_expr(&g.iter, f);
        g.ifs.iter().for_each(|c| visit_expr(c, f));
    }
}

fn visit_fstring(parts: &[FStringPart], f: &mut dyn FnMut(&ast::Expr)) {
    for p in parts {
        if let FStringPart::Value { value, spec, .. } = p {
            visit_expr(value, f);
            visit_fstring(spec, f);
        }
    }
}

impl Expr {
    fn reference_mut(self) -> Expr {
        Expr::RefMut(Box::new(self))
    }
}
