// Only mounts: the visitors' guide bundle (places, map, events, local products).
fn main() {
    mytho_so::start(mytho_so::Bundle::Tourism, mytho_so::routes::tourism);
}
