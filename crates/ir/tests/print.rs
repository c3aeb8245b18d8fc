//! Snapshot tests of `print_typed` / `print_lowered` on hand-built bodies, checked against the
//! real Julia 1.12 outputs quoted in docs/julia-formats.md §4.

mod common;

use common::*;
use expect_test::{expect, Expect};
use ir::print::StorePrintContext;
use ir::{print_lowered, print_typed, Body, Builtin, GlobalRef, InstKind, Operand, Span, Terminator};
use types::{CodeInstanceId, ConstValue, Lattice, Ty, TypeStore};

fn check_typed(body: &Body, ret: Ty, expect: Expect) {
    let store = TypeStore::new();
    let cx =
        StorePrintContext::new(&store).with_callee(CodeInstanceId(0), "Base.Math.sin", vec![Ty::FLOAT64]);
    expect.assert_eq(&print_typed(body, &Lattice::Type(ret), &cx));
}

fn check_lowered(body: &Body, expect: Expect) {
    let store = TypeStore::new();
    expect.assert_eq(&print_lowered(body, &StorePrintContext::new(&store)));
}

#[test]
fn add_one_typed() {
    // `f(x) = x + 1; @code_typed f(1)`, real 1.12 output.
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let x = body.arg(1);
    let v = call(&mut body, e, Builtin::AddInt, vec![x.into(), int(1)], Ty::INT64);
    ret(&mut body, e, v);
    check_typed(
        &body,
        Ty::INT64,
        expect![[r#"
            CodeInfo(
            1 ─ %1 = intrinsic Base.add_int(x, 1)::Int64
            └──      return %1
            ) => Int64"#]],
    );
}

#[test]
fn add_one_float_const_types_widen() {
    // `@code_typed f(1.0)`: a `Const` result type prints widened.
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let x = body.arg(1);
    let v = call(
        &mut body,
        e,
        Builtin::AddFloat,
        vec![x.into(), Operand::Const(ConstValue::float(1.0))],
        Ty::FLOAT64,
    );
    body.types.set(v, Lattice::Const(ConstValue::float(2.0)));
    ret(&mut body, e, v);
    let store = TypeStore::new();
    let cx = StorePrintContext::new(&store);
    expect![[r#"
        CodeInfo(
        1 ─ %1 = intrinsic Base.add_float(x, 1.0)::Float64
        └──      return %1
        ) => Float64"#]]
    .assert_eq(&print_typed(&body, &Lattice::Const(ConstValue::float(2.0)), &cx));
}

#[test]
fn add_one_lowered() {
    // `@code_lowered f(1)`, real 1.12 output: the global is hoisted, the call is `dynamic`.
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let plus = body.push_inst(
        e,
        InstKind::Operand(Operand::Global(GlobalRef::new("Main", "+"))),
        Span::default(),
        true,
    );
    let plus = body.result(plus);
    let x = body.arg(1);
    let sum = body.push_inst(
        e,
        InstKind::Call { args: vec![plus.into(), x.into(), int(1)] },
        Span::default(),
        true,
    );
    let sum = body.result(sum);
    ret(&mut body, e, sum);
    check_lowered(
        &body,
        expect![[r#"
            CodeInfo(
            1 ─ %1 = Main.:+
            │   %2 =   dynamic (%1)(x, 1)
            └──      return %2
            )"#]],
    );
}

#[test]
fn builtins_new_and_two_digit_ids() {
    // Shaped like the real `g(x) = 2x - 1; f(x) = g(x) + 1; @code_typed f(im)` output:
    // `%1  =` padding and `└──       return %11`.
    let mut store = TypeStore::new();
    let complex = store.define_struct("Complex{Int64}", Ty::NUMBER, false, vec![]);
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let x = body.arg(1);
    let sym = |s: &str| Operand::Const(ConstValue::Symbol(s.into()));
    let re = call(&mut body, e, Builtin::Getfield, vec![x.into(), sym("re")], Ty::BOOL);
    let mut last = re;
    for _ in 0..8 {
        last = call(&mut body, e, Builtin::AndInt, vec![last.into(), int(1)], Ty::INT64);
    }
    let eq = call(&mut body, e, Builtin::Egal, vec![last.into(), re.into()], Ty::BOOL);
    let new = body.push_inst(
        e,
        InstKind::New { ty: Operand::Const(ConstValue::Type(complex)), args: vec![last.into(), eq.into()] },
        Span::default(),
        true,
    );
    let new = body.result(new);
    body.types.set(new, Lattice::Type(complex));
    ret(&mut body, e, new);
    let cx = StorePrintContext::new(&store);
    expect![[r#"
        CodeInfo(
        1 ─ %1  =   builtin Core.getfield(x, :re)::Bool
        │   %2  = intrinsic Base.and_int(%1, 1)::Int64
        │   %3  = intrinsic Base.and_int(%2, 1)::Int64
        │   %4  = intrinsic Base.and_int(%3, 1)::Int64
        │   %5  = intrinsic Base.and_int(%4, 1)::Int64
        │   %6  = intrinsic Base.and_int(%5, 1)::Int64
        │   %7  = intrinsic Base.and_int(%6, 1)::Int64
        │   %8  = intrinsic Base.and_int(%7, 1)::Int64
        │   %9  = intrinsic Base.and_int(%8, 1)::Int64
        │   %10 =   builtin (%9 === %1)::Bool
        │   %11 = %new(Complex{Int64}, %9, %10)::Complex{Int64}
        └──       return %11
        ) => Complex{Int64}"#]]
    .assert_eq(&print_typed(&body, &Lattice::Type(complex), &cx));
}

#[test]
fn branch() {
    check_typed(
        &abs_body(),
        Ty::INT64,
        expect![[r#"
            CodeInfo(
            1 ─ %1 = intrinsic Base.slt_int(x, 0)::Bool
            └──      goto #3 if not %1
            2 ─ %3 = intrinsic Base.neg_int(x)::Int64
            └──      return %3
            3 ─      return x
            ) => Int64"#]],
    );
}

#[test]
fn branch_then_not_next_gets_its_own_goto_block() {
    let mut body = abs_body();
    body.layout.swap(1, 2);
    check_typed(
        &body,
        Ty::INT64,
        expect![[r#"
            CodeInfo(
            1 ─ %1 = intrinsic Base.slt_int(x, 0)::Bool
            └──      goto #3 if not %1
            2 ─      goto #4
            3 ─      return x
            4 ─ %5 = intrinsic Base.neg_int(x)::Int64
            └──      return %5
            ) => Int64"#]],
    );
}

#[test]
fn loop_with_phis_and_invoke() {
    check_typed(
        &loop_body(),
        Ty::FLOAT64,
        expect![[r#"
            CodeInfo(
            1 ─      goto #2
            2 ┄ %2 = φ (#1 => 1, #3 => %9)::Int64
            │   %3 = φ (#1 => init, #3 => %8)::Float64
            │   %4 = intrinsic Base.sle_int(%2, n)::Bool
            └──      goto #4 if not %4
            3 ─ %6 = intrinsic Base.sitofp(Float64, %2)::Float64
            │   %7 =    invoke Base.Math.sin(%6::Float64)::Float64
            │   %8 = intrinsic Base.add_float(%3, %7)::Float64
            │   %9 = intrinsic Base.add_int(%2, 1)::Int64
            └──      goto #2
            4 ─      return %3
            ) => Float64"#]],
    );
}

#[test]
fn lowered_slots_and_loop() {
    // `function f(n); s = 0; while s < n; s = s + 1; end; return s; end` in slot form, with one
    // unnamed slot (`@_4`) and a fallthrough from block 1 into the loop header.
    let mut body = args(&["#self#", "n"]);
    let s = body.new_slot("s");
    let tmp = body.new_slot("");
    let n = body.arg(1);
    let b1 = body.entry();
    let header = body.new_block();
    let latch = body.new_block();
    let exit = body.new_block();
    body.layout.extend([header, latch, exit]);
    body.push_inst(b1, InstKind::SlotStore { slot: s, value: int(0) }, Span::default(), false);
    body.set_term(b1, jump(header, vec![]), Span::default());
    let lt = body.push_inst(
        header,
        InstKind::Operand(Operand::Global(GlobalRef::new("Main", "<"))),
        Span::default(),
        true,
    );
    let lt = body.result(lt);
    let c = InstKind::Call { args: vec![lt.into(), Operand::Slot(s), n.into()] };
    let c = body.push_inst(header, c, Span::default(), true);
    let c = body.result(c);
    let br = Terminator::Branch { cond: c.into(), then_dest: target(latch), else_dest: target(exit) };
    body.set_term(header, br, Span::default());
    let plus = body.push_inst(
        latch,
        InstKind::Operand(Operand::Global(GlobalRef::new("Main", "+"))),
        Span::default(),
        true,
    );
    let plus = body.result(plus);
    let add = body.push_inst(
        latch,
        InstKind::Call { args: vec![plus.into(), Operand::Slot(s), int(1)] },
        Span::default(),
        true,
    );
    let add = body.result(add);
    body.push_inst(latch, InstKind::SlotStore { slot: tmp, value: add.into() }, Span::default(), false);
    body.push_inst(latch, InstKind::SlotStore { slot: s, value: Operand::Slot(tmp) }, Span::default(), false);
    body.set_term(latch, jump(header, vec![]), Span::default());
    ret(&mut body, exit, Operand::Slot(s));
    check_lowered(
        &body,
        expect![[r#"
            CodeInfo(
            1 ─      s = 0
            2 ┄ %2 = Main.:<
            │   %3 =   dynamic (%2)(s, n)
            └──      goto #4 if not %3
            3 ─ %5 = Main.:+
            │   %6 =   dynamic (%5)(s, 1)
            │        @_4 = %6
            │        s = @_4
            └──      goto #2
            4 ─      return s
            )"#]],
    );
}

#[test]
fn dynamic_call_chain_and_global_names() {
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let x = body.arg(1);
    let g = body.push_inst(
        e,
        InstKind::Operand(Operand::Global(GlobalRef::new("Main", "g"))),
        Span::default(),
        true,
    );
    let g = body.result(g);
    body.types.set(g, Lattice::Type(Ty::FUNCTION));
    let c1 = body.push_inst(e, InstKind::Call { args: vec![g.into(), x.into()] }, Span::default(), true);
    let c1 = body.result(c1);
    let hidden = Operand::Global(GlobalRef::new("Main", "#h#1"));
    let c2 = body.push_inst(
        e,
        InstKind::Call { args: vec![hidden, c1.into(), Operand::Const(ConstValue::Str("a\"$".into()))] },
        Span::default(),
        true,
    );
    let c2 = body.result(c2);
    body.types.set(c2, Lattice::Type(Ty::ANY));
    let range = Operand::Global(GlobalRef::new("Main", ":"));
    let c3 =
        body.push_inst(e, InstKind::Call { args: vec![range, c2.into(), int(3)] }, Span::default(), true);
    let c3 = body.result(c3);
    body.types.set(c3, Lattice::Type(Ty::UNIT_RANGE_INT64));
    ret(&mut body, e, c3);
    check_typed(
        &body,
        Ty::UNIT_RANGE_INT64,
        expect![[r##"
            CodeInfo(
            1 ─ %1 = Main.g::Function
            │   %2 =   dynamic (%1)(x)::Any
            │   %3 =   dynamic Main.var"#h#1"(%2, "a\"\$")::Any
            │   %4 =   dynamic (%3 : 3)::UnitRange{Int64}
            └──      return %4
            ) => UnitRange{Int64}"##]],
    );
}

#[test]
fn raw_dump_shows_side_tables() {
    let mut body = abs_body();
    let first = body.blocks[body.entry()].insts[0];
    body.infos.set(first, ir::CallInfo::Builtin(Builtin::SltInt));
    body.flags.set(first, ir::InstFlags { nothrow: true, effect_free: true, inline: None });
    body.spans.set(first, Span { file: 1, start: 4, end: 9 });
    expect![[r#"
        args(v0 #self#, v1 x)
        block0():
            v2 = inst0 Call { args: [Const(Builtin(BuiltinId(17))), Value(v1), Const(Int(0))] } :: Type(Ty(11))  info=Builtin(SltInt)  flags=[nothrow,effect_free]  @1:4..9
            branch Value(v2) then block1() else block2()  @0:0..0
        block1():
            v3 = inst1 Call { args: [Const(Builtin(BuiltinId(3))), Value(v1)] } :: Type(Ty(8))  @0:0..0
            return Value(v3)  @0:0..0
        block2():
            return Value(v1)  @0:0..0
    "#]].assert_eq(&ir::print_raw(&body));
}

#[test]
fn two_digit_block_numbers() {
    // 12 blocks: the gutter is two wide (`1 ──`, `└───`, `11 ┄`), block 1 branches to 11.
    let mut body = args(&["#self#", "x"]);
    let x = body.arg(1);
    let mut blocks = vec![body.entry()];
    for _ in 1..12 {
        let b = body.new_block();
        body.layout.push(b);
        blocks.push(b);
    }
    let c = call(&mut body, blocks[0], Builtin::SltInt, vec![x.into(), int(0)], Ty::BOOL);
    let br =
        Terminator::Branch { cond: c.into(), then_dest: target(blocks[1]), else_dest: target(blocks[10]) };
    body.set_term(blocks[0], br, Span::default());
    for k in 1..10 {
        call(&mut body, blocks[k], Builtin::AddInt, vec![x.into(), int(k as i64)], Ty::INT64);
        body.set_term(blocks[k], jump(blocks[k + 1], vec![]), Span::default());
    }
    let v = call(&mut body, blocks[10], Builtin::MulInt, vec![x.into(), x.into()], Ty::INT64);
    body.set_term(blocks[10], jump(blocks[11], vec![]), Span::default());
    ret(&mut body, blocks[11], v);
    check_typed(
        &body,
        Ty::INT64,
        expect![[r#"
        CodeInfo(
        1 ── %1  = intrinsic Base.slt_int(x, 0)::Bool
        └───       goto #11 if not %1
        2 ──       intrinsic Base.add_int(x, 1)::Int64
        3 ──       intrinsic Base.add_int(x, 2)::Int64
        4 ──       intrinsic Base.add_int(x, 3)::Int64
        5 ──       intrinsic Base.add_int(x, 4)::Int64
        6 ──       intrinsic Base.add_int(x, 5)::Int64
        7 ──       intrinsic Base.add_int(x, 6)::Int64
        8 ──       intrinsic Base.add_int(x, 7)::Int64
        9 ──       intrinsic Base.add_int(x, 8)::Int64
        10 ─       intrinsic Base.add_int(x, 9)::Int64
        11 ┄ %12 = intrinsic Base.mul_int(x, x)::Int64
        12 ─       return %12
        ) => Int64"#]],
    );
}
