//! The program generator: from a seed and a size, a Julia program over the subset the project
//! runs (README, "Status and known deviations"; tests/files/lang/*.jl show each feature).
//!
//! Programs terminate by construction: a function calls only functions defined before it, a
//! recursive function counts a depth argument that every call site caps (`min(e, 7)`), loops
//! run over literal ranges or to a literal bound, and the generator estimates each function's
//! cost (calls times loop trips) and calls nothing that would take the estimate past a limit.
//! The runner's step budget stops anything the estimate misses.
//!
//! The generator tracks the runtime type of every value it builds (`Ty`), so that most
//! programs run to the end; `Ty::Any` is a value whose type inference cannot know (a ternary of
//! two types, `Base.inferencebarrier`, an element of a `Vector{Any}`), so the programs are also
//! type-unstable on purpose. A few statements fail on purpose (BoundsError, DivideError,
//! MethodError, a failed type assertion, `error`): errors end a program and are compared like
//! any other output. It does not generate what the file tests show to depend on the engine
//! (`@code_typed` output depends on the inliner, the step count at which `StepLimitError`
//! strikes depends on codegen), nor `try` (outside the subset).

mod expr;
mod stmt;

use crate::program::{Expr, Item, Program, Stmt};
use crate::rng::Rng;

/// The runtime type of a generated value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Float,
    Bool,
    Str,
    VecInt,
    VecFloat,
    VecAny,
    /// `Tuple{Int64, Float64}`.
    Pair,
    /// A struct, by index into `Generator::structs`.
    Struct(usize),
    /// A value of one of the member structs of an abstract type (`Generator::families`).
    Abstract(usize),
    /// Any of the scalar types; inference cannot tell which.
    Any,
}

const SCALARS: [Ty; 4] = [Ty::Int, Ty::Float, Ty::Bool, Ty::Str];

pub(crate) struct StructDef {
    name: String,
    mutable: bool,
    fields: Vec<(String, Ty)>,
}

/// `abstract type name end`, member structs with one field each, and a function `method` with
/// a method per member (some members fall back to the method on the abstract type).
pub(crate) struct Family {
    name: String,
    members: Vec<usize>,
    method: String,
    ret: Ty,
    /// Whether the methods are defined (not while their bodies are generated), and their cost.
    cost: Option<u64>,
}

/// A function with methods on Int64, Float64 and String, often one on Number, and a fallback
/// on Any, so any value may be passed to it.
pub(crate) struct Dispatcher {
    name: String,
    has_number: bool,
    ret: Ty,
    /// The most expensive method's cost.
    cost: u64,
}

pub(crate) struct Function {
    name: String,
    params: Vec<Ty>,
    /// Whether each parameter is printed with its type annotation.
    annotated: Vec<bool>,
    ret: Ty,
    /// Estimated calls and loop trips of one call.
    cost: u64,
    /// How many dispatchers, families and recursive functions were defined before it: a new
    /// body for it may call only those (a later one may call it: no call cycles).
    defined_after: [usize; 3],
}

/// `name(n::Int64, x::T)`: recursive on `n`, returning `T` (Int or Float).
pub(crate) struct Recursive {
    name: String,
    ty: Ty,
}

/// The cost of a call to a `Recursive` (its depth is capped at 7 where it is called: at most
/// 2^8 activations of a body that calls nothing else).
const RECURSIVE_COST: u64 = 300;

/// The most a call from any one place may cost (see `Function::cost`).
const COST_LIMIT: u64 = 3000;

/// What the generator has defined so far, and the random source.
pub struct Generator {
    rng: Rng,
    size: usize,
    next_name: usize,
    structs: Vec<StructDef>,
    families: Vec<Family>,
    dispatchers: Vec<Dispatcher>,
    functions: Vec<Function>,
    recursives: Vec<Recursive>,
    /// Globals assigned at the top before any function: (name, type, is const).
    globals: Vec<(String, Ty, bool)>,
}

/// The variables in scope while generating a body, and what the body may still cost.
pub(crate) struct Scope {
    vars: Vec<Vec<(String, Ty)>>,
    /// Trips of the loops around the point being generated.
    multiplier: u64,
    cost: u64,
    loop_depth: usize,
    /// The function's return type; None at top level.
    ret: Option<Ty>,
    top_level: bool,
    /// Vectors a loop around this point iterates over: pushing to one would never end.
    frozen: Vec<String>,
    /// Where in `vars` the innermost loop's body begins: a variable declared before it must
    /// keep its type, or the next trip would meet the new type where the body expects the old.
    loop_body: usize,
}

impl Scope {
    fn new(ret: Option<Ty>) -> Scope {
        Scope {
            vars: vec![Vec::new()],
            multiplier: 1,
            cost: 1,
            loop_depth: 0,
            ret,
            top_level: ret.is_none(),
            frozen: Vec::new(),
            loop_body: 0,
        }
    }

    fn declare(&mut self, name: String, ty: Ty) {
        if let Some(innermost) = self.vars.last_mut() {
            innermost.push((name, ty));
        }
    }

    fn vars_of(&self, ty: Ty) -> Vec<String> {
        self.vars.iter().flatten().filter(|(_, t)| *t == ty).map(|(n, _)| n.clone()).collect()
    }

    /// Sets a variable's type after an assignment of another type.
    fn retype(&mut self, name: &str, ty: Ty) {
        for (n, t) in self.vars.iter_mut().flatten() {
            if n == name {
                *t = ty;
            }
        }
    }
}

/// The program for `seed` at `size` (about the number of statements per body and of top-level
/// statements; 4 is tiny, 30 is large).
pub fn generate(seed: u64, size: usize) -> Program {
    let mut generator = Generator {
        rng: Rng::new(seed),
        size: size.max(2),
        next_name: 0,
        structs: Vec::new(),
        families: Vec::new(),
        dispatchers: Vec::new(),
        functions: Vec::new(),
        recursives: Vec::new(),
        globals: Vec::new(),
    };
    generator.program()
}

impl Generator {
    fn fresh(&mut self, prefix: &str) -> String {
        self.next_name += 1;
        format!("{prefix}{}", self.next_name)
    }

    fn program(&mut self) -> Program {
        let mut items = vec![Item::Text(format!("# invokelab fuzz program (size {})", self.size))];
        for _ in 0..self.rng.range(0, 2) {
            items.push(self.global());
        }
        for _ in 0..self.rng.range(0, 2) {
            items.push(self.struct_def());
        }
        for _ in 0..self.rng.range(0, 1) {
            items.extend(self.family());
        }
        let definitions = 1 + self.size / 4 + self.rng.below(3);
        for _ in 0..definitions {
            match self.rng.below(10) {
                0 | 1 => items.extend(self.dispatcher()),
                2 => items.push(self.recursive()),
                _ => items.push(self.function()),
            }
        }
        let statements = 2 + self.size / 2;
        let mut top = Scope::new(None);
        for _ in 0..statements {
            items.extend(self.top_level_statement(&mut top));
        }
        Program { items }
    }

    fn global(&mut self) -> Item {
        let is_const = self.rng.chance(50);
        let ty = *self.rng.pick(&[Ty::Int, Ty::Float, Ty::Str]);
        let name = self.fresh(if is_const { "C" } else { "g" });
        let value = self.literal(ty);
        let mut text = String::new();
        crate::program::print_expr(&mut text, &value);
        self.globals.push((name.clone(), ty, is_const));
        Item::Text(format!("{}{name} = {text}", if is_const { "const " } else { "" }))
    }

    fn struct_def(&mut self) -> Item {
        let name = self.fresh("S");
        let mutable = self.rng.chance(40);
        let fields: Vec<(String, Ty)> =
            (0..self.rng.range(1, 3)).map(|i| (format!("f{i}"), *self.rng.pick(&SCALARS))).collect();
        let text = struct_text(&name, mutable, None, &fields);
        self.structs.push(StructDef { name, mutable, fields });
        Item::Text(text)
    }

    fn family(&mut self) -> Vec<Item> {
        let name = self.fresh("A");
        let method = self.fresh("area");
        let ret = *self.rng.pick(&[Ty::Int, Ty::Float, Ty::Str]);
        let family = self.families.len();
        let mut items = vec![Item::Text(format!("abstract type {name} end"))];
        let mut members = Vec::new();
        for _ in 0..self.rng.range(2, 3) {
            let member = self.fresh("M");
            let mutable = self.rng.chance(30);
            let fields = vec![("v".to_string(), *self.rng.pick(&[Ty::Int, Ty::Float]))];
            items.push(Item::Text(struct_text(&member, mutable, Some(&name), &fields)));
            members.push(self.structs.len());
            self.structs.push(StructDef { name: member, mutable, fields });
        }
        self.families.push(Family {
            name: name.clone(),
            members: members.clone(),
            method: method.clone(),
            ret,
            cost: None,
        });
        // A fallback on the abstract type, and a method for each member but possibly the last
        // (which then reaches the fallback).
        let skip_last = self.rng.chance(50);
        let (fallback, mut cost) = self.method_item(&method, &[("s", Ty::Abstract(family), Some(name))], ret);
        items.push(fallback);
        for (i, &member) in members.iter().enumerate() {
            if skip_last && i + 1 == members.len() {
                break;
            }
            let member_name = self.structs[member].name.clone();
            let (item, c) = self.method_item(&method, &[("s", Ty::Struct(member), Some(member_name))], ret);
            items.push(item);
            cost = cost.max(c);
        }
        self.families[family].cost = Some(cost);
        items
    }

    fn dispatcher(&mut self) -> Vec<Item> {
        let name = self.fresh("d");
        let ret = if self.rng.chance(25) { Ty::Any } else { *self.rng.pick(&SCALARS) };
        let has_number = self.rng.chance(50);
        let mut signatures = vec![
            (Ty::Int, Some("Int64".to_string())),
            (Ty::Float, Some("Float64".to_string())),
            (Ty::Str, Some("String".to_string())),
            (Ty::Any, None),
        ];
        if has_number {
            // A Bool argument reaches this method (Bool <: Number), an Int64 the one above.
            signatures.push((Ty::Any, Some("Number".to_string())));
        }
        let mut items = Vec::new();
        let mut cost = 0;
        for (ty, annotation) in signatures {
            let (item, c) = self.method_item(&name, &[("x", ty, annotation)], ret);
            items.push(item);
            cost = cost.max(c);
        }
        self.dispatchers.push(Dispatcher { name, has_number, ret, cost });
        items
    }

    /// A one-method function whose body returns an expression over its parameters; `Ty::Any`
    /// as a parameter's type stands for "any value" (the method of a fallback).
    fn method_item(&mut self, name: &str, params: &[(&str, Ty, Option<String>)], ret: Ty) -> (Item, u64) {
        let mut scope = Scope::new(Some(ret));
        let header = params
            .iter()
            .map(|(p, _, annotation)| match annotation {
                Some(t) => format!("{p}::{t}"),
                None => p.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        for (p, ty, _) in params {
            scope.declare(p.to_string(), *ty);
        }
        let mut body = Vec::new();
        if self.rng.chance(30) {
            body.extend(self.block(&mut scope, 2, 1));
        }
        let value = self.return_value(&mut scope, ret);
        body.push(Stmt::Return(value));
        (Item::Function { header: format!("function {name}({header})"), body }, scope.cost)
    }

    fn function(&mut self) -> Item {
        let name = self.fresh("f");
        let arity = self.rng.below(4);
        let choices =
            [Ty::Int, Ty::Int, Ty::Float, Ty::Bool, Ty::Str, Ty::VecInt, Ty::VecFloat, Ty::Pair, Ty::Any];
        let mut params = Vec::new();
        for _ in 0..arity {
            params.push(self.some_type(&choices));
        }
        let annotated: Vec<bool> = params.iter().map(|t| *t != Ty::Any && self.rng.chance(70)).collect();
        let ret = if self.rng.chance(20) { Ty::Any } else { self.some_type(&choices) };
        let (header, body, cost) = self.function_body(&name, &params, &annotated, ret);
        let defined_after = [self.dispatchers.len(), self.families.len(), self.recursives.len()];
        self.functions.push(Function { name, params, annotated, ret, cost, defined_after });
        Item::Function { header, body }
    }

    /// The header, body and cost of a function with these parameters.
    fn function_body(
        &mut self,
        name: &str,
        params: &[Ty],
        annotated: &[bool],
        ret: Ty,
    ) -> (String, Vec<Stmt>, u64) {
        let mut scope = Scope::new(Some(ret));
        let mut header = Vec::new();
        for (i, (ty, annotate)) in params.iter().zip(annotated).enumerate() {
            let p = format!("a{}", i + 1);
            header.push(if *annotate { format!("{p}::{}", self.type_name(*ty)) } else { p.clone() });
            scope.declare(p, *ty);
        }
        let statements = 1 + self.rng.below(self.size.min(12));
        let mut body = self.block(&mut scope, statements, 2);
        let value = self.return_value(&mut scope, ret);
        body.push(Stmt::Return(value));
        let noinline = if self.rng.chance(10) { "@noinline " } else { "" };
        (format!("{noinline}function {name}({})", header.join(", ")), body, scope.cost)
    }

    /// What a function returns: a value of `ret`, or for `Ty::Any` a value of a type chosen now.
    fn return_value(&mut self, scope: &mut Scope, ret: Ty) -> Expr {
        let ty = if ret == Ty::Any { *self.rng.pick(&SCALARS) } else { ret };
        self.expr(scope, ty, 2)
    }

    fn recursive(&mut self) -> Item {
        let name = self.fresh("r");
        let ty = if self.rng.chance(70) { Ty::Int } else { Ty::Float };
        let t = self.type_name(ty);
        let mut scope = Scope::new(Some(ty));
        scope.declare("n".into(), Ty::Int);
        scope.declare("x".into(), ty);
        // Forbid calls from the body: its cost is multiplied by the recursion's.
        scope.multiplier = COST_LIMIT + 1;
        let base_test = if self.rng.chance(50) { "(n <= 0)" } else { "(n < 2)" };
        let base = self.expr(&mut scope, ty, 1);
        let step = self.expr(&mut scope, ty, 1);
        let call = |dn: &str, arg: Expr| {
            Expr::call(name.clone(), vec![Expr::binary("-", Expr::atom("n"), Expr::atom(dn)), arg])
        };
        let ops: &[&'static str] =
            if ty == Ty::Int { &["+", "*", "xor", "-", "&", "|"] } else { &["+", "-", "*"] };
        let op = *self.rng.pick(ops);
        let combine = |a: Expr, b: Expr| {
            if op == "xor" {
                Expr::call("xor", vec![a, b])
            } else {
                Expr::binary(op, a, b)
            }
        };
        // fib's shape (two self calls combined), a linear recursion, and a tail call: the
        // shapes the optimizer's tailrec, unroll and peel passes rewrite.
        let recursion = match self.rng.below(4) {
            0 | 1 => combine(call("1", step), call("2", Expr::atom("x"))),
            2 => combine(call("1", step), Expr::atom("n")),
            _ => call("1", step),
        };
        let body = if self.rng.chance(40) {
            vec![Stmt::Return(Expr::Ternary(
                Box::new(Expr::atom(base_test)),
                Box::new(base),
                Box::new(recursion),
            ))]
        } else {
            vec![
                Stmt::If {
                    arms: vec![(Expr::atom(base_test), vec![Stmt::Return(base)])],
                    otherwise: Vec::new(),
                },
                Stmt::Return(recursion),
            ]
        };
        self.recursives.push(Recursive { name: name.clone(), ty });
        Item::Function { header: format!("function {name}(n::Int64, x::{t})"), body }
    }

    fn top_level_statement(&mut self, top: &mut Scope) -> Vec<Item> {
        let stmts = match self.rng.below(12) {
            0 if !self.functions.is_empty() => return self.redefinition(),
            1 if !self.functions.is_empty() => return self.code_instance_invoke(),
            2 => {
                let ty = self.some_type(&[Ty::Int, Ty::Float, Ty::Str, Ty::VecInt, Ty::Any, Ty::Pair]);
                let value = self.expr(top, ty, 2);
                let name = self.fresh("t");
                top.declare(name.clone(), ty);
                vec![Stmt::Assign { target: Expr::atom(name), op: "", value }]
            }
            _ => self.print_statement(top),
        };
        stmts.into_iter().map(Item::Stmt).collect()
    }

    /// A function defined again with a new body after calls to it: the runtime must invalidate
    /// the code that called the old one (src/gf.c, backedges).
    fn redefinition(&mut self) -> Vec<Item> {
        let which = self.rng.below(self.functions.len());
        let (name, params, annotated, ret, [dispatchers, families, recursives]) = {
            let f = &self.functions[which];
            (f.name.clone(), f.params.clone(), f.annotated.clone(), f.ret, f.defined_after)
        };
        // Only what was defined before the function may be called from its new body.
        let later = (
            self.functions.split_off(which),
            self.dispatchers.split_off(dispatchers),
            self.families.split_off(families),
            self.recursives.split_off(recursives),
        );
        let (header, body, _) = self.function_body(&name, &params, &annotated, ret);
        self.functions.extend(later.0);
        self.dispatchers.extend(later.1);
        self.families.extend(later.2);
        self.recursives.extend(later.3);
        let mut items = vec![Item::Function { header, body }];
        let mut top = Scope::new(None);
        items.extend(self.print_statement(&mut top).into_iter().map(Item::Stmt));
        items
    }

    /// `invoke(f, ci, args...)` with the CodeInstance of an earlier call (Julia's PR #56660).
    fn code_instance_invoke(&mut self) -> Vec<Item> {
        let which = self.rng.below(self.functions.len());
        let params = self.functions[which].params.clone();
        let concrete = params.iter().all(|t| matches!(t, Ty::Int | Ty::Float | Ty::Bool | Ty::Str));
        let mut top = Scope::new(None);
        if !concrete || self.functions[which].cost > COST_LIMIT / 4 {
            return self.print_statement(&mut top).into_iter().map(Item::Stmt).collect();
        }
        let name = self.functions[which].name.clone();
        let ci = self.fresh("ci");
        let args: Vec<Expr> = params.iter().map(|t| self.literal(*t)).collect();
        let types: Vec<Expr> = params.iter().map(|t| Expr::atom(self.type_name(*t))).collect();
        let call = Expr::call(name.clone(), args.clone());
        let mut code_instance_args = vec![Expr::atom(name.clone())];
        code_instance_args.extend(types);
        let mut invoke_args = vec![Expr::atom(name), Expr::atom(ci.clone())];
        invoke_args.extend(args);
        vec![
            Item::Stmt(Stmt::Expr(Expr::call("println", vec![call]))),
            Item::Stmt(Stmt::Assign {
                target: Expr::atom(format!("const {ci}")),
                op: "",
                value: Expr::call("code_instance", code_instance_args),
            }),
            Item::Stmt(Stmt::Expr(Expr::call("println", vec![Expr::call("invoke", invoke_args)]))),
        ]
    }

    fn some_type(&mut self, choices: &[Ty]) -> Ty {
        if !self.structs.is_empty() && self.rng.chance(12) {
            return Ty::Struct(self.rng.below(self.structs.len()));
        }
        if !self.families.is_empty() && self.rng.chance(8) {
            return Ty::Abstract(self.rng.below(self.families.len()));
        }
        *self.rng.pick(choices)
    }

    fn type_name(&self, ty: Ty) -> String {
        match ty {
            Ty::Int => "Int64".into(),
            Ty::Float => "Float64".into(),
            Ty::Bool => "Bool".into(),
            Ty::Str => "String".into(),
            Ty::VecInt => "Vector{Int64}".into(),
            Ty::VecFloat => "Vector{Float64}".into(),
            Ty::VecAny => "Vector{Any}".into(),
            Ty::Pair => "Tuple{Int64, Float64}".into(),
            Ty::Struct(k) => self.structs[k].name.clone(),
            Ty::Abstract(k) => self.families[k].name.clone(),
            Ty::Any => "Any".into(),
        }
    }
}

fn struct_text(name: &str, mutable: bool, parent: Option<&str>, fields: &[(String, Ty)]) -> String {
    let mut text = format!("{}struct {name}", if mutable { "mutable " } else { "" });
    if let Some(parent) = parent {
        text.push_str(&format!(" <: {parent}"));
    }
    text.push('\n');
    for (field, ty) in fields {
        let t = match ty {
            Ty::Int => "Int64",
            Ty::Float => "Float64",
            Ty::Bool => "Bool",
            _ => "String",
        };
        text.push_str(&format!("    {field}::{t}\n"));
    }
    text.push_str("end");
    text
}

#[cfg(test)]
mod tests {
    use super::generate;

    #[test]
    fn a_seed_names_one_program() {
        assert_eq!(generate(3, 10).to_source(), generate(3, 10).to_source());
        assert_ne!(generate(3, 10).to_source(), generate(4, 10).to_source());
    }

    #[test]
    fn programs_grow_with_size() {
        let small: usize = (0..20).map(|s| generate(s, 4).size()).sum();
        let large: usize = (0..20).map(|s| generate(s, 24).size()).sum();
        assert!(large > 2 * small, "{small} {large}");
    }
}
