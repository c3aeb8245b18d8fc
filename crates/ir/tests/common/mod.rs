//! Hand-built bodies and builders shared by the integration tests.
#![allow(dead_code)]

use ir::{BlockTarget, Body, Builtin, GlobalRef, InstKind, Operand, Span, Terminator, Value};
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

pub fn args(names: &[&str]) -> Body {
    Body::new(names.iter().map(|n| Some((*n).into())).collect())
}

pub fn int(i: i64) -> Operand {
    Operand::Const(ConstValue::Int(i))
}

pub fn builtin(b: Builtin) -> Operand {
    Operand::Const(ConstValue::Builtin(b.id()))
}

/// Appends `b(args...)` typed `ty` to `block` and returns its value.
pub fn call(body: &mut Body, block: ir::Block, b: Builtin, rest: Vec<Operand>, ty: Ty) -> Value {
    let mut all = vec![builtin(b)];
    all.extend(rest);
    let inst = body.push_inst(block, InstKind::Call { args: all }, Span::default(), true);
    let v = body.result(inst);
    body.types.set(v, Lattice::Type(ty));
    v
}

pub fn ret(body: &mut Body, block: ir::Block, op: impl Into<Operand>) {
    body.set_term(block, Terminator::Return(op.into()), Span::default());
}

pub fn jump(block: ir::Block, args: Vec<Operand>) -> Terminator {
    Terminator::Jump(BlockTarget { block, args })
}

pub fn target(block: ir::Block) -> BlockTarget {
    BlockTarget { block, args: vec![] }
}

/// `g(x) = x < 0 ? -x : x` (julia-formats.md §4.5, derived).
pub fn abs_body() -> Body {
    let mut body = args(&["#self#", "x"]);
    let b1 = body.entry();
    let b2 = body.new_block();
    let b3 = body.new_block();
    body.layout.extend([b2, b3]);
    let x = body.arg(1);
    let c = call(&mut body, b1, Builtin::SltInt, vec![x.into(), int(0)], Ty::BOOL);
    let br = Terminator::Branch { cond: c.into(), then_dest: target(b2), else_dest: target(b3) };
    body.set_term(b1, br, Span::default());
    let neg = call(&mut body, b2, Builtin::NegInt, vec![x.into()], Ty::INT64);
    ret(&mut body, b2, neg);
    ret(&mut body, b3, x);
    body
}

/// `function f(init, n); s = init; i = 1; while i <= n; s += sin(i); i += 1; end; s; end` in
/// SSA form: two φ nodes in the loop header, an `invoke`, a join block.
pub fn loop_body() -> Body {
    let mut body = args(&["#self#", "init", "n"]);
    let (init, n) = (body.arg(1), body.arg(2));
    let entry = body.entry();
    let header = body.new_block();
    let latch = body.new_block();
    let exit = body.new_block();
    body.layout.extend([header, latch, exit]);
    let i = body.add_block_param(header);
    let s = body.add_block_param(header);
    body.types.set(i, Lattice::Type(Ty::INT64));
    body.types.set(s, Lattice::Type(Ty::FLOAT64));
    body.set_term(entry, jump(header, vec![int(1), init.into()]), Span::default());
    let c = call(&mut body, header, Builtin::SleInt, vec![i.into(), n.into()], Ty::BOOL);
    let br = Terminator::Branch { cond: c.into(), then_dest: target(latch), else_dest: target(exit) };
    body.set_term(header, br, Span::default());
    let fi = call(
        &mut body,
        latch,
        Builtin::Sitofp,
        vec![Operand::Const(ConstValue::Type(Ty::FLOAT64)), i.into()],
        Ty::FLOAT64,
    );
    let sin = Operand::Global(GlobalRef::new("Base.Math", "sin"));
    let inv = InstKind::Invoke { ci: CodeInstanceId(0), args: vec![sin, fi.into()] };
    let inv = body.push_inst(latch, inv, Span::default(), true);
    let sv = body.result(inv);
    body.types.set(sv, Lattice::Type(Ty::FLOAT64));
    let s2 = call(&mut body, latch, Builtin::AddFloat, vec![s.into(), sv.into()], Ty::FLOAT64);
    let i2 = call(&mut body, latch, Builtin::AddInt, vec![i.into(), int(1)], Ty::INT64);
    body.set_term(latch, jump(header, vec![i2.into(), s2.into()]), Span::default());
    ret(&mut body, exit, s);
    body
}
