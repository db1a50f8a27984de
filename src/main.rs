#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}

/// Asks Linux not to back this process's memory with transparent huge
/// pages: mimalloc requests them for its arenas, and each one makes up to
/// 2 MB resident at the first touch — several times the memory a lint of an
/// ordinary config needs. Run as an early constructor, before the first
/// allocation (Rust's runtime allocates before `main`).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array.00001")]
static SMALL_PAGES: extern "C" fn() = small_pages;

#[cfg(target_os = "linux")]
extern "C" fn small_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments and touches no
    // memory of ours; a failure (old kernel) only leaves the default.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
