//! The standard-library modules ordinary scripts import, with CPython 3.11's behaviour, as
//! plain functions and types the generated code calls: `import random; random.randint(1, 6)`
//! becomes `random_randint(&Int::from(1), &Int::from(6))`.
//!
//! | module | contents |
//! |---|---|
//! | [`random`] | MT19937 bit-exact with CPython, `Random` instances, the module functions |
//! | [`math`] | `math.*` on `f64`/`Int` through the [`math::MathArg`] trait |
//! | [`time`] | `time`, `time_ns`, `perf_counter`, `monotonic`, `sleep` |
//! | [`io`] | text files (`open`) and `io.StringIO` |
//! | [`os`] | `os` (files, directories, environment) and `os.path` |
//! | [`tempfile`] | `gettempdir`, `mkdtemp`, `TemporaryDirectory` |

pub mod math;
pub mod random;
mod sha512;

pub use math::*;
pub use random::{
    random_choice, random_choices, random_choices_cum_weights, random_choices_weighted, random_default,
    random_expovariate, random_gauss, random_getrandbits, random_lognormvariate, random_normalvariate,
    random_paretovariate, random_randint, random_random, random_randrange, random_randrange_stop, random_sample,
    random_seed, random_shuffle, random_triangular, random_uniform, random_weibullvariate, RandSeq, Random, Seed,
    SeedArg,
};
