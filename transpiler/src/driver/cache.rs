//! The cache's file system: where it is, its keys, atomic writes, locks and the runtime manifest.
//!
//! Layout (all under the cache dir):
//! ```text
//! runtime/<runtime key>/crate/     the standalone runtime crate (sources, Cargo.toml, Cargo.lock)
//! runtime/<runtime key>/target/    cargo's target dir for it
//! runtime/<runtime key>/manifest.json   written last: the rlib and deps dir (relative paths)
//! runtime/<runtime key>/lock       file lock guarding the build
//! src/<program key>/main.rs        a generated program's source (kept: rustc and panic
//!                                  messages name `main.rs`; the CLI maps them to Python lines)
//! src/<program key>/lock           file lock guarding the program's build
//! bin/<program key>                the built program
//! tmp/                             rustc's output before it is renamed into bin/
//! ```

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::error::DriverError;
use super::profile::Profile;
use super::RuntimeBuild;

/// Bumped whenever the layout, the manifest or the way things are built changes in a way the
/// other key parts do not capture.
pub(crate) const FORMAT_VERSION: u32 = 1;

/// The cache directory from the environment: `$PY2RUST_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/py2rust` (if absolute, as the XDG spec asks), else `$HOME/.cache/py2rust`
/// (on Windows `%LOCALAPPDATA%\py2rust`). Empty variables count as unset.
pub(crate) fn cache_dir_from_env(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let var = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("PY2RUST_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    if let Some(xdg) = var("XDG_CACHE_HOME").map(PathBuf::from) {
        if xdg.is_absolute() {
            return Some(xdg.join("py2rust"));
        }
    }
    if let Some(home) = var("HOME") {
        return Some(PathBuf::from(home).join(".cache").join("py2rust"));
    }
    if cfg!(windows) {
        if let Some(local) = var("LOCALAPPDATA") {
            return Some(PathBuf::from(local).join("py2rust"));
        }
    }
    None
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes length-prefixed parts (so that no two part lists collide), as 32 hex digits.
fn key_of(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hex(&hasher.finalize()[..16])
}

/// The runtime build's key: the embedded sources and lock, the compiler, the profile.
pub(crate) fn runtime_key(source_hash: &str, rustc_version: &str, profile: Profile) -> String {
    key_of(&[
        b"py2rust-runtime",
        FORMAT_VERSION.to_string().as_bytes(),
        source_hash.as_bytes(),
        rustc_version.as_bytes(),
        profile.name().as_bytes(),
        profile.cargo_profile_section().as_bytes(),
        profile.rustc_flags().join(" ").as_bytes(),
    ])
}

/// A program's key: its source, the runtime it links (which covers compiler and profile), and
/// the flags rustc compiles it with.
pub(crate) fn program_key(source: &str, runtime_key: &str, profile: Profile) -> String {
    key_of(&[
        b"py2rust-program",
        FORMAT_VERSION.to_string().as_bytes(),
        runtime_key.as_bytes(),
        profile.rustc_flags().join(" ").as_bytes(),
        source.as_bytes(),
    ])
}

/// A name no other process or thread uses at the same time, for temporary files and dirs.
pub(crate) fn unique_suffix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

pub(crate) fn create_dir_all(dir: &Path) -> Result<(), DriverError> {
    fs::create_dir_all(dir)
        .map_err(|e| DriverError::io(format!("cannot create {}", dir.display()), e))
}

/// Writes `bytes` to `path` through a temporary file and a rename, so that readers see either
/// the old file or the whole new one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), DriverError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", unique_suffix()));
    let result = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        DriverError::io(format!("cannot write {}", path.display()), e)
    })
}

/// Writes `bytes` to `path` unless it already holds exactly them (keeps mtimes, so cargo's
/// fingerprints stay fresh).
pub(crate) fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), DriverError> {
    match fs::read(path) {
        Ok(existing) if existing == bytes => Ok(()),
        _ => write_atomic(path, bytes),
    }
}

/// Takes an exclusive lock on `path` (created if missing), blocking until it is free; the lock
/// is released when the returned file is dropped. `on_wait` runs once if another process holds
/// the lock.
pub(crate) fn lock_exclusive(path: &Path, on_wait: impl FnOnce()) -> Result<File, DriverError> {
    if let Some(dir) = path.parent() {
        create_dir_all(dir)?;
    }
    let context = || format!("cannot lock {}", path.display());
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| DriverError::io(context(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => {
            on_wait();
            file.lock().map_err(|e| DriverError::io(context(), e))?;
            Ok(file)
        }
        Err(TryLockError::Error(e)) => Err(DriverError::io(context(), e)),
    }
}

/// The manifest of a finished runtime build (`runtime/<key>/manifest.json`). Paths are relative
/// to the runtime's dir, so a moved cache stays valid.
pub(crate) fn manifest_json(build: &RuntimeBuild, rustc_version: &str, seconds: f64) -> String {
    let rel = |p: &Path| {
        p.strip_prefix(&build.dir)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    let value = serde_json::json!({
        "format": FORMAT_VERSION,
        "key": build.key,
        "profile": build.profile.name(),
        "rlib": rel(&build.rlib),
        "deps_dir": rel(&build.deps_dir),
        "rustc": rustc_version.lines().next().unwrap_or(""),
        "build_seconds": (seconds * 10.0).round() / 10.0,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a manifest written by [`manifest_json`] for the runtime in `dir`; `None` when it is
/// missing, from another format, key or profile, or names files that are gone (a build is then
/// needed).
pub(crate) fn parse_manifest(
    text: &str,
    dir: &Path,
    key: &str,
    profile: Profile,
) -> Option<RuntimeBuild> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("format")?.as_u64()? != u64::from(FORMAT_VERSION)
        || value.get("key")?.as_str()? != key
        || value.get("profile")?.as_str()? != profile.name()
    {
        return None;
    }
    let rlib = dir.join(value.get("rlib")?.as_str()?);
    let deps_dir = dir.join(value.get("deps_dir")?.as_str()?);
    Some(RuntimeBuild {
        profile,
        key: key.to_string(),
        dir: dir.to_path_buf(),
        rlib,
        deps_dir,
    })
}

/// Reads and checks the manifest of the runtime in `dir`, see [`parse_manifest`].
pub(crate) fn load_manifest(dir: &Path, key: &str, profile: Profile) -> Option<RuntimeBuild> {
    let text = fs::read_to_string(dir.join("manifest.json")).ok()?;
    let build = parse_manifest(&text, dir, key, profile)?;
    (build.rlib.is_file() && build.deps_dir.is_dir()).then_some(build)
}

/// Copies `from` to `to` through a temporary file next to `to` and a rename (the copy keeps the
/// executable bit).
pub(crate) fn copy_atomic(from: &Path, to: &Path) -> io::Result<()> {
    let dir = match to.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.py2rust-tmp-{}", unique_suffix()));
    let result = fs::copy(from, &tmp).and_then(|_| fs::rename(&tmp, to));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn cache_dir_precedence() {
        let all = [
            ("PY2RUST_CACHE_DIR", "/c"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(cache_dir_from_env(env(&all)), Some(PathBuf::from("/c")));
        assert_eq!(
            cache_dir_from_env(env(&[
                ("PY2RUST_CACHE_DIR", ""),
                ("XDG_CACHE_HOME", "/x"),
                ("HOME", "/h")
            ])),
            Some(PathBuf::from("/x/py2rust"))
        );
        // A relative XDG_CACHE_HOME is invalid per the spec and ignored.
        assert_eq!(
            cache_dir_from_env(env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.cache/py2rust"))
        );
        if !cfg!(windows) {
            assert_eq!(cache_dir_from_env(env(&[])), None);
        }
    }

    #[test]
    fn keys_depend_on_every_input() {
        let base = runtime_key("src", "rustc 1.95.0", Profile::Run);
        assert_eq!(base.len(), 32);
        assert!(base.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(base, runtime_key("src", "rustc 1.95.0", Profile::Run));
        assert_ne!(base, runtime_key("src2", "rustc 1.95.0", Profile::Run));
        assert_ne!(base, runtime_key("src", "rustc 1.96.0", Profile::Run));
        assert_ne!(base, runtime_key("src", "rustc 1.95.0", Profile::Build));

        let p = program_key("fn main() {}", &base, Profile::Run);
        assert_eq!(p, program_key("fn main() {}", &base, Profile::Run));
        assert_ne!(p, program_key("fn main() { }", &base, Profile::Run));
        assert_ne!(p, program_key("fn main() {}", "other", Profile::Run));
        assert_ne!(p, program_key("fn main() {}", &base, Profile::Debug));
        // Length prefixes: moving bytes between parts changes the key.
        assert_ne!(key_of(&[b"ab", b"c"]), key_of(&[b"a", b"bc"]));
    }

    #[test]
    fn manifest_round_trip() {
        let dir = PathBuf::from("/cache/runtime/k1");
        let build = RuntimeBuild {
            profile: Profile::Build,
            key: "k1".into(),
            dir: dir.clone(),
            rlib: dir.join("target/x/py2rust-build/deps/libpy2rust_runtime-0a.rlib"),
            deps_dir: dir.join("target/x/py2rust-build/deps"),
        };
        let text = manifest_json(&build, "rustc 1.95.0 (abc)\nbinary: rustc\n", 12.34);
        assert!(
            text.contains("\"rlib\": \"target/x/py2rust-build/deps/libpy2rust_runtime-0a.rlib\"")
        );
        assert!(text.contains("\"rustc\": \"rustc 1.95.0 (abc)\""));
        assert_eq!(
            parse_manifest(&text, &dir, "k1", Profile::Build),
            Some(build.clone())
        );
        // Read from a moved cache: paths follow the dir.
        let moved = PathBuf::from("/elsewhere/k1");
        let read = parse_manifest(&text, &moved, "k1", Profile::Build).unwrap();
        assert_eq!(
            read.rlib,
            moved.join("target/x/py2rust-build/deps/libpy2rust_runtime-0a.rlib")
        );
        // Wrong key, wrong profile, garbage, missing fields: a rebuild is needed.
        assert_eq!(parse_manifest(&text, &dir, "k2", Profile::Build), None);
        assert_eq!(parse_manifest(&text, &dir, "k1", Profile::Run), None);
        assert_eq!(
            parse_manifest("{not json", &dir, "k1", Profile::Build),
            None
        );
        assert_eq!(
            parse_manifest(
                r#"{"format": 1, "key": "k1", "profile": "build"}"#,
                &dir,
                "k1",
                Profile::Build
            ),
            None
        );
        let old = text.replace("\"format\": 1", "\"format\": 0");
        assert_eq!(parse_manifest(&old, &dir, "k1", Profile::Build), None);
    }

    #[test]
    fn atomic_writes_and_locks() {
        let dir = std::env::temp_dir().join(format!("py2rust-cache-test-{}", unique_suffix()));
        let file = dir.join("a/b.txt");
        write_atomic(&file, b"one").unwrap();
        write_if_changed(&file, b"one").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"one");
        write_if_changed(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        copy_atomic(&file, &dir.join("c.txt")).unwrap();
        assert_eq!(fs::read(dir.join("c.txt")).unwrap(), b"two");
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.join("a")).unwrap().count(), 1);

        let lock = dir.join("lock");
        let held = lock_exclusive(&lock, || {}).unwrap();
        let other = OpenOptions::new().write(true).open(&lock).unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(held);
        let mut waited = false;
        let _again = lock_exclusive(&lock, || waited = true).unwrap();
        assert!(!waited);
        fs::remove_dir_all(&dir).unwrap();
    }
}
