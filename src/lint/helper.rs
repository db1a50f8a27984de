//! The second thread of a large lint, and how it gets its work.
//!
//! On small VMs a new thread is often queued on its parent's CPU, and an
//! idle CPU can take a millisecond or two to wake: a thread started for
//! the rules, after the parse, then ran after the main thread instead of
//! beside it. So the helper starts before the parse, on another CPU, and
//! waits for each piece of work by spinning briefly rather than sleeping
//! (the pieces come a millisecond or so apart).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};
use std::thread::{JoinHandle, Thread};
use std::time::{Duration, Instant};

/// Where the helper may run: any allowed CPU but the current one.
#[derive(Clone)]
pub(super) struct Placement {
    #[cfg(target_os = "linux")]
    cpus: Option<affinity::CpuSet>,
}

impl Placement {
    /// `None` when this process may use only one CPU: a helper that spins
    /// would then take turns with the thread it waits for.
    pub(super) fn away_from_this_cpu() -> Option<Placement> {
        #[cfg(target_os = "linux")]
        if let Some(cpus) = affinity::allowed() {
            return cpus
                .without_current()
                .map(|cpus| Placement { cpus: Some(cpus) });
        }
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cpus >= 2).then_some(Placement {
            #[cfg(target_os = "linux")]
            cpus: None,
        })
    }

    /// Restricts the calling thread to the CPUs of this placement.
    fn apply_here(&self) {
        #[cfg(target_os = "linux")]
        if let Some(cpus) = &self.cpus {
            cpus.apply_to(None);
        }
    }

    /// Restricts `thread` to the CPUs of this placement.
    fn apply_to<T>(&self, thread: &JoinHandle<T>) {
        #[cfg(target_os = "linux")]
        if let Some(cpus) = &self.cpus {
            use std::os::unix::thread::JoinHandleExt;
            cpus.apply_to(Some(thread.as_pthread_t()));
        }
        #[cfg(not(target_os = "linux"))]
        let _ = thread;
    }
}

/// Starts `work` on a helper thread placed as `placement` says.
///
/// Both threads set the placement, since either may run first: a new
/// thread may wait for this thread's CPU before it runs at all (this
/// thread then moves it), or it may take this CPU at once (it then moves
/// itself, and this thread goes on with the parse).
pub(super) fn spawn<T: Send + 'static>(
    placement: Placement,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::io::Result<JoinHandle<T>> {
    let inside = placement.clone();
    let thread = std::thread::Builder::new()
        .name("lint-helper".into())
        .spawn(move || {
            inside.apply_here();
            work()
        })?;
    placement.apply_to(&thread);
    Ok(thread)
}

/// A value one thread makes and another waits for.
pub(super) struct Handoff<T> {
    value: OnceLock<T>,
    /// [`WAITING`], [`GIVEN`] or [`ABANDONED`]: one word, so that a waiter
    /// reads where things stand in one load.
    state: AtomicU8,
}

const WAITING: u8 = 0;
const GIVEN: u8 = 1;
const ABANDONED: u8 = 2;

/// How long a waiter spins before it sleeps: longer than parsing the
/// largest configs seen in practice takes, so that the usual wait never
/// pays for a wake-up.
const SPIN_FOR: Duration = Duration::from_millis(5);

impl<T> Handoff<T> {
    pub(super) fn new() -> Handoff<T> {
        Handoff {
            value: OnceLock::new(),
            state: AtomicU8::new(WAITING),
        }
    }

    /// The value, once given; `None` if the giver went away without one
    /// (it panicked).
    pub(super) fn wait(&self) -> Option<&T> {
        let start = Instant::now();
        let mut spins = 0u32;
        loop {
            match self.state.load(Ordering::Acquire) {
                GIVEN => return self.value.get(),
                ABANDONED => return None,
                _ => {}
            }
            spins = spins.wrapping_add(1);
            if spins % 256 != 0 || start.elapsed() < SPIN_FOR {
                std::hint::spin_loop();
            } else {
                // The giver unparks this thread after setting the value
                // (or giving up), so no wake-up is missed.
                std::thread::park();
            }
        }
    }

    /// The giving side, for the thread `waiter` (which it wakes).
    pub(super) fn giver<'h>(&'h self, waiter: &Thread) -> Giver<'h, T> {
        Giver {
            handoff: self,
            waiter: waiter.clone(),
        }
    }

    pub(super) fn into_inner(self) -> Option<T> {
        self.value.into_inner()
    }
}

/// Gives the value; if dropped before (a panic while making it), tells
/// the waiter to stop waiting.
pub(super) struct Giver<'h, T> {
    handoff: &'h Handoff<T>,
    waiter: Thread,
}

impl<'h, T> Giver<'h, T> {
    pub(super) fn give(self, value: T) -> &'h T {
        let handoff = self.handoff;
        let _ = handoff.value.set(value);
        handoff.state.store(GIVEN, Ordering::Release);
        drop(self);
        handoff
            .value
            .get()
            .expect("a OnceLock holds what was just set")
    }
}

impl<T> Drop for Giver<'_, T> {
    fn drop(&mut self) {
        // Unless the value was given, the waiter is to stop waiting.
        let _ = self.handoff.state.compare_exchange(
            WAITING,
            ABANDONED,
            Ordering::Release,
            Ordering::Relaxed,
        );
        self.waiter.unpark();
    }
}

#[cfg(target_os = "linux")]
mod affinity {
    use std::mem::size_of;

    #[derive(Clone)]
    pub(super) struct CpuSet(libc::cpu_set_t);

    /// The CPUs this thread may run on (`None` if the set cannot be read,
    /// e.g. on a machine with more CPUs than `cpu_set_t` holds).
    pub(super) fn allowed() -> Option<CpuSet> {
        // SAFETY: `cpu_set_t` is plain data, valid when zeroed, and the
        // kernel writes at most `size_of::<cpu_set_t>()` bytes into it.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            (libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) == 0)
                .then_some(CpuSet(set))
        }
    }

    impl CpuSet {
        /// The set less the CPU this thread runs on now; `None` if that
        /// leaves no CPU, or if the set had only one.
        pub(super) fn without_current(mut self) -> Option<CpuSet> {
            // SAFETY: `sched_getcpu` has no preconditions; the CPU_* macros
            // only read and write the set, and `cpu` is checked against
            // its size before it is used as an index.
            unsafe {
                if libc::CPU_COUNT(&self.0) < 2 {
                    return None;
                }
                let cpu = libc::sched_getcpu();
                if let Ok(cpu) = usize::try_from(cpu) {
                    if cpu < libc::CPU_SETSIZE as usize {
                        libc::CPU_CLR(cpu, &mut self.0);
                    }
                }
                (libc::CPU_COUNT(&self.0) > 0).then_some(self)
            }
        }

        /// Restricts `thread` (`None`: the calling thread) to the set,
        /// as far as the kernel allows.
        pub(super) fn apply_to(&self, thread: Option<libc::pthread_t>) {
            let size = size_of::<libc::cpu_set_t>();
            // SAFETY: a given `thread` is live (the caller holds its
            // JoinHandle), and the set is a valid `cpu_set_t` of `size`.
            unsafe {
                match thread {
                    Some(thread) => libc::pthread_setaffinity_np(thread, size, &self.0),
                    None => libc::sched_setaffinity(0, size, &self.0),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiter_gets_the_value_given() {
        let handoff = Handoff::new();
        let got = std::thread::scope(|scope| {
            let waiter = scope.spawn(|| handoff.wait().copied());
            handoff.giver(waiter.thread()).give(42);
            waiter.join().expect("the waiter does not panic")
        });
        assert_eq!(got, Some(42));
        assert_eq!(handoff.into_inner(), Some(42));
    }

    /// A give sets the value and then marks the giver gone: a waiter that
    /// looks between the two must still get the value.
    #[test]
    fn a_waiter_never_misses_a_value_given_as_it_looks() {
        for _ in 0..20_000 {
            let handoff = Handoff::new();
            let got = std::thread::scope(|scope| {
                let waiter = scope.spawn(|| handoff.wait().copied());
                handoff.giver(waiter.thread()).give(1u8);
                waiter.join().expect("the waiter does not panic")
            });
            assert_eq!(got, Some(1));
        }
    }

    #[test]
    fn a_waiter_past_its_spin_is_woken_by_the_value() {
        let handoff = Handoff::new();
        let got = std::thread::scope(|scope| {
            let waiter = scope.spawn(|| handoff.wait().copied());
            std::thread::sleep(SPIN_FOR * 3);
            handoff.giver(waiter.thread()).give("late");
            waiter.join().expect("the waiter does not panic")
        });
        assert_eq!(got, Some("late"));
    }

    #[test]
    fn a_waiter_stops_when_the_giver_goes_away_without_a_value() {
        let handoff: Handoff<u32> = Handoff::new();
        let got = std::thread::scope(|scope| {
            let waiter = scope.spawn(|| handoff.wait().copied());
            let giver = handoff.giver(waiter.thread());
            std::thread::sleep(SPIN_FOR * 2);
            drop(giver);
            waiter.join().expect("the waiter does not panic")
        });
        assert_eq!(got, None);
    }

    #[test]
    fn a_panic_while_making_the_value_does_not_leave_the_waiter_waiting() {
        let handoff: Handoff<u32> = Handoff::new();
        let make = |fail: bool| if fail { panic!("the parse failed") } else { 7 };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            std::thread::scope(|scope| {
                let waiter = scope.spawn(|| handoff.wait().copied());
                handoff.giver(waiter.thread()).give(make(true));
            })
        }));
        assert!(outcome.is_err(), "the panic reaches the caller");
        assert_eq!(handoff.into_inner(), None);
    }
}
