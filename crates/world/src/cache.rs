//! MethodInstances, CodeInstances, their cache per owner and world, and edges/backedges
//! (src/julia.h `_jl_method_instance_t`, `_jl_code_instance_t`; src/gf.c `jl_rettype_inferred`).
//!
//! This file stores what inference produced; it does not decide validity beyond the world
//! range and owner comparison (invalidation lives in methods.rs).

use std::rc::Rc;

use types::{CodeInstanceId, ConstValue, Lattice, MethodId, MethodInstanceId, Ty, TyKind, TypeStore};

use crate::typemap::TypeMap;
use crate::{World, MAX_WORLD};

/// How a caller depends on a callee MethodInstance.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum BackedgeKind {
    /// The call was resolved by dispatch on `sig`.
    Dispatch,
    /// `invoke(f, sig, ...)`: only a change of the method `invoke` selects for `sig` matters.
    Invoke,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Backedge {
    pub caller: CodeInstanceId,
    /// The call signature the caller looked up (`Tuple{typeof(f), argtypes...}`).
    pub sig: Ty,
    pub kind: BackedgeKind,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct MethodInstance {
    pub method: MethodId,
    /// The specialization signature, including the function type.
    pub spec_types: Ty,
    /// Callers that depend on what dispatch (or invoke) selects for this instance.
    pub backedges: Vec<Backedge>,
    /// The CodeInstances of this MI, every owner and world range, oldest first (`mi.cache`).
    pub cache: Vec<CodeInstanceId>,
}

/// What a CodeInstance's validity depends on (its forward edges).
#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Eq, Hash, Debug)]
pub enum Edge {
    /// A call resolved by lookup of `sig` to `mi`.
    Dispatch { sig: Ty, mi: MethodInstanceId },
    /// `invoke(f, sig, ...)` that selected `mi`.
    Invoke { sig: Ty, mi: MethodInstanceId },
    /// Results read from this CodeInstance (`invoke(f, ci, ...)`, inlining): the caller is
    /// invalidated iff that CI's range is capped.
    CodeInstance(CodeInstanceId),
    /// A lookup of `sig` that found no method, or an ambiguity: invalidated when a method that
    /// intersects `sig` is added.
    MethodTable { sig: Ty },
}

/// The backedges `add_method` examines, by the function type of the signature looked up (src/gf.c
/// `jl_method_table_insert` checks the backedges of the new method's function and the method
/// table's edges; a method of `f` can only change lookups whose function type meets `typeof(f)`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Default)]
pub(crate) struct BackedgeIndex {
    /// MethodInstances with a dispatch or invoke backedge on a signature of that function type
    /// (a MethodInstance may be listed more than once).
    pub(crate) method_instances: TypeMap<Vec<MethodInstanceId>>,
    /// `Edge::MethodTable`: lookups that found no method, or an ambiguity, and their callers.
    pub(crate) method_table: TypeMap<Vec<(Ty, CodeInstanceId)>>,
}

/// What a signature is indexed by for invalidation: its function type (a tuple's first element,
/// or its `Vararg`'s), or the signature itself when it has none (then it meets every lookup
/// that `TypeMap` cannot rule out).
pub(crate) fn function_key(store: &TypeStore, sig: Ty) -> Ty {
    match store.kind(sig) {
        TyKind::Tuple { elems, vararg } => elems.first().copied().or(*vararg).unwrap_or(sig),
        _ => sig,
    }
}

/// IPO effects of a CodeInstance (a subset of Julia's `Effects`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub struct Effects {
    pub nothrow: bool,
    pub effect_free: bool,
    pub terminates: bool,
}

impl Effects {
    /// Nothing known: may throw, may have side effects, may not terminate.
    pub const UNKNOWN: Effects = Effects { nothrow: false, effect_free: false, terminates: false };
    /// Pure and total.
    pub const TOTAL: Effects = Effects { nothrow: true, effect_free: true, terminates: true };
}

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct CodeInstance {
    pub def: MethodInstanceId,
    /// The cache owner; `ConstValue::nothing()` is native. Compared with `==` (egal).
    pub owner: ConstValue,
    pub min_world: u64,
    /// `MAX_WORLD` until invalidation caps it.
    pub max_world: u64,
    /// The inferred return type; a `Const` when inference proved a constant.
    pub rettype: Lattice,
    pub exctype: Ty,
    pub effects: Effects,
    /// Unoptimized typed IR (for `@code_typed optimize=false`).
    pub typed: Option<Rc<ir::Body>>,
    /// Optimized IR, set by the optimizer.
    pub inferred: Option<Rc<ir::Body>>,
    pub edges: Vec<Edge>,
}

impl CodeInstance {
    /// The return type as a type (`widenconst(rettype)`).
    pub fn rettype_ty(&self, store: &mut types::TypeStore) -> Ty {
        self.rettype.widen(store)
    }

    pub fn valid_in(&self, world: u64) -> bool {
        self.min_world <= world && world <= self.max_world
    }

    pub fn is_native(&self) -> bool {
        self.owner == ConstValue::nothing()
    }
}

impl World {
    /// The unique MethodInstance of (`method`, `spec_types`), created on first use.
    pub fn specialize(&mut self, method: MethodId, spec_types: Ty) -> MethodInstanceId {
        if let Some(&mi) = self.mi_index.get(&(method, spec_types)) {
            return mi;
        }
        let mi = MethodInstanceId(self.method_instances.len() as u32);
        self.method_instances.push(MethodInstance { method, spec_types, backedges: vec![], cache: vec![] });
        self.mi_index.insert((method, spec_types), mi);
        self.specializations.entry(method).or_default().push(mi);
        mi
    }

    /// The existing MethodInstance of (`method`, `spec_types`), if any.
    pub fn lookup_mi(&self, method: MethodId, spec_types: Ty) -> Option<MethodInstanceId> {
        self.mi_index.get(&(method, spec_types)).copied()
    }

    /// Every MethodInstance of a method.
    pub fn method_instances_of(&self, method: MethodId) -> Vec<MethodInstanceId> {
        self.specializations.get(&method).cloned().unwrap_or_default()
    }

    /// The cached CodeInstance of `mi` for `owner` valid in `world` (newest first), like
    /// `jl_rettype_inferred`.
    pub fn lookup_ci(&self, mi: MethodInstanceId, owner: &ConstValue, world: u64) -> Option<CodeInstanceId> {
        let mi = self.method_instances.get(mi.index())?;
        mi.cache.iter().rev().copied().find(|&ci| {
            let ci = self.code_instance(ci);
            ci.owner == *owner && ci.valid_in(world)
        })
    }

    /// Stores a CodeInstance in its MI's cache and registers a backedge for each of its edges.
    pub fn insert_ci(&mut self, ci: CodeInstance) -> CodeInstanceId {
        let id = CodeInstanceId(self.code_instances.len() as u32);
        let def = ci.def;
        let edges = ci.edges.clone();
        self.code_instances.push(ci);
        if let Some(mi) = self.method_instances.get_mut(def.index()) {
            mi.cache.push(id);
        }
        self.add_backedges(id, edges);
        id
    }

    /// Registers the backedges of `caller`'s edges, each (caller, edge) pair once.
    fn add_backedges(&mut self, caller: CodeInstanceId, edges: Vec<Edge>) {
        for edge in edges {
            if self.edge_set.insert((caller, edge.clone())) {
                self.add_backedge(caller, &edge);
            }
        }
    }

    /// Registers one backedge; the caller has checked that (caller, edge) is new, so the
    /// backedge is too.
    fn add_backedge(&mut self, caller: CodeInstanceId, edge: &Edge) {
        let (mi, sig, kind) = match *edge {
            Edge::Dispatch { sig, mi } => (mi, sig, BackedgeKind::Dispatch),
            Edge::Invoke { sig, mi } => (mi, sig, BackedgeKind::Invoke),
            Edge::CodeInstance(callee) => {
                self.ci_backedges.entry(callee).or_default().push(caller);
                return;
            }
            Edge::MethodTable { sig } => {
                let key = function_key(&self.types, sig);
                self.backedge_index.method_table.entry(&self.types, key).push((sig, caller));
                return;
            }
        };
        let Some(instance) = self.method_instances.get_mut(mi.index()) else { return };
        instance.backedges.push(Backedge { caller, sig, kind });
        let key = function_key(&self.types, sig);
        let holders = self.backedge_index.method_instances.entry(&self.types, key);
        if holders.last() != Some(&mi) {
            holders.push(mi);
        }
    }

    /// Every CodeInstance of a method's instances, every owner and world.
    pub fn code_instances_of_method(&self, method: MethodId) -> Vec<CodeInstanceId> {
        let mut cis: Vec<CodeInstanceId> = self
            .method_instances_of(method)
            .into_iter()
            .flat_map(|mi| self.method_instance(mi).cache.clone())
            .collect();
        cis.sort();
        cis
    }

    /// Every CodeInstance of every method of the function whose type is `func_ty`.
    pub fn code_instances_of_function(&self, func_ty: Ty) -> Vec<CodeInstanceId> {
        let mut cis: Vec<CodeInstanceId> =
            self.methods_of(func_ty).into_iter().flat_map(|m| self.code_instances_of_method(m)).collect();
        cis.sort();
        cis
    }

    /// Sets the optimized IR of a CodeInstance (the optimizer's output).
    pub fn set_inferred(&mut self, ci: CodeInstanceId, body: Rc<ir::Body>) {
        if let Some(c) = self.code_instances.get_mut(ci.index()) {
            c.inferred = Some(body);
        }
    }

    /// Forgets the optimized IR of `ci` (it is optimized again when next needed).
    pub fn clear_inferred(&mut self, ci: CodeInstanceId) {
        if let Some(c) = self.code_instances.get_mut(ci.index()) {
            c.inferred = None;
        }
    }

    /// A native CodeInstance with no edges, valid from `min_world` on (for tests and for code
    /// the runtime builds itself).
    pub fn blank_ci(
        &self,
        def: MethodInstanceId,
        owner: ConstValue,
        min_world: u64,
        rettype: Lattice,
    ) -> CodeInstance {
        CodeInstance {
            def,
            owner,
            min_world,
            max_world: MAX_WORLD,
            rettype,
            exctype: Ty::ANY,
            effects: Effects::UNKNOWN,
            typed: None,
            inferred: None,
            edges: vec![],
        }
    }
}

impl World {
    /// Stores the CodeInstance of a constant-propagated call (`args` are the argument lattices
    /// it was inferred with). It gets backedges like any CI, but it is *not* added to its MI's
    /// `cache`: ordinary lookups (`lookup_ci`, `code_instances`) never see it, because its body
    /// is only valid for those constant arguments (Julia keeps such results out of the cache).
    pub fn insert_const_ci(&mut self, args: Vec<Lattice>, ci: CodeInstance) -> CodeInstanceId {
        let id = CodeInstanceId(self.code_instances.len() as u32);
        let key = (ci.def, ci.owner.clone(), args);
        let edges = ci.edges.clone();
        self.code_instances.push(ci);
        self.add_backedges(id, edges);
        self.const_results.entry(key).or_default().push(id);
        id
    }

    /// The constant-propagation result for (`mi`, `owner`, `args`) valid in `world`, if any.
    pub fn lookup_const_ci(
        &self,
        mi: MethodInstanceId,
        owner: &ConstValue,
        args: &[Lattice],
        world: u64,
    ) -> Option<CodeInstanceId> {
        let key = (mi, owner.clone(), args.to_vec());
        let list = self.const_results.get(&key)?;
        list.iter().rev().copied().find(|&ci| self.code_instance(ci).valid_in(world))
    }
}

impl World {
    /// Adds an edge to a stored CodeInstance and registers its backedge (the optimizer's
    /// inlining edges: a caller that copied a callee's body is invalidated with it).
    pub fn add_edge(&mut self, caller: CodeInstanceId, edge: Edge) {
        let Some(c) = self.code_instances.get_mut(caller.index()) else { return };
        if !self.edge_set.insert((caller, edge.clone())) {
            return;
        }
        c.edges.push(edge.clone());
        self.add_backedge(caller, &edge);
    }
}
