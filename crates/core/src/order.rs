//! Stable sorting compiled once. `slice::sort_by` is a copy of the standard library's merge sort per
//! element type and comparator (≈ 3 KB of wasm each), and each area that sorts would carry its own; here
//! the sort runs on indices through a `dyn` comparator, and only a few lines are generic. The lists the
//! app sorts are short (search hits, drafts, events).

use std::cmp::Ordering;

/// Sorts `items` stably by `cmp`.
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    permute(&order, &mut |a, b| items.swap(a, b));
}

/// Sorts `items` stably by `key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

fn sorted_indices(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the item at `order[i]` to `i` for every `i`, by swaps: an item that an earlier swap moved is
/// found by following where its place's item went.
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..order.len() {
        let mut j = order[i];
        while j < i {
            j = order[j];
        }
        swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_the_standard_library_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_sorted = items;
            std_sorted.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(ours, std_sorted);
        }

        #[test]
        fn reversed_comparator(items in proptest::collection::vec(any::<i32>(), 0..60)) {
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.cmp(a));
            let mut std_sorted = items;
            std_sorted.sort_by(|a, b| b.cmp(a));
            prop_assert_eq!(ours, std_sorted);
        }
    }
}
