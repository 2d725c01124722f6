//! Passes over a big text whose items do not depend on each other, split
//! across two cores: the machines gloss targets have two, and a second
//! thread for a pass of a few milliseconds costs more than it saves.

use std::sync::OnceLock;

/// Whether a second core is there to use.
fn two_cores() -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from)) >= 2
}

/// `f(index, item)` for every item, in order: on two threads, each taking
/// half, when there are at least `from` items and two cores; else on this one.
pub fn map_in_halves<T: Sync, R: Send>(items: &[T], from: usize, f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let all = |range: std::ops::Range<usize>| range.map(|i| f(i, &items[i])).collect::<Vec<R>>();
    if items.len() < from.max(2) || !two_cores() {
        return all(0..items.len());
    }
    let middle = items.len() / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| all(middle..items.len()));
        let mut results = all(0..middle);
        // A thread that could not finish (it cannot panic on any input) is redone here.
        results.extend(second.join().unwrap_or_else(|_| all(middle..items.len())));
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
