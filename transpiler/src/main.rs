fn main() -> std::process::ExitCode {
    py2rust::cli::main()
}
