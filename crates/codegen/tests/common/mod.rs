//! Test helpers: a `CodegenContext` with fixed answers and a small builder of typed bodies.
#![allow(dead_code)]

use codegen::{CodegenContext, Signature};
use ir::{
    Block, BlockTarget, Body, Builtin, CallInfo, GlobalRef, InstKind, Operand, Span, Terminator, Value,
};
use rustc_hash::FxHashMap;
use types::{CodeInstanceId, ConstValue, Lattice, Ty, TypeStore};

pub struct TestCx {
    pub store: TypeStore,
    pub sigs: FxHashMap<CodeInstanceId, Signature>,
    pub constants: Vec<ConstValue>,
    pub heap_base: u32,
    /// The argument count of each inline cache asked for, in order.
    pub caches: Vec<u32>,
    /// Where inline caches go: `cache_base + CACHE_STRIDE * n` (a test that runs a module puts
    /// them in zeroed memory).
    pub cache_base: u32,
}

/// Bytes between two inline caches of `TestCx` (room for 12 arguments).
pub const CACHE_STRIDE: u32 = 64;

impl TestCx {
    pub fn new() -> TestCx {
        TestCx {
            store: TypeStore::new(),
            sigs: FxHashMap::default(),
            constants: vec![],
            heap_base: 0,
            caches: vec![],
            cache_base: 0x2000,
        }
    }
}

/// Constant boxes get fake addresses `0x1000 + 16 * n`, inline caches `cache_base + 64 * n`;
/// slot of `ci` is its index.
impl CodegenContext for TestCx {
    fn types(&self) -> &TypeStore {
        &self.store
    }
    fn slot_of(&mut self, ci: CodeInstanceId) -> u32 {
        ci.0
    }
    fn signature_of(&mut self, ci: CodeInstanceId) -> Signature {
        self.sigs[&ci].clone()
    }
    fn constant_box(&mut self, c: &ConstValue) -> u32 {
        let n = match self.constants.iter().position(|x| x == c) {
            Some(n) => n,
            None => {
                self.constants.push(c.clone());
                self.constants.len() - 1
            }
        };
        0x1000 + 16 * n as u32
    }
    fn call_site_cache(&mut self, nargs: u32) -> u32 {
        assert!(codegen::abi::HEADER_SIZE + codegen::abi::call_cache_payload(nargs) <= CACHE_STRIDE);
        self.caches.push(nargs);
        self.cache_base + CACHE_STRIDE * (self.caches.len() as u32 - 1)
    }
    fn global_index(&mut self, _g: &GlobalRef) -> u32 {
        7
    }
    fn span_id(&mut self, span: Span) -> u32 {
        span.start
    }
    fn heap_base(&self) -> u32 {
        self.heap_base
    }
}

pub fn int(i: i64) -> Operand {
    Operand::Const(ConstValue::Int(i))
}

pub fn float(x: f64) -> Operand {
    Operand::Const(ConstValue::float(x))
}

pub fn ty(t: Ty) -> Lattice {
    Lattice::Type(t)
}

/// A body under construction; `f` is the function argument (a singleton, erased).
pub struct Builder {
    pub body: Body,
}

impl Builder {
    pub fn new(args: &[&str]) -> Builder {
        let mut names = vec![Some("#self#".into())];
        names.extend(args.iter().map(|a| Some((*a).into())));
        Builder { body: Body::new(names) }
    }

    pub fn arg(&self, n: usize) -> Operand {
        Operand::Value(self.body.arg(n))
    }

    pub fn entry(&self) -> Block {
        self.body.entry()
    }

    pub fn block(&mut self, params: &[Lattice]) -> (Block, Vec<Value>) {
        let b = self.body.new_block();
        self.body.layout.push(b);
        let vs = params
            .iter()
            .map(|t| {
                let v = self.body.add_block_param(b);
                self.body.types.set(v, t.clone());
                v
            })
            .collect();
        (b, vs)
    }

    fn push(&mut self, block: Block, kind: InstKind, info: Option<CallInfo>, t: Lattice, at: u32) -> Value {
        let span = Span { file: 0, start: at, end: at + 1 };
        let inst = self.body.push_inst(block, kind, span, true);
        if let Some(info) = info {
            self.body.infos.set(inst, info);
        }
        let v = self.body.result(inst);
        self.body.types.set(v, t);
        v
    }

    pub fn builtin(&mut self, block: Block, b: Builtin, args: Vec<Operand>, t: Lattice) -> Value {
        let mut all = vec![Operand::Const(ConstValue::Builtin(b.id()))];
        all.extend(args);
        self.push(block, InstKind::Call { args: all }, Some(CallInfo::Builtin(b)), t, 40)
    }

    pub fn invoke(&mut self, block: Block, ci: CodeInstanceId, args: Vec<Operand>, t: Lattice) -> Value {
        self.push(block, InstKind::Invoke { ci, args }, None, t, 50)
    }

    pub fn dynamic(&mut self, block: Block, args: Vec<Operand>, t: Lattice) -> Value {
        self.push(block, InstKind::Call { args }, Some(CallInfo::Dynamic), t, 60)
    }

    pub fn new_object(&mut self, block: Block, t: Ty, args: Vec<Operand>) -> Value {
        let kind = InstKind::New { ty: Operand::Const(ConstValue::Type(t)), args };
        self.push(block, kind, None, ty(t), 70)
    }

    pub fn ret(&mut self, block: Block, op: Operand) {
        self.body.set_term(block, Terminator::Return(op), Span::default());
    }

    pub fn jump(&mut self, block: Block, to: Block, args: Vec<Operand>) {
        self.body.set_term(block, Terminator::Jump(BlockTarget { block: to, args }), Span::default());
    }

    pub fn branch(
        &mut self,
        block: Block,
        cond: Operand,
        then: (Block, Vec<Operand>),
        els: (Block, Vec<Operand>),
    ) {
        let term = Terminator::Branch {
            cond,
            then_dest: BlockTarget { block: then.0, args: then.1 },
            else_dest: BlockTarget { block: els.0, args: els.1 },
        };
        self.body.set_term(block, term, Span { file: 0, start: 90, end: 91 });
    }
}

/// The type of the function argument: a fresh singleton `typeof(f)`.
pub fn function_type(store: &mut TypeStore, name: &str) -> Ty {
    store.define_function(name, false)
}

/// `fib(n::Int64)::Int64`, calling itself through CodeInstance `ci`.
pub fn fib(store: &mut TypeStore, ci: CodeInstanceId) -> (Body, Signature) {
    let f = function_type(store, "fib");
    let mut b = Builder::new(&["n"]);
    let entry = b.entry();
    let n = b.arg(1);
    let small = b.builtin(entry, Builtin::SltInt, vec![n.clone(), int(2)], ty(Ty::BOOL));
    let (base, _) = b.block(&[]);
    let (rec, _) = b.block(&[]);
    b.branch(entry, small.into(), (base, vec![]), (rec, vec![]));
    b.ret(base, n.clone());
    let n1 = b.builtin(rec, Builtin::SubInt, vec![n.clone(), int(1)], ty(Ty::INT64));
    let a = b.invoke(rec, ci, vec![b.arg(0), n1.into()], ty(Ty::INT64));
    let n2 = b.builtin(rec, Builtin::SubInt, vec![n, int(2)], ty(Ty::INT64));
    let c = b.invoke(rec, ci, vec![b.arg(0), n2.into()], ty(Ty::INT64));
    let r = b.builtin(rec, Builtin::AddInt, vec![a.into(), c.into()], ty(Ty::INT64));
    b.ret(rec, r.into());
    (b.body, Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 })
}

/// `sum(n::Int64)`: `s = 0; i = 1; while i <= n; s += i; i += 1; end; s`.
pub fn sum_loop(store: &mut TypeStore) -> (Body, Signature) {
    sum_loop_stepping(store, 1)
}

/// `sum(n::Int64)`: `s = 0; i = 1; while i <= n; s += i; i += step; end; s`.
pub fn sum_loop_stepping(store: &mut TypeStore, step: i64) -> (Body, Signature) {
    let f = function_type(store, "sum");
    let mut b = Builder::new(&["n"]);
    let entry = b.entry();
    let (head, hp) = b.block(&[ty(Ty::INT64), ty(Ty::INT64)]);
    let (body, _) = b.block(&[]);
    let (exit, _) = b.block(&[]);
    b.jump(entry, head, vec![int(0), int(1)]);
    let (s, i) = (Operand::Value(hp[0]), Operand::Value(hp[1]));
    let c = b.builtin(head, Builtin::SleInt, vec![i.clone(), b.arg(1)], ty(Ty::BOOL));
    b.branch(head, c.into(), (body, vec![]), (exit, vec![]));
    let s2 = b.builtin(body, Builtin::AddInt, vec![s.clone(), i.clone()], ty(Ty::INT64));
    let i2 = b.builtin(body, Builtin::AddInt, vec![i, int(step)], ty(Ty::INT64));
    b.jump(body, head, vec![s2.into(), i2.into()]);
    b.ret(exit, s);
    (b.body, Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 })
}

/// `g(x) = f(x)` with `f` a global resolved at run time: a dynamic call returning `Any`.
pub fn dynamic_call(store: &mut TypeStore) -> (Body, Signature) {
    let f = function_type(store, "g");
    let mut b = Builder::new(&["x"]);
    let entry = b.entry();
    let r = b.dynamic(entry, vec![Operand::Global(GlobalRef::new("Main", "f")), b.arg(1)], ty(Ty::INT64));
    b.ret(entry, r.into());
    (b.body, Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 })
}

/// `nested(n)`: `s = 0; i = 0; while i < n; j = 0; while j < i; s += (j odd ? 3 : 1); j += 1;
/// end; i += 1; end; s` — two nested loops with a diamond inside (exercises merge nodes,
/// loop headers and back edges at two depths).
pub fn nested_loops(store: &mut TypeStore) -> (Body, Signature) {
    let f = function_type(store, "nested");
    let int64 = || ty(Ty::INT64);
    let mut b = Builder::new(&["n"]);
    let entry = b.entry();
    let (outer, op) = b.block(&[int64(), int64()]); // s, i
    let (outer_body, _) = b.block(&[]);
    let (inner, ip) = b.block(&[int64(), int64()]); // s, j
    let (inner_body, _) = b.block(&[]);
    let (odd, _) = b.block(&[]);
    let (join, jp) = b.block(&[int64()]); // increment
    let (outer_latch, _) = b.block(&[]);
    let (exit, _) = b.block(&[]);
    b.jump(entry, outer, vec![int(0), int(0)]);
    let (s, i) = (Operand::Value(op[0]), Operand::Value(op[1]));
    let c = b.builtin(outer, Builtin::SltInt, vec![i.clone(), b.arg(1)], ty(Ty::BOOL));
    b.branch(outer, c.into(), (outer_body, vec![]), (exit, vec![]));
    b.jump(outer_body, inner, vec![s.clone(), int(0)]);
    let (s2, j) = (Operand::Value(ip[0]), Operand::Value(ip[1]));
    let c = b.builtin(inner, Builtin::SltInt, vec![j.clone(), i.clone()], ty(Ty::BOOL));
    b.branch(inner, c.into(), (inner_body, vec![]), (outer_latch, vec![]));
    let bit = b.builtin(inner_body, Builtin::AndInt, vec![j.clone(), int(1)], ty(Ty::INT64));
    let is_odd = b.builtin(inner_body, Builtin::EqInt, vec![bit.into(), int(1)], ty(Ty::BOOL));
    b.branch(inner_body, is_odd.into(), (odd, vec![]), (join, vec![int(1)]));
    b.jump(odd, join, vec![int(3)]);
    let s3 = b.builtin(join, Builtin::AddInt, vec![s2.clone(), jp[0].into()], ty(Ty::INT64));
    let j2 = b.builtin(join, Builtin::AddInt, vec![j, int(1)], ty(Ty::INT64));
    b.jump(join, inner, vec![s3.into(), j2.into()]);
    let i2 = b.builtin(outer_latch, Builtin::AddInt, vec![i, int(1)], ty(Ty::INT64));
    b.jump(outer_latch, outer, vec![s2, i2.into()]);
    b.ret(exit, s);
    (b.body, Signature { params: vec![f, Ty::INT64], ret: Ty::INT64 })
}

/// `codegen::compile` of a hand-built body, its arguments typed by the signature first as
/// inference types them (the step rule reads the types of loop bounds, `ir::steps`).
pub fn compile_typed(
    cx: &mut TestCx,
    body: &Body,
    sig: &codegen::Signature,
    slot: u32,
    name: &str,
) -> Result<Vec<u8>, codegen::CodegenError> {
    let mut body = body.clone();
    for (n, &t) in sig.params.iter().enumerate().take(body.nargs()) {
        let arg = body.arg(n);
        if body.types.get(arg).is_none() {
            body.types.set(arg, Lattice::Type(t));
        }
    }
    codegen::compile(cx, &body, sig, slot, name)
}
