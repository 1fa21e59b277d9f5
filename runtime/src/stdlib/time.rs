//! `time`: clocks and `sleep`, as CPython 3.11 on Linux.
//!
//! `time()`/`time_ns()` read the system clock; `perf_counter()` and `monotonic()` read
//! `CLOCK_MONOTONIC` and `process_time()` `CLOCK_PROCESS_CPUTIME_ID` (Linux; elsewhere a
//! process-relative monotonic clock stands in). Seconds are converted from nanoseconds exactly
//! as CPython's `_PyTime_AsSecondsDouble` does.

use super::math::{MathArg, Real};
use crate::err::{PyErr, PyResult};
use crate::int::Int;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Nanoseconds to float seconds as CPython does (exact division when whole seconds).
fn ns_to_secs(ns: i128) -> f64 {
    if ns % 1_000_000_000 == 0 {
        (ns / 1_000_000_000) as f64
    } else {
        ns as f64 / 1e9
    }
}

/// Nanoseconds since the epoch (negative before it).
fn system_ns() -> i128 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
fn clock_ns(clock: i32) -> i128 {
    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clk: i32, ts: *mut Timespec) -> i32;
    }
    let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec (two 64-bit fields on 64-bit Linux).
    let rc = unsafe { clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return fallback_ns();
    }
    ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
fn clock_ns(_clock: i32) -> i128 {
    fallback_ns()
}

/// Nanoseconds on a monotonic clock starting at the first call.
fn fallback_ns() -> i128 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_nanos() as i128
}

const CLOCK_MONOTONIC: i32 = 1;
const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;

/// `time.time()`: seconds since the epoch.
pub fn time_time() -> f64 {
    ns_to_secs(system_ns())
}

/// `time.time_ns()`.
pub fn time_time_ns() -> Int {
    Int::from(system_ns())
}

/// `time.perf_counter()`.
pub fn time_perf_counter() -> f64 {
    ns_to_secs(clock_ns(CLOCK_MONOTONIC))
}

/// `time.perf_counter_ns()`.
pub fn time_perf_counter_ns() -> Int {
    Int::from(clock_ns(CLOCK_MONOTONIC))
}

/// `time.monotonic()`.
pub fn time_monotonic() -> f64 {
    ns_to_secs(clock_ns(CLOCK_MONOTONIC))
}

/// `time.monotonic_ns()`.
pub fn time_monotonic_ns() -> Int {
    Int::from(clock_ns(CLOCK_MONOTONIC))
}

/// `time.process_time()`: CPU time of the process.
pub fn time_process_time() -> f64 {
    ns_to_secs(clock_ns(CLOCK_PROCESS_CPUTIME_ID))
}

/// `time.sleep(secs)`: an int or a float number of seconds.
pub fn time_sleep(secs: impl MathArg) -> PyResult<()> {
    let ns: i128 = match secs.real() {
        Ok(Real::Float(f)) => {
            if f.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            // CPython rounds to nanoseconds (half even) and checks the range of its 64-bit
            // nanosecond clock.
            let v = (f * 1e9).round_ties_even();
            if !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&v) {
                return Err(PyErr::overflow("timestamp out of range for platform time_t"));
            }
            v as i128
        }
        Ok(Real::Int(i)) => match i.to_i64().and_then(|s| s.checked_mul(1_000_000_000)) {
            Some(v) => v as i128,
            None => return Err(PyErr::overflow("timestamp too large to convert to C _PyTime_t")),
        },
        Err(t) => return Err(PyErr::type_error(format!("'{t}' object cannot be interpreted as an integer"))),
    };
    if ns < 0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    std::thread::sleep(Duration::from_nanos(ns as u64));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pystr::PyStr;
    use crate::value::Value;

    #[test]
    fn clocks_advance() {
        let t0 = time_time();
        assert!(t0 > 1.6e9, "{t0}");
        let n = time_time_ns();
        assert!(n > 1_600_000_000_000_000_000i64);
        let p0 = time_perf_counter();
        let m0 = time_monotonic();
        time_sleep(0.01).unwrap();
        let dt = time_perf_counter() - p0;
        assert!((0.009..5.0).contains(&dt), "{dt}");
        assert!(time_monotonic() - m0 >= 0.009);
        assert!(time_perf_counter_ns() > Int::from(0));
        assert!(time_monotonic_ns() > Int::from(0));
        assert!(time_process_time() >= 0.0);
        time_sleep(Int::from(0)).unwrap();
        time_sleep(false).unwrap();
    }

    #[test]
    fn conversion_matches_cpython() {
        assert_eq!(ns_to_secs(1_795_626_021_130_839_000), 1795626021.130839);
        assert_eq!(ns_to_secs(3_000_000_000), 3.0);
        assert_eq!(ns_to_secs(3_307_216_884_212), 3307.216884212);
    }

    #[test]
    fn sleep_errors() {
        // python3: time.sleep(x) for each x
        let e = |r: PyResult<()>| r.unwrap_err().to_string();
        assert_eq!(e(time_sleep(-1.0)), "ValueError: sleep length must be non-negative");
        assert_eq!(e(time_sleep(Int::from(-1))), "ValueError: sleep length must be non-negative");
        assert_eq!(e(time_sleep(f64::NAN)), "ValueError: Invalid value NaN (not a number)");
        assert_eq!(e(time_sleep(f64::INFINITY)), "OverflowError: timestamp out of range for platform time_t");
        assert_eq!(e(time_sleep(1e10)), "OverflowError: timestamp out of range for platform time_t");
        assert_eq!(
            e(time_sleep(Int::big("1000000000000000000000000000000"))),
            "OverflowError: timestamp too large to convert to C _PyTime_t"
        );
        assert_eq!(
            e(time_sleep(Value::Str(PyStr::from("x")))),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(e(time_sleep(Value::None)), "TypeError: 'NoneType' object cannot be interpreted as an integer");
    }
}
