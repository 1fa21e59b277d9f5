//! Generator objects held by one variable that only steps them.
//!
//! A generator object is shared by reference (`PyGen`, an `Rc`), so its state lives on the
//! heap and every `send` reads and writes it there. A variable like `acc` in
//!
//! ```text
//! acc = accumulator()
//! next(acc)
//! for i in range(n):
//!     t = acc.send(i)
//! acc.close()
//! ```
//!
//! is the only reference to the object it holds: each of its bindings is a fresh call of the
//! generator function, and each read is `next(acc)`, `next(acc, d)`, `acc.send(x)`,
//! `acc.throw(e)` or `acc.close()`, which step the object without keeping another reference.
//! Such a variable holds an `OwnedGen` instead (`Ty::OwnedGen`), the same object owned in
//! place, whose state the compiler can keep in registers across the loop. It is dropped, and
//! so closed, where CPython drops the last reference: when the variable is assigned again, or
//! when the function returns.

use super::{visit_expr, visit_stmts_exprs, Lower, Storage};
use crate::ast::{self, ExprKind, StmtKind};
use crate::resolve::{collect_bindings, Binding, ScopeId, MODULE_SCOPE};
use crate::types::Ty;
use std::collections::{HashMap, HashSet};

impl Lower<'_> {
    /// Finds the scope's variables that can own their generator objects (see the module
    /// documentation); runs after `assign_storage` decided each variable's storage.
    pub(super) fn find_owned_generators(&mut self, scope: ScopeId, stmts: &[ast::Stmt], params: &[ast::Param]) {
        // A generator's own locals live in its states: left as they are.
        if self.gen.is_some() || ast::has_yield(stmts) {
            return;
        }
        let mut bindings: HashMap<String, usize> = HashMap::new();
        collect_bindings(stmts, &mut |n, _| *bindings.entry(n.to_string()).or_default() += 1);
        let mine = |e: &ast::Expr| match (&e.kind, self.res.names.get(&e.id)) {
            (ExprKind::Name(n), Some(Binding::Var(s, _))) if *s == scope => Some(n.clone()),
            _ => None,
        };
        // `x = g(...)`, a fresh generator object.
        let mut made: HashMap<String, usize> = HashMap::new();
        ast::walk_stmts(stmts, &mut |s| {
            if let StmtKind::Assign { targets, value } = &s.kind {
                if let ([t], ExprKind::Call { func, .. }) = (targets.as_slice(), &value.kind) {
                    let fresh = matches!(self.res.names.get(&func.id), Some(Binding::Func(f)) if self.ty(value) == Ty::Gen(*f));
                    if let (true, Some(n)) = (fresh, mine(t)) {
                        *made.entry(n).or_default() += 1;
                    }
                }
            }
        });
        // Every occurrence of the name, and those that only step the object.
        let (mut seen, mut stepping): (HashMap<String, usize>, HashMap<String, usize>) = (HashMap::new(), HashMap::new());
        let mut escaping: HashSet<String> = HashSet::new();
        visit_stmts_exprs(stmts, &mut |e| {
            if let Some(n) = mine(e) {
                *seen.entry(n).or_default() += 1;
            }
            match &e.kind {
                ExprKind::Call { func, args, keywords } if keywords.is_empty() => {
                    let receiver = match (&func.kind, args.as_slice()) {
                        (ExprKind::Attribute { value, attr }, _) if matches!(attr.as_str(), "send" | "throw" | "close") => mine(value),
                        (ExprKind::Name(_), [g] | [g, _]) if matches!(self.res.names.get(&func.id), Some(Binding::Builtin(b)) if b == "next") => mine(g),
                        _ => None,
                    };
                    if let Some(n) = receiver {
                        *stepping.entry(n).or_default() += 1;
                    }
                }
                // What a lazy generator expression or a lambda reads, it keeps.
                ExprKind::GenExp { .. } | ExprKind::Lambda { .. } => visit_expr(e, &mut |x| escaping.extend(mine(x))),
                _ => {}
            }
        });
        for name in self.res.scopes[scope.0 as usize].locals.clone() {
            let key = (scope, name.clone());
            let Ty::Gen(f) = self.types.var(scope, &name) else { continue };
            let made_here = made.get(&name).copied().unwrap_or(0);
            let owned = made_here > 0
                && bindings.get(&name) == Some(&made_here)
                && seen.get(&name).copied().unwrap_or(0) == made_here + stepping.get(&name).copied().unwrap_or(0)
                && !escaping.contains(&name)
                && self.storage.get(&key) == Some(&Storage::Local)
                && !params.iter().any(|p| p.name == name)
                && !self.is_cell(scope, &name)
                && !(scope == MODULE_SCOPE && self.res.scopes[0].shared.contains(&name))
                && !self.res.funcs.iter().any(|g| g.captures.contains(&key));
            if owned {
                self.owned_gens.insert(key, f);
            }
        }
    }
}
