//! Method lookup: `find_matches` for inference (possibly abstract argument types) and
//! `dispatch` for run-time calls, with Julia's specificity and ambiguity rules
//! (src/gf.c `ml_matches`, `jl_gf_invoke_lookup`; Compiler/src/methodtable.jl for overlays).
//!
//! Specificity is `TypeStore::morespecific` (strict subtyping, with Julia's rules for unions and
//! tuples whose types do not contain each other). This file does not record edges; inference does.

use types::{MethodId, MethodTableId, Ty};

use crate::{World, MAX_WORLD};

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct MethodMatch {
    pub method: MethodId,
    /// The intersection of the looked-up signature with the method's signature.
    pub spec_types: Ty,
    /// Every call with the looked-up signature is applicable to this method.
    pub fully_covers: bool,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Debug)]
pub struct MatchResult {
    /// Applicable methods, most specific first, without those fully shadowed by a more specific one.
    pub matches: Vec<MethodMatch>,
    /// Some arguments of the signature would hit an ambiguity.
    pub ambiguous: bool,
    /// The worlds in which this lookup gives the same answer (inclusive).
    pub valid_worlds: (u64, u64),
}

/// A `find_matches` answer kept for its signature (`World::match_cache`): valid in the worlds
/// of its `valid_worlds` as long as no method that may meet the signature was added since the
/// world counter was `checked_at`.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub(crate) struct CachedMatch {
    pub result: MatchResult,
    /// The signature's function type.
    pub head: Option<Ty>,
    pub checked_at: u64,
}

/// The function type of every method added (or replacing one), with its world, in order.
#[derive(serde::Serialize, serde::Deserialize, Clone, Default, Debug)]
pub(crate) struct MethodHeads {
    pub added: Vec<(Ty, u64)>,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Debug)]
pub enum DispatchError {
    NoMethod,
    /// The most specific applicable methods, none more specific than the others.
    Ambiguous(Vec<MethodId>),
}

impl World {
    /// Whether signature `a` is strictly more specific than `b` (`jl_type_morespecific`).
    pub fn more_specific(&self, a: Ty, b: Ty) -> bool {
        self.types.morespecific(a, b)
    }

    /// Whether method `a` is strictly more specific than method `b`: by their signatures,
    /// and between equal ones, a method whose `where` constrains its arguments (`f(x::T,
    /// y::T) where T`) beats one that does not, and of two of the same shape, the one with the
    /// narrower bounds (`f(::Type{T}) where T<:Integer` beats `f(::Type{T}) where T`).
    pub fn method_more_specific(&self, a: MethodId, b: MethodId) -> bool {
        let (ma, mb) = (self.method(a), self.method(b));
        if self.more_specific(ma.sig, mb.sig) {
            return true;
        }
        if !self.types.type_equal(ma.sig, mb.sig) {
            return false;
        }
        match (&ma.where_sig, &mb.where_sig) {
            (Some(_), None) => true,
            (Some((ta, ba)), Some((tb, bb))) => self.types.where_narrower((*ta, ba), (*tb, bb)),
            _ => false,
        }
    }

    /// The static parameters a call with argument types `sig` binds in method `m` (`where`),
    /// within their bounds; `None` when it does not match. Empty for a method without.
    pub fn where_match(&self, m: MethodId, sig: Ty) -> Option<Vec<Ty>> {
        let Some((template, bounds)) = &self.method(m).where_sig else { return Some(vec![]) };
        let mut env = vec![None; bounds.len()];
        if !self.types.match_params(sig, *template, &mut env) {
            return None;
        }
        let bound: Vec<Ty> = env.iter().zip(bounds).map(|(t, &b)| t.unwrap_or(b)).collect();
        bound.iter().zip(bounds).all(|(&t, &b)| self.types.issubtype(t, b)).then_some(bound)
    }

    /// The static parameters of a MethodInstance (`mi.sparam_vals`): what its specialization
    /// binds each one to, or `None` where that is not one type (Julia's `TypeVar` in
    /// `sparam_vals`): `T` of `f(x::T) where T` for an `x::Real` is any subtype of `Real`. A
    /// parameter is known when it is bound to a concrete type, or appears inside another
    /// type's parameters (`Vector{T}`, `Type{T}`), where only one type matches.
    pub fn static_params(&self, mi: types::MethodInstanceId) -> Vec<Option<Ty>> {
        let m = self.method_instance(mi);
        let Some((template, bounds)) = &self.method(m.method).where_sig else { return vec![] };
        let Some(bound) = self.where_match(m.method, m.spec_types) else { return vec![None; bounds.len()] };
        let store = &self.types;
        bound
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let exact = store.is_concrete(t)
                    || store.type_param(t).is_some_and(|p| !store.has_params(p))
                    || store.param_is_invariant(*template, i as u32);
                exact.then_some(t)
            })
            .collect()
    }

    fn live_in(&self, m: MethodId, world: u64) -> bool {
        let m = self.method(m);
        m.primary_world <= world && world < m.deleted_world
    }

    /// The tables a lookup in `table` consults: an overlay first, then the global table.
    fn tables_for(&self, table: MethodTableId) -> Vec<MethodTableId> {
        if table == MethodTableId(0) || self.method_table(table).is_none() {
            vec![MethodTableId(0)]
        } else {
            vec![table, MethodTableId(0)]
        }
    }

    /// The methods of one table (live or not) whose signatures may intersect `sig`, in
    /// insertion order: the index's candidates, or every method when it cannot narrow them.
    pub(crate) fn candidate_methods(&self, table: MethodTableId, sig: Ty) -> Vec<MethodId> {
        let table = &self.tables[table.index()];
        let indexed = if self.scans_everything() { None } else { table.index.candidates(&self.types, sig) };
        indexed.unwrap_or_else(|| table.methods.clone())
    }

    /// Whether lookups ignore the indexes (only tests set this, to compare against a full scan).
    pub(crate) fn scans_everything(&self) -> bool {
        #[cfg(test)]
        return self.scan_everything;
        #[cfg(not(test))]
        false
    }

    /// Methods visible from `table` in `world` that may intersect `sig`: an overlay method
    /// hides the global method with the same signature; against less specific global methods
    /// it wins by specificity. (A hiding overlay method has the global one's signature, so it
    /// is among the overlay's candidates whenever the global one is among the global ones.)
    fn visible_methods(&self, table: MethodTableId, sig: Ty, world: u64) -> Vec<MethodId> {
        let overlay: Vec<MethodId> = if table == MethodTableId(0) || self.method_table(table).is_none() {
            vec![]
        } else {
            self.candidate_methods(table, sig).into_iter().filter(|&m| self.live_in(m, world)).collect()
        };
        let global = self
            .candidate_methods(MethodTableId(0), sig)
            .into_iter()
            .filter(|&m| self.live_in(m, world))
            .filter(|&g| {
                let gsig = self.method(g).sig;
                !overlay.iter().any(|&o| self.types.type_equal(self.method(o).sig, gsig))
            });
        let mut all = overlay.clone();
        all.extend(global);
        all
    }

    /// All methods live in `world` that intersect `sig`, most specific first, without those
    /// fully shadowed; whether an ambiguity is possible; and the worlds where this holds.
    pub fn find_matches(&mut self, table: MethodTableId, sig: Ty, world: u64) -> MatchResult {
        let key = (table, sig);
        let cached = self.match_cache.get(&key).map(|e| (e.result.valid_worlds, e.head, e.checked_at));
        if let Some(((lo, hi), head, checked_at)) = cached {
            if (lo..=hi).contains(&world) && self.match_still_exact(head, checked_at) {
                let counter = self.world_counter;
                if let Some(entry) = self.match_cache.get_mut(&key) {
                    entry.checked_at = counter;
                    return entry.result.clone();
                }
            }
        }
        #[cfg(test)]
        {
            self.lookups_made += 1;
        }
        let result = self.find_matches_uncached(table, sig, world);
        let head = match self.types.kind(sig) {
            types::TyKind::Tuple { elems, .. } => elems.first().copied(),
            _ => None,
        };
        let entry = CachedMatch { result: result.clone(), head, checked_at: self.world_counter };
        self.match_cache.insert(key, entry);
        result
    }

    /// Whether no method added (or replaced) since the world counter was `checked_at` may
    /// meet a signature whose function type is `head` (their function types do not
    /// intersect): then a lookup's answer, and the range of worlds where it holds, are as they
    /// were. Past `RECHECK_MAX` such methods the lookup is made again instead.
    fn match_still_exact(&mut self, head: Option<Ty>, checked_at: u64) -> bool {
        const RECHECK_MAX: usize = 64;
        if checked_at == self.world_counter {
            return true;
        }
        let Some(head) = head else { return false };
        let added = &self.method_heads.added;
        let since = added.iter().rev().take_while(|&&(_, world)| world > checked_at).count();
        if since > RECHECK_MAX {
            return false;
        }
        let recent: Vec<Ty> = added[added.len() - since..].iter().map(|&(g, _)| g).collect();
        recent.into_iter().all(|g| g != head && self.types.intersect(head, g) == Ty::BOTTOM)
    }

    /// Records that a method with signature `sig` was added (or replaced one) in `world`.
    pub(crate) fn note_method_head(&mut self, sig: Ty, world: u64) {
        let head = match self.types.kind(sig) {
            types::TyKind::Tuple { elems, .. } => elems.first().copied().unwrap_or(Ty::ANY),
            _ => Ty::ANY,
        };
        self.method_heads.added.push((head, world));
    }

    pub(crate) fn find_matches_uncached(&mut self, table: MethodTableId, sig: Ty, world: u64) -> MatchResult {
        let mut candidates: Vec<(MethodId, Ty)> = Vec::new();
        for m in self.visible_methods(table, sig, world) {
            let inter = self.types.intersect(sig, self.method(m).sig);
            // A `where` method: the part of the call's types its parameters can bind
            // (a call of known types, `Type{Int8}` included, that does not match is no
            // candidate).
            let matches = self.method(m).where_sig.is_none()
                || !self.types.is_dispatch_tuple(inter)
                || self.where_match(m, inter).is_some();
            if inter != Ty::BOTTOM && matches {
                candidates.push((m, inter));
            }
        }
        let ordered = self.sort_by_specificity(candidates);
        let mut kept: Vec<(MethodId, Ty)> = Vec::new();
        for (m, inter) in ordered {
            let shadowed = kept.iter().any(|&(k, _)| {
                let ksig = self.method(k).sig;
                self.method_more_specific(k, m)
                    && self.types.issubtype(inter, ksig)
                    && (self.method(k).where_sig.is_none() || self.where_match(k, inter).is_some())
            });
            if !shadowed {
                kept.push((m, inter));
            }
        }
        let ambiguous = self.has_ambiguity(&kept);
        let matches = kept
            .iter()
            .map(|&(method, spec_types)| MethodMatch {
                method,
                spec_types,
                fully_covers: self.types.issubtype(sig, self.method(method).sig)
                    && (self.method(method).where_sig.is_none()
                        || (self.types.is_dispatch_tuple(sig) && self.where_match(method, sig).is_some())),
            })
            .collect();
        let valid_worlds = self.lookup_valid_worlds(table, sig, world);
        MatchResult { matches, ambiguous, valid_worlds }
    }

    /// Orders candidates most specific first: repeatedly take those no remaining candidate is
    /// more specific than, in insertion order.
    fn sort_by_specificity(&self, mut rest: Vec<(MethodId, Ty)>) -> Vec<(MethodId, Ty)> {
        let mut out = Vec::with_capacity(rest.len());
        while !rest.is_empty() {
            let pos = (0..rest.len())
                .find(|&i| !rest.iter().any(|&(o, _)| self.method_more_specific(o, rest[i].0)))
                .unwrap_or(0);
            out.push(rest.remove(pos));
        }
        out
    }

    /// Two incomparable matches whose overlap no third, more specific match covers.
    fn has_ambiguity(&mut self, kept: &[(MethodId, Ty)]) -> bool {
        for (i, &(a, ainter)) in kept.iter().enumerate() {
            for &(b, _) in &kept[i + 1..] {
                let bsig = self.method(b).sig;
                if self.method_more_specific(a, b) || self.method_more_specific(b, a) {
                    continue;
                }
                let overlap = self.types.intersect(ainter, bsig);
                if overlap == Ty::BOTTOM {
                    continue;
                }
                let resolved = kept.iter().any(|&(c, _)| {
                    let csig = self.method(c).sig;
                    self.method_more_specific(c, a)
                        && self.method_more_specific(c, b)
                        && self.types.issubtype(overlap, csig)
                });
                if !resolved {
                    return true;
                }
            }
        }
        false
    }

    /// The range of worlds around `world` in which the set of methods intersecting `sig` is the
    /// same (src/gf.c `ml_matches` min_valid/max_valid, conservatively over all such methods,
    /// live or not, in `table` and the tables it falls back to).
    fn lookup_valid_worlds(&mut self, table: MethodTableId, sig: Ty, world: u64) -> (u64, u64) {
        let (mut min, mut max) = (1u64, MAX_WORLD);
        for t in self.tables_for(table) {
            for m in self.candidate_methods(t, sig) {
                let (msig, primary, deleted) = {
                    let m = self.method(m);
                    (m.sig, m.primary_world, m.deleted_world)
                };
                if self.types.intersect(sig, msig) == Ty::BOTTOM {
                    continue;
                }
                if primary > world {
                    max = max.min(primary - 1);
                } else if deleted <= world {
                    min = min.max(deleted);
                } else {
                    min = min.max(primary);
                    if deleted != MAX_WORLD {
                        max = max.min(deleted - 1);
                    }
                }
            }
        }
        (min, max)
    }

    /// The method a call with argument types `sig` (including the function type) runs in
    /// `world`: the most specific applicable one. With an abstract `sig` this is
    /// `invoke(f, T, ...)`'s selection.
    pub fn dispatch(&self, table: MethodTableId, sig: Ty, world: u64) -> Result<MethodId, DispatchError> {
        let key = (table, sig, world);
        if let Some(hit) = self.dispatch_cache.borrow().get(&key) {
            return hit.clone();
        }
        let result = self.dispatch_uncached(table, sig, world);
        // A world not yet reached may still gain methods, so only past worlds are cached.
        if world <= self.world_counter {
            self.dispatch_cache.borrow_mut().insert(key, result.clone());
        }
        result
    }

    pub(crate) fn dispatch_uncached(
        &self,
        table: MethodTableId,
        sig: Ty,
        world: u64,
    ) -> Result<MethodId, DispatchError> {
        let applicable: Vec<MethodId> = self
            .visible_methods(table, sig, world)
            .into_iter()
            .filter(|&m| self.types.issubtype(sig, self.method(m).sig) && self.where_match(m, sig).is_some())
            .collect();
        let minimal: Vec<MethodId> = applicable
            .iter()
            .copied()
            .filter(|&m| !applicable.iter().any(|&o| self.method_more_specific(o, m)))
            .collect();
        match minimal.as_slice() {
            [] => Err(DispatchError::NoMethod),
            [one] => Ok(*one),
            _ => Err(DispatchError::Ambiguous(minimal)),
        }
    }
}
