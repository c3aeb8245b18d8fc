//! The verifier accepts well-formed bodies and reports each broken rule of its checklist.

mod common;

use common::*;
use expect_test::{expect, Expect};
use ir::{verify, verify_with, Body, Builtin, InstKind, Operand, Span, Terminator, VerifyOptions};
use types::Ty;

fn check(body: &Body, options: VerifyOptions, expect: Expect) {
    let text = match verify_with(body, options) {
        Ok(()) => "ok".to_string(),
        Err(errors) => errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"),
    };
    expect.assert_eq(&text);
}

const SSA: VerifyOptions = VerifyOptions { ssa: true, typed: false };
const TYPED: VerifyOptions = VerifyOptions { ssa: true, typed: true };

#[test]
fn well_formed_bodies_pass() {
    check(&abs_body(), TYPED, expect!["ok"]);
    check(&loop_body(), TYPED, expect!["ok"]);
    assert_eq!(verify(&loop_body(), true), Ok(()));
}

#[test]
fn untyped_values_are_reported_only_when_typed() {
    let mut body = abs_body();
    body.types.clear();
    check(&body, SSA, expect!["ok"]);
    check(
        &body,
        TYPED,
        expect![[r#"
            body: v2 has no type
            body: v3 has no type"#]],
    );
}

#[test]
fn use_not_dominated() {
    // The loop exit returns the value computed in the loop body, which does not dominate it.
    let mut body = loop_body();
    let exit = body.layout[3];
    let latch = body.layout[2];
    let last = *body.blocks[latch].insts.last().unwrap();
    let v = body.result(last);
    body.set_term(exit, Terminator::Return(v.into()), Span::default());
    check(&body, SSA, expect!["terminator of block3: v9 does not dominate this use"]);
}

#[test]
fn use_before_def_in_same_block() {
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let a = call(&mut body, e, Builtin::AddInt, vec![int(1), int(2)], Ty::INT64);
    let b = call(&mut body, e, Builtin::AddInt, vec![a.into(), int(2)], Ty::INT64);
    body.blocks[e].insts.reverse();
    ret(&mut body, e, b);
    check(&body, SSA, expect!["inst1: v2 does not dominate this use"]);
}

#[test]
fn block_arguments_must_match_params() {
    let mut body = loop_body();
    let entry = body.entry();
    let header = body.layout[1];
    body.set_term(entry, jump(header, vec![int(1)]), Span::default());
    check(&body, SSA, expect!["terminator of block0: 1 arguments to block1, which has 2 params"]);
}

#[test]
fn entry_params_layout_and_placement() {
    let mut body = abs_body();
    let entry = body.entry();
    body.add_block_param(entry);
    let b2 = body.layout[1];
    body.layout.push(b2);
    let first = body.blocks[b2].insts[0];
    let b3 = body.layout[2];
    body.blocks[b3].insts.push(first);
    check(
        &body,
        SSA,
        expect![[r#"
            block1: block listed twice in layout
            block0: entry block has parameters
            inst1: placed in block1 and block2"#]],
    );
}

#[test]
fn slots_and_undef() {
    let mut body = args(&["#self#"]);
    let s = body.new_slot("s");
    let e = body.entry();
    body.push_inst(e, InstKind::SlotStore { slot: s, value: Operand::Undef }, Span::default(), false);
    ret(&mut body, e, Operand::Slot(s));
    check(
        &body,
        SSA,
        expect![[r#"
            inst0: SlotStore in SSA form
            inst0: Undef outside a block argument
            terminator of block0: slot slot0 in SSA form"#]],
    );
    check(&body, VerifyOptions::default(), expect!["inst0: Undef outside a block argument"]);
}

#[test]
fn unplaced_definition_and_bad_target() {
    let mut body = args(&["#self#"]);
    let e = body.entry();
    let orphan = body.new_block();
    let v = call(&mut body, orphan, Builtin::AddInt, vec![int(1), int(2)], Ty::INT64);
    let no_callee = body.push_inst(e, InstKind::Call { args: vec![] }, Span::default(), false);
    let _ = no_callee;
    let br = Terminator::Branch { cond: v.into(), then_dest: target(orphan), else_dest: target(e) };
    body.set_term(e, br, Span::default());
    check(
        &body,
        SSA,
        expect![[r#"
            inst1: call without a callee
            terminator of block0: v1 is defined by inst0, which is in no block
            terminator of block0: target block1 is not in the layout"#]],
    );
}

#[test]
fn inline_frames_must_exist() {
    let mut body = abs_body();
    let entry = body.entry();
    let first = body.blocks[entry].insts[0];
    body.inlined_at.set(first, 0);
    body.term_inlined_at.set(entry, 2);
    check(
        &body,
        SSA,
        expect![[r#"
            body: inst0 is inlined at frame 0, of 0
            block0: the terminator is inlined at frame 2, of 0"#]],
    );
    body.inline_frames.push(ir::InlineFrame {
        callee: types::CodeInstanceId(0),
        call_span: Span::default(),
        parent: None,
    });
    body.term_inlined_at.set(entry, 0);
    check(&body, SSA, expect!["ok"]);
}
