//! Line diffs for the IR panes (Myers, through `similar`); `ir_text` shows the marks. It
//! compares whole lines only: no word-level highlighting.

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Per line of each side: whether it is not matched on the other side.
#[derive(Debug, PartialEq, Eq)]
pub struct LineDiff {
    pub removed: Vec<bool>,
    pub added: Vec<bool>,
    /// Per line of the new side: how many old lines were removed just before it (the last entry,
    /// one past the end, counts removals at the end).
    pub removed_before: Vec<usize>,
}

pub fn line_diff(old: &str, new: &str) -> LineDiff {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let mut diff = LineDiff {
        removed: vec![false; old_lines.len()],
        added: vec![false; new_lines.len()],
        removed_before: vec![0; new_lines.len() + 1],
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_lines, &new_lines) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_index, old_len, new_index } => {
                diff.removed[old_index..old_index + old_len].fill(true);
                diff.removed_before[new_index] += old_len;
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                diff.added[new_index..new_index + new_len].fill(true)
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                diff.removed[old_index..old_index + old_len].fill(true);
                diff.added[new_index..new_index + new_len].fill(true);
            }
        }
    }
    diff
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Removed,
    Added,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unchanged_text_has_no_marks() {
        let diff = line_diff("a\nb\n", "a\nb");
        assert_eq!(diff.removed, vec![false, false]);
        assert_eq!(diff.added, vec![false, false]);
    }

    #[test]
    fn replaced_inserted_and_deleted_lines() {
        let diff =
            line_diff("%1 = f(x)\n%2 = g(%1)\nreturn %2\n", "%1 = f(x)\n%2 = h(%1)\n%3 = k()\nreturn %2\n");
        assert_eq!(diff.removed, vec![false, true, false]);
        assert_eq!(diff.added, vec![false, true, true, false]);
        let diff = line_diff("a\nb\nc\n", "a\nc\n");
        assert_eq!(diff.removed, vec![false, true, false]);
        assert_eq!(diff.added, vec![false, false]);
        assert_eq!(diff.removed_before, vec![0, 1, 0]);
    }

    #[test]
    fn everything_differs_from_nothing() {
        let diff = line_diff("", "x\ny");
        assert_eq!(diff.added, vec![true, true]);
        let diff = line_diff("x\ny", "");
        assert_eq!(diff.removed, vec![true, true]);
        assert_eq!(diff.removed_before, vec![2]);
    }
}
