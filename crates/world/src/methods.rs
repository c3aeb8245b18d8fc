//! Methods, method insertion with world-age bumping, and invalidation (src/gf.c
//! `jl_method_table_insert`, `jl_method_table_activate`, `jl_method_table_invalidate`,
//! `invalidate_code_instance`).
//!
//! Invalidation caps *callers*: a CodeInstance's own range is capped only through its edges.
//! This file does not infer or compile anything.

use std::rc::Rc;

use types::{CodeInstanceId, MethodId, MethodInstanceId, MethodTableId, Ty};

use crate::invalidations::{InvalidatedNode, InvalidationCause, RootKind};
use crate::{BackedgeKind, World, MAX_WORLD};

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub struct Method {
    pub name: Rc<str>,
    /// The module the method was defined in.
    pub module: Rc<str>,
    /// `typeof(f)`, or `Type{T}` for constructors.
    pub func_ty: Ty,
    /// `Tuple{func_ty, args...}`, ending in a `Vararg` for varargs methods.
    pub sig: Ty,
    /// Number of arguments including the function itself.
    pub nargs: usize,
    pub is_vararg: bool,
    /// SSA form: the input of inference.
    pub source: Rc<ir::Body>,
    /// Slot form: what `@code_lowered` prints.
    pub lowered: Rc<ir::Body>,
    pub primary_world: u64,
    /// The first world where the method is no longer visible; `MAX_WORLD` while live.
    pub deleted_world: u64,
    pub inline: Option<bool>,
    pub table: MethodTableId,
    pub span: ir::Span,
    /// A top-level thunk's method (`jl_method_instance_for_thunk`): in no method table, never
    /// dispatched to, with the signature `Tuple{}`, compiled and run once by the top level.
    pub toplevel: bool,
    /// A method with `where`: its signature with the type parameters in place
    /// (`TyKind::Param`), and their upper bounds. `sig` is then that signature with each
    /// parameter replaced by its bound, which is what the method tables index and what
    /// subtyping sees; a call matches only if `TypeStore::match_params` binds the parameters
    /// within their bounds too (`World::where_match`).
    pub where_sig: Option<(Ty, Vec<Ty>)>,
}

/// What the runtime knows when a method definition runs.
#[derive(Clone, Debug)]
pub struct NewMethod {
    pub name: Rc<str>,
    pub module: Rc<str>,
    pub func_ty: Ty,
    /// Declared types of the arguments after the function; for varargs the last one is the
    /// element type of the `Vararg`.
    pub arg_types: Vec<Ty>,
    pub is_vararg: bool,
    pub source: Rc<ir::Body>,
    pub lowered: Rc<ir::Body>,
    pub inline: Option<bool>,
    pub table: MethodTableId,
    pub span: ir::Span,
}

/// What one `add_method` (or `redefine_const`) did to the cache: the CodeInstances it capped,
/// in the order it capped them, and how many MethodInstances and method-table edges it examined
/// to find them.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Invalidation {
    pub invalidated: Vec<CodeInstanceId>,
    pub checked_method_instances: usize,
    pub checked_method_table_edges: usize,
}

/// A caller to cap, the invalidation log's root it hangs under, and the backedge that was hit.
type Hit = (CodeInstanceId, Option<u32>, Option<(Ty, BackedgeKind)>);

impl World {
    /// The signature tuple of a definition.
    pub fn method_signature(&mut self, func_ty: Ty, arg_types: &[Ty], is_vararg: bool) -> Ty {
        let mut elems = vec![func_ty];
        match (is_vararg, arg_types.split_last()) {
            (true, Some((&last, init))) => {
                elems.extend_from_slice(init);
                self.types.tuple_vararg(elems, last)
            }
            _ => {
                elems.extend_from_slice(arg_types);
                self.types.tuple(elems)
            }
        }
    }

    /// Inserts a method in a new world `W = counter + 1`: disables a method with the identical
    /// signature in the same table, invalidates every caller whose dispatch may change, then
    /// publishes `W`.
    pub fn add_method(&mut self, def: NewMethod) -> MethodId {
        self.add_method_where(def, vec![])
    }

    /// `add_method` of a method with `where` parameters with upper bounds `bounds` (empty
    /// for none); its argument types mention them (`TyKind::Param`).
    pub fn add_method_where(&mut self, def: NewMethod, bounds: Vec<Ty>) -> MethodId {
        let new_world = self.world_counter + 1;
        let template = self.method_signature(def.func_ty, &def.arg_types, def.is_vararg);
        let (sig, where_sig) = if bounds.is_empty() {
            (template, None)
        } else {
            (self.types.upper_bound(template, &bounds), Some((template, bounds)))
        };
        let table = if self.method_table(def.table).is_some() { def.table } else { MethodTableId(0) };
        let id = MethodId(self.methods.len() as u32);
        self.methods.push(Method {
            name: def.name,
            module: def.module,
            func_ty: def.func_ty,
            sig,
            nargs: def.arg_types.len() + 1,
            is_vararg: def.is_vararg,
            source: def.source,
            lowered: def.lowered,
            primary_world: new_world,
            deleted_world: MAX_WORLD,
            inline: def.inline,
            table,
            span: def.span,
            toplevel: false,
            where_sig: where_sig.clone(),
        });
        // The same signature means the same template *and* bounds: `f(::Type{T}) where T<:A`
        // and `f(::Type{T}) where T<:B` are two methods.
        let replaced: Vec<MethodId> = self
            .candidate_methods(table, sig)
            .into_iter()
            .filter(|&m| {
                let old = self.method(m);
                old.deleted_world == MAX_WORLD
                    && m != id
                    && self.types.type_equal(old.sig, sig)
                    && old.where_sig == where_sig
            })
            .collect();
        let t = &mut self.tables[table.index()];
        t.methods.push(id);
        t.index.insert(&self.types, id, sig);
        self.methods_by_function.entry(def.func_ty).or_default().push(id);
        self.note_method_head(sig, new_world);
        self.last_invalidation = Invalidation::default();
        let cause = InvalidationCause::MethodInsert { method: id, replaced: replaced.first().copied() };
        self.invalidation_log.begin(cause, new_world);
        let cap = new_world - 1;
        for old in replaced {
            self.methods[old.index()].deleted_world = new_world;
            for mi in self.method_instances_of(old) {
                self.last_invalidation.checked_method_instances += 1;
                let backedges = self.method_instance(mi).backedges.clone();
                if backedges.is_empty() {
                    continue;
                }
                let root = self.invalidation_log.add_root(RootKind::Backedges { mi });
                for b in backedges {
                    self.cap_callers(b.caller, cap, root, Some((b.sig, b.kind)));
                }
            }
        }
        self.invalidate_for_new_method(id, sig, cap);
        self.invalidation_log.finish();
        self.world_counter = new_world;
        id
    }

    /// The MethodInstance of a top-level thunk (src/toplevel.c `jl_method_instance_for_thunk`):
    /// a method in no table, so no dispatch ever finds it, whose `Tuple{}` specialization the
    /// top level infers, compiles and calls with no arguments. It adds no world.
    pub fn toplevel_method_instance(
        &mut self,
        module: Rc<str>,
        source: Rc<ir::Body>,
        lowered: Rc<ir::Body>,
        span: ir::Span,
    ) -> MethodInstanceId {
        let sig = Ty::EMPTY_TUPLE;
        let id = MethodId(self.methods.len() as u32);
        self.methods.push(Method {
            name: Rc::from("top-level scope"),
            module,
            func_ty: sig,
            sig,
            nargs: 0,
            is_vararg: false,
            source,
            lowered,
            primary_world: self.world_counter,
            deleted_world: MAX_WORLD,
            inline: Some(false),
            table: MethodTableId(0),
            span,
            toplevel: true,
            where_sig: None,
        });
        self.specialize(id, sig)
    }

    /// What the last `add_method` (or constant redefinition) invalidated, and how much it
    /// examined.
    pub fn last_invalidation(&self) -> &Invalidation {
        &self.last_invalidation
    }

    /// Invalidates the callers whose lookup may now select the new method (`is_replacing`),
    /// and the method-table backedges of lookups the new signature intersects. Only backedges
    /// on signatures whose function type meets the new method's are examined (src/gf.c
    /// `jl_method_table_insert` visits the function's MethodInstances and its table's edges).
    fn invalidate_for_new_method(&mut self, new: MethodId, sig: Ty, cap: u64) {
        let func_ty = crate::cache::function_key(&self.types, sig);
        let mut holders: Vec<MethodInstanceId> = Vec::new();
        let scan = self.scans_everything();
        let index = &self.backedge_index.method_instances;
        match index.keys_meeting(&self.types, func_ty).filter(|_| !scan) {
            Some(keys) => holders.extend(keys.into_iter().filter_map(|k| index.get(k)).flatten()),
            None => holders.extend(index.values().flatten()),
        }
        holders.sort_unstable();
        holders.dedup();
        let mut to_invalidate: Vec<Hit> = Vec::new();
        for mi in holders {
            let method = self.method_instance(mi).method;
            if method == new {
                continue;
            }
            self.last_invalidation.checked_method_instances += 1;
            let msig = self.method(method).sig;
            // The new method loses against the old one wherever the old one applies.
            if self.more_specific(msig, sig) {
                continue;
            }
            let mut root = None;
            for b in self.method_instance(mi).backedges.clone() {
                let affected = match b.kind {
                    BackedgeKind::Dispatch => self.types.intersect(b.sig, sig) != Ty::BOTTOM,
                    BackedgeKind::Invoke => self.types.issubtype(b.sig, sig),
                };
                if affected {
                    if root.is_none() {
                        root = self.invalidation_log.add_root(RootKind::Backedges { mi });
                    }
                    to_invalidate.push((b.caller, root, Some((b.sig, b.kind))));
                }
            }
        }
        let table_edges = &mut self.backedge_index.method_table;
        let mut lists: Vec<Vec<(Ty, CodeInstanceId)>> = Vec::new();
        match table_edges.keys_meeting(&self.types, func_ty).filter(|_| !scan) {
            Some(keys) => {
                for key in keys {
                    lists.extend(table_edges.get_mut(key).map(std::mem::take));
                }
            }
            None => lists.extend(table_edges.values_mut().map(std::mem::take)),
        }
        for (lookup_sig, caller) in lists.into_iter().flatten() {
            self.last_invalidation.checked_method_table_edges += 1;
            if self.types.intersect(lookup_sig, sig) != Ty::BOTTOM {
                let root = self.invalidation_log.add_root(RootKind::MethodTable { sig: lookup_sig });
                to_invalidate.push((caller, root, None));
            } else {
                let key = crate::cache::function_key(&self.types, lookup_sig);
                self.backedge_index.method_table.entry(&self.types, key).push((lookup_sig, caller));
            }
        }
        for (caller, root, edge) in to_invalidate {
            self.cap_callers(caller, cap, root, edge);
        }
    }

    /// Caps `ci` at `max_world` if it is still uncapped, then does the same, transitively, to
    /// every caller of its MethodInstance and every holder of a CodeInstance edge to it.
    pub fn invalidate_code_instance(&mut self, ci: CodeInstanceId, max_world: u64) {
        self.cap_callers(ci, max_world, None, None);
    }

    /// `invalidate_code_instance`, recording each CodeInstance it caps in the open invalidation
    /// event under `root` (src/gf.c `invalidate_backedges` logs each caller with its depth;
    /// here a node names the node that reached it). `edge` is the backedge that reached `ci`.
    pub(crate) fn cap_callers(
        &mut self,
        ci: CodeInstanceId,
        max_world: u64,
        root: Option<u32>,
        edge: Option<(Ty, BackedgeKind)>,
    ) {
        // (CodeInstance, the node that reached it)
        let mut work: Vec<(CodeInstanceId, Option<u32>)> = vec![(ci, None)];
        while let Some((ci, parent)) = work.pop() {
            let Some(c) = self.code_instances.get_mut(ci.index()) else { continue };
            if c.max_world != MAX_WORLD {
                continue;
            }
            c.max_world = max_world;
            self.last_invalidation.invalidated.push(ci);
            let def = c.def;
            let node = root.and_then(|root| {
                let edge = if parent.is_none() { edge } else { None };
                self.invalidation_log.add_node(InvalidatedNode { ci, max_world, root, parent, edge })
            });
            if let Some(mi) = self.method_instances.get(def.index()) {
                work.extend(mi.backedges.iter().map(|b| (b.caller, node)));
            }
            if let Some(callers) = self.ci_backedges.get(&ci) {
                work.extend(callers.iter().map(|&c| (c, node)));
            }
        }
    }
}
