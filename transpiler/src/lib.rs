//! py2rust: a Python-to-Rust transpiler.
