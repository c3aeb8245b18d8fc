//! Expressions of a given runtime type: literals, variables, arithmetic, calls of what the
//! program defined so far (within the cost limit), and the type-unstable forms of `Ty::Any`.

use super::{Generator, Scope, Ty, COST_LIMIT, RECURSIVE_COST, SCALARS};
use crate::program::{Expr, Piece};

const STRINGS: &[&str] =
    &["\"\"", "\"a\"", "\"xy\"", "\"hello\"", "\"é\"", "\"a b\"", "\"q\\\"q\"", "\"\\$\""];
const FLOATS: &[&str] = &[
    "0.0",
    "1.5",
    "(-2.25)",
    "0.1",
    "3.0",
    "1.0e10",
    "(-0.0)",
    "2.5e-5",
    "100.0",
    "0.3333333333333333",
    "7.0",
];
const BIG_INTS: &[&str] =
    &["typemax(Int64)", "typemin(Int64)", "4611686018427387904", "(-9223372036854775807)", "1000003"];

/// A callee chosen by `Generator::call`.
enum Callee {
    Function(usize),
    Dispatcher(usize),
    Family(usize),
    Recursive(usize),
}

impl Generator {
    pub(crate) fn literal(&mut self, ty: Ty) -> Expr {
        match ty {
            Ty::Int => {
                if self.rng.chance(8) {
                    Expr::atom(*self.rng.pick(BIG_INTS))
                } else {
                    int_atom(self.rng.range(-3, 12))
                }
            }
            Ty::Float => Expr::atom(*self.rng.pick(FLOATS)),
            Ty::Bool => Expr::atom(if self.rng.chance(50) { "true" } else { "false" }),
            Ty::Str => Expr::atom(*self.rng.pick(STRINGS)),
            Ty::VecInt => {
                let items = (0..self.rng.range(1, 3)).map(|_| self.literal(Ty::Int)).collect();
                Expr::Vector(String::new(), items)
            }
            Ty::VecFloat => {
                let items = (0..self.rng.range(1, 3)).map(|_| self.literal(Ty::Float)).collect();
                Expr::Vector(String::new(), items)
            }
            Ty::VecAny => {
                let items = (0..self.rng.range(1, 3))
                    .map(|_| {
                        let ty = *self.rng.pick(&SCALARS);
                        self.literal(ty)
                    })
                    .collect();
                Expr::Vector("Any".into(), items)
            }
            Ty::Pair => Expr::Tuple(vec![self.literal(Ty::Int), self.literal(Ty::Float)]),
            Ty::Struct(k) => {
                let fields: Vec<Ty> = self.structs[k].fields.iter().map(|(_, t)| *t).collect();
                // An Int64 for a Float64 field is converted by the constructor.
                let args =
                    fields
                        .iter()
                        .map(|t| {
                            if *t == Ty::Float && self.rng.chance(20) {
                                int_atom(2)
                            } else {
                                self.literal(*t)
                            }
                        })
                        .collect();
                Expr::call(self.structs[k].name.clone(), args)
            }
            Ty::Abstract(k) => {
                let member = *self.rng.pick(&self.families[k].members.clone());
                self.literal(Ty::Struct(member))
            }
            Ty::Any => {
                let ty = *self.rng.pick(&SCALARS);
                self.literal(ty)
            }
        }
    }

    /// A variable of `ty` in scope (a global of that type counts), or a literal.
    pub(crate) fn leaf(&mut self, scope: &Scope, ty: Ty) -> Expr {
        let mut names = scope.vars_of(ty);
        if !scope.top_level {
            names.extend(self.globals.iter().filter(|(_, t, _)| *t == ty).map(|(n, _, _)| n.clone()));
        }
        if ty == Ty::Any {
            // Every value is an Any.
            names.extend(scope.vars.iter().flatten().map(|(n, _)| n.clone()));
        }
        if !names.is_empty() && self.rng.chance(70) {
            return Expr::atom(self.rng.pick(&names).clone());
        }
        self.literal(ty)
    }

    pub(crate) fn expr(&mut self, scope: &mut Scope, ty: Ty, depth: u32) -> Expr {
        if depth == 0 || self.rng.chance(25) {
            return self.leaf(scope, ty);
        }
        if self.rng.chance(15) {
            if let Some(call) = self.call(scope, ty, depth) {
                return call;
            }
        }
        let d = depth - 1;
        match ty {
            Ty::Int => self.int_expr(scope, d),
            Ty::Float => self.float_expr(scope, d),
            Ty::Bool => self.bool_expr(scope, d),
            Ty::Str => self.str_expr(scope, d),
            Ty::VecInt | Ty::VecFloat => {
                let element = if ty == Ty::VecInt { Ty::Int } else { Ty::Float };
                match self.rng.below(4) {
                    0 if ty == Ty::VecInt => Expr::call(
                        "collect",
                        vec![Expr::binary(":", int_atom(1), int_atom(self.rng.range(1, 4)))],
                    ),
                    1 if ty == Ty::VecFloat => {
                        let items = vec![self.expr(scope, Ty::Int, d), self.expr(scope, Ty::Float, d)];
                        Expr::Vector("Float64".into(), items)
                    }
                    _ => {
                        let items = (0..self.rng.range(1, 3)).map(|_| self.expr(scope, element, d)).collect();
                        Expr::Vector(String::new(), items)
                    }
                }
            }
            Ty::VecAny => {
                let items = (0..self.rng.range(1, 3)).map(|_| self.expr(scope, Ty::Any, d)).collect();
                Expr::Vector("Any".into(), items)
            }
            Ty::Pair => Expr::Tuple(vec![self.expr(scope, Ty::Int, d), self.expr(scope, Ty::Float, d)]),
            Ty::Struct(k) => {
                let fields: Vec<Ty> = self.structs[k].fields.iter().map(|(_, t)| *t).collect();
                let args = fields.iter().map(|t| self.expr(scope, *t, d)).collect();
                Expr::call(self.structs[k].name.clone(), args)
            }
            Ty::Abstract(k) => {
                let members = self.families[k].members.clone();
                let a = *self.rng.pick(&members);
                let b = *self.rng.pick(&members);
                let cond = self.expr(scope, Ty::Bool, d);
                let a = self.expr(scope, Ty::Struct(a), d);
                let b = self.expr(scope, Ty::Struct(b), d);
                Expr::Ternary(Box::new(cond), Box::new(a), Box::new(b))
            }
            Ty::Any => self.any_expr(scope, d),
        }
    }

    fn int_expr(&mut self, scope: &mut Scope, d: u32) -> Expr {
        match self.rng.below(16) {
            0..=2 => {
                let op = *self.rng.pick(&["+", "-", "*"]);
                Expr::binary(op, self.expr(scope, Ty::Int, d), self.expr(scope, Ty::Int, d))
            }
            3 => {
                // Division by a divisor that is never zero; now and then one that may be.
                let a = self.expr(scope, Ty::Int, d);
                let b = self.expr(scope, Ty::Int, d);
                let b = if self.rng.chance(90) {
                    Expr::binary("+", Expr::call("abs", vec![b]), int_atom(1))
                } else {
                    b
                };
                match self.rng.below(6) {
                    0 => Expr::binary("÷", a, b),
                    1 => Expr::binary("%", a, b),
                    2 => Expr::call("mod", vec![a, b]),
                    3 => Expr::call("rem", vec![a, b]),
                    4 => Expr::call("fld", vec![a, b]),
                    _ => Expr::call("cld", vec![a, b]),
                }
            }
            4 => {
                let a = self.expr(scope, Ty::Int, d);
                match self.rng.below(5) {
                    0 => Expr::binary("&", a, self.expr(scope, Ty::Int, d)),
                    1 => Expr::binary("|", a, self.expr(scope, Ty::Int, d)),
                    2 => Expr::call("xor", vec![a, self.expr(scope, Ty::Int, d)]),
                    3 => Expr::binary("<<", a, int_atom(self.rng.range(0, 66))),
                    _ => Expr::binary(">>", a, int_atom(self.rng.range(0, 66))),
                }
            }
            5 => {
                let a = self.expr(scope, Ty::Int, d);
                match self.rng.below(4) {
                    0 => Expr::call("abs", vec![a]),
                    1 => Expr::Unary("-", Box::new(a)),
                    2 => Expr::call("min", vec![a, self.expr(scope, Ty::Int, d)]),
                    _ => Expr::call("max", vec![a, self.expr(scope, Ty::Int, d)]),
                }
            }
            6 => {
                let ty = *self.rng.pick(&[Ty::VecInt, Ty::VecFloat, Ty::VecAny, Ty::Str]);
                Expr::call("length", vec![self.expr(scope, ty, d)])
            }
            7 => self.element(scope, Ty::VecInt, d),
            8 => {
                let v = self.expr(scope, Ty::VecInt, d);
                let f = *self.rng.pick(&["sum", "maximum", "minimum", "first", "last"]);
                Expr::call(f, vec![v])
            }
            9 => {
                let low = self.rng.range(-2, 3);
                let high = self.rng.range(-2, 8);
                let f = *self.rng.pick(&["sum", "length"]);
                Expr::call(f, vec![Expr::binary(":", int_atom(low), int_atom(high))])
            }
            10 => self.field(scope, Ty::Int, d).unwrap_or_else(|| self.leaf(scope, Ty::Int)),
            11 => Expr::Index(Box::new(self.expr(scope, Ty::Pair, d)), Box::new(int_atom(1))),
            12 => self.ternary(scope, Ty::Int, d),
            13 => self.narrowed(scope, Ty::Int, "Int64", int_atom(0)),
            14 => Expr::binary("+", self.expr(scope, Ty::Bool, d), self.expr(scope, Ty::Int, d)),
            _ => self.call(scope, Ty::Int, d + 1).unwrap_or_else(|| self.leaf(scope, Ty::Int)),
        }
    }

    fn float_expr(&mut self, scope: &mut Scope, d: u32) -> Expr {
        match self.rng.below(13) {
            0..=2 => {
                let op = *self.rng.pick(&["+", "-", "*", "/"]);
                // One side may be an Int64: mixed arithmetic promotes.
                let a = self.expr(scope, Ty::Float, d);
                let b_ty = if self.rng.chance(30) { Ty::Int } else { Ty::Float };
                let b = self.expr(scope, b_ty, d);
                if self.rng.chance(50) {
                    Expr::binary(op, a, b)
                } else {
                    Expr::binary(op, b, a)
                }
            }
            3 => Expr::binary("/", self.expr(scope, Ty::Int, d), self.expr(scope, Ty::Int, d)),
            4 => {
                let a = self.expr(scope, Ty::Float, d);
                match self.rng.below(8) {
                    0 => Expr::call("sqrt", vec![Expr::call("abs", vec![a])]),
                    1 => Expr::call("sin", vec![a]),
                    2 => Expr::call("cos", vec![a]),
                    3 => Expr::call("abs", vec![a]),
                    4 => Expr::call("floor", vec![a]),
                    5 => Expr::call("ceil", vec![a]),
                    6 => Expr::call("min", vec![a, self.expr(scope, Ty::Float, d)]),
                    _ => Expr::call("max", vec![a, self.expr(scope, Ty::Float, d)]),
                }
            }
            5 => {
                let f = *self.rng.pick(&["float", "Float64"]);
                Expr::call(f, vec![self.expr(scope, Ty::Int, d)])
            }
            6 => self.field(scope, Ty::Float, d).unwrap_or_else(|| self.leaf(scope, Ty::Float)),
            7 => Expr::Index(Box::new(self.expr(scope, Ty::Pair, d)), Box::new(int_atom(2))),
            8 => self.ternary(scope, Ty::Float, d),
            9 => {
                if self.rng.chance(50) {
                    self.element(scope, Ty::VecFloat, d)
                } else {
                    Expr::call("sum", vec![self.expr(scope, Ty::VecFloat, d)])
                }
            }
            10 => Expr::binary("^", self.expr(scope, Ty::Float, d), int_atom(self.rng.range(0, 3))),
            11 => self.narrowed(scope, Ty::Float, "Float64", Expr::atom("0.5")),
            _ => self.call(scope, Ty::Float, d + 1).unwrap_or_else(|| self.leaf(scope, Ty::Float)),
        }
    }

    fn bool_expr(&mut self, scope: &mut Scope, d: u32) -> Expr {
        match self.rng.below(12) {
            0..=3 => {
                let op = *self.rng.pick(&["<", "<=", "==", "!=", ">", ">="]);
                let a_ty = *self.rng.pick(&[Ty::Int, Ty::Int, Ty::Float]);
                let b_ty = *self.rng.pick(&[Ty::Int, Ty::Float]);
                Expr::binary(op, self.expr(scope, a_ty, d), self.expr(scope, b_ty, d))
            }
            4 => {
                let op = *self.rng.pick(&["&&", "||"]);
                Expr::binary(op, self.expr(scope, Ty::Bool, d), self.expr(scope, Ty::Bool, d))
            }
            5 => Expr::Unary("!", Box::new(self.expr(scope, Ty::Bool, d))),
            6 => {
                let f = *self.rng.pick(&["iseven", "isodd", "iszero"]);
                Expr::call(f, vec![self.expr(scope, Ty::Int, d)])
            }
            7 => {
                let t = *self.rng.pick(&["Int64", "Float64", "String", "Number", "Bool"]);
                Expr::binary("isa", self.expr(scope, Ty::Any, d), Expr::atom(t))
            }
            8 => {
                let op = *self.rng.pick(&["==", "===", "!=="]);
                Expr::binary(op, self.expr(scope, Ty::Any, d), self.expr(scope, Ty::Any, d))
            }
            9 => Expr::call("in", vec![self.expr(scope, Ty::Int, d), self.expr(scope, Ty::VecInt, d)]),
            10 => Expr::binary("==", self.expr(scope, Ty::Str, d), self.expr(scope, Ty::Str, d)),
            _ => self.call(scope, Ty::Bool, d + 1).unwrap_or_else(|| self.leaf(scope, Ty::Bool)),
        }
    }

    fn str_expr(&mut self, scope: &mut Scope, d: u32) -> Expr {
        match self.rng.below(8) {
            0 | 1 => {
                let mut pieces = vec![Piece::Text("v".into())];
                for _ in 0..self.rng.range(1, 2) {
                    pieces.push(Piece::Value(self.expr(scope, Ty::Any, d)));
                    pieces.push(Piece::Text(" ".into()));
                }
                Expr::Interpolate(pieces)
            }
            2 => {
                let args = (0..self.rng.range(1, 3)).map(|_| self.expr(scope, Ty::Any, d)).collect();
                Expr::call("string", args)
            }
            3 => Expr::binary("*", self.expr(scope, Ty::Str, d), self.expr(scope, Ty::Str, d)),
            4 => Expr::call("repr", vec![self.expr(scope, Ty::Any, d)]),
            5 => Expr::call("repeat", vec![self.expr(scope, Ty::Str, d), int_atom(self.rng.range(0, 3))]),
            6 => self.ternary(scope, Ty::Str, d),
            _ => self.call(scope, Ty::Str, d + 1).unwrap_or_else(|| self.leaf(scope, Ty::Str)),
        }
    }

    /// A value whose type inference cannot know.
    fn any_expr(&mut self, scope: &mut Scope, d: u32) -> Expr {
        match self.rng.below(6) {
            0 | 1 => {
                let a = *self.rng.pick(&SCALARS);
                let b = *self.rng.pick(&SCALARS);
                let cond = self.expr(scope, Ty::Bool, d);
                let a = self.expr(scope, a, d);
                let b = self.expr(scope, b, d);
                Expr::Ternary(Box::new(cond), Box::new(a), Box::new(b))
            }
            2 => {
                let ty = self.some_type(&SCALARS);
                Expr::call("Base.inferencebarrier", vec![self.expr(scope, ty, d)])
            }
            3 => self.element(scope, Ty::VecAny, d),
            4 => {
                let ty = self.some_type(&[Ty::Int, Ty::Float, Ty::Str, Ty::VecInt, Ty::Pair]);
                self.expr(scope, ty, d)
            }
            _ => self.call(scope, Ty::Any, d + 1).unwrap_or_else(|| self.leaf(scope, Ty::Any)),
        }
    }

    /// `v[i]` with `i` always in bounds (vectors are never empty), or now and then any `i`.
    fn element(&mut self, scope: &mut Scope, vector: Ty, d: u32) -> Expr {
        // The vector is a variable or a literal: it appears twice.
        let v = self.leaf(scope, vector);
        let i = self.expr(scope, Ty::Int, d);
        let index = if self.rng.chance(95) {
            Expr::binary("+", Expr::call("mod", vec![i, Expr::call("length", vec![v.clone()])]), int_atom(1))
        } else {
            i
        };
        Expr::Index(Box::new(v), Box::new(index))
    }

    /// A field of type `ty` of some struct value.
    fn field(&mut self, scope: &mut Scope, ty: Ty, d: u32) -> Option<Expr> {
        let candidates: Vec<(usize, String)> = self
            .structs
            .iter()
            .enumerate()
            .flat_map(|(k, s)| s.fields.iter().filter(|(_, t)| *t == ty).map(move |(f, _)| (k, f.clone())))
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let (k, field) = self.rng.pick(&candidates).clone();
        Some(Expr::Field(Box::new(self.expr(scope, Ty::Struct(k), d)), field))
    }

    fn ternary(&mut self, scope: &mut Scope, ty: Ty, d: u32) -> Expr {
        let cond = self.expr(scope, Ty::Bool, d);
        let a = self.expr(scope, ty, d);
        let b = self.expr(scope, ty, d);
        Expr::Ternary(Box::new(cond), Box::new(a), Box::new(b))
    }

    /// `(x isa T ? x : default)` for a variable `x` of unknown type: inference narrows `x`.
    fn narrowed(&mut self, scope: &Scope, ty: Ty, type_name: &str, default: Expr) -> Expr {
        let names = scope.vars_of(Ty::Any);
        if names.is_empty() {
            return self.leaf(scope, ty);
        }
        let x = Expr::atom(self.rng.pick(&names).clone());
        let test = Expr::binary("isa", x.clone(), Expr::atom(type_name));
        Expr::Ternary(Box::new(test), Box::new(x), Box::new(default))
    }

    /// A call of something defined so far that returns `ty` (anything when `ty` is Any) and
    /// fits the cost limit where it is called.
    pub(crate) fn call(&mut self, scope: &mut Scope, ty: Ty, depth: u32) -> Option<Expr> {
        let fits = |cost: u64| scope.multiplier.saturating_mul(cost) <= COST_LIMIT;
        let returns = |ret: Ty| ty == Ty::Any || ret == ty;
        let mut candidates = Vec::new();
        for (i, f) in self.functions.iter().enumerate() {
            if returns(f.ret) && fits(f.cost) {
                candidates.push((Callee::Function(i), f.cost));
            }
        }
        for (i, f) in self.dispatchers.iter().enumerate() {
            if returns(f.ret) && fits(f.cost) {
                candidates.push((Callee::Dispatcher(i), f.cost));
            }
        }
        for (i, f) in self.families.iter().enumerate() {
            if let Some(cost) = f.cost {
                if returns(f.ret) && fits(cost) {
                    candidates.push((Callee::Family(i), cost));
                }
            }
        }
        for (i, f) in self.recursives.iter().enumerate() {
            if returns(f.ty) && fits(RECURSIVE_COST) {
                candidates.push((Callee::Recursive(i), RECURSIVE_COST));
            }
        }
        if candidates.is_empty() {
            return None;
        }
        let (callee, cost) = candidates.swap_remove(self.rng.below(candidates.len()));
        scope.cost = scope.cost.saturating_add(scope.multiplier.saturating_mul(cost));
        let d = depth.saturating_sub(1);
        Some(match callee {
            Callee::Function(i) => {
                let name = self.functions[i].name.clone();
                let params = self.functions[i].params.clone();
                let args = params.iter().map(|t| self.expr(scope, *t, d)).collect();
                if self.rng.chance(10) {
                    // A dynamic call: the callee is not known to inference.
                    Expr::call(format!("Base.inferencebarrier({name})"), args)
                } else {
                    Expr::call(name, args)
                }
            }
            Callee::Dispatcher(i) => {
                let name = self.dispatchers[i].name.clone();
                let has_number = self.dispatchers[i].has_number;
                match self.rng.below(8) {
                    // `invoke(f, Tuple{T}, x)`: the method for T, whatever x's type.
                    0 => {
                        let x = self.expr(scope, Ty::Any, d);
                        Expr::call("invoke", vec![Expr::atom(name), Expr::atom("Tuple{Any}"), x])
                    }
                    1 if has_number => {
                        let x_ty = *self.rng.pick(&[Ty::Int, Ty::Float, Ty::Bool]);
                        let x = self.expr(scope, x_ty, d);
                        Expr::call("invoke", vec![Expr::atom(name), Expr::atom("Tuple{Number}"), x])
                    }
                    _ => {
                        let x = self.expr(scope, Ty::Any, d);
                        Expr::call(name, vec![x])
                    }
                }
            }
            Callee::Family(i) => {
                let name = self.families[i].method.clone();
                let x = self.expr(scope, Ty::Abstract(i), d);
                Expr::call(name, vec![x])
            }
            Callee::Recursive(i) => {
                let name = self.recursives[i].name.clone();
                let x_ty = self.recursives[i].ty;
                let n = Expr::call("min", vec![self.expr(scope, Ty::Int, d), int_atom(7)]);
                let x = self.expr(scope, x_ty, d);
                Expr::call(name, vec![n, x])
            }
        })
    }
}

/// An Int64 literal; negative ones in parentheses, so that they read the same in any position.
pub(crate) fn int_atom(n: i64) -> Expr {
    if n < 0 {
        Expr::atom(format!("({n})"))
    } else {
        Expr::atom(n.to_string())
    }
}
