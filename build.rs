// rust-i18n reads locales/ inside a proc macro, which cargo does not track: rebuild the
// app when a locale file changes.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
