//! Test support: a hand-made table of CodeInstances (`TestCx`, an `OptContext` and a
//! `PrintContext`) and a builder for typed bodies, so the passes are tested without inference.

#![allow(dead_code)]

use ir::{
    Block, BlockTarget, Body, Builtin, CallInfo, InstFlags, InstKind, Operand, Span, Terminator, Value,
};
use opt::{InlineMode, OptContext, OptParams};
use types::{CodeInstanceId, ConstValue, Lattice, MethodInstanceId, Ty, TypeStore};

pub struct TestCi {
    pub name: String,
    /// The function's singleton value.
    pub func: Operand,
    pub typed: Option<Body>,
    pub inferred: Option<Body>,
    pub owner: ConstValue,
    pub spec_types: Ty,
    pub arg_types: Vec<Ty>,
    pub inline: Option<bool>,
    pub rettype: Lattice,
}

pub struct TestCx {
    pub store: TypeStore,
    pub cis: Vec<TestCi>,
    pub edges: Vec<(CodeInstanceId, CodeInstanceId)>,
}

impl TestCx {
    pub fn new() -> TestCx {
        TestCx { store: TypeStore::new(), cis: vec![], edges: vec![] }
    }

    /// Declares function `name` with one CodeInstance for `arg_types` (native owner), and
    /// returns its id and the function's singleton value.
    pub fn declare(&mut self, name: &str, arg_types: &[Ty], rettype: Lattice) -> (CodeInstanceId, Operand) {
        let fty = self.store.define_function(name, false);
        let mut spec = vec![fty];
        spec.extend_from_slice(arg_types);
        let spec_types = self.store.tuple(spec);
        let ci = CodeInstanceId(self.cis.len() as u32);
        self.cis.push(TestCi {
            name: name.into(),
            func: Operand::Const(ConstValue::Singleton(fty)),
            typed: None,
            inferred: None,
            owner: ConstValue::nothing(),
            spec_types,
            arg_types: arg_types.to_vec(),
            inline: None,
            rettype,
        });
        (ci, Operand::Const(ConstValue::Singleton(fty)))
    }

    pub fn ci(&mut self, ci: CodeInstanceId) -> &mut TestCi {
        &mut self.cis[ci.index()]
    }

    /// Optimizes `ci` and stores the result as its `inferred` body (what the runtime does).
    pub fn optimize(&mut self, ci: CodeInstanceId, mode: InlineMode) -> opt::Optimized {
        let params = OptParams { inlining: mode, stop_after: None, verify: true, record: true };
        let out = opt::optimize(self, ci, &params).expect("optimize");
        self.ci(ci).inferred = Some(out.body.clone());
        out
    }

    pub fn print(&self, ci: CodeInstanceId, body: &Body) -> String {
        ir::print_typed(body, &self.cis[ci.index()].rettype, self)
    }

    /// Every pass's name, whether it changed the IR, and the IR after it.
    pub fn passes(&self, ci: CodeInstanceId, out: &opt::Optimized) -> String {
        let mut s = String::new();
        for p in &out.passes {
            s.push_str(&format!("== {} (changed: {})\n", p.name, p.changed));
            if let Some(body) = &p.ir_after {
                s.push_str(&self.print(ci, body));
                s.push('\n');
            }
        }
        s
    }
}

impl OptContext for TestCx {
    fn types(&mut self) -> &mut TypeStore {
        &mut self.store
    }
    fn typed_body(&self, ci: CodeInstanceId) -> Option<&Body> {
        self.cis.get(ci.index())?.typed.as_ref()
    }
    fn inferred_body(&self, ci: CodeInstanceId) -> Option<&Body> {
        self.cis.get(ci.index())?.inferred.as_ref()
    }
    fn owner(&self, ci: CodeInstanceId) -> ConstValue {
        self.cis[ci.index()].owner.clone()
    }
    fn spec_types(&self, ci: CodeInstanceId) -> Ty {
        self.cis[ci.index()].spec_types
    }
    fn method_inline(&self, ci: CodeInstanceId) -> Option<bool> {
        self.cis[ci.index()].inline
    }
    fn add_inlining_edge(&mut self, caller: CodeInstanceId, callee: CodeInstanceId) {
        self.edges.push((caller, callee));
    }
}

impl ir::PrintContext for TestCx {
    fn type_name(&self, ty: Ty) -> String {
        self.store.display(ty)
    }
    fn invoke_callee(&self, ci: CodeInstanceId) -> (String, Vec<Ty>) {
        let c = &self.cis[ci.index()];
        (c.name.clone(), c.arg_types.clone())
    }
}

pub const PURE: InstFlags = InstFlags { nothrow: true, effect_free: true, inline: None };
pub const IMPURE: InstFlags = InstFlags { nothrow: false, effect_free: false, inline: None };

/// Builds a typed body block by block.
pub struct Builder {
    pub body: Body,
    pub cur: Block,
}

pub fn int() -> Lattice {
    Lattice::Type(Ty::INT64)
}

pub fn c(v: i64) -> Operand {
    Operand::Const(ConstValue::Int(v))
}

pub fn builtin(b: Builtin) -> Operand {
    Operand::Const(ConstValue::Builtin(b.id()))
}

impl Builder {
    /// `names` after `#self#`; every argument typed by `types` (`#self#` gets `self_ty`).
    pub fn new(self_ty: Lattice, names: &[&str], types: &[Lattice]) -> Builder {
        let mut all = vec![Some("#self#".into())];
        all.extend(names.iter().map(|n| Some((*n).into())));
        let mut body = Body::new(all);
        body.types.set(body.arg(0), self_ty);
        for (i, t) in types.iter().enumerate() {
            body.types.set(body.arg(i + 1), t.clone());
        }
        let cur = body.entry();
        Builder { body, cur }
    }

    pub fn arg(&self, n: usize) -> Operand {
        Operand::Value(self.body.arg(n))
    }

    fn inst(&mut self, kind: InstKind, info: Option<CallInfo>, ty: Lattice, flags: InstFlags) -> Value {
        let i = self.body.push_inst(self.cur, kind, Span::default(), true);
        if let Some(info) = info {
            self.body.infos.set(i, info);
        }
        self.body.flags.set(i, flags);
        let v = self.body.result(i);
        self.body.types.set(v, ty);
        v
    }

    /// A builtin or intrinsic call; intrinsics default to pure.
    pub fn builtin(&mut self, b: Builtin, args: Vec<Operand>, ty: Lattice, flags: InstFlags) -> Operand {
        let mut all = vec![builtin(b)];
        all.extend(args);
        Operand::Value(self.inst(InstKind::Call { args: all }, Some(CallInfo::Builtin(b)), ty, flags))
    }

    /// A generic call that inference resolved statically to `ci`.
    pub fn call(
        &mut self,
        f: Operand,
        ci: CodeInstanceId,
        args: Vec<Operand>,
        ty: Lattice,
        flags: InstFlags,
    ) -> Operand {
        let mut all = vec![f];
        all.extend(args);
        let info = CallInfo::Static { mi: MethodInstanceId(ci.0), ci: Some(ci) };
        Operand::Value(self.inst(InstKind::Call { args: all }, Some(info), ty, flags))
    }

    /// A call with any info.
    pub fn call_info(
        &mut self,
        args: Vec<Operand>,
        info: CallInfo,
        ty: Lattice,
        flags: InstFlags,
    ) -> Operand {
        Operand::Value(self.inst(InstKind::Call { args }, Some(info), ty, flags))
    }

    pub fn new_block(&mut self) -> Block {
        let b = self.body.new_block();
        self.body.layout.push(b);
        b
    }

    pub fn param(&mut self, b: Block, ty: Lattice) -> Operand {
        let v = self.body.add_block_param(b);
        self.body.types.set(v, ty);
        Operand::Value(v)
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

    pub fn branch(&mut self, cond: Operand, then_dest: Block, else_dest: Block) {
        let then_dest = BlockTarget { block: then_dest, args: vec![] };
        let else_dest = BlockTarget { block: else_dest, args: vec![] };
        self.body.set_term(self.cur, Terminator::Branch { cond, then_dest, else_dest }, Span::default());
    }

    pub fn finish(self) -> Body {
        self.body
    }
}
