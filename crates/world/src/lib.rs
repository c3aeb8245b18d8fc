//! The runtime's object model: bindings, method tables, dispatch, MethodInstances, CodeInstances,
//! the world counter, backedges, invalidation and the log of what each definition invalidated
//! (Julia's src/gf.c and src/julia.h).
//!
//! Invariant: this crate knows nothing of syntax, inference algorithms or wasm. It stores what
//! inference and the runtime produce (typed bodies, edges, a native-code handle) and answers
//! "which method runs here, in this world" and "which CodeInstance is valid here, for this owner".

mod bindings;
mod cache;
mod dispatch;
mod invalidations;
mod methods;
mod owners;
mod print;
mod typemap;

use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};
use types::{CodeInstanceId, ConstValue, Lattice, MethodId, MethodInstanceId, MethodTableId, Ty, TypeStore};

pub use bindings::{Binding, BindingError};
pub use cache::{Backedge, BackedgeKind, CodeInstance, Edge, Effects, MethodInstance};
pub use dispatch::{DispatchError, MatchResult, MethodMatch};
pub use invalidations::{
    InvalidatedNode, InvalidationCause, InvalidationEvent, InvalidationLog, InvalidationRoot, RootKind,
    MAX_LOGGED_NODES,
};
pub use methods::Invalidation;
pub use methods::{Method, NewMethod};
pub use owners::OwnerSettings;

/// `typemax(UInt)`: a `max_world` (or `deleted_world`) that means "until further notice".
pub const MAX_WORLD: u64 = u64::MAX;

type DispatchCache = FxHashMap<(MethodTableId, Ty, u64), Result<MethodId, DispatchError>>;
type MatchCache = FxHashMap<(MethodTableId, Ty), dispatch::CachedMatch>;
/// Constant-propagation results: (MI, owner, argument lattices) -> CodeInstances, newest last.
type ConstResults = FxHashMap<(MethodInstanceId, ConstValue, Vec<Lattice>), Vec<CodeInstanceId>>;

/// A method table: the global one (`MethodTableId(0)`) or an overlay (`@MethodTable`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub struct MethodTable {
    pub name: Rc<str>,
    /// Every method ever added to this table, live or disabled, in insertion order.
    pub methods: Vec<MethodId>,
    /// The same methods by function and first argument, for lookups.
    index: typemap::MethodIndex,
}

impl MethodTable {
    fn new(name: &str) -> MethodTable {
        MethodTable { name: name.into(), methods: vec![], index: typemap::MethodIndex::default() }
    }
}

/// The runtime's object model. Everything is indexed by the ids of `types`.
#[derive(serde::Serialize, serde::Deserialize, Clone)]
pub struct World {
    pub types: TypeStore,
    world_counter: u64,
    tables: Vec<MethodTable>,
    methods: Vec<Method>,
    /// Every method of a function type (`methods_of`), in every table, in insertion order.
    methods_by_function: FxHashMap<Ty, Vec<MethodId>>,
    method_instances: Vec<MethodInstance>,
    mi_index: FxHashMap<(MethodId, Ty), MethodInstanceId>,
    /// The MethodInstances of each method, oldest first (Julia's `method.specializations`).
    specializations: FxHashMap<MethodId, Vec<MethodInstanceId>>,
    code_instances: Vec<CodeInstance>,
    /// Every (CodeInstance, edge) pair of every CodeInstance's `edges`, so that neither edges
    /// nor backedges are registered twice without scanning lists.
    edge_set: FxHashSet<(CodeInstanceId, Edge)>,
    /// Callers that hold an `Edge::CodeInstance` to a CI (issue 3's CI-identity edges).
    ci_backedges: FxHashMap<CodeInstanceId, Vec<CodeInstanceId>>,
    /// The backedges a new method may affect, by the function type of their signatures.
    backedge_index: cache::BackedgeIndex,
    /// What the last `add_method` invalidated and examined.
    last_invalidation: Invalidation,
    /// Every definition's invalidations as trees (`invalidations.rs`).
    invalidation_log: InvalidationLog,
    bindings: FxHashMap<(Rc<str>, Rc<str>), Binding>,
    /// Results of `dispatch`, keyed by (table, concrete signature, world). A world's method set
    /// never changes once the counter has passed it, so entries never go stale.
    dispatch_cache: RefCell<DispatchCache>,
    /// Results of `find_matches` by (table, signature), each with the worlds where it holds:
    /// inference looks up the same signatures again and again, in one world and across the
    /// worlds a program's definitions make (Julia's inference keeps such a cache too,
    /// Compiler/src/methodtable.jl `CachedMethodTable`, and its method caches hold world
    /// ranges). An answer is checked against the methods added since (`method_heads`). A
    /// snapshot keeps the prelude's: a program's lookups of Base's signatures meet them.
    match_cache: MatchCache,
    /// When methods were last added, by function type (`dispatch::MethodHeads`).
    method_heads: dispatch::MethodHeads,
    /// CodeInstances inferred with constant arguments; they are not in their MI's `cache`.
    const_results: ConstResults,
    /// Tests compare the indexed lookups against this: every lookup scans everything.
    #[cfg(test)]
    scan_everything: bool,
    /// Tests count the lookups `find_matches` made rather than answered from its cache.
    #[cfg(test)]
    lookups_made: usize,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    /// A world with the well-known types, the global method table, and world counter 1.
    pub fn new() -> World {
        World {
            types: TypeStore::new(),
            world_counter: 1,
            tables: vec![MethodTable::new("Core.methodtable")],
            methods: vec![],
            methods_by_function: FxHashMap::default(),
            method_instances: vec![],
            mi_index: FxHashMap::default(),
            specializations: FxHashMap::default(),
            code_instances: vec![],
            edge_set: FxHashSet::default(),
            ci_backedges: FxHashMap::default(),
            backedge_index: cache::BackedgeIndex::default(),
            last_invalidation: Invalidation::default(),
            invalidation_log: InvalidationLog::default(),
            bindings: FxHashMap::default(),
            dispatch_cache: RefCell::new(FxHashMap::default()),
            match_cache: FxHashMap::default(),
            method_heads: dispatch::MethodHeads::default(),
            const_results: FxHashMap::default(),
            #[cfg(test)]
            scan_everything: false,
            #[cfg(test)]
            lookups_made: 0,
        }
    }

    /// `Base.get_world_counter()`: the newest world.
    pub fn world_counter(&self) -> u64 {
        self.world_counter
    }

    /// Starts a new world without adding a method (for definitions the runtime wants ordered
    /// after earlier code, e.g. a new type). Returns the new world.
    pub fn advance_world(&mut self) -> u64 {
        self.world_counter += 1;
        self.world_counter
    }

    /// Creates an overlay method table (`Base.Experimental.@MethodTable name`).
    pub fn new_method_table(&mut self, name: &str) -> MethodTableId {
        self.tables.push(MethodTable::new(name));
        MethodTableId(self.tables.len() as u32 - 1)
    }

    pub fn method_table(&self, id: MethodTableId) -> Option<&MethodTable> {
        self.tables.get(id.index())
    }

    pub fn method(&self, id: MethodId) -> &Method {
        &self.methods[id.index()]
    }

    pub fn get_method(&self, id: MethodId) -> Option<&Method> {
        self.methods.get(id.index())
    }

    pub fn method_instance(&self, id: MethodInstanceId) -> &MethodInstance {
        &self.method_instances[id.index()]
    }

    pub fn get_method_instance(&self, id: MethodInstanceId) -> Option<&MethodInstance> {
        self.method_instances.get(id.index())
    }

    pub fn code_instance(&self, id: CodeInstanceId) -> &CodeInstance {
        &self.code_instances[id.index()]
    }

    /// How many CodeInstances exist: every id below this count is one.
    pub fn code_instance_count(&self) -> u32 {
        self.code_instances.len() as u32
    }

    pub fn get_code_instance(&self, id: CodeInstanceId) -> Option<&CodeInstance> {
        self.code_instances.get(id.index())
    }

    /// Mutable access for the stages that fill a CodeInstance in after it is stored (the
    /// optimizer's `inferred`, the runtime's `native`). Changing `edges` here does not update
    /// backedges (nor the set `add_edge` checks); use `insert_ci` or `add_edge` for that.
    pub fn code_instance_mut(&mut self, id: CodeInstanceId) -> &mut CodeInstance {
        &mut self.code_instances[id.index()]
    }

    /// Every method of the function whose type is `func_ty`, in every table, live or not.
    pub fn methods_of(&self, func_ty: Ty) -> Vec<MethodId> {
        self.methods_by_function.get(&func_ty).cloned().unwrap_or_default()
    }
}
