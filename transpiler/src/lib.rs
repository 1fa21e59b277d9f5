//! py2rust: a Python-to-Rust transpiler.
//!
//! The pipeline, one module per pass: [`frontend`] (parse) -> [`resolve`] (names and scopes) ->
//! [`infer`] (types) -> [`lower`] (to a Rust-shaped IR) -> [`emit`] (syn/quote tokens, printed
//! with prettyplease). [`driver`] compiles the result against the cached runtime.

pub mod ast;
pub mod diag;
pub mod frontend;
pub mod infer;
pub mod ops;
pub mod resolve;
pub mod source;
pub mod types;
