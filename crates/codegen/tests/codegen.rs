//! Codegen tests: hand-built typed bodies compiled to modules that must validate, with the
//! interesting parts of their wat text checked.

mod common;

use codegen::{abi, trampoline, trampolines_at, wat, Signature};
use common::*;
use expect_test::{expect, Expect};
use ir::{Body, Builtin, Operand, Value};
use types::{CodeInstanceId, ConstValue, Lattice, Ty};

fn validate(bytes: &[u8]) {
    if let Err(e) = wasmparser::Validator::new().validate_all(bytes) {
        panic!("invalid module: {e}\n{}", wat(bytes));
    }
}

fn build(cx: &mut TestCx, body: &Body, sig: &Signature) -> String {
    let bytes = compile_typed(cx, body, sig, 0, "f").unwrap_or_else(|e| panic!("{e}"));
    validate(&bytes);
    wat(&bytes)
}

/// The wat lines of the specialized function (from `(func $f` to the next `(func`).
fn spec_wat(text: &str) -> String {
    let start = text.find("(func $f ").unwrap_or(0);
    let rest = &text[start..];
    let end = rest[1..].find("\n  (func").map(|e| e + 1).unwrap_or(rest.len());
    rest[..end].to_string()
}

fn check_spec(cx: &mut TestCx, body: &Body, sig: &Signature, expect: Expect) {
    expect.assert_eq(&spec_wat(&build(cx, body, sig)));
}

fn unary(
    cx: &mut TestCx,
    arg: Ty,
    ret: Ty,
    make: impl FnOnce(&mut Builder, Operand) -> Operand,
) -> (Body, Signature) {
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["x"]);
    let x = b.arg(1);
    let r = make(&mut b, x);
    let entry = b.entry();
    b.ret(entry, r);
    (b.body, Signature { params: vec![f, arg], ret })
}

#[test]
fn int_arithmetic() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::INT64, |b, x| {
        let e = b.entry();
        let y = b.builtin(e, Builtin::MulInt, vec![x.clone(), int(3)], ty(Ty::INT64));
        b.builtin(e, Builtin::SubInt, vec![y.into(), x], ty(Ty::INT64)).into()
    });
    check_spec(
        &mut cx,
        &body,
        &sig,
        expect![[r#"
            (func $f (;3;) (type 2) (param i64) (result i64)
                (local i64 i64)
                local.get 0
                i64.const 3
                i64.mul
                local.set 1
                local.get 1
                local.get 0
                i64.sub
                local.set 2
                local.get 2
                return
                unreachable
              )"#]],
    );
}

/// A host that places the heap inside a larger memory gets every access shifted by its base.
#[test]
fn heap_base_shifts_every_access() {
    let mut cx = TestCx::new();
    cx.heap_base = 0x10000;
    let (body, sig) = sum_loop(&mut cx.store);
    let text = build(&mut cx, &body, &sig);
    // The step counter at offset 16 now sits at 0x10000 + 16.
    assert!(text.contains("i64.load offset=65552"), "{text}");
    assert!(text.contains("i64.store offset=65552"), "{text}");
    assert!(!text.contains("offset=16\n"), "{text}");
}

#[test]
fn float_arithmetic_and_math() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::FLOAT64, Ty::FLOAT64, |b, x| {
        let e = b.entry();
        let s = b.builtin(e, Builtin::SinLibm, vec![x.clone()], ty(Ty::FLOAT64));
        let q = b.builtin(e, Builtin::SqrtLlvm, vec![x.clone()], ty(Ty::FLOAT64));
        let p = b.builtin(e, Builtin::PowLibm, vec![s.into(), q.into()], ty(Ty::FLOAT64));
        let n = b.builtin(
            e,
            Builtin::Fptosi,
            vec![Operand::Const(ConstValue::Type(Ty::INT64)), p.into()],
            ty(Ty::INT64),
        );
        let back = b.builtin(
            e,
            Builtin::Sitofp,
            vec![Operand::Const(ConstValue::Type(Ty::FLOAT64)), n.into()],
            ty(Ty::FLOAT64),
        );
        b.builtin(e, Builtin::DivFloat, vec![back.into(), float(2.0)], ty(Ty::FLOAT64)).into()
    });
    let text = build(&mut cx, &body, &sig);
    for needle in
        ["call $math1", "f64.sqrt", "call $math2", "i64.trunc_sat_f64_s", "f64.convert_i64_s", "f64.div"]
    {
        assert!(text.contains(needle), "{needle} missing in\n{text}");
    }
}

#[test]
fn branch_and_select() {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    let c = b.builtin(e, Builtin::SltInt, vec![b.arg(1), int(0)], ty(Ty::BOOL));
    let (neg, _) = b.block(&[]);
    let (join, jp) = b.block(&[ty(Ty::INT64)]);
    b.branch(e, c.into(), (neg, vec![]), (join, vec![b.arg(1)]));
    let m = b.builtin(neg, Builtin::NegInt, vec![b.arg(1)], ty(Ty::INT64));
    b.jump(neg, join, vec![m.into()]);
    b.ret(join, jp[0].into());
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    // `join` is a merge node: a `block` that both arms `br` out of, then its code.
    assert!(text.contains("block ;; label = @1"), "{text}");
    assert!(!text.contains("loop"), "{text}");
    assert!(!text.contains("br_table"), "{text}");
}

/// The sum loop is counted (`i <= n`, `i += 1`, nothing that calls or throws): one step on
/// entry, then all its iterations, compared unsigned with the budget left; no visit count.
#[test]
fn counted_loop_charges_its_iterations_on_entry() {
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert!(text.contains("loop ;; label = @1"), "{text}");
    assert_eq!(text.matches("call $out_of_steps").count(), 2, "entry and iterations: {text}");
    assert!(text.contains("i64.lt_u"), "iterations compared unsigned: {text}");
    assert!(text.contains("i64.const 9223372036854775807"), "`i <= typemax` never ends: {text}");
    assert!(!text.contains("i64.const 1024"), "no visit count: {text}");
    assert!(!text.contains("br_table"), "{text}");
}

/// A loop stepping by 2 is not counted: it charges its header visits in batches.
#[test]
fn uncounted_loop_charges_visits_in_batches() {
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop_stepping(&mut cx.store, 2);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert_eq!(text.matches("call $out_of_steps").count(), 2, "entry and loop header: {text}");
    assert!(text.contains("i64.const 1024"), "loop steps charged in batches: {text}");
    assert!(!text.contains("i64.lt_u"), "{text}");
}

/// `f(n)`: `s = 0; i = 1; while i < n; s += x; i += 1; end; s`, where `x` is what `make`
/// adds to the loop's body block from `i`; then whether the loop is counted (its iterations
/// charged on entry) rather than counting visits.
fn loop_is_counted(make: impl FnOnce(&mut Builder, ir::Block, Operand) -> Value) -> bool {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["n"]);
    let entry = b.entry();
    let (head, hp) = b.block(&[ty(Ty::INT64), ty(Ty::INT64)]);
    let (body_block, _) = b.block(&[]);
    let (exit, _) = b.block(&[]);
    b.jump(entry, head, vec![int(0), int(1)]);
    let (s, i) = (Operand::Value(hp[0]), Operand::Value(hp[1]));
    let c = b.builtin(head, Builtin::SltInt, vec![i.clone(), b.arg(1)], ty(Ty::BOOL));
    b.branch(head, c.into(), (body_block, vec![]), (exit, vec![]));
    let x = make(&mut b, body_block, i.clone());
    let s2 = b.builtin(body_block, Builtin::AddInt, vec![s.clone(), x.into()], ty(Ty::INT64));
    let i2 = b.builtin(body_block, Builtin::AddInt, vec![i, int(1)], ty(Ty::INT64));
    b.jump(body_block, head, vec![s2.into(), i2.into()]);
    b.ret(exit, s);
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    let (counted, visits) = (text.contains("i64.lt_u"), text.contains("i64.const 1024"));
    assert_ne!(counted, visits, "one way of charging: {text}");
    counted
}

/// A loop whose body may throw (`checked_sdiv_int` by a variable) or call is not counted: it
/// would raise its own error (or print) before the budget runs out. Division by a constant
/// other than 0 and -1 cannot throw: that loop is counted.
#[test]
fn loops_that_may_throw_or_call_are_not_counted() {
    let int64 = || ty(Ty::INT64);
    let divides =
        |b: &mut Builder, blk, i| b.builtin(blk, Builtin::CheckedSdivInt, vec![b.arg(1), i], int64());
    let calls = |b: &mut Builder, blk, i| {
        b.dynamic(blk, vec![Operand::Global(ir::GlobalRef::new("Main", "g")), i], int64())
    };
    let halves = |b: &mut Builder, blk, i| b.builtin(blk, Builtin::CheckedSdivInt, vec![i, int(2)], int64());
    let rem_two = |b: &mut Builder, blk, i| b.builtin(blk, Builtin::CheckedSremInt, vec![i, int(2)], int64());
    let by_minus_one =
        |b: &mut Builder, blk, i| b.builtin(blk, Builtin::CheckedSdivInt, vec![i, int(-1)], int64());
    assert!(!loop_is_counted(divides));
    assert!(!loop_is_counted(calls));
    assert!(loop_is_counted(halves));
    assert!(loop_is_counted(rem_two));
    assert!(!loop_is_counted(by_minus_one));
}

/// Every back edge must step the counter by one: a latch whose two arms go back to the header
/// with `i + 1` and `i + 2` leaves the loop uncounted.
#[test]
fn loop_with_a_back_edge_stepping_by_two_is_not_counted() {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["n"]);
    let entry = b.entry();
    let (head, hp) = b.block(&[ty(Ty::INT64)]);
    let (body_block, _) = b.block(&[]);
    let (exit, _) = b.block(&[]);
    b.jump(entry, head, vec![int(0)]);
    let i = Operand::Value(hp[0]);
    let c = b.builtin(head, Builtin::SltInt, vec![i.clone(), b.arg(1)], ty(Ty::BOOL));
    b.branch(head, c.into(), (body_block, vec![]), (exit, vec![]));
    let one = b.builtin(body_block, Builtin::AddInt, vec![i.clone(), int(1)], ty(Ty::INT64));
    let two = b.builtin(body_block, Builtin::AddInt, vec![i.clone(), int(2)], ty(Ty::INT64));
    let odd = b.builtin(body_block, Builtin::AndInt, vec![i.clone(), int(1)], ty(Ty::INT64));
    let even = b.builtin(body_block, Builtin::EqInt, vec![odd.into(), int(0)], ty(Ty::BOOL));
    b.branch(body_block, even.into(), (head, vec![one.into()]), (head, vec![two.into()]));
    b.ret(exit, i);
    let sig = Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    assert!(text.contains("i64.const 1024"), "{text}");
    assert!(!text.contains("i64.lt_u"), "{text}");
}

/// A function without calls or loops runs a bounded number of instructions: no step.
#[test]
fn leaf_charges_no_step() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::INT64, |b, x| {
        let e = b.entry();
        b.builtin(e, Builtin::MulInt, vec![x, int(3)], ty(Ty::INT64)).into()
    });
    let text = build(&mut cx, &body, &sig);
    assert!(!text.contains("out_of_steps"), "{text}");
    assert!(!text.contains("offset=16"), "{text}");
}

/// The wat of `fib` compiled as CodeInstance `ci` (0 is the one being compiled, so its calls
/// are self calls).
fn fib_module(ci: CodeInstanceId) -> String {
    let mut cx = TestCx::new();
    let (body, sig) = fib(&mut cx.store, ci);
    cx.sigs.insert(ci, sig.clone());
    build(&mut cx, &body, &sig)
}

/// fib charges its step on the path that recurses, not on the base case; `out_of_steps` never
/// returns. Codegen translates the IR as it is: both self calls are calls (the optimizer's
/// `tailrec`, `unroll` and `peel` rewrite them, in opt's tests).
#[test]
fn fib_charges_the_recursive_path_only() {
    let text = spec_wat(&fib_module(CodeInstanceId(0)));
    let shape: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            ["block", "loop", "br ", "if", "else", "end", "return", "call", "i64.load", "unreachable"]
                .iter()
                .any(|k| l.starts_with(k))
        })
        .collect();
    expect![[r#"
        if ;; label = @1
        i64.load offset=16
        if ;; label = @2
        call $out_of_steps
        unreachable
        else
        end
        if ;; label = @2
        call $throw_code
        unreachable
        else
        end
        call $f
        if ;; label = @2
        call $throw_code
        unreachable
        else
        end
        call $f
        return
        else
        return
        end
        unreachable
        unreachable"#]]
    .assert_eq(&shape.join("\n"));
}

#[test]
fn self_recursive_fib_is_a_direct_call() {
    let text = fib_module(CodeInstanceId(0));
    assert_eq!(spec_wat(&text).matches("call $f").count(), 2, "{text}");
    assert!(text.contains("(export \"spec\" (func $f))"), "{text}");
    assert!(text.contains("(export \"generic\" (func $f#generic))"), "{text}");
}

#[test]
fn invoke_of_another_code_instance_is_call_indirect() {
    let text = spec_wat(&fib_module(CodeInstanceId(3)));
    assert_eq!(text.matches("call_indirect").count(), 2, "{text}");
}

#[test]
fn dynamic_call_boxes_arguments_and_unboxes_the_result() {
    let mut cx = TestCx::new();
    let (body, sig) = dynamic_call(&mut cx.store);
    let text = build(&mut cx, &body, &sig);
    for needle in ["call $global_get", "call $box_i64", "call $call_dynamic", "i64.load offset=8"] {
        assert!(text.contains(needle), "{needle} missing in\n{text}");
    }
}

#[test]
fn boxing_bool_selects_interned_boxes() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::ANY, |b, x| {
        let e = b.entry();
        b.builtin(e, Builtin::EqInt, vec![x, int(0)], ty(Ty::BOOL)).into()
    });
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert!(
        text.contains("i32.const 48\n") && text.contains("i32.const 32\n") && text.contains("select"),
        "{text}"
    );
}

#[test]
fn tuple_alloc_and_getfield() {
    let mut cx = TestCx::new();
    let pair = cx.store.tuple(vec![Ty::INT64, Ty::FLOAT64]);
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::FLOAT64, |b, x| {
        let e = b.entry();
        let t = b.builtin(e, Builtin::Tuple, vec![x, float(1.5)], ty(pair));
        b.builtin(e, Builtin::Getfield, vec![t.into(), int(2)], ty(Ty::FLOAT64)).into()
    });
    let text = build(&mut cx, &body, &sig);
    let spec = spec_wat(&text);
    assert!(spec.contains(&format!("i32.const {}\n", pair.0)), "tuple tag: {spec}");
    assert!(spec.contains("i32.load offset=12"), "second field: {spec}");
    assert!(spec.contains("f64.load offset=8"), "unboxed: {spec}");
    assert!(text.contains("call $alloc"), "{text}");
}

#[test]
fn struct_new_and_getfield_by_name() {
    let mut cx = TestCx::new();
    let point = cx.store.define_struct(
        "Point",
        Ty::ANY,
        false,
        vec![
            types::Field { name: "x".into(), ty: Ty::INT64 },
            types::Field { name: "y".into(), ty: Ty::INT64 },
        ],
    );
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::INT64, |b, x| {
        let e = b.entry();
        let p = b.new_object(e, point, vec![x.clone(), x]);
        let sym = Operand::Const(ConstValue::Symbol("y".into()));
        b.builtin(e, Builtin::Getfield, vec![p.into(), sym], ty(Ty::INT64)).into()
    });
    let spec = spec_wat(&build(&mut cx, &body, &sig));
    assert!(spec.contains("i32.load offset=12") && spec.contains("i64.load offset=8"), "{spec}");
}

#[test]
fn divide_error_check() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::INT64, |b, x| {
        let e = b.entry();
        b.builtin(e, Builtin::CheckedSdivInt, vec![int(100), x], ty(Ty::INT64)).into()
    });
    let spec = spec_wat(&build(&mut cx, &body, &sig));
    assert!(spec.contains("i64.eqz") && spec.contains("i64.const -9223372036854775808"), "{spec}");
    assert!(spec.contains("i32.const 1\n") && spec.contains("call $throw_code"), "{spec}");
}

#[test]
fn builtin_through_host_and_constant_folding() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::ANY, |b, x| {
        let e = b.entry();
        let t = b.builtin(e, Builtin::Typeof, vec![x.clone()], Lattice::Const(ConstValue::Type(Ty::INT64)));
        b.builtin(e, Builtin::Print, vec![t.into(), x], ty(Ty::NOTHING)).into()
    });
    let spec = spec_wat(&build(&mut cx, &body, &sig));
    assert_eq!(spec.matches("call $call_builtin").count(), 1, "{spec}");
    assert!(spec.contains(&format!("i32.const {}\n", Builtin::Print.id().0)), "{spec}");
    assert_eq!(cx.constants.first(), Some(&ConstValue::Type(Ty::INT64)), "typeof folded to a constant box");
}

#[test]
fn undef_check_and_unreachable() {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["d"]);
    let e = b.entry();
    b.body.push_inst(
        e,
        ir::InstKind::UndefCheck { defined: b.arg(1), name: "y".into() },
        ir::Span::default(),
        false,
    );
    let (dead, _) = b.block(&[]);
    b.jump(e, dead, vec![]);
    let sig = Signature { params: vec![f, Ty::BOOL], ret: Ty::NOTHING };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    assert!(text.contains("call $throw_undef") && text.contains("i32.const 3\n"), "{text}");
    assert_eq!(cx.constants.first(), Some(&ConstValue::Symbol("y".into())));
}

#[test]
fn trampoline_forwards_parameters() {
    let mut cx = TestCx::new();
    let (_, sig) = fib(&mut cx.store, CodeInstanceId(0));
    let bytes = trampoline(&cx.store, &sig, 5);
    validate(&bytes);
    expect![[r#"
        (module
          (type (;0;) (func (param i32)))
          (type (;1;) (func (param i64) (result i64)))
          (import "env" "memory" (memory (;0;) 1))
          (import "env" "table" (table (;0;) 0 funcref))
          (import "env" "compile_slot" (func $compile_slot (;0;) (type 0)))
          (export "spec" (func $trampoline#5))
          (func $trampoline#5 (;1;) (type 1) (param i64) (result i64)
            i32.const 5
            call $compile_slot
            local.get 0
            i32.const 5
            call_indirect (type 1)
          )
        )
    "#]]
    .assert_eq(&strip_custom(&wat(&bytes)));
}

/// Many slots' trampolines in one module: each the single trampoline's function, put into
/// its slot by an active element segment per run of consecutive slots, with nothing exported
/// and the imports shared.
#[test]
fn trampolines_of_many_slots_fill_the_table_by_element_segments() {
    let mut cx = TestCx::new();
    let (_, sig) = fib(&mut cx.store, CodeInstanceId(0));
    let boxed = Signature { params: vec![Ty::ANY], ret: Ty::ANY };
    let slots = [(sig.clone(), 2), (boxed, 0), (sig.clone(), 1), (sig, 7)];
    let bytes = trampolines_at(&cx.store, &slots, 0);
    validate(&bytes);
    let text = strip_custom(&wat(&bytes));
    let elems: Vec<&str> =
        text.lines().filter(|l| l.trim_start().starts_with("(elem")).map(str::trim).collect();
    expect![[r#"
        [
            "(elem (;0;) (i32.const 0) func $trampoline#0 $trampoline#1 $trampoline#2)",
            "(elem (;1;) (i32.const 7) func $trampoline#7)",
        ]
    "#]]
    .assert_debug_eq(&elems);
    assert!(!text.contains("(export"), "{text}");
    assert_eq!(text.matches("(import \"env\" \"compile_slot\"").count(), 1, "{text}");
    // The boxed one keeps its argument on the shadow stack across compile_slot, as alone.
    let alone = strip_custom(&wat(&trampoline(&cx.store, &slots[1].0, 0)));
    let body = |text: &str| {
        let f = &text[text.find("(func $trampoline#0").expect("the function")..];
        // Its instructions; type and function indices differ between the two modules.
        let f = &f[..f.find("\n  )").unwrap_or(f.len())];
        f.lines().skip(1).filter(|l| !l.contains("(type")).collect::<Vec<_>>().join("\n")
    };
    assert!(body(&text).contains("call $compile_slot"), "{text}");
    assert_eq!(body(&text), body(&alone));
}

fn strip_custom(text: &str) -> String {
    text.lines()
        .filter(|l| !l.contains("(@producers") && !l.contains("(processed-by"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn wat_of_garbage_is_an_error_comment() {
    assert!(wat(b"nope").starts_with(";; invalid module"));
}

#[test]
fn loop_sum_structure() {
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    let shape: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| ["block", "loop", "if", "else", "end", "br", "return"].iter().any(|k| l.starts_with(k)))
        .collect();
    expect![[r#"
        if ;; label = @1
        else
        end
        if ;; label = @1
        else
        end
        loop ;; label = @1
        if ;; label = @2
        return
        else
        br 1 (;@1;)
        end
        end"#]]
    .assert_eq(&shape.join("\n"));
}

#[test]
fn nested_loops_structure() {
    let mut cx = TestCx::new();
    let (body, sig) = nested_loops(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert_eq!(text.matches("loop ;;").count(), 2, "{text}");
    assert!(!text.contains("br_table"), "{text}");
}

/// Both loops are counted (the inner one runs to the outer one's counter, which does not
/// change inside it): each charges 1 step and its iterations on entry (4 charges), and neither
/// counts visits.
#[test]
fn nested_counted_loops_charge_on_entry() {
    let mut cx = TestCx::new();
    let (body, sig) = nested_loops(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert_eq!(text.matches("call $out_of_steps").count(), 4, "{text}");
    assert_eq!(text.matches("i64.lt_u").count(), 2, "{text}");
    assert!(!text.contains("i64.const 1024"), "{text}");
}

#[test]
fn throw_then_unreachable_validates() {
    let mut cx = TestCx::new();
    let (body, sig) = unary(&mut cx, Ty::INT64, Ty::INT64, |b, x| {
        let e = b.entry();
        let err = Operand::Const(ConstValue::Str("boom".into()));
        let r = b.builtin(e, Builtin::Throw, vec![err], ty(Ty::BOTTOM));
        let _ = x;
        r.into()
    });
    let spec = spec_wat(&build(&mut cx, &body, &sig));
    assert!(spec.contains("call $throw\n"), "{spec}");
}

/// Reservations on the shadow stack (a GC frame or an argument array): each compares with
/// the limit cell, `abi::SHADOW_LIMIT_ADDR`.
fn shadow_reservations(text: &str) -> usize {
    text.matches(&format!("i32.load offset={}\n", codegen::abi::SHADOW_LIMIT_ADDR)).count()
}

fn touches_shadow_stack(text: &str) -> bool {
    text.contains(&format!("offset={}\n", codegen::abi::SHADOW_SP_ADDR))
}

/// `g(x::Any)`: `r = f(x, 3)` (a dynamic call); then what `finish` makes of `x` and `r`.
fn boxed_across_call(finish: impl FnOnce(&mut Builder, ir::Block, Operand, Operand)) -> String {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "g");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    let callee = Operand::Global(ir::GlobalRef::new("Main", "f"));
    let r = b.dynamic(e, vec![callee, b.arg(1), int(3)], ty(Ty::ANY));
    let x = b.arg(1);
    finish(&mut b, e, x, r.into());
    let sig = Signature { params: vec![f, Ty::ANY], ret: Ty::ANY };
    spec_wat(&build(&mut cx, &b.body, &sig))
}

/// A boxed argument used after a dynamic call is rooted in a one-slot frame: reserved at entry
/// (checked against the limit), the argument stored in its slot, released before `return`.
#[test]
fn boxed_argument_live_across_a_call_gets_a_frame_slot() {
    let text = boxed_across_call(|b, e, x, _| b.ret(e, x));
    assert_eq!(shadow_reservations(&text), 2, "the frame and the argument array: {text}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let frame = lines.iter().position(|l| *l == "i32.load offset=24").expect("frame");
    let fp = lines[frame + 1].strip_prefix("local.tee ").expect("the frame pointer is kept in a local");
    // The argument (local 0) is stored into slot 0 of the frame in the prologue.
    let prologue = lines[frame..].join("\n");
    assert!(prologue.contains(&format!("local.get {fp}\nlocal.get 0\ni32.store\n")), "{text}");
    // Released before the one `return`, after the result is pushed.
    let ret = lines.iter().position(|l| *l == "return").expect("return");
    let get_fp = format!("local.get {fp}");
    assert_eq!(lines[ret - 4..ret], ["local.get 0", "i32.const 0", get_fp.as_str(), "i32.store offset=24"]);
}

/// A value the function does not use after any safepoint needs no frame: the dynamic call's
/// arguments are roots in its argument array only.
#[test]
fn boxed_values_dead_after_every_call_get_no_frame() {
    let text = boxed_across_call(|b, e, _, r| b.ret(e, r));
    assert_eq!(shadow_reservations(&text), 1, "the argument array only: {text}");
}

/// A call's result used after a second call is stored into its slot when it is defined.
#[test]
fn call_result_live_across_a_call_is_stored_in_its_slot() {
    let text = boxed_across_call(|b, e, _, r| {
        let callee = Operand::Global(ir::GlobalRef::new("Main", "h"));
        b.dynamic(e, vec![callee, r.clone()], ty(Ty::ANY));
        b.ret(e, r);
    });
    // `r` is local 1; the frame pointer comes after the locals of the two arrays.
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let set = lines.iter().position(|l| *l == "local.set 1").expect("r defined");
    assert_eq!(lines[set + 2..set + 4], ["local.get 1", "i32.store"], "{text}");
    // The frame pointer is the local the prologue tees first.
    let fp = lines.iter().find(|l| l.starts_with("local.tee")).expect("frame").replace("tee", "get");
    assert_eq!(lines[set + 1], fp, "{text}");
}

/// Argument arrays of `call_dynamic` live on the shadow stack, not in the heap: the function
/// allocates nothing itself (only the box of its `Int` argument), and pops the array after
/// the call.
#[test]
fn dynamic_call_arguments_are_on_the_shadow_stack() {
    let mut cx = TestCx::new();
    let (body, sig) = dynamic_call(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert!(!text.contains("call $alloc"), "{text}");
    assert_eq!(shadow_reservations(&text), 1, "{text}");
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let call = lines.iter().position(|l| *l == "call $call_dynamic").expect("call");
    // After the inline cache's `if` (the import is its else branch) ends: the call depth goes
    // back down (`abi::DEPTH_ADDR`), then the array is popped.
    assert_eq!(lines[call + 1], "end", "{text}");
    assert_eq!(lines[call + 7], "i32.store offset=64", "depth restored after the call: {text}");
    assert_eq!(lines[call + 8..call + 11], ["i32.const 0", "local.get 1", "i32.store offset=24"], "{text}");
    // The box of `x` and the function (`global_get`) are made after the array is reserved.
    let reserve = lines.iter().position(|l| *l == "i32.load offset=28").expect("reserve");
    let boxing = lines.iter().position(|l| *l == "call $box_i64").expect("boxing");
    assert!(reserve < boxing && boxing < call, "{text}");
}

/// A dynamic call checks its inline cache first (`abi`, "Inline caches of dynamic calls"): the
/// cache's epoch against the current one and the keys that may vary against the arguments in
/// the shadow-stack array; on a hit it calls the cached generic entry on that array through
/// the table, otherwise the import, given the cache's address. `g(x::Int64) = f(x)` with `f`
/// a global read at run time: the function is keyed by its box; `x`'s tag is known.
#[test]
fn dynamic_call_checks_its_inline_cache_then_calls_the_import() {
    let mut cx = TestCx::new();
    let (body, sig) = dynamic_call(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert_eq!(cx.caches, [2], "one cache, for a call of two arguments");
    let cache = cx.cache_base;
    let load = |offset: u32| format!("i32.load offset={offset}");
    let (epoch, entry) = (load(cache + abi::CALL_CACHE_EPOCH), load(cache + abi::CALL_CACHE_ENTRY));
    let (key0, key1) = (load(cache + abi::CALL_CACHE_KEYS), load(cache + abi::CALL_CACHE_KEYS + 4));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at =
        |needle: &str| lines.iter().position(|l| *l == needle).unwrap_or_else(|| panic!("{needle}: {text}"));
    let check = at(&epoch);
    assert_eq!(lines[check + 1..check + 4], ["i32.const 0", &load(abi::CALL_EPOCH_ADDR), "i32.eq"], "{text}");
    // The function's box (argument 0 of the array, local 1) against key 0.
    assert_eq!(
        lines[check + 4..check + 11],
        [
            "local.get 1",
            "i32.load",
            "i32.const 0",
            &key0,
            "i32.eq",
            "i32.and",
            "if (result i32) ;; label = @1"
        ],
        "{text}"
    );
    assert!(!text.contains(&key1), "an Int64 argument's tag is known: {text}");
    let hit = at("call_indirect (type 3)");
    assert_eq!(lines[hit - 4..hit], ["local.get 1", "i32.const 2", "i32.const 0", entry.as_str()], "{text}");
    let miss = at("call $call_dynamic");
    let els = hit + lines[hit..].iter().position(|l| *l == "else").expect("else");
    assert!(els < miss, "the import is the else branch: {text}");
    assert_eq!(lines[miss - 1], format!("i32.const {cache}"), "the import gets the cache: {text}");
}

/// A constant function needs no key; an argument of abstract type is keyed by its box's tag.
#[test]
fn inline_cache_keys_only_what_may_vary() {
    let mut cx = TestCx::new();
    let g = function_type(&mut cx.store, "g");
    let h = function_type(&mut cx.store, "h");
    let mut b = Builder::new(&["x"]);
    let e = b.entry();
    let r = b.dynamic(e, vec![Operand::Const(ConstValue::Singleton(h)), b.arg(1), int(2)], ty(Ty::ANY));
    b.ret(e, r.into());
    let sig = Signature { params: vec![g, Ty::ANY], ret: Ty::ANY };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    let key = |i: u32| format!("i32.load offset={}", cx.cache_base + abi::CALL_CACHE_KEYS + 4 * i);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let k1 = lines.iter().position(|l| *l == key(1)).unwrap_or_else(|| panic!("no key 1: {text}"));
    // The array is the local the reservation tees the stack pointer into.
    let sp = lines.iter().position(|l| *l == "i32.load offset=24").expect("reservation");
    let array = lines[sp + 1].replace("local.tee", "local.get");
    // `x` (argument 1 of the array): its box's tag (offset 0).
    assert_eq!(lines[k1 - 4..k1], [array.as_str(), "i32.load offset=4", "i32.load", "i32.const 0"], "{text}");
    assert!(
        !text.contains(&format!(
            "{}
",
            key(0)
        )),
        "the function is a constant: {text}"
    );
    assert!(!text.contains(&key(2)), "an Int64 constant's tag is known: {text}");
}

/// A tuple's fields are boxed into a shadow-stack array before the tuple is allocated, then
/// copied into it right after its header is written.
#[test]
fn object_fields_are_rooted_while_the_object_is_allocated() {
    let mut cx = TestCx::new();
    let pair = cx.store.tuple(vec![Ty::INT64, Ty::FLOAT64]);
    let (body, sig) = unary(&mut cx, Ty::INT64, pair, |b, x| {
        let e = b.entry();
        b.builtin(e, Builtin::Tuple, vec![x, float(1.5)], ty(pair)).into()
    });
    let text = spec_wat(&build(&mut cx, &body, &sig));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at =
        |needle: &str| lines.iter().position(|l| *l == needle).unwrap_or_else(|| panic!("{needle}: {text}"));
    assert!(at("i32.load offset=28") < at("call $box_i64"), "{text}");
    assert!(at("call $box_i64") < at("call $alloc_inline"), "{text}");
    assert!(text.contains("i32.store offset=12\n"), "second field copied: {text}");
}

/// Numeric code holds no boxes: no frame, no access to the shadow stack at all (its calls
/// still count the call depth).
#[test]
fn numeric_functions_have_no_frame() {
    let mut texts = vec![fib_module(CodeInstanceId(0)), fib_module(CodeInstanceId(3))];
    let mut cx = TestCx::new();
    let (body, sig) = sum_loop(&mut cx.store);
    texts.push(build(&mut cx, &body, &sig));
    let (body, sig) = nested_loops(&mut cx.store);
    texts.push(build(&mut cx, &body, &sig));
    let (body, sig) = unary(&mut cx, Ty::FLOAT64, Ty::FLOAT64, |b, x| {
        let e = b.entry();
        let s = b.builtin(e, Builtin::SinLibm, vec![x.clone()], ty(Ty::FLOAT64));
        b.builtin(e, Builtin::MulFloat, vec![s.into(), x], ty(Ty::FLOAT64)).into()
    });
    texts.push(build(&mut cx, &body, &sig));
    for text in texts {
        assert!(!touches_shadow_stack(&text), "{text}");
        assert_eq!(shadow_reservations(&text), 0, "{text}");
    }
}

/// The wat of `f(x, n)`: a loop `acc = g(acc, i)` for `i` in `0:n-1` starting from `acc = x`,
/// returning `acc`, or with `keep_first` the tuple `(acc, x)` (so `x` stays live across the
/// loop's calls).
fn accumulating_loop(keep_first: bool) -> String {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["x", "n"]);
    let entry = b.entry();
    let (head, hp) = b.block(&[ty(Ty::ANY), ty(Ty::INT64)]);
    let (body_block, _) = b.block(&[]);
    let (exit, _) = b.block(&[]);
    b.jump(entry, head, vec![b.arg(1), int(0)]);
    let (acc, i) = (Operand::Value(hp[0]), Operand::Value(hp[1]));
    let c = b.builtin(head, Builtin::SltInt, vec![i.clone(), b.arg(2)], ty(Ty::BOOL));
    b.branch(head, c.into(), (body_block, vec![]), (exit, vec![]));
    let callee = Operand::Global(ir::GlobalRef::new("Main", "g"));
    let next = b.dynamic(body_block, vec![callee, acc.clone(), i.clone()], ty(Ty::ANY));
    let i2 = b.builtin(body_block, Builtin::AddInt, vec![i, int(1)], ty(Ty::INT64));
    b.jump(body_block, head, vec![next.into(), i2.into()]);
    if keep_first {
        let t = b.builtin(exit, Builtin::Tuple, vec![acc, b.arg(1)], ty(Ty::ANY));
        b.ret(exit, t.into());
    } else {
        b.ret(exit, acc);
    }
    let sig = Signature { params: vec![f, Ty::ANY, Ty::INT64], ret: Ty::ANY };
    spec_wat(&build(&mut cx, &b.body, &sig))
}

/// A boxed loop value live across a call in the loop is stored in its slot on every edge
/// into the header (entry and back edge).
#[test]
fn boxed_loop_value_is_stored_on_every_edge() {
    // `acc` is passed to `g` in its array; it is not live across the call (its successor
    // `next` is), so neither needs a slot: only the array is reserved.
    let text = accumulating_loop(false);
    assert_eq!(shadow_reservations(&text), 1, "{text}");

    // Keeping the first `acc` too (returned at the end) roots it.
    let text = accumulating_loop(true);
    assert_eq!(shadow_reservations(&text), 3, "frame, call array, tuple array: {text}");
}

/// A static call whose later argument must be boxed keeps the earlier boxed argument on the
/// shadow stack while it is boxed (it would otherwise sit unrooted on the wasm stack).
#[test]
fn invoke_roots_boxed_arguments_while_boxing_later_ones() {
    let mut cx = TestCx::new();
    let g = function_type(&mut cx.store, "g");
    cx.sigs.insert(CodeInstanceId(3), Signature { params: vec![g, Ty::ANY, Ty::ANY], ret: Ty::ANY });
    let f = function_type(&mut cx.store, "f");
    let mut b = Builder::new(&["x", "n"]);
    let e = b.entry();
    let gv = Operand::Const(ConstValue::Singleton(g));
    let r = b.invoke(e, CodeInstanceId(3), vec![gv, b.arg(1), b.arg(2)], ty(Ty::ANY));
    b.ret(e, r.into());
    let sig = Signature { params: vec![f, Ty::ANY, Ty::INT64], ret: Ty::ANY };
    let text = spec_wat(&build(&mut cx, &b.body, &sig));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at =
        |needle: &str| lines.iter().position(|l| *l == needle).unwrap_or_else(|| panic!("{needle}: {text}"));
    let pop = lines.iter().rposition(|l| *l == "i32.store offset=24").expect("pop");
    assert!(at("i32.load offset=28") < at("call $box_i64"), "{text}");
    assert!(at("call $box_i64") < pop, "{text}");
    assert!(pop < lines.iter().position(|l| l.starts_with("call_indirect")).unwrap(), "{text}");
    // `x` goes through the array, not straight onto the wasm stack.
    assert!(text.contains("local.get 3\n    local.get 0\n    i32.store\n"), "{text}");
}

/// A trampoline keeps its boxed parameters on the shadow stack across `compile_slot`, and
/// pops them before forwarding the call.
#[test]
fn trampoline_roots_boxed_parameters_across_compile_slot() {
    let mut cx = TestCx::new();
    let f = function_type(&mut cx.store, "f");
    let sig = Signature { params: vec![f, Ty::ANY, Ty::INT64], ret: Ty::ANY };
    let bytes = codegen::trampoline_at(&cx.store, &sig, 5, 0x10000);
    validate(&bytes);
    let text = wat(&bytes);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at =
        |needle: &str| lines.iter().position(|l| *l == needle).unwrap_or_else(|| panic!("{needle}: {text}"));
    // The shadow stack pointer at 0x10000 + 24, its limit at 0x10000 + 28.
    assert!(at("i32.load offset=65564") < at("call $compile_slot"), "{text}");
    let pop = lines.iter().rposition(|l| *l == "i32.store offset=65560").expect("pop");
    assert!(at("call $compile_slot") < pop && pop < at("call_indirect (type 2)"), "{text}");
    assert!(text.contains("local.get 0\n    i32.store offset=65536\n"), "the box stored: {text}");
}

/// A call counts its frames in the depth cell (`abi::DEPTH_ADDR`; `ir::steps`, "Frames"):
/// added and checked against `CodegenContext::max_depth` before the call, subtracted after.
/// A call inlined from another function counts that function's frame too.
#[test]
fn calls_count_their_frames_against_the_depth_limit() {
    let depth = format!("i32.load offset={}", codegen::abi::DEPTH_ADDR);
    let mut cx = TestCx::new();
    let (body, sig) = dynamic_call(&mut cx.store);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let call = lines.iter().position(|l| *l == "call $call_dynamic").expect("call");
    let before = lines[..call].iter().rposition(|l| *l == depth).expect("depth read before the call");
    assert_eq!(lines[before + 1..before + 3], ["i32.const 1", "i32.add"], "{text}");
    assert!(lines[before + 3].starts_with("local.tee "), "{text}");
    assert_eq!(lines[before + 4..before + 6], ["i32.const -1", "i32.gt_u"], "{text}");
    // After the inline cache's `if` ends.
    assert_eq!(lines[call + 4..call + 7], [depth.as_str(), "i32.const 1", "i32.sub"], "{text}");
    // The same call inlined from another function (an inline frame): two frames.
    let (mut body, sig) = dynamic_call(&mut cx.store);
    body.inline_frames.push(ir::InlineFrame {
        callee: CodeInstanceId(7),
        call_span: ir::Span::default(),
        parent: None,
    });
    let call_inst = body.layout.iter().flat_map(|&b| body.blocks[b].insts.clone()).last().expect("the call");
    body.inlined_at.set(call_inst, 0);
    let text = spec_wat(&build(&mut cx, &body, &sig));
    assert!(text.contains(&format!("{depth}\n    i32.const 2\n    i32.add")), "{text}");
}
