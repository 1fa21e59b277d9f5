//! Talking to rustc: its identity (`rustc -vV`) and compiling one program against the runtime.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use super::cache;
use super::error::DriverError;
use super::profile::Profile;
use super::runtime::CRATE_NAME;
use super::RuntimeBuild;

/// What `rustc -vV` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RustcInfo {
    /// The whole output: part of the runtime key.
    pub verbose_version: String,
    /// The `host:` line: the target the runtime is built for.
    pub host: String,
}

pub(crate) fn parse_version(output: &str) -> Option<RustcInfo> {
    let host = output
        .lines()
        .find_map(|l| l.strip_prefix("host: "))?
        .trim()
        .to_string();
    output.starts_with("rustc ").then(|| RustcInfo {
        verbose_version: output.trim_end().to_string(),
        host,
    })
}

fn spawn_error(rustc: &Path, e: std::io::Error) -> DriverError {
    if e.kind() == std::io::ErrorKind::NotFound {
        DriverError::tool_missing(rustc.display().to_string())
    } else {
        DriverError::io(format!("cannot run {}", rustc.display()), e)
    }
}

/// Runs `rustc -vV` in `cwd` (inside the cache, so that a `rust-toolchain.toml` of the user's
/// folder does not switch compilers between this call and the builds).
pub(crate) fn query(rustc: &Path, cwd: &Path) -> Result<RustcInfo, DriverError> {
    let out = Command::new(rustc)
        .arg("-vV")
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| spawn_error(rustc, e))?;
    let text = String::from_utf8_lossy(&out.stdout);
    match parse_version(&text) {
        Some(info) if out.status.success() => Ok(info),
        _ => Err(DriverError::ToolMissing {
            tool: rustc.display().to_string(),
            hint: format!(
                "`{} -vV` did not work ({}); install a Rust toolchain with rustup (https://rustup.rs)",
                rustc.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        }),
    }
}

/// Compiles `src_dir/main.rs` into `out` with rustc, against `runtime`. rustc runs in `src_dir`
/// on the relative path `main.rs`, so that its diagnostics and the program's panic messages
/// say `main.rs:LINE:COL`.
pub(crate) fn compile(
    rustc: &Path,
    runtime: &RuntimeBuild,
    profile: Profile,
    src_dir: &Path,
    out: &Path,
) -> Result<(), DriverError> {
    let mut extern_arg = std::ffi::OsString::from(format!("{CRATE_NAME}="));
    extern_arg.push(&runtime.rlib);
    let mut deps_arg = std::ffi::OsString::from("dependency=");
    deps_arg.push(&runtime.deps_dir);
    let output = Command::new(rustc)
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "bin",
            "--crate-name",
            "main",
        ])
        .args(["--cap-lints", "allow", "--color", "never"])
        .args(profile.rustc_flags())
        .arg("-L")
        .arg(deps_arg)
        .arg("--extern")
        .arg(extern_arg)
        .arg("-o")
        .arg(out)
        .arg("main.rs")
        .current_dir(src_dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| spawn_error(rustc, e))?;
    if output.status.success() && out.is_file() {
        return Ok(());
    }
    Err(DriverError::RustcFailed {
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        source_path: src_dir.join("main.rs"),
        status: output.status.code(),
    })
}

/// Builds the program `source` into `bin` (the caller holds the program's lock): the source
/// goes to `src_dir/main.rs`, rustc writes into a fresh dir under `tmp_root`, and the result is
/// renamed into place, so that no one ever sees a half-written binary.
pub(crate) fn build_into(
    rustc: &Path,
    runtime: &RuntimeBuild,
    profile: Profile,
    source: &str,
    src_dir: &Path,
    tmp_root: &Path,
    bin: &Path,
) -> Result<(), DriverError> {
    cache::write_if_changed(&src_dir.join("main.rs"), source.as_bytes())?;
    let tmp = tmp_root.join(cache::unique_suffix());
    cache::create_dir_all(&tmp)?;
    let out = tmp.join(format!("main{}", std::env::consts::EXE_SUFFIX));
    let result = compile(rustc, runtime, profile, src_dir, &out).and_then(|()| {
        if let Some(dir) = bin.parent() {
            cache::create_dir_all(dir)?;
        }
        fs::rename(&out, bin).map_err(|e| {
            DriverError::io(format!("cannot move the program to {}", bin.display()), e)
        })
    });
    let _ = fs::remove_dir_all(&tmp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rustc_vv() {
        let out = "rustc 1.95.0 (59807616e 2026-04-14)\nbinary: rustc\ncommit-hash: 5980\n\
                   host: x86_64-unknown-linux-gnu\nrelease: 1.95.0\nLLVM version: 22.1.2\n";
        let info = parse_version(out).unwrap();
        assert_eq!(info.host, "x86_64-unknown-linux-gnu");
        assert!(info.verbose_version.starts_with("rustc 1.95.0"));
        assert!(info.verbose_version.ends_with("LLVM version: 22.1.2"));
        assert_eq!(parse_version("error: no such toolchain\n"), None);
        assert_eq!(parse_version("rustc 1.95.0\n"), None);
    }
}
