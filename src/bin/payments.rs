// Only mounts: the payments bundle (paying a fee, the provider's return page).
fn main() {
    mytho_so::start(mytho_so::Bundle::Payments, mytho_so::routes::payments);
}
