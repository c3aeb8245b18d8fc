//! Operator precedence levels, lowest first, one function per level as in JuliaSyntax's
//! `parser.jl` (`parse_eq` ... `parse_decl_with_initial_ex`; calls are in `call.rs`). Precedence and associativity follow
//! Julia's table (JuliaSyntax `kinds.jl`): assignment < `?:` < `=>` < `||` < `&&` <
//! comparison < `<|` `|>` < `:` < `+` < `*` < `//` < `<<` < unary < `^` < `::` < calls.

use super::{is_initial_keyword, Context, Parser};
use crate::ast::{CallSyntax, Expr, ExprKind, Ident, TypeParam};
use crate::lexer::{Op, Token, TokenKind};
use crate::Span;

impl Parser<'_> {
    /// Assignment with commas on either side: `a, b = t` (`parse_eq`).
    pub(super) fn parse_eq(&mut self) -> Expr {
        self.parse_assignment(true)
    }

    /// Assignment where commas separate items, as in argument lists (`parse_eq_star`).
    pub(super) fn parse_eq_star(&mut self) -> Expr {
        self.parse_assignment(false)
    }

    fn parse_assignment(&mut self, with_comma: bool) -> Expr {
        self.nested_production(|p| p.parse_assignment_inner(with_comma))
    }

    fn parse_assignment_inner(&mut self, with_comma: bool) -> Expr {
        let start_pos = self.pos;
        let errors_before = self.errors.len();
        let lhs = if with_comma { self.parse_comma() } else { self.parse_pair() };
        let token = self.peek();
        match token.kind {
            // `x .= y` and `x .+= y` assign into `x`'s elements, not to `x`: calls of the
            // functions named `.=` and `.+=` (Julia's `(.= x y)`), which lowering broadcasts.
            TokenKind::Op(Op::Assign | Op::CompoundAssign) if self.text(token).starts_with('.') => {
                self.bump();
                let rhs = self.parse_assignment(with_comma);
                self.infix_call(token, vec![lhs, rhs])
            }
            TokenKind::Op(Op::Assign) => {
                if self.text(token) == ":=" {
                    self.error(token.span, "`:=` is not supported by invokelab");
                }
                if is_signature_shape(&lhs) {
                    if let Some(def) = self.reparse_short_function(start_pos, errors_before, with_comma) {
                        return def;
                    }
                }
                self.bump();
                let rhs = self.parse_assignment(with_comma);
                let span = lhs.span.cover(rhs.span);
                Expr::new(ExprKind::Assign { lhs: Box::new(lhs), rhs: Box::new(rhs) }, span)
            }
            TokenKind::Op(Op::CompoundAssign) => {
                self.bump();
                let text = self.text(token);
                let op = Ident { name: text.strip_suffix('=').unwrap_or(text).to_string(), span: token.span };
                let rhs = self.parse_assignment(with_comma);
                let span = lhs.span.cover(rhs.span);
                Expr::new(ExprKind::CompoundAssign { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, span)
            }
            _ => lhs,
        }
    }

    /// `a, b` outside brackets is a tuple (`parse_comma`).
    fn parse_comma(&mut self) -> Expr {
        let first = self.parse_pair();
        if !self.at(TokenKind::Comma) {
            return first;
        }
        let mut elems = vec![first];
        while self.eat(TokenKind::Comma).is_some() {
            // `x, = xs` allows a trailing comma before `=`.
            if self.at(TokenKind::Op(Op::Assign)) {
                break;
            }
            elems.push(self.parse_pair());
        }
        let span = cover_all(&elems);
        Expr::new(ExprKind::Tuple(elems), span)
    }

    /// `a => b`, right associative.
    fn parse_pair(&mut self) -> Expr {
        let lhs = self.parse_cond();
        if !self.at_op(Op::Pair) {
            return lhs;
        }
        let op = self.bump();
        let rhs = self.nested_production(Self::parse_pair);
        self.infix_call(op, vec![lhs, rhs])
    }

    /// `c ? a : b`, which requires blanks around `?` and `:` (`parse_cond`).
    fn parse_cond(&mut self) -> Expr {
        let cond = self.parse_or();
        let question = self.peek();
        if question.kind != TokenKind::Op(Op::Question) {
            return cond;
        }
        if !question.space_before {
            self.error(Span::empty_at(question.span.start), "space required before `?` operator");
        }
        self.bump();
        // A line may end after `?` or `:` (JuliaSyntax's `parse_cond`).
        let at_newline = self.at(TokenKind::Newline);
        self.skip_newlines();
        if !at_newline && !self.peek().space_before {
            self.error(self.here(), "space required after `?` operator");
        }
        let ctx = Context { range_colon: false, ..self.ctx };
        let then_expr = self.with_ctx(ctx, |p| p.parse_eq_star());
        let colon = self.peek();
        if !colon.space_before {
            self.error(self.here(), "space required before `:` in `?` expression");
        }
        if colon.kind == TokenKind::Op(Op::Colon) {
            self.bump();
            let at_newline = self.at(TokenKind::Newline);
            self.skip_newlines();
            if !at_newline && !self.peek().space_before {
                self.error(self.here(), "space required after `:` in `?` expression");
            }
        } else {
            self.error(self.here(), "`:` expected in `?` expression");
        }
        let else_expr = self.parse_eq_star();
        let span = cond.span.cover(else_expr.span);
        Expr::new(
            ExprKind::Ternary {
                cond: Box::new(cond),
                then_expr: Box::new(then_expr),
                else_expr: Box::new(else_expr),
            },
            span,
        )
    }

    fn parse_or(&mut self) -> Expr {
        let lhs = self.parse_and();
        if !self.at_op(Op::Or) {
            return lhs;
        }
        self.bump();
        let rhs = self.nested_production(Self::parse_or);
        let span = lhs.span.cover(rhs.span);
        Expr::new(ExprKind::Or { lhs: Box::new(lhs), rhs: Box::new(rhs) }, span)
    }

    fn parse_and(&mut self) -> Expr {
        let lhs = self.parse_comparison();
        if !self.at_op(Op::And) {
            return lhs;
        }
        self.bump();
        let rhs = self.nested_production(Self::parse_and);
        let span = lhs.span.cover(rhs.span);
        Expr::new(ExprKind::And { lhs: Box::new(lhs), rhs: Box::new(rhs) }, span)
    }

    /// `a < b` is a call; `a < b <= c` is a `Comparison` chain.
    pub(super) fn parse_comparison(&mut self) -> Expr {
        let first = self.parse_pipe_lt();
        let mut operands = vec![first];
        let mut ops = Vec::new();
        while self.at_op(Op::Comparison) {
            ops.push(self.bump());
            operands.push(self.parse_pipe_lt());
        }
        match ops.len() {
            0 => operands.pop().unwrap_or_else(|| Expr::error(self.here())),
            1 => self.infix_call(ops[0], operands),
            _ => {
                let span = cover_all(&operands);
                let ops = ops.iter().map(|&op| self.ident_of(op)).collect();
                Expr::new(ExprKind::Comparison { operands, ops }, span)
            }
        }
    }

    pub(super) fn parse_pipe_lt(&mut self) -> Expr {
        let lhs = self.parse_pipe_gt();
        if !self.at_op(Op::PipeLeft) {
            return lhs;
        }
        let op = self.bump();
        let rhs = self.nested_production(Self::parse_pipe_lt);
        self.infix_call(op, vec![lhs, rhs])
    }

    fn parse_pipe_gt(&mut self) -> Expr {
        let mut lhs = self.parse_range();
        while self.at_op(Op::PipeRight) {
            let op = self.bump();
            let rhs = self.parse_range();
            lhs = self.infix_call(op, vec![lhs, rhs]);
        }
        lhs
    }

    /// `a:b`, `a:s:b` (one call with three arguments), and postfix `...` (`parse_range`).
    pub(super) fn parse_range(&mut self) -> Expr {
        let mut ex = self.parse_expr();
        if self.at_op(Op::DotDot) {
            let op = self.bump();
            self.error(op.span, "the `..` operator is not supported by invokelab");
            let rhs = self.parse_expr();
            ex = self.infix_call(op, vec![ex, rhs]);
        } else if self.at_op(Op::Colon) && self.ctx.range_colon {
            let mut args = vec![ex];
            let mut colon = self.peek();
            while self.at_op(Op::Colon) {
                let token = self.peek();
                if self.ctx.space_sensitive && token.space_before && !self.nth_token(1).space_before {
                    // `@m 1 :a` has two arguments.
                    break;
                }
                if args.len() == 1 {
                    colon = token;
                }
                self.bump();
                let next = self.peek();
                if self.is_closing(next.kind) {
                    self.error(self.here(), "missing last argument in range expression");
                    args.push(Expr::error(self.here()));
                    break;
                }
                if next.kind == TokenKind::Newline {
                    self.error(Span::empty_at(token.span.end), "line break after `:` in range expression");
                    args.push(Expr::error(self.here()));
                    break;
                }
                args.push(self.parse_expr());
                if args.len() == 3 {
                    let call = self.infix_call(colon, std::mem::take(&mut args));
                    args.push(call);
                }
            }
            ex = if args.len() > 1 {
                self.infix_call(colon, args)
            } else {
                args.pop().unwrap_or_else(|| Expr::error(self.here()))
            };
        }
        if self.at_op(Op::Splat) {
            let dots = self.bump();
            let span = ex.span.cover(dots.span);
            ex = Expr::new(ExprKind::Splat(Box::new(ex)), span);
        }
        ex
    }

    /// `+ - | ⊻ ++`; `a + b + c` is one call (`parse_expr`).
    fn parse_expr(&mut self) -> Expr {
        self.parse_with_chains(Op::Plus, "+", Self::parse_term)
    }

    /// `* / ÷ % & \ ∘`; `a * b * c` is one call (`parse_term`).
    fn parse_term(&mut self) -> Expr {
        self.parse_with_chains(Op::Times, "*", Self::parse_rational)
    }

    fn parse_with_chains(&mut self, op: Op, chain: &str, down: fn(&mut Self) -> Expr) -> Expr {
        let mut ex = down(self);
        loop {
            let token = self.peek();
            if token.kind != TokenKind::Op(op) || self.space_separated_unary(token) {
                break;
            }
            self.bump();
            let mut args = vec![ex, down(self)];
            let text = self.text(token);
            if text == chain {
                while self.at_op(op) && self.peek_text() == chain && !self.space_separated_unary(self.peek())
                {
                    self.bump();
                    args.push(down(self));
                }
            }
            ex = self.infix_call(token, args);
        }
        ex
    }

    /// In macro arguments, `@m x -y` passes `-y`: a `+`/`-` with a blank before and none after
    /// starts a new argument.
    fn space_separated_unary(&self, token: Token) -> bool {
        self.ctx.space_sensitive
            && token.space_before
            && matches!(self.text(token), "+" | "-")
            && !self.nth_token(1).space_before
    }

    fn parse_rational(&mut self) -> Expr {
        let mut lhs = self.parse_shift();
        while self.at_op(Op::Rational) {
            let op = self.bump();
            let rhs = self.parse_shift();
            lhs = self.infix_call(op, vec![lhs, rhs]);
        }
        lhs
    }

    fn parse_shift(&mut self) -> Expr {
        let mut lhs = self.parse_unary_subtype();
        while self.at_op(Op::Shift) {
            let op = self.bump();
            let rhs = self.parse_unary_subtype();
            lhs = self.infix_call(op, vec![lhs, rhs]);
        }
        lhs
    }

    /// `<:T` as in `Type{<:Real}` (`parse_unary_subtype`).
    fn parse_unary_subtype(&mut self) -> Expr {
        self.skip_newlines();
        let token = self.peek();
        let is_subtype_op =
            token.kind == TokenKind::Op(Op::Comparison) && matches!(self.text(token), "<:" | ">:");
        if !is_subtype_op {
            return self.parse_where(Self::parse_juxtapose);
        }
        let next = self.nth(1);
        if self.is_closing(next) || next == TokenKind::Newline || next == TokenKind::Op(Op::Assign) {
            self.bump();
            return self.ident_expr(token);
        }
        if matches!(next, TokenKind::LBrace | TokenKind::LParen) {
            return self.parse_where(Self::parse_juxtapose);
        }
        self.bump();
        let operand = self.parse_where(Self::parse_juxtapose);
        self.unary_call(token, operand)
    }

    pub(super) fn parse_where(&mut self, down: fn(&mut Self) -> Expr) -> Expr {
        let ex = down(self);
        if self.ctx.where_enabled && self.at_op(Op::Where) {
            self.parse_where_chain(ex)
        } else {
            ex
        }
    }

    /// `body where T`, `body where {T <: Real, S}`; chained `where`s nest.
    pub(super) fn parse_where_chain(&mut self, mut ex: Expr) -> Expr {
        while self.at_op(Op::Where) {
            self.bump();
            self.skip_newlines();
            let params = self.parse_where_params();
            let span = self.span_from(ex.span.start);
            ex = Expr::new(ExprKind::Where { body: Box::new(ex), params }, span);
        }
        ex
    }

    /// What follows one `where`: `T`, `T <: Real` or `{T, S <: Real}`.
    pub(super) fn parse_where_params(&mut self) -> Vec<TypeParam> {
        let items = if self.at(TokenKind::LBrace) {
            self.bump();
            let list = self.parse_bracket_list(TokenKind::RBrace, "}");
            list.sections.into_iter().flatten().collect()
        } else {
            let ctx = Context { where_enabled: false, ..self.ctx };
            vec![self.with_ctx(ctx, |p| p.parse_comparison())]
        };
        items.iter().filter_map(|item| self.type_param(item)).collect()
    }

    /// `2x`, `2(x + 1)`, `(x - 1)y`: multiplication by juxtaposition (`parse_juxtapose`).
    fn parse_juxtapose(&mut self) -> Expr {
        let first = self.parse_unary();
        let mut factors = vec![first];
        loop {
            let token = self.peek();
            let Some(prev) = factors.last() else { break };
            if !self.is_juxtapose(prev, token) {
                break;
            }
            if matches!(prev.kind, ExprKind::Str { .. }) || matches!(token.kind, TokenKind::String { .. }) {
                self.error(Span::empty_at(token.span.start), "cannot juxtapose string literal");
            }
            factors.push(self.parse_factor());
        }
        if factors.len() == 1 {
            return factors.pop().unwrap_or_else(|| Expr::error(self.here()));
        }
        let span = cover_all(&factors);
        let star_at = factors.first().map_or(span.start, |f| f.span.end);
        let callee = Expr::new(ExprKind::Ident("*".to_string()), Span::empty_at(star_at));
        Expr::new(
            ExprKind::Call {
                callee: Box::new(callee),
                args: factors,
                kwargs: Vec::new(),
                syntax: CallSyntax::Infix,
            },
            span,
        )
    }

    /// Julia's `is_juxtapose`: no blank between, and the pair reads as a product.
    fn is_juxtapose(&self, prev: &Expr, token: Token) -> bool {
        let prev_is_number = is_number_literal(prev);
        let next_is_number = matches!(token.kind, TokenKind::Int | TokenKind::UInt | TokenKind::Float);
        !token.space_before
            && (prev_is_number || (!next_is_number && token.kind != TokenKind::At && !is_block_form(prev)))
            && !(matches!(prev.kind, ExprKind::UInt { .. })
                && matches!(token.kind, TokenKind::Ident | TokenKind::Keyword(_)))
            && !matches!(token.kind, TokenKind::Op(_) | TokenKind::Prime | TokenKind::Newline)
            && !self.is_closing(token.kind)
            && !is_initial_keyword(token.kind)
    }

    /// Prefix operators and signed numeric literals (`parse_unary`).
    fn parse_unary(&mut self) -> Expr {
        self.nested_production(Self::parse_unary_inner)
    }

    fn parse_unary_inner(&mut self) -> Expr {
        self.skip_newlines();
        let token = self.peek();
        if !self.is_initial_operator(token) {
            return self.parse_factor();
        }
        let text = self.text(token);
        if text == "-" || text == "+" {
            let literal = self.nth_token(1);
            if !literal.space_before && matches!(literal.kind, TokenKind::Int | TokenKind::Float) {
                let after = self.nth(2);
                if matches!(after, TokenKind::Op(Op::Power) | TokenKind::LBracket | TokenKind::LBrace) {
                    // `-2^2` is `-(2^2)`: `^` binds tighter than unary minus.
                    self.bump();
                    let operand = self.parse_factor();
                    return self.unary_call(token, operand);
                }
                // `-2` is a literal, as in Julia.
                self.bump();
                let literal = self.bump();
                return self.number_literal(literal, text == "-", token.span.start);
            }
        }
        self.parse_unary_call()
    }

    fn is_initial_operator(&self, token: Token) -> bool {
        match token.kind {
            TokenKind::Op(op) => {
                !matches!(
                    op,
                    Op::Assign
                        | Op::CompoundAssign
                        | Op::Or
                        | Op::And
                        | Op::Dot
                        | Op::Splat
                        | Op::Arrow
                        | Op::DoubleColon
                        | Op::Colon
                        | Op::Question
                        | Op::Where
                ) && !matches!(self.text(token), "in" | "isa")
            }
            _ => false,
        }
    }

    /// `-x`, `!x`, `+(a, b)`, `-(x)^2`, and operators standing alone as values
    /// (`parse_unary_call`).
    fn parse_unary_call(&mut self) -> Expr {
        let op = self.peek();
        let next = self.nth_token(1);
        let text = self.text(op);
        let is_unary = matches!(
            text,
            "+" | "-" | "!" | "~" | "¬" | "√" | "∛" | "<:" | ">:" | ".+" | ".-" | ".!" | ".~" | ".√"
        );
        if self.is_closing(next.kind)
            || next.kind == TokenKind::Newline
            || next.kind == TokenKind::Op(Op::Assign)
        {
            self.bump();
            return self.ident_expr(op);
        }
        if next.kind == TokenKind::LBrace || (!is_unary && next.kind == TokenKind::LParen) {
            return self.parse_factor();
        }
        if next.kind == TokenKind::LParen {
            self.bump();
            let open = self.bump();
            let list = self.parse_bracket_list(TokenKind::RParen, ")");
            let is_call = list.had_commas || list.had_splat || list.initial_semi;
            if is_call {
                if next.space_before {
                    self.error(
                        Span::new(op.span.end, open.span.start),
                        "whitespace not allowed between prefix function call and argument list",
                    );
                }
                let callee = self.ident_expr(op);
                let call = self.finish_call(callee, list, CallSyntax::Prefix);
                let chained = self.parse_call_chain(call);
                return self.parse_factor_with_initial_ex(chained);
            }
            let inner = self.grouping(list, open.span.start);
            let chained = self.parse_call_chain(inner);
            let operand = self.parse_factor_with_initial_ex(chained);
            return self.unary_call(op, operand);
        }
        self.bump();
        if !is_unary {
            self.error(op.span, "not a unary operator");
        }
        let operand = self.parse_unary();
        self.unary_call(op, operand)
    }

    pub(super) fn parse_factor(&mut self) -> Expr {
        let ex = self.parse_call();
        self.parse_factor_with_initial_ex(ex)
    }

    pub(super) fn parse_factor_with_initial_ex(&mut self, ex: Expr) -> Expr {
        let ex = self.parse_decl_with_initial_ex(ex);
        if !self.at_op(Op::Power) {
            return ex;
        }
        let op = self.bump();
        let rhs = self.parse_factor_after();
        self.infix_call(op, vec![ex, rhs])
    }

    /// The right side of `^`: `2^-x`, `2^3^2 == 2^(3^2)`.
    fn parse_factor_after(&mut self) -> Expr {
        let lhs = self.parse_juxtapose();
        if !self.at_op(Op::Power) {
            return lhs;
        }
        let op = self.bump();
        let rhs = self.nested_production(Self::parse_factor_after);
        self.infix_call(op, vec![lhs, rhs])
    }

    /// `x::T` and `x -> body`; `->` binds tightly on the left and loosely on the right.
    pub(super) fn parse_decl_with_initial_ex(&mut self, mut ex: Expr) -> Expr {
        while self.at_op(Op::DoubleColon) {
            self.bump();
            let ty = self.parse_where(Self::parse_call);
            let span = ex.span.cover(ty.span);
            ex = Expr::new(ExprKind::Decl { value: Some(Box::new(ex)), ty: Box::new(ty) }, span);
        }
        if self.at_op(Op::Arrow) {
            self.bump();
            let params = self.lambda_params(&ex);
            let body = self.parse_eq_star();
            let span = ex.span.cover(body.span);
            ex = Expr::new(ExprKind::Lambda { params, body: Box::new(body) }, span);
        }
        ex
    }
}

pub(super) fn cover_all(exprs: &[Expr]) -> Span {
    match (exprs.first(), exprs.last()) {
        (Some(first), Some(last)) => first.span.cover(last.span),
        _ => Span::default(),
    }
}

pub(super) fn is_number_literal(ex: &Expr) -> bool {
    matches!(ex.kind, ExprKind::Int { .. } | ExprKind::UInt { .. } | ExprKind::Float { .. })
}

/// Keyword forms after which `x` does not multiply: `begin ... end x` (`is_block_form`).
fn is_block_form(ex: &Expr) -> bool {
    match &ex.kind {
        ExprKind::Block(_)
        | ExprKind::If { .. }
        | ExprKind::For { .. }
        | ExprKind::While { .. }
        | ExprKind::Let { .. }
        | ExprKind::StructDef(_)
        | ExprKind::AbstractTypeDef(_)
        | ExprKind::Try(_)
        | ExprKind::Return(_)
        | ExprKind::Break
        | ExprKind::Continue
        | ExprKind::VarDecl { .. }
        | ExprKind::Import(_) => true,
        ExprKind::FunctionDef(def) => !def.short_form,
        ExprKind::Decl { value: None, .. } => true,
        _ => false,
    }
}

/// `f(x) = ...`, `f(x)::T = ...`, `f(x) where T = ...`, `Base.:+(a, b) = ...`: an assignment
/// whose left side is a prefix call of a name defines a method.
fn is_signature_shape(lhs: &Expr) -> bool {
    match &lhs.kind {
        ExprKind::Where { body, .. } => is_signature_shape(body),
        ExprKind::Decl { value: Some(value), .. } => is_signature_shape(value),
        ExprKind::Call { callee, syntax: CallSyntax::Prefix, .. } => match &callee.kind {
            // `P{T}(x) where T = ...`: a constructor of `P`'s instances.
            ExprKind::Curly { callee, .. } => matches!(callee.kind, ExprKind::Ident(_)),
            _ => is_name_path(callee),
        },
        _ => false,
    }
}

fn is_name_path(ex: &Expr) -> bool {
    match &ex.kind {
        ExprKind::Ident(_) => true,
        ExprKind::Field { object, .. } => is_name_path(object),
        _ => false,
    }
}
