// Only mounts: the dossiers bundle (the procedure catalogue and each procedure's page).
fn main() {
    mytho_so::start(mytho_so::Bundle::Dossiers, mytho_so::routes::dossiers);
}
