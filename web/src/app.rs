//! The page: the layout (toolbar; editor left; panes right, like Compiler Explorer), and the glue
//! between the reducer and the outside world: it performs the reducer's effects on the worker
//! bridge, keeps the address bar and the localStorage draft in step with the state (debounced),
//! and opens links pasted into the address bar. Everything the page decides lives in state.rs.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use protocol::{CiId, Inlining};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::cache_table::CacheTable;
use crate::ci_picker::CiPicker;
use crate::diagnostics::Diagnostics;
use crate::editor::Editor;
use crate::examples::{header_inlining, Example, EXAMPLES};
use crate::invalidations::Invalidations;
use crate::ir_panes::IrPanes;
use crate::ir_text::IrNav;
use crate::output::Output;
use crate::pipeline::Pipeline;
use crate::share::{self, ShareState};
use crate::state::{ci_label, Action, Effect, Notice, Pane, State};
use crate::toolbar::Toolbar;
use crate::warntype::Warntype;
use crate::wat::Wat;
use crate::worker::{WorkerBridge, WorkerEvent};

/// How long the address bar and the draft lag behind typing.
const PERSIST_DELAY_MS: u32 = 300;

/// Dispatches actions and performs the effects each one leaves. Dispatch runs the reducer at once,
/// so the effects read right after it are that action's. (No effect hook of the page calls `act`
/// during a render, so acts do not nest.)
#[derive(Clone)]
struct Controller {
    state: UseReducerHandle<State>,
    bridge: WorkerBridge,
    performed: Rc<Cell<u64>>,
}

impl Controller {
    fn act(&self, action: Action) {
        self.state.dispatch(action);
        let (seq, effects) = {
            let current: &State = &self.state;
            (current.effects_seq, current.effects.clone())
        };
        if seq == self.performed.get() {
            return;
        }
        self.performed.set(seq);
        for effect in effects {
            match effect {
                Effect::Send(request) => self.bridge.send(request),
                Effect::RestartWorker => self.bridge.restart(),
            }
        }
    }

    fn callback<T: 'static>(&self, make: impl Fn(T) -> Action + 'static) -> Callback<T> {
        let controller = self.clone();
        Callback::from(move |value: T| controller.act(make(value)))
    }
}

fn default_program() -> ShareState {
    let example = &EXAMPLES[0];
    ShareState {
        source: example.source.to_string(),
        panes: Pane::ALL.to_vec(),
        ci: None,
        trail: vec![],
        inlining: header_inlining(example.source).unwrap_or(Inlining::Heuristic),
    }
}

fn initial_state() -> State {
    let draft = browser::load_draft();
    let started = share::startup(&browser::location_hash(), draft.as_deref(), default_program);
    let frozen = started.rejected_link.is_some();
    State::new(started.state, started.rejected_link.map(Notice::error), frozen)
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let controller = {
        let state = state.clone();
        use_memo((), move |_| Controller { state, bridge: WorkerBridge::default(), performed: Rc::default() })
    };
    // The fragment this page last wrote, so a `hashchange` to it is not taken for a new link.
    let written = use_mut_ref(String::new);

    {
        let controller = controller.clone();
        use_effect_with((), move |_| {
            let on_event = {
                let controller = (*controller).clone();
                Callback::from(move |event: WorkerEvent| match event {
                    WorkerEvent::Response(response) => controller.act(Action::Worker(*response)),
                    WorkerEvent::Crashed(message) => controller.act(Action::WorkerCrashed(message)),
                })
            };
            controller.bridge.start(on_event);
            // The program on screen runs at once (queued until the worker is ready), so a link
            // opens with its output, IR and cache as they were shared.
            controller.act(Action::Run);
            let bridge = controller.bridge.clone();
            move || bridge.terminate()
        });
    }
    {
        let controller = controller.clone();
        let written = written.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                let hash = browser::location_hash();
                if hash.trim_start_matches('#') == written.borrow().as_str() {
                    return;
                }
                match share::decode(&hash) {
                    Ok(Some(shared)) => controller.act(Action::Restore(shared)),
                    Ok(None) => {}
                    Err(error) => controller
                        .act(Action::Notify(Some(Notice::error(format!("{error} Nothing was changed."))))),
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ =
                    window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = window {
                    let _ = window
                        .remove_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    {
        let timer = use_mut_ref(|| None::<Timeout>);
        let written = written.clone();
        let deps = (state.share_state(), state.url_frozen, state.user_changed);
        use_effect_with(deps, move |(shared, frozen, user_changed)| {
            if *frozen {
                return;
            }
            let (shared, user_changed) = (shared.clone(), *user_changed);
            *timer.borrow_mut() = Some(Timeout::new(PERSIST_DELAY_MS, move || {
                if user_changed {
                    browser::save_draft(&share::draft_to_json(&shared));
                }
                // A program too long for a link leaves no fragment: reloading then opens the draft.
                let fragment = share::encode(&shared).unwrap_or_default();
                browser::replace_fragment(&fragment);
                *written.borrow_mut() = fragment;
            }));
        });
    }

    let act = |make: fn(()) -> Action| controller.callback(make);
    let on_change = controller.callback(Action::Edit);
    let on_run = act(|_| Action::Run);
    let on_stop = act(|_| Action::Stop);
    let on_select = controller.callback(Action::SelectCi);
    let on_example = controller.callback(|example: &'static Example| Action::LoadProgram {
        source: example.source.to_string(),
        inlining: header_inlining(example.source),
        example: Some(example.id.to_string()),
    });
    let on_share_written = {
        let written = written.clone();
        Callback::from(move |fragment: String| *written.borrow_mut() = fragment)
    };
    let dismiss = {
        let controller = controller.clone();
        Callback::from(move |_: MouseEvent| controller.act(Action::Notify(None)))
    };

    let inspecting =
        [Pane::Ir, Pane::Warntype, Pane::Pipeline, Pane::Wat].iter().any(|pane| state.pane_open(*pane));
    let panes = state.panes.iter().map(|pane| {
        let close = {
            let pane = *pane;
            controller.callback(move |_: MouseEvent| Action::TogglePane(pane))
        };
        let body = pane_body(&state, *pane, &controller, &on_select);
        html! {
            <section class={classes!("pane", format!("pane-{}", pane.id()))} data-pane={pane.id()} aria-label={pane.title()}>
                <header class="pane-header">
                    <h2>{ pane.title() }</h2>
                    <button class="icon" onclick={close} aria-label={format!("Close the {} pane", pane.title())}>{ "×" }</button>
                </header>
                <div class="pane-body">{ body }</div>
            </section>
        }
    });

    html! {
        <div class="app">
            <Toolbar
                running={state.running()}
                worker={state.worker.clone()}
                inlining={state.inlining}
                panes={state.panes.clone()}
                example={state.example.clone().map(AttrValue::from)}
                share={state.share_state()}
                keeps_session={state.next_run_keeps_session()}
                on_run={on_run.clone()}
                on_stop={on_stop}
                on_inlining={controller.callback(Action::SetInlining)}
                on_toggle_pane={controller.callback(Action::TogglePane)}
                on_example={on_example}
                on_share_written={on_share_written}
            />
            if let Some(notice) = &state.notice {
                <div class={classes!("notice", notice.error.then_some("error"))} data-testid="notice" role="alert">
                    <span>{ notice.text.clone() }</span>
                    <button class="icon" onclick={dismiss} aria-label="Dismiss">{ "×" }</button>
                </div>
            }
            <main class="workspace">
                <section class="source" aria-label="Program">
                    <Editor
                        doc={AttrValue::from(state.source.clone())}
                        doc_version={state.doc_version}
                        diagnostics={state.diagnostics.clone()}
                        on_change={on_change}
                        on_run={on_run}
                        highlights={state.source_highlight.clone()}
                        on_selection={controller.callback(Action::SelectSource)}
                    />
                    <Diagnostics diagnostics={state.diagnostics.clone()} />
                </section>
                <section class="panes" aria-label="Panes">
                    if inspecting {
                        <CiPicker entries={state.picker_entries()} selected={state.selected} on_select={on_select.clone()} />
                    }
                    { for panes }
                    if state.panes.is_empty() {
                        <p class="status-line">{ "All panes are closed: open one from the toolbar." }</p>
                    }
                </section>
            </main>
        </div>
    }
}

/// The trail and the CodeInstance shown, with their labels.
fn trail(state: &State) -> Vec<(CiId, String)> {
    let name = |ci: CiId| state.row(ci).map_or_else(|| format!("CodeInstance {ci}"), ci_label);
    state.trail.iter().copied().chain(state.selected).map(|ci| (ci, name(ci))).collect()
}

/// What the IR panes link through: the editor's selection, CodeInstance labels, and the
/// actions for descending, going back and highlighting source.
fn ir_nav(state: &State, controller: &Controller) -> IrNav {
    let rows = state.cache.clone();
    let back_to = state.trail.len().checked_sub(1);
    IrNav {
        source_selection: state.source_selection,
        ci_name: Callback::from(move |ci: CiId| rows.iter().find(|row| row.ci == ci).map(ci_label)),
        on_descend: controller.callback(Action::Descend),
        on_back: {
            let controller = controller.clone();
            Callback::from(move |_: ()| {
                if let Some(index) = back_to {
                    controller.act(Action::BackTo(index));
                }
            })
        },
        on_highlight: controller.callback(Action::HighlightSource),
    }
}

fn pane_body(state: &State, pane: Pane, controller: &Controller, on_select: &Callback<CiId>) -> Html {
    match pane {
        Pane::Output => {
            html! { <Output run={state.run.clone()} stdout={state.stdout.clone()} worker={state.worker.clone()} /> }
        }
        Pane::Ir => html! {
            <IrPanes inspection={state.inspection.clone()} trail={trail(state)}
                on_back_to={controller.callback(Action::BackTo)} nav={ir_nav(state, controller)} />
        },
        Pane::Pipeline => html! {
            <Pipeline inspection={state.inspection.clone()} selected_pass={state.selected_pass}
                on_select={controller.callback(Action::SelectPass)} nav={ir_nav(state, controller)} />
        },
        Pane::Wat => html! { <Wat inspection={state.inspection.clone()} /> },
        Pane::Warntype => html! { <Warntype inspection={state.inspection.clone()} /> },
        Pane::Cache => html! {
            <CacheTable
                rows={state.cache.clone()}
                selected={state.selected}
                show_base={state.show_base}
                can_drop={state.session_alive && !state.running()}
                on_select={on_select.clone()}
                on_drop={controller.callback(Action::DropNative)}
                on_toggle_base={controller.callback(|_: ()| Action::ToggleShowBase)}
            />
        },
        Pane::Invalidations => html! {
            <Invalidations trees={state.invalidations.clone()} selected={state.selected} on_select={on_select.clone()} />
        },
    }
}
