//! Memory given back to the system after work that decoded many items and dropped them (the
//! connections, facet counts and filters over a lazy archive). mimalloc, the binary's
//! allocator, keeps freed pages for the thread that allocated them until that thread allocates
//! again, and the pool's threads then sleep: 100–200 MB at 100,000 talks would stay resident.

/// Return what this thread and every thread of the current rayon pool freed.
pub fn give_back() {
    rayon::broadcast(|_| collect());
    collect();
}

fn collect() {
    // SAFETY: mi_collect only releases mimalloc's own free pages; it is callable from any
    // thread at any time (and does little when mimalloc is not the allocator, as in tests).
    unsafe { libmimalloc_sys::mi_collect(true) };
}
