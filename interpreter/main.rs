fn main() {
    std::process::exit(gil::cli::main());
}
