//! A second core for one lookup, when one is free.
//!
//! At one client a lookup at 1M runs on one thread while the machine's other cores idle;
//! under concurrent lookups every core is already busy and handing work over would only
//! add threads and wake-ups (measured: 8 concurrent lookups lost ~8 % of their throughput
//! when one of them at a time took a helper). [`map_parts`] shares its work between the
//! calling thread and one helper thread only while the lookups in flight ([`Lookup`]) and
//! the helpers running together leave a core free; otherwise the work runs on the calling
//! thread as before. So a lookup has at most one helper, and helpers only run when cores
//! would idle (as far as this process knows: other processes' load is not seen).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Helper threads running now, over all lookups.
static RUNNING: AtomicUsize = AtomicUsize::new(0);
/// Lookups in flight, over the process.
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);

/// The machine's cores.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// One lookup in flight, while it lives.
pub struct Lookup;

impl Lookup {
    pub fn start() -> Lookup {
        IN_FLIGHT.fetch_add(1, Ordering::AcqRel);
        Lookup
    }
}

impl Drop for Lookup {
    fn drop(&mut self) {
        IN_FLIGHT.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A helper slot taken; given back when dropped (also when a part panics).
struct Slot;

impl Slot {
    /// A slot when the lookups in flight (at least the caller's) and the helpers running
    /// leave a core free.
    fn take() -> Option<Slot> {
        let cores = cores();
        RUNNING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |running| {
                let busy = IN_FLIGHT.load(Ordering::Acquire).max(1) + running;
                (busy < cores).then_some(running + 1)
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

/// Runs `f` over the parts of some work and returns its results in the order of the parts.
///
/// With a spare core (see the module documentation) the work is cut into `parts` parts,
/// which the calling thread and one helper thread take in turn, each with its own
/// `state` (the caller's is `state`, the helper's made by `helper_state`): a helper that
/// does not get its core at once, or loses it, leaves the caller waiting for one part at
/// most. Without one, `f` runs once on the calling thread over the whole work as a single
/// part. `f(state, part, parts)` computes part `part` of `parts`. A panic is passed on.
pub fn map_parts<S, R, F>(
    parts: usize,
    state: S,
    helper_state: impl FnOnce() -> S + Send,
    f: F,
) -> Vec<R>
where
    F: Fn(&mut S, usize, usize) -> R + Sync,
    R: Send,
{
    let mut state = state;
    let slot = (parts > 1).then(Slot::take).flatten();
    let Some(_slot) = slot else {
        return vec![f(&mut state, 0, 1)];
    };
    let next = AtomicUsize::new(0);
    let run = |state: &mut S| {
        let mut done = Vec::new();
        loop {
            let part = next.fetch_add(1, Ordering::Relaxed);
            if part >= parts {
                return done;
            }
            done.push((part, f(state, part, parts)));
        }
    };
    let (mut mine, theirs) = std::thread::scope(|scope| {
        let helper = scope.spawn(|| run(&mut helper_state()));
        let mine = run(&mut state);
        match helper.join() {
            Ok(theirs) => (mine, theirs),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    mine.extend(theirs);
    mine.sort_unstable_by_key(|(part, _)| *part);
    mine.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_runs_once_and_the_results_keep_the_order_of_the_parts() {
        let data: Vec<u64> = (1..=1000).collect();
        let sum_of_part = |_: &mut (), part: usize, parts: usize| {
            let (start, end) = (part * data.len() / parts, (part + 1) * data.len() / parts);
            (part, parts, data[start..end].iter().sum::<u64>())
        };
        for parts in [1, 2, 7, 64] {
            let sums = map_parts(parts, (), || (), sum_of_part);
            // Without a spare core (or when another lookup holds it) the work is one part.
            let n = sums.len();
            assert!(n == parts || n == 1, "{parts} parts: {sums:?}");
            for (k, (part, of, _)) in sums.iter().enumerate() {
                assert_eq!((*part, *of), (k, n));
            }
            assert_eq!(sums.iter().map(|(_, _, sum)| sum).sum::<u64>(), 500_500);
        }
        // A panic in a part is passed on.
        let result = std::panic::catch_unwind(|| {
            map_parts(4, (), || (), |_, part, _| assert!(part != 1 && part != 0))
        });
        assert!(result.is_err());
    }
}
