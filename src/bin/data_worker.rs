//! The data worker's entry point: a second wasm module that the import panel starts in a
//! Web Worker (see `carescore_web::data_worker`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        carescore_web::data_worker::serve::start();
    }
}
