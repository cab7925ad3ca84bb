// Only mounts: the FAQ bundle.
fn main() {
    mytho_so::start(mytho_so::Bundle::Faq, mytho_so::routes::faq);
}
