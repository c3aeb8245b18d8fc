//! Method tables, dispatch, MethodInstances, CodeInstances, worlds and invalidation (in progress).
