// Only mounts: everything else is in lib.rs.
fn main() {
    mytho_so::start();
}
