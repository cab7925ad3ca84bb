// Only mounts: the forms bundle (a procedure's online form, the check page, submission).
fn main() {
    mytho_so::start(mytho_so::Bundle::Forms, mytho_so::routes::forms);
}
