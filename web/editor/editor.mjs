//! The playground page's source editor: a CodeMirror 6 view with Julia highlighting, diagnostics and
//! Ctrl/Cmd+Enter to run, exposed to the Yew page as `window.InvokelabEditor`, in a shadow root of its
//! own (a `div.cm-host` appended to the parent; see `shadowHost`). It does not debounce,
//! compile or convert offsets: the page owns timing, and diagnostics arrive already in UTF-16 offsets.
//!
//! ```js
//! const handle = InvokelabEditor.create(parent, doc, { onChange(doc) {}, onRun() {} });
//! handle.getDoc(); handle.setDoc(text); handle.focus(); handle.destroy();
//! handle.setDiagnostics([{ from, to, severity: "error" | "warning", message }]);
//! handle.setHighlights([{ from, to }]);   // the source of the IR line in focus; [] clears
//! // callbacks.onSelection({ from, to } | null): the whole lines of a non-empty selection
//! ```

import { Annotation, Compartment, EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { HighlightStyle, bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import { julia } from "@plutojl/lang-julia";

// Marks transactions made by `setDoc`, so that the page is not told about text it set itself.
const fromPage = Annotation.define();

// One highlight style whose colours are CSS variables; the light and dark themes below only set the
// variables, so switching the colour scheme reconfigures one small theme instead of two styles.
const juliaHighlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--il-keyword)" },
  { tag: [tags.lineComment, tags.blockComment], color: "var(--il-comment)", fontStyle: "italic" },
  { tag: [tags.string, tags.character, tags.special(tags.string)], color: "var(--il-string)" },
  { tag: [tags.integer, tags.float, tags.bool, tags.atom, tags.escape], color: "var(--il-literal)" },
  { tag: [tags.typeName, tags.definition(tags.typeName)], color: "var(--il-type)" },
  { tag: tags.function(tags.definition(tags.variableName)), color: "var(--il-definition)", fontWeight: "bold" },
  { tag: [tags.macroName, tags.function(tags.definition(tags.macroName))], color: "var(--il-macro)" },
]);

function schemeTheme(dark) {
  const colors = dark
    ? {
        "--il-keyword": "#c792ea", "--il-comment": "#7f848e", "--il-string": "#98c379",
        "--il-literal": "#d19a66", "--il-type": "#56b6c2", "--il-definition": "#61afef", "--il-macro": "#e5c07b",
        background: "#1e2127", color: "#dcdfe4",
      }
    : {
        "--il-keyword": "#7928a1", "--il-comment": "#6a737d", "--il-string": "#22863a",
        "--il-literal": "#b35900", "--il-type": "#005cc5", "--il-definition": "#0b5394", "--il-macro": "#8a6d00",
        background: "#ffffff", color: "#24292e",
      };
  return EditorView.theme(
    {
      "&": colors,
      ".cm-gutters": {
        backgroundColor: dark ? "#1a1d22" : "#f6f8fa",
        color: dark ? "#636d83" : "#8c959f",
        borderRight: dark ? "1px solid #2c313a" : "1px solid #e1e4e8",
      },
      ".cm-activeLine": { backgroundColor: dark ? "#2c313a66" : "#f1f3f566" },
      ".cm-ir-source": {
        backgroundColor: dark ? "#5c4b1a" : "#fff1a8",
        outline: dark ? "1px solid #a68a2c" : "1px solid #e0c040",
      },
      ".cm-activeLineGutter": { backgroundColor: dark ? "#2c313a" : "#e8ebee" },
      "&.cm-focused .cm-cursor": { borderLeftColor: dark ? "#dcdfe4" : "#24292e" },
      "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground":
        { backgroundColor: dark ? "#3e4451" : "#d7e4f2" },
    },
    { dark },
  );
}

// Layout shared by both schemes: the editor fills its parent (which has a fixed height) and scrolls.
const layoutTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px" },
  ".cm-scroller": {
    overflow: "auto",
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace',
  },
});

// The source spans of the IR line the page points at, as marks; replaced whole by `setHighlights`,
// and mapped through edits until then.
const setHighlightsEffect = StateEffect.define();
const highlightField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setHighlightsEffect)) marks = effect.value;
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});
const highlightMark = Decoration.mark({ class: "cm-ir-source", attributes: { "data-ir-source": "true" } });

function highlightSet(length, list) {
  const ranges = [];
  for (const r of list ?? []) {
    const from = Math.min(Math.max(Math.trunc(Number(r.from)) || 0, 0), length);
    const to = Math.min(Math.max(Math.trunc(Number(r.to)) || 0, from), length);
    if (to > from) ranges.push(highlightMark.range(from, to));
  }
  ranges.sort((a, b) => a.from - b.from || a.to - b.to);
  return Decoration.set(ranges);
}

// A non-empty selection as the whole lines it touches; null when nothing is selected.
function selectedLines(state) {
  const range = state.selection.main;
  if (range.empty) return null;
  return { from: state.doc.lineAt(range.from).from, to: state.doc.lineAt(range.to).to };
}

const darkQuery = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
const prefersDark = () => Boolean(darkQuery && darkQuery.matches);

// Diagnostics may have been computed for an older text than the one now shown (the page compiles
// after a debounce), so offsets are clamped rather than trusted.
function clampDiagnostic(length, d) {
  const clamp = (x, lo) => Math.min(Math.max(Math.trunc(Number(x)) || 0, lo), length);
  const from = clamp(d.from, 0);
  const severity = ["error", "warning", "info", "hint"].includes(d.severity) ? d.severity : "error";
  return { from, to: clamp(d.to, from), severity, message: String(d.message ?? "") };
}

// The editor lives in a shadow root of its own, a child of `parent`. CodeMirror's styles (style-mod)
// then go into a constructed style sheet (`adoptedStyleSheets`) instead of a <style> element, which
// the page's Content-Security-Policy (`style-src 'self'`, README "The playground") would block.
function shadowHost(parent) {
  const host = document.createElement("div");
  host.className = "cm-host";
  // Through the CSSOM, which the policy allows (it blocks style attributes in markup only).
  host.style.height = "100%";
  parent.append(host);
  return { host, root: host.attachShadow({ mode: "open" }) };
}

function create(parent, doc, callbacks = {}) {
  const scheme = new Compartment();
  const { host, root } = shadowHost(parent);
  // Mod-Enter must win over the default keymap, which binds it to insertBlankLine.
  const runKeymap = Prec.highest(
    keymap.of([
      {
        key: "Mod-Enter",
        preventDefault: true,
        run() {
          callbacks.onRun?.();
          return true;
        },
      },
    ]),
  );
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc: String(doc ?? ""),
      extensions: [
        runKeymap,
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        julia(),
        syntaxHighlighting(juliaHighlightStyle),
        // Tab indents, as in any code editor; Escape then Tab still moves focus out (CodeMirror's
        // documented escape hatch for keyboard users).
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        layoutTheme,
        scheme.of(schemeTheme(prefersDark())),
        EditorView.contentAttributes.of({ "aria-label": "Julia source" }),
        highlightField,
        EditorView.updateListener.of((update) => {
          if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage))) {
            callbacks.onChange?.(update.state.doc.toString());
          }
          if (update.selectionSet || update.docChanged) {
            const lines = selectedLines(update.state);
            const before = selectedLines(update.startState);
            if (JSON.stringify(lines) !== JSON.stringify(before)) callbacks.onSelection?.(lines);
          }
        }),
      ],
    }),
  });

  const followScheme = () => view.dispatch({ effects: scheme.reconfigure(schemeTheme(prefersDark())) });
  darkQuery?.addEventListener("change", followScheme);

  return {
    getDoc: () => view.state.doc.toString(),
    // Replaces the whole text and clears diagnostics, which described the old text.
    setDoc(text) {
      text = String(text ?? "");
      if (text === view.state.doc.toString()) return;
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        annotations: fromPage.of(true),
        ...setDiagnostics(view.state, []),
      });
    },
    setDiagnostics(list) {
      const length = view.state.doc.length;
      const diagnostics = Array.from(list ?? [], (d) => clampDiagnostic(length, d));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    setHighlights(list) {
      const effects = setHighlightsEffect.of(highlightSet(view.state.doc.length, list));
      view.dispatch({ effects });
      const first = view.state.field(highlightField).iter();
      if (first.value) view.dispatch({ effects: EditorView.scrollIntoView(first.from, { y: "nearest" }) });
    },
    focus: () => view.focus(),
    destroy() {
      darkQuery?.removeEventListener("change", followScheme);
      view.destroy();
      host.remove();
    },
  };
}

window.InvokelabEditor = { create };
