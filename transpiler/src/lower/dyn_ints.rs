//! Machine-word arithmetic on dynamic values that hold ints.
//!
//! Where a variable really holds several types (`v` from a nested list holds ints and lists),
//! it is a `Value`, and `check * 7 + v` runs the general operators: each one matches both
//! operands' types and builds a `Value` result. When such an expression is a tree of int
//! operators (`+ - * // % << >> & | ^`) over variables and int literals, the lowering first
//! tries it on `i64`s (for two operators or more, and for `x op= ...`; one operator alone
//! already tries machine words inline):
//!
//! ```text
//! check = {
//!     let small1 = (|| Some(Int::small_mod(check.as_small()?.checked_mul(7i64)?
//!         .checked_add(v.as_small()?)?, 1000000007i64)?))();
//!     match small1 {
//!         Some(n2) => Value::Int(Int::Small(n2)),
//!         None => check.mul_int(7i64).at("main", 42)?.add(&v).at("main", 42)?
//!             .modulo_int(1000000007i64).at("main", 42)?,
//!     }
//! };
//! ```
//!
//! The machine-word try gives up (`None`) when an operand is not an int that fits a word
//! (a big int, a bool, a float, a list, an instance with `__add__`), when a result would not
//! fit, or when Python would raise (a zero divisor, a negative shift count); the general
//! operators then compute the value or raise, with the traceback. Since the operands are plain
//! variable reads and literals, nothing can observe the abandoned try.

use super::fastloop::{int_binary, int_op};
use super::{Lower, Storage};
use crate::ast::{self, ExprKind};
use crate::resolve::{rust_ident, Binding};
use crate::rir::{Block, Expr, Pat, Stmt};
use crate::types::Ty;
use num_traits::ToPrimitive;

impl Lower<'_> {
    /// `e` (a binary operation on dynamic values) with its machine-word try first, when it is
    /// a tree of int operators over plain reads and literals; `None` otherwise.
    pub(super) fn dyn_int_binop(&mut self, e: &ast::Expr) -> Option<Expr> {
        // A single operator gains nothing: the general one tries machine words inline first.
        let nested = |x: &ast::Expr| matches!(x.kind, ExprKind::BinOp { .. });
        let ExprKind::BinOp { left, right, .. } = &e.kind else { return None };
        if self.dyn_int_usual || self.ty(e) != Ty::Dyn || !(nested(left) || nested(right)) || !self.dyn_int_tree(e) {
            return None;
        }
        let fast = self.small_int_value(e);
        self.dyn_int_usual = true;
        let usual = self.value(e);
        self.dyn_int_usual = false;
        let n = self.tmp("n");
        let small = Expr::call("Value::Int", vec![Expr::call("Int::Small", vec![Expr::Var(n.clone())])]);
        Some(self.small_or_usual(fast, n, Block::with_tail(vec![], small), Block::with_tail(vec![], usual)))
    }

    /// `x op= value` on a dynamic local `x` (see `dyn_int_binop`), when both sides are such
    /// trees: the machine-word try, else the statements `usual` gives.
    pub(super) fn dyn_int_aug_assign(&mut self, target: &ast::Expr, op: ast::BinOp, value: &ast::Expr, usual: impl FnOnce(&mut Self, &mut Vec<Stmt>)) -> Option<Stmt> {
        let ExprKind::Name(name) = &target.kind else { return None };
        if self.dyn_int_usual || self.ty(target) != Ty::Dyn || int_op(op).is_none() || !self.dyn_int_tree(target) || !self.dyn_int_tree(value) {
            return None;
        }
        let (l, r) = (self.small_int_value(target), self.small_int_value(value));
        let fast = int_binary(op, l, r);
        let mut stmts = Vec::new();
        self.dyn_int_usual = true;
        usual(self, &mut stmts);
        self.dyn_int_usual = false;
        let n = self.tmp("n");
        let small = Expr::call("Value::Int", vec![Expr::call("Int::Small", vec![Expr::Var(n.clone())])]);
        let store = Block::new(vec![Stmt::Assign { place: Expr::Var(rust_ident(name)), value: small }]);
        Some(Stmt::Expr(self.small_or_usual(fast, n, store, Block::new(stmts))))
    }

    /// `match (|| Some(fast))() { Some(n) => on_small, None => usual }`.
    fn small_or_usual(&mut self, fast: Expr, n: String, on_small: Block, usual: Block) -> Expr {
        let small = self.tmp("small");
        let attempt = Expr::Call(Box::new(Expr::Closure(vec![], Box::new(Expr::call("Some", vec![fast])))), vec![]);
        let arms = vec![(Pat::Variant("Some".into(), vec![Pat::Ident(n)]), on_small), (Pat::Variant("None".into(), vec![]), usual)];
        let bind = Stmt::Let { name: small.clone(), ty: None, init: Some(attempt), mutable: false, optional: false };
        Expr::Block(Block::with_tail(vec![bind], Expr::MatchExpr(Box::new(Expr::Var(small)), arms)))
    }

    /// Whether `e` is an int operator over operands that are such trees or plain reads.
    fn dyn_int_tree(&self, e: &ast::Expr) -> bool {
        match &e.kind {
            ExprKind::BinOp { op, left, right } => {
                matches!(self.ty(e), Ty::Dyn | Ty::Int) && int_op(*op).is_some() && self.dyn_int_tree(left) && self.dyn_int_tree(right)
            }
            ExprKind::Int(i) => i.to_i64().is_some(),
            ExprKind::Name(name) => match self.name_storage(e, name) {
                Some(Storage::Local | Storage::LoopOnly | Storage::OneShot) => {
                    self.is_machine_var(e) || (matches!(self.ty(e), Ty::Dyn | Ty::Int) && self.optional_read_as_value(e).is_none())
                }
                // A module constant (`MOD = 10**9 + 7`): its literal.
                Some(Storage::Static) => self.module_consts.get(name).is_some_and(|c| matches!(&c.kind, ExprKind::Int(i) if i.to_i64().is_some())),
                Some(Storage::MaybeUnbound | Storage::Cell) | None => false,
            },
            _ => false,
        }
    }

    /// The `i64` value of a tree `dyn_int_tree` accepted, giving up (`?`) where it must.
    fn small_int_value(&mut self, e: &ast::Expr) -> Expr {
        match &e.kind {
            ExprKind::BinOp { op, left, right } => {
                let l = self.small_int_value(left);
                let r = self.small_int_value(right);
                int_binary(*op, l, r)
            }
            ExprKind::Int(i) => Expr::I64(i.to_i64().unwrap_or_default()),
            ExprKind::Name(name) if self.is_machine_var(e) => Expr::Var(rust_ident(name)),
            ExprKind::Name(name) => match self.name_storage(e, name) {
                Some(Storage::Static) => {
                    let c = self.module_consts[name];
                    self.small_int_value(c)
                }
                _ => {
                    let to_small = if self.ty(e) == Ty::Dyn { "as_small" } else { "to_i64" };
                    Expr::Question(Box::new(Expr::Var(rust_ident(name)).method(to_small, vec![])))
                }
            },
            _ => Expr::Unit,
        }
    }

    /// How the variable a name reads is stored.
    fn name_storage(&self, e: &ast::Expr, name: &str) -> Option<Storage> {
        let Some(Binding::Var(scope, _)) = self.res.names.get(&e.id) else { return None };
        Some(self.storage.get(&(*scope, name.to_string())).cloned().unwrap_or(Storage::Local))
    }
}
