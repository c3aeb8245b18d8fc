//! The invalidation log: for each definition that capped CodeInstances, what it was, which
//! backedges it hit and the tree of callers it capped, with the world each was capped at. It
//! is the record src/gf.c writes to `_jl_debug_method_invalidation` (`jl_method_table_insert`,
//! `invalidate_backedges`) and SnoopCompile's `invalidation_trees` reads back as trees.
//!
//! It records what methods.rs and bindings.rs decide and decides nothing itself. Recording
//! costs what the invalidation costs: one node per CodeInstance capped, one root per
//! MethodInstance (or lookup, or binding) whose backedges capped something; nothing scans the
//! cache. It prints nothing: the runtime labels the ids.

use std::rc::Rc;

use types::{CodeInstanceId, MethodId, MethodInstanceId, Ty};

use crate::cache::BackedgeKind;
use crate::World;

/// At most this many nodes are kept over a session's events; an event that would pass it is
/// counted in `InvalidationLog::omitted_events` instead of kept (a program that redefines
/// methods in a loop keeps bounded memory).
pub const MAX_LOGGED_NODES: usize = 20_000;

/// What started an invalidation.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum InvalidationCause {
    /// A method was inserted (SnoopCompile's `inserting`); `replaced` is the method with the
    /// identical signature it disabled, if any.
    MethodInsert { method: MethodId, replaced: Option<MethodId> },
    /// A constant binding got a new value (`const X = 2` after `const X = 1`, Julia 1.12).
    ConstRedefined { module: Rc<str>, name: Rc<str> },
}

/// What a root of the tree is: the thing whose dependents were capped.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum RootKind {
    /// Backedges of this MethodInstance were hit: its callers may now dispatch elsewhere
    /// (SnoopCompile's `backedges`: `superseding` its method `with` it).
    Backedges { mi: MethodInstanceId },
    /// A method-table edge: a lookup of `sig` that found no method, or an ambiguity, now meets
    /// the new method (SnoopCompile's `mt_backedges`: `signature ... triggered`).
    MethodTable { sig: Ty },
    /// The redefined binding: its children are the CodeInstances whose code reads it.
    Binding,
}

#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct InvalidationRoot {
    pub kind: RootKind,
}

/// One CodeInstance capped by the event.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct InvalidatedNode {
    pub ci: CodeInstanceId,
    /// The world it was capped at (its `max_world` from then on).
    pub max_world: u64,
    /// Which root it hangs under (an index into `InvalidationEvent::roots`).
    pub root: u32,
    /// The node whose capping reached it (it is a caller of that node's MethodInstance, or
    /// holds an edge to that CodeInstance); `None` directly under the root.
    pub parent: Option<u32>,
    /// Directly under a `Backedges` root: the backedge that was hit (the signature the caller
    /// looked up, and how).
    pub edge: Option<(Ty, BackedgeKind)>,
}

/// One definition's invalidations.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct InvalidationEvent {
    pub cause: InvalidationCause,
    /// The world the definition made; every node is capped at the world before it.
    pub world: u64,
    /// Roots in the order they were examined; every root has at least one node.
    pub roots: Vec<InvalidationRoot>,
    /// The capped CodeInstances in the order they were capped (a parent before its children).
    pub nodes: Vec<InvalidatedNode>,
}

impl InvalidationEvent {
    /// The children of each node (by index), and of each root, in capping order.
    pub fn children(&self) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
        let mut of_node = vec![Vec::new(); self.nodes.len()];
        let mut of_root = vec![Vec::new(); self.roots.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            match node.parent {
                Some(p) => of_node[p as usize].push(i as u32),
                None => of_root[node.root as usize].push(i as u32),
            }
        }
        (of_node, of_root)
    }

    /// How many nodes each root has under it (SnoopCompile's `countchildren`).
    pub fn nodes_per_root(&self) -> Vec<usize> {
        let mut counts = vec![0; self.roots.len()];
        for node in &self.nodes {
            counts[node.root as usize] += 1;
        }
        counts
    }
}

/// The session's invalidation events, oldest first. A session starts with an empty log (the
/// runtime clears it once the prelude has loaded), so it holds what the program's definitions
/// invalidated, across the playground's warm runs too.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
pub struct InvalidationLog {
    events: Vec<InvalidationEvent>,
    /// Nodes over all kept events.
    nodes: usize,
    /// Events that capped something but were not kept (`MAX_LOGGED_NODES`).
    pub omitted_events: usize,
    /// The event being recorded by the definition that is running.
    open: Option<InvalidationEvent>,
}

impl InvalidationLog {
    pub fn events(&self) -> &[InvalidationEvent] {
        &self.events
    }

    pub(crate) fn begin(&mut self, cause: InvalidationCause, world: u64) {
        self.open = Some(InvalidationEvent { cause, world, roots: vec![], nodes: vec![] });
    }

    /// Adds a root to the open event; `None` when no event is open.
    pub(crate) fn add_root(&mut self, kind: RootKind) -> Option<u32> {
        let event = self.open.as_mut()?;
        event.roots.push(InvalidationRoot { kind });
        Some(event.roots.len() as u32 - 1)
    }

    /// Records a capped CodeInstance in the open event; returns its node index.
    pub(crate) fn add_node(&mut self, node: InvalidatedNode) -> Option<u32> {
        let event = self.open.as_mut()?;
        event.nodes.push(node);
        Some(event.nodes.len() as u32 - 1)
    }

    /// Closes the open event: roots that capped nothing are dropped (their callers were capped
    /// already), and an event that capped nothing is not kept.
    pub(crate) fn finish(&mut self) {
        let Some(mut event) = self.open.take() else { return };
        if event.nodes.is_empty() {
            return;
        }
        let counts = event.nodes_per_root();
        let mut renumber = vec![0u32; event.roots.len()];
        let mut kept = Vec::new();
        for (i, root) in event.roots.drain(..).enumerate() {
            if counts[i] > 0 {
                renumber[i] = kept.len() as u32;
                kept.push(root);
            }
        }
        event.roots = kept;
        for node in &mut event.nodes {
            node.root = renumber[node.root as usize];
        }
        if self.nodes + event.nodes.len() > MAX_LOGGED_NODES {
            self.omitted_events += 1;
            return;
        }
        self.nodes += event.nodes.len();
        self.events.push(event);
    }

    pub fn clear(&mut self) {
        *self = InvalidationLog::default();
    }
}

impl World {
    /// Every definition of this session that capped CodeInstances, with the trees it capped.
    pub fn invalidation_log(&self) -> &InvalidationLog {
        &self.invalidation_log
    }

    /// Forgets the recorded events (the runtime does so once the prelude has loaded: what
    /// Base's own definitions invalidated is not the program's).
    pub fn clear_invalidation_log(&mut self) {
        self.invalidation_log.clear();
    }
}
