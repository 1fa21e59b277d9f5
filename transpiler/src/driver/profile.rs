//! Build profiles: how the runtime (by cargo) and a program (by rustc) are compiled.
//!
//! Both halves of one profile must agree: a fat-LTO program needs a runtime built with bitcode,
//! and every profile unwinds on panic (an internal panic becomes a message and exit code 101,
//! never an abort), so the cache holds one runtime build per profile.

use std::fmt;
use std::str::FromStr;

/// How a program is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// `py2rust run`: optimized (opt-level 3) but quick to compile: no cross-crate LTO,
    /// 16 codegen units. The runtime's `#[inline]` and generic functions are instantiated in
    /// the program's crate, and rustc inlines small leaf functions across crates by itself, so
    /// hot runtime paths inline without LTO.
    Run,
    /// `py2rust build`: fully optimized: opt-level 3, fat LTO across program, runtime and std,
    /// one codegen unit. The runtime is built by cargo with the same `lto = "fat"` profile,
    /// which makes its rlibs (and its dependencies') carry LLVM bitcode (`-C linker-plugin-lto`).
    Build,
    /// Tests: opt-level 0, debug assertions and overflow checks on, fastest to compile.
    Debug,
}

impl Profile {
    /// All profiles.
    pub const ALL: [Profile; 3] = [Profile::Run, Profile::Build, Profile::Debug];

    /// The environment variable that overrides a command's default profile.
    pub const ENV: &'static str = "PY2RUST_PROFILE";

    /// The profile's name: `run`, `build` or `debug`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Run => "run",
            Profile::Build => "build",
            Profile::Debug => "debug",
        }
    }

    /// Parses `run`, `build` or `debug` (ASCII case-insensitive, surrounding blanks ignored).
    pub fn parse(s: &str) -> Option<Profile> {
        let s = s.trim();
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
    }

    /// `$PY2RUST_PROFILE` if it is set and names a profile, else `default`. An unknown value is
    /// reported on stderr and ignored.
    pub fn from_env_or(default: Profile) -> Profile {
        match std::env::var(Self::ENV) {
            Ok(value) if value.trim().is_empty() => default,
            Ok(value) => Profile::parse(&value).unwrap_or_else(|| {
                eprintln!(
                    "py2rust: warning: ignoring {}={value:?} (expected run, build or debug)",
                    Self::ENV
                );
                default
            }),
            Err(_) => default,
        }
    }

    /// The cargo profile (defined by [`Profile::cargo_profile_section`]) the runtime is built with.
    pub(crate) fn cargo_profile(self) -> &'static str {
        match self {
            Profile::Run => "py2rust-run",
            Profile::Build => "py2rust-build",
            Profile::Debug => "py2rust-debug",
        }
    }

    /// The `[profile.*]` table appended to the runtime's standalone manifest.
    pub(crate) fn cargo_profile_section(self) -> &'static str {
        match self {
            Profile::Run => {
                "[profile.py2rust-run]\n\
                 inherits = \"release\"\n\
                 opt-level = 3\n\
                 debug = false\n\
                 debug-assertions = false\n\
                 overflow-checks = false\n\
                 lto = false\n\
                 codegen-units = 16\n\
                 panic = \"unwind\"\n\
                 incremental = false\n"
            }
            Profile::Build => {
                "[profile.py2rust-build]\n\
                 inherits = \"release\"\n\
                 opt-level = 3\n\
                 debug = false\n\
                 debug-assertions = false\n\
                 overflow-checks = false\n\
                 lto = \"fat\"\n\
                 codegen-units = 1\n\
                 panic = \"unwind\"\n\
                 incremental = false\n"
            }
            Profile::Debug => {
                "[profile.py2rust-debug]\n\
                 inherits = \"dev\"\n\
                 opt-level = 0\n\
                 debug = false\n\
                 debug-assertions = true\n\
                 overflow-checks = true\n\
                 panic = \"unwind\"\n\
                 incremental = false\n"
            }
        }
    }

    /// The codegen flags rustc gets when compiling a program in this profile (matching
    /// [`Profile::cargo_profile_section`]). Debuginfo is off and std's is stripped, as cargo
    /// does for `debug = false`; symbols stay, so panics still name functions.
    pub fn rustc_flags(self) -> &'static [&'static str] {
        match self {
            Profile::Run => &[
                "-Copt-level=3",
                "-Ccodegen-units=16",
                "-Cdebug-assertions=off",
                "-Coverflow-checks=off",
                "-Cpanic=unwind",
                "-Cstrip=debuginfo",
            ],
            Profile::Build => &[
                "-Copt-level=3",
                "-Ccodegen-units=1",
                "-Clto=fat",
                "-Cdebug-assertions=off",
                "-Coverflow-checks=off",
                "-Cpanic=unwind",
                "-Cstrip=debuginfo",
            ],
            Profile::Debug => &[
                "-Copt-level=0",
                "-Cdebug-assertions=on",
                "-Coverflow-checks=on",
                "-Cpanic=unwind",
                "-Cstrip=debuginfo",
            ],
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = String;
    fn from_str(s: &str) -> Result<Profile, String> {
        Profile::parse(s)
            .ok_or_else(|| format!("unknown profile {s:?} (expected run, build or debug)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(Profile::parse(p.name()), Some(p));
            assert_eq!(p.to_string().parse::<Profile>(), Ok(p));
        }
        assert_eq!(Profile::parse(" DEBUG\n"), Some(Profile::Debug));
        assert_eq!(Profile::parse("release"), None);
    }

    #[test]
    fn profiles_agree_between_cargo_and_rustc() {
        for p in Profile::ALL {
            let section = p.cargo_profile_section();
            assert!(section.starts_with(&format!("[profile.{}]\n", p.cargo_profile())));
            assert!(section.contains("panic = \"unwind\""));
            assert!(p.rustc_flags().contains(&"-Cpanic=unwind"));
            let lto = p.rustc_flags().contains(&"-Clto=fat");
            assert_eq!(lto, section.contains("lto = \"fat\""), "{p}");
        }
    }
}
