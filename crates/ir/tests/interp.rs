//! The reference interpreter on hand-built bodies, against a tiny fake `Machine`.

mod common;

use std::rc::Rc;

use common::*;
use expect_test::{expect, Expect};
use ir::{
    interpret, Body, Builtin, GlobalRef, InstKind, Machine, MethodDef, Operand, RtValue, Span, Terminator,
    Thrown, TypeDef,
};
use types::{CodeInstanceId, ConstValue, Ty};

/// Errors are `Thrown(Ref(n))` where `n` indexes `messages`; globals `Main.+` / `Main.<` are
/// functions `Ref(1000)` / `Ref(1001)` that `call_dynamic` implements on Ints.
#[derive(Default)]
struct Fake {
    messages: Vec<String>,
    log: Vec<String>,
    steps: usize,
    budget: usize,
    depth: usize,
    max_depth: usize,
    frames: Vec<ir::FrameRoots>,
    /// `invoke` of CodeInstance 1 runs this body (recursion).
    recursive: Option<Rc<Body>>,
}

impl Fake {
    fn new() -> Fake {
        Fake { budget: 1000, max_depth: 50, ..Fake::default() }
    }

    fn throw(&mut self, msg: String) -> Thrown {
        self.messages.push(msg);
        Thrown(RtValue::Ref(self.messages.len() as u32 - 1))
    }
}

impl Machine for Fake {
    fn constant(&mut self, c: &ConstValue) -> RtValue {
        match c {
            ConstValue::Int(i) => RtValue::Int(*i),
            ConstValue::Float(f) => RtValue::Float(f.0),
            ConstValue::Bool(b) => RtValue::Bool(*b),
            ConstValue::Type(t) => RtValue::Ref(2000 + t.0),
            _ => RtValue::Ref(9999),
        }
    }
    fn global_get(&mut self, g: &GlobalRef, _: Span) -> Result<RtValue, Thrown> {
        match &*g.name {
            "+" => Ok(RtValue::Ref(1000)),
            "<" => Ok(RtValue::Ref(1001)),
            "sin" => Ok(RtValue::Ref(1002)),
            name => Err(self.throw(format!("UndefVarError: `{name}` not defined in `Main`"))),
        }
    }
    fn global_set(&mut self, g: &GlobalRef, value: RtValue, _: bool, _: Span) -> Result<(), Thrown> {
        self.log.push(format!("set {} = {value:?}", g.name));
        Ok(())
    }
    fn declare_global(&mut self, g: &GlobalRef, _: Span) -> Result<(), Thrown> {
        self.log.push(format!("declare {}", g.name));
        Ok(())
    }
    fn call_builtin(&mut self, b: Builtin, args: &[RtValue], _: Span) -> Result<RtValue, Thrown> {
        self.log.push(format!("builtin {}{args:?}", b.name()));
        Ok(RtValue::Bool(args.first() == args.get(1)))
    }
    fn call_dynamic(&mut self, args: &[RtValue], _: Span) -> Result<RtValue, Thrown> {
        match args {
            [RtValue::Ref(1000), RtValue::Int(a), RtValue::Int(b)] => Ok(RtValue::Int(a + b)),
            [RtValue::Ref(1001), RtValue::Int(a), RtValue::Int(b)] => Ok(RtValue::Bool(a < b)),
            _ => Err(self.throw(format!("MethodError: {args:?}"))),
        }
    }
    fn invoke(&mut self, ci: CodeInstanceId, args: &[RtValue], _: Span) -> Result<RtValue, Thrown> {
        match (ci.0, args) {
            (0, [_, RtValue::Float(x)]) => Ok(RtValue::Float(libm::sin(*x))),
            (1, _) => {
                let body = self.recursive.clone().expect("test sets the recursive body");
                interpret(self, &body, &plan(&body), args)
            }
            _ => Err(self.throw(format!("bad invoke {ci:?}"))),
        }
    }
    fn new_struct(&mut self, ty: RtValue, fields: &[RtValue], _: Span) -> Result<RtValue, Thrown> {
        self.log.push(format!("new {ty:?}{fields:?}"));
        Ok(RtValue::Ref(3000))
    }
    fn as_builtin(&mut self, _: RtValue) -> Option<Builtin> {
        None
    }
    fn as_type(&mut self, v: RtValue) -> Option<Ty> {
        match v {
            RtValue::Ref(n) if n >= 2000 => Some(Ty(n - 2000)),
            _ => None,
        }
    }
    fn throw_divide_error(&mut self, _: Span) -> Thrown {
        self.throw("DivideError: integer division error".into())
    }
    fn throw_non_boolean(&mut self, cond: RtValue, _: Span) -> Thrown {
        self.throw(format!("TypeError: non-boolean ({cond:?}) used in boolean context"))
    }
    fn throw_undef_local(&mut self, name: &str, _: Span) -> Thrown {
        self.throw(format!("UndefVarError: `{name}` not defined in local scope"))
    }
    fn throw_error(&mut self, message: &str, _: Span) -> Thrown {
        self.throw(message.to_string())
    }
    fn charge_steps(&mut self, amount: u64, _: Span) -> Result<(), Thrown> {
        self.steps += amount as usize;
        if self.steps > self.budget {
            return Err(self.throw(format!("StepLimitError: {}", self.budget)));
        }
        Ok(())
    }
    fn enter_frames(&mut self, weight: u32, _: &ir::Body, _: ir::Inst) -> Result<(), Thrown> {
        if self.depth + weight as usize > self.max_depth {
            return Err(self.throw("StackOverflowError:".into()));
        }
        self.depth += weight as usize;
        Ok(())
    }
    fn leave_frames(&mut self, weight: u32) {
        self.depth -= weight as usize;
    }
    fn push_frame(&mut self, roots: ir::FrameRoots) {
        self.frames.push(roots);
    }
    fn pop_frame(&mut self) {
        self.frames.pop();
    }
    fn exception_depth(&mut self) -> u32 {
        0
    }
    fn pop_exception(&mut self, _: u32) {}
    fn current_exception(&mut self, span: Span) -> Result<RtValue, Thrown> {
        Err(self.throw_error("no exception", span))
    }
    fn catchable(&mut self, _: &Thrown) -> bool {
        true
    }
    fn define_method(
        &mut self,
        def: &MethodDef,
        arg_types: &[RtValue],
        _: Option<RtValue>,
        _: Span,
    ) -> Result<(), Thrown> {
        self.log.push(format!("method {} {arg_types:?}", def.name.name));
        Ok(())
    }
    fn define_type(
        &mut self,
        def: &TypeDef,
        _: Option<RtValue>,
        fields: &[Option<RtValue>],
        _: Span,
    ) -> Result<(), Thrown> {
        self.log.push(format!("type {} {fields:?}", def.name.name));
        Ok(())
    }
}

/// The step plan the runtime would make for `body`.
fn plan(body: &Body) -> ir::steps::StepPlan {
    ir::steps::StepPlan::new(body, &types::TypeStore::new())
}

/// Runs `body` and prints the result or the thrown error's message, then the machine's log.
fn run_with(m: &mut Fake, body: &Body, args: &[RtValue]) -> String {
    let mut all = vec![RtValue::Ref(7)];
    all.extend_from_slice(args);
    let mut text = match interpret(m, body, &plan(body), &all) {
        Ok(v) => format!("{v:?}"),
        Err(Thrown(RtValue::Ref(n))) => format!("error: {}", m.messages[n as usize]),
        Err(t) => format!("error: {t:?}"),
    };
    text.push_str(&format!("\nsteps={} depth={}", m.steps, m.depth));
    for line in &m.log {
        text.push_str(&format!("\n{line}"));
    }
    text
}

fn check(body: &Body, args: &[RtValue], expect: Expect) {
    expect.assert_eq(&run_with(&mut Fake::new(), body, args));
}

#[test]
fn arithmetic_and_branches() {
    check(
        &abs_body(),
        &[RtValue::Int(-5)],
        expect![[r#"
        Int(5)
        steps=1 depth=0"#]],
    );
    check(
        &abs_body(),
        &[RtValue::Int(3)],
        expect![[r#"
        Int(3)
        steps=1 depth=0"#]],
    );
}

#[test]
fn loop_with_block_params_and_invoke() {
    // init + sin(1) + sin(2) + sin(3); the loop is charged its entry step (its visits are fewer
    // than a batch, `ir::steps`).
    let expected = 0.5 + libm::sin(1.0) + libm::sin(2.0) + libm::sin(3.0);
    let out = run_with(&mut Fake::new(), &loop_body(), &[RtValue::Float(0.5), RtValue::Int(3)]);
    assert_eq!(out.lines().next(), Some(format!("Float({expected:?})").as_str()));
    expect![[r#"
        Float(2.3918884196934456)
        steps=1 depth=0"#]]
    .assert_eq(&out);
}

/// `swap(n)`: `a, b = 1, 2; for _ in 1:n; a, b = b, a; end; a` with block params — a parallel
/// copy, so a sequential one would give 2 and 2.
fn swap_body() -> Body {
    let mut body = args(&["#self#", "n"]);
    let n = body.arg(1);
    let entry = body.entry();
    let header = body.new_block();
    let exit = body.new_block();
    body.layout.extend([header, exit]);
    let (a, b, i) =
        (body.add_block_param(header), body.add_block_param(header), body.add_block_param(header));
    body.set_term(entry, jump(header, vec![int(1), int(2), int(0)]), Span::default());
    let more = call(&mut body, header, Builtin::SltInt, vec![i.into(), n.into()], Ty::BOOL);
    let i2 = call(&mut body, header, Builtin::AddInt, vec![i.into(), int(1)], Ty::INT64);
    let br = Terminator::Branch {
        cond: more.into(),
        then_dest: ir::BlockTarget { block: header, args: vec![b.into(), a.into(), i2.into()] },
        else_dest: target(exit),
    };
    body.set_term(header, br, Span::default());
    ret(&mut body, exit, a);
    body
}

#[test]
fn block_params_are_a_parallel_copy() {
    check(
        &swap_body(),
        &[RtValue::Int(3)],
        expect![[r#"
            Int(2)
            steps=1 depth=0"#]],
    );
    check(
        &swap_body(),
        &[RtValue::Int(4)],
        expect![[r#"
            Int(1)
            steps=1 depth=0"#]],
    );
}

#[test]
fn step_budget_stops_an_infinite_loop() {
    let mut m = Fake { budget: 10, ..Fake::new() };
    expect![[r#"
        error: StepLimitError: 10
        steps=1025 depth=0"#]]
    .assert_eq(&run_with(&mut m, &swap_body(), &[RtValue::Int(i64::MAX)]));
}

fn div_body() -> Body {
    let mut body = args(&["#self#", "x", "y"]);
    let e = body.entry();
    let (x, y) = (body.arg(1), body.arg(2));
    let q = call(&mut body, e, Builtin::CheckedSdivInt, vec![x.into(), y.into()], Ty::INT64);
    ret(&mut body, e, q);
    body
}

#[test]
fn divide_error() {
    check(
        &div_body(),
        &[RtValue::Int(7), RtValue::Int(-2)],
        expect![[r#"
        Int(-3)
        steps=1 depth=0"#]],
    );
    check(
        &div_body(),
        &[RtValue::Int(7), RtValue::Int(0)],
        expect![[r#"
        error: DivideError: integer division error
        steps=1 depth=0"#]],
    );
    check(
        &div_body(),
        &[RtValue::Int(i64::MIN), RtValue::Int(-1)],
        expect![[r#"
        error: DivideError: integer division error
        steps=1 depth=0"#]],
    );
    check(
        &div_body(),
        &[RtValue::Float(1.0), RtValue::Int(1)],
        expect![[r#"
        error: checked_sdiv_int: expected two integers
        steps=1 depth=0"#]],
    );
}

#[test]
fn non_boolean_condition() {
    check(
        &abs_body(),
        &[RtValue::Float(1.0)],
        expect![[r#"
        error: slt_int: expected two integers
        steps=1 depth=0"#]],
    );
    let mut body = abs_body();
    let e = body.entry();
    let x = body.arg(1);
    if let Terminator::Branch { cond, .. } = &mut body.blocks[e].term {
        *cond = x.into();
    }
    check(
        &body,
        &[RtValue::Int(1)],
        expect![[r#"
        error: TypeError: non-boolean (Int(1)) used in boolean context
        steps=1 depth=0"#]],
    );
}

/// `function f(n); s = 0; while s < n; s = s + 1; end; return s; end` in slot form with
/// dynamic calls through the globals `Main.<` and `Main.+`.
fn slot_loop(assign_first: bool) -> Body {
    let mut body = args(&["#self#", "n"]);
    let s = body.new_slot("s");
    let n = body.arg(1);
    let b1 = body.entry();
    let header = body.new_block();
    let latch = body.new_block();
    let exit = body.new_block();
    body.layout.extend([header, latch, exit]);
    if assign_first {
        body.push_inst(b1, InstKind::SlotStore { slot: s, value: int(0) }, Span::default(), false);
    }
    body.set_term(b1, jump(header, vec![]), Span::default());
    let lt = Operand::Global(GlobalRef::new("Main", "<"));
    let c = body.push_inst(
        header,
        InstKind::Call { args: vec![lt, Operand::Slot(s), n.into()] },
        Span::default(),
        true,
    );
    let c = body.result(c);
    let br = Terminator::Branch { cond: c.into(), then_dest: target(latch), else_dest: target(exit) };
    body.set_term(header, br, Span::default());
    let plus = Operand::Global(GlobalRef::new("Main", "+"));
    let add = body.push_inst(
        latch,
        InstKind::Call { args: vec![plus, Operand::Slot(s), int(1)] },
        Span::default(),
        true,
    );
    let add = body.result(add);
    body.push_inst(latch, InstKind::SlotStore { slot: s, value: add.into() }, Span::default(), false);
    body.set_term(latch, jump(header, vec![]), Span::default());
    ret(&mut body, exit, Operand::Slot(s));
    body
}

#[test]
fn slot_form_with_dynamic_calls() {
    check(
        &slot_loop(true),
        &[RtValue::Int(3)],
        expect![[r#"
            Int(3)
            steps=1 depth=0"#]],
    );
    check(
        &slot_loop(false),
        &[RtValue::Int(3)],
        expect![[r#"
        error: UndefVarError: `s` not defined in local scope
        steps=1 depth=0"#]],
    );
}

#[test]
fn recursion_hits_the_depth_limit() {
    // `f(x) = f(x)` through `invoke` of CodeInstance 1.
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let (f, x) = (body.arg(0), body.arg(1));
    let inv = body.push_inst(
        e,
        InstKind::Invoke { ci: CodeInstanceId(1), args: vec![f.into(), x.into()] },
        Span::default(),
        true,
    );
    let r = body.result(inv);
    ret(&mut body, e, r);
    let body = Rc::new(body);
    let mut m = Fake { recursive: Some(body.clone()), ..Fake::new() };
    expect![[r#"
        error: StackOverflowError:
        steps=51 depth=0"#]]
    .assert_eq(&run_with(&mut m, &body, &[RtValue::Int(1)]));
}

#[test]
fn builtins_new_globals_and_toplevel_definitions() {
    let mut body = args(&["#self#", "x"]);
    let e = body.entry();
    let x = body.arg(1);
    let eq = call(&mut body, e, Builtin::Egal, vec![x.into(), int(1)], Ty::BOOL);
    let conv = call(
        &mut body,
        e,
        Builtin::Sitofp,
        vec![Operand::Const(ConstValue::Type(Ty::FLOAT64)), x.into()],
        Ty::FLOAT64,
    );
    let new =
        InstKind::New { ty: Operand::Const(ConstValue::Type(Ty::INT64)), args: vec![eq.into(), conv.into()] };
    let new = body.push_inst(e, new, Span::default(), true);
    let new = body.result(new);
    let g = GlobalRef::new("Main", "g");
    body.push_inst(e, InstKind::DeclareGlobal { global: g.clone() }, Span::default(), false);
    body.push_inst(
        e,
        InstKind::SetGlobal { global: g.clone(), value: new.into(), constant: false },
        Span::default(),
        false,
    );
    let def = MethodDef {
        name: GlobalRef::new("Main", "f"),
        arg_types: vec![Operand::Const(ConstValue::Type(Ty::INT64))],
        is_vararg: false,
        body: 0,
        inline: None,
        method_table: None,
        self_type: false,
        type_params: vec![],
    };
    body.push_inst(e, InstKind::Method(Box::new(def)), Span::default(), false);
    let ty = TypeDef {
        name: GlobalRef::new("Main", "P"),
        supertype: None,
        fields: Some(vec![("a".into(), None)]),
        mutable: false,
        closure: false,
        params: vec![],
    };
    body.push_inst(e, InstKind::Type(Box::new(ty)), Span::default(), false);
    ret(&mut body, e, conv);
    check(
        &body,
        &[RtValue::Int(1)],
        expect![[r#"
        Float(1.0)
        steps=1 depth=0
        builtin ===[Int(1), Int(1)]
        new Ref(2008)[Bool(true), Float(1.0)]
        declare g
        set g = Ref(3000)
        method f [Ref(2008)]
        type P [None]"#]],
    );
}

#[test]
fn wrong_arity_and_unreachable() {
    let out = {
        let mut m = Fake::new();
        match interpret(&mut m, &abs_body(), &plan(&abs_body()), &[RtValue::Int(1)]) {
            Err(Thrown(RtValue::Ref(n))) => m.messages[n as usize].clone(),
            other => format!("{other:?}"),
        }
    };
    expect!["interpreter: 1 arguments for a body of 2"].assert_eq(&out);
    let body = args(&["#self#"]);
    check(
        &body,
        &[],
        expect![[r#"
            error: reached unreachable code
            steps=0 depth=0"#]],
    );
}
