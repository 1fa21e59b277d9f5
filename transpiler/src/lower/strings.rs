//! `str.format(...)`: the arguments are boxed into values and the runtime expands the fields
//! (`PyStr::format_method`), with CPython's numbering rules and errors.

use super::*;

impl Lower<'_> {
    pub(super) fn str_format(&mut self, e: &ast::Expr, owner: &ast::Expr, args: &[ast::Expr], keywords: &[ast::Keyword]) -> Expr {
        if let ExprKind::Str(template) = &owner.kind {
            if let Some(attr) = attribute_field(template) {
                return self.unsupported(owner.span, format!("the format field `{{{attr}}}`"), "attribute lookups in format fields are not supported yet");
            }
        }
        let recv = self.place(owner);
        let items = args.iter().map(|a| self.expr_as(a, &Ty::Dyn)).collect();
        let named = keywords
            .iter()
            .map(|k| {
                let v = self.expr_as(&k.value, &Ty::Dyn);
                Expr::Tuple(vec![Expr::StrLit(k.name.clone()), v])
            })
            .collect();
        let call = recv.method("format_method", vec![Expr::Array(items).reference(), Expr::Array(named).reference()]);
        self.attempt(call, e.span)
    }
}

impl Lower<'_> {
    /// `s.startswith((a, b), start, end)` / `s.endswith(...)` with a tuple of strs: true when
    /// any of them matches. `None` when the first argument is not such a tuple.
    pub(super) fn affix_tuple(&mut self, owner: &ast::Expr, method: &str, slots: &[Option<&ast::Expr>]) -> Option<Expr> {
        let Some(Some(first)) = slots.first() else { return None };
        let Ty::Tuple(parts) = self.ty(first) else { return None };
        if !parts.iter().all(|t| *t == Ty::Str) || slots.len() > 3 {
            return None;
        }
        let mut stmts = Vec::new();
        let recv = self.tmp("recv");
        let place = self.place(owner);
        stmts.push(Stmt::Let { name: recv.clone(), ty: None, init: Some(place.reference()), mutable: false, optional: false });
        let tuple = self.tmp("affixes");
        let value = self.reference(first);
        stmts.push(Stmt::Let { name: tuple.clone(), ty: None, init: Some(value), mutable: false, optional: false });
        // `start` and `end`, evaluated once.
        let mut bounds = Vec::new();
        for slot in [slots.get(1), slots.get(2)] {
            let bound = match slot.copied().flatten() {
                Some(a) if !matches!(a.kind, ExprKind::None) => {
                    if !matches!(self.ty(a), Ty::Int | Ty::Bool | Ty::Dyn | Ty::Never) {
                        return Some(self.unsupported(a.span, format!("`{method}` with {}", self.ty(a).python_name()), "the bounds must be ints (CPython raises TypeError)"));
                    }
                    let name = self.tmp("bound");
                    let v = self.expr_as(a, &Ty::Int);
                    stmts.push(Stmt::Let { name: name.clone(), ty: None, init: Some(v), mutable: false, optional: false });
                    Expr::call("Some", vec![Expr::Var(name).reference()])
                }
                _ => Expr::Path("None".into()),
            };
            bounds.push(bound);
        }
        let unbounded = bounds.iter().all(|b| matches!(b, Expr::Path(p) if p == "None"));
        let rust = match (method, unbounded) {
            ("startswith", true) => "startswith",
            ("startswith", false) => "startswith_range",
            (_, true) => "endswith",
            (_, false) => "endswith_range",
        };
        let tests = (0..parts.len()).map(|i| {
            let part = Expr::Field(Box::new(Expr::Var(tuple.clone())), i).reference();
            let args = if unbounded { vec![part] } else { vec![part, bounds[0].clone(), bounds[1].clone()] };
            Expr::Var(recv.clone()).method(rust, args)
        });
        let any = tests.reduce(|a, b| Expr::binary(RB::Or, a, b)).unwrap_or(Expr::Bool(false));
        Some(Expr::Block(Block::with_tail(stmts, any)))
    }
}

/// The first replacement field of a format string whose name reads an attribute (`{0.real}`,
/// `{p.x}`), in the top-level fields or those nested in format specs.
fn attribute_field(template: &str) -> Option<String> {
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '{' {
            continue;
        }
        if chars.get(i) == Some(&'{') {
            i += 1;
            continue;
        }
        // The field name: up to `!`, `:` or `}`, skipping `[...]`.
        let start = i;
        let mut in_brackets = false;
        let mut has_attr = false;
        while i < chars.len() {
            match chars[i] {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                '.' if !in_brackets => has_attr = true,
                '!' | ':' | '}' | '{' if !in_brackets => break,
                _ => {}
            }
            i += 1;
        }
        if has_attr {
            return Some(chars[start..i].iter().collect());
        }
        // A nested field in the spec is found by the loop as another `{`.
    }
    None
}

#[cfg(test)]
mod tests {
    use super::attribute_field;

    #[test]
    fn finds_attribute_fields_only() {
        assert_eq!(attribute_field("{0.real} {}"), Some("0.real".into()));
        assert_eq!(attribute_field("{x[a.b]} {:.2f} {{.}} {0!r:>{1}}"), None);
        assert_eq!(attribute_field("{:{w.x}}"), Some("w.x".into()));
    }
}
