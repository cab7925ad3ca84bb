// Only mounts the app (`lib.rs`).
fn main() {
    mytho_so::start();
}
