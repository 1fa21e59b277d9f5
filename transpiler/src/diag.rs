//! Diagnostics: what py2rust says when it refuses a program, in `file:line:col` form with the
//! source line and a caret under the construct.

use crate::source::{SourceFile, Span};
use annotate_snippets::{Level, Renderer, Snippet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagKind {
    /// The file is not valid Python.
    Syntax,
    /// Valid Python that py2rust does not translate (yet).
    Unsupported,
    /// Our own bug (for example generated Rust that rustc rejects).
    Internal,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub kind: DiagKind,
    pub span: Span,
    /// What is wrong, e.g. "unsupported construct: `eval`".
    pub message: String,
    /// Why, or what to do instead.
    pub note: Option<String>,
}

impl Diagnostic {
    pub fn syntax(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { kind: DiagKind::Syntax, span, message: message.into(), note: None }
    }

    pub fn unsupported(span: Span, what: impl Into<String>, why: impl Into<String>) -> Diagnostic {
        Diagnostic {
            kind: DiagKind::Unsupported,
            span,
            message: format!("unsupported construct: {}", what.into()),
            note: Some(why.into()),
        }
    }

    pub fn internal(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { kind: DiagKind::Internal, span, message: message.into(), note: None }
    }

    /// The process exit code for this kind: 2 when py2rust refuses the program, 101 for our bugs.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            DiagKind::Syntax | DiagKind::Unsupported => 2,
            DiagKind::Internal => 101,
        }
    }

    /// Renders `path:line:col: error: message`, then the source line with a caret.
    pub fn render(&self, file: &SourceFile) -> String {
        let (line, col) = file.line_col(self.span.start);
        let title = match self.kind {
            DiagKind::Syntax => format!("syntax error: {}", self.message),
            DiagKind::Unsupported => self.message.clone(),
            DiagKind::Internal => format!("internal error: {}", self.message),
        };
        let text = &file.text;
        let start = (self.span.start as usize).min(text.len());
        let mut end = (self.span.end as usize).clamp(start, text.len());
        // Keep the caret on the first line of a multi-line construct.
        if let Some(nl) = text[start..end].find('\n') {
            end = start + nl;
        }
        if end == start && start < text.len() && !text[start..].starts_with('\n') {
            end = start + text[start..].chars().next().map_or(0, char::len_utf8);
        }
        let label = self.note.as_deref().unwrap_or("");
        let origin = file.path.as_str();
        let mut message = Level::Error.title(&title).snippet(
            Snippet::source(text)
                .origin(origin)
                .line_start(1)
                .fold(true)
                .annotation(Level::Error.span(start..end).label(label)),
        );
        let help;
        if self.kind == DiagKind::Internal {
            help = "this is a bug in py2rust; please report it with the program that caused it";
            message = message.footer(Level::Help.title(help));
        }
        let rendered = Renderer::plain().render(message).to_string();
        format!("{}:{}:{}: {}\n{}\n", file.path, line, col, title, rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_and_caret() {
        let f = SourceFile::new("prog.py", "x = 1\ny = eval('2')\n");
        let d = Diagnostic::unsupported(Span::new(10, 14), "`eval`", "code built at run time cannot be compiled ahead of time");
        let out = d.render(&f);
        assert!(out.starts_with("prog.py:2:5: unsupported construct: `eval`\n"), "{out}");
        assert!(out.contains("2 | y = eval('2')"), "{out}");
        assert!(out.contains("^^^^"), "{out}");
        assert_eq!(d.exit_code(), 2);
        assert_eq!(Diagnostic::internal(Span::new(0, 1), "x").exit_code(), 101);
    }
}
