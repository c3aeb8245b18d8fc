//! Atoms (names, literals, symbols, macro calls) and everything in brackets: parenthesized
//! expressions, tuples, named tuples, `[...]` vectors, argument lists (`parse_atom`,
//! `parse_paren`, `parse_brackets` in JuliaSyntax).

use super::{Context, Parser};
use crate::ast::{CallSyntax, Expr, ExprKind, Ident, Kwarg, MacroCall, Param};
use crate::lexer::{Keyword, Op, TokenKind};
use crate::Span;

/// The items of a bracketed list, split at `;`: `sections[0]` comes before the first `;`.
#[derive(Debug, Default)]
pub(super) struct BracketList {
    pub sections: Vec<Vec<Expr>>,
    pub had_commas: bool,
    /// The first item is a splat `xs...`.
    pub had_splat: bool,
    /// The list starts with `;`, as in `(; a = 1)`.
    pub initial_semi: bool,
    pub num_semis: usize,
    /// An item is a generator (`x^2 for x in v`).
    pub had_generator: bool,
    /// Where the first item separated from the one before it by a blank starts (`[a b]`, a
    /// row of a matrix literal; only inside `[...]` and before any comma).
    pub blank_separated: Option<Span>,
}

impl BracketList {
    fn item_count(&self) -> usize {
        self.sections.iter().map(Vec::len).sum()
    }
}

impl Parser<'_> {
    pub(super) fn parse_atom(&mut self) -> Expr {
        self.skip_newlines();
        let token = self.peek();
        match token.kind {
            TokenKind::Op(Op::Colon) => self.parse_symbol(),
            TokenKind::Op(Op::Assign) if self.text(token) == "=" => {
                self.bump();
                self.error(token.span, "unexpected `=`");
                Expr::error(token.span)
            }
            TokenKind::Ident => {
                self.bump();
                self.ident_expr(token)
            }
            TokenKind::Op(op) => {
                self.bump();
                let syntactic = matches!(
                    op,
                    Op::Assign
                        | Op::CompoundAssign
                        | Op::And
                        | Op::Or
                        | Op::Dot
                        | Op::Splat
                        | Op::Arrow
                        | Op::Question
                        | Op::DoubleColon
                );
                if syntactic {
                    self.error(token.span, "invalid identifier");
                    Expr::error(token.span)
                } else {
                    self.ident_expr(token)
                }
            }
            TokenKind::Keyword(Keyword::True) => {
                self.bump();
                Expr::new(ExprKind::Bool(true), token.span)
            }
            TokenKind::Keyword(Keyword::False) => {
                self.bump();
                Expr::new(ExprKind::Bool(false), token.span)
            }
            TokenKind::Keyword(Keyword::End) if self.ctx.end_symbol => {
                self.bump();
                Expr::new(ExprKind::End, token.span)
            }
            TokenKind::Keyword(_) if self.is_closing(token.kind) => {
                // Left in place so that the enclosing form can close on it.
                self.error(token.span, "invalid identifier");
                Expr::error(token.span)
            }
            TokenKind::Keyword(_) => {
                self.bump();
                self.error(token.span, "invalid identifier");
                Expr::error(token.span)
            }
            TokenKind::LParen => self.parse_paren(),
            TokenKind::LBracket => self.parse_vect(),
            TokenKind::LBrace => {
                self.bump();
                self.parse_bracket_list(TokenKind::RBrace, "}");
                let span = self.span_from(token.span.start);
                self.error(span, "braces `{...}` are only supported after a type name by invokelab");
                Expr::error(span)
            }
            TokenKind::At => self.parse_macro_call(None),
            TokenKind::String { .. } => {
                self.bump();
                self.string_literal(token)
            }
            TokenKind::Char => {
                self.bump();
                self.char_literal(token)
            }
            TokenKind::Int | TokenKind::UInt | TokenKind::Float => {
                self.bump();
                self.number_literal(token, false, token.span.start)
            }
            TokenKind::Eof => {
                self.error(self.here(), "premature end of input");
                Expr::error(self.here())
            }
            kind if self.is_closing(kind) || kind == TokenKind::Newline => {
                let message = format!("unexpected `{}`", self.text(token).trim_end());
                self.error(token.span, message);
                Expr::error(Span::empty_at(token.span.start))
            }
            _ => {
                self.bump();
                self.error(token.span, "invalid syntax atom");
                Expr::error(token.span)
            }
        }
    }

    /// `:name` is a symbol; a lone `:` (as in `a[:]`) is the identifier `:`.
    fn parse_symbol(&mut self) -> Expr {
        let colon = self.bump();
        let next = self.peek();
        let is_keyword = matches!(next.kind, TokenKind::Keyword(_));
        if self.is_closing(next.kind) && (!is_keyword || next.space_before) || next.kind == TokenKind::Newline
        {
            return self.ident_expr(colon);
        }
        if next.space_before {
            self.error(
                Span::new(colon.span.end, next.span.start),
                "whitespace not allowed after `:` used for quoting",
            );
        }
        match next.kind {
            TokenKind::Ident | TokenKind::Keyword(_) | TokenKind::Op(_) => {
                self.bump();
                let span = colon.span.cover(next.span);
                Expr::new(ExprKind::Symbol(self.text(next).to_string()), span)
            }
            TokenKind::LParen => {
                self.parse_paren();
                let span = self.span_from(colon.span.start);
                self.error(span, "quoted expressions `:(...)` are not supported by invokelab yet");
                Expr::error(span)
            }
            _ => {
                self.error(colon.span, "invalid symbol: expected a name after `:`");
                Expr::error(colon.span)
            }
        }
    }

    /// `(x)`, `(a, b)`, `(x,)`, `()`, `(a = 1, b = 2)`, `(; a)`, `(a; b)` (`parse_paren`).
    fn parse_paren(&mut self) -> Expr {
        let open = self.bump();
        let list = self.parse_bracket_list(TokenKind::RParen, ")");
        let span = self.span_from(open.span.start);
        let is_tuple = list.had_commas
            || (list.had_splat && list.num_semis >= 1)
            || (list.initial_semi && (list.num_semis == 1 || list.item_count() > 0));
        if list.item_count() == 0 && list.num_semis == 0 {
            return Expr::new(ExprKind::Tuple(Vec::new()), span);
        }
        if is_tuple {
            return self.tuple_from(list, span);
        }
        self.grouping(list, open.span.start)
    }

    /// Parentheses used for grouping: `(x)` is `x`; `(a; b)` is a block.
    pub(super) fn grouping(&mut self, list: BracketList, start: u32) -> Expr {
        let span = self.span_from(start);
        let mut items: Vec<Expr> = list.sections.into_iter().flatten().collect();
        if list.num_semis == 0 && items.len() == 1 {
            if let Some(item) = items.pop() {
                return item;
            }
        }
        if list.num_semis == 0 && items.is_empty() {
            return Expr::new(ExprKind::Tuple(Vec::new()), span);
        }
        let block_span = super::expr::cover_all(&items);
        let block = crate::ast::Block {
            stmts: items,
            span: if block_span == Span::default() { span } else { block_span },
        };
        Expr::new(ExprKind::Block(block), span)
    }

    fn tuple_from(&mut self, list: BracketList, span: Span) -> Expr {
        let mut sections = list.sections.into_iter();
        let positional = sections.next().unwrap_or_default();
        let named_after_semi: Vec<Expr> = sections.flatten().collect();
        let named_count = positional.iter().filter(|e| is_named_field(e)).count();
        if named_count == 0 && named_after_semi.is_empty() && !list.initial_semi {
            return Expr::new(ExprKind::Tuple(positional), span);
        }
        if named_count != positional.len() {
            self.error(span, "mixing named and positional elements in a tuple is not supported");
        }
        let mut fields = Vec::new();
        for item in positional.into_iter().chain(named_after_semi) {
            if let Some(field) = self.kwarg_from(item, true) {
                fields.push(field);
            }
        }
        Expr::new(ExprKind::NamedTuple(fields), span)
    }

    /// `[1, 2, 3]`, `[]`; and the concatenations, as Julia parses them: `[a b]` is
    /// `hcat(a, b)`, `[a; b]` is `vcat(a, b)`, `[a b; c d]` is `hvcat((2, 2), a, b, c, d)`
    /// (rows after `;`, their items separated by blanks). Rows on separate lines without `;`
    /// are not supported.
    fn parse_vect(&mut self) -> Expr {
        let open = self.bump();
        let list = self.parse_bracket_list(TokenKind::RBracket, "]");
        let span = self.span_from(open.span.start);
        if list.num_semis > 0 || list.blank_separated.is_some() {
            if list.had_commas || list.had_generator {
                self.error(span, "unexpected comma or generator in a concatenation `[a b; c d]`");
                return Expr::error(span);
            }
            let mut rows: Vec<Vec<Expr>> = list.sections;
            // `[a; b;]`: a trailing `;` ends the last row.
            if rows.len() > 1 && rows.last().is_some_and(Vec::is_empty) {
                rows.pop();
            }
            if rows.iter().any(Vec::is_empty) {
                self.error(span, "an empty row in a concatenation `[a b; c d]`");
                return Expr::error(span);
            }
            if rows.len() == 1 {
                let row = rows.pop().unwrap_or_default();
                return base_call("hcat", row, span);
            }
            if rows.iter().all(|row| row.len() == 1) {
                return base_call("vcat", rows.into_iter().flatten().collect(), span);
            }
            let lengths =
                rows.iter().map(|row| Expr::new(ExprKind::Int { value: row.len() as i128 }, span)).collect();
            let mut args = vec![Expr::new(ExprKind::Tuple(lengths), span)];
            args.extend(rows.into_iter().flatten());
            return base_call("hvcat", args, span);
        }
        // `[f(x) for x in v]`: `collect(generator)`.
        if list.had_generator && list.item_count() == 1 {
            let generator = list.sections.into_iter().flatten().next().expect("one item");
            return base_call("collect", vec![generator], span);
        }
        let items = list.sections.into_iter().flatten().collect();
        Expr::new(ExprKind::Vect(items), span)
    }

    /// The items between an opening bracket (already consumed) and `closer`, separated by `,`
    /// and `;`, with newlines as blanks (`parse_brackets`).
    pub(super) fn parse_bracket_list(&mut self, closer: TokenKind, spelling: &str) -> BracketList {
        // Inside `[...]` a blank separates items, as in Julia: `[1 -2]` is not `[1 - 2]`. Like
        // JuliaSyntax's `parse_cat`, only up to the first comma: `[1, 2 -3]` is `[1, -1]`.
        let ctx = Context { space_sensitive: closer == TokenKind::RBracket, ..self.bracket_ctx() };
        self.with_ctx(ctx, |p| {
            let mut list = BracketList { sections: vec![Vec::new()], ..BracketList::default() };
            list.initial_semi = p.at(TokenKind::Semicolon);
            loop {
                let token = p.peek();
                if token.kind == closer {
                    break;
                }
                match token.kind {
                    TokenKind::Semicolon => {
                        p.bump();
                        list.num_semis += 1;
                        list.sections.push(Vec::new());
                    }
                    TokenKind::Comma => {
                        p.bump();
                        list.had_commas = true;
                        p.ctx.space_sensitive = false;
                    }
                    kind if p.is_closing(kind) => break,
                    _ => {
                        let before = p.pos;
                        let item = p.parse_eq_star();
                        let item_end = item.span.end as usize;
                        if list.item_count() == 0 {
                            list.had_splat = matches!(item.kind, ExprKind::Splat(_));
                        }
                        if let Some(section) = list.sections.last_mut() {
                            section.push(item);
                        }
                        let next = p.peek();
                        if next.kind == TokenKind::Comma {
                            p.bump();
                            list.had_commas = true;
                            p.ctx.space_sensitive = false;
                        } else if next.kind == TokenKind::Semicolon || next.kind == closer {
                            continue;
                        } else if next.kind == TokenKind::Keyword(Keyword::For) {
                            let generator = p.parse_generator(take_last_item(&mut list));
                            if let Some(section) = list.sections.last_mut() {
                                section.push(generator);
                            }
                            list.had_generator = true;
                        } else if closer == TokenKind::RBracket
                            && !list.had_commas
                            && !p.is_closing(next.kind)
                            && p.source[item_end..next.span.start as usize].contains('\n')
                        {
                            // A new row (`[1 2\n 3 4]`): a line break separates rows as `;`
                            // does, where no comma has made the brackets a list.
                            list.num_semis += 1;
                            list.sections.push(Vec::new());
                        } else if closer == TokenKind::RBracket
                            && next.space_before
                            && !p.is_closing(next.kind)
                        {
                            if list.had_commas {
                                p.error(next.span, "missing comma or `]` between items");
                                p.skip_to(closer);
                            } else {
                                // The next item of this row (`[a b]`).
                                list.blank_separated.get_or_insert(next.span);
                            }
                        } else if p.pos == before || !p.is_closing(next.kind) {
                            // Junk before the closer: `expect_closing` reports it.
                            break;
                        }
                    }
                }
            }
            p.expect_closing(closer, spelling);
            list
        })
    }

    /// `body for x in xs if c` after its body: a generator, desugared as Julia lowers one
    /// (src/julia-syntax.scm): `Base.Generator(x -> body, xs)`, the iterable filtered by
    /// `Base.Filter(x -> c, xs)`. A variable that destructures (`(i, x) in pairs`) becomes the
    /// closure's one argument, assigned to the names first.
    /// `body for x in a, y in b if c for z in d ...` after the body, as Julia lowers it: one
    /// clause is `Generator(x -> body, Filter(x -> c, a))`; several iterators in one clause
    /// iterate their product (`Base._product(a, b)`, the first fastest: `collect` makes a
    /// matrix), destructured in the closure; a further `for` clause nests, flattened
    /// (`Base._Flatten(Generator(x -> Generator(z -> body, d), a))`).
    fn parse_generator(&mut self, body: Expr) -> Expr {
        let for_token = self.bump();
        let mut clauses = Vec::new();
        loop {
            let mut iterators = Vec::new();
            loop {
                if let Some(iterator) = self.parse_iteration_spec() {
                    iterators.push(iterator);
                }
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
            let cond = self.eat(TokenKind::Keyword(Keyword::If)).map(|_| self.parse_eq_star());
            clauses.push((iterators, cond));
            if self.eat(TokenKind::Keyword(Keyword::For)).is_none() {
                break;
            }
        }
        let span = body.span.cover(Span::new(for_token.span.start, self.last_end()));
        let mut generator = body;
        let depth = clauses.len();
        for (level, (iterators, cond)) in clauses.into_iter().enumerate().rev() {
            if iterators.len() > 2 {
                self.error(
                    span,
                    "comprehensions over more than two iterators are not supported by invokelab yet",
                );
                return Expr::new(ExprKind::Error, span);
            }
            let (var, iterable) = match <[_; 1]>::try_from(iterators) {
                Ok([it]) => (it.var, it.iterable),
                Err(its) => {
                    let vars = its.iter().map(|it| it.var.clone()).collect();
                    let iterables = its.into_iter().map(|it| it.iterable).collect();
                    (Expr::new(ExprKind::Tuple(vars), span), base_call("_product", iterables, span))
                }
            };
            let iterable = match cond {
                Some(cond) => base_call("Filter", vec![generator_closure(&var, cond), iterable], span),
                None => iterable,
            };
            generator = base_call("Generator", vec![generator_closure(&var, generator), iterable], span);
            if level + 1 < depth {
                generator = base_call("_Flatten", vec![generator], span);
            }
        }
        generator
    }

    /// Skips tokens up to `closer` without reporting them (an error has been reported).
    fn skip_to(&mut self, closer: TokenKind) {
        loop {
            let kind = self.peek().kind;
            if kind == closer || kind == TokenKind::Eof || (self.is_closing(kind) && kind != TokenKind::Comma)
            {
                break;
            }
            self.bump();
        }
    }

    /// `f(a, k = 1; j, kws...)`: `k = 1` before `;` is a keyword argument too.
    pub(super) fn finish_call(&mut self, callee: Expr, list: BracketList, syntax: CallSyntax) -> Expr {
        let mut args = Vec::new();
        let mut kwargs = Vec::new();
        let mut sections = list.sections.into_iter();
        for item in sections.next().unwrap_or_default() {
            if matches!(item.kind, ExprKind::Assign { .. }) {
                if let Some(kwarg) = self.kwarg_from(item, false) {
                    kwargs.push(kwarg);
                }
            } else {
                args.push(item);
            }
        }
        for (index, section) in sections.enumerate() {
            if index > 0 {
                let span = super::expr::cover_all(&section);
                self.error(span, "only one `;` is allowed in an argument list");
            }
            for item in section {
                if let Some(kwarg) = self.kwarg_from(item, true) {
                    kwargs.push(kwarg);
                }
            }
        }
        let span = self.span_from(callee.span.start);
        Expr::new(ExprKind::Call { callee: Box::new(callee), args, kwargs, syntax }, span)
    }

    /// A keyword argument or named-tuple field: `k = v`; after `;` also `k` and `kws...`.
    fn kwarg_from(&mut self, item: Expr, after_semicolon: bool) -> Option<Kwarg> {
        let span = item.span;
        match item.kind {
            ExprKind::Assign { lhs, rhs } => match lhs.kind {
                ExprKind::Ident(name) => {
                    Some(Kwarg::Named { name: Ident { name, span: lhs.span }, value: *rhs, span })
                }
                _ => {
                    self.error(lhs.span, "invalid keyword argument name");
                    None
                }
            },
            ExprKind::Ident(ref name) if after_semicolon => {
                let name = Ident { name: name.clone(), span };
                Some(Kwarg::Named { name, value: item, span })
            }
            ExprKind::Field { ref name, .. } if after_semicolon => {
                let name = name.clone();
                Some(Kwarg::Named { name, value: item, span })
            }
            ExprKind::Splat(value) if after_semicolon => Some(Kwarg::Splat { value: *value, span }),
            ExprKind::Error => None,
            _ => {
                self.error(span, "invalid keyword argument: expected `name = value`");
                None
            }
        }
    }

    pub(super) fn finish_index(&mut self, object: Expr, list: BracketList) -> Expr {
        let span = self.span_from(object.span.start);
        // `T[f(x) for x in v]`: `collect(T, generator)`.
        if list.had_generator && list.item_count() == 1 && list.num_semis == 0 {
            let generator = list.sections.into_iter().flatten().next().expect("one item");
            return base_call("collect", vec![object, generator], span);
        }
        if list.num_semis > 0 {
            self.error(span, "`;` inside indexing brackets is not supported by invokelab yet");
        }
        if let Some(blank) = list.blank_separated {
            self.error(blank, "typed matrix literals like `T[a b]` are not supported by invokelab yet");
        }
        let indices = list.sections.into_iter().flatten().collect();
        Expr::new(ExprKind::Index { object: Box::new(object), indices }, span)
    }

    pub(super) fn finish_curly(&mut self, callee: Expr, list: BracketList) -> Expr {
        let span = self.span_from(callee.span.start);
        if list.num_semis > 0 {
            self.error(span, "`;` inside `{}` is not supported");
        }
        let args = list.sections.into_iter().flatten().collect();
        Expr::new(ExprKind::Curly { callee: Box::new(callee), args }, span)
    }

    /// `@name args...`, `@name(args...)`, and `A.B.@name ...` when `prefix` is `A.B`.
    pub(super) fn parse_macro_call(&mut self, prefix: Option<Expr>) -> Expr {
        let at = self.bump();
        let start = prefix.as_ref().map_or(at.span.start, |p| p.span.start);
        let mut path = Vec::new();
        if let Some(prefix) = &prefix {
            if !flatten_path(prefix, &mut path) {
                self.error(prefix.span, "not a valid module reference");
            }
        }
        let name_token = self.peek();
        if name_token.space_before {
            self.error(Span::new(at.span.end, name_token.span.start), "whitespace is not allowed here");
        }
        let mut name = match name_token.kind {
            // `@.`, the macro that dots every call and assignment.
            TokenKind::Ident | TokenKind::Keyword(_) | TokenKind::Op(Op::Dot) => {
                self.bump();
                self.ident_of(name_token)
            }
            _ => {
                self.error(Span::new(at.span.start, name_token.span.end), "invalid macro name");
                if !self.is_closing(name_token.kind) && name_token.kind != TokenKind::Newline {
                    self.bump();
                }
                return Expr::error(self.span_from(start));
            }
        };
        // `@A.foo x` is the macro `foo` of module `A`.
        while prefix.is_none()
            && self.at_op(Op::Dot)
            && !self.peek().space_before
            && self.nth(1) == TokenKind::Ident
        {
            self.bump();
            let next = self.bump();
            path.push(std::mem::replace(&mut name, self.ident_of(next)));
        }
        let mut args = Vec::new();
        let open = self.peek();
        let parenthesized = open.kind == TokenKind::LParen && !open.space_before;
        if parenthesized {
            self.bump();
            let list = self.parse_bracket_list(TokenKind::RParen, ")");
            if list.num_semis > 0 {
                self.error(
                    self.span_from(open.span.start),
                    "`;` in macro arguments is not supported by invokelab",
                );
            }
            args = list.sections.into_iter().flatten().collect();
        } else {
            let ctx = Context { space_sensitive: true, skip_newlines: false, ..self.ctx };
            self.with_ctx(ctx, |p| loop {
                let kind = p.peek().kind;
                if p.is_closing(kind) || kind == TokenKind::Newline {
                    break;
                }
                let before = p.pos;
                args.push(p.parse_eq());
                if p.pos == before {
                    break;
                }
            });
        }
        let span = self.span_from(start);
        Expr::new(ExprKind::MacroCall(Box::new(MacroCall { path, name, args, parenthesized })), span)
    }
}

fn is_named_field(ex: &Expr) -> bool {
    matches!(&ex.kind, ExprKind::Assign { lhs, .. } if matches!(lhs.kind, ExprKind::Ident(_)))
}

/// `A.B.C` as identifiers; false for anything else.
pub(super) fn flatten_path(ex: &Expr, path: &mut Vec<Ident>) -> bool {
    match &ex.kind {
        ExprKind::Ident(name) => {
            path.push(Ident { name: name.clone(), span: ex.span });
            true
        }
        ExprKind::Field { object, name } => {
            let ok = flatten_path(object, path);
            path.push(name.clone());
            ok
        }
        _ => false,
    }
}

/// Takes the last item of the list (the body of the generator that follows it).
fn take_last_item(list: &mut BracketList) -> Expr {
    list.sections.last_mut().and_then(Vec::pop).unwrap_or_else(|| Expr::new(ExprKind::Error, Span::default()))
}

/// `Base.name(args...)`, a call the parser writes for syntax that means one
/// (comprehensions, generators).
fn base_call(name: &str, args: Vec<Expr>, span: Span) -> Expr {
    let base = Expr::new(ExprKind::Ident("Base".into()), span);
    let callee =
        Expr::new(ExprKind::Field { object: Box::new(base), name: Ident { name: name.into(), span } }, span);
    Expr::new(
        ExprKind::Call { callee: Box::new(callee), args, kwargs: vec![], syntax: CallSyntax::Prefix },
        span,
    )
}

/// `var -> body` for a generator's variable; a destructuring variable (`(i, x)`) becomes one
/// argument that the body assigns to its names first.
fn generator_closure(var: &Expr, body: Expr) -> Expr {
    let span = body.span;
    let (param_name, body) = match &var.kind {
        ExprKind::Ident(name) => (name.clone(), body),
        _ => {
            let arg = "#arg".to_string();
            let assign = Expr::new(
                ExprKind::Assign {
                    lhs: Box::new(var.clone()),
                    rhs: Box::new(Expr::new(ExprKind::Ident(arg.clone()), var.span)),
                },
                var.span,
            );
            let block = crate::ast::Block { stmts: vec![assign, body], span };
            (arg, Expr::new(ExprKind::Block(block), span))
        }
    };
    let param = Param {
        name: Some(Ident { name: param_name, span: var.span }),
        ty: None,
        default: None,
        varargs: false,
        span: var.span,
    };
    Expr::new(ExprKind::Lambda { params: vec![param], body: Box::new(body) }, span)
}
