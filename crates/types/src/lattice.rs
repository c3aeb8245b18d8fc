//! The inference lattice: `Const(v)` below its type, concrete and abstract types, unions, `Any`
//! at the top and `Union{}` (`Bottom`) at the bottom. Compare Julia's Compiler/src/typelattice.jl;
//! the subset needs neither `Conditional` nor `PartialStruct` yet.

use crate::{ConstValue, Ty, TyKind, TypeStore};

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Lattice {
    Const(ConstValue),
    Type(Ty),
}

/// Unions with more members than this are widened to a common supertype, as Julia's `tmerge`
/// does (its `MAX_TYPEUNION_LENGTH` is 3).
const MAX_UNION_LENGTH: usize = 3;

impl Lattice {
    pub const BOTTOM: Lattice = Lattice::Type(Ty::BOTTOM);
    pub const ANY: Lattice = Lattice::Type(Ty::ANY);

    pub fn is_bottom(&self) -> bool {
        *self == Lattice::BOTTOM
    }

    /// The type this element stands for (`widenconst`).
    pub fn widen(&self, store: &mut TypeStore) -> Ty {
        match self {
            Lattice::Const(v) => v.type_of(store),
            Lattice::Type(t) => *t,
        }
    }

    pub fn as_const(&self) -> Option<&ConstValue> {
        match self {
            Lattice::Const(v) => Some(v),
            Lattice::Type(_) => None,
        }
    }

    /// `self ⊑ other`.
    pub fn less_equal(&self, other: &Lattice, store: &mut TypeStore) -> bool {
        match (self, other) {
            (Lattice::Const(a), Lattice::Const(b)) => a == b,
            (Lattice::Type(a), Lattice::Const(_)) => *a == Ty::BOTTOM,
            (_, Lattice::Type(b)) => {
                let a = self.widen(store);
                store.issubtype(a, *b)
            }
        }
    }

    /// The least upper bound, widened like Julia's `tmerge` so that loops converge.
    pub fn join(&self, other: &Lattice, store: &mut TypeStore) -> Lattice {
        if self.less_equal(other, store) {
            return other.clone();
        }
        if other.less_equal(self, store) {
            return self.clone();
        }
        let a = self.widen(store);
        let b = other.widen(store);
        let joined = store.union(&[a, b]);
        Lattice::Type(limit_union(store, joined))
    }
}

fn limit_union(store: &mut TypeStore, ty: Ty) -> Ty {
    let TyKind::Union(members) = store.kind(ty).clone() else {
        return ty;
    };
    if members.len() <= MAX_UNION_LENGTH {
        return ty;
    }
    let mut widened = members[0];
    for &m in &members[1..] {
        widened = store.common_supertype(widened, m);
    }
    widened
}

impl From<Ty> for Lattice {
    fn from(ty: Ty) -> Lattice {
        Lattice::Type(ty)
    }
}
