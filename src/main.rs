// Only mounts: the shell bundle (home, 404, areas not built yet). Other bundles are in src/bin/.
fn main() {
    mytho_so::start(mytho_so::Bundle::Shell, mytho_so::routes::shell);
}
