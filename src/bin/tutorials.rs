// Only mounts: the digital-skills bundle (lessons, quizzes, the certificate).
fn main() {
    mytho_so::start(mytho_so::Bundle::Tutorials, mytho_so::routes::tutorials);
}
