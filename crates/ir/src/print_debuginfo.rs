//! The line-info annotations of `@code_typed debuginfo=:source`: before a statement whose
//! source position differs from the previous one, the frames it entered (`┌ @ file:line within
//! `f``) and left (`└`), and a `│` rail per open inlined frame before each statement
//! (Compiler/src/ssair/show.jl `DILineInfoPrinter`, with its `collapse` of frames of one
//! function, which `show` of a `CodeInfo` uses). It knows frames only as the printer's caller
//! describes them: it does not read spans or inline frames itself.

use std::rc::Rc;

/// One level of a statement's position: a function and where in it, outermost first in a
/// statement's stack (the method whose code is printed, then each inlined callee).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SourceFrame {
    /// The function's name (`top-level scope` for a thunk): frames of one function collapse.
    pub name: Rc<str>,
    /// Identity of the method, so that two methods of one name at one line differ.
    pub method: u32,
    pub file: Rc<str>,
    /// 0 when unknown (then printed without `:line`).
    pub line: u32,
}

/// The printer's state between statements: the frames printed so far (outermost first) and
/// how many rails are open.
#[derive(Default)]
pub(crate) struct LineInfoPrinter {
    context: Vec<SourceFrame>,
    depth: i64,
}

impl LineInfoPrinter {
    fn indent(&self, s: &str) -> String {
        s.repeat((self.depth.max(1) - 1) as usize)
    }

    /// The annotation lines to print before a statement whose position is `stack` (empty: no
    /// position, nothing changes), each starting with `linestart`, and the rails that go after
    /// the statement's basic-block column.
    pub(crate) fn statement(&mut self, linestart: &str, stack: &[SourceFrame]) -> (Vec<String>, String) {
        let mut lines = Vec::new();
        if !stack.is_empty() {
            self.update(linestart, stack, &mut lines);
        }
        let rails = if self.depth <= 1 { String::new() } else { self.indent("│") };
        (lines, rails)
    }

    /// The lines closing every open frame, after the last statement.
    pub(crate) fn finish(&mut self, linestart: &str) -> Option<String> {
        let pops = self.indent("└");
        self.context.clear();
        self.depth = 0;
        (!pops.is_empty()).then(|| format!("{linestart}{pops}"))
    }

    fn update(&mut self, linestart: &str, stack: &[SourceFrame], lines: &mut Vec<String>) {
        let n = stack.len();
        // The frames already printed that this statement shares.
        let mut nctx = self.context.iter().zip(stack).take_while(|(a, b)| a == b).count();
        let mut update_line_only = false;
        if nctx > 0 {
            // Entering or leaving more frames of the function of the last shared one (a
            // recursion inlined into itself): collapse them onto one line.
            let method = self.context[nctx - 1].name.clone();
            if (nctx < n && stack[nctx].name == method)
                || (nctx < self.context.len() && self.context[nctx].name == method)
            {
                update_line_only = true;
                while nctx > 0 && self.context[nctx - 1].name == method {
                    nctx -= 1;
                }
            }
        }
        // Same function, another line: only the line changes.
        if !update_line_only
            && nctx < self.context.len()
            && nctx < n
            && self.context[nctx].name == stack[nctx].name
        {
            update_line_only = true;
        }
        if nctx < self.context.len() {
            let mut npops = 1;
            for pair in self.context[nctx..].windows(2) {
                if pair[0].name != pair[1].name {
                    npops += 1;
                }
            }
            self.context.truncate(nctx);
            if update_line_only {
                npops -= 1;
            }
            if npops > 0 {
                self.depth -= npops;
                lines.push(format!("{linestart}{}{}", self.indent("│"), "└".repeat(npops as usize)));
            }
        }
        while nctx < n {
            let frame = &stack[nctx];
            nctx += 1;
            let mut line = format!("{linestart}{}", self.indent("│"));
            self.context.push(frame.clone());
            if update_line_only {
                update_line_only = false;
            } else {
                self.depth += 1;
                if nctx != 1 {
                    line.push('┌');
                }
            }
            line.push_str(&format!(" @ {}", frame.file));
            if frame.line != 0 {
                line.push_str(&format!(":{}", frame.line));
            }
            line.push_str(&format!(" within `{}`", frame.name));
            while nctx < n && stack[nctx].name == frame.name {
                let same = &stack[nctx];
                nctx += 1;
                self.context.push(same.clone());
                line.push_str(&format!(" @ {}:{}", same.file, same.line));
            }
            lines.push(line);
        }
    }
}
