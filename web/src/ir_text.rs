//! One pane of IR that can be read the way Cthulhu reads it: a `<pre>` whose text content is
//! exactly Julia's IR text, one span per line. A line under the pointer or the keyboard cursor
//! (arrows move it over the statements) shows where its statement came from through inlining
//! and its remark, and the editor highlights that source; a call is a link (click, or Enter on
//! it): an `invoke` opens its callee's CodeInstance, a dynamic call lists the methods that may
//! match; Backspace goes back along the trail. Lines whose statements come from the source
//! lines selected in the editor are marked. Remarks show beside their line (CSS `attr()`, so
//! they are not part of the copied text). It holds only the cursor; the trail and the
//! highlights are the page's state.

use std::rc::Rc;

use protocol::{CallLink, CiId, Inspection, IrLine, IrText, SourceFrame, SourceRange};
use yew::prelude::*;

use crate::diff::Mark;

#[derive(Properties, PartialEq)]
pub struct IrTextViewProps {
    pub ir: IrRef,
    /// Per line: marked as changed or not (missing entries are unmarked).
    #[prop_or_default]
    pub marks: Vec<bool>,
    #[prop_or(Mark::Added)]
    pub mark: Mark,
    /// Per line: old lines removed just before it, shown as a gutter tick.
    #[prop_or_default]
    pub removed_before: Vec<usize>,
    pub testid: AttrValue,
    pub label: AttrValue,
    pub nav: IrNav,
}

/// One IR text of an inspection, by reference: cheap to clone and to compare (the inspection by
/// pointer), so pointing at lines, which re-renders the page, copies no IR.
#[derive(Clone)]
pub struct IrRef {
    pub inspection: Rc<Inspection>,
    pub which: Which,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Before,
    After,
    /// The IR after the pass at this index.
    Pass(usize),
}

impl IrRef {
    pub fn get(&self) -> &IrText {
        static EMPTY: IrText = IrText { text: String::new(), lines: Vec::new() };
        match self.which {
            Which::Before => &self.inspection.before,
            Which::After => &self.inspection.after,
            Which::Pass(index) => self.inspection.passes.get(index).map_or(&EMPTY, |p| &p.ir),
        }
    }
}

impl PartialEq for IrRef {
    fn eq(&self, other: &IrRef) -> bool {
        Rc::ptr_eq(&self.inspection, &other.inspection) && self.which == other.which
    }
}

/// What an IR pane needs from the page to link its lines: the editor's selection, the names of
/// CodeInstances, and the actions that descend, go back and highlight source.
#[derive(Clone, PartialEq)]
pub struct IrNav {
    /// The lines selected in the editor.
    pub source_selection: Option<SourceRange>,
    /// The label of each CodeInstance a link may lead to (`state::ci_label`).
    pub ci_name: Callback<CiId, Option<String>>,
    pub on_descend: Callback<CiId>,
    pub on_back: Callback<()>,
    pub on_highlight: Callback<Rc<Vec<SourceRange>>>,
}

/// "`+` at prelude/base.jl:50, inlined into `f` at line 1, inlined into `g` at line 2": the
/// statement's frames, innermost first.
pub fn origin_text(frames: &[SourceFrame]) -> String {
    frames
        .iter()
        .rev()
        .enumerate()
        .map(|(depth, frame)| {
            let place = if frame.span.is_some() {
                format!("line {}", frame.line)
            } else {
                format!("{}:{}", frame.file, frame.line)
            };
            let lead = if depth == 0 { "" } else { "inlined into " };
            format!("{lead}`{}` at {place}", frame.function)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a line's statement comes from the selected source (any of its frames does, so
/// selecting a call site selects what was inlined from it).
fn from_selection(line: &IrLine, selection: Option<SourceRange>) -> bool {
    let Some(selected) = selection else { return false };
    line.frames
        .iter()
        .filter_map(|f| f.span)
        .any(|s| s.from < selected.to && selected.from < s.to.max(s.from + 1))
}

/// The source spans a line highlights: every frame in the user's program.
fn highlights(line: &IrLine) -> Rc<Vec<SourceRange>> {
    Rc::new(line.frames.iter().filter_map(|f| f.span).collect())
}

fn is_statement(line: &IrLine) -> bool {
    !line.frames.is_empty() || line.call.is_some()
}

#[function_component]
pub fn IrTextView(props: &IrTextViewProps) -> Html {
    let cursor = use_state(|| None::<usize>);
    let hovered = use_state(|| None::<usize>);
    // A dynamic call's candidate methods, shown under the text once asked for.
    let candidates = use_state(|| None::<usize>);
    {
        // Another IR: the cursor and the open list described the old one.
        let (cursor, candidates) = (cursor.clone(), candidates.clone());
        use_effect_with(props.ir.clone(), move |_| {
            cursor.set(None);
            candidates.set(None);
        });
    }
    let lines = &props.ir.get().lines;
    let active = (*hovered).or(*cursor);
    let follow = {
        let (on_descend, candidates) = (props.nav.on_descend.clone(), candidates.clone());
        let ir = props.ir.clone();
        Rc::new(move |index: usize| match ir.get().lines.get(index).and_then(|l| l.call.as_ref()) {
            Some(CallLink::CodeInstance(ci)) => on_descend.emit(*ci),
            Some(CallLink::Methods(_)) => candidates.set(Some(index)),
            None => {}
        })
    };
    let onkeydown = {
        let (cursor, ir, on_back, on_highlight) =
            (cursor.clone(), props.ir.clone(), props.nav.on_back.clone(), props.nav.on_highlight.clone());
        let follow = follow.clone();
        Callback::from(move |event: KeyboardEvent| {
            let lines = &ir.get().lines;
            let statements: Vec<usize> = (0..lines.len()).filter(|&i| is_statement(&lines[i])).collect();
            let at = (*cursor).and_then(|c| statements.iter().position(|&s| s == c));
            let moved = match event.key().as_str() {
                "ArrowDown" => Some(at.map_or(0, |p| (p + 1).min(statements.len().saturating_sub(1)))),
                "ArrowUp" => Some(at.map_or(0, |p| p.saturating_sub(1))),
                "Enter" => {
                    if let Some(c) = *cursor {
                        follow(c);
                    }
                    event.prevent_default();
                    None
                }
                "Backspace" => {
                    on_back.emit(());
                    event.prevent_default();
                    None
                }
                _ => None,
            };
            if let Some(position) = moved {
                event.prevent_default();
                if let Some(&line) = statements.get(position) {
                    cursor.set(Some(line));
                    on_highlight.emit(highlights(&lines[line]));
                }
            }
        })
    };
    let onmouseleave = {
        let (hovered, cursor, ir, on_highlight) =
            (hovered.clone(), cursor.clone(), props.ir.clone(), props.nav.on_highlight.clone());
        Callback::from(move |_: MouseEvent| {
            hovered.set(None);
            let back = (*cursor).and_then(|c| ir.get().lines.get(c)).map(highlights).unwrap_or_default();
            on_highlight.emit(back);
        })
    };
    let changed_class = match props.mark {
        Mark::Removed => "removed",
        Mark::Added => "added",
    };
    let rendered = props.ir.get().text.lines().enumerate().map(|(index, text)| {
        let facts = lines.get(index);
        let marked = props.marks.get(index).copied().unwrap_or(false);
        let removed = props.removed_before.get(index).copied().unwrap_or(0);
        let call = facts.and_then(|f| f.call.as_ref());
        let remark = facts.and_then(|f| f.remark.clone());
        let classes = classes!(
            "line",
            marked.then_some(changed_class),
            (removed > 0).then_some("after-removal"),
            call.map(|_| "call"),
            remark.as_ref().map(|_| "has-remark"),
            (active == Some(index)).then_some("active"),
            (*cursor == Some(index)).then_some("cursor"),
            facts.is_some_and(|f| from_selection(f, props.nav.source_selection)).then_some("from-selection"),
        );
        let mut title: Vec<String> = Vec::new();
        if let Some(facts) = facts.filter(|f| !f.frames.is_empty()) {
            title.push(origin_text(&facts.frames));
        }
        if let Some(remark) = &remark {
            title.push(remark.clone());
        }
        if removed > 0 {
            title.push(format!("{removed} line(s) removed before this one"));
        }
        let title = (!title.is_empty()).then(|| title.join("\n"));
        let onmouseenter = {
            let (hovered, on_highlight) = (hovered.clone(), props.nav.on_highlight.clone());
            let highlight = facts.map(highlights).unwrap_or_default();
            Callback::from(move |_: MouseEvent| {
                hovered.set(Some(index));
                on_highlight.emit(highlight.clone());
            })
        };
        let onclick = {
            let (follow, cursor) = (follow.clone(), cursor.clone());
            Callback::from(move |_: MouseEvent| {
                cursor.set(Some(index));
                follow(index);
            })
        };
        html! {
            <>
                <span class={classes} data-line={index.to_string()} data-remark={remark} title={title}
                    onmouseenter={onmouseenter} onclick={onclick}>{ text }</span>
                { "\n" }
            </>
        }
    });
    let origin = active.and_then(|i| lines.get(i)).filter(|l| is_statement(l)).map(|line| {
        let place = if line.frames.is_empty() { String::new() } else { origin_text(&line.frames) };
        let link = match &line.call {
            Some(CallLink::CodeInstance(ci)) => props
                .nav
                .ci_name
                .emit(*ci)
                .map(|name| format!("→ {name} (click or Enter to descend)"))
                .unwrap_or_default(),
            Some(CallLink::Methods(methods)) => {
                format!("→ dynamic call: {} method(s) may match (click or Enter to list them)", methods.len())
            }
            None => String::new(),
        };
        html! {
            <div class="ir-origin" data-testid={format!("{}-origin", props.testid)}>
                if !place.is_empty() { <div class="origin-chain">{ place }</div> }
                if let Some(remark) = &line.remark { <div class="origin-remark">{ remark.clone() }</div> }
                if !link.is_empty() { <div class="origin-link">{ link }</div> }
            </div>
        }
    });
    let listed = (*candidates).and_then(|i| match lines.get(i).and_then(|l| l.call.as_ref()) {
        Some(CallLink::Methods(methods)) => Some(methods.clone()),
        _ => None,
    });
    let list = listed.map(|methods| {
        let close = {
            let candidates = candidates.clone();
            Callback::from(move |_: MouseEvent| candidates.set(None))
        };
        let items = methods.iter().map(|m| {
            let links = m.cis.iter().map(|&ci| {
                let name = props.nav.ci_name.emit(ci).unwrap_or_else(|| format!("CodeInstance {ci}"));
                let on_descend = props.nav.on_descend.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_descend.emit(ci));
                html! { <button class="link" onclick={onclick}>{ name }</button> }
            });
            html! {
                <li>
                    <code>{ m.method.clone() }</code>
                    if m.cis.is_empty() { <span class="muted">{ " (not compiled in this session)" }</span> }
                    { for links }
                </li>
            }
        });
        html! {
            <div class="candidates" data-testid={format!("{}-candidates", props.testid)}>
                <div class="candidates-header">
                    <span>{ if methods.is_empty() { "No method may match this call." } else { "Methods that may match this call:" } }</span>
                    <button class="icon" onclick={close} aria-label="Close the list">{ "×" }</button>
                </div>
                <ul>{ for items }</ul>
            </div>
        }
    });
    html! {
        <div class="ir-text">
            <pre class="code" data-testid={props.testid.clone()} aria-label={props.label.clone()} tabindex="0"
                onkeydown={onkeydown} onmouseleave={onmouseleave}>{ for rendered }</pre>
            { for origin }
            { for list }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(function: &str, file: &str, line: u32, span: Option<(u32, u32)>) -> SourceFrame {
        SourceFrame {
            function: function.into(),
            file: file.into(),
            line,
            span: span.map(|(from, to)| SourceRange { from, to }),
        }
    }

    #[test]
    fn the_origin_reads_from_the_innermost_frame_out() {
        let frames = vec![
            frame("g", "main.jl", 7, Some((60, 64))),
            frame("f", "main.jl", 3, Some((20, 25))),
            frame("+", "prelude/base.jl", 50, None),
        ];
        assert_eq!(
            origin_text(&frames),
            "`+` at prelude/base.jl:50, inlined into `f` at line 3, inlined into `g` at line 7"
        );
        assert_eq!(origin_text(&frames[..1]), "`g` at line 7");
    }

    #[test]
    fn a_selection_marks_what_was_inlined_from_its_lines() {
        let line = IrLine { frames: vec![frame("g", "main.jl", 7, Some((60, 64)))], ..IrLine::default() };
        let range = |from, to| Some(SourceRange { from, to });
        assert!(from_selection(&line, range(55, 70)));
        assert!(!from_selection(&line, range(0, 60)));
        assert!(!from_selection(&line, None));
        assert_eq!(*highlights(&line), vec![SourceRange { from: 60, to: 64 }]);
    }
}
