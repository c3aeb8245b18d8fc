//! The tightest-binding forms: keyword forms and atoms with their postfix chain of calls,
//! indexing, field accesses and curly braces (`parse_call`, `parse_call_chain` in JuliaSyntax),
//! and small node builders shared by the other parser files.

use super::expr::{cover_all, is_number_literal};
use super::{is_initial_keyword, Context, Parser};
use crate::ast::{CallSyntax, Expr, ExprKind, Ident};
use crate::lexer::{Keyword, Op, Token, TokenKind};
use crate::Span;

impl Parser<'_> {
    /// Keyword forms, or an atom with its calls, indexing and field accesses (`parse_call`).
    pub(super) fn parse_call(&mut self) -> Expr {
        if self.at_keyword_form() {
            return self.parse_resword();
        }
        let ex = self.parse_unary_prefix();
        if matches!(ex.kind, ExprKind::MacroCall(_)) {
            return ex;
        }
        self.parse_call_chain(ex)
    }

    fn at_keyword_form(&self) -> bool {
        let token = self.peek();
        if is_initial_keyword(token.kind) {
            return true;
        }
        if token.kind != TokenKind::Ident {
            return false;
        }
        let next = self.nth_token(1);
        match self.text(token) {
            "mutable" => next.kind == TokenKind::Keyword(Keyword::Struct),
            "abstract" | "primitive" => next.kind == TokenKind::Ident && self.text(next) == "type",
            _ => false,
        }
    }

    /// `::T` with no value, or an atom.
    fn parse_unary_prefix(&mut self) -> Expr {
        let token = self.peek();
        match token.kind {
            TokenKind::Op(Op::DoubleColon) => {
                self.bump();
                let ty = self.nested_production(|p| p.parse_where(Self::parse_call));
                let span = token.span.cover(ty.span);
                Expr::new(ExprKind::Decl { value: None, ty: Box::new(ty) }, span)
            }
            TokenKind::Dollar => {
                self.bump();
                self.error(token.span, "`$` interpolation is only supported inside strings by invokelab");
                let operand = self.nested_production(Self::parse_unary_prefix);
                Expr::error(token.span.cover(operand.span))
            }
            _ => self.parse_atom(),
        }
    }

    /// Postfix forms, leftmost binding tightest: `f(x)[1].y{T}` (`parse_call_chain`).
    pub(super) fn parse_call_chain(&mut self, mut ex: Expr) -> Expr {
        if is_number_literal(&ex) && self.at(TokenKind::LParen) {
            // `2(x)` is `2 * x`, handled by juxtaposition.
            return ex;
        }
        loop {
            let token = self.peek();
            if self.ctx.space_sensitive
                && token.space_before
                && matches!(
                    token.kind,
                    TokenKind::LParen
                        | TokenKind::LBracket
                        | TokenKind::LBrace
                        | TokenKind::String { .. }
                        | TokenKind::Char
                )
            {
                break;
            }
            match token.kind {
                TokenKind::LParen => {
                    self.disallow_space(token);
                    self.bump();
                    let list = self.parse_bracket_list(TokenKind::RParen, ")");
                    ex = self.finish_call(ex, list, CallSyntax::Prefix);
                    if self.at_keyword(Keyword::Do) {
                        ex = self.parse_do(ex);
                    }
                }
                TokenKind::LBracket => {
                    self.disallow_space(token);
                    self.bump();
                    let ctx = Context { end_symbol: true, ..self.ctx };
                    let list = self.with_ctx(ctx, |p| p.parse_bracket_list(TokenKind::RBracket, "]"));
                    ex = self.finish_index(ex, list);
                }
                TokenKind::LBrace => {
                    self.disallow_space(token);
                    self.bump();
                    let list = self.parse_bracket_list(TokenKind::RBrace, "}");
                    ex = self.finish_curly(ex, list);
                }
                TokenKind::Op(Op::Dot) => {
                    self.disallow_space(token);
                    self.bump();
                    match self.parse_dot_suffix(ex) {
                        Ok(next) => ex = next,
                        Err(done) => return done,
                    }
                }
                TokenKind::Prime => {
                    self.bump();
                    self.error(token.span, "the adjoint operator `'` is not supported by invokelab yet");
                }
                TokenKind::String { .. } if !token.space_before && matches!(ex.kind, ExprKind::Ident(_)) => {
                    self.bump();
                    self.error(
                        ex.span.cover(token.span),
                        "string macros like `r\"...\"` are not supported by invokelab yet",
                    );
                    ex = Expr::error(ex.span.cover(token.span));
                }
                _ => break,
            }
        }
        ex
    }

    /// What follows `a.`: a field name, `:+`, `@macro`, or a broadcast call. `Err` carries a
    /// finished expression (a macro call) that ends the chain.
    fn parse_dot_suffix(&mut self, ex: Expr) -> Result<Expr, Expr> {
        let token = self.peek();
        match token.kind {
            TokenKind::LParen => {
                self.bump();
                let list = self.parse_bracket_list(TokenKind::RParen, ")");
                Ok(self.finish_call(ex, list, CallSyntax::Dot))
            }
            TokenKind::Op(Op::Colon) => {
                self.bump();
                let name = self.peek();
                if name.space_before {
                    self.error(Span::new(token.span.end, name.span.start), "whitespace is not allowed here");
                }
                match name.kind {
                    TokenKind::Ident | TokenKind::Op(_) | TokenKind::Keyword(_) => {
                        self.bump();
                        let name = self.ident_of(name);
                        let span = ex.span.cover(name.span);
                        Ok(Expr::new(ExprKind::Field { object: Box::new(ex), name }, span))
                    }
                    _ => {
                        self.error(self.here(), "invalid syntax atom");
                        Ok(Expr::error(ex.span.cover(token.span)))
                    }
                }
            }
            TokenKind::At => Err(self.parse_macro_call(Some(ex))),
            TokenKind::Ident | TokenKind::Keyword(_) => {
                self.bump();
                let name = self.ident_of(token);
                let span = ex.span.cover(name.span);
                Ok(Expr::new(ExprKind::Field { object: Box::new(ex), name }, span))
            }
            _ => {
                self.error(self.here(), "invalid syntax after `.`: expected a field name");
                Ok(Expr::error(ex.span))
            }
        }
    }

    /// `f (x)`: Julia reports the blank (`bump_disallowed_space`).
    fn disallow_space(&mut self, token: Token) {
        if token.space_before {
            self.error(Span::new(self.last_end(), token.span.start), "whitespace is not allowed here");
        }
    }

    /// `f(x) do y ... end` is parsed and rejected.
    /// `f(args) do x, y ... end`: the call with an anonymous function of the block prepended
    /// to its arguments (`f(x -> ..., args)`).
    fn parse_do(&mut self, call: Expr) -> Expr {
        let token = self.bump();
        let (params, body) = self.with_ctx(self.normal_ctx(), |p| {
            let mut params = Vec::new();
            if !p.at(TokenKind::Newline) && !p.at(TokenKind::Semicolon) {
                loop {
                    let param = p.parse_range();
                    params.extend(p.param_from(param, false));
                    if p.eat(TokenKind::Comma).is_none() {
                        break;
                    }
                }
            }
            let body = p.parse_block();
            p.expect_closing(TokenKind::Keyword(Keyword::End), "end");
            (params, body)
        });
        let span = self.span_from(call.span.start);
        let lambda_span = token.span.cover(span);
        let block = Expr::new(ExprKind::Block(body), lambda_span);
        let lambda = Expr::new(ExprKind::Lambda { params, body: Box::new(block) }, lambda_span);
        match call.kind {
            ExprKind::Call { callee, mut args, kwargs, syntax } => {
                args.insert(0, lambda);
                Expr::new(ExprKind::Call { callee, args, kwargs, syntax }, span)
            }
            _ => {
                self.error(token.span, "invalid `do` syntax");
                Expr::error(span)
            }
        }
    }

    // ---- small builders -----------------------------------------------------------------

    pub(super) fn ident_of(&self, token: Token) -> Ident {
        Ident { name: self.text(token).to_string(), span: token.span }
    }

    pub(super) fn ident_expr(&self, token: Token) -> Expr {
        Expr::new(ExprKind::Ident(self.text(token).to_string()), token.span)
    }

    pub(super) fn infix_call(&self, op: Token, args: Vec<Expr>) -> Expr {
        let span = cover_all(&args).cover(op.span);
        let callee = self.ident_expr(op);
        Expr::new(
            ExprKind::Call { callee: Box::new(callee), args, kwargs: Vec::new(), syntax: CallSyntax::Infix },
            span,
        )
    }

    pub(super) fn unary_call(&self, op: Token, operand: Expr) -> Expr {
        let span = op.span.cover(operand.span);
        let callee = self.ident_expr(op);
        Expr::new(
            ExprKind::Call {
                callee: Box::new(callee),
                args: vec![operand],
                kwargs: Vec::new(),
                syntax: CallSyntax::Unary,
            },
            span,
        )
    }
}
