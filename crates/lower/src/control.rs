//! Control flow: `if`/`elseif`/`else`, `?:`, `&&`, `||`, comparison chains, `while`, `for`
//! (counted loops over `a:b`, Julia's `iterate` protocol otherwise), `break`, `continue`,
//! `return` and `let`. Conditions branch directly (`goto #3 if not %2`), as Julia's lowering
//! does; a non-Bool condition is the engines' run-time TypeError.
//!
//! Layout invariant relied on by printers: a `Branch`'s `then_dest` is the block that follows
//! it in the layout (Julia's `GotoIfNot` falls through).

use ir::{InstKind, Operand, Slot, Terminator};
use syntax::ast::{Block as AstBlock, Expr, ExprKind, ForIterator, Ident};
use types::ConstValue;

use crate::cx::{int, nothing, Cx, LoopTargets, ScopeKind, TryExit, Var, Want};

/// One arm of a conditional.
#[derive(Clone, Copy)]
enum Arm<'e> {
    Stmts(&'e [Expr], syntax::Span),
    Expr(&'e Expr),
    Const(bool, syntax::Span),
}

impl Cx<'_> {
    pub fn lower_control(&mut self, e: &Expr, want: Want) -> Operand {
        let span = e.span;
        match &e.kind {
            ExprKind::If { branches, else_body } => {
                let arms: Vec<(&Expr, Arm)> =
                    branches.iter().map(|b| (&b.cond, Arm::Stmts(&b.body.stmts, b.span))).collect();
                let else_arm = match else_body {
                    Some(b) => Arm::Stmts(&b.stmts, b.span),
                    None => Arm::Stmts(&[], span),
                };
                self.conditional(&arms, else_arm, want, span)
            }
            ExprKind::Ternary { cond, then_expr, else_expr } => {
                self.conditional(&[(cond, Arm::Expr(then_expr))], Arm::Expr(else_expr), want, span)
            }
            ExprKind::And { lhs, rhs } => {
                self.conditional(&[(lhs, Arm::Expr(rhs))], Arm::Const(false, span), want, span)
            }
            ExprKind::Or { lhs, rhs } => {
                self.conditional(&[(lhs, Arm::Const(true, span))], Arm::Expr(rhs), want, span)
            }
            ExprKind::Comparison { operands, ops } => self.comparison_value(operands, ops, want, span),
            ExprKind::While { cond, body } => {
                self.lower_while(cond, body);
                self.finish(nothing(), want, span)
            }
            ExprKind::For { iterators, body } => {
                self.lower_for(iterators, body);
                self.finish(nothing(), want, span)
            }
            ExprKind::Let { bindings, body } => self.lower_let(bindings, body, want, span),
            ExprKind::Return(value) => {
                let v = match value {
                    Some(v) => self.value(v),
                    None => nothing(),
                };
                self.ret(v, span);
                nothing()
            }
            ExprKind::Break | ExprKind::Continue => {
                let is_break = matches!(e.kind, ExprKind::Break);
                match self.loops.last() {
                    Some(l) => {
                        let to = if is_break { l.break_to } else { l.continue_to };
                        let depth = self.loops.len();
                        self.run_exits(|exit| exit.loops() >= depth, span);
                        self.jump(to, span);
                    }
                    None => {
                        self.error(span, "break or continue outside loop");
                    }
                }
                nothing()
            }
            _ => {
                let msg = "internal: not a control-flow expression";
                self.error(span, msg)
            }
        }
    }

    /// `return v`, converting to the declared return type (`function f()::R`), as Julia does.
    pub fn ret(&mut self, v: Operand, span: syntax::Span) {
        let v = match self.return_type.clone() {
            Some(ty) => {
                let t = self.value(&ty);
                let c = self.call_ref("Base", "convert", vec![t.clone(), v], span);
                self.call_ref("Core", "typeassert", vec![c, t], span)
            }
            None => v,
        };
        if self.exits.is_empty() {
            self.terminate(Terminator::Return(v), span);
            return;
        }
        // The value is computed before any `finally` runs (which may assign its variables).
        let v = if self.exits.iter().any(|x| matches!(x, TryExit::Finally { .. })) {
            let tmp = self.temp_slot();
            self.store(tmp, v, span);
            Operand::Slot(tmp)
        } else {
            v
        };
        self.run_exits(|_| true, span);
        self.terminate(Terminator::Return(v), span);
    }

    /// Runs the exits of the `try`s being left, innermost first: those `leaving` selects (a
    /// suffix of the stack). A `finally` body runs under the handler outside its `try`, with
    /// only the `try`s outside it still pending.
    fn run_exits(&mut self, leaving: impl Fn(&TryExit) -> bool, span: syntax::Span) {
        let keep = self.exits.iter().position(leaving).unwrap_or(self.exits.len());
        for i in (keep..self.exits.len()).rev() {
            if !self.open {
                return;
            }
            match self.exits[i].clone() {
                TryExit::PopException { token, .. } => {
                    self.emit_void(InstKind::PopException { token }, span);
                }
                TryExit::Finally { body, handler, .. } => {
                    let saved_exits = self.exits.split_off(i);
                    let saved_handler = std::mem::replace(&mut self.handler, handler);
                    self.finally_body(&body);
                    self.handler = saved_handler;
                    self.exits.extend(saved_exits);
                }
            }
        }
    }

    fn finally_body(&mut self, body: &AstBlock) {
        // The finally block continues in a block of its own, under the outer handler.
        let start = self.new_block();
        self.switch_to(start, body.span);
        self.enter_scope(ScopeKind::Soft, &body.stmts, &[]);
        self.lower_stmts(&body.stmts, Want::Effect, body.span);
        self.exit_scope();
    }

    /// `try ... catch e ... finally ... end` (Julia's `:try` and `:tryfinally`): each `try`
    /// is an `enter`, a body whose blocks name the handler, and the handler (see
    /// `ir::BlockData::catch`). `try A catch B finally C end` is `try (try A catch B end)
    /// finally C end`. The value is the body's, or the catch block's when it ran.
    pub fn lower_try(&mut self, t: &syntax::ast::Try, want: Want, span: syntax::Span) -> Operand {
        let result = (want != Want::Effect).then(|| self.temp_slot());
        match &t.finally_body {
            Some(fin) => self.try_finally(t, fin, result, span),
            None => self.try_catch(t, result, span),
        }
        let v = match result {
            Some(slot) if self.open => Operand::Slot(slot),
            _ => nothing(),
        };
        self.finish(v, want, span)
    }

    fn try_catch(&mut self, t: &syntax::ast::Try, result: Option<Slot>, span: syntax::Span) {
        let catch_block = self.new_block();
        let after = self.new_block();
        let token = self.emit(InstKind::Enter { catch: catch_block }, span);
        let outer = self.handler.replace(ir::BlockTarget { block: catch_block, args: vec![] });
        let body_block = self.new_block();
        self.switch_to(body_block, t.body.span);
        self.scoped_value(&t.body, &[], result, span);
        self.handler = outer;
        if self.open {
            self.jump(after, span);
        }
        self.switch_to(catch_block, span);
        let catch_stmts: &[Expr] = t.catch_body.as_ref().map_or(&[], |b| &b.stmts);
        let catch_span = t.catch_body.as_ref().map_or(span, |b| b.span);
        let bound: Vec<String> = t.catch_var.iter().map(|v| v.name.clone()).collect();
        self.enter_scope(ScopeKind::Soft, catch_stmts, &bound);
        if let Some(var) = &t.catch_var {
            let exc = self.emit(InstKind::TheException, var.span);
            self.assign_name(&var.name, exc, None, var.span);
        }
        self.exits.push(TryExit::PopException { token: token.clone(), loops: self.loops.len() });
        let v = self.lower_stmts(
            catch_stmts,
            if result.is_some() { Want::Value } else { Want::Effect },
            catch_span,
        );
        self.exits.pop();
        if let (Some(slot), true) = (result, self.open) {
            self.store(slot, v, catch_span);
        }
        self.exit_scope();
        if self.open {
            self.emit_void(InstKind::PopException { token }, catch_span);
            self.jump(after, span);
        }
        self.switch_to(after, span);
    }

    fn try_finally(
        &mut self,
        t: &syntax::ast::Try,
        fin: &AstBlock,
        result: Option<Slot>,
        span: syntax::Span,
    ) {
        let handler_block = self.new_block();
        let after = self.new_block();
        self.emit(InstKind::Enter { catch: handler_block }, span);
        let outer = self.handler.replace(ir::BlockTarget { block: handler_block, args: vec![] });
        self.exits.push(TryExit::Finally {
            body: fin.clone(),
            handler: outer.clone(),
            loops: self.loops.len(),
        });
        let body_block = self.new_block();
        self.switch_to(body_block, t.body.span);
        if t.catch_body.is_some() || t.catch_var.is_some() {
            let inner = syntax::ast::Try { finally_body: None, ..t.clone() };
            self.try_catch(&inner, result, span);
        } else {
            self.scoped_value(&t.body, &[], result, span);
        }
        self.exits.pop();
        self.handler = outer;
        if self.open {
            self.finally_body(fin);
            if self.open {
                self.jump(after, span);
            }
        }
        // The exceptional way out: the finally body, then the exception goes on.
        self.switch_to(handler_block, span);
        self.finally_body(fin);
        if self.open {
            let rethrow = Operand::Const(ConstValue::Builtin(ir::Builtin::Rethrow.id()));
            self.call(vec![rethrow], fin.span);
            self.terminate(Terminator::Unreachable, fin.span);
        }
        self.switch_to(after, span);
    }

    /// A block in a soft scope of its own, its value stored into `result`.
    fn scoped_value(&mut self, b: &AstBlock, bound: &[String], result: Option<Slot>, span: syntax::Span) {
        self.enter_scope(ScopeKind::Soft, &b.stmts, bound);
        let want = if result.is_some() { Want::Value } else { Want::Effect };
        let v = self.lower_stmts(&b.stmts, want, span);
        if let (Some(slot), true) = (result, self.open) {
            self.store(slot, v, span);
        }
        self.exit_scope();
    }

    /// `if c1 a1 elseif c2 a2 else e end` for any `want`; a value goes through a temporary slot.
    fn conditional(
        &mut self,
        arms: &[(&Expr, Arm)],
        else_arm: Arm,
        want: Want,
        span: syntax::Span,
    ) -> Operand {
        let join = self.new_block();
        let tmp = (want == Want::Value).then(|| self.temp_slot());
        // `if c; a; end` for effect: the false edge goes straight to the join.
        let no_else = want == Want::Effect && matches!(else_arm, Arm::Stmts([], _));
        for (i, (cond, arm)) in arms.iter().enumerate() {
            let then_block = self.new_block();
            let next = if no_else && i + 1 == arms.len() { join } else { self.new_block() };
            self.cond(cond, then_block, next);
            self.switch_to(then_block, cond.span);
            self.arm(*arm, want, tmp);
            if self.open {
                self.jump(join, span);
            }
            if next == join {
                break;
            }
            self.switch_to(next, span);
        }
        if !no_else {
            self.arm(else_arm, want, tmp);
        }
        self.switch_to(join, span);
        match tmp {
            Some(slot) => Operand::Slot(slot),
            None => nothing(),
        }
    }

    fn arm(&mut self, arm: Arm, want: Want, tmp: Option<Slot>) {
        let (v, span) = match arm {
            Arm::Stmts(stmts, span) => (self.lower_stmts(stmts, want, span), span),
            Arm::Expr(e) => (self.lower(e, want), e.span),
            Arm::Const(b, span) => {
                let v = Operand::Const(ConstValue::Bool(b));
                (self.finish(v, want, span), span)
            }
        };
        if let Some(slot) = tmp {
            if self.open {
                self.store(slot, v, span);
            }
        }
    }

    /// Branches to `then_block` when `e` is true, else to `else_block`; `&&`, `||` and
    /// comparison chains short-circuit without materializing a Bool.
    pub fn cond(&mut self, e: &Expr, then_block: ir::Block, else_block: ir::Block) {
        match &e.kind {
            ExprKind::And { lhs, rhs } => {
                let mid = self.new_block();
                self.cond(lhs, mid, else_block);
                self.switch_to(mid, e.span);
                self.cond(rhs, then_block, else_block);
            }
            ExprKind::Or { lhs, rhs } => {
                let yes = self.new_block();
                let mid = self.new_block();
                self.cond(lhs, yes, mid);
                self.switch_to(yes, e.span);
                self.jump(then_block, e.span);
                self.switch_to(mid, e.span);
                self.cond(rhs, then_block, else_block);
            }
            ExprKind::Comparison { operands, ops } => {
                let v = self.comparison_chain(operands, ops, else_block);
                self.branch(v, then_block, else_block, e.span);
            }
            _ => {
                let v = self.value(e);
                self.branch(v, then_block, else_block, e.span);
            }
        }
    }

    /// Evaluates `a < b <= c` up to the last comparison, branching to `fail` when an earlier
    /// one is false; returns the last comparison's value. Each operand is evaluated once.
    fn comparison_chain(&mut self, operands: &[Expr], ops: &[Ident], fail: ir::Block) -> Operand {
        let mut left = self.value(&operands[0]);
        left = self.pin(left, &operands[1..]);
        let mut result = nothing();
        for (i, op) in ops.iter().enumerate() {
            if i > 0 {
                let next = self.new_block();
                self.branch(result.clone(), next, fail, op.span);
                self.switch_to(next, op.span);
            }
            let f = self.ident(&op.name, op.span);
            let Some(right_expr) = operands.get(i + 1) else { break };
            let right = self.value(right_expr);
            let right = self.pin(right, &operands[i + 2..]);
            let span = operands[i].span.cover(right_expr.span);
            result = self.call(vec![f, left, right.clone()], span);
            left = right;
        }
        result
    }

    fn comparison_value(
        &mut self,
        operands: &[Expr],
        ops: &[Ident],
        want: Want,
        span: syntax::Span,
    ) -> Operand {
        let fail = self.new_block();
        let join = self.new_block();
        let tmp = self.temp_slot();
        let v = self.comparison_chain(operands, ops, fail);
        self.store(tmp, v, span);
        self.jump(join, span);
        self.switch_to(fail, span);
        self.store(tmp, Operand::Const(ConstValue::Bool(false)), span);
        self.switch_to(join, span);
        self.finish(Operand::Slot(tmp), want, span)
    }

    fn lower_while(&mut self, cond: &Expr, body: &AstBlock) {
        let header = self.new_block();
        let body_block = self.new_block();
        let exit = self.new_block();
        self.switch_to(header, cond.span);
        self.cond(cond, body_block, exit);
        self.switch_to(body_block, body.span);
        let targets = LoopTargets { break_to: exit, continue_to: header };
        self.loop_body(&body.stmts, &[], targets, body.span, |_| {});
        if self.open {
            self.jump(header, body.span);
        }
        self.switch_to(exit, body.span);
    }

    /// Runs a loop body in a new soft scope whose locals start undefined on every iteration
    /// (Julia's fresh-binding-per-iteration rule); `bind` assigns the loop variables first.
    fn loop_body(
        &mut self,
        stmts: &[Expr],
        bound: &[String],
        targets: LoopTargets,
        span: syntax::Span,
        bind: impl FnOnce(&mut Self),
    ) {
        self.enter_scope(ScopeKind::Soft, stmts, bound);
        self.reset_scope_locals(bound, span);
        bind(self);
        self.loops.push(targets);
        self.lower_stmts(stmts, Want::Effect, span);
        self.loops.pop();
        self.exit_scope();
    }

    /// Marks the current scope's locals undefined (Julia's `NewvarNode`), except `skip`.
    fn reset_scope_locals(&mut self, skip: &[String], span: syntax::Span) {
        let Some(scope) = self.scopes.last() else { return };
        let resets: Vec<Slot> = scope
            .vars
            .iter()
            .filter(|(name, _)| !skip.contains(name))
            .filter_map(|(_, var)| match var {
                Var::Slot(slot) if scope.introduced.contains(slot) => Some(*slot),
                _ => None,
            })
            .collect();
        let mut resets = resets;
        resets.sort();
        for slot in resets {
            self.store(slot, Operand::Undef, span);
        }
    }

    fn lower_for(&mut self, iterators: &[ForIterator], body: &AstBlock) {
        let Some((first, rest)) = iterators.split_first() else {
            return;
        };
        let mut bound = Vec::new();
        loop_var_names(&first.var, &mut bound);
        // Inner iterators nest: the rest of the header and the body form the outer body.
        let inner_body: Vec<Expr>;
        let stmts: &[Expr] = if rest.is_empty() {
            &body.stmts
        } else {
            inner_body = vec![Expr::new(
                ExprKind::For { iterators: rest.to_vec(), body: body.clone() },
                rest[0].span.cover(body.span),
            )];
            &inner_body
        };
        match range_bounds(&first.iterable) {
            Some((a, b)) if !self.is_local(":") => self.counted_loop(first, a, b, stmts, &bound),
            _ => self.iterate_loop(first, stmts, &bound),
        }
    }

    /// `for i in a:b`: `cnt = a; if a <= b; loop: i = cnt; body; if cnt < b; cnt += 1; goto
    /// loop`. Testing `cnt < b` before incrementing never overflows at `typemax`.
    fn counted_loop(&mut self, it: &ForIterator, a: &Expr, b: &Expr, stmts: &[Expr], bound: &[String]) {
        let span = it.span;
        let start = self.value(a);
        let start = self.pin(start, std::slice::from_ref(b));
        let stop = self.value(b);
        let stop = match stop {
            Operand::Slot(_) => self.emit(InstKind::Operand(stop), span),
            other => other,
        };
        let cnt = self.temp_slot();
        self.store(cnt, start.clone(), span);
        let nonempty = self.call_ref("Base", "<=", vec![start, stop.clone()], span);
        let body_block = self.new_block();
        let latch = self.new_block();
        let exit = self.new_block();
        self.branch(nonempty, body_block, exit, span);
        self.switch_to(body_block, span);
        let var = it.var.clone();
        self.loop_body(stmts, bound, LoopTargets { break_to: exit, continue_to: latch }, span, |cx| {
            cx.assign_to(&var, Operand::Slot(cnt), span);
        });
        self.switch_to(latch, span);
        let more = self.call_ref("Base", "<", vec![Operand::Slot(cnt), stop], span);
        let next = self.new_block();
        self.branch(more, next, exit, span);
        self.switch_to(next, span);
        let incremented = self.call_ref("Base", "+", vec![Operand::Slot(cnt), int(1)], span);
        self.store(cnt, incremented, span);
        self.jump(body_block, span);
        self.switch_to(exit, span);
    }

    /// Julia's iteration protocol: `next = iterate(c); while !(next === nothing); (x, state) =
    /// next; body; next = iterate(c, state); end`.
    fn iterate_loop(&mut self, it: &ForIterator, stmts: &[Expr], bound: &[String]) {
        let span = it.span;
        let collection = self.value(&it.iterable);
        let collection = match collection {
            Operand::Slot(_) => self.emit(InstKind::Operand(collection), span),
            other => other,
        };
        let next = self.temp_slot();
        let first = self.call_ref("Base", "iterate", vec![collection.clone()], span);
        self.store(next, first, span);
        let body_block = self.new_block();
        let latch = self.new_block();
        let exit = self.new_block();
        self.iterate_test(next, body_block, exit, span);
        self.switch_to(body_block, span);
        let item = self.call_ref("Core", "getfield", vec![Operand::Slot(next), int(1)], span);
        let state = self.call_ref("Core", "getfield", vec![Operand::Slot(next), int(2)], span);
        let var = it.var.clone();
        self.loop_body(stmts, bound, LoopTargets { break_to: exit, continue_to: latch }, span, |cx| {
            cx.assign_to(&var, item, span);
        });
        self.switch_to(latch, span);
        let again = self.call_ref("Base", "iterate", vec![collection, state], span);
        self.store(next, again, span);
        self.iterate_test(next, body_block, exit, span);
        self.switch_to(exit, span);
    }

    /// `goto exit if not !(next === nothing)`, as Julia lowers it (with `Base.not_int`).
    fn iterate_test(&mut self, next: Slot, body_block: ir::Block, exit: ir::Block, span: syntax::Span) {
        let done = self.call_ref("Core", "===", vec![Operand::Slot(next), nothing()], span);
        let more = self.call_ref("Base", "not_int", vec![done], span);
        self.branch(more, body_block, exit, span);
    }

    /// `let x = v, y; body end`: a hard scope; each binding's value is evaluated before its
    /// name is visible, so `let x = x` reads the outer `x`.
    fn lower_let(&mut self, bindings: &[Expr], body: &AstBlock, want: Want, span: syntax::Span) -> Operand {
        let names: Vec<String> = bindings.iter().filter_map(binding_name).collect();
        self.enter_scope(ScopeKind::Hard, &body.stmts, &names);
        if !self.loops.is_empty() {
            self.reset_scope_locals(&[], span);
        }
        // Hide the bindings until their values are computed.
        let mut hidden: Vec<(String, Var)> = Vec::new();
        if let Some(scope) = self.scopes.last_mut() {
            for name in &names {
                if let Some(var) = scope.vars.remove(name) {
                    hidden.push((name.clone(), var));
                }
            }
        }
        for binding in bindings {
            let Some(name) = binding_name(binding) else {
                self.error(binding.span, "invalid `let` binding");
                continue;
            };
            let value = match &binding.kind {
                ExprKind::Assign { rhs, .. } => Some(self.value(rhs)),
                _ => None,
            };
            if let Some(pos) = hidden.iter().position(|(n, _)| *n == name) {
                let (n, var) = hidden.remove(pos);
                if let Some(scope) = self.scopes.last_mut() {
                    scope.vars.insert(n, var);
                }
            }
            let target = match &binding.kind {
                ExprKind::Assign { lhs, .. } => (**lhs).clone(),
                _ => binding.clone(),
            };
            if let ExprKind::Decl { ty, .. } = &target.kind {
                if let Some(scope) = self.scopes.last_mut() {
                    scope.typed.insert(name.clone(), (**ty).clone());
                }
            }
            if let Some(v) = value {
                self.assign_to(&target, v, binding.span);
            }
        }
        let v = self.lower_stmts(&body.stmts, want, span);
        self.exit_scope();
        v
    }
}

fn binding_name(binding: &Expr) -> Option<String> {
    let target = match &binding.kind {
        ExprKind::Assign { lhs, .. } => lhs,
        _ => binding,
    };
    match &target.kind {
        ExprKind::Ident(name) => Some(name.clone()),
        ExprKind::Decl { value: Some(value), .. } => value.as_ident().map(str::to_string),
        _ => None,
    }
}

/// The names a loop variable binds (`i`, `(a, b)`, `x::T`).
pub(crate) fn loop_var_names(var: &Expr, out: &mut Vec<String>) {
    match &var.kind {
        ExprKind::Ident(name) => out.push(name.clone()),
        ExprKind::Tuple(items) => items.iter().for_each(|i| loop_var_names(i, out)),
        ExprKind::Decl { value: Some(value), .. } => loop_var_names(value, out),
        _ => {}
    }
}

/// `a:b` written literally (not `a:s:b`).
fn range_bounds(e: &Expr) -> Option<(&Expr, &Expr)> {
    match &e.kind {
        ExprKind::Call { callee, args, kwargs, .. }
            if callee.as_ident() == Some(":") && args.len() == 2 && kwargs.is_empty() =>
        {
            if args.iter().any(|a| matches!(a.kind, ExprKind::Splat(_))) {
                return None;
            }
            Some((&args[0], &args[1]))
        }
        _ => None,
    }
}
