//! Definitions: `function`, short-form `f(x) = e` (re-parsed as a signature once the `=` shows
//! it is one), lambdas' parameters, `where` parameters, `struct` and `abstract type`.

use super::atom::BracketList;
use super::Parser;
use crate::ast::{
    AbstractTypeDef, Block, CallSyntax, Expr, ExprKind, FunctionDef, FunctionName, Ident, Param, StructDef,
    StructField, TypeParam,
};
use crate::lexer::{Keyword, Op, TokenKind};
use crate::Span;

/// Name, parameters, return type and `where` parameters of a method.
struct Signature {
    name: FunctionName,
    params: Vec<Param>,
    kwparams: Vec<Param>,
    return_type: Option<Expr>,
    where_params: Vec<TypeParam>,
}

impl Parser<'_> {
    /// `function f(x) ... end`, `function f end`, `function (x) ... end`; `macro` is parsed the
    /// same way and rejected.
    pub(super) fn parse_function(&mut self) -> Expr {
        let keyword = self.bump();
        let is_macro = keyword.kind == TokenKind::Keyword(Keyword::Macro);
        self.skip_newlines();
        let start = keyword.span.start;
        let signature = if self.at(TokenKind::LParen) {
            self.bump();
            let list = self.parse_bracket_list(TokenKind::RParen, ")");
            if self.at(TokenKind::LParen) && !self.peek().space_before {
                // `function (p::T)(x) ... end`: the first list is the object.
                let (mut this, _) = self.params_from(list);
                self.bump();
                let args = self.parse_bracket_list(TokenKind::RParen, ")");
                let (params, kwparams) = self.params_from(args);
                match (this.len(), this.pop()) {
                    (1, Some(this)) if this.ty.is_some() => {
                        Some((FunctionName::Callable { this: Box::new(this) }, params, kwparams))
                    }
                    _ => {
                        self.error(self.span_from(start), "invalid function name");
                        None
                    }
                }
            } else {
                let (params, kwparams) = self.params_from(list);
                Some((FunctionName::Anonymous, params, kwparams))
            }
        } else {
            match self.parse_function_name() {
                None => {
                    self.error(self.peek().span, "Invalid function name");
                    None
                }
                Some(name) => {
                    let name = self.constructor_of_instances(name);
                    if self.peek_skipping_newlines() == TokenKind::Keyword(Keyword::End) {
                        self.skip_newlines();
                        self.bump();
                        let def = FunctionDef {
                            name,
                            params: Vec::new(),
                            kwparams: Vec::new(),
                            return_type: None,
                            where_params: Vec::new(),
                            body: None,
                            short_form: false,
                        };
                        return self.finish_function(def, start, is_macro);
                    }
                    if self.at(TokenKind::LParen) {
                        let open = self.bump();
                        if open.space_before {
                            self.error(
                                Span::new(self.last_end(), open.span.start),
                                "whitespace is not allowed here",
                            );
                        }
                        let list = self.parse_bracket_list(TokenKind::RParen, ")");
                        let (params, kwparams) = self.params_from(list);
                        Some((name, params, kwparams))
                    } else {
                        self.error(self.span_from(start), "Invalid signature in function definition");
                        None
                    }
                }
            }
        };
        let return_type = self.parse_return_type();
        let where_params = self.parse_signature_where();
        let body = self.parse_block();
        self.expect_closing(TokenKind::Keyword(Keyword::End), "end");
        let Some((name, params, kwparams)) = signature else {
            return Expr::error(self.span_from(start));
        };
        let def = FunctionDef {
            name,
            params,
            kwparams,
            return_type,
            where_params,
            body: Some(body),
            short_form: false,
        };
        self.finish_function(def, start, is_macro)
    }

    fn finish_function(&mut self, def: FunctionDef, start: u32, is_macro: bool) -> Expr {
        let span = self.span_from(start);
        if is_macro {
            self.error(span, "macro definitions are not supported by invokelab yet");
            return Expr::error(span);
        }
        Expr::new(ExprKind::FunctionDef(Box::new(def)), span)
    }

    fn peek_skipping_newlines(&mut self) -> TokenKind {
        let ctx = super::Context { skip_newlines: true, ..self.ctx };
        self.with_ctx(ctx, |p| p.peek().kind)
    }

    fn parse_return_type(&mut self) -> Option<Expr> {
        if self.at_op(Op::DoubleColon) {
            self.bump();
            Some(self.parse_call())
        } else {
            None
        }
    }

    fn parse_signature_where(&mut self) -> Vec<TypeParam> {
        let mut params = Vec::new();
        while self.at_op(Op::Where) {
            self.bump();
            self.skip_newlines();
            params.extend(self.parse_where_params());
        }
        params
    }

    /// `f`, `+`, `Base.show`, `Base.:+`.
    fn parse_function_name(&mut self) -> Option<FunctionName> {
        let token = self.peek();
        let valid = match token.kind {
            TokenKind::Ident => true,
            TokenKind::Op(op) => !matches!(
                op,
                Op::Assign
                    | Op::CompoundAssign
                    | Op::And
                    | Op::Or
                    | Op::Dot
                    | Op::Splat
                    | Op::Arrow
                    | Op::Question
            ),
            _ => false,
        };
        if !valid {
            return None;
        }
        self.bump();
        let mut path = Vec::new();
        let mut name = self.ident_of(token);
        while self.at_op(Op::Dot) && !self.peek().space_before {
            let next = self.nth_token(1);
            let segment = match next.kind {
                TokenKind::Ident => {
                    self.bump();
                    self.bump()
                }
                TokenKind::Op(Op::Colon) if matches!(self.nth(2), TokenKind::Ident | TokenKind::Op(_)) => {
                    self.bump();
                    self.bump();
                    self.bump()
                }
                _ => break,
            };
            path.push(std::mem::replace(&mut name, self.ident_of(segment)));
        }
        Some(FunctionName::Named { path, name })
    }

    /// `f(x) = e` was first parsed as an assignment to a call; parse the left side again as a
    /// signature (so `y::Int = 2` becomes a default value, not a keyword argument). Returns
    /// `None`, with the parser unchanged, if it is not a signature after all.
    pub(super) fn reparse_short_function(
        &mut self,
        start_pos: usize,
        errors_before: usize,
        with_comma: bool,
    ) -> Option<Expr> {
        let saved_pos = self.pos;
        let saved_errors = self.errors.split_off(errors_before);
        self.pos = start_pos;
        let start = self.peek().span.start;
        if let Some(signature) = self.parse_signature() {
            let token = self.peek();
            if token.kind == TokenKind::Op(Op::Assign) && self.text(token) == "=" {
                self.bump();
                let body_expr = self.parse_assignment_rhs(with_comma);
                let body = Block { span: body_expr.span, stmts: vec![body_expr] };
                let def = FunctionDef {
                    name: signature.name,
                    params: signature.params,
                    kwparams: signature.kwparams,
                    return_type: signature.return_type,
                    where_params: signature.where_params,
                    body: Some(body),
                    short_form: true,
                };
                let span = self.span_from(start);
                return Some(Expr::new(ExprKind::FunctionDef(Box::new(def)), span));
            }
        }
        self.pos = saved_pos;
        self.errors.truncate(errors_before);
        self.errors.extend(saved_errors);
        None
    }

    fn parse_assignment_rhs(&mut self, with_comma: bool) -> Expr {
        if with_comma {
            self.parse_eq()
        } else {
            self.parse_eq_star()
        }
    }

    /// `P{T}` right after a function's name `P` (`function P{T}(x) where T`, `P{T}(x) where T
    /// = ...`): a method of `Type{P{T}}` (a constructor of the instances), as if written
    /// `(::Type{P{T}})(x)`. Any other name stays as it is.
    fn constructor_of_instances(&mut self, name: FunctionName) -> FunctionName {
        match name {
            FunctionName::Named { path, name }
                if path.is_empty() && self.at(TokenKind::LBrace) && !self.peek().space_before =>
            {
                self.bump();
                let list = self.parse_bracket_list(TokenKind::RBrace, "}");
                let span = self.span_from(name.span.start);
                let args = list.sections.into_iter().flatten().collect();
                let ident = Expr::new(ExprKind::Ident(name.name.clone()), name.span);
                let applied = Expr::new(ExprKind::Curly { callee: Box::new(ident), args }, span);
                let type_ident = Expr::new(ExprKind::Ident("Type".into()), name.span);
                let ty =
                    Expr::new(ExprKind::Curly { callee: Box::new(type_ident), args: vec![applied] }, span);
                let this = Param { name: None, ty: Some(ty), default: None, varargs: false, span };
                FunctionName::Callable { this: Box::new(this) }
            }
            other => other,
        }
    }

    fn parse_signature(&mut self) -> Option<Signature> {
        let name = self.parse_function_name()?;
        let name = self.constructor_of_instances(name);
        let open = self.peek();
        if open.kind != TokenKind::LParen || open.space_before {
            return None;
        }
        self.bump();
        let list = self.parse_bracket_list(TokenKind::RParen, ")");
        let (params, kwparams) = self.params_from(list);
        let return_type = self.parse_return_type();
        let where_params = self.parse_signature_where();
        Some(Signature { name, params, kwparams, return_type, where_params })
    }

    fn params_from(&mut self, list: BracketList) -> (Vec<Param>, Vec<Param>) {
        let mut sections = list.sections.into_iter();
        let params = sections
            .next()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|item| self.param_from(item, false))
            .collect();
        let mut kwparams = Vec::new();
        for (index, section) in sections.enumerate() {
            if index > 0 {
                let span = super::expr::cover_all(&section);
                self.error(span, "only one `;` is allowed in a parameter list");
            }
            kwparams.extend(section.into_iter().filter_map(|item| self.param_from(item, true)));
        }
        (params, kwparams)
    }

    /// `x`, `x::T`, `::T`, `x = 1`, `x::T = 1`, `xs...`, `xs::T...`.
    pub(super) fn param_from(&mut self, item: Expr, keyword: bool) -> Option<Param> {
        let span = item.span;
        match item.kind {
            ExprKind::Ident(name) => Some(Param {
                name: Some(Ident { name, span }),
                ty: None,
                default: None,
                varargs: false,
                span,
            }),
            ExprKind::Decl { value: Some(value), ty } => match value.kind {
                ExprKind::Ident(name) => Some(Param {
                    name: Some(Ident { name, span: value.span }),
                    ty: Some(*ty),
                    default: None,
                    varargs: false,
                    span,
                }),
                _ => {
                    self.error(value.span, "invalid function parameter name");
                    None
                }
            },
            ExprKind::Decl { value: None, ty } if !keyword => {
                Some(Param { name: None, ty: Some(*ty), default: None, varargs: false, span })
            }
            ExprKind::Assign { lhs, rhs } => {
                let mut param = self.param_from(*lhs, keyword)?;
                if param.varargs {
                    self.error(span, "a varargs parameter cannot have a default value");
                }
                param.default = Some(*rhs);
                param.span = span;
                Some(param)
            }
            ExprKind::Splat(inner) => {
                let mut param = self.param_from(*inner, keyword)?;
                param.varargs = true;
                param.span = span;
                Some(param)
            }
            ExprKind::Tuple(_) => {
                self.error(span, "destructuring parameters are not supported by invokelab yet");
                None
            }
            ExprKind::Error => None,
            _ => {
                self.error(span, "invalid function parameter");
                None
            }
        }
    }

    /// `x -> ...`, `(x, y) -> ...`, `() -> ...`, `(x::Int) -> ...`.
    pub(super) fn lambda_params(&mut self, ex: &Expr) -> Vec<Param> {
        match &ex.kind {
            ExprKind::Tuple(elems) => {
                elems.iter().filter_map(|e| self.param_from(e.clone(), false)).collect()
            }
            ExprKind::Block(_) | ExprKind::NamedTuple(_) => {
                self.error(ex.span, "invalid anonymous function parameters");
                Vec::new()
            }
            _ => self.param_from(ex.clone(), false).into_iter().collect(),
        }
    }

    /// `T`, `T <: Real`, `T >: Int`, `Int <: T <: Real`.
    pub(super) fn type_param(&mut self, ex: &Expr) -> Option<TypeParam> {
        let span = ex.span;
        let name_of = |e: &Expr| match &e.kind {
            ExprKind::Ident(name) => Some(Ident { name: name.clone(), span: e.span }),
            _ => None,
        };
        let param = match &ex.kind {
            ExprKind::Ident(_) => {
                name_of(ex).map(|name| TypeParam { name, upper_bound: None, lower_bound: None, span })
            }
            ExprKind::Call { callee, args, syntax: CallSyntax::Infix, .. } if args.len() == 2 => {
                match (callee.as_ident(), name_of(&args[0])) {
                    (Some("<:"), Some(name)) => {
                        Some(TypeParam { name, upper_bound: Some(args[1].clone()), lower_bound: None, span })
                    }
                    (Some(">:"), Some(name)) => {
                        Some(TypeParam { name, upper_bound: None, lower_bound: Some(args[1].clone()), span })
                    }
                    _ => None,
                }
            }
            ExprKind::Comparison { operands, ops }
                if operands.len() == 3 && ops.iter().all(|op| op.name == "<:") =>
            {
                name_of(&operands[1]).map(|name| TypeParam {
                    name,
                    upper_bound: Some(operands[2].clone()),
                    lower_bound: Some(operands[0].clone()),
                    span,
                })
            }
            _ => None,
        };
        if param.is_none() && !matches!(ex.kind, ExprKind::Error) {
            self.error(span, "invalid type parameter");
        }
        param
    }

    /// `struct P{T} <: A; x::T; y; end` and `mutable struct`.
    pub(super) fn parse_struct(&mut self) -> Expr {
        let start = self.peek().span.start;
        let mutable = self.peek().kind == TokenKind::Ident;
        if mutable {
            self.bump();
        }
        self.bump();
        let header = self.parse_type_header();
        let body = self.parse_block();
        self.expect_closing(TokenKind::Keyword(Keyword::End), "end");
        let span = self.span_from(start);
        let Some((name, type_params, supertype)) = header else {
            return Expr::error(span);
        };
        let mut fields = Vec::new();
        let mut inner = Vec::new();
        for stmt in body.stmts {
            match stmt.kind {
                ExprKind::Ident(name) => fields.push(StructField {
                    name: Ident { name, span: stmt.span },
                    ty: None,
                    span: stmt.span,
                }),
                ExprKind::Decl { value: Some(value), ty } if value.as_ident().is_some() => {
                    let name =
                        Ident { name: value.as_ident().unwrap_or_default().to_string(), span: value.span };
                    fields.push(StructField { name, ty: Some(*ty), span: stmt.span });
                }
                // A docstring before a field documents it.
                ExprKind::Str { .. } => {}
                _ => inner.push(stmt),
            }
        }
        let def = StructDef { mutable, name, type_params, supertype, fields, inner };
        Expr::new(ExprKind::StructDef(Box::new(def)), span)
    }

    /// `abstract type B <: A end`
    pub(super) fn parse_abstract_type(&mut self) -> Expr {
        let start = self.bump().span.start;
        self.bump();
        let header = self.parse_type_header();
        self.skip_separators();
        self.expect_closing(TokenKind::Keyword(Keyword::End), "end");
        let span = self.span_from(start);
        match header {
            Some((name, type_params, supertype)) => Expr::new(
                ExprKind::AbstractTypeDef(Box::new(AbstractTypeDef { name, type_params, supertype })),
                span,
            ),
            None => Expr::error(span),
        }
    }

    /// `Name`, `Name{T}`, `Name <: Super`, `Name{T} <: Super{T}` (`parse_subtype_spec`).
    fn parse_type_header(&mut self) -> Option<(Ident, Vec<TypeParam>, Option<Expr>)> {
        let token = self.peek();
        if let TokenKind::Keyword(_) = token.kind {
            self.bump();
            self.error(token.span, format!("Invalid type name `{}`", self.text(token)));
            return None;
        }
        let header = self.parse_comparison();
        let (name_expr, supertype) = match header.kind {
            ExprKind::Call { callee, mut args, syntax: CallSyntax::Infix, .. }
                if callee.as_ident() == Some("<:") && args.len() == 2 =>
            {
                let supertype = args.pop();
                (args.pop()?, supertype)
            }
            _ => (header, None),
        };
        match name_expr.kind {
            ExprKind::Ident(name) => Some((Ident { name, span: name_expr.span }, Vec::new(), supertype)),
            ExprKind::Curly { callee, args } if callee.as_ident().is_some() => {
                let name =
                    Ident { name: callee.as_ident().unwrap_or_default().to_string(), span: callee.span };
                let params = args.iter().filter_map(|arg| self.type_param(arg)).collect();
                Some((name, params, supertype))
            }
            ExprKind::Error => None,
            _ => {
                self.error(name_expr.span, "invalid type name");
                None
            }
        }
    }
}
