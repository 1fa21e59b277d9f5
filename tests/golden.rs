//! Golden tests: for every `golden/NAME.py`, the transpiler's exact output must equal
//! `golden/NAME.rs` (regenerate with `UPDATE_GOLDEN=1 cargo test -p py2rust-tests`), and the
//! compiled program's stdout must equal `golden/NAME.out`, which was recorded by running
//! `python3 NAME.py`. Where `python3` is present, the test also confirms every `.out` still
//! equals what CPython prints. Programs that end in an uncaught exception have `NAME.err`
//! (the last stderr line) and must exit 1.

use py2rust::source::SourceFile;
use py2rust_tests::{driver, python3, repo_root, run_program, test_profile};
use std::path::{Path, PathBuf};

fn golden_programs() -> Vec<PathBuf> {
    let dir = repo_root().join("golden");
    let mut progs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("golden/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    progs.sort();
    progs
}

fn with_ext(p: &Path, ext: &str) -> PathBuf {
    p.with_extension(ext)
}

/// The expected exit status and last stderr line of a program.
fn expected_failure(py: &Path) -> Option<String> {
    let err = std::fs::read_to_string(with_ext(py, "err")).ok()?;
    err.lines().rev().find(|l| !l.trim().is_empty()).map(str::to_string)
}

fn check_one(py: &Path, update: bool) -> Result<(), String> {
    let name = py.file_name().unwrap().to_string_lossy().to_string();
    let text = std::fs::read_to_string(py).map_err(|e| format!("{name}: {e}"))?;
    // Transpile under the relative name, as a user in golden/ would (`py2rust run NAME.py`).
    let source = SourceFile::new(name.clone(), text);
    let rust = py2rust::transpile(&source).map_err(|diags| {
        let mut s = format!("{name}: refused:\n");
        for d in &diags {
            s.push_str(&d.render(&source));
        }
        s
    })?;
    let rs_path = with_ext(py, "rs");
    if update {
        std::fs::write(&rs_path, &rust).map_err(|e| e.to_string())?;
    } else {
        let want = std::fs::read_to_string(&rs_path).map_err(|_| format!("{name}: no {} (run with UPDATE_GOLDEN=1)", rs_path.display()))?;
        if want != rust {
            return Err(format!("{name}: the generated Rust differs from {} (review, then UPDATE_GOLDEN=1):\n{}", rs_path.display(), first_difference(&want, &rust)));
        }
    }
    let bin = driver().build_program(&rust, test_profile()).map_err(|e| format!("{name}: build failed: {e}"))?;
    let dir = py.parent().unwrap();
    let out = run_program(&bin, Path::new(&name), dir);
    let want_out = std::fs::read_to_string(with_ext(py, "out")).map_err(|_| format!("{name}: no .out beside it"))?;
    let got = String::from_utf8_lossy(&out.stdout);
    if got != want_out {
        return Err(format!("{name}: stdout differs from CPython's:\n{}", first_difference(&want_out, &got)));
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    match expected_failure(py) {
        None if !out.status.success() => return Err(format!("{name}: exit status {:?}, stderr:\n{stderr}", out.status.code())),
        Some(last) => {
            let got_last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("");
            if out.status.code() != Some(1) || got_last != last {
                return Err(format!("{name}: want exit 1 and stderr ending {last:?}; got {:?} and:\n{stderr}", out.status.code()));
            }
        }
        None => {}
    }
    Ok(())
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("  line {}: want {w:?}\n  line {}:  got {g:?}", i + 1, i + 1);
        }
    }
    format!("  lengths differ: want {} lines, got {} lines", want.lines().count(), got.lines().count())
}

#[test]
fn golden_programs_transpile_compile_and_print_what_cpython_prints() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let progs = golden_programs();
    assert!(!progs.is_empty(), "no golden programs");
    let failures: Vec<String> = progs.iter().filter_map(|p| check_one(p, update).err()).collect();
    assert!(failures.is_empty(), "{} of {} golden programs failed:\n{}", failures.len(), progs.len(), failures.join("\n"));
}

#[test]
fn golden_outputs_are_what_cpython_prints() {
    let Some(py) = python3() else {
        eprintln!("python3 not found: skipping the check of the recorded .out files");
        return;
    };
    for p in golden_programs() {
        let out = std::process::Command::new(&py).arg(p.file_name().unwrap()).current_dir(p.parent().unwrap()).output().expect("python3 runs");
        let want = std::fs::read_to_string(with_ext(&p, "out")).expect(".out exists");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{}: the recorded .out is not CPython's output", p.display());
    }
}
