fn main() {
    // Without the hook a panic shows only "unreachable" in the console.
    console_error_panic_hook::set_once();
    carescore_web::mount();
}
