//! Indexes keyed by a type, for lookups that must find every entry whose key may intersect a
//! looked-up type without testing every key (Julia's src/typemap.c, for this subset's types), and
//! the two-level method index built from them: by the function's type, then by the first
//! argument's type (src/gf.c keeps one such typemap per method table).
//!
//! An index answers with a superset of the entries that can match, in a deterministic order; the
//! caller still tests each candidate with `intersect` or `issubtype`, so results are those of a
//! scan over everything. This file does not know worlds, overlays or specificity.

#[cfg(test)]
mod tests;

use rustc_hash::{FxHashMap, FxHashSet};
use types::{DataTypeId, MethodId, Ty, TyKind, TypeStore};

/// Values keyed by a type. A *leaf* key (a concrete type, or `Type{T}`) meets a different leaf
/// key only through the supertype chain of one of them (with single inheritance, two named
/// types share values only if one is a subtype of the other); every other key (abstract types,
/// unions, tuples, `Union{}`) is *wide* and is tested against each lookup, as typemap.c keeps
/// such signatures in its linear list.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(bound(serialize = "V: serde::Serialize", deserialize = "V: serde::Deserialize<'de>"))]
pub(crate) struct TypeMap<V> {
    entries: FxHashMap<Ty, V>,
    /// The keys that are not leaves, in insertion order.
    wide: Vec<Ty>,
    /// Every strict supertype of a leaf key (for `Type{T}`, `typeof(T)` and its supertypes): a
    /// leaf lookup that finds its type here may lie above some key, and falls back to all keys.
    above_leaves: FxHashSet<Ty>,
}

impl<V> Default for TypeMap<V> {
    fn default() -> Self {
        TypeMap { entries: FxHashMap::default(), wide: Vec::new(), above_leaves: FxHashSet::default() }
    }
}

impl<V: Default> TypeMap<V> {
    /// The value of `key`, created (and the key classified) on first use.
    pub(crate) fn entry(&mut self, store: &TypeStore, key: Ty) -> &mut V {
        if !self.entries.contains_key(&key) {
            if is_leaf(store, key) {
                self.above_leaves.extend(supertype_chain(store, key));
            } else {
                self.wide.push(key);
            }
        }
        self.entries.entry(key).or_default()
    }
}

impl<V> TypeMap<V> {
    pub(crate) fn get(&self, key: Ty) -> Option<&V> {
        self.entries.get(&key)
    }

    pub(crate) fn get_mut(&mut self, key: Ty) -> Option<&mut V> {
        self.entries.get_mut(&key)
    }

    /// Every value, in no particular order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.values()
    }

    /// Every value, in no particular order.
    pub(crate) fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.values_mut()
    }

    /// The keys that may intersect `ty` (or contain it, or be contained in it), each once; `None`
    /// when the index cannot tell and every key may (`ty` is abstract, a union, or lies above a
    /// leaf key). The answer depends only on the keys present, not on insertion order.
    pub(crate) fn keys_meeting(&self, store: &TypeStore, ty: Ty) -> Option<Vec<Ty>> {
        if !is_leaf(store, ty) || self.above_leaves.contains(&ty) {
            return None;
        }
        // The leaf keys that contain `ty` are `ty` itself and types on its supertype chain.
        let mut keys: Vec<Ty> = std::iter::once(ty)
            .chain(supertype_chain(store, ty))
            .filter(|k| self.entries.contains_key(k))
            .collect();
        keys.extend(self.wide.iter().copied().filter(|&k| may_meet(store, k, ty)));
        keys.sort_unstable();
        keys.dedup();
        Some(keys)
    }
}

/// Whether `ty` is a leaf key: a concrete named type, or `Type{T}` (the type of the one value
/// `T`; constructors dispatch on it).
fn is_leaf(store: &TypeStore, ty: Ty) -> bool {
    match store.kind(ty) {
        TyKind::Data { def, params } if *def == DataTypeId::TYPE => params.len() == 1,
        TyKind::Data { .. } => store.is_concrete(ty),
        _ => false,
    }
}

/// The types a leaf `ty` is a subtype of through names, nearest first, without `ty`: the
/// supertype chain (src/subtype.c walks the same chain), and for `Type{T}` the chain of
/// `typeof(T)` from `typeof(T)` itself (`Type{Int64} <: DataType`).
fn supertype_chain(store: &TypeStore, ty: Ty) -> Vec<Ty> {
    let mut chain = Vec::new();
    let mut current = match store.type_param(ty) {
        Some(t) => {
            let kind_ty = store.type_of_type(t);
            chain.push(kind_ty);
            kind_ty
        }
        None => ty,
    };
    while let Some(def) = store.def_of(current) {
        if def == DataTypeId::ANY {
            break;
        }
        current = store.datatype(def).supertype;
        chain.push(current);
    }
    chain
}

/// Whether a wide key may share values with a leaf `ty` (exact for two named types, which
/// intersect only when one contains the other; anything else is kept).
fn may_meet(store: &TypeStore, key: Ty, ty: Ty) -> bool {
    match store.kind(key) {
        TyKind::Data { .. } => store.issubtype(ty, key) || store.issubtype(key, ty),
        _ => true,
    }
}

/// One function's methods (one key of a `MethodIndex`), each list in insertion order.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
struct FunctionMethods {
    all: Vec<MethodId>,
    /// `f()`: signatures with no argument after the function.
    no_args: Vec<MethodId>,
    /// `f(xs...)`: signatures whose first argument is already the `Vararg`.
    vararg_first: Vec<MethodId>,
    /// The rest, by the type of their first argument.
    by_first_arg: TypeMap<Vec<MethodId>>,
}

impl FunctionMethods {
    fn insert(&mut self, store: &TypeStore, id: MethodId, elems: &[Ty], vararg: Option<Ty>) {
        self.all.push(id);
        match (elems.get(1), vararg) {
            (Some(&first), _) => self.by_first_arg.entry(store, first).push(id),
            (None, Some(_)) => self.vararg_first.push(id),
            (None, None) => self.no_args.push(id),
        }
    }

    /// Appends the methods that may match a lookup of `Tuple{_, elems[1..]..., vararg...}`.
    fn collect(&self, store: &TypeStore, elems: &[Ty], vararg: Option<Ty>, out: &mut Vec<MethodId>) {
        match (elems.get(1), vararg) {
            (Some(&first), _) => match self.by_first_arg.keys_meeting(store, first) {
                Some(keys) => {
                    for key in keys {
                        out.extend(self.by_first_arg.get(key).into_iter().flatten());
                    }
                    out.extend_from_slice(&self.vararg_first);
                }
                None => out.extend_from_slice(&self.all),
            },
            (None, Some(_)) => out.extend_from_slice(&self.all),
            (None, None) => {
                out.extend_from_slice(&self.no_args);
                out.extend_from_slice(&self.vararg_first);
            }
        }
    }
}

/// The methods of one table (live or not), by the function's type (the signature's first
/// element), then by the first argument's type.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
pub(crate) struct MethodIndex {
    by_function: TypeMap<FunctionMethods>,
    /// Signatures that are not a tuple with a function type first (none are made today):
    /// candidates of every lookup.
    unkeyed: Vec<MethodId>,
}

impl MethodIndex {
    pub(crate) fn insert(&mut self, store: &TypeStore, id: MethodId, sig: Ty) {
        match store.kind(sig) {
            TyKind::Tuple { elems, vararg } if !elems.is_empty() => {
                let (elems, vararg) = (elems.clone(), *vararg);
                self.by_function.entry(store, elems[0]).insert(store, id, &elems, vararg);
            }
            _ => self.unkeyed.push(id),
        }
    }

    /// The methods that may intersect `sig`, ascending (insertion order); `None` when every
    /// method of the table may.
    pub(crate) fn candidates(&self, store: &TypeStore, sig: Ty) -> Option<Vec<MethodId>> {
        let TyKind::Tuple { elems, vararg } = store.kind(sig) else { return None };
        let &func = elems.first()?;
        let mut out = self.unkeyed.clone();
        for key in self.by_function.keys_meeting(store, func)? {
            if let Some(methods) = self.by_function.get(key) {
                methods.collect(store, elems, *vararg, &mut out);
            }
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }
}
