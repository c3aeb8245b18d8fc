//! A plain debug dump of a `Body` with every side table (types, call infos, flags, spans) and
//! the raw ids, for tests and `--dump`. Not Julia's format (see `print_code.rs` for that).

use std::fmt::Write;

use crate::{Body, Inst, InstFlags, Operand, Terminator};

/// Every block in layout order with its params, instructions and terminator; each line names
/// the raw ids and the side-table entries of what it defines.
pub fn print_raw(body: &Body) -> String {
    let mut out = String::new();
    let args: Vec<String> = (0..body.nargs())
        .map(|n| {
            let name = body.arg_names[n].as_deref().unwrap_or("_");
            format!("{:?} {name}{}", body.arg(n), type_note(body, body.arg(n)))
        })
        .collect();
    let _ = writeln!(out, "args({}){}", args.join(", "), if body.is_vararg { " vararg" } else { "" });
    if !body.arg_types.is_empty() {
        let _ = writeln!(out, "arg_types {:?}", body.arg_types);
    }
    for (s, data) in body.slots.iter() {
        let _ = writeln!(out, "{s:?} = {:?}", &*data.name);
    }
    for &b in &body.layout {
        let data = &body.blocks[b];
        let params: Vec<String> =
            data.params.iter().map(|&p| format!("{p:?}{}", type_note(body, p))).collect();
        let _ = writeln!(out, "{b:?}({}):", params.join(", "));
        for &i in &data.insts {
            let _ = writeln!(out, "    {}", inst_line(body, i));
        }
        let _ = writeln!(out, "    {}  @{}", term_text(&data.term), span_text(data.term_span));
        if let Some(c) = &data.catch {
            let _ = writeln!(out, "    catch {:?}({})", c.block, operands(&c.args));
        }
    }
    out
}

fn type_note(body: &Body, v: crate::Value) -> String {
    match body.types.get(v) {
        Some(l) => format!(" :: {l:?}"),
        None => String::new(),
    }
}

fn inst_line(body: &Body, i: Inst) -> String {
    let data = &body.insts[i];
    let mut line = match data.result {
        Some(v) => format!("{v:?} = {i:?} "),
        None => format!("{i:?} "),
    };
    line.push_str(&format!("{:?}", data.kind));
    if let Some(v) = data.result {
        line.push_str(&type_note(body, v));
    }
    if let Some(info) = body.infos.get(i) {
        let _ = write!(line, "  info={info:?}");
    }
    if let Some(flags) = body.flags.get(i) {
        line.push_str(&flags_text(flags));
    }
    if let Some(span) = body.spans.get(i) {
        let _ = write!(line, "  @{}", span_text(*span));
    }
    line
}

fn flags_text(flags: &InstFlags) -> String {
    let mut parts = vec![];
    if flags.nothrow {
        parts.push("nothrow".to_string());
    }
    if flags.effect_free {
        parts.push("effect_free".to_string());
    }
    if let Some(inline) = flags.inline {
        parts.push(if inline { "inline" } else { "noinline" }.to_string());
    }
    format!("  flags=[{}]", parts.join(","))
}

fn span_text(span: crate::Span) -> String {
    format!("{}:{}..{}", span.file, span.start, span.end)
}

fn operands(ops: &[Operand]) -> String {
    ops.iter().map(|o| format!("{o:?}")).collect::<Vec<_>>().join(", ")
}

fn term_text(term: &Terminator) -> String {
    match term {
        Terminator::Jump(t) => format!("jump {:?}({})", t.block, operands(&t.args)),
        Terminator::Branch { cond, then_dest, else_dest } => format!(
            "branch {cond:?} then {:?}({}) else {:?}({})",
            then_dest.block,
            operands(&then_dest.args),
            else_dest.block,
            operands(&else_dest.args)
        ),
        Terminator::Return(op) => format!("return {op:?}"),
        Terminator::Unreachable => "unreachable".to_string(),
    }
}
