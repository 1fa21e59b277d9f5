//! One-shot iterators: a variable that holds an iterator (`evens = (x for x in xs if ...)`)
//! bound once and consumed once, later in the same block (`squared = (x * x for x in evens)`,
//! `sum(squared)`).
//!
//! An iterator kept in a variable is normally a shared `PyIter` (boxed, reference-counted), as
//! Python's iterators are shared objects: whoever iterates consumes. When nothing but one
//! consumer ever sees the iterator, sharing is unobservable, so the variable can be a plain
//! Rust `let` of the iterator's own type, moved into its consumer: the pipeline is then one
//! chain of adapters the optimizer fuses into a single loop.
//!
//! The conditions, all checked on the function's syntax:
//! - the variable is bound exactly once, by `name = value` (one target), and its type is an
//!   iterator;
//! - it is read exactly once, in a later statement of the same statement list (so the `let`
//!   dominates the read and the binding is fresh on each pass of an enclosing loop);
//! - that read is evaluated at most once per binding: not inside a loop of the later statement,
//!   a lambda, or a comprehension's element, conditions or inner iterables;
//! - the read is in an iterating position: a `for` loop's iterable, a comprehension's first
//!   iterable, or the argument of a builtin that consumes an iterable.

use crate::ast::{self, ExprKind, StmtKind};
use crate::lower::visit_stmts_exprs;
use crate::resolve::{Binding, Resolution, ScopeId};
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// Builtins whose argument is iterated once, from the start, by the lowering's iteration paths.
const CONSUMERS: &[&str] = &["sum", "min", "max", "any", "all", "list", "tuple", "set", "sorted"];

/// The variables of `scope` (among `candidates`: bound once, of an iterator type) that can be
/// one-shot iterators.
pub(super) fn one_shot_iterators(res: &Resolution, scope: ScopeId, stmts: &[ast::Stmt], candidates: &HashSet<String>) -> HashSet<String> {
    if candidates.is_empty() {
        return HashSet::new();
    }
    // Every occurrence of each candidate (binding targets included), by span.
    let mut occurrences: HashMap<String, Vec<Span>> = HashMap::new();
    visit_stmts_exprs(stmts, &mut |e| {
        if let (ExprKind::Name(n), Some(Binding::Var(s, _))) = (&e.kind, res.names.get(&e.id)) {
            if *s == scope && candidates.contains(n) {
                occurrences.entry(n.clone()).or_default().push(e.span);
            }
        }
    });
    let mut found = HashSet::new();
    each_stmt_list(stmts, &mut |list| {
        for (i, s) in list.iter().enumerate() {
            let StmtKind::Assign { targets, .. } = &s.kind else { continue };
            let [target] = targets.as_slice() else { continue };
            let ExprKind::Name(name) = &target.kind else { continue };
            if !candidates.contains(name) {
                continue;
            }
            let Some(spans) = occurrences.get(name) else { continue };
            let reads: Vec<Span> = spans.iter().copied().filter(|sp| *sp != target.span).collect();
            let [read] = reads.as_slice() else { continue };
            let Some(later) = list[i + 1..].iter().find(|l| within(*read, l.span)) else { continue };
            if consumed_once_at(res, later, *read) {
                found.insert(name.clone());
            }
        }
    });
    found
}

/// Calls `f` on `stmts` and every statement list nested in it (not in nested defs or classes).
fn each_stmt_list(stmts: &[ast::Stmt], f: &mut dyn FnMut(&[ast::Stmt])) {
    f(stmts);
    for s in stmts {
        match &s.kind {
            StmtKind::For { body, orelse, .. } | StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                each_stmt_list(body, f);
                each_stmt_list(orelse, f);
            }
            StmtKind::With { body, .. } => each_stmt_list(body, f),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                each_stmt_list(body, f);
                for h in handlers {
                    each_stmt_list(&h.body, f);
                }
                each_stmt_list(orelse, f);
                each_stmt_list(finalbody, f);
            }
            _ => {}
        }
    }
}

fn within(inner: Span, outer: Span) -> bool {
    inner.start >= outer.start && inner.end <= outer.end
}

fn span_of(stmts: &[ast::Stmt]) -> Option<Span> {
    Some(Span::new(stmts.first()?.span.start, stmts.last()?.span.end))
}

/// Whether the read at `read`, inside `stmt`, iterates its value and runs at most once each
/// time `stmt` runs.
fn consumed_once_at(res: &Resolution, stmt: &ast::Stmt, read: Span) -> bool {
    // Parts of `stmt` that may run many times.
    let mut repeated: Vec<Span> = Vec::new();
    let mut iterating = false;
    crate::ast::walk_stmts(std::slice::from_ref(stmt), &mut |s| match &s.kind {
        StmtKind::While { .. } | StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => repeated.push(s.span),
        StmtKind::For { iter, body, orelse, .. } => {
            repeated.extend(span_of(body));
            repeated.extend(span_of(orelse));
            iterating |= iter.span == read;
        }
        _ => {}
    });
    visit_stmts_exprs(std::slice::from_ref(stmt), &mut |x| match &x.kind {
            ExprKind::Lambda { body, .. } => repeated.push(body.span),
            ExprKind::ListComp { elt, generators } | ExprKind::GenExp { elt, generators } | ExprKind::SetComp { elt, generators } => {
                repeated.push(elt.span);
                comprehension_parts(generators, read, &mut repeated, &mut iterating);
            }
            ExprKind::DictComp { key, value, generators } => {
                repeated.push(key.span);
                repeated.push(value.span);
                comprehension_parts(generators, read, &mut repeated, &mut iterating);
            }
            ExprKind::Call { func, args, keywords } if keywords.is_empty() && args.len() == 1 && args[0].span == read => {
                iterating |= matches!(res.names.get(&func.id), Some(Binding::Builtin(b)) if CONSUMERS.contains(&b.as_str()));
            }
            _ => {}
    });
    iterating && !repeated.iter().any(|r| within(read, *r))
}

/// A comprehension's first iterable is evaluated once, where it is created; the rest of it runs
/// per item.
fn comprehension_parts(generators: &[ast::Comprehension], read: Span, repeated: &mut Vec<Span>, iterating: &mut bool) {
    for (i, g) in generators.iter().enumerate() {
        if i == 0 {
            *iterating |= g.iter.span == read;
        } else {
            repeated.push(g.iter.span);
        }
        repeated.extend(g.ifs.iter().map(|c| c.span));
    }
}
