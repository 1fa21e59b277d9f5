//! Building the runtime library with cargo (once per key), and making sense of cargo's output.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use super::cache;
use super::embedded;
use super::error::DriverError;
use super::profile::Profile;
use super::{Driver, RuntimeBuild};

/// The runtime library's crate name (what `--extern` names and cargo reports).
pub(crate) const CRATE_NAME: &str = "py2rust_runtime";

/// Environment variables that would make the cargo build differ from what the key describes
/// (flags, target, profile settings) or run another tool in rustc's place.
const SCRUBBED_ENV: &[&str] = &[
    "RUSTFLAGS",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_BUILD_TARGET",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_BUILD_BUILD_DIR",
    "CARGO_BUILD_RUSTC",
    "CARGO_INCREMENTAL",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
];

/// The standalone crate's manifest: the embedded one plus the driver's profiles.
pub(crate) fn crate_manifest(embedded_manifest: &[u8]) -> Vec<u8> {
    let mut manifest = embedded_manifest.to_vec();
    for profile in Profile::ALL {
        manifest.extend_from_slice(b"\n");
        manifest.extend_from_slice(profile.cargo_profile_section().as_bytes());
    }
    manifest
}

/// Builds the runtime for `profile` into `dir` (the caller holds the lock), records the result
/// in `dir/manifest.json` and returns it.
pub(crate) fn populate(
    driver: &Driver,
    profile: Profile,
    key: &str,
    dir: &Path,
    rustc_version: &str,
    host: &str,
) -> Result<RuntimeBuild, DriverError> {
    let crate_dir = dir.join("crate");
    for (rel, bytes) in embedded::FILES {
        let path = crate_dir.join(rel);
        if *rel == "Cargo.toml" {
            cache::write_if_changed(&path, &crate_manifest(bytes))?;
        } else {
            cache::write_if_changed(&path, bytes)?;
        }
    }

    let started = Instant::now();
    if driver.progress {
        eprintln!(
            "py2rust: building the runtime library for the `{profile}` profile (once, on first use; \
             this can take a minute) ..."
        );
    }
    let mut cmd = Command::new(&driver.cargo);
    cmd.args(["build", "--locked", "--lib", "--color", "never"])
        .args(["--message-format", "json-render-diagnostics"])
        .args(["--profile", profile.cargo_profile()])
        .args(["--target", host])
        .arg("--manifest-path")
        .arg(crate_dir.join("Cargo.toml"))
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTC", &driver.rustc)
        // Overrides RUSTFLAGS and any rustflags of cargo config files; warnings of the runtime
        // are not the user's business.
        .env("CARGO_ENCODED_RUSTFLAGS", "--cap-lints\u{1f}allow")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in SCRUBBED_ENV {
        cmd.env_remove(var);
    }
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("CARGO_PROFILE_") {
            cmd.env_remove(name);
        }
    }

    let mut child = cmd.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            DriverError::tool_missing(driver.cargo.display().to_string())
        } else {
            DriverError::io(format!("cannot run {}", driver.cargo.display()), e)
        }
    })?;
    // cargo's progress ("Compiling num-bigint v0.4.6") and rendered diagnostics go to stderr:
    // pass them through as they come, and keep them for the error message.
    let stderr = child.stderr.take();
    let progress = driver.progress;
    let stderr_thread = std::thread::spawn(move || {
        let mut lines = Vec::new();
        if let Some(stderr) = stderr {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if progress {
                    eprintln!("{line}");
                }
                lines.push(line);
            }
        }
        lines
    });
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    let status = child
        .wait()
        .map_err(|e| DriverError::io(format!("cannot wait for {}", driver.cargo.display()), e))?;
    let stderr_lines = stderr_thread.join().unwrap_or_default();

    if !status.success() {
        return Err(DriverError::RuntimeBuildFailed {
            reason: explain_cargo_failure(&stderr_lines, driver.progress),
        });
    }
    let (rlib, deps_dir) =
        find_runtime_artifact(&stdout).ok_or_else(|| DriverError::RuntimeBuildFailed {
            reason: format!(
            "cargo succeeded but did not report the `{CRATE_NAME}` library; its output was:\n{}",
            tail(&stderr_lines, 20)
        ),
        })?;
    let build = RuntimeBuild {
        profile,
        key: key.to_string(),
        dir: dir.to_path_buf(),
        rlib,
        deps_dir,
    };
    let seconds = started.elapsed().as_secs_f64();
    cache::write_atomic(
        &dir.join("manifest.json"),
        cache::manifest_json(&build, rustc_version, seconds).as_bytes(),
    )?;
    if driver.progress {
        eprintln!("py2rust: runtime library ready ({seconds:.1} s)");
    }
    Ok(build)
}

/// The runtime's rlib and the directory of its dependencies, from cargo's JSON messages.
pub(crate) fn find_runtime_artifact(json_lines: &str) -> Option<(PathBuf, PathBuf)> {
    let mut found = None;
    for line in json_lines.lines() {
        let Ok(msg) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        if msg.get("reason").and_then(|r| r.as_str()) != Some("compiler-artifact") {
            continue;
        }
        let Some(target) = msg.get("target") else {
            continue;
        };
        let is_lib = target
            .get("kind")
            .and_then(|k| k.as_array())
            .is_some_and(|kinds| {
                kinds
                    .iter()
                    .any(|k| matches!(k.as_str(), Some("lib" | "rlib")))
            });
        if target.get("name").and_then(|n| n.as_str()) != Some(CRATE_NAME) || !is_lib {
            continue;
        }
        let filenames: Vec<PathBuf> = msg
            .get("filenames")
            .and_then(|f| f.as_array())
            .map(|f| {
                f.iter()
                    .filter_map(|p| p.as_str())
                    .map(PathBuf::from)
                    .collect()
            })
            .unwrap_or_default();
        let Some(rlib) = filenames
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "rlib"))
            .cloned()
        else {
            continue;
        };
        // The rlib may be the uplifted copy (`<profile>/libpy2rust_runtime.rlib`); dependencies
        // are always in `<profile>/deps`, where cargo also reports the rmeta.
        let deps_dir = filenames
            .iter()
            .filter_map(|p| p.parent())
            .find(|d| d.file_name().is_some_and(|n| n == "deps"))
            .map(Path::to_path_buf)
            .or_else(|| rlib.parent().map(|d| d.join("deps")))?;
        found = Some((rlib, deps_dir));
    }
    found
}

fn tail(lines: &[String], n: usize) -> String {
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// A readable reason for a failed runtime build: a network failure names the crate and says
/// what py2rust needs; anything else points at cargo's output, which ends the reason unless it
/// was already `shown` on stderr as it came.
pub(crate) fn explain_cargo_failure(stderr: &[String], shown: bool) -> String {
    const NETWORK_SIGNS: &[&str] = &[
        "failed to download",
        "failed to get `",
        "unable to update registry",
        "failed to query replaced source",
        "failed to fetch",
        "could not connect",
        "couldn't connect",
        "could not resolve host",
        "couldn't resolve host",
        "spurious network error",
        "network failure",
        "timed out",
        "failed to load source for dependency",
        "attempting to make an http request, but --offline was specified",
    ];
    let lower: Vec<String> = stderr.iter().map(|l| l.to_ascii_lowercase()).collect();
    let network = lower
        .iter()
        .any(|l| NETWORK_SIGNS.iter().any(|s| l.contains(s)));
    let output = if shown {
        String::new()
    } else {
        format!("\n\ncargo's output:\n{}", tail(stderr, 40))
    };
    if !network {
        return if shown {
            "cargo failed (its output is above)".to_string()
        } else {
            format!("cargo failed:{output}")
        };
    }
    // The crate: "failed to get `X` as a dependency", "failed to download `X v1.2.3`",
    // "failed to download from `https://.../crates/X/...`".
    let between_backticks = |line: &str, after: &str| -> Option<String> {
        let start = line.find(after)? + after.len();
        let rest = &line[start..];
        let end = rest.find('`')?;
        Some(rest[..end].to_string())
    };
    let krate = stderr.iter().find_map(|line| {
        between_backticks(line, "failed to get `")
            .or_else(|| between_backticks(line, "failed to download `"))
            .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
            .or_else(|| {
                let url = between_backticks(line, "failed to download from `")?;
                let crates = url.split("/crates/").nth(1)?;
                Some(crates.split('/').next()?.to_string())
            })
            .filter(|s| !s.is_empty() && s != "config.json")
    });
    // The root cause is the last non-empty line of cargo's error chain.
    let cause = stderr
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| !l.is_empty())
        .unwrap_or("unknown error");
    let what = match krate {
        Some(krate) => format!("could not fetch crate {krate} from crates.io"),
        None => "could not reach crates.io".to_string(),
    };
    format!(
        "{what}: {cause}; py2rust needs network access to crates.io on first use, or a populated \
         CARGO_HOME{output}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(String::from).collect()
    }

    #[test]
    fn finds_the_rlib_and_deps_dir() {
        let json = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"num_bigint"},"filenames":["/t/x/p/deps/libnum_bigint-1.rlib","/t/x/p/deps/libnum_bigint-1.rmeta"]}
not json: ignored
{"reason":"compiler-artifact","target":{"kind":["lib"],"crate_types":["lib"],"name":"py2rust_runtime"},"filenames":["/t/x/p/libpy2rust_runtime.rlib","/t/x/p/deps/libpy2rust_runtime-2.rmeta"],"fresh":false}
{"reason":"build-finished","success":true}"#;
        let (rlib, deps) = find_runtime_artifact(json).unwrap();
        assert_eq!(rlib, PathBuf::from("/t/x/p/libpy2rust_runtime.rlib"));
        assert_eq!(deps, PathBuf::from("/t/x/p/deps"));

        let only_rlib = r#"{"reason":"compiler-artifact","target":{"kind":["lib"],"name":"py2rust_runtime"},"filenames":["/t/p/libpy2rust_runtime.rlib"]}"#;
        assert_eq!(
            find_runtime_artifact(only_rlib),
            Some((
                PathBuf::from("/t/p/libpy2rust_runtime.rlib"),
                PathBuf::from("/t/p/deps")
            ))
        );
        assert_eq!(
            find_runtime_artifact(r#"{"reason":"build-finished","success":true}"#),
            None
        );
    }

    #[test]
    fn explains_network_failures() {
        let index = lines(
            "    Updating crates.io index\n\
             error: failed to get `num-bigint` as a dependency of package `py2rust-runtime v0.1.0 (/c)`\n\
             \n\
             Caused by:\n  download of config.json failed\n\
             \n\
             Caused by:\n  failed to download from `https://index.crates.io/config.json`\n\
             \n\
             Caused by:\n  [7] Could not connect to server (Failed to connect to 127.0.0.1 port 9)\n",
        );
        let reason = explain_cargo_failure(&index, false);
        assert!(
            reason.contains("cargo's output:\n    Updating crates.io index"),
            "{reason}"
        );
        let shown = explain_cargo_failure(&index, true);
        assert!(shown.ends_with("or a populated CARGO_HOME"), "{shown}");
        assert!(
            reason.starts_with(
                "could not fetch crate num-bigint from crates.io: [7] Could not connect to server \
                 (Failed to connect to 127.0.0.1 port 9); py2rust needs network access to crates.io \
                 on first use, or a populated CARGO_HOME"
            ),
            "{reason}"
        );

        let download = lines(
            "error: failed to download from `https://static.crates.io/crates/num-traits/0.2.19/download`\n\
             \n\
             Caused by:\n  [6] Couldn't resolve host name (Could not resolve host: static.crates.io)\n",
        );
        let reason = explain_cargo_failure(&download, false);
        assert!(
            reason.starts_with("could not fetch crate num-traits from crates.io: [6]"),
            "{reason}"
        );
    }

    #[test]
    fn explains_other_failures_with_cargo_output() {
        let output = lines("   Compiling py2rust-runtime v0.1.0\nerror[E0425]: cannot find value `x`\nerror: could not compile");
        assert_eq!(
            explain_cargo_failure(&output, true),
            "cargo failed (its output is above)"
        );
        let reason = explain_cargo_failure(&output, false);
        assert!(
            reason.starts_with("cargo failed:\n\ncargo's output:\n"),
            "{reason}"
        );
        assert!(reason.contains("E0425"));
        assert!(!reason.contains("network"));
    }

    #[test]
    fn manifest_gets_the_profiles() {
        let manifest = String::from_utf8(crate_manifest(b"[package]\nname = \"x\"\n")).unwrap();
        for p in Profile::ALL {
            assert!(manifest.contains(&format!("[profile.{}]", p.cargo_profile())));
        }
        // Every table header is unique (the embedded manifest has no profiles of its own).
        let headers: Vec<&str> = manifest.lines().filter(|l| l.starts_with('[')).collect();
        let unique: std::collections::HashSet<&&str> = headers.iter().collect();
        assert_eq!(headers.len(), unique.len(), "{manifest}");
    }

    #[test]
    fn embedded_crate_is_complete() {
        let names: Vec<&str> = embedded::FILES.iter().map(|(n, _)| *n).collect();
        for required in ["Cargo.toml", "Cargo.lock", "src/lib.rs"] {
            assert!(
                names.contains(&required),
                "{required} is not embedded: {names:?}"
            );
        }
        let manifest = embedded::FILES
            .iter()
            .find(|(n, _)| *n == "Cargo.toml")
            .unwrap()
            .1;
        let manifest = std::str::from_utf8(manifest).unwrap();
        assert!(manifest.contains("[workspace]"));
        assert!(!manifest.contains("workspace = true"), "{manifest}");
        let lock = embedded::FILES
            .iter()
            .find(|(n, _)| *n == "Cargo.lock")
            .unwrap()
            .1;
        let lock = std::str::from_utf8(lock).unwrap();
        assert!(lock.contains("name = \"py2rust-runtime\""));
        // Only the runtime's dependency graph: none of the transpiler's crates.
        assert!(!lock.contains("name = \"py2rust\"\n"));
        assert!(!lock.contains("name = \"syn\""));
        assert_eq!(embedded::SOURCE_HASH.len(), 64);
    }
}
