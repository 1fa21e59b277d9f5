//! Type inference over the whole (unannotated) program.
//!
//! Scalars flow: a variable's type is the join of every value assigned to it, and where
//! different types meet the join is `Dyn` (the runtime's dynamic value), there and only there.
//! Containers unify: lists are shared by reference, so every variable that may hold the same
//! list must agree on its element type; element types are union-find variables.
//! A function's parameters join the argument types of all its call sites; its return type joins
//! its `return`s. The walk repeats until nothing changes (the lattice is finite in practice; a
//! depth cap turns runaway nesting into `Dyn`).

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::ops::{binop_rule, unary_rule, BinImpl};
use crate::resolve::{Binding, ClassId, FuncBody, FuncId, MethodKind, Resolution, ScopeId};
use crate::types::Ty;
use std::collections::{HashMap, HashSet};

mod itertools;

/// The result: a type for every expression, variable and function.
#[derive(Debug, Default)]
pub struct Types {
    pub exprs: Vec<Ty>,
    pub vars: HashMap<(ScopeId, String), Ty>,
    /// Attributes of each class hierarchy (by root): instance fields and class attributes.
    pub attrs: HashMap<(ClassId, String), Ty>,
    pub params: Vec<Vec<Ty>>,
    /// What calling each function gives (a generator function: `Ty::Gen`).
    pub returns: Vec<Ty>,
    /// For each generator function, the type of the values it yields (`Never` for others).
    pub yields: Vec<Ty>,
    /// For each generator function, the type its `return` gives `StopIteration.value` (a
    /// generator's entry in `returns` is what calling it gives: `Ty::Gen`).
    pub gen_returns: Vec<Ty>,
    /// For each generator function, what its `send` takes: `None` when only `None` is ever
    /// sent, one scalar type when every `send` passes that type (its `yield`s then evaluate to
    /// `Opt` of it, since `next()` gives `None`), else `Dyn`.
    pub sent: Vec<Ty>,
    /// Instances of `list`/`dict` subclasses used as the builtin value they hold (`s.append`,
    /// `len(s)`, `s[0]`, `for x in s` where the class does not define the method): the
    /// expression's type is the builtin's, its instance's hierarchy is kept here.
    pub base_views: HashMap<ExprId, ClassId>,
}

impl Types {
    pub fn expr(&self, e: &Expr) -> &Ty {
        &self.exprs[e.id.0 as usize]
    }

    pub fn var(&self, scope: ScopeId, name: &str) -> Ty {
        self.vars.get(&(scope, name.to_string())).cloned().unwrap_or(Ty::Never)
    }

    pub fn attr(&self, root: ClassId, name: &str) -> Ty {
        self.attrs.get(&(root, name.to_string())).cloned().unwrap_or(Ty::Never)
    }
}

type Var = u32;

/// Inference-time types: like [`Ty`] but list elements are variables.
#[derive(Clone, Debug, PartialEq)]
enum ITy {
    Never,
    Int,
    Float,
    Bool,
    Str,
    None,
    List(Var),
    Dict(Var, Var),
    Set(Var),
    Tuple(Vec<ITy>),
    Iter(Box<ITy>),
    Func(FuncId),
    Gen(FuncId),
    Range,
    Module(String),
    Exc,
    Obj(ClassId),
    Class(ClassId),
    File,
    /// `None` or this scalar (see `Ty::Opt`).
    Opt(Box<ITy>),
    Dyn,
}

const MAX_DEPTH: usize = 6;

#[derive(Default)]
struct Solver {
    parent: Vec<Var>,
    ty: Vec<ITy>,
    changed: bool,
    /// Each user class's base, to join two classes of one hierarchy to their common base.
    class_base: Vec<Option<ClassId>>,
    /// Functions whose values meet other values (a list of different lambdas, a parameter
    /// receiving several functions): called with arguments of any type.
    escaped: std::collections::BTreeSet<FuncId>,
}

impl Solver {
    fn fresh(&mut self) -> Var {
        let v = self.parent.len() as Var;
        self.parent.push(v);
        self.ty.push(ITy::Never);
        v
    }

    fn find(&mut self, v: Var) -> Var {
        let mut r = v;
        while self.parent[r as usize] != r {
            r = self.parent[r as usize];
        }
        let mut x = v;
        while self.parent[x as usize] != r {
            let next = self.parent[x as usize];
            self.parent[x as usize] = r;
            x = next;
        }
        r
    }

    fn get(&mut self, v: Var) -> ITy {
        let r = self.find(v);
        self.ty[r as usize].clone()
    }

    /// Canonical form (list variables replaced by their representatives, depth capped).
    fn norm(&mut self, t: &ITy, depth: usize) -> ITy {
        if depth > MAX_DEPTH {
            return ITy::Dyn;
        }
        match t {
            ITy::List(v) => ITy::List(self.find(*v)),
            ITy::Dict(k, v) => ITy::Dict(self.find(*k), self.find(*v)),
            ITy::Set(v) => ITy::Set(self.find(*v)),
            ITy::Tuple(ts) => ITy::Tuple(ts.iter().map(|t| self.norm(t, depth + 1)).collect()),
            ITy::Iter(t) => ITy::Iter(Box::new(self.norm(t, depth + 1))),
            other => other.clone(),
        }
    }

    fn join(&mut self, a: &ITy, b: &ITy) -> ITy {
        match (a, b) {
            (ITy::Never, x) | (x, ITy::Never) => x.clone(),
            (ITy::Dyn, x) | (x, ITy::Dyn) => {
                self.make_dyn(x);
                ITy::Dyn
            }
            (ITy::List(x), ITy::List(y)) => {
                self.unify(*x, *y);
                ITy::List(self.find(*x))
            }
            (ITy::Dict(k1, v1), ITy::Dict(k2, v2)) => {
                self.unify(*k1, *k2);
                self.unify(*v1, *v2);
                ITy::Dict(self.find(*k1), self.find(*v1))
            }
            (ITy::Set(x), ITy::Set(y)) => {
                self.unify(*x, *y);
                ITy::Set(self.find(*x))
            }
            (ITy::Tuple(xs), ITy::Tuple(ys)) if xs.len() == ys.len() => {
                ITy::Tuple(xs.iter().zip(ys).map(|(x, y)| self.join(x, y)).collect())
            }
            (ITy::Iter(x), ITy::Iter(y)) => ITy::Iter(Box::new(self.join(x, y))),
            (ITy::Class(x), ITy::Class(y)) if x != y => match self.common_base(*x, *y) {
                Some(c) => ITy::Class(c),
                None => ITy::Dyn,
            },
            // A variable holding what a `yield` received may also be given `None` or that type.
            (ITy::Opt(x), ITy::None) | (ITy::None, ITy::Opt(x)) => ITy::Opt(x.clone()),
            (ITy::Opt(x), y) | (y, ITy::Opt(x)) if **x == *y => ITy::Opt(x.clone()),
            (a, b) if a == b => a.clone(),
            (a, b) => {
                self.make_dyn(a);
                self.make_dyn(b);
                ITy::Dyn
            }
        }
    }

    /// A container that meets `Dyn` is stored as dynamic values all the way down.
    fn make_dyn(&mut self, t: &ITy) {
        match t {
            ITy::List(v) | ITy::Set(v) => self.var_to_dyn(*v),
            ITy::Dict(k, v) => {
                self.var_to_dyn(*k);
                self.var_to_dyn(*v);
            }
            ITy::Tuple(ts) => ts.iter().for_each(|t| self.make_dyn(t)),
            ITy::Iter(t) => self.make_dyn(t),
            ITy::Func(f) => {
                if self.escaped.insert(*f) {
                    self.changed = true;
                }
            }
            _ => {}
        }
    }

    /// Element types that contain themselves (`t = (name, [t, ...])` passed to the same
    /// parameter at every depth) have no finite Rust type: they become dynamic values.
    fn break_cycles(&mut self) {
        for v in 0..self.parent.len() as Var {
            if self.find(v) != v {
                continue;
            }
            let t = self.ty[v as usize].clone();
            if self.reaches(v, &t, &mut HashSet::new()) {
                // Dyn first, so making its parts dynamic stops when it meets this one again.
                let old = std::mem::replace(&mut self.ty[v as usize], ITy::Dyn);
                self.changed = true;
                self.make_dyn(&old);
            }
        }
    }

    /// Whether `target` is among the element types of `t`, at any depth.
    fn reaches(&mut self, target: Var, t: &ITy, seen: &mut HashSet<Var>) -> bool {
        let vars = match t {
            ITy::List(v) | ITy::Set(v) => vec![*v],
            ITy::Dict(k, v) => vec![*k, *v],
            ITy::Tuple(ts) => return ts.clone().iter().any(|t| self.reaches(target, t, seen)),
            ITy::Iter(t) => return self.reaches(target, &t.clone(), seen),
            _ => Vec::new(),
        };
        for v in vars {
            let r = self.find(v);
            if r == target {
                return true;
            }
            if seen.insert(r) {
                let t = self.ty[r as usize].clone();
                if self.reaches(target, &t, seen) {
                    return true;
                }
            }
        }
        false
    }

    fn var_to_dyn(&mut self, v: Var) {
        let r = self.find(v);
        if self.ty[r as usize] != ITy::Dyn {
            self.join_into(r, &ITy::Dyn);
        }
    }

    fn join_into(&mut self, v: Var, t: &ITy) {
        let cur = self.get(v);
        let joined = self.join(&cur, t);
        let new = self.norm(&joined, 0);
        let r = self.find(v);
        let old = self.ty[r as usize].clone();
        let old = self.norm(&old, 0);
        if old != new {
            self.ty[r as usize] = new;
            self.changed = true;
        }
    }

    fn unify(&mut self, a: Var, b: Var) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        self.parent[rb as usize] = ra;
        self.changed = true;
        let tb = self.ty[rb as usize].clone();
        self.join_into(ra, &tb);
    }

    fn common_base(&self, a: ClassId, b: ClassId) -> Option<ClassId> {
        let chain = |mut c: ClassId| {
            let mut out = vec![c];
            while let Some(Some(p)) = self.class_base.get(c.0 as usize) {
                out.push(*p);
                c = *p;
            }
            out
        };
        let bs = chain(b);
        chain(a).into_iter().find(|c| bs.contains(c))
    }

    fn concrete(&mut self, t: &ITy, depth: usize) -> Ty {
        if depth > MAX_DEPTH {
            return Ty::Dyn;
        }
        match t {
            ITy::Never => Ty::Never,
            ITy::Int => Ty::Int,
            ITy::Float => Ty::Float,
            ITy::Bool => Ty::Bool,
            ITy::Str => Ty::Str,
            ITy::None => Ty::None,
            ITy::Dyn => Ty::Dyn,
            ITy::List(v) => {
                let elem = self.get(*v);
                match self.concrete(&elem, depth + 1) {
                    // An empty list nothing is ever added to: any element type will do.
                    Ty::Never => Ty::List(Box::new(Ty::Dyn)),
                    t => Ty::List(Box::new(t)),
                }
            }
            ITy::Dict(k, v) => {
                let (kt, vt) = (self.get(*k), self.get(*v));
                let key = match self.concrete(&kt, depth + 1) {
                    Ty::Never => Ty::Dyn,
                    t => t,
                };
                let value = match self.concrete(&vt, depth + 1) {
                    Ty::Never => Ty::Dyn,
                    t => t,
                };
                Ty::Dict(Box::new(key), Box::new(value))
            }
            ITy::Set(v) => {
                let et = self.get(*v);
                match self.concrete(&et, depth + 1) {
                    Ty::Never => Ty::Set(Box::new(Ty::Dyn)),
                    t => Ty::Set(Box::new(t)),
                }
            }
            ITy::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.concrete(t, depth + 1)).collect()),
            ITy::Iter(t) => Ty::Iter(Box::new(self.concrete(t, depth + 1))),
            ITy::Func(f) => Ty::Func(*f),
            ITy::Gen(f) => Ty::Gen(*f),
            ITy::Range => Ty::Range,
            ITy::Module(m) => Ty::Module(m.clone()),
            ITy::Exc => Ty::Exc,
            ITy::Obj(c) => Ty::Obj(*c),
            ITy::Class(c) => Ty::Class(*c),
            ITy::File => Ty::File,
            ITy::Opt(t) => Ty::Opt(Box::new(self.concrete(t, depth + 1))),
        }
    }
}

pub fn infer(module: &Module, res: &Resolution) -> Result<Types, Vec<Diagnostic>> {
    let mut inf = Infer {
        res,
        s: Solver::default(),
        vars: HashMap::new(),
        returns: Vec::new(),
        yields: Vec::new(),
        sent: Vec::new(),
        sends_settled: false,
        memo: HashMap::new(),
        attrs: HashMap::new(),
        kw_vars: HashMap::new(),
        exprs: vec![ITy::Never; module.expr_count as usize],
        func: None,
        roles: if res.classes.iter().any(|c| c.builtin_base.is_some()) { roles(module) } else { HashMap::new() },
        base_views: HashMap::new(),
    };
    for _ in &res.funcs {
        let v = inf.s.fresh();
        inf.returns.push(v);
        let y = inf.s.fresh();
        inf.yields.push(y);
        let sent = inf.s.fresh();
        inf.sent.push(sent);
    }
    inf.s.class_base = res.classes.iter().map(|c| c.base).collect();
    let mut rounds = 0;
    loop {
        inf.s.changed = false;
        inf.func = None;
        inf.star_params();
        inf.escaped_params();
        inf.classes();
        inf.stmts(&module.body);
        for (i, f) in res.funcs.iter().enumerate() {
            inf.func = Some(FuncId(i as u32));
            for p in &f.params {
                if let Some(d) = &p.default {
                    let t = inf.expr(d);
                    let v = inf.var(f.scope, &p.name);
                    inf.s.join_into(v, &t);
                }
            }
            match &f.body {
                FuncBody::Stmts(body) => {
                    inf.stmts(body);
                    if !always_returns(body) {
                        let r = inf.returns[i];
                        inf.s.join_into(r, &ITy::None);
                    }
                }
                FuncBody::Expr(e) => {
                    let t = inf.expr(e);
                    let r = inf.returns[i];
                    inf.s.join_into(r, &t);
                }
            }
        }
        rounds += 1;
        if !inf.s.changed && !inf.sends_settled {
            // Every `send` seen: a `yield` of a generator never sent a value gives `None`.
            inf.sends_settled = true;
            inf.s.changed = true;
        }
        if !inf.s.changed {
            // Parameters no call site ever reaches (an uncalled function) could be anything.
            for f in &res.funcs {
                for p in &f.params {
                    let v = inf.var(f.scope, &p.name);
                    if inf.s.get(v) == ITy::Never {
                        inf.s.join_into(v, &ITy::Dyn);
                    }
                }
            }
        }
        if !inf.s.changed {
            inf.s.break_cycles();
        }
        if !inf.s.changed {
            // Containers nothing is ever put in (`[]`): their items, and what iterates over
            // them, could be anything.
            let mut elems: Vec<Var> = inf.memo.values().copied().collect();
            elems.sort_unstable();
            for v in elems {
                if inf.s.get(v) == ITy::Never {
                    inf.s.join_into(v, &ITy::Dyn);
                }
            }
        }
        if !inf.s.changed {
            break;
        }
        if rounds > 100 {
            return Err(vec![Diagnostic::internal(Default::default(), "type inference did not converge")]);
        }
    }
    Ok(inf.finish())
}

/// Whether control can never fall off the end of `stmts` (conservative).
pub fn always_returns(stmts: &[Stmt]) -> bool {
    match stmts.last().map(|s| &s.kind) {
        Some(StmtKind::Return(_) | StmtKind::Raise { .. }) => true,
        Some(StmtKind::If { body, orelse, .. }) => always_returns(body) && always_returns(orelse),
        Some(StmtKind::Try { body, handlers, orelse, finalbody }) => {
            always_returns(finalbody)
                || ((always_returns(body) || always_returns(orelse)) && handlers.iter().all(|h| always_returns(&h.body)))
        }
        Some(StmtKind::While { test, body, .. }) => {
            matches!(test.kind, ExprKind::Bool(true)) && !contains_break(body)
        }
        _ => false,
    }
}

/// Whether a loop body has a `break` for this loop (not nested loops').
pub fn contains_break(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Break => true,
        StmtKind::If { body, orelse, .. } => contains_break(body) || contains_break(orelse),
        _ => false,
    })
}

struct Infer<'a> {
    res: &'a Resolution,
    s: Solver,
    vars: HashMap<(ScopeId, String), Var>,
    returns: Vec<Var>,
    /// What each generator function yields.
    yields: Vec<Var>,
    /// For each generator function, the join of the values its `send` is called with (`None`
    /// left out: a paused `yield` may always receive it, from `next`).
    sent: Vec<Var>,
    /// Whether the `send`s have all been seen: until then, a `yield` of a generator not sent
    /// anything yet gives `Never` (no conclusion), not `None` (which would widen, for good,
    /// what it meets before the `send`s, later in the program, are seen).
    sends_settled: bool,
    /// Element variables of list-producing expressions, by expression (stable across rounds).
    memo: HashMap<(ExprId, u8), Var>,
    /// Attribute variables of class hierarchies, by root.
    attrs: HashMap<(ClassId, String), Var>,
    /// The key and value variables of each function's `**kwargs` dict.
    kw_vars: HashMap<FuncId, (Var, Var)>,
    exprs: Vec<ITy>,
    func: Option<FuncId>,
    /// For expressions whose value Python asks for a method (an attribute's owner, an
    /// operand, a subscripted or iterated value): that method's name.
    roles: HashMap<ExprId, String>,
    base_views: HashMap<ExprId, ClassId>,
}

impl<'a> Infer<'a> {
    fn finish(mut self) -> Types {
        let mut types = Types::default();
        let exprs = std::mem::take(&mut self.exprs);
        types.exprs = exprs.iter().map(|t| self.s.concrete(t, 0)).collect();
        let vars: Vec<_> = self.vars.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (k, v) in vars {
            let t = self.s.get(v);
            types.vars.insert(k, self.s.concrete(&t, 0));
        }
        for f in &self.res.funcs {
            let ps = f.params.iter().map(|p| types.var(f.scope, &p.name)).collect();
            types.params.push(ps);
        }
        let attrs: Vec<_> = self.attrs.iter().map(|(k, v)| (k.clone(), *v)).collect();
        for (k, v) in attrs {
            let t = self.s.get(v);
            types.attrs.insert(k, self.s.concrete(&t, 0));
        }
        for (i, v) in self.returns.clone().into_iter().enumerate() {
            let t = self.s.get(v);
            let t = self.s.concrete(&t, 0);
            if self.is_generator(FuncId(i as u32)) {
                types.returns.push(Ty::Gen(FuncId(i as u32)));
                types.gen_returns.push(t);
            } else {
                types.returns.push(t);
                types.gen_returns.push(Ty::Never);
            }
        }
        for v in self.yields.clone() {
            let t = self.s.get(v);
            types.yields.push(self.s.concrete(&t, 0));
        }
        for v in self.sent.clone() {
            let t = match self.s.get(v) {
                ITy::Never | ITy::None => Ty::None,
                t @ (ITy::Int | ITy::Float | ITy::Bool | ITy::Str) => self.s.concrete(&t, 0),
                _ => Ty::Dyn,
            };
            types.sent.push(t);
        }
        types.base_views = std::mem::take(&mut self.base_views);
        types
    }

    /// The scope an `except ... as name` binds in: the function being walked, or the module.
    fn handler_scope(&self, _name: &str) -> Option<ScopeId> {
        Some(match self.func {
            Some(f) => self.res.funcs[f.0 as usize].scope,
            None => crate::resolve::MODULE_SCOPE,
        })
    }

    fn var(&mut self, scope: ScopeId, name: &str) -> Var {
        if let Some(&v) = self.vars.get(&(scope, name.to_string())) {
            return v;
        }
        let v = self.s.fresh();
        self.vars.insert((scope, name.to_string()), v);
        v
    }

    fn attr_var(&mut self, class: ClassId, name: &str) -> Var {
        let root = if class == crate::resolve::EXC_ATTRS || self.res.is_exception_class(class) { crate::resolve::EXC_ATTRS } else { self.res.root(class) };
        if let Some(&v) = self.attrs.get(&(root, name.to_string())) {
            return v;
        }
        let v = self.s.fresh();
        self.attrs.insert((root, name.to_string()), v);
        v
    }

    /// `*args` is a tuple of anything (a dynamic value); `**kwargs` a dict from str.
    fn star_params(&mut self) {
        for (i, f) in self.res.funcs.iter().enumerate() {
            for p in &f.params {
                let v = self.var(f.scope, &p.name);
                match p.kind {
                    ParamKind::VarArgs => self.s.join_into(v, &ITy::Dyn),
                    ParamKind::VarKeywords => {
                        let (k, vv) = match self.kw_vars.get(&FuncId(i as u32)) {
                            Some(&kv) => kv,
                            None => {
                                let kv = (self.s.fresh(), self.s.fresh());
                                self.kw_vars.insert(FuncId(i as u32), kv);
                                kv
                            }
                        };
                        self.s.join_into(k, &ITy::Str);
                        self.s.join_into(v, &ITy::Dict(k, vv));
                    }
                    _ => {}
                }
            }
        }
    }

    /// Functions called through dynamic values take arguments of any type.
    fn escaped_params(&mut self) {
        for f in self.s.escaped.clone() {
            let func = &self.res.funcs[f.0 as usize];
            for p in &func.params {
                if matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly) {
                    let v = self.var(func.scope, &p.name);
                    self.s.join_into(v, &ITy::Dyn);
                }
            }
        }
    }

    /// Class-level facts: `self` parameters, class attributes, dataclass fields.
    fn classes(&mut self) {
        for (i, c) in self.res.classes.iter().enumerate() {
            let id = ClassId(i as u32);
            let root = self.res.root(id);
            for (name, value) in &c.attrs {
                let t = self.expr(value);
                let v = self.attr_var(id, name);
                self.s.join_into(v, &t);
            }
            for (name, default) in &c.fields {
                let v = self.attr_var(id, name);
                if let Some(d) = default {
                    let t = self.expr(d);
                    self.s.join_into(v, &t);
                }
            }
            let instance = if self.res.is_exception_class(id) { ITy::Exc } else { ITy::Obj(root) };
            for (_, f) in &c.methods {
                let func = &self.res.funcs[f.0 as usize];
                let first = match func.kind {
                    MethodKind::Instance | MethodKind::Property => Some(instance.clone()),
                    MethodKind::Class => Some(ITy::Class(id)),
                    _ => None,
                };
                if let (Some(t), Some(p)) = (first, func.params.first()) {
                    let v = self.var(func.scope, &p.name);
                    self.s.join_into(v, &t);
                }
                // Containers compare their items with `__eq__` (`in`, `list.index`, sets and
                // dicts), `sorted`/`max`/`min` with `__lt__`..: the other operand is an
                // instance too.
                if matches!(func.name.as_str(), "__eq__" | "__lt__" | "__le__" | "__gt__" | "__ge__") && instance != ITy::Exc {
                    if let Some(p) = func.params.get(1) {
                        let v = self.var(func.scope, &p.name);
                        self.s.join_into(v, &instance);
                    }
                }
            }
        }
    }

    /// Joins call arguments into a function's parameters (skipping `skip` leading ones, e.g.
    /// `self`) and gives its return type.
    fn call_func(&mut self, f: FuncId, skip: usize, args: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        let def = &self.res.funcs[f.0 as usize];
        let scope = def.scope;
        let positional: Vec<String> = def.params.iter().skip(skip).filter(|p| p.kind == ParamKind::Positional).map(|p| p.name.clone()).collect();
        let named: Vec<String> = def.params.iter().skip(skip).filter(|p| matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly)).map(|p| p.name.clone()).collect();
        let var_kw = def.params.iter().find(|p| p.kind == ParamKind::VarKeywords).map(|p| p.name.clone());
        for (p, t) in positional.iter().zip(args) {
            let v = self.var(scope, p);
            self.s.join_into(v, t);
        }
        for (k, t) in keywords.iter().zip(kw_tys) {
            if named.contains(&k.name) {
                let v = self.var(scope, &k.name);
                self.s.join_into(v, t);
            } else if let Some(kw) = &var_kw {
                // An extra keyword argument: a value of the `**kwargs` dict.
                let v = self.var(scope, kw);
                if let ITy::Dict(_, vv) = self.s.get(v) {
                    self.s.join_into(vv, t);
                }
            }
        }
        if self.is_generator(f) {
            // Calling a generator function runs none of its body: it makes a generator.
            return ITy::Gen(f);
        }
        let r = self.returns[f.0 as usize];
        self.s.get(r)
    }

    fn is_generator(&self, f: FuncId) -> bool {
        matches!(&self.res.funcs[f.0 as usize].body, FuncBody::Stmts(body) if crate::ast::has_yield(body))
    }

    /// The implementations `obj.name(...)` may call on an instance of hierarchy `root`.
    fn method_impls(&self, root: ClassId, name: &str) -> Vec<FuncId> {
        self.res.tree(root).into_iter().filter_map(|c| self.res.class(c).methods.iter().find(|(n, _)| n == name).map(|(_, f)| *f)).collect()
    }

    /// A method call on an instance: every implementation in the hierarchy may run.
    fn instance_call(&mut self, root: ClassId, name: &str, args: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> Option<ITy> {
        let impls = self.method_impls(root, name);
        if impls.is_empty() {
            return None;
        }
        let mut ret = ITy::Never;
        for f in impls {
            let skip = if self.res.funcs[f.0 as usize].kind == MethodKind::Static { 0 } else { 1 };
            let r = self.call_func(f, skip, args, keywords, kw_tys);
            ret = self.s.join(&ret, &r);
        }
        Some(ret)
    }

    /// `C(args)`: `__init__` (or a dataclass's fields) take the arguments.
    fn construct(&mut self, c: ClassId, args: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        if self.res.builtin_base(c).is_some() {
            let base = self.base_of(self.res.root(c));
            if self.res.lookup_method(c, "__init__").is_none() {
                // `Stack(items)`: the builtin's own initialization.
                if let Some(a) = args.first() {
                    self.init_base(&base, a);
                }
                return ITy::Obj(self.res.root(c));
            }
        }
        if let Some(init) = self.res.lookup_method(c, "__init__") {
            self.call_func(init, 1, args, keywords, kw_tys);
        } else {
            let fields = self.dataclass_fields(c);
            for (name, t) in fields.iter().zip(args) {
                let v = self.attr_var(c, name);
                self.s.join_into(v, t);
            }
            for (k, t) in keywords.iter().zip(kw_tys) {
                if fields.contains(&k.name) {
                    let v = self.attr_var(c, &k.name);
                    self.s.join_into(v, t);
                }
            }
        }
        if self.res.is_exception_class(c) {
            return ITy::Exc;
        }
        ITy::Obj(self.res.root(c))
    }

    /// A dataclass's fields, bases' first.
    fn dataclass_fields(&self, c: ClassId) -> Vec<String> {
        let mut out = Vec::new();
        for k in self.res.mro(c).into_iter().rev() {
            for (n, _) in &self.res.class(k).fields {
                if !out.contains(n) {
                    out.push(n.clone());
                }
            }
        }
        out
    }

    fn memo(&mut self, e: &Expr, slot: u8) -> Var {
        if let Some(&v) = self.memo.get(&(e.id, slot)) {
            return v;
        }
        let v = self.s.fresh();
        self.memo.insert((e.id, slot), v);
        v
    }

    fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(def) => {
                // A nested `def` binds its name to the function value.
                if let Some(&f) = self.res.defs.get(&s.span.start) {
                    if self.res.funcs[f.0 as usize].is_value {
                        // Decorators apply innermost first: `name = d1(d2(f))`.
                        let mut t = ITy::Func(f);
                        for d in def.decorators.iter().rev() {
                            let callee = self.expr(d);
                            t = self.value_call(&callee, &[], &[t], &[], &[]);
                        }
                        let scope = self.func.map_or(crate::resolve::MODULE_SCOPE, |cur| self.res.funcs[cur.0 as usize].scope);
                        let v = self.var(scope, &def.name);
                        self.s.join_into(v, &t);
                    }
                }
            }
            StmtKind::ClassDef(_) => {}
            StmtKind::Return(v) => {
                let t = match v {
                    Some(v) => self.expr(v),
                    None => ITy::None,
                };
                if let Some(f) = self.func {
                    let r = self.returns[f.0 as usize];
                    self.s.join_into(r, &t);
                }
            }
            StmtKind::Assign { targets, value } => {
                if let Some(&f) = self.res.defs.get(&s.span.start) {
                    // `name = lambda ...`: the name is the function itself.
                    self.record(&targets[0], ITy::Func(f));
                    return;
                }
                let t = if targets.iter().all(|t| matches!(t.kind, ExprKind::Name(_))) { self.expr_opt(value) } else { self.expr(value) };
                for target in targets {
                    self.bind(target, &t);
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                let l = if matches!(target.kind, ExprKind::Name(_)) { self.expr_opt(target) } else { self.expr(target) };
                // `lower` handles a value that may be `None` for these targets (it evaluates the
                // others' container and key once, through `Value`).
                let simple = match &target.kind {
                    ExprKind::Name(_) => true,
                    ExprKind::Attribute { value: owner, .. } => matches!(owner.kind, ExprKind::Name(_)),
                    _ => false,
                };
                let r = if simple { self.expr_opt(value) } else { self.expr(value) };
                let (l, r) = self.optional_operands(*op, l, r, target, value);
                let t = match (&l, &r) {
                    (ITy::Never, _) | (_, ITy::Never) => ITy::Never,
                    _ => match self.obj_binop(*op, &l, &r, true) {
                        Some(t) => t,
                        None => self.binop_ty(s, *op, &l, &r, value),
                    },
                };
                self.bind(target, &t);
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    let t = if matches!(target.kind, ExprKind::Name(_)) { self.expr_opt(v) } else { self.expr(v) };
                    self.bind(target, &t);
                }
            }
            StmtKind::For { target, iter, body, orelse } => {
                let it = self.expr(iter);
                let elem = self.elem_of(&it);
                self.bind(target, &elem);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Expr(e) => {
                self.expr(e);
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(name) = &h.name {
                        if let Some(scope) = self.handler_scope(name) {
                            let v = self.var(scope, name);
                            self.s.join_into(v, &ITy::Exc);
                        }
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.expr(e);
                }
            }
            StmtKind::With { items, body } => {
                for (mgr, var) in items {
                    let m = self.expr(mgr);
                    let entered = match m {
                        ITy::File => ITy::File,
                        ITy::Obj(root) => {
                            // __exit__(exc_type, exc, tb): None on success, the exception otherwise.
                            self.instance_call(root, "__exit__", &[ITy::Dyn, ITy::Dyn, ITy::None], &[], &[]);
                            self.instance_call(root, "__enter__", &[], &[], &[]).unwrap_or(ITy::Dyn)
                        }
                        ITy::Never => ITy::Never,
                        _ => ITy::Dyn,
                    };
                    if let Some(v) = var {
                        self.bind(v, &entered);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.expr(t);
                }
            }
            StmtKind::Import(_) | StmtKind::ImportFrom { .. } | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }

    fn record(&mut self, e: &Expr, t: ITy) -> ITy {
        let t = self.s.norm(&t, 0);
        self.exprs[e.id.0 as usize] = t.clone();
        t
    }

    /// Assigns a value of type `t` to a target.
    fn bind(&mut self, target: &Expr, t: &ITy) {
        match &target.kind {
            ExprKind::Name(_) => {
                if let Some(Binding::Var(scope, name)) = self.res.names.get(&target.id) {
                    let v = self.var(*scope, name);
                    self.s.join_into(v, t);
                    let now = self.s.get(v);
                    self.record(target, now);
                }
            }
            ExprKind::Tuple(elts) if elts.iter().any(|x| matches!(x.kind, ExprKind::Starred(_))) => {
                // `a, *rest, b = seq`: the starred name gets a list of the middle items.
                let elem = match t {
                    ITy::List(v) => self.s.get(*v),
                    ITy::Str => ITy::Str,
                    ITy::Tuple(ts) => {
                        let mut acc = ITy::Never;
                        for x in ts.clone() {
                            acc = self.s.join(&acc, &x);
                        }
                        acc
                    }
                    other => {
                        let other = other.clone();
                        self.elem_of(&other)
                    }
                };
                for x in elts {
                    match &x.kind {
                        ExprKind::Starred(inner) => {
                            let v = self.memo(x, 0);
                            self.s.join_into(v, &elem);
                            self.bind(inner, &ITy::List(v));
                            self.record(x, ITy::List(v));
                        }
                        _ => self.bind(x, &elem),
                    }
                }
                self.record(target, t.clone());
            }
            ExprKind::Tuple(elts) => {
                let parts: Vec<ITy> = match t {
                    ITy::Tuple(ts) if ts.len() == elts.len() => ts.clone(),
                    ITy::List(v) => vec![self.s.get(*v); elts.len()],
                    ITy::Str => vec![ITy::Str; elts.len()],
                    // Not known yet (a call of a function inferred later): no conclusion.
                    ITy::Never => vec![ITy::Never; elts.len()],
                    // Any other iterable: its items.
                    ITy::Obj(_) | ITy::Gen(_) | ITy::Iter(_) | ITy::Dict(..) | ITy::Set(_) | ITy::File | ITy::Range => {
                        let other = t.clone();
                        vec![self.elem_of(&other); elts.len()]
                    }
                    _ => vec![ITy::Dyn; elts.len()],
                };
                for (e, p) in elts.iter().zip(parts) {
                    self.bind(e, &p);
                }
                self.record(target, t.clone());
            }
            ExprKind::Subscript { value, index } => {
                let container = self.expr(value);
                let it = self.expr(index);
                if let ITy::Obj(root) = container {
                    self.instance_call(root, "__setitem__", &[it, t.clone()], &[], &[]);
                }
                if let ITy::List(v) = container {
                    self.s.join_into(v, t);
                }
                if let ITy::Dict(k, v) = container {
                    let it = self.exprs[index.id.0 as usize].clone();
                    self.s.join_into(k, &it);
                    self.s.join_into(v, t);
                }
                self.record(target, t.clone());
            }
            ExprKind::Attribute { value, attr } => {
                let owner = self.expr(value);
                if let ITy::Obj(c) | ITy::Class(c) = owner {
                    let v = self.attr_var(c, attr);
                    self.s.join_into(v, t);
                }
                if owner == ITy::Exc {
                    let v = self.attr_var(crate::resolve::EXC_ATTRS, attr);
                    self.s.join_into(v, t);
                }
                self.record(target, t.clone());
            }
            _ => {}
        }
    }

    fn elem_of(&mut self, t: &ITy) -> ITy {
        match t {
            ITy::List(v) | ITy::Set(v) | ITy::Dict(v, _) => self.s.get(*v),
            ITy::Str => ITy::Str,
            ITy::Tuple(ts) => {
                let mut acc = ITy::Never;
                for t in ts.clone() {
                    acc = self.s.join(&acc, &t);
                }
                acc
            }
            ITy::Iter(t) => (**t).clone(),
            ITy::Gen(f) => self.s.get(self.yields[f.0 as usize]),
            ITy::Range => ITy::Int,
            ITy::File => ITy::Str,
            // Not known yet: no conclusion (widening now would never be undone).
            ITy::Never => ITy::Never,
            // An iterator class: what `__next__` of what `__iter__` returns gives.
            ITy::Obj(root) => {
                let root = *root;
                match self.instance_call(root, "__iter__", &[], &[], &[]) {
                    Some(ITy::Obj(it)) => self.instance_call(it, "__next__", &[], &[], &[]).unwrap_or(ITy::Dyn),
                    Some(ITy::Iter(t)) => *t,
                    Some(ITy::Gen(f)) => self.s.get(self.yields[f.0 as usize]),
                    Some(ITy::Never) => ITy::Never,
                    _ => ITy::Dyn,
                }
            }
            _ => ITy::Dyn,
        }
    }

    fn concrete_shape(&mut self, t: &ITy) -> Ty {
        self.s.concrete(t, 0)
    }

    fn binop_ty(&mut self, _at: &Stmt, op: BinOp, l: &ITy, r: &ITy, right: &Expr) -> ITy {
        self.binop(op, l, r, right)
    }

    /// `l op r` through a user class's methods: `__iop__` (for `l op= r`), `__op__` of the
    /// left operand, else `__rop__` of the right one (as `2 * v` calls `v.__rmul__(2)`).
    fn obj_binop(&mut self, op: BinOp, l: &ITy, r: &ITy, inplace: bool) -> Option<ITy> {
        let (fwd, refl, inpl) = crate::lower::binop_dunders(op);
        if let ITy::Obj(root) = l {
            if inplace {
                if let Some(t) = self.instance_call(*root, &inpl, &[r.clone()], &[], &[]) {
                    return Some(t);
                }
            }
            if let Some(t) = self.instance_call(*root, fwd, &[r.clone()], &[], &[]) {
                return Some(t);
            }
        }
        if let ITy::Obj(root) = r {
            if let Some(t) = self.instance_call(*root, &refl, &[l.clone()], &[], &[]) {
                return Some(t);
            }
        }
        None
    }

    fn binop(&mut self, op: BinOp, l: &ITy, r: &ITy, right: &Expr) -> ITy {
        // Nothing known yet about an operand (a recursive call, a parameter before its call
        // sites are seen): no conclusion yet, so the analysis stays monotone.
        if *l == ITy::Never || *r == ITy::Never {
            return ITy::Never;
        }
        if let Some(t) = self.obj_binop(op, l, r, false) {
            return t;
        }
        if let (ITy::Set(x), ITy::Set(y), Some(_)) = (l, r, crate::methods::set_operator(op)) {
            self.s.unify(*x, *y);
            return ITy::Set(self.s.find(*x));
        }
        let (lc, rc) = (self.concrete_shape(l), self.concrete_shape(r));
        let (imp, result) = binop_rule(op, &lc, &rc, is_nonneg_int_literal(right));
        match imp {
            BinImpl::ListConcat => {
                if let (ITy::List(a), ITy::List(b)) = (l, r) {
                    self.s.unify(*a, *b);
                }
                l.clone()
            }
            BinImpl::ListRepeat { left_is_list } => {
                if left_is_list {
                    l.clone()
                } else {
                    r.clone()
                }
            }
            BinImpl::TupleConcat => match (l, r) {
                (ITy::Tuple(a), ITy::Tuple(b)) => ITy::Tuple(a.iter().chain(b).cloned().collect()),
                _ => ITy::Dyn,
            },
            BinImpl::Dyn => {
                self.s.make_dyn(l);
                self.s.make_dyn(r);
                ITy::Dyn
            }
            _ => from_concrete(&result),
        }
    }

    /// The expression's type, where a value that may be `None` (`Opt`) is read as a `Value`.
    fn expr(&mut self, e: &Expr) -> ITy {
        match self.expr_opt(e) {
            ITy::Opt(_) => self.record(e, ITy::Dyn),
            t => t,
        }
    }

    /// The expression's type, `Opt` included: for the places that handle its `None` case
    /// (assignments to names, arithmetic, comparisons, `send`).
    fn expr_opt(&mut self, e: &Expr) -> ITy {
        let t = self.expr_inner(e);
        let t = self.base_view(e, t);
        self.record(e, t)
    }

    /// The operands of `l op r` after `expr_opt`: an `Opt` operand is worked on as its scalar
    /// where `ops::binop_on_optional` says the `None` case raises exactly, else as a `Value`.
    fn optional_operands(&mut self, op: BinOp, l: ITy, r: ITy, left: &Expr, right: &Expr) -> (ITy, ITy) {
        if !matches!(l, ITy::Opt(_)) && !matches!(r, ITy::Opt(_)) {
            return (l, r);
        }
        let (lc, rc) = (self.concrete_shape(&l), self.concrete_shape(&r));
        if let Some((a, b)) = crate::ops::binop_on_optional(op, &lc, &rc, is_nonneg_int_literal(right)) {
            return (from_concrete(&a), from_concrete(&b));
        }
        let mut as_value = |t: ITy, x: &Expr| match t {
            ITy::Opt(_) => self.record(x, ITy::Dyn),
            t => t,
        };
        let l = as_value(l, left);
        let r = as_value(r, right);
        (l, r)
    }

    /// A value of type `arg` sent to generator `f`.
    fn sends_to(&mut self, f: FuncId, arg: &ITy) {
        let t = match arg {
            ITy::Never | ITy::None => return,
            ITy::Opt(t) => (**t).clone(),
            t => t.clone(),
        };
        let v = self.sent[f.0 as usize];
        self.s.join_into(v, &t);
    }

    /// A `send` whose generator is not known statically (a dynamic value): any generator may
    /// receive any value.
    fn sends_anywhere(&mut self) {
        for v in self.sent.clone() {
            self.s.join_into(v, &ITy::Dyn);
        }
    }

    /// What a paused `yield` of generator `f` evaluates to.
    fn received(&mut self, f: FuncId) -> ITy {
        match self.s.get(self.sent[f.0 as usize]) {
            ITy::Never if !self.sends_settled => ITy::Never,
            ITy::Never | ITy::None => ITy::None,
            t @ (ITy::Int | ITy::Float | ITy::Bool | ITy::Str) => ITy::Opt(Box::new(t)),
            _ => ITy::Dyn,
        }
    }

    /// An instance of a `list`/`dict` subclass where Python asks it for a method its class
    /// does not define: the builtin value it holds.
    fn base_view(&mut self, e: &Expr, t: ITy) -> ITy {
        let ITy::Obj(root) = t else { return t };
        let Some(base) = self.res.builtin_base(root) else { return t };
        let Some(role) = self.roles.get(&e.id) else { return t };
        if !self.method_impls(root, role).is_empty() || self.res.tree(root).iter().any(|&c| self.res.lookup_attr(c, role).is_some()) {
            return t;
        }
        if !role.starts_with("__") {
            // An attribute: the builtin's method, unless the instance has such an attribute.
            const LIST: &[&str] = &["append", "insert", "pop", "remove", "index", "count", "reverse", "clear", "copy", "sort", "extend"];
            const DICT: &[&str] = &["get", "keys", "values", "items", "pop", "setdefault", "update", "clear", "copy", "popitem"];
            if !(if base == "list" { LIST } else { DICT }).contains(&role.as_str()) {
                return t;
            }
        }
        self.base_views.insert(e.id, root);
        self.base_of(root)
    }

    /// The builtin value instances of hierarchy `root` (a `list`/`dict` subclass) hold.
    fn base_of(&mut self, root: ClassId) -> ITy {
        let v = self.attr_var(root, "__base__");
        match self.s.get(v) {
            t @ (ITy::List(_) | ITy::Dict(..)) => t,
            _ => {
                let t = if self.res.builtin_base(root) == Some("list") { ITy::List(self.s.fresh()) } else { ITy::Dict(self.s.fresh(), self.s.fresh()) };
                self.s.join_into(v, &t);
                self.s.get(v)
            }
        }
    }

    fn expr_inner(&mut self, e: &Expr) -> ITy {
        match &e.kind {
            ExprKind::Int(_) => ITy::Int,
            ExprKind::Float(_) => ITy::Float,
            ExprKind::Str(_) | ExprKind::FString(_) => {
                if let ExprKind::FString(parts) = &e.kind {
                    self.fstring(parts);
                }
                ITy::Str
            }
            ExprKind::Bool(_) => ITy::Bool,
            ExprKind::None => ITy::None,
            ExprKind::Name(_) => match self.res.names.get(&e.id) {
                Some(Binding::Var(scope, name)) => {
                    let v = self.var(*scope, name);
                    self.s.get(v)
                }
                Some(Binding::Func(f)) => ITy::Func(*f),
                Some(Binding::Class(c)) => ITy::Class(*c),
                Some(Binding::Module(m)) => ITy::Module(m.clone()),
                Some(Binding::Imported(m, n)) => match crate::modules::constant(m, n) {
                    Some(c) => from_concrete(&c.ty),
                    None => ITy::Dyn,
                },
                Some(Binding::Builtin(b)) if b == "__name__" => ITy::Str,
                _ => ITy::Dyn,
            },
            ExprKind::BinOp { op, left, right } => {
                let l = self.expr_opt(left);
                let r = self.expr_opt(right);
                let (l, r) = self.optional_operands(*op, l, r, left, right);
                self.binop(*op, &l, &r, right)
            }
            ExprKind::UnaryOp { op, operand } => {
                let t = self.expr(operand);
                if t == ITy::Never && *op != UnaryOp::Not {
                    return ITy::Never;
                }
                if let (ITy::Obj(root), Some(d)) = (&t, crate::lower::unary_dunder(*op)) {
                    if let Some(r) = self.instance_call(*root, d, &[], &[], &[]) {
                        return r;
                    }
                }
                let shape = self.concrete_shape(&t);
                match unary_rule(*op, &shape) {
                    Some(t) => from_concrete(&t),
                    None => ITy::Dyn,
                }
            }
            ExprKind::BoolOp { values, .. } => {
                let mut acc = ITy::Never;
                for v in values {
                    let t = self.expr(v);
                    acc = self.s.join(&acc, &t);
                }
                acc
            }
            ExprKind::Compare { left, ops } => {
                let operands: Vec<&Expr> = std::iter::once(&**left).chain(ops.iter().map(|(_, x)| x)).collect();
                let mut tys: Vec<ITy> = operands.iter().map(|x| self.expr_opt(x)).collect();
                // An operand that may be `None` stays so only where each comparison it is in
                // handles that case natively (`ops::cmp_on_optional`).
                loop {
                    let mut widened = false;
                    for i in 0..tys.len() {
                        if !matches!(tys[i], ITy::Opt(_)) {
                            continue;
                        }
                        let mut native = true;
                        for j in [i.checked_sub(1), Some(i)].into_iter().flatten() {
                            if j + 1 < tys.len() {
                                let (a, b) = (self.concrete_shape(&tys[j]), self.concrete_shape(&tys[j + 1]));
                                native &= crate::ops::cmp_on_optional(ops[j].0, &a, &b).is_some();
                            }
                        }
                        if !native {
                            tys[i] = self.record(operands[i], ITy::Dyn);
                            widened = true;
                        }
                    }
                    if !widened {
                        break;
                    }
                }
                let mut prev = tys[0].clone();
                for ((op, _), t) in ops.iter().zip(tys.into_iter().skip(1)) {
                    if let (ITy::Obj(root), Some(d)) = (&prev, crate::lower::cmp_dunder(*op)) {
                        self.instance_call(*root, d, &[t.clone()], &[], &[]);
                    }
                    if let (ITy::Obj(root), CmpOp::In | CmpOp::NotIn) = (&t, op) {
                        self.instance_call(*root, "__contains__", &[prev.clone()], &[], &[]);
                    }
                    prev = t;
                }
                ITy::Bool
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                let a = self.expr(body);
                let b = self.expr(orelse);
                self.s.join(&a, &b)
            }
            ExprKind::Lambda { .. } => match self.res.value_lambdas.get(&e.id) {
                Some(&f) => ITy::Func(f),
                None => ITy::Dyn,
            },
            ExprKind::List(elts) => {
                let v = self.memo(e, 0);
                for x in elts {
                    let t = match &x.kind {
                        // `[*xs]`: the items of the iterable.
                        ExprKind::Starred(inner) => {
                            let it = self.expr(inner);
                            self.elem_of(&it)
                        }
                        _ => self.expr(x),
                    };
                    self.s.join_into(v, &t);
                }
                ITy::List(v)
            }
            // Rust's tuples implement the standard traits up to 12 items: a longer tuple is
            // a dynamic value.
            ExprKind::Tuple(elts) if elts.len() > 12 => {
                for x in elts {
                    let t = self.expr(x);
                    self.s.make_dyn(&t);
                }
                ITy::Dyn
            }
            ExprKind::Tuple(elts) => ITy::Tuple(elts.iter().map(|x| self.expr(x)).collect()),
            ExprKind::Dict(pairs) => {
                let (k, v) = (self.memo(e, 0), self.memo(e, 1));
                for (kx, vx) in pairs {
                    let kt = self.expr(kx);
                    let vt = self.expr(vx);
                    self.s.join_into(k, &kt);
                    self.s.join_into(v, &vt);
                }
                ITy::Dict(k, v)
            }
            ExprKind::Set(elts) => {
                let v = self.memo(e, 0);
                for x in elts {
                    let t = self.expr(x);
                    self.s.join_into(v, &t);
                }
                ITy::Set(v)
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(generators);
                let kt = self.expr(key);
                let vt = self.expr(value);
                let (k, v) = (self.memo(e, 0), self.memo(e, 1));
                self.s.join_into(k, &kt);
                self.s.join_into(v, &vt);
                ITy::Dict(k, v)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(generators);
                let t = self.expr(elt);
                let v = self.memo(e, 0);
                self.s.join_into(v, &t);
                ITy::Set(v)
            }
            ExprKind::GenExp { elt, generators } => {
                self.comprehension(generators);
                let t = self.expr(elt);
                ITy::Iter(Box::new(t))
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(generators);
                let t = self.expr(elt);
                let v = self.memo(e, 0);
                self.s.join_into(v, &t);
                ITy::List(v)
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x);
                }
                ITy::Dyn
            }
            ExprKind::Starred(inner) => self.expr(inner),
            ExprKind::Yield(value) => {
                let t = match value {
                    Some(v) => self.expr(v),
                    None => ITy::None,
                };
                match self.func {
                    Some(f) => {
                        let y = self.yields[f.0 as usize];
                        self.s.join_into(y, &t);
                        self.received(f)
                    }
                    None => ITy::None,
                }
            }
            ExprKind::YieldFrom(sub) => {
                let st = self.expr(sub);
                let item = self.elem_of(&st);
                if let Some(f) = self.func {
                    let y = self.yields[f.0 as usize];
                    self.s.join_into(y, &item);
                    // What is sent to this generator is passed on to the sub-generator.
                    let sent = self.s.get(self.sent[f.0 as usize]);
                    match st {
                        ITy::Gen(g) => self.sends_to(g, &sent),
                        // A generator known only at run time may receive what this one does.
                        ITy::Dyn if !matches!(sent, ITy::Never | ITy::None) => self.sends_anywhere(),
                        _ => {}
                    }
                }
                match st {
                    ITy::Gen(g) => self.s.get(self.returns[g.0 as usize]),
                    ITy::Never => ITy::Never,
                    // Possibly a generator, whose return value this is.
                    ITy::Dyn => ITy::Dyn,
                    _ => ITy::None,
                }
            }
            ExprKind::Subscript { value, index } => {
                let c = self.expr(value);
                let it = self.expr(index);
                if c == ITy::Never {
                    return ITy::Never;
                }
                if matches!(index.kind, ExprKind::Slice { .. }) {
                    return match c {
                        ITy::List(_) | ITy::Str | ITy::Range => c,
                        _ => ITy::Dyn,
                    };
                }
                match c {
                    ITy::Range => ITy::Int,
                    ITy::Obj(root) => self.instance_call(root, "__getitem__", &[it], &[], &[]).unwrap_or(ITy::Dyn),
                    // `os.environ[key]`, from the module table.
                    ITy::Module(m) => self.module_call(e, &m, "__getitem__", &[it], &[], &[]),
                    ITy::Dict(k, v) => {
                        self.s.join_into(k, &it);
                        self.s.get(v)
                    }
                    ITy::List(v) => self.s.get(v),
                    ITy::Str => ITy::Str,
                    ITy::Tuple(ts) => match literal_index(index, ts.len()) {
                        Some(i) => ts[i].clone(),
                        None => {
                            let mut acc = ITy::Never;
                            for t in ts {
                                acc = self.s.join(&acc, &t);
                            }
                            acc
                        }
                    },
                    _ => ITy::Dyn,
                }
            }
            ExprKind::Attribute { value, attr } => {
                let owner = self.expr(value);
                if let (ExprKind::Call { func, args, .. }, "__name__") = (&value.kind, attr.as_str()) {
                    // `type(x).__name__` (lowered as a str, see lower's `type_name_of`).
                    if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "type") && args.len() == 1 {
                        return ITy::Str;
                    }
                }
                if attr == "send" && !matches!(owner, ITy::Obj(_) | ITy::Class(_) | ITy::Module(_) | ITy::Never) {
                    // `g.send` as a value: called with anything.
                    self.sends_anywhere();
                }
                match (&owner, attr.as_str()) {
                    (ITy::Module(m), "argv") if m == "sys" => {
                        let v = self.memo(e, 0);
                        self.s.join_into(v, &ITy::Str);
                        ITy::List(v)
                    }
                    (ITy::Module(m), _) if crate::modules::submodule(m, attr).is_some() => ITy::Module(crate::modules::submodule(m, attr).unwrap_or_default().into()),
                    (ITy::Module(m), _) => match crate::modules::constant(m, attr) {
                        Some(c) => self.from_ty(&c.ty, e),
                        None => ITy::Dyn,
                    },
                    (ITy::Obj(root), _) => {
                        let root = *root;
                        let props: Vec<FuncId> = self.method_impls(root, attr).into_iter().filter(|f| self.res.funcs[f.0 as usize].kind == MethodKind::Property).collect();
                        if props.is_empty() {
                            let v = self.attr_var(root, attr);
                            self.s.get(v)
                        } else {
                            self.instance_call(root, attr, &[], &[], &[]).unwrap_or(ITy::Dyn)
                        }
                    }
                    (ITy::Class(c), _) => {
                        let v = self.attr_var(*c, attr);
                        self.s.get(v)
                    }
                    (ITy::Exc, "args" | "value" | "__cause__" | "__context__") => ITy::Dyn,
                    (ITy::Exc, _) => {
                        let v = self.attr_var(crate::resolve::EXC_ATTRS, attr);
                        self.s.get(v)
                    }
                    (ITy::Never, _) => ITy::Never,
                    _ => ITy::Dyn,
                }
            }
            ExprKind::Call { func, args, keywords } => self.call(e, func, args, keywords),
        }
    }

    /// `module.name(args)` through the module table (arguments in parameter order, as
    /// `modules::arrange` puts them).
    fn module_call(&mut self, e: &Expr, module: &str, name: &str, a: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        use crate::modules::{Shape, Slot};
        if a.contains(&ITy::Never) || kw_tys.contains(&ITy::Never) {
            return ITy::Never;
        }
        let names: Vec<&str> = keywords.iter().map(|k| k.name.as_str()).collect();
        let Ok(slots) = crate::modules::arrange(module, name, a.len(), &names) else { return ITy::Dyn };
        let given: Vec<&ITy> = a.iter().chain(kw_tys).collect();
        let tys: Vec<ITy> = slots
            .iter()
            .map(|s| match s {
                Slot::Arg(i) => given[*i].clone(),
                Slot::Default(l) => from_concrete(&l.ty()),
            })
            .collect();
        let shapes: Vec<Ty> = tys.iter().map(|t| self.s.concrete(t, 0)).collect();
        let call = crate::modules::call(module, name, &shapes);
        if let Some(c) = &call {
            // Functions handed to the runtime as values are called with values.
            for (t, (pt, _)) in tys.iter().zip(&c.args) {
                if *pt == Ty::Dyn && matches!(t, ITy::Func(_)) {
                    self.s.make_dyn(t);
                }
            }
        }
        match call {
            Some(c) => match c.shape {
                Shape::Plain => self.from_ty(&c.ret, e),
                Shape::ElemOf(i) => self.elem_of(&tys[i]),
                Shape::ListOfElem(i) => {
                    let elem = self.elem_of(&tys[i]);
                    let v = self.memo(e, 2);
                    self.s.join_into(v, &elem);
                    ITy::List(v)
                }
            },
            None => ITy::Dyn,
        }
    }

    /// An inference type for a concrete type a table gives (lists get a fresh element variable
    /// per expression).
    fn from_ty(&mut self, t: &Ty, e: &Expr) -> ITy {
        match t {
            Ty::List(elem) => {
                let inner = from_concrete(elem);
                let v = self.memo(e, 2);
                self.s.join_into(v, &inner);
                ITy::List(v)
            }
            Ty::Tuple(ts) => ITy::Tuple(ts.iter().map(from_concrete).collect()),
            other => from_concrete(other),
        }
    }

    fn comprehension(&mut self, generators: &[Comprehension]) {
        for g in generators {
            let it = self.expr(&g.iter);
            let elem = self.elem_of(&it);
            self.bind(&g.target, &elem);
            for c in &g.ifs {
                self.expr(c);
            }
        }
    }

    fn fstring(&mut self, parts: &[FStringPart]) {
        for p in parts {
            if let FStringPart::Value { value, spec, .. } = p {
                self.expr(value);
                self.fstring(spec);
            }
        }
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> ITy {
        if let Some(name) = crate::itertools::callee(self.res, func) {
            return self.itertools_call(e, func, name, args, keywords);
        }
        if let (ExprKind::Name(n), Some(Binding::Builtin(_))) = (&func.kind, self.res.names.get(&func.id)) {
            if let Some(t) = self.higher_order_builtin(e, n, args, keywords) {
                self.record(func, ITy::Dyn);
                return t;
            }
        }
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if attr == "sort" {
                let owner = self.expr(value);
                if let ITy::List(v) = owner {
                    self.record(func, ITy::Dyn);
                    let elem = self.s.get(v);
                    for k in keywords {
                        if k.name == "key" {
                            self.apply_callable(&k.value, &[elem.clone()]);
                        } else {
                            self.expr(&k.value);
                        }
                    }
                    return ITy::None;
                }
            }
        }
        // `g.send(x)`: `x` may be a value a `yield` received (forwarded to a sub-generator).
        let send = matches!(&func.kind, ExprKind::Attribute { attr, .. } if attr == "send") && args.len() == 1;
        let mut arg_tys: Vec<ITy> = args.iter().map(|a| if send { self.expr_opt(a) } else { self.expr(a) }).collect();
        let kw_tys: Vec<ITy> = keywords.iter().map(|k| self.expr(&k.value)).collect();
        match &func.kind {
            ExprKind::Attribute { value, attr } => {
                let owner = match &value.kind {
                    ExprKind::Call { func: sup, args: sargs, .. } if matches!(&sup.kind, ExprKind::Name(n) if n == "super") && sargs.is_empty() => None,
                    _ => Some(self.expr(value)),
                };
                if send {
                    match &owner {
                        Some(ITy::Gen(f)) => self.sends_to(*f, &arg_tys[0]),
                        Some(ITy::Obj(_) | ITy::Class(_) | ITy::Module(_) | ITy::Never) | None => {}
                        Some(_) => self.sends_anywhere(),
                    }
                    if !matches!(owner, Some(ITy::Gen(_))) && matches!(arg_tys[0], ITy::Opt(_)) {
                        arg_tys[0] = self.record(&args[0], ITy::Dyn);
                    }
                }
                let Some(owner) = owner else { return self.super_call(attr, &arg_tys, keywords, &kw_tys) };
                if is_dict_fromkeys(self.res, value, attr, args.len(), keywords) {
                    // `dict.fromkeys(keys, value=None)`.
                    let (k, v) = (self.memo(e, 0), self.memo(e, 1));
                    let elem = self.elem_of(&arg_tys[0]);
                    self.s.join_into(k, &elem);
                    self.s.join_into(v, arg_tys.get(1).unwrap_or(&ITy::None));
                    return ITy::Dict(k, v);
                }
                self.record(func, ITy::Dyn);
                return self.method_call(e, &owner, attr, &arg_tys, keywords, &kw_tys);
            }
            ExprKind::Name(_) => {}
            _ => {
                let callee = self.expr(func);
                return self.value_call(&callee, args, &arg_tys, keywords, &kw_tys);
            }
        }
        let callee = self.expr(func);
        match (callee, self.res.names.get(&func.id)) {
            (ITy::Func(f), _) => self.value_call(&ITy::Func(f), args, &arg_tys, keywords, &kw_tys),
            (ITy::Class(c), _) => self.construct(c, &arg_tys, keywords, &kw_tys),
            (ITy::Obj(root), _) => self.instance_call(root, "__call__", &arg_tys, keywords, &kw_tys).unwrap_or(ITy::Dyn),
            (_, Some(Binding::Builtin(name))) => {
                let name = name.clone();
                self.builtin_call(e, &name, &arg_tys, args)
            }
            (_, Some(Binding::Imported(m, n))) => {
                let (m, n) = (m.clone(), n.clone());
                self.module_call(e, &m, &n, &arg_tys, keywords, &kw_tys)
            }
            (callee, _) => self.value_call(&callee, args, &arg_tys, keywords, &kw_tys),
        }
    }

    /// Calling a value: a known function (its parameters join the arguments), or a dynamic
    /// value (the arguments are boxed; lists passed in store `Value`s).
    fn value_call(&mut self, callee: &ITy, args: &[Expr], arg_tys: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        match callee {
            ITy::Func(f) if !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) && !keywords.iter().any(Keyword::is_unpacking) => {
                self.call_func(*f, 0, arg_tys, keywords, kw_tys)
            }
            ITy::Func(f) => {
                // `f(*args)`, `f(**kwargs)`: the arguments are only known at run time.
                self.s.make_dyn(&ITy::Func(*f));
                self.boxed_args(arg_tys, keywords, kw_tys);
                let r = self.returns[f.0 as usize];
                self.s.get(r)
            }
            ITy::Never => ITy::Never,
            _ => {
                self.boxed_args(arg_tys, keywords, kw_tys);
                ITy::Dyn
            }
        }
    }

    /// The arguments of a call through a function value are boxed into dynamic values (a
    /// `**mapping`'s values are boxed one by one when they are passed on).
    fn boxed_args(&mut self, arg_tys: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) {
        for t in arg_tys {
            self.s.make_dyn(t);
        }
        for (k, t) in keywords.iter().zip(kw_tys) {
            if !k.is_unpacking() {
                self.s.make_dyn(t);
            }
        }
    }

    /// Builtins that take functions (`sorted(key=)`, `min`/`max(key=)`, `map`, `filter`) or
    /// build lazy iterators (`zip`, `reversed`).
    fn higher_order_builtin(&mut self, e: &Expr, name: &str, args: &[Expr], keywords: &[Keyword]) -> Option<ITy> {
        let key = keywords.iter().find(|k| k.name == "key").map(|k| &k.value);
        match (name, args.len()) {
            ("sorted", 1) => {
                let it = self.expr(&args[0]);
                let elem = self.elem_of(&it);
                if let Some(f) = key {
                    self.apply_callable(f, &[elem.clone()]);
                }
                for k in keywords.iter().filter(|k| k.name != "key") {
                    self.expr(&k.value);
                }
                let v = self.memo(e, 0);
                self.s.join_into(v, &elem);
                Some(ITy::List(v))
            }
            ("min" | "max", 1) if key.is_some() || keywords.iter().any(|k| k.name == "default") => {
                let it = self.expr(&args[0]);
                let elem = self.elem_of(&it);
                if let Some(f) = key {
                    self.apply_callable(f, &[elem.clone()]);
                }
                // `default=`: what an empty iterable gives.
                match keywords.iter().find(|k| k.name == "default") {
                    Some(d) => {
                        let dt = self.expr(&d.value);
                        Some(self.s.join(&elem, &dt))
                    }
                    None => Some(elem),
                }
            }
            ("map", 2..) => {
                let elems: Vec<ITy> = args[1..].iter().map(|a| {
                    let t = self.expr(a);
                    self.elem_of(&t)
                }).collect();
                let r = self.apply_callable(&args[0], &elems);
                Some(ITy::Iter(Box::new(r)))
            }
            ("filter", 2) => {
                let t = self.expr(&args[1]);
                let elem = self.elem_of(&t);
                if !matches!(args[0].kind, ExprKind::None) {
                    self.apply_callable(&args[0], &[elem.clone()]);
                }
                Some(ITy::Iter(Box::new(elem)))
            }
            ("zip", _) if args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) => {
                // `zip(*rows)`: tuples of a length known only at run time.
                for a in args {
                    let t = self.expr(a);
                    self.s.make_dyn(&t);
                }
                Some(ITy::Iter(Box::new(ITy::Dyn)))
            }
            ("zip", 1..) => {
                let elems: Vec<ITy> = args.iter().map(|a| {
                    let t = self.expr(a);
                    self.elem_of(&t)
                }).collect();
                Some(ITy::Iter(Box::new(ITy::Tuple(elems))))
            }
            ("reversed", 1) => {
                let t = self.expr(&args[0]);
                Some(ITy::Iter(Box::new(self.elem_of(&t))))
            }
            _ => None,
        }
    }

    /// The result type of calling a function-valued argument (a lambda, a function or class,
    /// a builtin) with arguments of these types.
    fn apply_callable(&mut self, f: &Expr, args: &[ITy]) -> ITy {
        if args.contains(&ITy::Never) {
            return ITy::Never;
        }
        match &f.kind {
            ExprKind::Lambda { params, body } => {
                self.record(f, ITy::Dyn);
                let Some(&scope) = self.res.lambdas.get(&f.id) else { return ITy::Dyn };
                for (i, p) in params.iter().enumerate() {
                    let v = self.var(scope, &p.name);
                    match (args.get(i), &p.default) {
                        (Some(t), _) => self.s.join_into(v, t),
                        (None, Some(d)) => {
                            let t = self.expr(d);
                            self.s.join_into(v, &t);
                        }
                        (None, None) => {}
                    }
                }
                self.expr(body)
            }
            ExprKind::Name(n) => {
                if let Some(Binding::Var(..)) = self.res.names.get(&f.id) {
                    // A callable instance: its `__call__`.
                    if let ITy::Obj(root) = self.expr(f) {
                        if let Some(t) = self.instance_call(root, "__call__", args, &[], &[]) {
                            return t;
                        }
                    }
                }
                self.record(f, ITy::Dyn);
                match self.res.names.get(&f.id).cloned() {
                    Some(Binding::Func(fid)) => self.call_func(fid, 0, args, &[], &[]),
                    Some(Binding::Class(c)) => self.construct(c, args, &[], &[]),
                    Some(Binding::Builtin(_)) => {
                        let shape = self.s.concrete(&args[0], 0);
                        match (n.as_str(), shape) {
                            ("len", _) => ITy::Int,
                            ("str" | "repr", _) => ITy::Str,
                            ("int", _) => ITy::Int,
                            ("float", _) => ITy::Float,
                            ("bool", _) => ITy::Bool,
                            ("abs", Ty::Int | Ty::Bool) => ITy::Int,
                            ("abs", Ty::Float) => ITy::Float,
                            _ => ITy::Dyn,
                        }
                    }
                    _ => ITy::Dyn,
                }
            }
            _ => {
                self.expr(f);
                ITy::Dyn
            }
        }
    }

    /// `super().name(args)` inside a method: the base class's implementation.
    /// `list(items)`/`dict(items)` initializing a subclass instance's builtin value.
    fn init_base(&mut self, base: &ITy, a: &ITy) {
        match base {
            ITy::List(v) => {
                let elem = self.elem_of(a);
                self.s.join_into(*v, &elem);
            }
            ITy::Dict(k, v) => match a {
                ITy::Dict(k2, v2) => {
                    let (kt, vt) = (self.s.get(*k2), self.s.get(*v2));
                    self.s.join_into(*k, &kt);
                    self.s.join_into(*v, &vt);
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn super_call(&mut self, name: &str, args: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        let class = self.func.and_then(|f| self.res.funcs[f.0 as usize].class);
        if let Some(c) = class.filter(|&c| self.res.builtin_base(c).is_some() && self.res.class(c).base.is_none()) {
            // `super().name(...)` in a direct subclass of `list`/`dict`: the builtin's method.
            let base = self.base_of(self.res.root(c));
            if name == "__init__" {
                if let Some(a) = args.first() {
                    self.init_base(&base, a);
                }
                return ITy::None;
            }
            return ITy::Dyn;
        }
        let Some(base) = class.and_then(|c| self.res.class(c).base) else { return ITy::Dyn };
        match self.res.lookup_method(base, name) {
            Some(f) => self.call_func(f, 1, args, keywords, kw_tys),
            None if name == "__init__" => ITy::None,
            None => ITy::Dyn,
        }
    }

    fn builtin_call(&mut self, e: &Expr, name: &str, a: &[ITy], args: &[Expr]) -> ITy {
        if crate::builtins::exception_class(name).is_some() {
            return ITy::Exc;
        }
        let pure_result = matches!(name, "print" | "len" | "range" | "int" | "float" | "str" | "repr" | "hex" | "bin" | "oct" | "bool" | "any" | "all" | "ord" | "chr" | "format" | "ascii");
        if !pure_result && a.contains(&ITy::Never) {
            return ITy::Never;
        }
        let shapes: Vec<Ty> = a.iter().map(|t| self.s.concrete(t, 0)).collect();
        match (name, shapes.as_slice()) {
            ("print", _) => ITy::None,
            ("len", _) => ITy::Int,
            ("range", _) => ITy::Range,
            ("abs", [Ty::Int | Ty::Bool]) => ITy::Int,
            ("abs", [Ty::Float]) => ITy::Float,
            ("abs", [Ty::Obj(_)]) => match &a[0] {
                ITy::Obj(root) => self.instance_call(*root, "__abs__", &[], &[], &[]).unwrap_or(ITy::Dyn),
                _ => ITy::Dyn,
            },
            ("min" | "max", [_]) => self.elem_of(&a[0]),
            ("min" | "max", [_, _, ..]) => {
                let mut acc = ITy::Never;
                for t in a {
                    acc = self.s.join(&acc, t);
                }
                acc
            }
            ("pow", [_, _]) => self.binop(BinOp::Pow, &a[0], &a[1], &args[1]),
            ("pow", [Ty::Int | Ty::Bool, Ty::Int | Ty::Bool, Ty::Int | Ty::Bool]) => ITy::Int,
            ("divmod", [Ty::Int | Ty::Bool, Ty::Int | Ty::Bool]) => ITy::Tuple(vec![ITy::Int, ITy::Int]),
            ("divmod", [l, r]) if l.is_numeric() && r.is_numeric() => ITy::Tuple(vec![ITy::Float, ITy::Float]),
            ("round", [Ty::Float | Ty::Int | Ty::Bool]) => ITy::Int,
            ("round", [Ty::Float, Ty::Int | Ty::Bool]) => ITy::Float,
            ("round", [Ty::Int | Ty::Bool, Ty::Int | Ty::Bool]) => ITy::Int,
            ("int", _) => ITy::Int,
            ("float", _) => ITy::Float,
            ("str" | "repr" | "ascii" | "hex" | "bin" | "oct" | "chr" | "format", _) => ITy::Str,
            ("ord" | "hash", _) => ITy::Int,
            ("bool" | "any" | "all" | "isinstance" | "callable", _) => ITy::Bool,
            ("open", [_] | [_, _]) => ITy::File,
            ("next", [Ty::File]) => ITy::Str,
            ("iter", [Ty::File]) => ITy::File,
            ("iter", [Ty::Obj(_)]) => match &a[0] {
                ITy::Obj(root) => self.instance_call(*root, "__iter__", &[], &[], &[]).unwrap_or(ITy::Dyn),
                _ => ITy::Dyn,
            },
            ("iter", [Ty::Gen(_)]) => a[0].clone(),
            // `iter(f, sentinel)`: `f()` until it returns the sentinel.
            ("iter", [_, _]) => {
                let item = match (&args[0].kind, &a[0]) {
                    (_, ITy::Func(f)) => self.call_func(*f, 0, &[], &[], &[]),
                    (ExprKind::Attribute { value, attr }, _) => match self.expr(value) {
                        ITy::Obj(root) => self.instance_call(root, attr, &[], &[], &[]).unwrap_or(ITy::Dyn),
                        _ => ITy::Dyn,
                    },
                    _ => ITy::Dyn,
                };
                ITy::Iter(Box::new(item))
            }
            ("iter", [_]) => {
                let elem = self.elem_of(&a[0]);
                ITy::Iter(Box::new(elem))
            }
            ("next", [Ty::Iter(_) | Ty::Gen(_)]) => self.elem_of(&a[0]),
            ("next", [Ty::Iter(_) | Ty::Gen(_), _]) => {
                let elem = self.elem_of(&a[0]);
                self.s.join(&elem, &a[1])
            }
            ("next", [Ty::Obj(_)]) => match &a[0] {
                ITy::Obj(root) => self.instance_call(*root, "__next__", &[], &[], &[]).unwrap_or(ITy::Dyn),
                _ => ITy::Dyn,
            },
            ("next", [Ty::Obj(_), _]) => match &a[0] {
                ITy::Obj(root) => {
                    let t = self.instance_call(*root, "__next__", &[], &[], &[]).unwrap_or(ITy::Dyn);
                    self.s.join(&t, &a[1])
                }
                _ => ITy::Dyn,
            },
            ("enumerate", [_] | [_, _]) => {
                let elem = self.elem_of(&a[0]);
                ITy::Iter(Box::new(ITy::Tuple(vec![ITy::Int, elem])))
            }
            ("dict", []) => ITy::Dict(self.memo(e, 0), self.memo(e, 1)),
            ("set", []) => ITy::Set(self.memo(e, 0)),
            ("set", [_]) => {
                let elem = self.elem_of(&a[0]);
                let v = self.memo(e, 0);
                self.s.join_into(v, &elem);
                ITy::Set(v)
            }
            ("dict", [_]) => {
                let (k, v) = (self.memo(e, 0), self.memo(e, 1));
                if let ITy::Tuple(parts) = self.elem_of(&a[0]) {
                    if parts.len() == 2 {
                        self.s.join_into(k, &parts[0]);
                        self.s.join_into(v, &parts[1]);
                    }
                }
                if a[0] == ITy::Dyn {
                    // A mapping known only at run time (a `defaultdict`, a `Counter`).
                    self.s.join_into(k, &ITy::Dyn);
                    self.s.join_into(v, &ITy::Dyn);
                }
                ITy::Dict(k, v)
            }
            ("list", []) => ITy::List(self.memo(e, 0)),
            ("list", [_]) => {
                let elem = self.elem_of(&a[0]);
                let v = self.memo(e, 0);
                self.s.join_into(v, &elem);
                ITy::List(v)
            }
            ("sum", [_, Ty::Obj(_)]) if self.sum_objects(a).is_some() => self.sum_objects(a).unwrap_or(ITy::Dyn),
            ("sum", [_] | [_, _]) => {
                let mut t = self.elem_of(&a[0]);
                if a.len() == 2 {
                    t = self.s.join(&t, &a[1]);
                } else {
                    t = self.s.join(&t, &ITy::Int);
                }
                match t {
                    ITy::Int | ITy::Float => t,
                    ITy::Bool => ITy::Int,
                    _ => ITy::Dyn,
                }
            }
            _ => ITy::Dyn,
        }
    }

    /// `sum(items, start)` with `start` an instance whose `__add__` gives an instance of the
    /// same hierarchy: added up through `__add__`.
    fn sum_objects(&mut self, a: &[ITy]) -> Option<ITy> {
        let ITy::Obj(root) = a[1] else { return None };
        let elem = self.elem_of(&a[0]);
        match self.instance_call(root, "__add__", &[elem], &[], &[]) {
            Some(t @ (ITy::Obj(_) | ITy::Never)) if t == a[1] || t == ITy::Never => Some(a[1].clone()),
            _ => None,
        }
    }

    fn method_call(&mut self, e: &Expr, owner: &ITy, method: &str, a: &[ITy], keywords: &[Keyword], kw_tys: &[ITy]) -> ITy {
        if *owner == ITy::Never {
            return ITy::Never;
        }
        match owner {
            ITy::Gen(f) => {
                return match method {
                    "send" | "throw" | "__next__" => self.s.get(self.yields[f.0 as usize]),
                    "close" => ITy::None,
                    _ => ITy::Dyn,
                }
            }
            ITy::Module(m) if !(m == "sys" && method == "exit") => return self.module_call(e, &m.clone(), method, a, keywords, kw_tys),
            ITy::Obj(root) => return self.instance_call(*root, method, a, keywords, kw_tys).unwrap_or(ITy::Dyn),
            ITy::Class(c) => {
                return match self.res.lookup_method(*c, method) {
                    Some(f) => {
                        let skip = match self.res.funcs[f.0 as usize].kind {
                            MethodKind::Static => 0,
                            MethodKind::Class => {
                                let func = &self.res.funcs[f.0 as usize];
                                if let Some(p) = func.params.first() {
                                    let v = self.var(func.scope, &p.name);
                                    self.s.join_into(v, &ITy::Class(*c));
                                }
                                1
                            }
                            _ => 1,
                        };
                        self.call_func(f, skip, a, keywords, kw_tys)
                    }
                    None => ITy::Dyn,
                };
            }
            _ => {}
        }
        if *owner == ITy::Dyn {
            // Dispatched at run time: the arguments are boxed, so lists and dicts passed in
            // must store `Value`s (the callee may add items of any type).
            for t in a.iter().chain(kw_tys) {
                self.s.make_dyn(t);
            }
            return ITy::Dyn;
        }
        use crate::methods::{dict_method, list_method, set_method, str_method, Arg, Ret};
        let mut value_var = None;
        if *owner == ITy::File {
            return match method {
                "read" | "readline" => ITy::Str,
                "readlines" => {
                    let v = self.memo(e, 0);
                    self.s.join_into(v, &ITy::Str);
                    ITy::List(v)
                }
                "write" => ITy::Int,
                _ => ITy::None,
            };
        }
        let (sig, elem) = match (owner, method) {
            (ITy::Module(m), "exit") if m == "sys" => return ITy::Never,
            (ITy::Dict(k, v), "get") => {
                if let Some(t) = a.first() {
                    self.s.join_into(*k, t);
                }
                let vt = self.s.get(*v);
                let other = a.get(1).cloned().unwrap_or(ITy::None);
                return self.s.join(&vt, &other);
            }
            (ITy::Dict(k, _), "keys") => return ITy::Iter(Box::new(self.s.get(*k))),
            (ITy::Dict(_, v), "values") => return ITy::Iter(Box::new(self.s.get(*v))),
            (ITy::Dict(k, v), "items") => {
                let pair = ITy::Tuple(vec![self.s.get(*k), self.s.get(*v)]);
                return ITy::Iter(Box::new(pair));
            }
            (ITy::Dict(k, v), _) => {
                value_var = Some(*v);
                (dict_method(method, a.len()), Some(*k))
            }
            (ITy::Set(v), _) => (set_method(method, a.len()), Some(*v)),
            (ITy::Str, "join" | "format") => return ITy::Str,
            (ITy::List(v), "extend") => {
                if let Some(t) = a.first() {
                    let elem = self.elem_of(t);
                    self.s.join_into(*v, &elem);
                }
                return ITy::None;
            }
            (ITy::Str, _) => {
                let kws = keywords.iter().map(|k| k.name.as_str()).zip(kw_tys);
                let slots = crate::methods::arg_slots(a, kws, |k| crate::methods::str_keyword(method, k));
                (slots.and_then(|s| str_method(method, s.len())), None)
            }
            (ITy::List(v), _) => (list_method(method, a.len()), Some(*v)),
            _ => (None, None),
        };
        let Some(sig) = sig else { return ITy::Dyn };
        if let Some(v) = elem {
            for (arg, t) in sig.args.iter().zip(a) {
                match arg {
                    Arg::Elem | Arg::ElemRef => self.s.join_into(v, t),
                    Arg::Value => {
                        if let Some(vv) = value_var {
                            self.s.join_into(vv, t);
                        }
                    }
                    Arg::SameRef => {
                        let joined = self.s.join(owner, t);
                        let _ = joined;
                    }
                    _ => {}
                }
            }
        }
        match sig.ret {
            Ret::None => ITy::None,
            Ret::Int => ITy::Int,
            Ret::Bool => ITy::Bool,
            Ret::Str => ITy::Str,
            Ret::ListOfStr => {
                let v = self.memo(e, 0);
                self.s.join_into(v, &ITy::Str);
                ITy::List(v)
            }
            Ret::StrTriple => ITy::Tuple(vec![ITy::Str, ITy::Str, ITy::Str]),
            Ret::Elem => elem.map_or(ITy::Dyn, |v| self.s.get(v)),
            Ret::SameList => owner.clone(),
            Ret::Value => value_var.map_or(ITy::Dyn, |v| self.s.get(v)),
            Ret::Pair => match (elem, value_var) {
                (Some(k), Some(v)) => ITy::Tuple(vec![self.s.get(k), self.s.get(v)]),
                _ => ITy::Dyn,
            },
        }
    }
}

fn from_concrete(t: &Ty) -> ITy {
    match t {
        Ty::Int => ITy::Int,
        Ty::Float => ITy::Float,
        Ty::Bool => ITy::Bool,
        Ty::Str => ITy::Str,
        Ty::None => ITy::None,
        Ty::Never => ITy::Never,
        _ => ITy::Dyn,
    }
}

pub fn is_nonneg_int_literal(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Int(i) if i.sign() != num_bigint::Sign::Minus)
}

/// `t[0]`, `t[-1]`: a constant index into a tuple of `len` elements.
pub fn literal_index(e: &Expr, len: usize) -> Option<usize> {
    use num_traits::ToPrimitive;
    let i = match &e.kind {
        ExprKind::Int(i) => i.to_i64()?,
        ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => match &operand.kind {
            ExprKind::Int(i) => -i.to_i64()?,
            _ => return None,
        },
        _ => return None,
    };
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// For each expression whose value Python asks for a method, that method's name: the owner of
/// an attribute (the attribute), a subscripted value (`__getitem__`), an iterated value
/// (`__iter__`), `len`'s argument (`__len__`), comparison and arithmetic operands.
fn roles(module: &Module) -> HashMap<ExprId, String> {
    use crate::lower::visit_stmts_exprs;
    let mut out: HashMap<ExprId, String> = HashMap::new();
    let mut on_expr = |e: &Expr| {
        let mut set = |x: &Expr, r: &str| {
            out.insert(x.id, r.to_string());
        };
        match &e.kind {
            ExprKind::Attribute { value, attr } => set(value, attr),
            ExprKind::Subscript { value, .. } => set(value, "__getitem__"),
            ExprKind::Starred(value) => set(value, "__iter__"),
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Name(n) = &func.kind {
                    match n.as_str() {
                        "len" => args.iter().for_each(|a| set(a, "__len__")),
                        "list" | "tuple" | "sorted" | "sum" | "min" | "max" | "set" | "any" | "all" | "enumerate" | "reversed" | "zip" | "iter" | "frozenset" => args.iter().for_each(|a| set(a, "__iter__")),
                        "map" | "filter" => args.iter().skip(1).for_each(|a| set(a, "__iter__")),
                        _ => {}
                    }
                }
            }
            ExprKind::Compare { left, ops } => {
                let mut prev: &Expr = left;
                for (op, x) in ops {
                    match op {
                        CmpOp::In | CmpOp::NotIn => set(x, "__contains__"),
                        _ => {
                            if let Some(d) = crate::lower::cmp_dunder(*op) {
                                set(prev, d);
                                set(x, d);
                            }
                        }
                    }
                    prev = x;
                }
            }
            ExprKind::BinOp { op, left, right } => {
                let (fwd, refl, _) = crate::lower::binop_dunders(*op);
                set(left, fwd);
                set(right, &refl);
            }
            ExprKind::ListComp { generators, .. } | ExprKind::SetComp { generators, .. } | ExprKind::GenExp { generators, .. } | ExprKind::DictComp { generators, .. } => {
                for g in generators {
                    set(&g.iter, "__iter__");
                }
            }
            _ => {}
        }
    };
    let mut bodies: Vec<&[Stmt]> = vec![&module.body];
    crate::ast::walk_stmts(&module.body, &mut |s| match &s.kind {
        StmtKind::FunctionDef(def) => bodies.push(&def.body),
        StmtKind::ClassDef(def) => bodies.push(&def.body),
        _ => {}
    });
    let mut iters: Vec<ExprId> = Vec::new();
    crate::ast::walk_stmts(&module.body, &mut |s| {
        if let StmtKind::For { iter, .. } = &s.kind {
            iters.push(iter.id);
        }
    });
    for b in bodies {
        visit_stmts_exprs(b, &mut on_expr);
    }
    for id in iters {
        out.insert(id, "__iter__".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::MODULE_SCOPE;
    use crate::source::SourceFile;

    fn types_of(src: &str) -> (Resolution, Types) {
        let m = crate::frontend::parse_module(&SourceFile::new("t.py", src)).unwrap();
        let r = crate::resolve::resolve(&m).unwrap();
        let t = infer(&m, &r).unwrap();
        (r, t)
    }

    #[test]
    fn a_yield_receives_none_or_what_send_passes() {
        let src = "def acc():\n    total = 0\n    while True:\n        v = yield total\n        total += v\n\ndef main():\n    a = acc()\n    next(a)\n    t = a.send(3)\n";
        let (r, t) = types_of(src);
        let scope = r.funcs[0].scope;
        assert_eq!(t.var(scope, "v"), Ty::Opt(Box::new(Ty::Int)));
        assert_eq!(t.var(scope, "total"), Ty::Int);
        assert_eq!(t.sent[0], Ty::Int);
        assert_eq!(t.var(r.funcs[1].scope, "t"), Ty::Int);
        // A send on a value whose generator is not known statically: any value, anywhere.
        let (r, t) = types_of(&format!("{src}    b = [a, 1][0]\n    b.send('x')\n"));
        assert_eq!(t.sent[0], Ty::Dyn);
        assert_eq!(t.var(r.funcs[0].scope, "total"), Ty::Dyn);
    }

    #[test]
    fn one_type_stays_native_and_mixed_types_become_dyn() {
        let (_, t) = types_of("x = 1\nx += 2\ny = 1.5\nz = 0 or 'a'\nw = [1, 2]\nw.append(3)\n");
        assert_eq!(t.var(MODULE_SCOPE, "x"), Ty::Int);
        assert_eq!(t.var(MODULE_SCOPE, "y"), Ty::Float);
        assert_eq!(t.var(MODULE_SCOPE, "z"), Ty::Dyn);
        assert_eq!(t.var(MODULE_SCOPE, "w"), Ty::List(Box::new(Ty::Int)));
    }

    #[test]
    fn parameters_join_call_sites_and_returns_flow_back() {
        let (r, t) = types_of("def f(n):\n    if n < 2:\n        return n\n    return f(n - 1) * n\nprint(f(5))\n");
        assert_eq!(t.params[0], vec![Ty::Int]);
        assert_eq!(t.returns[0], Ty::Int);
        assert_eq!(r.funcs[0].name, "f");
    }

    #[test]
    fn recursion_and_late_call_sites_stay_native() {
        let (_, t) = types_of("def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\ndef g(a, b):\n    return a + b\ndef main():\n    print(fib(10), g('x', 'y'))\nmain()\n");
        assert_eq!(t.returns[0], Ty::Int);
        assert_eq!(t.params[1], vec![Ty::Str, Ty::Str]);
        assert_eq!(t.returns[1], Ty::Str);
    }

    #[test]
    fn iterating_a_value_not_yet_known_does_not_widen_it() {
        let (_, t) = types_of("def f():\n    return [[1.5]]\nfor row in f():\n    print(row)\nc = f()\n");
        assert_eq!(t.var(MODULE_SCOPE, "c"), Ty::List(Box::new(Ty::List(Box::new(Ty::Float)))));
    }

    #[test]
    fn isinstance_is_a_bool() {
        let (_, t) = types_of("class A:\n    pass\nb = isinstance(A(), A) and 1 < 2\n");
        assert_eq!(t.var(MODULE_SCOPE, "b"), Ty::Bool);
    }

    #[test]
    fn aliased_lists_share_their_element_type() {
        let (_, t) = types_of("a = [1]\nb = a\nb.append('s')\n");
        assert_eq!(t.var(MODULE_SCOPE, "a"), Ty::List(Box::new(Ty::Dyn)));
    }
}

/// Whether `owner.attr(args)` is `dict.fromkeys(keys)` or `dict.fromkeys(keys, value)`.
pub fn is_dict_fromkeys(res: &Resolution, owner: &Expr, attr: &str, nargs: usize, keywords: &[Keyword]) -> bool {
    attr == "fromkeys" && (1..=2).contains(&nargs) && keywords.is_empty() && matches!(res.names.get(&owner.id), Some(Binding::Builtin(b)) if b == "dict")
}
