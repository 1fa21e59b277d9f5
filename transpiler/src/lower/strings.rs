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
