//! The `py2rust` command line: `run`, `transpile`, `build`, `check`.
//!
//! Exit codes of py2rust itself: 2 when it refuses a program (syntax error, unsupported
//! construct, unreadable file), 101 for an internal error (a bug of ours, such as generated Rust
//! that rustc rejects). `run` otherwise exits with the program's own code.

use crate::diag::Diagnostic;
use crate::driver::{Driver, DriverError, Profile};
use crate::source::{SourceFile, Span};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "py2rust", version, about = "Transpile Python programs into fast, readable Rust, and run them")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a Python program like `python3 FILE.py [ARGS...]`: same stdout, traceback, exit code.
    Run {
        /// The Python program.
        file: PathBuf,
        /// Arguments for the program (sys.argv[1:]).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print the Rust that a Python program becomes.
    Transpile {
        /// The Python program.
        file: PathBuf,
        /// Write the output here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// What to print.
        #[arg(long, value_enum, default_value_t = Emit::Rust)]
        emit: Emit,
    },
    /// Compile a Python program into an optimized executable.
    Build {
        /// The Python program.
        file: PathBuf,
        /// Where to write the executable (default: the file's name without `.py`).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Check that a Python program can be translated; print diagnostics only.
    Check {
        /// The Python program.
        file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The generated Rust source.
    Rust,
    /// Generators' state machines as Graphviz dot (no generators are supported yet).
    States,
}

/// What went wrong, with the exit code it maps to.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    fn refused(message: String) -> Failure {
        Failure { code: 2, message }
    }

    fn internal(message: String) -> Failure {
        Failure { code: 101, message }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Internal panics are our bugs: report them as such (exit 101), never as the user's fault.
    let outcome = std::panic::catch_unwind(|| execute(cli));
    match outcome {
        Ok(Ok(code)) => code,
        Ok(Err(f)) => {
            eprint!("{}", f.message);
            ExitCode::from(f.code)
        }
        Err(_) => {
            eprintln!("py2rust: internal error: py2rust panicked (see the message above); this is a bug in py2rust, please report it with the program that caused it");
            ExitCode::from(101)
        }
    }
}

fn execute(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Check { file } => {
            let source = read_source(&file)?;
            transpile_source(&source)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Transpile { file, output, emit } => {
            let source = read_source(&file)?;
            let text = match emit {
                Emit::Rust => transpile_source(&source)?,
                Emit::States => {
                    let program = crate::lower_program(&source).map_err(|diags| render_all(&source, &diags))?;
                    crate::lower::states_dot(&program.gens)
                }
            };
            match output {
                Some(out) => std::fs::write(&out, text).map_err(|e| Failure::refused(format!("py2rust: error: cannot write {}: {e}\n", out.display())))?,
                None => print!("{text}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Build { file, output } => {
            let driver = new_driver()?;
            let source = read_source(&file)?;
            let rust = transpile_source(&source)?;
            let bin = compile(&driver, &source, &rust, Profile::from_env_or(Profile::Build))?;
            let dest = output.unwrap_or_else(|| PathBuf::from(file.file_stem().unwrap_or(file.as_os_str())));
            Driver::copy_to(&bin, &dest).map_err(|e| Failure::refused(format!("py2rust: error: {e}\n")))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Run { file, args } => {
            // The driver starts probing the toolchain in the background while we transpile.
            let driver = new_driver()?;
            let source = read_source(&file)?;
            let rust = transpile_source(&source)?;
            let bin = compile(&driver, &source, &rust, Profile::from_env_or(Profile::Run))?;
            run_binary(&bin, &file, &args)
        }
    }
}

fn read_source(path: &Path) -> Result<SourceFile, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::refused(format!("py2rust: error: cannot read {}: {}\n", path.display(), io_reason(&e))))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure::refused(format!("py2rust: error: {} is not valid UTF-8 (byte {}); py2rust reads UTF-8 source only\n", path.display(), e.utf8_error().valid_up_to()))
    })?;
    Ok(SourceFile::new(path.to_string_lossy(), text))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Runs the passes; diagnostics become a failure with their exit code.
pub fn transpile_source(source: &SourceFile) -> Result<String, Failure> {
    let mut rust = crate::transpile(source).map_err(|diags| render_all(source, &diags))?;
    if std::env::var_os("PY2RUST_DEBUG_BREAK_RUST").is_some() {
        // Hidden switch for the tests of the internal-error path: make rustc reject the output.
        rust.push_str("\nfn py2rust_debug_broken() { let x: u8 = \"not a number\"; }\n");
    }
    Ok(rust)
}

fn render_all(source: &SourceFile, diags: &[Diagnostic]) -> Failure {
    let code = diags.iter().map(Diagnostic::exit_code).max().unwrap_or(2) as u8;
    let mut message = String::new();
    for d in diags {
        message.push_str(&d.render(source));
    }
    if diags.len() > 1 {
        message.push_str(&format!("py2rust: {} problems; nothing was run\n", diags.len()));
    }
    Failure { code, message }
}

fn new_driver() -> Result<Driver, Failure> {
    Driver::new().map_err(|e| Failure::refused(format!("py2rust: error: {e}\n")))
}

fn compile(driver: &Driver, source: &SourceFile, rust: &str, profile: Profile) -> Result<PathBuf, Failure> {
    driver.build_program(rust, profile).map_err(|e| match e {
        DriverError::RustcFailed { stderr, source_path, .. } => {
            let line = python_line_of_rustc_error(&stderr, rust);
            let span = line.map_or(Span::default(), |l| line_span(source, l));
            let mut d = Diagnostic::internal(span, "the Rust generated for this line does not compile");
            d.note = Some(format!("rustc rejected {}", source_path.display()));
            let mut message = d.render(source);
            message.push_str("rustc said:\n");
            for l in stderr.lines().take(30) {
                message.push_str("  ");
                message.push_str(l);
                message.push('\n');
            }
            Failure::internal(message)
        }
        DriverError::RuntimeBuildFailed { .. } | DriverError::ToolMissing { .. } | DriverError::NoCacheDir | DriverError::Io { .. } => {
            Failure::refused(format!("py2rust: error: {e}\n"))
        }
    })
}

fn line_span(source: &SourceFile, line: u32) -> Span {
    let text = source.line_text(line);
    let start = source.text.lines().take(line.saturating_sub(1) as usize).map(|l| l.len() + 1).sum::<usize>();
    let indent = text.len() - text.trim_start().len();
    Span::new((start + indent) as u32, (start + text.len()) as u32)
}

/// The Python line a rustc error points into: the generated code carries `.at("func", LINE)`
/// at every fallible operation; the nearest one at or before the error's line names it.
pub fn python_line_of_rustc_error(stderr: &str, rust: &str) -> Option<u32> {
    let rust_line: usize = stderr.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("--> ")?;
        let mut parts = rest.rsplitn(3, ':');
        let _col = parts.next()?;
        parts.next()?.parse().ok()
    })?;
    let lines: Vec<&str> = rust.lines().collect();
    let upto = rust_line.min(lines.len());
    for l in lines[..upto].iter().rev() {
        if let Some(pos) = l.rfind(".at(\"") {
            let tail = &l[pos..];
            let num: String = tail.split(", ").nth(1)?.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = num.parse() {
                return Some(n);
            }
        }
    }
    None
}

fn run_binary(bin: &Path, file: &Path, args: &[String]) -> Result<ExitCode, Failure> {
    let mut cmd = std::process::Command::new(bin);
    cmd.args(args).env("PY2RUST_ARGV0", file);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Become the program: its exit code and signals are ours, as with `python3 FILE.py`.
        let err = cmd.exec();
        Err(Failure::internal(format!("py2rust: internal error: cannot start the compiled program {}: {err}\n", bin.display())))
    }
    #[cfg(not(unix))]
    {
        let status = cmd.status().map_err(|e| Failure::internal(format!("py2rust: internal error: cannot start {}: {e}\n", bin.display())))?;
        Ok(ExitCode::from(status.code().unwrap_or(1) as u8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustc_errors_map_back_to_python_lines() {
        let rust = "fn f() {\n    g().at(\"f\", 7)?;\n    let x: u8 = \"s\";\n}\n";
        let stderr = "error[E0308]: mismatched types\n --> /cache/main.rs:3:17\n";
        assert_eq!(python_line_of_rustc_error(stderr, rust), Some(7));
    }

    #[test]
    fn internal_errors_exit_101_and_refusals_exit_2() {
        let src = SourceFile::new("p.py", "x = 1\n");
        let f = render_all(&src, &[Diagnostic::internal(Span::new(0, 1), "boom")]);
        assert_eq!(f.code, 101);
        assert!(f.message.contains("internal error: boom"));
        assert!(f.message.contains("bug in py2rust"));
        let f = render_all(&src, &[Diagnostic::unsupported(Span::new(0, 1), "x", "y")]);
        assert_eq!(f.code, 2);
    }
}
