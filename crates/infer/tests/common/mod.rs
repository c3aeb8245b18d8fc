//! A tiny builder for SSA bodies and helpers to define methods and show inference results.
#![allow(dead_code)] // each test file uses a different subset

use std::rc::Rc;

use ir::{Block, BlockTarget, Body, Builtin, GlobalRef, InstKind, Operand, Span, Terminator};
use types::{CodeInstanceId, ConstValue, MethodTableId, Ty};
use world::{NewMethod, World, MAX_WORLD};

pub struct B {
    pub body: Body,
    cur: Block,
}

impl B {
    /// A body whose arguments after `#self#` are named `args`.
    pub fn new(args: &[&str]) -> B {
        let mut names = vec![Some(Rc::from("#self#"))];
        names.extend(args.iter().map(|a| Some(Rc::from(*a))));
        let body = Body::new(names);
        let cur = body.entry();
        B { body, cur }
    }

    pub fn arg(&self, n: usize) -> Operand {
        Operand::Value(self.body.arg(n))
    }

    pub fn call(&mut self, args: Vec<Operand>) -> Operand {
        let inst = self.body.push_inst(self.cur, InstKind::Call { args }, Span::default(), true);
        Operand::Value(self.body.result(inst))
    }

    /// `%new(ty, args...)`.
    pub fn new_struct(&mut self, ty: Ty, args: Vec<Operand>) -> Operand {
        let kind = InstKind::New { ty: Operand::Const(ConstValue::Type(ty)), args };
        let inst = self.body.push_inst(self.cur, kind, Span::default(), true);
        Operand::Value(self.body.result(inst))
    }

    pub fn new_block(&mut self) -> Block {
        let b = self.body.new_block();
        self.body.layout.push(b);
        b
    }

    pub fn param(&mut self, b: Block) -> Operand {
        Operand::Value(self.body.add_block_param(b))
    }

    pub fn switch(&mut self, b: Block) {
        self.cur = b;
    }

    pub fn ret(&mut self, op: Operand) {
        self.body.set_term(self.cur, Terminator::Return(op), Span::default());
    }

    pub fn jump(&mut self, b: Block, args: Vec<Operand>) {
        self.body.set_term(self.cur, Terminator::Jump(BlockTarget { block: b, args }), Span::default());
    }

    pub fn br(&mut self, cond: Operand, then_b: Block, else_b: Block) {
        let term = Terminator::Branch {
            cond,
            then_dest: BlockTarget { block: then_b, args: vec![] },
            else_dest: BlockTarget { block: else_b, args: vec![] },
        };
        self.body.set_term(self.cur, term, Span::default());
    }
}

pub fn bi(b: Builtin) -> Operand {
    Operand::Const(ConstValue::Builtin(b.id()))
}

pub fn g(name: &str) -> Operand {
    Operand::Global(GlobalRef::new("Main", name))
}

pub fn int(i: i64) -> Operand {
    Operand::Const(ConstValue::Int(i))
}

pub fn float(x: f64) -> Operand {
    Operand::Const(ConstValue::float(x))
}

pub fn define(w: &mut World, name: &str, args: &[Ty], vararg: bool, b: B) -> types::MethodId {
    define_in(w, name, args, vararg, b, MethodTableId(0))
}

pub fn define_in(
    w: &mut World,
    name: &str,
    args: &[Ty],
    vararg: bool,
    b: B,
    table: MethodTableId,
) -> types::MethodId {
    let func_ty = w.define_function("Main", name);
    let body = Rc::new(b.body);
    w.add_method(NewMethod {
        name: name.into(),
        module: "Main".into(),
        func_ty,
        arg_types: args.to_vec(),
        is_vararg: vararg,
        source: body.clone(),
        lowered: body,
        inline: None,
        table,
        span: Span::default(),
    })
}

/// Integer `+`, `-`, `<` on Int64 and Float64 `+`, as the prelude defines them.
pub fn prelude(w: &mut World) {
    for (name, op, ty) in [
        ("+", Builtin::AddInt, Ty::INT64),
        ("-", Builtin::SubInt, Ty::INT64),
        ("*", Builtin::MulInt, Ty::INT64),
        ("<", Builtin::SltInt, Ty::INT64),
        ("+", Builtin::AddFloat, Ty::FLOAT64),
        ("*", Builtin::MulFloat, Ty::FLOAT64),
        ("<", Builtin::LtFloat, Ty::FLOAT64),
    ] {
        let mut b = B::new(&["x", "y"]);
        let (x, y) = (b.arg(1), b.arg(2));
        let r = b.call(vec![bi(op), x, y]);
        b.ret(r);
        define(w, name, &[ty, ty], false, b);
    }
}

pub fn sig(w: &mut World, name: &str, args: &[Ty]) -> Ty {
    let f = w.define_function("Main", name);
    let mut elems = vec![f];
    elems.extend_from_slice(args);
    w.types.tuple(elems)
}

/// Infers the method `name(args...)` dispatches to, natively in the newest world.
pub fn infer(w: &mut World, name: &str, args: &[Ty]) -> CodeInstanceId {
    let s = sig(w, name, args);
    let world = w.world_counter();
    let m = w.dispatch(MethodTableId(0), s, world).expect("a method");
    let mi = w.specialize(m, s);
    infer::typeinf(w, &infer::NativeInterp { world }, mi).expect("inference")
}

/// `rettype`, `exctype`, effects and world range of a CI.
pub fn summary(w: &mut World, ci: CodeInstanceId) -> String {
    let c = w.code_instance(ci).clone();
    let max = if c.max_world == MAX_WORLD { "∞".to_string() } else { c.max_world.to_string() };
    format!(
        "rettype={} exctype={} nothrow={} effect_free={} terminates={} worlds=[{}, {}]",
        show_lattice(w, &c.rettype),
        w.types.display(c.exctype),
        c.effects.nothrow,
        c.effects.effect_free,
        c.effects.terminates,
        c.min_world,
        max
    )
}

pub fn show_lattice(w: &World, l: &types::Lattice) -> String {
    match l {
        types::Lattice::Const(c) => format!("Const({})", ir::print::default_const_repr(w, c)),
        types::Lattice::Type(t) => w.types.display(*t),
    }
}

/// The typed IR of a CI in Julia's format.
pub fn typed(w: &World, ci: CodeInstanceId) -> String {
    let c = w.code_instance(ci);
    let body = c.typed.as_ref().expect("typed body");
    ir::print_typed(body, &c.rettype, w)
}
