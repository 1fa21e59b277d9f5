//! The build driver end to end: runtime built by cargo into a cache, programs compiled by rustc
//! against it, cache hits, errors, concurrency.
//!
//! The cache lives in cargo's per-target temporary dir, so the runtime is built once per checkout
//! and compiler (the first run of these tests takes a few seconds more). Each test's program
//! carries a fresh nonce, so its first build is always a real compilation.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use py2rust::driver::{Driver, DriverError, Profile};

fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("py2rust-driver-cache")
}

fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Driver> = OnceLock::new();
    DRIVER
        .get_or_init(|| Driver::with_cache_dir(cache_dir()).expect("cargo and rustc are installed"))
}

/// A program printing `text`, unique to this call (so that it is not in the cache yet).
fn fresh_program(body: &str) -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nonce = format!(
        "{}-{}-{}",
        std::process::id(),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos(),
        COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    );
    format!("// nonce {nonce}\nextern crate py2rust_runtime;\n\nfn main() {{\n    {body}\n}}\n")
}

fn run(binary: &std::path::Path) -> std::process::Output {
    Command::new(binary)
        .output()
        .expect("the built program runs")
}

#[test]
fn builds_runs_and_hits_the_cache() {
    let driver = driver();
    let t = Instant::now();
    let runtime = driver.ensure_runtime(Profile::Debug).unwrap();
    eprintln!("ensure_runtime(debug): {:?}", t.elapsed());
    assert!(runtime.rlib.is_file());
    assert!(runtime.deps_dir.is_dir());
    assert!(runtime.dir.starts_with(driver.cache_dir()));

    let source = fresh_program(r#"println!("hi");"#);
    let t = Instant::now();
    let first = driver
        .build_program_detailed(&source, Profile::Debug)
        .unwrap();
    eprintln!("first build (debug, warm runtime): {:?}", t.elapsed());
    assert!(!first.cached);
    assert!(first.binary.starts_with(driver.cache_dir()));
    assert_eq!(std::fs::read_to_string(&first.source).unwrap(), source);
    let out = run(&first.binary);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");

    // The same program again: a cache hit, no rustc.
    let compilations = driver.rustc_compilations();
    let t = Instant::now();
    let second = driver
        .build_program_detailed(&source, Profile::Debug)
        .unwrap();
    eprintln!("second build (hit, same driver): {:?}", t.elapsed());
    assert!(second.cached);
    assert_eq!(second.binary, first.binary);
    assert_eq!(driver.rustc_compilations(), compilations);

    // A new driver (as a new py2rust process would have): still a hit, one `rustc -vV` more.
    let t = Instant::now();
    let fresh_driver = Driver::with_cache_dir(cache_dir()).unwrap();
    let third = fresh_driver.build_program(&source, Profile::Debug).unwrap();
    let hit = t.elapsed();
    eprintln!("third build (hit, new driver): {hit:?}");
    assert_eq!(third, first.binary);
    assert_eq!(fresh_driver.rustc_compilations(), 0);
    // Typically ~20 ms (one `rustc -vV`); the bound leaves room for a loaded machine.
    assert!(hit.as_millis() < 1000, "a cache hit took {hit:?}");

    // `py2rust build -o BIN`.
    let dest = cache_dir().join(format!("copied-{}", first.key));
    Driver::copy_to(&first.binary, &dest).unwrap();
    assert_eq!(String::from_utf8_lossy(&run(&dest).stdout), "hi\n");
    std::fs::remove_file(&dest).unwrap();
    assert!(Driver::copy_to(&first.binary, &cache_dir()).is_err());
}

#[test]
fn a_panic_unwinds_to_exit_code_101() {
    let source = fresh_program(
        r#"let v: Vec<i32> = Vec::new(); let _guard = Noisy; let _ = v[std::hint::black_box(3)];
}
struct Noisy;
impl Drop for Noisy { fn drop(&mut self) { println!("unwound"); } }
fn _unused() {"#,
    );
    let binary = driver().build_program(&source, Profile::Debug).unwrap();
    let out = run(&binary);
    assert_eq!(out.status.code(), Some(101), "{out:?}");
    // Drop ran: the panic unwound rather than aborted.
    assert_eq!(String::from_utf8_lossy(&out.stdout), "unwound\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("index out of bounds"), "{stderr}");
    assert!(
        stderr.contains("main.rs:"),
        "panic locations name main.rs: {stderr}"
    );
}

#[test]
fn rustc_errors_are_reported_with_the_source() {
    let source = fresh_program("let x: i32 = \"not a number\";");
    match driver().build_program(&source, Profile::Debug) {
        Err(DriverError::RustcFailed {
            stderr,
            source_path,
            status,
        }) => {
            assert_eq!(status, Some(1));
            assert!(stderr.contains("error[E0308]"), "{stderr}");
            assert!(stderr.contains("--> main.rs:5:"), "{stderr}");
            assert!(!stderr.contains('\u{1b}'), "no colours: {stderr}");
            assert_eq!(std::fs::read_to_string(&source_path).unwrap(), source);
            let message = DriverError::RustcFailed {
                stderr,
                source_path,
                status,
            }
            .to_string();
            assert!(message.starts_with("rustc could not compile the generated program"));
        }
        other => panic!("expected RustcFailed, got {other:?}"),
    }
    // Warnings of generated code are not printed (and do not fail the build).
    let source = fresh_program("let unused_variable = 1;");
    assert!(driver().build_program(&source, Profile::Debug).is_ok());
}

#[test]
fn concurrent_builds_of_one_program_compile_it_once() {
    driver().ensure_runtime(Profile::Debug).unwrap();
    let source = fresh_program(r#"println!("together");"#);
    // Separate drivers, as separate processes would have, racing for the same program.
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let d = Driver::with_cache_dir(cache_dir()).unwrap();
                    let build = d.build_program_detailed(&source, Profile::Debug).unwrap();
                    (build, d.rustc_compilations())
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let compilations: usize = results.iter().map(|(_, n)| n).sum();
    assert_eq!(compilations, 1);
    assert_eq!(results.iter().filter(|(b, _)| !b.cached).count(), 1);
    for (build, _) in &results {
        assert_eq!(build.binary, results[0].0.binary);
    }
    assert_eq!(
        String::from_utf8_lossy(&run(&results[0].0.binary).stdout),
        "together\n"
    );
}

/// The optimized profiles: a runtime build each (about a minute cold), so not run by default:
/// `cargo test -p py2rust --test driver -- --ignored`.
#[test]
#[ignore]
fn optimized_profiles_build_and_run() {
    for profile in [Profile::Run, Profile::Build] {
        let t = Instant::now();
        driver().ensure_runtime(profile).unwrap();
        eprintln!("ensure_runtime({profile}): {:?}", t.elapsed());
        let source = fresh_program(r#"let n: u64 = (1..=10u64).product(); println!("{n}");"#);
        let t = Instant::now();
        let build = driver().build_program_detailed(&source, profile).unwrap();
        eprintln!("first build ({profile}, warm runtime): {:?}", t.elapsed());
        assert!(!build.cached);
        let out = run(&build.binary);
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "3628800\n",
            "{profile}: {out:?}"
        );
        let t = Instant::now();
        assert!(
            driver()
                .build_program_detailed(&source, profile)
                .unwrap()
                .cached
        );
        eprintln!("hit ({profile}): {:?}", t.elapsed());
    }
}
