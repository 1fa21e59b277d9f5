//! The build driver: generated Rust source in, executable out, through a cache.
//!
//! ```text
//! build_program(source, profile)
//!   key = H(source, runtime key, rustc flags)      runtime key = H(embedded runtime sources +
//!   bin/<key> exists? -> done (no rustc, no cargo)                 lock, `rustc -vV`, profile)
//!   else ensure_runtime(profile)                   -> cargo build --locked, once per runtime key
//!        lock src/<key>/lock, re-check, rustc main.rs --extern py2rust_runtime=... -o tmp
//!        rename tmp -> bin/<key>
//! ```
//! The runtime crate's sources and a lock file for it alone are embedded in the py2rust binary
//! by `build.rs`, so nothing here refers to the source tree: py2rust works from any folder and
//! after `cargo install`. The runtime is built by cargo (it has dependencies); each program is
//! then compiled by a single rustc call against the runtime's rlib, which is much faster than
//! a cargo build per program. File locks make concurrent py2rust processes build each runtime
//! and each program once; results are moved into place atomically. See `cache.rs` for the
//! layout and `profile.rs` for the compiler settings.
//!
//! Environment: `PY2RUST_CACHE_DIR` (else `$XDG_CACHE_HOME/py2rust`, else
//! `~/.cache/py2rust`), `PY2RUST_PROFILE` (see [`Profile::from_env_or`]), `CARGO` and `RUSTC`
//! (the tools, else `cargo` and `rustc` on `PATH`).
//!
//! Architecture invariant: the driver never panics; every failure is a [`DriverError`].

mod cache;
mod error;
mod profile;
mod runtime;
mod rustc;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_runtime.rs"));
}

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

pub use error::DriverError;
pub use profile::Profile;

use rustc::RustcInfo;

/// A built runtime library (for one profile): what rustc needs to link a program against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeBuild {
    pub profile: Profile,
    /// The runtime key (a hex digest): the name of its folder in the cache.
    pub key: String,
    /// `<cache>/runtime/<key>`.
    pub dir: PathBuf,
    /// The `libpy2rust_runtime*.rlib` (passed as `--extern py2rust_runtime=`).
    pub rlib: PathBuf,
    /// Where the runtime's dependencies are (passed as `-L dependency=`).
    pub deps_dir: PathBuf,
}

/// A built program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramBuild {
    /// The executable in the cache (`<cache>/bin/<key>`). Run it from there, or copy it with
    /// [`Driver::copy_to`].
    pub binary: PathBuf,
    /// The generated source as rustc compiled it (`<cache>/src/<key>/main.rs`): rustc's
    /// diagnostics and the program's panic messages refer to it as `main.rs`.
    pub source: PathBuf,
    /// The program key (a hex digest).
    pub key: String,
    /// True if the binary came from the cache (rustc did not run).
    pub cached: bool,
}

/// Compiles generated programs, caching the runtime library and the binaries. Cheap to create;
/// `Sync`, so one driver can serve several threads.
#[derive(Debug)]
pub struct Driver {
    cache_dir: PathBuf,
    cargo: PathBuf,
    rustc: PathBuf,
    progress: bool,
    rustc_info: OnceLock<RustcInfo>,
    /// `rustc -vV` started by the constructor, so that its ~20 ms overlap the front end's work.
    rustc_query: Mutex<Option<JoinHandle<Result<RustcInfo, DriverError>>>>,
    rustc_runs: AtomicUsize,
}

impl Driver {
    /// A driver using the cache directory from the environment (see the module docs) and the
    /// `cargo` and `rustc` found through `CARGO`/`RUSTC` or on `PATH`. Creates nothing yet.
    pub fn new() -> Result<Driver, DriverError> {
        let dir = cache::cache_dir_from_env(|name| std::env::var_os(name))
            .ok_or(DriverError::NoCacheDir)?;
        Driver::with_cache_dir(dir)
    }

    /// A driver using `cache_dir` (made absolute; created on first use), ignoring
    /// `PY2RUST_CACHE_DIR`: for tests and embedders.
    pub fn with_cache_dir(cache_dir: impl Into<PathBuf>) -> Result<Driver, DriverError> {
        let cache_dir = cache_dir.into();
        let cache_dir = std::path::absolute(&cache_dir).map_err(|e| {
            DriverError::io(
                format!("cannot resolve the cache dir {}", cache_dir.display()),
                e,
            )
        })?;
        let cargo = find_tool("CARGO", "cargo")?;
        let rustc = find_tool("RUSTC", "rustc")?;
        let query = {
            let (rustc, cache_dir) = (rustc.clone(), cache_dir.clone());
            std::thread::Builder::new()
                .name("py2rust-rustc-vV".into())
                .spawn(move || {
                    prepare_cache_dir(&cache_dir)?;
                    rustc::query(&rustc, &cache_dir)
                })
                .ok()
        };
        Ok(Driver {
            cache_dir,
            cargo,
            rustc,
            progress: true,
            rustc_info: OnceLock::new(),
            rustc_query: Mutex::new(query),
            rustc_runs: AtomicUsize::new(0),
        })
    }

    /// Whether building the runtime reports progress on stderr (the default) or stays silent.
    pub fn with_progress(mut self, progress: bool) -> Driver {
        self.progress = progress;
        self
    }

    /// The cache directory.
    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }

    /// How many times this driver has compiled a program with rustc (cache misses).
    pub fn rustc_compilations(&self) -> usize {
        self.rustc_runs.load(Ordering::Relaxed)
    }

    /// `rustc -vV`, asked once per driver (by a thread the constructor started).
    fn rustc_info(&self) -> Result<&RustcInfo, DriverError> {
        if let Some(info) = self.rustc_info.get() {
            return Ok(info);
        }
        let pending = self.rustc_query.lock().ok().and_then(|mut q| q.take());
        let info = match pending.map(JoinHandle::join) {
            Some(Ok(result)) => result?,
            // No thread (could not spawn, or another caller took its result): ask here.
            _ => {
                prepare_cache_dir(&self.cache_dir)?;
                rustc::query(&self.rustc, &self.cache_dir)?
            }
        };
        Ok(self.rustc_info.get_or_init(|| info))
    }

    fn runtime_key(&self, profile: Profile) -> Result<String, DriverError> {
        let info = self.rustc_info()?;
        Ok(cache::runtime_key(
            embedded::SOURCE_HASH,
            &info.verbose_version,
            profile,
        ))
    }

    /// The runtime library for `profile`, built with cargo on first use (progress on stderr) and
    /// cached afterwards.
    pub fn ensure_runtime(&self, profile: Profile) -> Result<RuntimeBuild, DriverError> {
        let key = self.runtime_key(profile)?;
        let dir = self.cache_dir.join("runtime").join(&key);
        if let Some(build) = cache::load_manifest(&dir, &key, profile) {
            return Ok(build);
        }
        let progress = self.progress;
        let _lock = cache::lock_exclusive(&dir.join("lock"), || {
            if progress {
                eprintln!(
                    "py2rust: waiting for another py2rust process to build the runtime library ..."
                );
            }
        })?;
        // Another process may have built it while we waited.
        if let Some(build) = cache::load_manifest(&dir, &key, profile) {
            return Ok(build);
        }
        let info = self.rustc_info()?;
        runtime::populate(self, profile, &key, &dir, &info.verbose_version, &info.host)
    }

    /// Compiles `rust_source` (a whole program whose crate root uses `py2rust_runtime`) and
    /// returns the path of the executable in the cache.
    pub fn build_program(
        &self,
        rust_source: &str,
        profile: Profile,
    ) -> Result<PathBuf, DriverError> {
        self.build_program_detailed(rust_source, profile)
            .map(|b| b.binary)
    }

    /// [`Driver::build_program`], also saying where the source is and whether it was a cache hit.
    /// A hit costs one `rustc -vV` per driver, hashing the source and one `stat`.
    pub fn build_program_detailed(
        &self,
        rust_source: &str,
        profile: Profile,
    ) -> Result<ProgramBuild, DriverError> {
        let runtime_key = self.runtime_key(profile)?;
        let key = cache::program_key(rust_source, &runtime_key, profile);
        let binary = self
            .cache_dir
            .join("bin")
            .join(format!("{key}{}", std::env::consts::EXE_SUFFIX));
        let src_dir = self.cache_dir.join("src").join(&key);
        let result = |cached| ProgramBuild {
            binary: binary.clone(),
            source: src_dir.join("main.rs"),
            key: key.clone(),
            cached,
        };
        if binary.is_file() {
            return Ok(result(true));
        }
        let runtime = self.ensure_runtime(profile)?;
        let _lock = cache::lock_exclusive(&src_dir.join("lock"), || {})?;
        if binary.is_file() {
            return Ok(result(true));
        }
        self.rustc_runs.fetch_add(1, Ordering::Relaxed);
        rustc::build_into(
            &self.rustc,
            &runtime,
            profile,
            rust_source,
            &src_dir,
            &self.cache_dir.join("tmp"),
            &binary,
        )?;
        Ok(result(false))
    }

    /// Copies a built program to `dest` (for `py2rust build -o BIN`), atomically: through a
    /// temporary file next to `dest` and a rename. Keeps the executable bit.
    pub fn copy_to(bin: &Path, dest: &Path) -> Result<(), DriverError> {
        if dest.is_dir() {
            return Err(DriverError::io(
                format!("cannot write the program to {}", dest.display()),
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "it is a directory"),
            ));
        }
        cache::copy_atomic(bin, dest).map_err(|e| {
            DriverError::io(
                format!("cannot copy {} to {}", bin.display(), dest.display()),
                e,
            )
        })
    }
}

/// Makes the cache dir (with a `CACHEDIR.TAG`, so backup tools skip it): the dir in which the
/// tools run.
fn prepare_cache_dir(cache_dir: &Path) -> Result<(), DriverError> {
    let tag = cache_dir.join("CACHEDIR.TAG");
    if !tag.is_file() {
        cache::create_dir_all(cache_dir)?;
        cache::write_atomic(
            &tag,
            b"Signature: 8a477f597d28d172789f06886806bc55\n\
              # This file is a cache directory tag created by py2rust.\n",
        )?;
    }
    Ok(())
}

/// The tool named by `$env_var`, else `default`, resolved on `PATH` to an absolute path.
fn find_tool(env_var: &str, default: &str) -> Result<PathBuf, DriverError> {
    let name = std::env::var_os(env_var)
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| default.into());
    let candidate = PathBuf::from(&name);
    if candidate.components().count() > 1 {
        return if candidate.is_file() {
            std::path::absolute(&candidate)
                .map_err(|e| DriverError::io(format!("cannot resolve {}", candidate.display()), e))
        } else {
            Err(DriverError::tool_missing(candidate.display().to_string()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for file in executable_names(&name) {
            let full = dir.join(&file);
            if is_executable(&full) {
                return std::path::absolute(&full)
                    .map_err(|e| DriverError::io(format!("cannot resolve {}", full.display()), e));
            }
        }
    }
    Err(DriverError::tool_missing(candidate.display().to_string()))
}

fn executable_names(name: &OsStr) -> Vec<PathBuf> {
    let mut names = vec![PathBuf::from(name)];
    if cfg!(windows) && Path::new(name).extension().is_none() {
        names.insert(0, PathBuf::from(name).with_extension("exe"));
    }
    names
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}
