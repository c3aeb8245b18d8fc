//! The IR verifier: structural checks run between passes in tests. It reports every problem
//! it finds; it does not check types against each other (that is inference's business) nor
//! anything about method tables or the world.
//!
//! Checklist (`verify_with`):
//! 1. The layout is non-empty, names only existing blocks, and lists each block once.
//! 2. The entry block has no parameters.
//! 3. Each instruction is placed in at most one block of the layout (instructions left in the
//!    arena but in no block are dead and allowed).
//! 4. Results are recorded consistently: `insts[i].result == Some(v)` iff `values[v] ==
//!    ValueDef::Inst(i)`; parameter `n` of block `b` is `ValueDef::Param(b, n)`; argument
//!    values are `ValueDef::Arg(n)` with `n < nargs`.
//! 5. Every jump target is in the layout and gets exactly as many arguments as it has params.
//! 6. Every operand `Value` exists and its definition dominates the use (an instruction's
//!    result is used later in its block or in a block it strictly dominates; a block parameter
//!    in blocks its block dominates; arguments everywhere). Uses in unreachable blocks are not
//!    checked for dominance, as Julia's verifier skips dead blocks.
//! 7. In SSA form there is no `Operand::Slot` and no `SlotStore`; in slot form every slot
//!    exists.
//! 8. `Operand::Undef` appears only as a block argument of a jump.
//! 9. `Call` and `Invoke` have a callee (at least one argument).
//! 10. With `typed`, every block parameter and instruction result in the layout has an entry
//!     in `Body::types` (arguments need none: their types are the signature's).
//! 11. Inline frames form chains: each frame's parent comes before it, and every instruction's
//!     `inlined_at` (and `term_inlined_at`) names an existing frame.
//!
//! "No instruction after a terminator" holds by construction: a block's terminator is a
//! separate field.

use std::fmt;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::{Block, Body, Inst, InstKind, Operand, Terminator, Value, ValueDef};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Location {
    Body,
    Block(Block),
    Inst(Inst),
    /// The terminator of a block.
    Term(Block),
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VerifyError {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Location::Body => write!(f, "body: {}", self.message),
            Location::Block(b) => write!(f, "{b:?}: {}", self.message),
            Location::Inst(i) => write!(f, "{i:?}: {}", self.message),
            Location::Term(b) => write!(f, "terminator of {b:?}: {}", self.message),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct VerifyOptions {
    /// Pure SSA: no slots.
    pub ssa: bool,
    /// Every value must have a type.
    pub typed: bool,
}

/// `verify_with` without the typed check.
pub fn verify(body: &Body, ssa: bool) -> Result<(), Vec<VerifyError>> {
    verify_with(body, VerifyOptions { ssa, typed: false })
}

/// Runs the checklist of the module docs; `Err` holds every problem found.
pub fn verify_with(body: &Body, options: VerifyOptions) -> Result<(), Vec<VerifyError>> {
    let mut v = Verifier { body, options, errors: vec![], place: FxHashMap::default() };
    if v.check_layout() {
        v.check_values();
        v.check_blocks();
    }
    v.check_inline_frames();
    if v.errors.is_empty() {
        Ok(())
    } else {
        Err(v.errors)
    }
}

struct Verifier<'a> {
    body: &'a Body,
    options: VerifyOptions,
    errors: Vec<VerifyError>,
    /// Block and position of every placed instruction.
    place: FxHashMap<Inst, (Block, usize)>,
}

impl Verifier<'_> {
    fn error(&mut self, location: Location, message: String) {
        self.errors.push(VerifyError { location, message });
    }

    /// Check 11.
    fn check_inline_frames(&mut self) {
        let frames = &self.body.inline_frames;
        for (i, frame) in frames.iter().enumerate() {
            if frame.parent.is_some_and(|p| p as usize >= i) {
                self.error(
                    Location::Body,
                    format!("inline frame {i} has parent {:?}, not an earlier frame", frame.parent),
                );
            }
        }
        let n = frames.len();
        let missing = |f: u32| f as usize >= n;
        let insts: Vec<(Inst, u32)> =
            self.body.inlined_at.iter().filter(|(_, &f)| missing(f)).map(|(i, &f)| (i, f)).collect();
        let terms: Vec<(Block, u32)> =
            self.body.term_inlined_at.iter().filter(|(_, &f)| missing(f)).map(|(b, &f)| (b, f)).collect();
        for (inst, f) in insts {
            self.error(Location::Body, format!("{inst:?} is inlined at frame {f}, of {n}"));
        }
        for (block, f) in terms {
            self.error(Location::Block(block), format!("the terminator is inlined at frame {f}, of {n}"));
        }
    }

    /// Checks 1-3; returns false if the layout is too broken to go on.
    fn check_layout(&mut self) -> bool {
        let body = self.body;
        if body.layout.is_empty() {
            self.error(Location::Body, "empty layout".into());
            return false;
        }
        let mut seen = FxHashSet::default();
        for &b in &body.layout {
            if body.blocks.get(b).is_none() {
                self.error(Location::Block(b), "block in layout does not exist".into());
                return false;
            }
            if !seen.insert(b) {
                self.error(Location::Block(b), "block listed twice in layout".into());
            }
        }
        let entry = body.layout[0];
        if !body.blocks[entry].params.is_empty() {
            self.error(Location::Block(entry), "entry block has parameters".into());
        }
        for (n, &b) in body.layout.iter().enumerate() {
            if body.layout[..n].contains(&b) {
                continue;
            }
            for (pos, &i) in body.blocks[b].insts.iter().enumerate() {
                if body.insts.get(i).is_none() {
                    self.error(Location::Block(b), format!("instruction {i:?} does not exist"));
                } else if let Some((other, _)) = self.place.insert(i, (b, pos)) {
                    self.error(Location::Inst(i), format!("placed in {other:?} and {b:?}"));
                }
            }
        }
        self.errors.is_empty()
    }

    /// Checks 4 and 10.
    fn check_values(&mut self) {
        let body = self.body;
        for (v, def) in body.values.iter() {
            let ok = match *def {
                ValueDef::Arg(n) => (n as usize) < body.nargs(),
                ValueDef::Inst(i) => body.insts.get(i).is_some_and(|d| d.result == Some(v)),
                ValueDef::Param(b, n) => {
                    body.blocks.get(b).is_some_and(|d| d.params.get(n as usize) == Some(&v))
                }
            };
            if !ok {
                self.error(Location::Body, format!("{v:?} has inconsistent definition {def:?}"));
            }
        }
        for (i, data) in body.insts.iter() {
            if let Some(v) = data.result {
                if body.values.get(v) != Some(&ValueDef::Inst(i)) {
                    self.error(Location::Inst(i), format!("result {v:?} is not defined by it"));
                }
            }
        }
        if self.options.typed {
            let mut defined: Vec<Value> = vec![];
            for &b in &body.layout {
                defined.extend(&body.blocks[b].params);
                defined.extend(body.blocks[b].insts.iter().filter_map(|&i| body.insts[i].result));
            }
            for v in defined {
                if body.types.get(v).is_none() {
                    self.error(Location::Body, format!("{v:?} has no type"));
                }
            }
        }
    }

    /// Checks 5-9 block by block.
    fn check_blocks(&mut self) {
        let body = self.body;
        let doms = Dominators::compute(body);
        let in_layout: FxHashSet<Block> = body.layout.iter().copied().collect();
        for &b in &body.layout {
            let data = &body.blocks[b];
            for (pos, &i) in data.insts.iter().enumerate() {
                let kind = &body.insts[i].kind;
                if self.options.ssa && matches!(kind, InstKind::SlotStore { .. }) {
                    self.error(Location::Inst(i), "SlotStore in SSA form".into());
                }
                if let InstKind::SlotStore { slot, .. } = kind {
                    if body.slots.get(*slot).is_none() {
                        self.error(Location::Inst(i), format!("{slot:?} does not exist"));
                    }
                }
                if let InstKind::Call { args } | InstKind::Invoke { args, .. } = kind {
                    if args.is_empty() {
                        self.error(Location::Inst(i), "call without a callee".into());
                    }
                }
                for op in kind.operands() {
                    self.check_operand(op, Location::Inst(i), b, pos, &doms, false);
                }
            }
            let term_pos = data.insts.len();
            let term_ops: Vec<(&Operand, bool)> = match &data.term {
                Terminator::Branch { cond, .. } => vec![(cond, false)],
                Terminator::Return(op) => vec![(op, false)],
                Terminator::Jump(_) | Terminator::Unreachable => vec![],
            };
            let block_args = data.term.targets().into_iter().flat_map(|t| t.args.iter().map(|a| (a, true)));
            for (op, undef_ok) in term_ops.into_iter().chain(block_args) {
                self.check_operand(op, Location::Term(b), b, term_pos, &doms, undef_ok);
            }
            // The handler's arguments are read where the block starts (anything in it may
            // raise), so they must be defined before it.
            for op in data.catch.iter().flat_map(|t| &t.args) {
                self.check_operand(op, Location::Term(b), b, 0, &doms, true);
            }
            for t in data.successors() {
                if !in_layout.contains(&t.block) {
                    self.error(Location::Term(b), format!("target {:?} is not in the layout", t.block));
                } else if t.args.len() != body.blocks[t.block].params.len() {
                    let want = body.blocks[t.block].params.len();
                    let msg = format!("{} arguments to {:?}, which has {want} params", t.args.len(), t.block);
                    self.error(Location::Term(b), msg);
                }
            }
        }
    }

    /// Checks one operand read at position `pos` of `block` (the terminator is at `insts.len()`).
    fn check_operand(
        &mut self,
        op: &Operand,
        at: Location,
        block: Block,
        pos: usize,
        doms: &Dominators,
        undef_ok: bool,
    ) {
        match op {
            Operand::Slot(s) if self.options.ssa => self.error(at, format!("slot {s:?} in SSA form")),
            Operand::Slot(s) if self.body.slots.get(*s).is_none() => {
                self.error(at, format!("{s:?} does not exist"))
            }
            Operand::Undef if !undef_ok => self.error(at, "Undef outside a block argument".into()),
            Operand::Value(v) => {
                if let Some(msg) = self.dominance_problem(*v, block, pos, doms) {
                    self.error(at, msg);
                }
            }
            _ => {}
        }
    }

    fn dominance_problem(&self, v: Value, block: Block, pos: usize, doms: &Dominators) -> Option<String> {
        let Some(def) = self.body.values.get(v) else {
            return Some(format!("{v:?} does not exist"));
        };
        let (def_block, def_pos) = match *def {
            ValueDef::Arg(_) => return None,
            ValueDef::Param(b, _) => (b, None),
            ValueDef::Inst(i) => match self.place.get(&i) {
                Some(&(b, p)) => (b, Some(p)),
                None => return Some(format!("{v:?} is defined by {i:?}, which is in no block")),
            },
        };
        if !doms.is_reachable(block) {
            return None;
        }
        let ok = if def_block == block {
            def_pos.is_none_or(|p| p < pos)
        } else {
            doms.dominates(def_block, block)
        };
        (!ok).then(|| format!("{v:?} does not dominate this use"))
    }
}

/// Immediate dominators of the reachable blocks, by Cooper, Harvey and Kennedy's iterative
/// algorithm ("A Simple, Fast Dominance Algorithm", 2001) over the reverse postorder.
pub struct Dominators {
    idom: FxHashMap<Block, Block>,
    rpo_index: FxHashMap<Block, usize>,
}

impl Dominators {
    pub fn compute(body: &Body) -> Dominators {
        let entry = body.entry();
        let rpo = reverse_postorder(body);
        let rpo_index: FxHashMap<Block, usize> = rpo.iter().enumerate().map(|(i, &b)| (b, i)).collect();
        let preds = body.predecessors();
        let mut idom: FxHashMap<Block, Block> = FxHashMap::default();
        idom.insert(entry, entry);
        let mut changed = true;
        while changed {
            changed = false;
            for &b in rpo.iter().skip(1) {
                let mut new_idom: Option<Block> = None;
                for &p in preds.get(b).map(Vec::as_slice).unwrap_or(&[]) {
                    if !idom.contains_key(&p) {
                        continue;
                    }
                    new_idom = Some(match new_idom {
                        None => p,
                        Some(cur) => intersect(&idom, &rpo_index, p, cur),
                    });
                }
                if let Some(n) = new_idom {
                    if idom.get(&b) != Some(&n) {
                        idom.insert(b, n);
                        changed = true;
                    }
                }
            }
        }
        Dominators { idom, rpo_index }
    }

    pub fn is_reachable(&self, b: Block) -> bool {
        self.rpo_index.contains_key(&b)
    }

    /// The immediate dominator (`None` for the entry and unreachable blocks).
    pub fn idom(&self, b: Block) -> Option<Block> {
        self.idom.get(&b).copied().filter(|&d| d != b)
    }

    /// `a` dominates `b` (reflexive).
    pub fn dominates(&self, a: Block, mut b: Block) -> bool {
        loop {
            if a == b {
                return true;
            }
            match self.idom(b) {
                Some(d) => b = d,
                None => return false,
            }
        }
    }
}

fn intersect(
    idom: &FxHashMap<Block, Block>,
    order: &FxHashMap<Block, usize>,
    mut a: Block,
    mut b: Block,
) -> Block {
    while a != b {
        while order[&a] > order[&b] {
            a = idom[&a];
        }
        while order[&b] > order[&a] {
            b = idom[&b];
        }
    }
    a
}

/// Blocks reachable from the entry, in reverse postorder (iterative DFS).
pub fn reverse_postorder(body: &Body) -> Vec<Block> {
    let mut post = vec![];
    let mut visited = FxHashSet::default();
    let mut stack: Vec<(Block, usize)> = vec![(body.entry(), 0)];
    visited.insert(body.entry());
    while let Some((b, next)) = stack.pop() {
        let targets = body.blocks[b].successors();
        if let Some(t) = targets.get(next) {
            stack.push((b, next + 1));
            if body.blocks.get(t.block).is_some() && visited.insert(t.block) {
                stack.push((t.block, 0));
            }
        } else {
            post.push(b);
        }
    }
    post.reverse();
    post
}
