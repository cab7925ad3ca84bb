// Only mounts: the dossiers bundle (procedures, forms, drafts, receipts, tracking).
fn main() {
    mytho_so::start(mytho_so::Bundle::Dossiers, mytho_so::routes::dossiers);
}
