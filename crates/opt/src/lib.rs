//! The optimizer pass pipeline (in progress).
