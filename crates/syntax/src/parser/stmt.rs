//! Keyword forms (`parse_resword`): blocks, control flow, `let`, `global`/`local`/`const`,
//! `using`/`import`, `try`, and the forms the subset rejects (`module`, `quote`, `export`,
//! `primitive type`), which are parsed for recovery and reported.

use super::Parser;
use crate::ast::{
    Expr, ExprKind, ForIterator, Ident, IfBranch, Import, ImportKind, ModulePath, Try, VarDeclKind,
};
use crate::lexer::{Keyword, Op, TokenKind};
use crate::Span;

const END: TokenKind = TokenKind::Keyword(Keyword::End);

impl Parser<'_> {
    pub(super) fn parse_resword(&mut self) -> Expr {
        let ctx = self.normal_ctx();
        self.with_ctx(ctx, |p| p.parse_resword_inner())
    }

    fn parse_resword_inner(&mut self) -> Expr {
        let token = self.peek();
        let start = token.span.start;
        let TokenKind::Keyword(keyword) = token.kind else {
            return match self.text(token) {
                "mutable" => self.parse_struct(),
                "abstract" => self.parse_abstract_type(),
                _ => self.parse_primitive_type(),
            };
        };
        match keyword {
            Keyword::Begin => {
                self.bump();
                let block = self.parse_block();
                self.expect_closing(END, "end");
                Expr::new(ExprKind::Block(block), self.span_from(start))
            }
            Keyword::Quote => self.reject_block("`quote` blocks are not supported by invokelab yet"),
            Keyword::While => {
                self.bump();
                let cond = self.parse_condition("while");
                let body = self.parse_block();
                self.expect_closing(END, "end");
                Expr::new(ExprKind::While { cond: Box::new(cond), body }, self.span_from(start))
            }
            Keyword::For => self.parse_for(),
            Keyword::Let => self.parse_let(),
            Keyword::If => self.parse_if(),
            Keyword::Const | Keyword::Global | Keyword::Local => self.parse_var_decl(),
            Keyword::Function | Keyword::Macro => self.parse_function(),
            Keyword::Struct => self.parse_struct(),
            Keyword::Try => self.parse_try(),
            Keyword::Return => {
                self.bump();
                let kind = self.peek().kind;
                let value = if kind == TokenKind::Newline || self.is_closing(kind) {
                    None
                } else {
                    Some(Box::new(self.parse_eq()))
                };
                Expr::new(ExprKind::Return(value), self.span_from(start))
            }
            Keyword::Break | Keyword::Continue => {
                self.bump();
                let kind = self.peek().kind;
                let ok = matches!(
                    kind,
                    TokenKind::Newline
                        | TokenKind::Semicolon
                        | TokenKind::RParen
                        | TokenKind::Op(Op::Colon)
                        | TokenKind::Eof
                ) || self.is_closing(kind);
                if !ok {
                    self.skip_to_closer_or_newline(&format!("unexpected token after {}", self.text(token)));
                }
                let kind = if keyword == Keyword::Break { ExprKind::Break } else { ExprKind::Continue };
                Expr::new(kind, token.span)
            }
            Keyword::Module | Keyword::Baremodule => {
                self.reject_block("`module` is not supported by invokelab yet: put definitions at top level")
            }
            Keyword::Export => {
                self.bump();
                self.skip_to_closer_or_newline("");
                let span = self.span_from(start);
                self.error(span, "`export` is not supported by invokelab yet");
                Expr::error(span)
            }
            Keyword::Using | Keyword::Import => self.parse_import(),
            Keyword::Do => {
                self.bump();
                self.error(token.span, "invalid `do` syntax");
                Expr::error(token.span)
            }
            _ => self.parse_atom(),
        }
    }

    /// Skips to the end of the line or a closing token, reporting `message` if not empty.
    fn skip_to_closer_or_newline(&mut self, message: &str) {
        let start = self.peek().span.start;
        let mut end = start;
        while !self.at_closing_or_newline() {
            end = self.bump().span.end;
        }
        if !message.is_empty() && end > start {
            self.error(Span::new(start, end), message);
        }
    }

    /// A keyword form outside the subset: parsed as `keyword [header] block end` and reported.
    fn reject_block(&mut self, message: &str) -> Expr {
        let start = self.bump().span.start;
        if !self.at(TokenKind::Newline) && !self.at(TokenKind::Semicolon) {
            self.parse_unary_prefix_for_header();
        }
        self.parse_block();
        self.expect_closing(END, "end");
        let span = self.span_from(start);
        self.error(span, message);
        Expr::error(span)
    }

    fn parse_unary_prefix_for_header(&mut self) {
        if !self.at_closing_or_newline() {
            self.parse_atom();
        }
    }

    fn parse_primitive_type(&mut self) -> Expr {
        let start = self.peek().span.start;
        self.bump();
        self.bump();
        self.skip_to_closer_or_newline("");
        self.parse_block();
        self.expect_closing(END, "end");
        let span = self.span_from(start);
        self.error(span, "`primitive type` is not supported by invokelab");
        Expr::error(span)
    }

    /// The condition after `if`, `elseif` or `while`.
    fn parse_condition(&mut self, keyword: &str) -> Expr {
        if self.at_closing_or_newline() {
            self.error(self.here(), format!("missing condition in `{keyword}`"));
            return Expr::error(self.here());
        }
        self.parse_eq_star()
    }

    /// `if c ... elseif d ... else ... end`
    fn parse_if(&mut self) -> Expr {
        let start = self.bump().span.start;
        let mut branches = Vec::new();
        let mut else_body = None;
        let cond = self.parse_condition("if");
        let body = self.parse_block();
        let span = cond.span.cover(body.span);
        branches.push(IfBranch { cond, body, span });
        loop {
            self.skip_newlines();
            if self.at_keyword(Keyword::Elseif) {
                self.bump();
                let cond = self.parse_condition("elseif");
                let body = self.parse_block();
                let span = cond.span.cover(body.span);
                branches.push(IfBranch { cond, body, span });
            } else if self.at_keyword(Keyword::Else) {
                self.bump();
                else_body = Some(self.parse_block());
                break;
            } else {
                break;
            }
        }
        self.expect_closing(END, "end");
        Expr::new(ExprKind::If { branches, else_body }, self.span_from(start))
    }

    /// `for i in 1:n, j = 1:m ... end`
    fn parse_for(&mut self) -> Expr {
        let start = self.bump().span.start;
        let mut iterators = Vec::new();
        loop {
            if let Some(iterator) = self.parse_iteration_spec() {
                iterators.push(iterator);
            }
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        let body = self.parse_block();
        self.expect_closing(END, "end");
        Expr::new(ExprKind::For { iterators, body }, self.span_from(start))
    }

    /// `i in xs`, `i ∈ xs`, `i = xs`, `(a, b) in xs` (`parse_iteration_spec`).
    pub(super) fn parse_iteration_spec(&mut self) -> Option<ForIterator> {
        let ctx = super::Context { space_sensitive: true, skip_newlines: false, ..self.ctx };
        let var = self.with_ctx(ctx, |p| p.parse_pipe_lt());
        let token = self.peek();
        let is_in = match token.kind {
            TokenKind::Op(Op::Assign) => self.text(token) == "=",
            TokenKind::Op(Op::Comparison) => matches!(self.text(token), "in" | "∈"),
            _ => false,
        };
        if !is_in {
            let start = token.span.start;
            let mut end = start;
            while !self.at_closing_or_newline() {
                end = self.bump().span.end;
            }
            self.error(Span::new(start, end), "invalid iteration spec: expected one of `=` `in` or `∈`");
            return None;
        }
        self.bump();
        let iterable = self.parse_pipe_lt();
        let span = var.span.cover(iterable.span);
        Some(ForIterator { var, iterable, span })
    }

    /// `let x = 1, y; body end`
    fn parse_let(&mut self) -> Expr {
        let start = self.bump().span.start;
        let mut bindings = Vec::new();
        if !self.at(TokenKind::Newline) && !self.at(TokenKind::Semicolon) && !self.at(END) {
            loop {
                bindings.push(self.parse_eq_star());
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
        }
        if self.at(TokenKind::Newline) || self.at(TokenKind::Semicolon) {
            self.bump();
        } else if !self.at(END) {
            self.skip_to_closer_or_newline("let variables should end in `;` or newline");
        }
        let body = self.parse_block();
        self.expect_closing(END, "end");
        Expr::new(ExprKind::Let { bindings, body }, self.span_from(start))
    }

    /// `global x`, `global x, y`, `local x::Int = 1`, `const X = 1`, `const global X = 1`.
    fn parse_var_decl(&mut self) -> Expr {
        let token = self.bump();
        let kind = match token.kind {
            TokenKind::Keyword(Keyword::Const) => VarDeclKind::Const,
            TokenKind::Keyword(Keyword::Global) => VarDeclKind::Global,
            _ => VarDeclKind::Local,
        };
        let target = if kind == VarDeclKind::Const
            && (self.at_keyword(Keyword::Global) || self.at_keyword(Keyword::Local))
        {
            self.parse_var_decl()
        } else {
            self.parse_eq()
        };
        if kind == VarDeclKind::Const
            && !matches!(target.kind, ExprKind::Assign { .. } | ExprKind::VarDecl { .. } | ExprKind::Error)
        {
            self.error(target.span, "expected assignment after `const`");
        }
        let targets = match target.kind {
            ExprKind::Tuple(elems) => elems,
            _ => vec![target],
        };
        Expr::new(ExprKind::VarDecl { kind, targets }, self.span_from(token.span.start))
    }

    /// `try ... catch e ... finally ... end`
    fn parse_try(&mut self) -> Expr {
        let start = self.bump().span.start;
        let body = self.parse_block();
        let mut catch_var = None;
        let mut catch_body = None;
        let mut finally_body = None;
        self.skip_newlines();
        if self.at_keyword(Keyword::Catch) {
            self.bump();
            if !self.at_closing_or_newline() {
                let token = self.peek();
                if token.kind == TokenKind::Ident {
                    self.bump();
                    catch_var = Some(self.ident_of(token));
                } else {
                    self.error(token.span, "Expected identifier");
                }
            }
            catch_body = Some(self.parse_block());
        }
        self.skip_newlines();
        if self.at_keyword(Keyword::Else) {
            let token = self.bump();
            self.error(token.span, "`else` in `try` is not supported by invokelab");
            self.parse_block();
        }
        self.skip_newlines();
        if self.at_keyword(Keyword::Finally) {
            self.bump();
            finally_body = Some(self.parse_block());
        }
        if catch_body.is_none() && finally_body.is_none() {
            self.error(self.here(), "try without catch or finally");
        }
        self.expect_closing(END, "end");
        let node = Try { body, catch_var, catch_body, finally_body };
        Expr::new(ExprKind::Try(Box::new(node)), self.span_from(start))
    }

    /// `using X`, `using X.Y, Z`, `using X: a, b`, `import X`, `using ..X`.
    fn parse_import(&mut self) -> Expr {
        let token = self.bump();
        let kind = if token.kind == TokenKind::Keyword(Keyword::Using) {
            ImportKind::Using
        } else {
            ImportKind::Import
        };
        let mut paths = vec![self.parse_module_path()];
        let mut names = Vec::new();
        let colon = self.peek();
        if colon.kind == TokenKind::Op(Op::Colon) && !colon.space_before {
            self.bump();
            loop {
                self.skip_newlines();
                let name = self.peek();
                if name.kind == TokenKind::At && self.nth(1) == TokenKind::Ident {
                    // `using Base.Experimental: @overlay` imports a macro, named with its `@`.
                    self.bump();
                    let ident = self.bump();
                    let text = format!("@{}", self.text(ident));
                    names.push(Ident { name: text, span: name.span.cover(ident.span) });
                } else if matches!(name.kind, TokenKind::Ident | TokenKind::Op(_))
                    && name.kind != TokenKind::Op(Op::Dot)
                {
                    self.bump();
                    names.push(self.ident_of(name));
                } else {
                    self.error(self.here(), "Expected identifier");
                    break;
                }
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
        } else {
            while self.eat(TokenKind::Comma).is_some() {
                self.skip_newlines();
                paths.push(self.parse_module_path());
            }
        }
        if self.peek().kind == TokenKind::Ident && self.peek_text() == "as" {
            self.skip_to_closer_or_newline("`as` in imports is not supported by invokelab yet");
        }
        let node = Import { kind, paths, names };
        Expr::new(ExprKind::Import(Box::new(node)), self.span_from(token.span.start))
    }

    fn parse_module_path(&mut self) -> ModulePath {
        let start = self.peek().span.start;
        let mut dots = 0;
        loop {
            match self.peek().kind {
                TokenKind::Op(Op::Dot) => dots += 1,
                TokenKind::Op(Op::DotDot) => dots += 2,
                TokenKind::Op(Op::Splat) => dots += 3,
                _ => break,
            }
            self.bump();
        }
        let mut segments = Vec::new();
        loop {
            let token = self.peek();
            if token.kind == TokenKind::Ident {
                self.bump();
                segments.push(self.ident_of(token));
            } else {
                self.error(self.here(), "Expected identifier");
                break;
            }
            if self.at_op(Op::Dot) && !self.peek().space_before {
                self.bump();
            } else {
                break;
            }
        }
        ModulePath { dots, segments, span: self.span_from(start) }
    }
}
