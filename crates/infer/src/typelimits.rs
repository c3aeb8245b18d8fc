//! Type-size limits for recursion with growing argument types: Julia's
//! Compiler/src/typelimits.jl `limit_type_size`, `type_more_complex`, `_limit_type_size` and
//! `is_derived_type`, over this subset's types (no type variables; a parametric name without
//! parameters, like `Vector`, stands for its `UnionAll`; a tuple's `Vararg` has no length).
//!
//! `limit_type_size(t, compare, source, depth, len)` returns `t` itself when it is no more
//! complex than `compare` (or is built from pieces already present in `source`), and otherwise a
//! wider type that is: nested tuples deeper than the comparison's become `Any`, a tuple longer
//! than allowed ends in a `Vararg`. calls.rs applies it to a call's signature when the same
//! method is already on the inference stack (`abstract_call_method`), so that `f(x) = f((x,))`
//! infers `f(::Tuple{Int64})` and then `f(::Tuple{Any})`, which calls itself: a finite cycle.
//!
//! Deliberately not here: deciding *when* to limit (calls.rs walks the stack).

use rustc_hash::FxHashSet;
use types::{DataTypeId, Ty, TyKind, TypeStore};

/// Julia's `InferenceParams().tuple_complexity_limit_depth`.
pub(crate) const TUPLE_COMPLEXITY_LIMIT_DEPTH: usize = 3;

/// One parameter of a type: a tuple's last may be a `Vararg` of its type.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Param {
    ty: Ty,
    vararg: bool,
}

/// `t` limited to be no more complex than `compare`; `source` holds the types already present
/// (values found in them are never new).
pub(crate) fn limit_type_size(
    store: &mut TypeStore,
    t: Ty,
    compare: Ty,
    source: Ty,
    allowed_tupledepth: usize,
    allowed_tuplelen: usize,
) -> Ty {
    let sources: Vec<Ty> = if compare == source { vec![compare] } else { vec![compare, source] };
    if !type_more_complex(store, t, compare, &sources, 1, allowed_tupledepth) {
        return t;
    }
    let mut r = limit(store, t, compare, &sources, 1, allowed_tuplelen);
    if !store.issubtype(t, r) {
        // Julia: "ideally, this should never happen"; widen to the minimum complexity.
        r = limit(store, t, Ty::ANY, &sources, 1, allowed_tuplelen);
        if !store.issubtype(t, r) {
            r = Ty::ANY;
        }
    }
    r
}

/// The parameters of a named type or a tuple (a trailing `Vararg` flagged); none for others.
fn params(store: &TypeStore, t: Ty) -> Vec<Param> {
    match store.kind(t) {
        TyKind::Data { params, .. } => params.iter().map(|&ty| Param { ty, vararg: false }).collect(),
        TyKind::Tuple { elems, vararg } => {
            let mut out: Vec<Param> = elems.iter().map(|&ty| Param { ty, vararg: false }).collect();
            out.extend(vararg.map(|ty| Param { ty, vararg: true }));
            out
        }
        TyKind::Bottom | TyKind::Union(_) | TyKind::Param { .. } => vec![],
    }
}

/// Julia's `isa(t, DataType)`: a named type or a tuple type.
fn is_datatype(store: &TypeStore, t: Ty) -> bool {
    matches!(store.kind(t), TyKind::Data { .. } | TyKind::Tuple { .. })
}

fn is_tuple(store: &TypeStore, t: Ty) -> bool {
    matches!(store.kind(t), TyKind::Tuple { .. })
}

/// Whether `t` and `c` share a type name (`t.name === c.name`).
fn same_name(store: &TypeStore, t: Ty, c: Ty) -> bool {
    match (store.kind(t), store.kind(c)) {
        (TyKind::Tuple { .. }, TyKind::Tuple { .. }) => true,
        (TyKind::Data { def: a, .. }, TyKind::Data { def: b, .. }) => a == b,
        _ => false,
    }
}

/// `Type{T}`'s `T`.
fn type_param(store: &TypeStore, t: Ty) -> Option<Ty> {
    match store.kind(t) {
        TyKind::Data { def, params } if *def == DataTypeId::TYPE => params.first().copied(),
        _ => None,
    }
}

/// `t.name.wrapper`: the type with its parameters dropped.
fn wrapper(store: &mut TypeStore, t: Ty) -> Ty {
    match store.kind(t) {
        TyKind::Data { def, .. } => {
            let def = *def;
            store.apply(def, vec![])
        }
        TyKind::Tuple { .. } => store.tuple_vararg(vec![], Ty::ANY),
        _ => Ty::ANY,
    }
}

/// Whether `t` occurs in `c` at nesting depth at least `mindepth` (`is_derived_type`).
fn is_derived_type(store: &TypeStore, t: Ty, c: Ty, mindepth: usize) -> bool {
    // Interned types share their parts (`Tuple{T, T}` holds `T` once), so each (part, depth)
    // is visited once: the walk is linear in the size of the type's graph, not of its tree.
    derived_in(store, t, c, mindepth, &mut FxHashSet::default())
}

fn derived_in(
    store: &TypeStore,
    t: Ty,
    c: Ty,
    mut mindepth: usize,
    seen: &mut FxHashSet<(Ty, usize)>,
) -> bool {
    if t == c {
        return mindepth <= 1;
    }
    if !seen.insert((c, mindepth)) {
        return false;
    }
    match store.kind(c) {
        TyKind::Union(members) => members.iter().any(|&m| derived_in(store, t, m, mindepth, seen)),
        TyKind::Bottom | TyKind::Param { .. } => false,
        TyKind::Data { .. } | TyKind::Tuple { .. } => {
            mindepth = mindepth.saturating_sub(1);
            if is_datatype(store, t) {
                // One of the supertypes of `c`.
                let mut sup = supertype(store, c);
                while sup != Ty::ANY {
                    if sup == t {
                        return true;
                    }
                    sup = supertype(store, sup);
                }
            }
            params(store, c).iter().any(|p| derived_in(store, t, p.ty, mindepth, seen))
        }
    }
}

fn supertype(store: &TypeStore, t: Ty) -> Ty {
    match store.kind(t) {
        TyKind::Data { def, .. } if *def != DataTypeId::ANY => store.supertype_of(t).unwrap_or(Ty::ANY),
        _ => Ty::ANY,
    }
}

fn is_derived_type_from_any(store: &TypeStore, t: Ty, sources: &[Ty], mindepth: usize) -> bool {
    sources.iter().any(|&s| is_derived_type(store, t, s, mindepth))
}

/// A type of greater size and less complexity than both `t` and `c` (`_limit_type_size`).
fn limit(store: &mut TypeStore, t: Ty, c: Ty, sources: &[Ty], depth: usize, allowed_tuplelen: usize) -> Ty {
    if t == c || t == Ty::BOTTOM || params(store, t).is_empty() && is_datatype(store, t) {
        return t;
    }
    if is_derived_type_from_any(store, t, sources, depth) {
        return t;
    }
    if let TyKind::Union(tm) = store.kind(t) {
        let tm = tm.clone();
        if let TyKind::Union(cm) = store.kind(c) {
            // Julia's unions are binary (`Union{A, Union{B, C}}`): pair the first members and
            // the rests.
            let cm = cm.clone();
            let (t_rest, c_rest) = (store.union(&tm[1..]), store.union(&cm[1..]));
            let a = limit(store, tm[0], cm[0], sources, depth, allowed_tuplelen);
            let b = limit(store, t_rest, c_rest, sources, depth, allowed_tuplelen);
            return store.union(&[a, b]);
        }
        return Ty::ANY;
    }
    if let Some(tt) = type_param(store, t) {
        // `Type{T}` is widened more slowly than other types; the subset cannot write
        // `Type{<:T}`, so where Julia would, this gives the wider `Type`.
        if !is_datatype(store, tt) || type_param(store, tt).is_some() {
            return wrapper(store, t);
        }
        let ct = type_param(store, c).unwrap_or(Ty::BOTTOM);
        let qt = limit(store, tt, ct, sources, depth + 1, 0);
        if qt == tt {
            return t;
        }
        return wrapper(store, t);
    }
    if same_name(store, t, c) && is_tuple(store, t) && !params(store, c).is_empty() {
        // Covariant tuples: limit element-wise, folding the elements past the allowed length
        // into a trailing `Vararg`.
        let (tp, cp) = (params(store, t), params(store, c));
        let np = tp.len().min(cp.len().max(allowed_tuplelen));
        let mut q: Vec<Param> = tp[..np].to_vec();
        if tp.len() > np {
            let tail: Vec<Ty> = tp[np - 1..].iter().map(|p| p.ty).collect();
            q[np - 1] = Param { ty: store.union(&tail), vararg: true };
        }
        for (i, qi) in q.iter_mut().enumerate() {
            let ci = match cp.get(i) {
                Some(&p) => p,
                None if cp.last().is_some_and(|p| p.vararg) => cp[cp.len() - 1],
                None => Param { ty: Ty::ANY, vararg: false },
            };
            *qi = limit_elem(store, *qi, ci, sources, depth + 1);
        }
        let vararg = q.last().filter(|p| p.vararg).map(|p| p.ty);
        let elems: Vec<Ty> = q.iter().filter(|p| !p.vararg).map(|p| p.ty).collect();
        return match vararg {
            Some(v) => store.tuple_vararg(elems, v),
            None => store.tuple(elems),
        };
    }
    if allowed_tuplelen < 1 && is_tuple(store, t) {
        // Forbid nesting `Tuple{Tuple{Tuple...}}` through this.
        return Ty::ANY;
    }
    if is_datatype(store, t) {
        return wrapper(store, t);
    }
    Ty::ANY
}

/// `__limit_type_size` for a tuple element that may be a `Vararg`.
fn limit_elem(store: &mut TypeStore, t: Param, c: Param, sources: &[Ty], depth: usize) -> Param {
    if t.vararg {
        return Param { ty: limit(store, t.ty, c.ty, sources, depth + 1, 0), vararg: true };
    }
    Param { ty: limit(store, t.ty, c.ty, sources, depth, 0), vararg: false }
}

/// Whether `t` is more complex than `c` (`type_more_complex`): deeper nesting, longer tuples,
/// or a different name, where no piece of `t` is already found in `sources`. (Julia's version
/// also takes `allowed_tuplelen`, which it only passes down.)
fn type_more_complex(
    store: &mut TypeStore,
    t: Ty,
    c: Ty,
    sources: &[Ty],
    depth: usize,
    mut tupledepth: usize,
) -> bool {
    if t == c || t == Ty::BOTTOM || (is_datatype(store, t) && params(store, t).is_empty()) {
        return false;
    }
    if is_derived_type_from_any(store, t, sources, depth) {
        return false;
    }
    if let TyKind::Union(cm) = store.kind(c) {
        let cm = cm.clone();
        if let TyKind::Union(tm) = store.kind(t) {
            let tm = tm.clone();
            let (t_rest, c_rest) = (store.union(&tm[1..]), store.union(&cm[1..]));
            return type_more_complex(store, tm[0], cm[0], sources, depth, tupledepth)
                || type_more_complex(store, t_rest, c_rest, sources, depth, tupledepth);
        }
        return cm.iter().all(|&m| type_more_complex(store, t, m, sources, depth, tupledepth));
    }
    if !is_datatype(store, t) {
        return true;
    }
    if let Some(tt) = type_param(store, t) {
        let ct = match type_param(store, c) {
            Some(ct) => ct,
            None if tupledepth == 0 => return true,
            None => Ty::BOTTOM,
        };
        let tupledepth = if tupledepth > 1 { 1 } else { 0 };
        return type_more_complex(store, tt, ct, sources, depth + 1, tupledepth);
    }
    if !same_name(store, t, c) {
        return true;
    }
    let (tp, cp) = (params(store, t), params(store, c));
    if cp.len() < tp.len() {
        return true;
    }
    if tp.is_empty() {
        return false;
    }
    if cp.len() > tp.len() && !tp.last().is_some_and(|p| p.vararg) && depth == 1 {
        return false;
    }
    // Parameters are assumed dropped from the head of the comparison.
    let ntail = cp.len() - tp.len();
    // Variation within a nested tuple is allowed, but only so deep.
    tupledepth = if is_tuple(store, t) { tupledepth.saturating_sub(1) } else { 0 };
    tp.iter()
        .zip(&cp[ntail..])
        .any(|(tpi, cpi)| type_more_complex(store, tpi.ty, cpi.ty, sources, depth + 1, tupledepth))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(store: &mut TypeStore, t: Ty, compare: Ty, len: usize) -> String {
        let r = limit_type_size(store, t, compare, compare, TUPLE_COMPLEXITY_LIMIT_DEPTH, len);
        store.display(r)
    }

    #[test]
    fn nested_tuples_deeper_than_the_comparison_become_any() {
        let mut s = TypeStore::new();
        let f = s.define_function("f", false);
        let t1 = s.tuple(vec![Ty::INT64]);
        let t2 = s.tuple(vec![t1]);
        let sig = s.tuple(vec![f, t2]);
        let compare = s.tuple(vec![f, t1]);
        assert_eq!(check(&mut s, sig, compare, 3), "Tuple{typeof(f), Tuple{Any}}");
        // The limited signature is a fixed point: the next level gives it back.
        let tany = s.tuple(vec![Ty::ANY]);
        let tt = s.tuple(vec![tany]);
        let next = s.tuple(vec![f, tt]);
        let limited = s.tuple(vec![f, tany]);
        assert_eq!(check(&mut s, next, limited, 3), "Tuple{typeof(f), Tuple{Any}}");
    }

    #[test]
    fn pairs_of_pairs_become_pairs_of_any() {
        let mut s = TypeStore::new();
        let h = s.define_function("h", false);
        let t2 = s.tuple(vec![Ty::INT64, Ty::INT64]);
        let t4 = s.tuple(vec![t2, t2]);
        let sig = s.tuple(vec![h, t4, Ty::INT64]);
        let compare = s.tuple(vec![h, t2, Ty::INT64]);
        assert_eq!(check(&mut s, sig, compare, 4), "Tuple{typeof(h), Tuple{Any, Any}, Int64}");
    }

    #[test]
    fn types_no_more_complex_than_the_comparison_are_kept() {
        let mut s = TypeStore::new();
        let g = s.define_function("g", false);
        let t2 = s.tuple(vec![Ty::INT64, Ty::INT64]);
        let t4 = s.tuple(vec![t2, t2]);
        // Shrinking: an element of the comparison is not new.
        let sig = s.tuple(vec![g, t2]);
        let compare = s.tuple(vec![g, t4]);
        assert_eq!(check(&mut s, sig, compare, 3), "Tuple{typeof(g), Tuple{Int64, Int64}}");
        // Same shape, other leaf types.
        let sig = s.tuple(vec![g, Ty::FLOAT64]);
        let compare = s.tuple(vec![g, Ty::INT64]);
        assert_eq!(check(&mut s, sig, compare, 3), "Tuple{typeof(g), Float64}");
    }

    #[test]
    fn long_tuples_end_in_a_vararg() {
        let mut s = TypeStore::new();
        let g = s.define_function("g", false);
        let sig = s.tuple(vec![g, Ty::INT64, Ty::INT64, Ty::INT64, Ty::INT64]);
        let compare = s.tuple(vec![g, Ty::INT64]);
        assert_eq!(check(&mut s, sig, compare, 3), "Tuple{typeof(g), Int64, Vararg{Int64}}");
    }
}
