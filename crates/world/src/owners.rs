//! What a cache owner token stands for (issue 3, SEMANTICS.md §1.3): `nothing` is the native
//! interpreter, the prelude's `Base.SplitCacheOwner(version)` a plugin partition with the global
//! method table, `Base.PluginOwner(name, method_table, inlining)` a plugin with an overlay table
//! and its own inlining switch; any other value is a partition with the global table.
//!
//! This lives in `world` (not `infer`) so that both inference (`infer::interp_for_owner`) and
//! the optimizer (`owner_allows_inlining` for a CodeInstance) decode owners the same way. It does
//! not create owners or compare them (owners are compared with `==`, egal).

use ir::GlobalRef;
use types::{ConstValue, MethodTableId, Ty};

use crate::World;

/// The interpreter settings a cache owner stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OwnerSettings {
    /// Where lookups start; an overlay falls back to the global table.
    pub method_table: MethodTableId,
    /// Whether the optimizer may inline code of this owner (into code of the same owner).
    pub inlining: bool,
}

impl OwnerSettings {
    pub const GLOBAL: OwnerSettings = OwnerSettings { method_table: MethodTableId(0), inlining: true };
}

impl World {
    /// The type a prelude constant `Base.name` is bound to, if it is a type.
    fn prelude_type(&self, name: &str) -> Option<Ty> {
        self.resolve_const(&GlobalRef::new("Base", name)).and_then(ConstValue::as_type)
    }

    /// Decodes an owner token. `PluginOwner`'s fields are found by name (`method_table`,
    /// `inlining`), so the prelude may order them as it likes; a field of an unexpected kind
    /// falls back to the global table / inlining on.
    pub fn owner_settings(&self, owner: &ConstValue) -> OwnerSettings {
        let ConstValue::Struct { ty, fields } = owner else { return OwnerSettings::GLOBAL };
        if Some(*ty) != self.prelude_type("PluginOwner") {
            return OwnerSettings::GLOBAL;
        }
        let names = self.types.fields(*ty);
        let field = |name: &str| names.iter().position(|f| &*f.name == name).and_then(|i| fields.get(i));
        let method_table = match field("method_table") {
            Some(ConstValue::MethodTable(t)) if self.method_table(*t).is_some() => *t,
            _ => MethodTableId(0),
        };
        let inlining = !matches!(field("inlining"), Some(ConstValue::Bool(false)));
        OwnerSettings { method_table, inlining }
    }

    /// Whether code owned by `ci`'s owner may be inlined (native code always may).
    pub fn owner_allows_inlining(&self, ci: types::CodeInstanceId) -> bool {
        self.get_code_instance(ci).is_none_or(|c| self.owner_settings(&c.owner).inlining)
    }
}
