//! Subtyping, intersection, union construction and method specificity for the subset's types.
//!
//! The subset has single inheritance, no type variables and no `where` clauses (a parametric
//! name without parameters, like `Vector`, stands for all its instances), so the algorithms are
//! the simple structural ones; see Julia's src/subtype.c for the general case.

use crate::{DataTypeId, Ty, TyKind, TypeStore};

impl TypeStore {
    /// `a <: b`.
    pub fn issubtype(&self, a: Ty, b: Ty) -> bool {
        if a == b || a == Ty::BOTTOM || b == Ty::ANY {
            return true;
        }
        match (self.kind(a), self.kind(b)) {
            (TyKind::Union(members), _) => members.iter().all(|&m| self.issubtype(m, b)),
            (_, TyKind::Union(members)) => members.iter().any(|&m| self.issubtype(a, m)),
            (_, TyKind::Bottom) => false,
            (TyKind::Tuple { elems: ea, vararg: va }, TyKind::Tuple { elems: eb, vararg: vb }) => {
                self.tuple_subtype(ea, *va, eb, *vb)
            }
            (TyKind::Tuple { .. }, _) | (_, TyKind::Tuple { .. }) => false,
            // A parameter is only itself (`substitute` first).
            (TyKind::Param { .. }, _) | (_, TyKind::Param { .. }) => false,
            (TyKind::Data { def: da, params: pa }, TyKind::Data { def: db, params: pb }) => {
                // `Type{T} <: S` when `typeof(T) <: S` (`Type{Int64} <: DataType`).
                if *da == DataTypeId::TYPE && *db != DataTypeId::TYPE {
                    if let Some(&t) = pa.first() {
                        return self.issubtype(self.type_of_type(t), b);
                    }
                }
                // Up the supertypes (an instance's with its parameters substituted).
                let mut cur = a;
                loop {
                    let TyKind::Data { def, params } = self.kind(cur) else { return false };
                    if *def == *db {
                        return pb.is_empty() || *params == *pb;
                    }
                    if *def == DataTypeId::ANY {
                        return false;
                    }
                    match self.supertype_of(cur) {
                        Some(sup) => cur = sup,
                        None => return false,
                    }
                }
            }
            (TyKind::Bottom, _) => true,
        }
    }

    fn tuple_subtype(&self, ea: &[Ty], va: Option<Ty>, eb: &[Ty], vb: Option<Ty>) -> bool {
        match (va, vb) {
            (None, None) => ea.len() == eb.len() && ea.iter().zip(eb).all(|(&x, &y)| self.issubtype(x, y)),
            (None, Some(v)) => {
                ea.len() >= eb.len()
                    && ea.iter().enumerate().all(|(i, &x)| self.issubtype(x, eb.get(i).copied().unwrap_or(v)))
            }
            (Some(_), None) => false,
            (Some(u), Some(v)) => {
                ea.len() >= eb.len()
                    && ea.iter().enumerate().all(|(i, &x)| self.issubtype(x, eb.get(i).copied().unwrap_or(v)))
                    && self.issubtype(u, v)
            }
        }
    }

    /// Matches `a` (the types of a call's arguments, or part of them) against `template`, a
    /// method signature that mentions its type parameters (`f(x::T, v::Vector{T}) where T`),
    /// binding each parameter in `env` as src/subtype.c does for a `where`: a parameter in an
    /// argument's place (covariant) binds to the argument's type, and every other place it
    /// appears must then see that same type (Julia's diagonal rule for concrete arguments);
    /// inside a type's parameters (invariant) it binds to that parameter exactly. The
    /// bounds are checked by the caller.
    pub fn match_params(&self, a: Ty, template: Ty, env: &mut [Option<Ty>]) -> bool {
        if !self.has_params(template) {
            return self.issubtype(a, template);
        }
        match (self.kind(a), self.kind(template)) {
            (_, TyKind::Param { index, .. }) => match env.get_mut(*index as usize) {
                Some(slot @ None) => {
                    *slot = Some(a);
                    true
                }
                Some(Some(bound)) => self.type_equal(*bound, a),
                None => false,
            },
            (TyKind::Tuple { elems: ea, vararg: None }, TyKind::Tuple { elems: et, vararg: vt }) => {
                let fits = match vt {
                    None => ea.len() == et.len(),
                    Some(_) => ea.len() >= et.len(),
                };
                fits && ea.iter().enumerate().all(|(i, &x)| match et.get(i).copied().or(*vt) {
                    Some(t) => self.match_params(x, t, env),
                    None => false,
                })
            }
            (TyKind::Data { .. }, TyKind::Data { def: dt, params: pt }) => {
                // `Type{T}` against a type value: its parameter.
                let mut cur = a;
                loop {
                    let TyKind::Data { def, params } = self.kind(cur) else { return false };
                    if def == dt {
                        return params.len() == pt.len()
                            && params.iter().zip(pt).all(|(&x, &t)| self.match_invariant(x, t, env));
                    }
                    if *def == DataTypeId::ANY {
                        return false;
                    }
                    match self.supertype_of(cur) {
                        Some(s) => cur = s,
                        None => return false,
                    }
                }
            }
            (TyKind::Union(members), _) => members.iter().all(|&m| self.match_params(m, template, env)),
            // A union with parameters in some members (`Union{Node{T}, Nothing}`): the first
            // member that matches.
            (_, TyKind::Union(members)) => members.iter().any(|&m| {
                let mut trial = env.to_vec();
                let ok = self.match_params(a, m, &mut trial);
                if ok {
                    env.copy_from_slice(&trial);
                }
                ok
            }),
            _ => false,
        }
    }

    /// A type parameter's place inside another type: the types must be equal.
    fn match_invariant(&self, a: Ty, template: Ty, env: &mut [Option<Ty>]) -> bool {
        match self.kind(template) {
            TyKind::Param { index, .. } => match env.get_mut(*index as usize) {
                Some(slot @ None) => {
                    *slot = Some(a);
                    true
                }
                Some(Some(bound)) => self.type_equal(*bound, a),
                None => false,
            },
            _ if !self.has_params(template) => self.type_equal(a, template),
            _ => self.match_params(a, template, env) && self.match_params_back(a, template, env),
        }
    }

    /// After `match_params` bound `template`'s parameters from `a`: whether `a` is exactly
    /// what the template becomes (invariance also wants `template <: a`).
    fn match_params_back(&self, a: Ty, template: Ty, env: &[Option<Ty>]) -> bool {
        match (self.kind(a), self.kind(template)) {
            (TyKind::Data { def: da, params: pa }, TyKind::Data { def: dt, params: pt }) => {
                da == dt && pa.len() == pt.len()
            }
            (TyKind::Tuple { elems: ea, .. }, TyKind::Tuple { elems: et, .. }) => ea.len() == et.len(),
            _ => env.iter().all(Option::is_some),
        }
    }

    pub fn type_equal(&self, a: Ty, b: Ty) -> bool {
        a == b || (self.issubtype(a, b) && self.issubtype(b, a))
    }

    /// The type of values `isa` both `a` and `b` (Julia's `typeintersect`), exact for the subset:
    /// with single inheritance two unrelated named types share no values.
    pub fn intersect(&mut self, a: Ty, b: Ty) -> Ty {
        if self.issubtype(a, b) {
            return a;
        }
        if self.issubtype(b, a) {
            return b;
        }
        match (self.kind(a).clone(), self.kind(b).clone()) {
            (TyKind::Union(members), _) => {
                let parts: Vec<Ty> = members.iter().map(|&m| self.intersect(m, b)).collect();
                self.union(&parts)
            }
            (_, TyKind::Union(members)) => {
                let parts: Vec<Ty> = members.iter().map(|&m| self.intersect(a, m)).collect();
                self.union(&parts)
            }
            (TyKind::Tuple { elems: ea, vararg: va }, TyKind::Tuple { elems: eb, vararg: vb }) => {
                let len = ea.len().max(eb.len());
                let mut elems = Vec::with_capacity(len);
                for i in 0..len {
                    let x = ea.get(i).copied().or(va);
                    let y = eb.get(i).copied().or(vb);
                    match (x, y) {
                        (Some(x), Some(y)) => {
                            let t = self.intersect(x, y);
                            if t == Ty::BOTTOM {
                                return Ty::BOTTOM;
                            }
                            elems.push(t);
                        }
                        _ => return Ty::BOTTOM,
                    }
                }
                match (va, vb) {
                    (Some(x), Some(y)) => {
                        let v = self.intersect(x, y);
                        self.tuple_vararg(elems, v)
                    }
                    _ => self.tuple(elems),
                }
            }
            _ => Ty::BOTTOM,
        }
    }

    /// `Union{types...}`: flattened, with members that are subtypes of others removed, in
    /// canonical order.
    /// Julia's `typejoin` (base/promotion.jl): the nearest common supertype, following the
    /// supertype chains; two instances of one parametric type join to the type itself
    /// (`Vector`), a union joins its members, and anything else (tuples) joins to `Any`.
    pub fn typejoin(&mut self, a: Ty, b: Ty) -> Ty {
        if self.issubtype(a, b) {
            return b;
        }
        if self.issubtype(b, a) {
            return a;
        }
        if let TyKind::Union(members) = self.kind(a).clone() {
            return members.into_iter().fold(b, |acc, m| self.typejoin(acc, m));
        }
        if let TyKind::Union(members) = self.kind(b).clone() {
            return members.into_iter().fold(a, |acc, m| self.typejoin(acc, m));
        }
        let (Some(da), Some(db)) = (self.def_of(a), self.def_of(b)) else { return Ty::ANY };
        if da == db {
            return self.apply(da, vec![]);
        }
        let mut t = a;
        loop {
            if self.def_of(t).is_none() {
                return Ty::ANY;
            }
            let sup = self.supertype_or_all(t);
            if sup == t {
                return Ty::ANY;
            }
            if self.issubtype(b, sup) {
                return sup;
            }
            t = sup;
        }
    }

    pub fn union(&mut self, types: &[Ty]) -> Ty {
        let mut flat: Vec<Ty> = Vec::new();
        for &t in types {
            match self.kind(t) {
                TyKind::Union(members) => flat.extend(members.iter().copied()),
                TyKind::Bottom => {}
                _ => flat.push(t),
            }
        }
        flat.sort();
        flat.dedup();
        let mut kept: Vec<Ty> = Vec::new();
        for (i, &t) in flat.iter().enumerate() {
            let covered = flat
                .iter()
                .enumerate()
                .any(|(j, &u)| i != j && self.issubtype(t, u) && (!self.issubtype(u, t) || j < i));
            if !covered {
                kept.push(t);
            }
        }
        match kept.len() {
            0 => Ty::BOTTOM,
            1 => kept[0],
            _ => {
                kept.sort_by(|&x, &y| self.union_order(x, y));
                self.intern(TyKind::Union(kept))
            }
        }
    }

    /// Julia prints union members in a canonical order (src/jltypes.c `union_sort_cmp`): types
    /// without fields to store (singletons like `Nothing`) first, then by name.
    fn union_order(&self, x: Ty, y: Ty) -> std::cmp::Ordering {
        let key = |t: Ty| (!self.is_singleton(t), self.display(t));
        key(x).cmp(&key(y))
    }

    /// Whether signature `a` is more specific than `b` (Julia's `jl_type_morespecific`,
    /// src/subtype.c `type_morespecific_`, for a subset without type variables): a strict
    /// subtype is more specific; of two types neither of which contains the other, a union is
    /// more specific than a non-union `b` when one of its members is and no member is less
    /// specific, and a tuple is when each element is at least as specific, one more so (so
    /// `f(x::Union{Float64, String})` beats `f(x::Number)` for a Float64). Two such unions are
    /// never ordered.
    pub fn morespecific(&self, a: Ty, b: Ty) -> bool {
        let (ab, ba) = (self.issubtype(a, b), self.issubtype(b, a));
        if ab || ba {
            return ab && !ba;
        }
        // Each recursion goes into a member or an element, so it ends.
        match (self.kind(a), self.kind(b)) {
            (TyKind::Union(_), TyKind::Union(_)) => false,
            (TyKind::Union(members), _) => {
                members.iter().any(|&m| self.morespecific(m, b))
                    && !members.iter().any(|&m| self.morespecific(b, m))
            }
            (_, TyKind::Union(members)) => {
                members.iter().any(|&m| self.morespecific(a, m))
                    && !members.iter().any(|&m| self.morespecific(m, a))
            }
            (TyKind::Tuple { elems: xs, vararg: None }, TyKind::Tuple { elems: ys, vararg: None })
                if xs.len() == ys.len() =>
            {
                let mut some_more = false;
                for (&x, &y) in xs.iter().zip(ys) {
                    if x == y {
                        continue;
                    }
                    if !self.morespecific(x, y) {
                        return false;
                    }
                    some_more = true;
                }
                some_more
            }
            // With a vararg (src/subtype.c `tuple_morespecific`): element by element, the
            // vararg standing for the positions past the fixed ones, so `Tuple{Vararg{Pair}}`
            // beats `Tuple{Any}` for one `Pair` argument.
            (TyKind::Tuple { elems: xs, vararg: xv }, TyKind::Tuple { elems: ys, vararg: yv }) => {
                let n = xs.len().max(ys.len()) + usize::from(xv.is_some() && yv.is_some());
                let mut some_more = false;
                for i in 0..n {
                    let (Some(x), Some(y)) = (xs.get(i).copied().or(*xv), ys.get(i).copied().or(*yv)) else {
                        return false;
                    };
                    if x == y {
                        continue;
                    }
                    if !self.morespecific(x, y) {
                        return false;
                    }
                    some_more = true;
                }
                some_more
            }
            _ => false,
        }
    }

    /// The nearest common supertype of two types that are not unions (used to widen unions that
    /// grow too complex during inference).
    pub fn common_supertype(&self, a: Ty, b: Ty) -> Ty {
        let mut candidate = a;
        loop {
            if self.issubtype(b, candidate) {
                return candidate;
            }
            match self.kind(candidate) {
                TyKind::Data { def, .. } if *def != DataTypeId::ANY => {
                    candidate = self.supertype_or_all(candidate)
                }
                TyKind::Tuple { .. } if candidate != Ty::TUPLE && self.issubtype(b, Ty::TUPLE) => {
                    return Ty::TUPLE
                }
                _ => return Ty::ANY,
            }
        }
    }
}
