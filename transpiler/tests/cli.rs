//! The `py2rust` command line, end to end: diagnostics and exit codes, `run`, `build`, caching.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn py2rust() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_py2rust"));
    // Share the workspace's test cache so the runtime is built once.
    let cache = std::env::var_os("PY2RUST_CACHE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/py2rust-test-cache"));
    c.env("PY2RUST_CACHE_DIR", cache);
    if std::env::var_os("PY2RUST_PROFILE").is_none() {
        c.env("PY2RUST_PROFILE", "debug");
    }
    c.env_remove("PY2RUST_DEBUG_BREAK_RUST");
    c
}

/// A fresh folder with one Python file in it.
fn script(name: &str, text: &str) -> (tempdir::Dir, PathBuf) {
    let dir = tempdir::Dir::new(name);
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

mod tempdir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A temporary folder removed on drop (no extra crate needed for this).
    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(hint: &str) -> Dir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = std::env::temp_dir().join(format!("py2rust-cli-{}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed), hint));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn a_syntax_error_is_a_located_diagnostic_with_exit_code_2() {
    let (_d, path) = script("bad.py", "x = 1\nif x\n    print(x)\n");
    let out = py2rust().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("bad.py:2:5: syntax error"), "{err}");
    assert!(err.contains("2 | if x"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn an_unsupported_construct_is_refused_with_a_caret_and_exit_code_2() {
    let (_d, path) = script("cls.py", "print(1)\nmatch 1:\n    case 1:\n        pass\n");
    let out = py2rust().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("cls.py:2:1: unsupported construct: `match`"), "{err}");
    assert!(err.contains("2 | match 1:"), "{err}");
    assert!(err.contains("^^^"), "{err}");
    assert!(stdout(&out).is_empty(), "nothing runs when a program is refused");
}

#[test]
fn constructs_that_would_run_differently_are_refused_at_transpile_time() {
    // A bound method as a value, and assigning a class attribute through `cls` where a
    // subclass inherits it (CPython gives that subclass its own attribute).
    let cases = [
        ("bound.py", "class M:\n    def on(self, x):\n        return x\n\nf = M().on\nprint(f(1))\n", "bound.py:5:5: unsupported construct: the bound method `.on` as a value"),
        ("cls.py", "class A:\n    n = 1\n    @classmethod\n    def set(cls, v):\n        cls.n = v\n\nclass B(A):\n    pass\n\nB.set(2)\nprint(A.n)\n", "cls.py:5:9: unsupported construct: assigning the class attribute `n` through `cls`"),
        ("through.py", "d = {1: 2}\nprint(dict.get(d, 1))\n", "through.py:2:7: unsupported construct: `dict.get(...)` through the type"),
    ];
    for (name, src, want) in cases {
        let (_d, path) = script(name, src);
        let out = py2rust().arg("check").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(want), "{}", stderr(&out));
    }
}

#[test]
fn an_uncaught_keyboard_interrupt_exits_130_as_cpython_does() {
    let (_d, path) = script("ki.py", "print('a')\nraise KeyboardInterrupt\n");
    let out = py2rust().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).ends_with("KeyboardInterrupt\n"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "a\n");
}

#[test]
fn an_error_inside_a_comprehension_records_its_frame_as_cpython_does() {
    let (_d, path) = script("comp.py", "def parse(xs):\n    return [int(x) for x in xs]\n\nparse(['1', 'x'])\n");
    let out = py2rust().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let parse = err.find("line 2, in parse").expect(&err);
    let comp = err.find("line 2, in <listcomp>").expect(&err);
    assert!(parse < comp, "{err}");
    assert!(err.ends_with("ValueError: invalid literal for int() with base 10: 'x'\n"), "{err}");
}

#[test]
fn an_error_deep_in_a_recursive_yield_from_chain_has_a_frame_per_level() {
    // The chain runs flat (one `resume` per item), yet the traceback is CPython's.
    let src = "def failing(depth):\n    if depth == 0:\n        yield 'bottom'\n        raise ValueError('deep down')\n    yield from failing(depth - 1)\n\n\ndef main():\n    for x in failing(4):\n        print(x)\n\n\nmain()\n";
    let (_d, path) = script("chain.py", src);
    let out = py2rust().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "bottom\n");
    let err = stderr(&out);
    let tail = "line 9, in main\n    for x in failing(4):\n";
    let levels = "line 5, in failing\n    yield from failing(depth - 1)\n";
    assert!(err.contains(tail), "{err}");
    assert_eq!(err.matches(levels).count(), 3, "{err}");
    assert!(err.contains("  [Previous line repeated 1 more time]\n"), "{err}");
    assert!(err.ends_with("line 4, in failing\n    raise ValueError('deep down')\nValueError: deep down\n"), "{err}");
}

#[test]
fn a_missing_file_exits_2() {
    let out = py2rust().arg("run").arg("/nonexistent/nothing.py").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /nonexistent/nothing.py: no such file"), "{}", stderr(&out));
}

#[test]
fn generated_rust_that_rustc_rejects_is_an_internal_error_naming_the_python_line() {
    let (_d, path) = script("ok.py", "x = 1\nprint(x // 1)\n");
    let out = py2rust().arg("run").arg(&path).env("PY2RUST_DEBUG_BREAK_RUST", "1").output().unwrap();
    assert_eq!(out.status.code(), Some(101), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("internal error"), "{err}");
    assert!(err.contains("ok.py:2:"), "{err}");
    assert!(err.contains("bug in py2rust"), "{err}");
}

#[test]
fn run_passes_arguments_and_exit_codes_through() {
    let (_d, path) = script("args.py", "import sys\nprint(sys.argv[1] == 'a', len(sys.argv))\nsys.exit(3)\n");
    let out = py2rust().arg("run").arg(&path).arg("a").arg("-b").output().unwrap();
    assert_eq!(stdout(&out), "True 3\n");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

#[test]
fn an_uncaught_exception_prints_a_python_traceback_and_exits_1() {
    let (_d, path) = script("boom.py", "def f(n):\n    return 10 // n\n\nprint(f(5))\nprint(f(0))\n");
    let out = py2rust().arg("run").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "2\n");
    let err = stderr(&out);
    assert!(err.contains("Traceback (most recent call last):\n"), "{err}");
    assert!(err.contains("line 5, in <module>"), "{err}");
    assert!(err.contains("line 2, in f\n    return 10 // n\n"), "{err}");
    assert!(err.ends_with("ZeroDivisionError: integer division or modulo by zero\n"), "{err}");
}

#[test]
fn build_writes_an_executable_and_transpile_prints_rust() {
    let (d, path) = script("hello.py", "print('hello', 2**100)\n");
    let exe = d.path().join("hello-bin");
    let out = py2rust().arg("build").arg(&path).arg("-o").arg(&exe).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let run = Command::new(&exe).output().unwrap();
    assert_eq!(stdout(&run), "hello 1267650600228229401496703205376\n");
    let rs = d.path().join("hello.rs");
    let out = py2rust().arg("transpile").arg(&path).arg("-o").arg(&rs).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&rs).unwrap();
    assert!(text.contains("use py2rust_runtime::prelude::*;"), "{text}");
    assert!(text.contains("fn module_body() -> PyResult<()>"), "{text}");
}

#[test]
fn every_command_has_help() {
    for cmd in ["run", "transpile", "build", "check"] {
        let out = py2rust().arg(cmd).arg("--help").output().unwrap();
        assert!(out.status.success());
        assert!(stdout(&out).contains("Usage: py2rust"), "{cmd}");
    }
}

#[test]
fn constructs_outside_the_subset_are_refused_with_their_location() {
    let cases = [
        ("eval.py", "x = 1\nprint(eval(\"x + 1\"))\n", "eval.py:2:7", "eval"),
        ("exec.py", "exec(\"y = 2\")\n", "exec.py:1:1", "exec"),
        ("globals.py", "def f():\n    return globals()\n\nprint(f())\n", "globals.py:2:12", "globals"),
        ("meta.py", "class M(type):\n    pass\n\n\nclass A(metaclass=M):\n    pass\n", "meta.py:5:9", "metaclass"),
        ("yield_expr.py", "def g():\n    print((yield 1))\n\nprint(list(g()))\n", "yield_expr.py:2:12", "yield"),
    ];
    for (name, text, at, what) in cases {
        let (_dir, path) = script(name, text);
        let out = py2rust().arg("check").arg(&path).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(at), "{name}: no {at} in {err}");
        assert!(err.contains(what), "{name}: no {what} in {err}");
        assert!(err.contains('^'), "{name}: no caret in {err}");
    }
}
