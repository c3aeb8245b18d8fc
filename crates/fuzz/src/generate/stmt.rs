//! Statements of a function body: locals, assignments that keep or change a variable's type,
//! printing, `if`, bounded `for` and `while` loops, vector and field updates, early returns,
//! `break`/`continue`, and the occasional statement that fails on purpose.

use super::expr::int_atom;
use super::{Generator, Scope, Ty, COST_LIMIT, SCALARS};
use crate::program::{Expr, Stmt};

/// The most trips a generated loop makes.
const MAX_TRIPS: i64 = 5;

impl Generator {
    /// About `count` statements; `nest` is how many more levels of `if` and loops may open.
    pub(crate) fn block(&mut self, scope: &mut Scope, count: usize, nest: u32) -> Vec<Stmt> {
        let mut out = Vec::new();
        for _ in 0..count {
            out.extend(self.statement(scope, nest));
        }
        out
    }

    fn statement(&mut self, scope: &mut Scope, nest: u32) -> Vec<Stmt> {
        let roll = self.rng.below(100);
        match roll {
            0..=24 => {
                let ty = self.some_type(&[
                    Ty::Int,
                    Ty::Int,
                    Ty::Float,
                    Ty::Str,
                    Ty::Bool,
                    Ty::VecInt,
                    Ty::VecFloat,
                    Ty::VecAny,
                    Ty::Pair,
                    Ty::Any,
                ]);
                let value = self.expr(scope, ty, 2);
                let name = self.fresh("x");
                scope.declare(name.clone(), ty);
                vec![Stmt::Assign { target: Expr::atom(name), op: "", value }]
            }
            25..=37 => self.reassignment(scope),
            38..=52 => self.print_statement(scope),
            53..=62 if nest > 0 => vec![self.if_statement(scope, nest)],
            63..=70 if nest > 0 => vec![self.for_statement(scope, nest)],
            71..=74 if nest > 0 => vec![self.while_statement(scope, nest)],
            75..=82 => self.mutation(scope),
            83..=86 if scope.loop_depth > 0 => {
                let cond = self.expr(scope, Ty::Bool, 1);
                let exit = if self.rng.chance(50) { Stmt::Break } else { Stmt::Continue };
                vec![Stmt::If { arms: vec![(cond, vec![exit])], otherwise: Vec::new() }]
            }
            87..=89 => match scope.ret {
                Some(ret) => {
                    let cond = self.expr(scope, Ty::Bool, 1);
                    let value = self.return_value(scope, ret);
                    vec![Stmt::If { arms: vec![(cond, vec![Stmt::Return(value)])], otherwise: Vec::new() }]
                }
                None => self.print_statement(scope),
            },
            90 | 91 => self.failing_statement(scope),
            _ => self.print_statement(scope),
        }
    }

    /// `x = e` of the same type, `x op= e`, or now and then of another type (then `x` is Any).
    fn reassignment(&mut self, scope: &mut Scope) -> Vec<Stmt> {
        // At top level, a loop body that assigns a global is ambiguous (Julia's soft scope):
        // reassign only variables declared in the innermost block there.
        let candidates: Vec<(String, Ty)> = if scope.top_level {
            scope.vars.last().cloned().unwrap_or_default()
        } else {
            scope.vars.iter().flatten().cloned().collect()
        };
        if candidates.is_empty() {
            return self.print_statement(scope);
        }
        let (name, ty) = self.rng.pick(&candidates).clone();
        let in_this_loop_body = scope.vars[scope.loop_body..].iter().flatten().any(|(n, _)| *n == name);
        if in_this_loop_body && self.rng.chance(15) {
            let new_ty = *self.rng.pick(&SCALARS);
            let value = self.expr(scope, new_ty, 2);
            if new_ty != ty {
                scope.retype(&name, Ty::Any);
            }
            return vec![Stmt::Assign { target: Expr::atom(name), op: "", value }];
        }
        let op = match ty {
            Ty::Int => *self.rng.pick(&["", "+", "-", "*"]),
            Ty::Float => *self.rng.pick(&["", "+", "-", "*", "/"]),
            Ty::Str => *self.rng.pick(&["", "*"]),
            _ => "",
        };
        let value = self.expr(scope, ty, 2);
        vec![Stmt::Assign { target: Expr::atom(name), op, value }]
    }

    pub(crate) fn print_statement(&mut self, scope: &mut Scope) -> Vec<Stmt> {
        let count = self.rng.range(1, 3);
        let mut args = Vec::new();
        for i in 0..count {
            if i > 0 {
                args.push(Expr::atom("\" \""));
            }
            let ty = self.some_type(&[
                Ty::Int,
                Ty::Float,
                Ty::Str,
                Ty::Bool,
                Ty::VecInt,
                Ty::VecFloat,
                Ty::VecAny,
                Ty::Pair,
                Ty::Any,
                Ty::Any,
            ]);
            let value = self.expr(scope, ty, 3);
            args.push(if self.rng.chance(10) { Expr::call("typeof", vec![value]) } else { value });
        }
        match self.rng.below(8) {
            0 => vec![
                Stmt::Expr(Expr::call("show", vec![args.swap_remove(0)])),
                Stmt::Expr(Expr::call("println", Vec::new())),
            ],
            1 => {
                args.push(Expr::atom("\"\\n\""));
                vec![Stmt::Expr(Expr::call("print", args))]
            }
            _ => vec![Stmt::Expr(Expr::call("println", args))],
        }
    }

    /// Variables declared in a nested block are not visible after it (Julia's loops open a
    /// scope; a variable assigned in one branch of an `if` may be undefined after it).
    fn nested(&mut self, scope: &mut Scope, count: usize, nest: u32) -> Vec<Stmt> {
        scope.vars.push(Vec::new());
        let body = self.block(scope, count, nest);
        scope.vars.pop();
        body
    }

    fn body_length(&mut self) -> usize {
        1 + self.rng.below(self.size.min(6))
    }

    fn if_statement(&mut self, scope: &mut Scope, nest: u32) -> Stmt {
        let mut arms = Vec::new();
        for _ in 0..self.rng.range(1, 3) {
            let cond = self.expr(scope, Ty::Bool, 2);
            let length = self.body_length();
            arms.push((cond, self.nested(scope, length, nest - 1)));
        }
        let otherwise = if self.rng.chance(50) {
            let length = self.body_length();
            self.nested(scope, length, nest - 1)
        } else {
            Vec::new()
        };
        Stmt::If { arms, otherwise }
    }

    /// A loop of at most `trips` iterations around a body: the body may call only what fits.
    fn looped(
        &mut self,
        scope: &mut Scope,
        trips: u64,
        nest: u32,
        loop_var: Option<(String, Ty)>,
    ) -> Vec<Stmt> {
        let saved = scope.multiplier;
        scope.multiplier = scope.multiplier.saturating_mul(trips.max(1));
        scope.cost = scope.cost.saturating_add(scope.multiplier);
        scope.loop_depth += 1;
        let saved_body = std::mem::replace(&mut scope.loop_body, scope.vars.len());
        scope.vars.push(Vec::new());
        if let Some((name, ty)) = loop_var {
            scope.declare(name, ty);
        }
        let length = self.body_length();
        let body = self.block(scope, length, nest - 1);
        scope.vars.pop();
        scope.loop_body = saved_body;
        scope.loop_depth -= 1;
        scope.multiplier = saved;
        body
    }

    fn for_statement(&mut self, scope: &mut Scope, nest: u32) -> Stmt {
        let var = self.fresh("i");
        let (iter, trips, ty) = match self.rng.below(6) {
            0 | 1 => {
                let low = self.rng.range(-1, 2);
                let high = low + self.rng.range(-1, MAX_TRIPS);
                (Expr::binary(":", int_atom(low), int_atom(high)), (high - low + 1).max(0), Ty::Int)
            }
            2 => {
                // A step range, iterated through `iterate` (README, known deviations).
                let step = *self.rng.pick(&[2, 3, -1, -2]);
                let (low, high) =
                    if step > 0 { (0, self.rng.range(0, 9)) } else { (self.rng.range(0, 6), 0) };
                // One atom: `Expr::Binary` would print `((0 : 2) : 6)`, a range of ranges.
                let iter = Expr::atom(format!("{low}:{step}:{high}"));
                (iter, MAX_TRIPS, Ty::Int)
            }
            3 => {
                // A bound computed at run time, capped.
                let bound = self.expr(scope, Ty::Int, 1);
                let high = Expr::call("min", vec![bound, int_atom(MAX_TRIPS)]);
                (Expr::binary(":", int_atom(1), high), MAX_TRIPS, Ty::Int)
            }
            4 => {
                // A tuple of values of several types: the loop variable's type changes.
                let items = (0..self.rng.range(1, 3)).map(|_| self.expr(scope, Ty::Any, 1)).collect();
                (Expr::Tuple(items), 3, Ty::Any)
            }
            _ => {
                let ty = *self.rng.pick(&[Ty::VecInt, Ty::VecFloat, Ty::VecAny]);
                let element = match ty {
                    Ty::VecInt => Ty::Int,
                    Ty::VecFloat => Ty::Float,
                    _ => Ty::Any,
                };
                // Vectors grow by at most a few pushes per loop trip; eight is an estimate.
                (self.leaf(scope, ty), 8, element)
            }
        };
        let frozen = match &iter {
            Expr::Atom(name) => Some(name.clone()),
            _ => None,
        };
        scope.frozen.extend(frozen.clone());
        let body = self.looped(scope, trips as u64, nest, Some((var.clone(), ty)));
        if frozen.is_some() {
            scope.frozen.pop();
        }
        Stmt::For { var, iter, body }
    }

    fn while_statement(&mut self, scope: &mut Scope, nest: u32) -> Stmt {
        let counter = self.fresh("w");
        let bound = if self.rng.chance(50) {
            int_atom(self.rng.range(0, MAX_TRIPS))
        } else {
            let e = self.expr(scope, Ty::Int, 1);
            Expr::call("min", vec![e, int_atom(MAX_TRIPS)])
        };
        // The counter is declared before the loop, so it stays visible after it.
        let body = self.looped(scope, MAX_TRIPS as u64, nest, None);
        scope.declare(counter.clone(), Ty::Int);
        Stmt::While { counter, bound, body }
    }

    /// `push!(v, e)`, `v[i] = e`, or a mutable struct's field set.
    fn mutation(&mut self, scope: &mut Scope) -> Vec<Stmt> {
        let mut options = Vec::new();
        for ty in [Ty::VecInt, Ty::VecFloat, Ty::VecAny] {
            for name in scope.vars_of(ty) {
                if !scope.frozen.contains(&name) {
                    options.push((name, ty));
                }
            }
        }
        for (k, s) in self.structs.iter().enumerate() {
            if s.mutable {
                for name in scope.vars_of(Ty::Struct(k)) {
                    options.push((name, Ty::Struct(k)));
                }
            }
        }
        if options.is_empty() || scope.multiplier > COST_LIMIT {
            return self.print_statement(scope);
        }
        let (name, ty) = self.rng.pick(&options).clone();
        let v = Expr::atom(name);
        match ty {
            Ty::Struct(k) => {
                let (field, field_ty) = self.rng.pick(&self.structs[k].fields.clone()).clone();
                let value = self.expr(scope, field_ty, 2);
                let op = if field_ty == Ty::Int && self.rng.chance(40) { "+" } else { "" };
                vec![Stmt::Assign { target: Expr::Field(Box::new(v), field), op, value }]
            }
            _ => {
                let element = match ty {
                    Ty::VecInt => Ty::Int,
                    Ty::VecFloat => *self.rng.pick(&[Ty::Float, Ty::Int]),
                    _ => Ty::Any,
                };
                let value = self.expr(scope, element, 2);
                if self.rng.chance(60) {
                    vec![Stmt::Expr(Expr::call("push!", vec![v, value]))]
                } else {
                    let i = self.expr(scope, Ty::Int, 1);
                    let index = Expr::binary(
                        "+",
                        Expr::call("mod", vec![i, Expr::call("length", vec![v.clone()])]),
                        int_atom(1),
                    );
                    vec![Stmt::Assign { target: Expr::Index(Box::new(v), Box::new(index)), op: "", value }]
                }
            }
        }
    }

    /// A statement that may fail: the errors Julia raises here are expected outcomes that
    /// every configuration must report alike.
    fn failing_statement(&mut self, scope: &mut Scope) -> Vec<Stmt> {
        let value = match self.rng.below(6) {
            0 => {
                let v = self.leaf(scope, Ty::VecInt);
                let past =
                    Expr::binary("+", Expr::call("length", vec![v.clone()]), self.expr(scope, Ty::Int, 1));
                Expr::Index(Box::new(v), Box::new(past))
            }
            1 => Expr::binary("÷", self.expr(scope, Ty::Int, 1), self.expr(scope, Ty::Int, 1)),
            2 => {
                let x = self.expr(scope, Ty::Any, 1);
                Expr::binary("+", x, self.expr(scope, Ty::Any, 1))
            }
            3 => {
                let x = self.expr(scope, Ty::Any, 1);
                let t = *self.rng.pick(&["Int64", "Float64", "String"]);
                Expr::binary("::", x, Expr::atom(t))
            }
            4 => {
                let cond = self.expr(scope, Ty::Bool, 1);
                let message = self.expr(scope, Ty::Str, 1);
                Expr::Ternary(
                    Box::new(cond),
                    Box::new(Expr::call("error", vec![message])),
                    Box::new(int_atom(0)),
                )
            }
            _ => {
                let x = self.expr(scope, Ty::Int, 1);
                Expr::call("Int64", vec![Expr::binary("/", x, int_atom(2))])
            }
        };
        vec![Stmt::Expr(Expr::call("println", vec![value]))]
    }
}
