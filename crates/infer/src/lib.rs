//! Abstract interpretation (in progress).
