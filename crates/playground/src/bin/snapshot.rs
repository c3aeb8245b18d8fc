//! Writes the prelude snapshot the playground ships (README, "The playground"): the session
//! after loading the prelude, as the browser's worker would take it (`Playground::prepare`),
//! with Base's modules made for the worker's heap (`host_web::ARENA_BASE`), stored with `runtime::Snapshot::to_bytes`. The worker fetches it and starts from it
//! (`Playground::prepare_from`) instead of loading the prelude itself. Trunk runs this as a
//! pre-build hook (Trunk.toml): `cargo run --release -p playground --bin snapshot -- OUT`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: snapshot OUT");
        std::process::exit(2);
    };
    let written = runtime::on_big_stack(move || {
        // The heap limit the worker's snapshot has: the browser host's arena; and Base's
        // modules are made for the worker's heap, which starts at a fixed address.
        let mut playground =
            playground::native(host_web::MAX_HEAP_BYTES).with_modules_for_heap_base(host_web::ARENA_BASE);
        let bytes = playground.snapshot_bytes()?;
        if let Some(dir) = std::path::Path::new(&out).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&out, &bytes).map_err(|e| format!("{out}: {e}"))?;
        Ok::<_, String>((out, bytes.len()))
    });
    match written {
        Ok((out, len)) => eprintln!("snapshot: {len} bytes in {out}"),
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
