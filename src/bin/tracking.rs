// Only mounts: the tracking bundle (tracking, receipts, drafts on this device).
fn main() {
    mytho_so::start(mytho_so::Bundle::Tracking, mytho_so::routes::tracking);
}
