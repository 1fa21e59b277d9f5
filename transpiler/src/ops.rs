//! Typing rules of Python's operators on the types py2rust represents natively.
//!
//! One table, read by both `infer` (to know an operation's result type) and `lower` (to pick
//! its implementation), so the two can never disagree. Anything outside the table goes through
//! the runtime's dynamic `Value` operations, which raise CPython's `TypeError`s.

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::types::Ty;

/// How a binary operation is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinImpl {
    /// Both operands converted to `Int`; Rust's operator on `&Int` (never fails).
    IntOp,
    /// Both operands converted to `Int`; a fallible method `a.method(&b)`.
    IntMethod(&'static str),
    /// Both operands converted to `f64`; Rust's operator.
    FloatOp,
    /// Both operands converted to `f64`; a fallible runtime function `f(a, b)`.
    FloatFn(&'static str),
    /// `&`, `|`, `^` on two bools give a bool.
    BoolOp,
    StrConcat,
    /// `str * int` (`left_is_str` says which side the string is).
    StrRepeat { left_is_str: bool },
    ListConcat,
    ListRepeat { left_is_list: bool },
    TupleConcat,
    /// `"fmt" % args`: printf-style formatting, always a str (or a `TypeError`).
    StrPercent,
    /// Boxed into `Value` and done by the runtime.
    Dyn,
}

/// The implementation and result type of `l op r`. `right_is_nonneg_literal` is true when the
/// right operand is an int literal >= 0 (so `int ** it` stays an int).
pub fn binop_rule(op: BinOp, l: &Ty, r: &Ty, right_is_nonneg_literal: bool) -> (BinImpl, Ty) {
    use BinOp::*;
    let int_like = |t: &Ty| matches!(t, Ty::Int | Ty::Bool);
    if l.is_numeric() && r.is_numeric() {
        if matches!((l, r), (Ty::Bool, Ty::Bool)) && matches!(op, BitAnd | BitOr | BitXor) {
            return (BinImpl::BoolOp, Ty::Bool);
        }
        if int_like(l) && int_like(r) {
            return match op {
                Add | Sub | Mul | BitAnd | BitOr | BitXor => (BinImpl::IntOp, Ty::Int),
                FloorDiv => (BinImpl::IntMethod("floordiv"), Ty::Int),
                Mod => (BinImpl::IntMethod("modulo"), Ty::Int),
                Div => (BinImpl::IntMethod("truediv"), Ty::Float),
                LShift => (BinImpl::IntMethod("shl"), Ty::Int),
                RShift => (BinImpl::IntMethod("shr"), Ty::Int),
                Pow if right_is_nonneg_literal => (BinImpl::IntMethod("pow"), Ty::Int),
                Pow | MatMul => (BinImpl::Dyn, Ty::Dyn),
            };
        }
        return match op {
            Add | Sub | Mul => (BinImpl::FloatOp, Ty::Float),
            Div => (BinImpl::FloatFn("float_truediv"), Ty::Float),
            FloorDiv => (BinImpl::FloatFn("float_floordiv"), Ty::Float),
            Mod => (BinImpl::FloatFn("float_mod"), Ty::Float),
            Pow => (BinImpl::FloatFn("float_pow"), Ty::Float),
            _ => (BinImpl::Dyn, Ty::Dyn),
        };
    }
    match (op, l, r) {
        (Add, Ty::Str, Ty::Str) => (BinImpl::StrConcat, Ty::Str),
        (Mod, Ty::Str, _) => (BinImpl::StrPercent, Ty::Str),
        (Mul, Ty::Str, t) if int_like(t) => (BinImpl::StrRepeat { left_is_str: true }, Ty::Str),
        (Mul, t, Ty::Str) if int_like(t) => (BinImpl::StrRepeat { left_is_str: false }, Ty::Str),
        (Add, Ty::List(_), Ty::List(_)) => (BinImpl::ListConcat, l.clone()),
        (Mul, Ty::List(_), t) if int_like(t) => (BinImpl::ListRepeat { left_is_list: true }, l.clone()),
        (Mul, t, Ty::List(_)) if int_like(t) => (BinImpl::ListRepeat { left_is_list: false }, r.clone()),
        (Add, Ty::Tuple(a), Ty::Tuple(b)) => {
            (BinImpl::TupleConcat, Ty::Tuple(a.iter().chain(b.iter()).cloned().collect()))
        }
        _ => (BinImpl::Dyn, Ty::Dyn),
    }
}

/// The result type of a unary operation (`None` means: through `Value`).
pub fn unary_rule(op: UnaryOp, t: &Ty) -> Option<Ty> {
    match (op, t) {
        (UnaryOp::Not, _) => Some(Ty::Bool),
        (UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert, Ty::Int | Ty::Bool) => Some(Ty::Int),
        (UnaryOp::Neg | UnaryOp::Pos, Ty::Float) => Some(Ty::Float),
        _ => None,
    }
}

/// How a comparison is carried out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpImpl {
    /// Rust's comparison operators on values of one type (`Int`, `f64`, `bool`, `PyStr`).
    Native,
    /// Both operands converted to `Int` first (a bool against an int).
    AsInt,
    /// `x is None` / `x is not None` decided by the static types alone.
    Constant(bool),
    /// `needle in haystack` for a str in a str.
    StrContains,
    /// `x in list`.
    ListContains,
    /// Boxed into `Value`.
    Dyn,
}

pub fn cmp_rule(op: CmpOp, l: &Ty, r: &Ty) -> CmpImpl {
    use CmpOp::*;
    match op {
        Is | IsNot => {
            let none_check = |a: &Ty, b: &Ty| *b == Ty::None && *a != Ty::Dyn;
            if none_check(l, r) || none_check(r, l) {
                let same = *l == Ty::None && *r == Ty::None;
                CmpImpl::Constant(if op == Is { same } else { !same })
            } else {
                CmpImpl::Dyn
            }
        }
        In | NotIn => match (l, r) {
            (Ty::Str, Ty::Str) => CmpImpl::StrContains,
            (a, Ty::List(e)) if **e == *a && a.is_numeric() || matches!(a, Ty::Str) && **e == Ty::Str => CmpImpl::ListContains,
            _ => CmpImpl::Dyn,
        },
        _ => match (l, r) {
            (Ty::Int, Ty::Int) | (Ty::Float, Ty::Float) | (Ty::Str, Ty::Str) | (Ty::Bool, Ty::Bool) => CmpImpl::Native,
            (Ty::Int | Ty::Bool, Ty::Int | Ty::Bool) => CmpImpl::AsInt,
            (Ty::None, Ty::None) if matches!(op, Eq | NotEq) => CmpImpl::Constant(op == Eq),
            _ => CmpImpl::Dyn,
        },
    }
}

/// Python's spelling of a binary operator in its `unsupported operand type(s)` errors: `a op= b`
/// adds `=`, and `**` reads `** or pow()`.
pub fn binop_symbol(op: BinOp, inplace: bool) -> String {
    match (op, inplace) {
        (_, true) => format!("{}=", op.symbol()),
        (BinOp::Pow, false) => "** or pow()".to_string(),
        (_, false) => op.symbol().to_string(),
    }
}

/// The two operand types of an operation with exactly one operand of type `Opt(t)`, that one
/// replaced by `t`.
fn unwrapped(l: &Ty, r: &Ty) -> Option<(Ty, Ty)> {
    match (l, r) {
        (Ty::Opt(_), Ty::Opt(_)) => None,
        (Ty::Opt(a), b) => Some(((**a).clone(), b.clone())),
        (a, Ty::Opt(b)) => Some((a.clone(), (**b).clone())),
        _ => None,
    }
}

/// `l op r` with one operand that may be `None` (`Ty::Opt`): the operand types to work on when
/// it is not, if the `None` case is exactly CPython's `unsupported operand type(s)` error. That
/// holds for numbers (`str` operators word theirs otherwise, and `"%s" % None` is fine); any
/// other such operation goes through `Value`.
pub fn binop_on_optional(op: BinOp, l: &Ty, r: &Ty, right_is_nonneg_literal: bool) -> Option<(Ty, Ty)> {
    let (l, r) = unwrapped(l, r)?;
    if !(l.is_numeric() && r.is_numeric()) {
        return None;
    }
    match binop_rule(op, &l, &r, right_is_nonneg_literal).0 {
        BinImpl::IntOp | BinImpl::IntMethod(_) | BinImpl::FloatOp | BinImpl::FloatFn(_) | BinImpl::BoolOp => Some((l, r)),
        _ => None,
    }
}

/// How a comparison with one operand that may be `None` (`Ty::Opt`) is done natively.
#[derive(Clone, Debug, PartialEq)]
pub enum OptCmp {
    /// `x is None` / `x is not None`.
    IsNone,
    /// On the value when it is not `None` (these operand types), else `==` is false, `!=`
    /// true, and an ordering raises CPython's `not supported between instances` error.
    Unwrapped(Ty, Ty),
}

pub fn cmp_on_optional(op: CmpOp, l: &Ty, r: &Ty) -> Option<OptCmp> {
    use CmpOp::*;
    let (ul, ur) = unwrapped(l, r)?;
    match op {
        Is | IsNot if *l == Ty::None || *r == Ty::None => Some(OptCmp::IsNone),
        Eq | NotEq | Lt | LtE | Gt | GtE => {
            let scalar = |t: &Ty| t.is_numeric() || *t == Ty::Str;
            if !(scalar(&ul) && scalar(&ur)) {
                return None;
            }
            match cmp_rule(op, &ul, &ur) {
                CmpImpl::Native | CmpImpl::AsInt => Some(OptCmp::Unwrapped(ul, ur)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_true_division_is_float_and_negative_powers_are_dynamic() {
        assert_eq!(binop_rule(BinOp::Div, &Ty::Int, &Ty::Int, false).1, Ty::Float);
        assert_eq!(binop_rule(BinOp::Pow, &Ty::Int, &Ty::Int, true).1, Ty::Int);
        assert_eq!(binop_rule(BinOp::Pow, &Ty::Int, &Ty::Int, false).1, Ty::Dyn);
        assert_eq!(binop_rule(BinOp::Add, &Ty::Bool, &Ty::Bool, false).1, Ty::Int);
        assert_eq!(binop_rule(BinOp::BitOr, &Ty::Bool, &Ty::Bool, false).1, Ty::Bool);
        assert_eq!(binop_rule(BinOp::Mul, &Ty::Int, &Ty::Float, false), (BinImpl::FloatOp, Ty::Float));
        assert_eq!(binop_rule(BinOp::Add, &Ty::Int, &Ty::Str, false).0, BinImpl::Dyn);
    }
}
