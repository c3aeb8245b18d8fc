//! The optimizer over the runtime's `world::World` (its `OptContext` implementation): method
//! `@noinline`, cache owners and the world range narrowing that inlining implies.

mod common;

use std::rc::Rc;

use common::*;
use expect_test::expect;
use ir::{Body, Builtin, Operand, StorePrintContext};
use opt::{InlineMode, OptParams};
use types::{CodeInstanceId, ConstValue, Lattice, MethodTableId, Ty};
use world::{NewMethod, World};

/// Defines `name(x::Int64)` with `inline`, and a native CodeInstance of it whose typed body
/// is built by `build` (given the function's value).
fn define(
    world: &mut World,
    name: &str,
    inline: Option<bool>,
    build: impl FnOnce(&mut Builder),
) -> (CodeInstanceId, Operand) {
    let fty = world.define_function("Main", name);
    let fv = Operand::Const(ConstValue::Singleton(fty));
    let method = world.add_method(NewMethod {
        name: name.into(),
        module: "Main".into(),
        func_ty: fty,
        arg_types: vec![Ty::INT64],
        is_vararg: false,
        source: Rc::new(Body::new(vec![None, Some("x".into())])),
        lowered: Rc::new(Body::new(vec![None, Some("x".into())])),
        inline,
        table: MethodTableId(0),
        span: ir::Span::default(),
    });
    let spec = world.types.tuple(vec![fty, Ty::INT64]);
    let mi = world.specialize(method, spec);
    let mut b = Builder::new(Lattice::Const(ConstValue::Singleton(fty)), &["x"], &[int()]);
    build(&mut b);
    let mut ci = world.blank_ci(mi, ConstValue::nothing(), world.world_counter(), int());
    ci.typed = Some(Rc::new(b.finish()));
    (world.insert_ci(ci), fv)
}

fn optimize(world: &mut World, ci: CodeInstanceId, mode: InlineMode) -> opt::Optimized {
    let params = OptParams { inlining: mode, verify: true, ..OptParams::default() };
    let out = opt::optimize(world, ci, &params).expect("optimize");
    world.set_inferred(ci, Rc::new(out.body.clone()));
    out
}

/// `f(x) = x * 2` and `g(x) = f(x) + 1`, `f` optimized.
fn f_and_g(world: &mut World, f_inline: Option<bool>) -> (CodeInstanceId, CodeInstanceId) {
    let (f, fv) = define(world, "f", f_inline, |b| {
        let x = b.arg(1);
        let r = b.builtin(Builtin::MulInt, vec![x, c(2)], int(), PURE);
        b.ret(r);
    });
    let (g, _) = define(world, "g", None, |b| {
        let x = b.arg(1);
        let y = b.call(fv, f, vec![x], int(), PURE);
        let r = b.builtin(Builtin::AddInt, vec![y, c(1)], int(), PURE);
        b.ret(r);
    });
    optimize(world, f, InlineMode::Heuristic);
    (f, g)
}

#[test]
fn inlines_through_the_world() {
    let mut world = World::new();
    let (f, g) = f_and_g(&mut world, None);
    let cap = world.world_counter() + 10;
    world.code_instance_mut(f).max_world = cap;
    assert_eq!(world.code_instance(g).max_world, world::MAX_WORLD);
    let out = optimize(&mut world, g, InlineMode::Heuristic);
    assert_eq!(out.inlined, vec![f]);
    // The caller now holds the callee's code: its range lies inside the callee's.
    assert_eq!(world.code_instance(g).max_world, cap);
    let pcx = StorePrintContext::new(&world.types);
    expect![[r#"
        CodeInfo(
        1 ─ %1 = intrinsic Base.mul_int(x, 2)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]]
    .assert_eq(&ir::print_typed(&out.body, &int(), &pcx));
}

#[test]
fn method_noinline_is_read_from_the_world() {
    let mut world = World::new();
    let (f, g) = f_and_g(&mut world, Some(false));
    let out = optimize(&mut world, g, InlineMode::Always);
    assert!(out.inlined.is_empty());
    let pcx = StorePrintContext::new(&world.types).with_callee(f, "f", vec![Ty::INT64]);
    expect![[r#"
        CodeInfo(
        1 ─ %1 =    invoke f(x::Int64)::Int64
        │   %2 = intrinsic Base.add_int(%1, 1)::Int64
        └──      return %2
        ) => Int64"#]]
    .assert_eq(&ir::print_typed(&out.body, &int(), &pcx));
}

#[test]
fn a_plugin_callee_is_never_inlined_into_native_code() {
    let mut world = World::new();
    let (f, g) = f_and_g(&mut world, None);
    world.code_instance_mut(f).owner = ConstValue::Symbol("SplitCacheOwner".into());
    let out = optimize(&mut world, g, InlineMode::Always);
    assert!(out.inlined.is_empty());
    assert!(out.body.insts.iter().any(|(_, d)| matches!(d.kind, ir::InstKind::Invoke { ci, .. } if ci == f)));
}
