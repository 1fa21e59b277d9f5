//! py2rust: a Python-to-Rust transpiler.
//!
//! The pipeline, one module per pass: [`frontend`] (parse) -> [`resolve`] (names and scopes) ->
//! [`infer`] (types) -> [`lower`] (to a Rust-shaped IR) -> [`emit`] (syn/quote tokens, printed
//! with prettyplease). [`driver`] compiles the result against the cached runtime.

pub mod ast;
pub mod builtins;
pub mod cli;
pub mod diag;
pub mod driver;
pub mod frontend;
pub mod infer;
pub mod itertools;
pub mod ops;
pub mod resolve;
pub mod source;
pub mod types;
pub mod emit;
pub mod lower;
pub mod methods;
pub mod modules;
pub mod rir;

/// The pipeline up to the Rust-shaped IR (what `--emit states` reads).
pub fn lower_program(file: &source::SourceFile) -> Result<rir::Program, Vec<diag::Diagnostic>> {
    let module = frontend::parse_module(file)?;
    let resolution = resolve::resolve(&module)?;
    let types = infer::infer(&module, &resolution)?;
    lower::lower(file, &module, &resolution, &types)
}

/// The whole pipeline up to Rust source: parse, resolve, infer, lower, emit.
pub fn transpile(file: &source::SourceFile) -> Result<String, Vec<diag::Diagnostic>> {
    let program = lower_program(file)?;
    emit::emit_program(&program).map_err(|e| vec![diag::Diagnostic::internal(source::Span::default(), e)])
}
