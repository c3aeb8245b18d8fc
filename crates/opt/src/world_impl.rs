//! `OptContext` for the runtime's `world::World`: the accessors the optimizer reads.
//!
//! Deliberately not here: storing the optimized body (the runtime calls `World::set_inferred`
//! with `Optimized::body`).

use ir::Body;
use types::{CodeInstanceId, ConstValue, Ty, TypeStore};
use world::World;

use crate::OptContext;

impl OptContext for World {
    fn types(&mut self) -> &mut TypeStore {
        &mut self.types
    }

    fn typed_body(&self, ci: CodeInstanceId) -> Option<&Body> {
        self.get_code_instance(ci)?.typed.as_deref()
    }

    fn inferred_body(&self, ci: CodeInstanceId) -> Option<&Body> {
        self.get_code_instance(ci)?.inferred.as_deref()
    }

    fn owner(&self, ci: CodeInstanceId) -> ConstValue {
        // An unknown id is treated as a foreign owner nobody else has, so nothing is inlined.
        self.get_code_instance(ci).map_or(ConstValue::Symbol("#unknown".into()), |c| c.owner.clone())
    }

    fn spec_types(&self, ci: CodeInstanceId) -> Ty {
        let mi = self.get_code_instance(ci).and_then(|c| self.get_method_instance(c.def));
        // `Union{}` makes every subtype check fail, so an unknown CI is never invoked directly.
        mi.map_or(Ty::BOTTOM, |mi| mi.spec_types)
    }

    fn method_inline(&self, ci: CodeInstanceId) -> Option<bool> {
        let mi = self.get_method_instance(self.get_code_instance(ci)?.def)?;
        self.get_method(mi.method)?.inline
    }

    fn global_constant(&self, g: &ir::GlobalRef) -> Option<ConstValue> {
        self.resolve_const(g).cloned()
    }

    fn vararg_nargs(&self, ci: CodeInstanceId) -> Option<usize> {
        let mi = self.get_method_instance(self.get_code_instance(ci)?.def)?;
        let method = self.get_method(mi.method)?;
        method.is_vararg.then_some(method.nargs)
    }

    fn owner_allows_inlining(&self, ci: CodeInstanceId) -> bool {
        World::owner_allows_inlining(self, ci)
    }

    fn add_inlining_edge(&mut self, caller: CodeInstanceId, callee: CodeInstanceId) {
        // The caller's code now contains the callee's: it is valid only where the callee is.
        let Some((min, max)) = self.get_code_instance(callee).map(|c| (c.min_world, c.max_world)) else {
            return;
        };
        if self.get_code_instance(caller).is_none() {
            return;
        }
        let c = self.code_instance_mut(caller);
        c.min_world = c.min_world.max(min);
        c.max_world = c.max_world.min(max);
        self.add_edge(caller, world::Edge::CodeInstance(callee));
    }

    fn name(&self, ci: CodeInstanceId) -> String {
        let method = self
            .get_code_instance(ci)
            .and_then(|c| self.get_method_instance(c.def))
            .and_then(|mi| self.get_method(mi.method));
        method.map_or_else(|| ci.to_string(), |m| m.name.to_string())
    }
}
