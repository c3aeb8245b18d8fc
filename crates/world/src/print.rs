//! `ir::PrintContext` over a `World`: type names from the store, and `invoke` callees from the
//! CodeInstance's MethodInstance (Compiler/src/ssair/show.jl prints the MI's function and
//! `specTypes`). It does not lay out IR; `ir` does.

use ir::PrintContext;
use types::{CodeInstanceId, Ty, TyKind};

use crate::World;

impl PrintContext for World {
    fn type_name(&self, ty: Ty) -> String {
        self.types.display(ty)
    }

    fn invoke_callee(&self, ci: CodeInstanceId) -> (String, Vec<Ty>) {
        let Some(c) = self.get_code_instance(ci) else { return (ci.to_string(), vec![]) };
        let mi = self.method_instance(c.def);
        let name = self.method(mi.method).name.to_string();
        let args = match self.types.kind(mi.spec_types) {
            TyKind::Tuple { elems, .. } => elems.iter().skip(1).copied().collect(),
            _ => vec![],
        };
        (name, args)
    }
}
