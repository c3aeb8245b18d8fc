//! Global bindings of the modules `Core`, `Base` and `Main`, and generic-function creation.
//!
//! Only constants carry a value here (inference sees them as `Const`); the runtime stores the
//! values of non-constant globals itself, world only records that such a binding exists.

use std::rc::Rc;

use ir::GlobalRef;
use types::{CodeInstanceId, ConstValue, Ty, TyKind};

use crate::World;

#[derive(serde::Serialize, serde::Deserialize, Clone, PartialEq, Debug)]
pub struct Binding {
    /// The value of a constant binding; `None` for a non-constant global, and for a constant
    /// whose value has no compile-time form (`const K = [1, 2]`: a mutable object, whose
    /// identity matters), which the runtime stores as it stores globals.
    pub value: Option<ConstValue>,
    pub constant: bool,
    /// The type of such a constant's value: what code reading it may assume (Julia's
    /// inference sees the object itself; its type is what the subset needs).
    pub value_type: Option<Ty>,
}

#[derive(Clone, PartialEq, Debug)]
pub enum BindingError {
    /// `const x = v` where `x` is already a constant with a different value.
    ConstRedefinition { module: Rc<str>, name: Rc<str> },
    /// `const x = v` where `x` is already a non-constant global.
    ConstOverGlobal { module: Rc<str>, name: Rc<str> },
}

impl std::fmt::Display for BindingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BindingError::ConstRedefinition { module, name } => {
                write!(f, "invalid redefinition of constant {module}.{name}")
            }
            BindingError::ConstOverGlobal { module, name } => {
                write!(f, "cannot declare {module}.{name} constant; it was already declared global")
            }
        }
    }
}

impl std::error::Error for BindingError {}

/// The modules whose names `module` sees, in resolution order (Julia's `using` chain:
/// `Main` uses `Base`, `Base` uses `Core`).
fn search_path(module: &str) -> &'static [&'static str] {
    match module {
        "Core" => &["Core"],
        "Base" => &["Base", "Core"],
        _ => &["Base", "Core"],
    }
}

impl World {
    /// Resolves a global: the module itself, then the modules it uses (`Main` -> `Base` ->
    /// `Core`). `Base.x` therefore never sees `Main`'s names. Returns the module that owns the
    /// binding.
    pub fn resolve(&self, global: &GlobalRef) -> Option<(Rc<str>, &Binding)> {
        let key = (global.module.clone(), global.name.clone());
        if let Some((k, b)) = self.bindings.get_key_value(&key) {
            return Some((k.0.clone(), b));
        }
        for &m in search_path(&global.module) {
            let key: (Rc<str>, Rc<str>) = (m.into(), global.name.clone());
            if let Some((k, b)) = self.bindings.get_key_value(&key) {
                return Some((k.0.clone(), b));
            }
        }
        None
    }

    /// The binding `module.name` itself, without looking into used modules.
    pub fn binding(&self, module: &str, name: &str) -> Option<&Binding> {
        self.bindings.get(&(Rc::from(module), Rc::from(name)))
    }

    /// The constant value a global resolves to, if it is a constant.
    pub fn resolve_const(&self, global: &GlobalRef) -> Option<&ConstValue> {
        let (_, b) = self.resolve(global)?;
        if b.constant {
            b.value.as_ref()
        } else {
            None
        }
    }

    /// `const module.name = value` where the binding may already be a constant with another
    /// value: Julia 1.12 redefines it in a new world (NEWS, #57253). The CodeInstances whose
    /// typed IR reads the binding are capped at the old world, transitively through their
    /// callers, so the next call re-infers with the new value. (Julia also keeps the old value
    /// for code running in older worlds; here a binding has one value.)
    pub fn redefine_const(
        &mut self,
        module: &str,
        name: &str,
        value: ConstValue,
    ) -> Result<(), BindingError> {
        let redefining =
            self.binding(module, name).is_some_and(|b| b.constant && b.value.as_ref() != Some(&value));
        if !redefining {
            return self.set_const(module, name, value);
        }
        self.bindings.insert(
            (module.into(), name.into()),
            Binding { value: Some(value), constant: true, value_type: None },
        );
        self.invalidate_readers(module, name);
        Ok(())
    }

    /// `const module.name = v` for a value without a compile-time form (a mutable object), of
    /// type `ty`: the runtime holds the value; code reading the binding assumes `ty`. Defining
    /// it again (always another object) redefines it in a new world, as `redefine_const` does.
    pub fn set_const_object(&mut self, module: &str, name: &str, ty: Ty) -> Result<(), BindingError> {
        let key: (Rc<str>, Rc<str>) = (module.into(), name.into());
        let existing = self.bindings.get(&key).map(|b| b.constant);
        if existing == Some(false) {
            return Err(BindingError::ConstOverGlobal { module: key.0, name: key.1 });
        }
        self.bindings.insert(key, Binding { value: None, constant: true, value_type: Some(ty) });
        if existing == Some(true) {
            self.invalidate_readers(module, name);
        }
        Ok(())
    }

    /// The type code may assume for a global that is a constant without a compile-time value
    /// (`set_const_object`).
    pub fn global_type(&self, global: &GlobalRef) -> Option<Ty> {
        let (_, b) = self.resolve(global)?;
        if b.constant && b.value.is_none() {
            b.value_type
        } else {
            None
        }
    }

    /// Whether `global` resolves to a constant binding (of either kind).
    pub fn is_const_binding(&self, global: &GlobalRef) -> bool {
        self.resolve(global).is_some_and(|(_, b)| b.constant)
    }

    /// A constant binding `name` got a new value: the world advances, and the CodeInstances
    /// whose typed IR reads it are capped at the old world (with their callers).
    fn invalidate_readers(&mut self, module: &str, name: &str) {
        let cap = self.world_counter();
        let world = self.advance_world();
        self.last_invalidation = crate::Invalidation::default();
        let cause = crate::InvalidationCause::ConstRedefined { module: module.into(), name: name.into() };
        self.invalidation_log.begin(cause, world);
        let root = self.invalidation_log.add_root(crate::RootKind::Binding);
        let readers: Vec<CodeInstanceId> = self
            .code_instances
            .iter()
            .enumerate()
            .filter(|(_, ci)| ci.max_world == crate::MAX_WORLD)
            .filter(|(_, ci)| ci.typed.as_deref().is_some_and(|body| reads_global(body, name)))
            .map(|(i, _)| CodeInstanceId(i as u32))
            .collect();
        for ci in readers {
            self.cap_callers(ci, cap, root, None);
        }
        self.invalidation_log.finish();
    }

    /// `const module.name = value`. Setting the same value again is allowed (Julia's
    /// egal re-definition is a no-op).
    pub fn set_const(&mut self, module: &str, name: &str, value: ConstValue) -> Result<(), BindingError> {
        let key: (Rc<str>, Rc<str>) = (module.into(), name.into());
        match self.bindings.get(&key) {
            Some(b) if b.constant && b.value.as_ref() != Some(&value) => {
                Err(BindingError::ConstRedefinition { module: key.0, name: key.1 })
            }
            Some(b) if !b.constant => Err(BindingError::ConstOverGlobal { module: key.0, name: key.1 }),
            _ => {
                self.bindings.insert(key, Binding { value: Some(value), constant: true, value_type: None });
                Ok(())
            }
        }
    }

    /// `global module.name` (or a first non-constant assignment): records a non-constant
    /// binding. Declaring an existing binding again is a no-op.
    pub fn declare_global(&mut self, module: &str, name: &str) {
        let key: (Rc<str>, Rc<str>) = (module.into(), name.into());
        self.bindings.entry(key).or_insert(Binding { value: None, constant: false, value_type: None });
    }

    /// Creates the generic function `module.name` if it does not exist and returns the type
    /// its methods dispatch on: `typeof(name)`, or `Type{T}` if `name` is bound to a type
    /// (constructors). A binding to something else is left alone (the caller reports it).
    pub fn define_function(&mut self, module: &str, name: &str) -> Ty {
        if let Some(existing) = self.binding(module, name).and_then(|b| b.value.clone()) {
            match existing {
                ConstValue::Singleton(ty) if self.is_function_type(ty) => return ty,
                ConstValue::Type(t) => return self.types.type_type(t),
                _ => {}
            }
        }
        let ty = self.types.define_function(name, false);
        if self.binding(module, name).is_none() {
            let key: (Rc<str>, Rc<str>) = (module.into(), name.into());
            self.bindings.insert(
                key,
                Binding { value: Some(ConstValue::Singleton(ty)), constant: true, value_type: None },
            );
        }
        ty
    }

    /// Creates a builtin's binding (`Core.getfield`) as a constant.
    pub fn define_builtin(&mut self, module: &str, name: &str, value: ConstValue) {
        let key: (Rc<str>, Rc<str>) = (module.into(), name.into());
        self.bindings.insert(key, Binding { value: Some(value), constant: true, value_type: None });
    }

    /// Whether `ty` is the singleton type of a function (`typeof(f)`).
    pub fn is_function_type(&self, ty: Ty) -> bool {
        matches!(self.types.kind(ty), TyKind::Data { .. })
            && self.types.issubtype(ty, Ty::FUNCTION)
            && self.types.is_singleton(ty)
    }
}

/// Whether `body` reads a global named `name`, in any module: a constant's readers may name it
/// qualified (`Main.X`) or through a module that uses it, so this errs on the side of readers.
fn reads_global(body: &ir::Body, name: &str) -> bool {
    let is_it = |op: &ir::Operand| matches!(op, ir::Operand::Global(g) if &*g.name == name);
    body.insts.iter().any(|(_, inst)| inst.kind.operands().into_iter().any(is_it))
        || body.blocks.iter().any(|(_, block)| block.edge_operands().into_iter().any(is_it))
}
