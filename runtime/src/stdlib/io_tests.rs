//! Expected values and messages from python3 (CPython 3.11.7) running the same operations.

use super::*;
use crate::object::py_repr;
use crate::stdlib::tempfile::TemporaryDirectory;

fn s(x: &str) -> PyStr {
    PyStr::from(x)
}

fn err<T>(r: PyResult<T>) -> String {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

fn strs(l: &PyList<PyStr>) -> Vec<String> {
    l.to_vec().iter().map(|x| x.as_str().to_string()).collect()
}

struct Dir(TemporaryDirectory);

impl Dir {
    fn new() -> Dir {
        Dir(TemporaryDirectory::new().unwrap())
    }
    fn path(&self, name: &str) -> PyStr {
        PyStr::from(format!("{}/{name}", self.0.name().as_str()))
    }
}

#[test]
fn write_then_read_with_universal_newlines() {
    let d = Dir::new();
    let p = d.path("a.txt");
    let f = open(&p, "w").unwrap();
    assert_eq!(
        py_repr(&f).unwrap().as_str(),
        format!("<_io.TextIOWrapper name='{}' mode='w' encoding='UTF-8'>", p.as_str())
    );
    assert_eq!(f.write(&s("h\u{e9}llo\r\nworld\rx\n")).unwrap().to_string(), "15");
    assert!(!f.closed());
    assert_eq!(err(f.read()), "io.UnsupportedOperation: not readable");
    f.close().unwrap();
    assert!(f.closed());
    assert_eq!(err(f.write(&s("x"))), "ValueError: I/O operation on closed file.");
    assert_eq!(err(f.read()), "ValueError: I/O operation on closed file.");
    f.close().unwrap();
    assert_eq!(std::fs::read(p.as_str()).unwrap(), "h\u{e9}llo\r\nworld\rx\n".as_bytes());

    let f = open(&p, "r").unwrap();
    assert_eq!(err(f.write(&s("x"))), "io.UnsupportedOperation: not writable");
    assert_eq!(f.read().unwrap().as_str(), "h\u{e9}llo\nworld\nx\n");
    assert_eq!(f.read().unwrap().as_str(), "");
    f.close().unwrap();

    // newline='' keeps the line ends and splits on all three.
    let f = open_with(&p, "r", None, Some("")).unwrap();
    let lines: Vec<String> = f.iter().map(|l| l.unwrap().as_str().to_string()).collect();
    assert_eq!(lines, ["h\u{e9}llo\r\n", "world\r", "x\n"]);
    f.close().unwrap();

    let f = open_with(&p, "r", Some("utf-8"), None).unwrap();
    assert_eq!(
        py_repr(&f).unwrap().as_str(),
        format!("<_io.TextIOWrapper name='{}' mode='r' encoding='utf-8'>", p.as_str())
    );
    assert_eq!(strs(&f.readlines().unwrap()), ["h\u{e9}llo\n", "world\n", "x\n"]);
    f.close().unwrap();

    // f.readline(), f.read(3), f.readline(), f.readline(), f.readline()
    let f = open(&p, "r").unwrap();
    assert_eq!(f.readline().unwrap().as_str(), "h\u{e9}llo\n");
    assert_eq!(f.read_n(&Int::from(3)).unwrap().as_str(), "wor");
    assert_eq!(f.readline().unwrap().as_str(), "ld\n");
    assert_eq!(f.readline().unwrap().as_str(), "x\n");
    assert_eq!(f.readline().unwrap().as_str(), "");
    f.close().unwrap();

    // readline(2), read(0), read(-1), readlines()
    let f = open(&p, "r").unwrap();
    assert_eq!(f.readline_n(&Int::from(2)).unwrap().as_str(), "h\u{e9}");
    assert_eq!(f.read_n(&Int::from(0)).unwrap().as_str(), "");
    assert_eq!(f.read_n(&Int::from(-1)).unwrap().as_str(), "llo\nworld\nx\n");
    assert!(f.readlines().unwrap().is_empty());
    f.close().unwrap();
}

#[test]
fn read_n_counts_translated_characters() {
    let d = Dir::new();
    let p = d.path("n.txt");
    std::fs::write(p.as_str(), "a\r\nb\rc").unwrap();
    let f = open(&p, "r").unwrap();
    // python3: f.read(2) == 'a\n' (the \r\n is one character), then 'b\nc'
    assert_eq!(f.read_n(&Int::from(2)).unwrap().as_str(), "a\n");
    assert_eq!(f.tell().unwrap().to_string(), "3");
    assert_eq!(f.read().unwrap().as_str(), "b\nc");
}

#[test]
fn newline_modes() {
    let d = Dir::new();
    let p = d.path("m.txt");
    std::fs::write(p.as_str(), "a\r\nb\rc\nd\r\r\ne").unwrap();
    // python3: open(p, newline=nl).readlines() and [f.readline(2) for _ in range(5)]
    let cases: [(Option<&str>, &[&str], [&str; 5]); 5] = [
        (None, &["a\n", "b\n", "c\n", "d\n", "\n", "e"], ["a\n", "b\n", "c\n", "d\n", "\n"]),
        (Some(""), &["a\r\n", "b\r", "c\n", "d\r", "\r\n", "e"], ["a\r", "\n", "b\r", "c\n", "d\r"]),
        (Some("\n"), &["a\r\n", "b\rc\n", "d\r\r\n", "e"], ["a\r", "\n", "b\r", "c\n", "d\r"]),
        (Some("\r"), &["a\r", "\nb\r", "c\nd\r", "\r", "\ne"], ["a\r", "\nb", "\r", "c\n", "d\r"]),
        (Some("\r\n"), &["a\r\n", "b\rc\nd\r\r\n", "e"], ["a\r", "\nb", "\rc", "\nd", "\r\r"]),
    ];
    for (nl, lines, limited) in cases {
        let f = open_with(&p, "r", None, nl).unwrap();
        assert_eq!(strs(&f.readlines().unwrap()), lines, "{nl:?}");
        let f = open_with(&p, "r", None, nl).unwrap();
        let got: Vec<String> = (0..5).map(|_| f.readline_n(&Int::from(2)).unwrap().as_str().to_string()).collect();
        assert_eq!(got, limited, "{nl:?}");
    }
}

#[test]
fn long_files_line_by_line() {
    let d = Dir::new();
    let p = d.path("long.txt");
    let f = open(&p, "w").unwrap();
    let mut want = Vec::new();
    for i in 0..5000 {
        let line = format!("line {i} {}\r\n", "\u{e9}".repeat(i % 7));
        f.write_str(&line).unwrap();
        want.push(line.replace("\r\n", "\n"));
    }
    f.close().unwrap();
    let f = open(&p, "r").unwrap();
    let got: Vec<String> = (&f).into_iter().map(|l| l.unwrap().as_str().to_string()).collect();
    assert_eq!(got, want);
    f.close().unwrap();
    let f = open(&p, "r").unwrap();
    assert_eq!(f.read().unwrap().as_str(), want.concat());
}

#[test]
fn modes_append_exclusive_update() {
    let d = Dir::new();
    let p = d.path("a.txt");
    std::fs::write(p.as_str(), "h\u{e9}llo\r\nworld\rx\n").unwrap();
    let f = open(&p, "a").unwrap();
    assert_eq!(f.write(&s("more")).unwrap().to_string(), "4");
    f.close().unwrap();
    // a+ starts at the end: tell() is the size and read() is empty until a seek.
    let f = open(&p, "a+").unwrap();
    assert_eq!(f.tell().unwrap().to_string(), "20");
    assert_eq!(f.read().unwrap().as_str(), "");
    f.seek(&Int::from(0), 0).unwrap();
    assert_eq!(f.readline().unwrap().as_str(), "h\u{e9}llo\n");
    f.close().unwrap();
    // r+: readline, then write: CPython's write lands after the buffered chunk (the end here).
    let f = open(&p, "r+").unwrap();
    assert_eq!(f.readline().unwrap().as_str(), "h\u{e9}llo\n");
    f.write(&s("ZZ")).unwrap();
    f.close().unwrap();
    assert_eq!(std::fs::read_to_string(p.as_str()).unwrap(), "h\u{e9}llo\r\nworld\rx\nmoreZZ");
    assert_eq!(err(open(&p, "x")), format!("FileExistsError: [Errno 17] File exists: '{}'", p.as_str()));
    let q = d.path("new.txt");
    let f = open(&q, "x").unwrap();
    f.write(&s("new")).unwrap();
    drop(f); // flushed when the last reference goes
    assert_eq!(std::fs::read_to_string(q.as_str()).unwrap(), "new");
    // w+: write, seek(0), read, tell
    let f = open(&q, "w+").unwrap();
    f.write(&s("abc\ndef\n")).unwrap();
    assert_eq!(f.seek(&Int::from(0), 0).unwrap().to_string(), "0");
    assert_eq!(f.read().unwrap().as_str(), "abc\ndef\n");
    assert_eq!(f.tell().unwrap().to_string(), "8");
    f.close().unwrap();
    // newline='\r\n' translates on write
    let f = open_with(&q, "w", None, Some("\r\n")).unwrap();
    f.write(&s("a\nb")).unwrap();
    f.close().unwrap();
    assert_eq!(std::fs::read(q.as_str()).unwrap(), b"a\r\nb");
}

#[test]
fn seek_and_tell() {
    let d = Dir::new();
    let p = d.path("a.txt");
    let f = open(&p, "w").unwrap();
    assert_eq!(err(f.seek(&Int::from(1), 1)), "io.UnsupportedOperation: can't do nonzero cur-relative seeks");
    assert_eq!(err(f.seek(&Int::from(1), 2)), "io.UnsupportedOperation: can't do nonzero end-relative seeks");
    assert_eq!(err(f.seek(&Int::from(-1), 0)), "ValueError: negative seek position -1");
    assert_eq!(err(f.seek(&Int::from(0), 3)), "ValueError: invalid whence (3, should be 0, 1 or 2)");
    assert_eq!(f.tell().unwrap().to_string(), "0");
    f.write(&s("h\u{e9}llo\n")).unwrap();
    assert_eq!(f.tell().unwrap().to_string(), "7");
    f.close().unwrap();
    assert_eq!(err(f.tell()), "ValueError: I/O operation on closed file.");
}

#[test]
fn open_errors() {
    let d = Dir::new();
    let missing = d.path("nope.txt");
    assert_eq!(
        err(open(&missing, "r")),
        format!("FileNotFoundError: [Errno 2] No such file or directory: '{}'", missing.as_str())
    );
    let e = open(&missing, "r").err().unwrap();
    assert!(e.is_instance(Exc::OSError));
    assert_eq!(e.args().len(), 3);
    let rel = PyStr::from("py2rust_surely_missing.txt");
    assert_eq!(err(open(&rel, "r")), "FileNotFoundError: [Errno 2] No such file or directory: 'py2rust_surely_missing.txt'");
    let dir = d.0.name();
    assert_eq!(err(open(&dir, "r")), format!("IsADirectoryError: [Errno 21] Is a directory: '{}'", dir.as_str()));
    assert_eq!(err(open(&dir, "w")), format!("IsADirectoryError: [Errno 21] Is a directory: '{}'", dir.as_str()));
    for (mode, msg) in [
        ("z", "ValueError: invalid mode: 'z'"),
        ("rr", "ValueError: invalid mode: 'rr'"),
        ("r++", "ValueError: invalid mode: 'r++'"),
        ("U", "ValueError: invalid mode: 'U'"),
        ("rw", "ValueError: must have exactly one of create/read/write/append mode"),
        ("wx", "ValueError: must have exactly one of create/read/write/append mode"),
        ("rt+b", "ValueError: can't have text and binary mode at once"),
        ("+", "ValueError: Must have exactly one of create/read/write/append mode and at most one plus"),
        ("", "ValueError: Must have exactly one of create/read/write/append mode and at most one plus"),
    ] {
        assert_eq!(err(open(&missing, mode)), msg, "{mode:?}");
    }
    assert_eq!(err(open_with(&missing, "r", None, Some("x"))), "ValueError: illegal newline value: x");
    // with on a closed file
    let p = d.path("c.txt");
    let f = open(&p, "wt+").unwrap();
    assert_eq!(
        py_repr(&f).unwrap().as_str(),
        format!("<_io.TextIOWrapper name='{}' mode='wt+' encoding='UTF-8'>", p.as_str())
    );
    assert!(f.enter().unwrap().ptr_eq(&f));
    f.close().unwrap();
    assert_eq!(err(f.enter()), "ValueError: I/O operation on closed file.");
    assert_eq!(err(f.readline()), "ValueError: I/O operation on closed file.");
    assert_eq!(err(f.flush()), "ValueError: I/O operation on closed file.");
    assert!(f.iter().next().unwrap().is_err());
}

#[test]
fn decode_errors() {
    let d = Dir::new();
    let p = d.path("bad.txt");
    std::fs::write(p.as_str(), b"ab\xffcd\n").unwrap();
    assert_eq!(
        err(open(&p, "r").unwrap().read()),
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
    );
    std::fs::write(p.as_str(), b"ab\xc3").unwrap();
    assert_eq!(
        err(open(&p, "r").unwrap().read()),
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"
    );
    std::fs::write(p.as_str(), b"a\xe9b").unwrap();
    assert_eq!(
        err(open(&p, "r").unwrap().read()),
        "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 1: invalid continuation byte"
    );
    // A BOM is kept with utf-8 (not utf-8-sig).
    std::fs::write(p.as_str(), b"\xef\xbb\xbfab").unwrap();
    assert_eq!(open(&p, "r").unwrap().read().unwrap().as_str(), "\u{feff}ab");
}

#[test]
fn files_as_values() {
    let d = Dir::new();
    let p = d.path("v.txt");
    std::fs::write(p.as_str(), "1\n2\n").unwrap();
    let f = open(&p, "r").unwrap();
    let v = f.clone().into_value();
    assert_eq!(v.type_name(), "TextIOWrapper");
    let lines: Vec<String> = v.iter().unwrap().map(|x| py_repr(&x.unwrap()).unwrap().as_str().to_string()).collect();
    assert_eq!(lines, ["'1\\n'", "'2\\n'"]);
    let back = PyFile::from_value(v).unwrap();
    assert!(back.ptr_eq(&f));
    assert!(PyFile::from_value(Value::None).is_err());
}

#[test]
fn string_io() {
    // s = io.StringIO(); s.write('ab\r\nc') == 5; getvalue; seek(0); read; tell
    let st = StringIO::new();
    assert_eq!(st.write(&s("ab\r\nc")).unwrap().to_string(), "5");
    assert_eq!(st.getvalue().unwrap().as_str(), "ab\r\nc");
    st.seek(&Int::from(0), 0).unwrap();
    assert_eq!(st.read().unwrap().as_str(), "ab\r\nc");
    assert_eq!(st.tell().unwrap().to_string(), "5");
    // list(io.StringIO('a\r\nb\rc\n')) == ['a\r\n', 'b\rc\n']
    let st = StringIO::with_value(&s("a\r\nb\rc\n"));
    let lines: Vec<String> = st.iter().map(|l| l.unwrap().as_str().to_string()).collect();
    assert_eq!(lines, ["a\r\n", "b\rc\n"]);

    let st = StringIO::with_value(&s("hello\nworld"));
    assert_eq!(err(st.seek(&Int::from(-1), 0)), "ValueError: Negative seek position -1");
    assert_eq!(err(st.seek(&Int::from(1), 1)), "OSError: Can't do nonzero cur-relative seeks");
    assert_eq!(st.seek(&Int::from(0), 2).unwrap().to_string(), "11");
    assert_eq!(st.tell().unwrap().to_string(), "11");
    st.seek(&Int::from(0), 0).unwrap();
    assert_eq!(st.readline().unwrap().as_str(), "hello\n");
    assert_eq!(st.read_n(&Int::from(2)).unwrap().as_str(), "wo");
    assert_eq!(strs(&st.readlines().unwrap()), ["rld"]);
    // Writing past the end pads with NULs; writing inside overwrites.
    st.seek(&Int::from(20), 0).unwrap();
    st.write(&s("x")).unwrap();
    assert_eq!(st.getvalue().unwrap().as_str(), "hello\nworld\0\0\0\0\0\0\0\0\0x");
    st.seek(&Int::from(2), 0).unwrap();
    st.write(&s("ZZ")).unwrap();
    assert_eq!(st.getvalue().unwrap().as_str(), "heZZo\nworld\0\0\0\0\0\0\0\0\0x");
    assert_eq!(st.truncate(Some(&Int::from(4))).unwrap().to_string(), "4");
    assert_eq!(st.getvalue().unwrap().as_str(), "heZZ");
    assert_eq!(st.tell().unwrap().to_string(), "4");
    st.close();
    assert!(st.closed());
    assert_eq!(err(st.getvalue()), "ValueError: I/O operation on closed file");
    assert_eq!(err(st.write(&s("x"))), "ValueError: I/O operation on closed file");
    assert_eq!(err(st.read()), "ValueError: I/O operation on closed file");
    assert_eq!(err(StringIO::new().seek(&Int::from(0), 5)), "ValueError: Invalid whence (5, should be 0, 1 or 2)");
    // Non-ASCII positions are in characters.
    let st = StringIO::with_value(&s("\u{e9}t\u{e9}\n\u{1F600}"));
    assert_eq!(st.read_n(&Int::from(2)).unwrap().as_str(), "\u{e9}t");
    assert_eq!(st.readline().unwrap().as_str(), "\u{e9}\n");
    assert_eq!(st.tell().unwrap().to_string(), "4");
    st.writelines(["a", "b"]).unwrap();
    assert_eq!(st.getvalue().unwrap().as_str(), "\u{e9}t\u{e9}\nab");
    let v = st.clone().into_value();
    assert_eq!(v.type_name(), "StringIO");
    assert!(StringIO::from_value(v).unwrap().ptr_eq(&st));
}
