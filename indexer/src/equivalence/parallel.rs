//! A second core for one lookup, when one is free.
//!
//! At one client a lookup at 1M runs on one thread while the machine's other cores idle;
//! under concurrent lookups every core is already busy and handing work over would only
//! add threads. [`join`] runs its two halves on the calling thread and on one helper
//! thread, but only while fewer helpers than the machine has spare cores are running,
//! across all lookups of the process; otherwise it runs both on the calling thread, one
//! after the other. So threads per lookup are bounded (at most one helper) and so are
//! helpers in all (cores − 1): under load the lookups run as they did before.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Helper threads running now, over all lookups.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// How many helper threads may run at once: the cores beyond the caller's own.
fn spare_cores() -> usize {
    static SPARE: OnceLock<usize> = OnceLock::new();
    *SPARE.get_or_init(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .saturating_sub(1)
    })
}

/// A helper slot taken; given back when dropped (also when a half panics).
struct Slot;

impl Slot {
    fn take() -> Option<Slot> {
        let limit = spare_cores();
        RUNNING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |running| {
                (running < limit).then_some(running + 1)
            })
            .ok()
            .map(|_| Slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs `a` and `b`, `b` on a helper thread when a spare core is free (see the module
/// documentation), and returns both results. A panic in either half is passed on.
pub(super) fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    let Some(_slot) = Slot::take() else {
        let ra = a();
        return (ra, b());
    };
    std::thread::scope(|scope| {
        let helper = scope.spawn(b);
        let ra = a();
        match helper.join() {
            Ok(rb) => (ra, rb),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_run_and_every_slot_is_given_back() {
        let data: Vec<u64> = (1..=1000).collect();
        let (low, high) = data.split_at(500);
        for _ in 0..4 {
            let (a, b) = join(|| low.iter().sum::<u64>(), || high.iter().sum::<u64>());
            assert_eq!((a, b), (125_250, 375_250));
        }
        // Nested and concurrent joins fall back to the calling thread once the slots are
        // taken, and give them back.
        let (a, (b, c)) = join(|| 1, || join(|| 2, || 3));
        assert_eq!((a, b, c), (1, 2, 3));
        let result = std::panic::catch_unwind(|| join(|| 1, || -> i32 { panic!("half") }));
        assert!(result.is_err());
    }
}
