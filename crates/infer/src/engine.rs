//! The inference stack: cache lookup, recursion detection, the fixpoint over cycles, and
//! storing finished frames as CodeInstances (Compiler/src/typeinfer.jl `typeinf`,
//! `typeinf_edge`, `finish_cycle`).
//!
//! A frame is re-inferred from its source on each round of a cycle; this file does not
//! interpret statements (frame.rs does).

use std::rc::Rc;

use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue, Lattice, MethodId, MethodInstanceId, Ty, TyKind};
use world::{CodeInstance, Effects, World, MAX_WORLD};

use crate::frame::FrameResult;
use crate::{InferError, Interp, PluginInterp};

/// A frame being inferred (on the stack) or waiting for its cycle head (parked).
#[derive(Clone, Debug)]
pub(crate) struct Active {
    pub mi: MethodInstanceId,
    /// The current approximation that recursive calls see.
    pub rettype: Lattice,
    pub exctype: Ty,
    /// The lowest stack index this frame's result depends on provisionally.
    pub cycle_head: Option<usize>,
    /// The interpreter this frame runs under (frames of several owners share one stack when
    /// inference switches interpreters for a folded `typeinf`, SEMANTICS.md §3.4).
    pub interp: PluginInterp,
    /// A constant-propagation frame (const_prop.rs): invisible to recursion detection, never
    /// parked and never cached as the MI's result.
    pub const_prop: bool,
}

/// What a call site learns about its callee.
#[derive(Clone, Debug)]
pub(crate) struct CalleeResult {
    pub rettype: Lattice,
    pub exctype: Ty,
    pub effects: Effects,
    /// The callee's CodeInstance; `None` while it is part of an unfinished cycle.
    pub ci: Option<CodeInstanceId>,
    pub worlds: (u64, u64),
}

impl CalleeResult {
    fn unknown() -> CalleeResult {
        CalleeResult {
            rettype: Lattice::ANY,
            exctype: Ty::ANY,
            effects: Effects::UNKNOWN,
            ci: None,
            worlds: (1, MAX_WORLD),
        }
    }
}

pub(crate) struct Engine<'a> {
    pub world: &'a mut World,
    /// The interpreter of the frame being inferred.
    pub interp: PluginInterp,
    /// `interp.owner`, the cache partition looked up and filled.
    pub owner: ConstValue,
    pub stack: Vec<Active>,
    parked: Vec<(Active, FrameResult)>,
}

impl<'a> Engine<'a> {
    pub fn new(world: &'a mut World, interp: &dyn Interp) -> Engine<'a> {
        let interp = PluginInterp::snapshot(interp);
        let owner = interp.owner.clone();
        Engine { world, interp, owner, stack: vec![], parked: vec![] }
    }

    /// Runs `f` under another interpreter, on the same stack, then switches back.
    pub fn with_interp<T>(&mut self, interp: PluginInterp, f: impl FnOnce(&mut Self) -> T) -> T {
        let owner = interp.owner.clone();
        let saved = std::mem::replace(&mut self.interp, interp);
        let saved_owner = std::mem::replace(&mut self.owner, owner);
        let r = f(self);
        self.interp = saved;
        self.owner = saved_owner;
        r
    }

    /// Whether (`mi`, `owner`) is being inferred (on the stack or parked in a cycle).
    pub fn in_progress(&self, mi: MethodInstanceId, owner: &ConstValue) -> bool {
        self.stack.iter().any(|a| !a.const_prop && a.mi == mi && a.interp.owner == *owner)
            || self.parked.iter().any(|(a, _)| a.mi == mi && a.interp.owner == *owner)
    }

    /// `typeinf_edge` under another owner's interpreter, joining this stack (the
    /// mid-inference interpreter switch). `None` when no finished CodeInstance comes out:
    /// the target is already being inferred (recursion across owners), or it ended up in an
    /// unfinished cycle, or inference gave up on it.
    pub fn typeinf_in(
        &mut self,
        interp: PluginInterp,
        mi: MethodInstanceId,
    ) -> Result<Option<CodeInstanceId>, InferError> {
        if self.world.get_method_instance(mi).is_none() || self.in_progress(mi, &interp.owner) {
            return Ok(None);
        }
        let r = self.with_interp(interp, |e| e.typeinf_edge(mi))?;
        Ok(r.ci)
    }

    /// Number of constant-propagation frames on the stack.
    pub fn const_prop_depth(&self) -> usize {
        self.stack.iter().filter(|a| a.const_prop).count()
    }

    pub fn typeinf_root(&mut self, mi: MethodInstanceId) -> Result<CodeInstanceId, InferError> {
        if self.world.get_method_instance(mi).is_none() {
            return Err(InferError::UnknownMethodInstance(mi));
        }
        let r = self.typeinf_edge(mi)?;
        // At the root nothing is on the stack, so the frame always finishes.
        r.ci.ok_or_else(|| InferError::MalformedSource("inference did not finish".into()))
    }

    pub fn return_type(&mut self, sig: Ty) -> Lattice {
        match crate::calls::call_signature(self, sig) {
            Ok(r) => r.rt,
            Err(_) => Lattice::ANY,
        }
    }

    pub fn callee_of_ci(&self, ci: CodeInstanceId) -> CalleeResult {
        let c = self.world.code_instance(ci);
        CalleeResult {
            rettype: c.rettype.clone(),
            exctype: c.exctype,
            effects: c.effects,
            ci: Some(ci),
            worlds: (c.min_world, c.max_world),
        }
    }

    /// The result of `mi` for a call site of the frame on top of the stack (`typeinf_edge`).
    pub fn typeinf_edge(&mut self, mi: MethodInstanceId) -> Result<CalleeResult, InferError> {
        let world = self.interp.world();
        if let Some(ci) = self.world.lookup_ci(mi, &self.owner, world) {
            return Ok(self.callee_of_ci(ci));
        }
        let owner = self.owner.clone();
        if let Some(k) =
            self.stack.iter().position(|a| !a.const_prop && a.mi == mi && a.interp.owner == owner)
        {
            self.mark_cycle(k);
            return Ok(self.provisional(&self.stack[k].clone()));
        }
        if let Some(p) = self.parked.iter().position(|(a, _)| a.mi == mi && a.interp.owner == owner) {
            let active = self.parked[p].0.clone();
            self.mark_cycle(active.cycle_head.unwrap_or(0));
            return Ok(self.provisional(&active));
        }
        if self.too_deep(mi) {
            return Ok(CalleeResult::unknown());
        }
        self.infer_new(mi)
    }

    fn provisional(&self, a: &Active) -> CalleeResult {
        let nothrow = a.exctype == Ty::BOTTOM;
        CalleeResult {
            rettype: a.rettype.clone(),
            exctype: a.exctype,
            effects: Effects { nothrow, effect_free: false, terminates: false },
            ci: None,
            worlds: (1, MAX_WORLD),
        }
    }

    /// Records that the frame on top of the stack depends on the frame at `head`.
    pub fn mark_cycle(&mut self, head: usize) {
        if let Some(top) = self.stack.last_mut() {
            top.cycle_head = Some(top.cycle_head.map_or(head, |h| h.min(head)));
        }
    }

    /// The signature a call of `method` on `sig` is inferred with, from the frame on top of the
    /// stack: `sig` itself, or a wider one when the same method is already being inferred on a
    /// less complex signature along the stack (Compiler/src/abstractinterpretation.jl
    /// `abstract_call_method`'s "limit argument type tuple growth", typelimits.rs). A
    /// `hardlimit` (several methods match) limits against any earlier frame of the method; a
    /// soft one only when that frame was itself called from the caller's method, so that
    /// recursion through another function is left alone, as Julia's `edge_matches_sv` does.
    pub fn limit_recursion(&mut self, method: MethodId, sig: Ty, hardlimit: bool) -> Ty {
        let Some(top) = self.stack.len().checked_sub(1) else { return sig };
        let method_of = |e: &Self, k: usize| e.world.method_instance(e.stack[k].mi).method;
        let caller_method = method_of(self, top);
        let mut topmost = None;
        for k in (0..=top).rev() {
            let frame = self.world.method_instance(self.stack[k].mi);
            if frame.method != method {
                continue;
            }
            if frame.spec_types == sig {
                // Direct self-recursion on the same signature is a cycle, not growth.
                return sig;
            }
            if topmost.is_some() || self.stack[k].interp.owner != self.owner {
                continue;
            }
            if hardlimit || (k > 0 && method_of(self, k - 1) == caller_method) {
                topmost = Some(k);
            }
        }
        let Some(topmost) = topmost else { return sig };
        let method_sig = self.world.method(method).sig;
        let store = &self.world.types;
        let nparams = |t: Ty| match store.kind(t) {
            TyKind::Tuple { elems, vararg } => elems.len() + usize::from(vararg.is_some()),
            _ => 0,
        };
        let mut spec_len = nparams(method_sig) + 1;
        let caller_spec = self.world.method_instance(self.stack[top].mi).spec_types;
        let comparison = if method == caller_method {
            // Under direct self-recursion the caller's own signature is the comparison.
            spec_len = spec_len.max(nparams(caller_spec));
            caller_spec
        } else if !hardlimit {
            self.world.method_instance(self.stack[topmost].mi).spec_types
        } else {
            method_sig
        };
        let source = if hardlimit { comparison } else { caller_spec };
        let store = &mut self.world.types;
        let limited = crate::typelimits::limit_type_size(
            store,
            sig,
            comparison,
            source,
            crate::typelimits::TUPLE_COMPLEXITY_LIMIT_DEPTH,
            spec_len,
        );
        if limited == sig {
            return sig;
        }
        // Still a specialization of the method (the limit may widen past its signature).
        store.intersect(limited, method_sig)
    }

    /// Stops runaway recursion with growing signatures (Julia limits type complexity instead).
    pub fn too_deep(&self, mi: MethodInstanceId) -> bool {
        let params = self.interp.params();
        if self.stack.len() >= params.max_stack_depth {
            return true;
        }
        let method = self.world.method_instance(mi).method;
        let same = self.stack.iter().filter(|a| self.world.method_instance(a.mi).method == method).count();
        same >= params.max_method_recursion
    }

    fn infer_new(&mut self, mi: MethodInstanceId) -> Result<CalleeResult, InferError> {
        let idx = self.stack.len();
        self.stack.push(Active {
            mi,
            rettype: Lattice::BOTTOM,
            exctype: Ty::BOTTOM,
            cycle_head: None,
            interp: self.interp.clone(),
            const_prop: false,
        });
        let result = match crate::frame::run_frame(self, mi, None) {
            Ok(r) => r,
            Err(e) => {
                self.stack.pop();
                return Err(e);
            }
        };
        match self.stack[idx].cycle_head {
            None => {
                self.stack.pop();
                let cis = self.finalize(vec![(mi, result)], false);
                Ok(self.callee_of_ci(cis[0]))
            }
            Some(head) if head >= idx => {
                let members = self.iterate_cycle(idx, result)?;
                self.stack.pop();
                let cis = self.finalize(members, true);
                Ok(self.callee_of_ci(cis[0]))
            }
            Some(head) => {
                let mut active = self.stack.pop().unwrap_or_else(|| unreachable_active(mi));
                active.rettype = result.rettype.clone();
                active.exctype = result.exctype;
                self.park(idx, head, active, result.clone());
                let parked =
                    &self.parked.last().map(|(a, _)| a.clone()).unwrap_or_else(|| unreachable_active(mi));
                Ok(self.provisional(parked))
            }
        }
    }

    /// Parks a frame that depends on `head`, below it on the stack; frames parked on this one
    /// now wait for `head` too, and so does this frame's caller.
    fn park(&mut self, idx: usize, head: usize, active: Active, result: FrameResult) {
        for (p, _) in &mut self.parked {
            if p.cycle_head.is_some_and(|h| h >= idx) {
                p.cycle_head = Some(head);
            }
        }
        self.parked.push((active, result));
        self.mark_cycle(head);
    }

    /// Re-infers the cycle headed by the frame at `idx` until no return or exception type
    /// changes; after `max_cycle_iterations` rounds every changing result is widened to `Any`.
    fn iterate_cycle(
        &mut self,
        idx: usize,
        first: FrameResult,
    ) -> Result<Vec<(MethodInstanceId, FrameResult)>, InferError> {
        let head_mi = self.stack[idx].mi;
        let mut head_result = first;
        let mut round = 0;
        loop {
            let mut changed = self.update_head(idx, &head_result, round);
            self.stack[idx].cycle_head = None;
            head_result = crate::frame::run_frame(self, head_mi, None)?;
            changed |= self.update_head(idx, &head_result, round);
            changed |= self.rerun_members(idx, round)?;
            if !changed || round > self.interp.params().max_cycle_iterations + 1 {
                break;
            }
            round += 1;
        }
        let mut members = vec![(head_mi, head_result)];
        let mut rest = Vec::new();
        for (a, r) in std::mem::take(&mut self.parked) {
            if a.cycle_head == Some(idx) {
                members.push((a.mi, r));
            } else {
                rest.push((a, r));
            }
        }
        self.parked = rest;
        Ok(members)
    }

    /// One round over the parked members of the cycle headed at `idx` (members found during
    /// the round join it). Returns whether any approximation changed.
    fn rerun_members(&mut self, idx: usize, round: usize) -> Result<bool, InferError> {
        let mut changed = false;
        let mut done: Vec<MethodInstanceId> = Vec::new();
        while let Some(i) =
            self.parked.iter().position(|(a, _)| a.cycle_head == Some(idx) && !done.contains(&a.mi))
        {
            let (mut active, _) = self.parked.remove(i);
            done.push(active.mi);
            active.cycle_head = None;
            let member_idx = self.stack.len();
            let mi = active.mi;
            let interp = active.interp.clone();
            self.stack.push(active);
            // A member may belong to another owner than the head (a cycle through a folded
            // `typeinf`): re-infer it under its own interpreter.
            let r = self.with_interp(interp, |e| crate::frame::run_frame(e, mi, None));
            let mut active = self.stack.pop().unwrap_or_else(|| unreachable_active(mi));
            let r = r?;
            for (p, _) in &mut self.parked {
                if p.cycle_head.is_some_and(|h| h >= member_idx) {
                    p.cycle_head = Some(idx);
                }
            }
            changed |= self.widen_into(&mut active, &r, round);
            active.cycle_head = Some(idx);
            self.parked.push((active, r));
        }
        Ok(changed)
    }

    fn update_head(&mut self, idx: usize, r: &FrameResult, round: usize) -> bool {
        let mut active = self.stack[idx].clone();
        let changed = self.widen_into(&mut active, r, round);
        self.stack[idx].rettype = active.rettype;
        self.stack[idx].exctype = active.exctype;
        changed
    }

    /// Joins a new result into an approximation; past the round limit the approximation jumps
    /// to `Any` so the cycle converges. Returns whether it changed.
    fn widen_into(&mut self, active: &mut Active, r: &FrameResult, round: usize) -> bool {
        let store = &mut self.world.types;
        let mut rt = active.rettype.join(&r.rettype, store);
        let mut et = Lattice::Type(active.exctype).join(&Lattice::Type(r.exctype), store).widen(store);
        if round >= self.interp.params().max_cycle_iterations
            && (rt != active.rettype || et != active.exctype)
        {
            rt = Lattice::ANY;
            et = Ty::ANY;
        }
        let changed = rt != active.rettype || et != active.exctype;
        active.rettype = rt;
        active.exctype = et;
        changed
    }

    /// Stores finished frames as CodeInstances (members of one cycle share a world range) and
    /// points their calls to each other at the new CodeInstances. Returns them in order.
    fn finalize(&mut self, frames: Vec<(MethodInstanceId, FrameResult)>, cycle: bool) -> Vec<CodeInstanceId> {
        let (mut min, mut max) = (1u64, MAX_WORLD);
        for (_, r) in &frames {
            min = min.max(r.min_world);
            max = max.min(r.max_world);
        }
        let mut ids = Vec::with_capacity(frames.len());
        let mut by_mi: FxHashMap<MethodInstanceId, CodeInstanceId> = FxHashMap::default();
        for (mi, r) in &frames {
            let (lo, hi) = if cycle { (min, max) } else { (r.min_world, r.max_world) };
            let mut effects = r.effects;
            if cycle {
                effects.terminates = false;
            }
            let ci = self.world.insert_ci(CodeInstance {
                def: *mi,
                owner: r.owner.clone(),
                min_world: lo,
                max_world: hi,
                rettype: r.rettype.clone(),
                exctype: r.exctype,
                effects,
                typed: None,
                inferred: None,
                edges: r.edges.clone(),
            });
            by_mi.insert(*mi, ci);
            ids.push(ci);
        }
        for ((_, r), &ci) in frames.into_iter().zip(&ids) {
            let mut body = r.body;
            crate::frame::patch_cycle_infos(&mut body, &by_mi);
            self.world.code_instance_mut(ci).typed = Some(Rc::new(body));
        }
        ids
    }
}

/// A frame the engine itself pushed is always there to pop; this keeps that invariant free
/// of `unwrap`.
fn unreachable_active(mi: MethodInstanceId) -> Active {
    Active {
        mi,
        rettype: Lattice::ANY,
        exctype: Ty::ANY,
        cycle_head: None,
        interp: PluginInterp {
            world: 0,
            owner: ConstValue::nothing(),
            method_table: types::MethodTableId(0),
            params: crate::InferParams::DEFAULT,
            inlining: true,
        },
        const_prop: false,
    }
}
