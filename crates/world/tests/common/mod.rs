//! Helpers shared by the world tests: defining methods with dummy bodies and printing results.
#![allow(dead_code)] // each test file uses a different subset

use std::rc::Rc;

use types::{ConstValue, Lattice, MethodId, MethodInstanceId, MethodTableId, Ty};
use world::{CodeInstance, DispatchError, Edge, NewMethod, World, MAX_WORLD};

pub fn body(nargs: usize) -> Rc<ir::Body> {
    Rc::new(ir::Body::new(vec![None; nargs]))
}

pub fn def(world: &mut World, name: &str, args: &[Ty], vararg: bool, table: MethodTableId) -> MethodId {
    let func_ty = world.define_function("Main", name);
    def_for(world, name, func_ty, args, vararg, table)
}

/// A method named `name` of the callable type `func_ty` (a function's singleton type, or
/// `Type{T}` for a constructor).
pub fn def_for(
    world: &mut World,
    name: &str,
    func_ty: Ty,
    args: &[Ty],
    vararg: bool,
    table: MethodTableId,
) -> MethodId {
    world.add_method(NewMethod {
        name: name.into(),
        module: "Main".into(),
        func_ty,
        arg_types: args.to_vec(),
        is_vararg: vararg,
        source: body(args.len() + 1),
        lowered: body(args.len() + 1),
        inline: None,
        table,
        span: ir::Span::default(),
    })
}

pub fn func(world: &mut World, name: &str) -> Ty {
    world.define_function("Main", name)
}

pub fn sig(world: &mut World, name: &str, args: &[Ty]) -> Ty {
    let f = func(world, name);
    let mut elems = vec![f];
    elems.extend_from_slice(args);
    world.types.tuple(elems)
}

/// A native CI for the only instance of `method` at `args`, with the given edges.
pub fn ci_with_edges(
    world: &mut World,
    name: &str,
    method: MethodId,
    args: &[Ty],
    edges: Vec<Edge>,
) -> types::CodeInstanceId {
    let mi = mi(world, name, method, args);
    let mut ci: CodeInstance = world.blank_ci(mi, ConstValue::nothing(), world.world_counter(), Lattice::ANY);
    ci.edges = edges;
    world.insert_ci(ci)
}

pub fn mi(world: &mut World, name: &str, method: MethodId, args: &[Ty]) -> MethodInstanceId {
    let s = sig(world, name, args);
    world.specialize(method, s)
}

pub fn show_dispatch(world: &World, r: Result<MethodId, DispatchError>) -> String {
    match r {
        Ok(m) => world.types.display(world.method(m).sig),
        Err(DispatchError::NoMethod) => "no method".to_string(),
        Err(DispatchError::Ambiguous(ms)) => {
            let sigs: Vec<String> = ms.iter().map(|&m| world.types.display(world.method(m).sig)).collect();
            format!("ambiguous: {}", sigs.join(" | "))
        }
    }
}

pub fn show_range(world: &World, ci: types::CodeInstanceId) -> String {
    let c = world.code_instance(ci);
    let max = if c.max_world == MAX_WORLD { "∞".to_string() } else { c.max_world.to_string() };
    format!("[{}, {}]", c.min_world, max)
}
