//! The driver's error type.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why the driver could not produce an executable. The driver never panics: every failure is
/// one of these.
#[derive(Debug)]
pub enum DriverError {
    /// A tool (`cargo` or `rustc`) is not installed or not on `PATH`.
    ToolMissing {
        /// The tool's name or the path that was tried.
        tool: String,
        /// What to install.
        hint: String,
    },
    /// No cache directory: neither `PY2RUST_CACHE_DIR`, `XDG_CACHE_HOME` nor `HOME` is set.
    NoCacheDir,
    /// A file system operation failed.
    Io {
        /// What the driver was doing, naming the path.
        context: String,
        source: io::Error,
    },
    /// Building the runtime library with cargo failed (network, disk, or a bug in the runtime).
    RuntimeBuildFailed {
        /// A readable explanation, ending with cargo's own output where it helps.
        reason: String,
    },
    /// rustc rejected the generated program: an internal error of py2rust. `stderr` is rustc's
    /// human-readable output (no colours); its `--> main.rs:LINE:COL` lines refer to
    /// `source_path`, the generated source kept in the cache.
    RustcFailed {
        stderr: String,
        source_path: PathBuf,
        /// rustc's exit code (`None` if it was killed by a signal).
        status: Option<i32>,
    },
}

impl DriverError {
    pub(crate) fn io(context: impl Into<String>, source: io::Error) -> DriverError {
        DriverError::Io {
            context: context.into(),
            source,
        }
    }

    pub(crate) fn tool_missing(tool: impl Into<String>) -> DriverError {
        DriverError::ToolMissing {
            tool: tool.into(),
            hint: "py2rust compiles programs with the Rust toolchain: install it with rustup \
                   (https://rustup.rs), which puts both `cargo` and `rustc` on PATH, or point the \
                   CARGO and RUSTC environment variables at them"
                .to_string(),
        }
    }
}

impl fmt::Display for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DriverError::ToolMissing { tool, hint } => write!(f, "`{tool}` was not found: {hint}"),
            DriverError::NoCacheDir => write!(
                f,
                "cannot choose a cache directory: set PY2RUST_CACHE_DIR (or HOME or XDG_CACHE_HOME)"
            ),
            DriverError::Io { context, source } => write!(f, "{context}: {source}"),
            DriverError::RuntimeBuildFailed { reason } => {
                write!(f, "could not build the py2rust runtime library: {reason}")
            }
            DriverError::RustcFailed {
                stderr,
                source_path,
                status,
            } => {
                write!(
                    f,
                    "rustc could not compile the generated program {}",
                    source_path.display()
                )?;
                match status {
                    Some(code) => write!(f, " (exit code {code})")?,
                    None => write!(f, " (killed by a signal)")?,
                }
                if !stderr.trim().is_empty() {
                    write!(f, ":\n{}", stderr.trim_end())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for DriverError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DriverError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
