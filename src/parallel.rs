//! Passes over a big text whose items do not depend on each other, split
//! across two cores: the machines gloss targets have two, and a second
//! thread for a pass of a few milliseconds costs more than it saves.

use std::ops::Range;
use std::sync::OnceLock;

/// Whether a second core is there to use.
fn two_cores() -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from)) >= 2
}

/// `f(index, item)` for every item, in order: on two threads, each taking
/// half, when there are at least `from` items and two cores; else on this one.
pub fn map_in_halves<T: Sync, R: Send>(items: &[T], from: usize, f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    collect_in_halves(items.len(), from, |range| range.map(|i| f(i, &items[i])).collect())
}

/// What `f` makes of the indices `0..len`, in order: `f` is given the two
/// halves on two threads when `len` is at least `from` and there are two
/// cores, else the whole range on this one. For work whose results per item
/// vary in number (none, one or several).
pub fn collect_in_halves<R: Send>(len: usize, from: usize, f: impl Fn(Range<usize>) -> Vec<R> + Sync) -> Vec<R> {
    if len < from.max(2) || !two_cores() {
        return f(0..len);
    }
    let middle = len / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| f(middle..len));
        let mut results = f(0..middle);
        // A thread that could not finish (it cannot panic on any input) is redone here.
        results.extend(second.join().unwrap_or_else(|_| f(middle..len)));
        results
    })
}

#[cfg(test)]
mod tests {
    use super::map_in_halves;

    #[test]
    fn results_come_in_the_order_of_the_items_whichever_thread_made_them() {
        let cases: [(&[&str], usize); 4] =
            [(&[], 1), (&["日本"], 1), (&["a", "👍🏽", "ß", "語", "e"], 1), (&["a", "👍🏽", "ß", "語", "e"], 100)];
        for (items, from) in cases {
            let got = map_in_halves(items, from, |i, s| format!("{i}:{s}"));
            let want: Vec<String> = items.iter().enumerate().map(|(i, s)| format!("{i}:{s}")).collect();
            assert_eq!(got, want, "{items:?} from {from}");
        }
    }
}
