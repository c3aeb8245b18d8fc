//! The page's state and its reducer (`Action` in, new `State` out). It deliberately touches no
//! DOM, worker or timer: what must happen outside (a request to post, a worker to restart) is left
//! in `State::effects` for app.rs to perform, so every transition is testable natively.
//!
//! Requests and responses pair up in order: the worker answers each request with exactly one
//! response (`Ran`/`Inspected`/`Cache` or `Failed`), so `in_flight` is a FIFO of what was asked.
//! `Output` messages answer nothing: they are the running program's output, streamed before its
//! `Ran`, and are appended to `State::stdout` (README, "The playground").

use std::collections::VecDeque;
use std::rc::Rc;

use protocol::{
    keep_tail, CacheRow, CiId, Diagnostic, Inlining, Inspection, InvalidationTree, OutputChunk, Request,
    Response, RunReport, Settings, SourceRange, OUTPUT_CAP,
};
use yew::Reducible;

use crate::share::ShareState;

/// The panes right of the editor, in the order they are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pane {
    Output,
    Ir,
    Warntype,
    Pipeline,
    Wat,
    Cache,
    Invalidations,
}

impl Pane {
    pub const ALL: [Pane; 7] =
        [Pane::Output, Pane::Ir, Pane::Warntype, Pane::Pipeline, Pane::Wat, Pane::Cache, Pane::Invalidations];

    /// The name used in share links and `data-pane` attributes.
    pub fn id(self) -> &'static str {
        match self {
            Pane::Output => "output",
            Pane::Ir => "ir",
            Pane::Warntype => "warntype",
            Pane::Pipeline => "pipeline",
            Pane::Wat => "wat",
            Pane::Cache => "cache",
            Pane::Invalidations => "invalidations",
        }
    }

    pub fn from_id(id: &str) -> Option<Pane> {
        Pane::ALL.into_iter().find(|pane| pane.id() == id)
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Output => "Output",
            Pane::Ir => "IR",
            Pane::Warntype => "Warntype",
            Pane::Pipeline => "Pipeline",
            Pane::Wat => "Wat",
            Pane::Cache => "Cache",
            Pane::Invalidations => "Invalidations",
        }
    }
}

pub fn inlining_id(inlining: Inlining) -> &'static str {
    match inlining {
        Inlining::Heuristic => "heuristic",
        Inlining::Always => "always",
        Inlining::Never => "never",
    }
}

pub fn inlining_from_id(id: &str) -> Option<Inlining> {
    match id {
        "heuristic" => Some(Inlining::Heuristic),
        "always" => Some(Inlining::Always),
        "never" => Some(Inlining::Never),
        _ => None,
    }
}

/// How a CodeInstance is named in the picker and in share links: its MethodInstance, and its
/// owner unless that is the native compiler (`nothing`).
pub fn ci_label(row: &CacheRow) -> String {
    if row.owner == "nothing" {
        row.method_instance.clone()
    } else {
        format!("{} (owner {})", row.method_instance, row.owner)
    }
}

/// `min:max` with ∞ for a CodeInstance valid in every later world.
pub fn world_range(row: &CacheRow) -> String {
    match row.max_world {
        Some(max) => format!("{}:{max}", row.min_world),
        None => format!("{}:∞", row.min_world),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum WorkerPhase {
    /// Spawned, `Ready` not seen yet; requests wait in the bridge's queue.
    Starting,
    Ready,
    /// It never became ready (the script or its wasm failed to load): the message.
    Broken(String),
}

/// A request the worker has not answered yet.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    Run { source: String, inlining: Inlining },
    Inspect(CiId),
    Drop(CiId),
}

/// What the output pane shows.
#[derive(Clone, Debug, PartialEq)]
pub enum RunView {
    Idle,
    Running,
    Done(Rc<RunReport>),
    /// The worker could not serve the run (or crashed): the message.
    Failed(String),
    Stopped,
}

/// The standard output of the current (or last) run as the page shows it: the last
/// `OUTPUT_CAP` bytes, and how many came before them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stdout {
    pub text: String,
    /// Bytes of earlier output no longer shown.
    pub dropped: u64,
}

impl Stdout {
    fn append(&mut self, skipped: u64, text: &str) {
        self.dropped += skipped;
        self.text.push_str(text);
        self.dropped += keep_tail(&mut self.text, OUTPUT_CAP);
    }
}

/// What the IR, pipeline and wat panes show.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectView {
    Empty,
    Loading(CiId),
    Shown(Rc<Inspection>),
    Failed(String),
}

/// A banner above the panes (a rejected link, a failed drop, a crashed worker).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Notice {
        Notice { error: true, text: text.into() }
    }
}

/// Something app.rs must do after a transition.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Post to the worker (the bridge queues it until the worker is ready).
    Send(Request),
    /// Terminate the worker and spawn a fresh one.
    RestartWorker,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The user edited the program in the editor.
    Edit(String),
    /// Replace the program (an example), optionally setting inlining, and run it.
    LoadProgram {
        source: String,
        inlining: Option<Inlining>,
        example: Option<String>,
    },
    /// Restore a shared state (a link opened in this page), then run it.
    Restore(ShareState),
    SetInlining(Inlining),
    TogglePane(Pane),
    ToggleShowBase,
    Run,
    Stop,
    /// Pick a CodeInstance to inspect (the picker, the cache table): a fresh trail.
    SelectCi(CiId),
    /// Follow a call into its callee's CodeInstance: the current one goes on the trail.
    Descend(CiId),
    /// Go back along the trail to its entry at this index (the current one is dropped).
    BackTo(usize),
    /// Source spans to highlight in the editor (the IR line under the pointer or cursor).
    HighlightSource(Rc<Vec<SourceRange>>),
    /// The lines selected in the editor (UTF-16 range of whole lines), or none.
    SelectSource(Option<SourceRange>),
    SelectPass(usize),
    DropNative(CiId),
    /// A message from the worker.
    Worker(Response),
    /// The worker raised an error event (failed to load, or a panic while serving).
    WorkerCrashed(String),
    Notify(Option<Notice>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub source: String,
    /// Bumped whenever the page (not the user) replaces the program, so the editor resets its text.
    pub doc_version: u64,
    pub inlining: Inlining,
    /// Open panes, in `Pane::ALL` order.
    pub panes: Vec<Pane>,
    pub show_base: bool,
    /// The example last loaded, until the user edits it.
    pub example: Option<String>,
    pub worker: WorkerPhase,
    in_flight: VecDeque<Pending>,
    pub run: RunView,
    /// The run's standard output: streamed while it runs, kept when it is stopped.
    pub stdout: Rc<Stdout>,
    pub diagnostics: Rc<Vec<Diagnostic>>,
    /// Whether the worker holds the session of the last run (so it can inspect and drop).
    pub session_alive: bool,
    /// The program and inlining of the live session's run.
    last_run: Option<(String, Inlining)>,
    /// A `DropNative` succeeded since the last run: the next run may keep the session.
    pub dropped_since_run: bool,
    pub cache: Rc<Vec<CacheRow>>,
    pub ran: Rc<Vec<CiId>>,
    /// What the session's definitions invalidated (the Invalidations pane).
    pub invalidations: Rc<Vec<InvalidationTree>>,
    pub selected: Option<CiId>,
    /// The label of the CodeInstance to select after a run: the current selection's, or one from
    /// a share link before its program has run.
    pub wanted_label: Option<String>,
    /// The CodeInstances descended through to reach the selected one, outermost first.
    pub trail: Vec<CiId>,
    /// Trail labels from a share link, resolved once its program has run.
    wanted_trail: Vec<String>,
    /// What the editor highlights for the IR line in focus.
    pub source_highlight: Rc<Vec<SourceRange>>,
    /// The lines selected in the editor: their statements are marked in the IR panes.
    pub source_selection: Option<SourceRange>,
    pub inspection: InspectView,
    pub selected_pass: usize,
    pub notice: Option<Notice>,
    /// The page started from a link it could not open; the address bar keeps that link until the
    /// user changes something, so nothing is lost by merely looking.
    pub url_frozen: bool,
    /// The user has changed something since the page loaded, so the state is their draft to
    /// keep; merely opening someone's link does not replace the draft.
    pub user_changed: bool,
    pub effects: Vec<Effect>,
    /// Bumped whenever `effects` is replaced by a non-empty list.
    pub effects_seq: u64,
}

impl State {
    pub fn new(share: ShareState, notice: Option<Notice>, url_frozen: bool) -> State {
        State {
            source: share.source,
            doc_version: 0,
            inlining: share.inlining,
            panes: share.panes,
            show_base: false,
            example: None,
            worker: WorkerPhase::Starting,
            in_flight: VecDeque::new(),
            run: RunView::Idle,
            stdout: Rc::default(),
            diagnostics: Rc::default(),
            session_alive: false,
            last_run: None,
            dropped_since_run: false,
            cache: Rc::default(),
            ran: Rc::default(),
            invalidations: Rc::default(),
            selected: None,
            wanted_label: share.ci,
            trail: vec![],
            wanted_trail: share.trail,
            source_highlight: Rc::default(),
            source_selection: None,
            inspection: InspectView::Empty,
            selected_pass: 0,
            notice,
            url_frozen,
            user_changed: false,
            effects: Vec::new(),
            effects_seq: 0,
        }
    }

    /// What a share link of this state holds.
    pub fn share_state(&self) -> ShareState {
        ShareState {
            source: self.source.clone(),
            panes: self.panes.clone(),
            ci: self.wanted_label.clone(),
            trail: if self.trail.is_empty() {
                self.wanted_trail.clone()
            } else {
                self.trail.iter().filter_map(|ci| self.row(*ci).map(ci_label)).collect()
            },
            inlining: self.inlining,
        }
    }

    pub fn running(&self) -> bool {
        self.in_flight.iter().any(|pending| matches!(pending, Pending::Run { .. }))
    }

    pub fn pane_open(&self, pane: Pane) -> bool {
        self.panes.contains(&pane)
    }

    /// Whether the next run keeps the live session: only to watch curing, so only after a drop
    /// and with the very program (and setting) that made the session.
    pub fn next_run_keeps_session(&self) -> bool {
        self.session_alive
            && self.dropped_since_run
            && self
                .last_run
                .as_ref()
                .is_some_and(|(source, inlining)| *source == self.source && *inlining == self.inlining)
    }

    pub fn row(&self, ci: CiId) -> Option<&CacheRow> {
        self.cache.iter().find(|row| row.ci == ci)
    }

    /// The picker's entries: the CodeInstances that ran, the user's before the prelude's (each
    /// group in the order they first ran), then the selection if it did not run (chosen in the
    /// cache table). Labels that repeat get their world range to tell them apart.
    pub fn picker_entries(&self) -> Vec<(CiId, String)> {
        let mut cis: Vec<CiId> = Vec::new();
        for prelude in [false, true] {
            cis.extend(
                self.ran.iter().copied().filter(|ci| self.row(*ci).is_some_and(|row| row.prelude == prelude)),
            );
        }
        if let Some(selected) = self.selected {
            if !cis.contains(&selected) && self.row(selected).is_some() {
                cis.push(selected);
            }
        }
        let rows: Vec<&CacheRow> = cis.iter().filter_map(|ci| self.row(*ci)).collect();
        rows.iter()
            .map(|row| {
                let label = ci_label(row);
                let repeated = rows.iter().filter(|other| ci_label(other) == label).count() > 1;
                let text = if repeated { format!("{label} [worlds {}]", world_range(row)) } else { label };
                (row.ci, text)
            })
            .collect()
    }

    /// The CodeInstance to show after a run: the wanted label if one that ran (or at least exists)
    /// has it, else the user's own code: of the program's CodeInstances that ran (called, or
    /// inlined into code that ran), the one whose method the program defined last (the latest
    /// to run among its CodeInstances); else the last that ran.
    fn default_selection(&self) -> Option<CiId> {
        if let Some(ci) = self.wanted_label.as_deref().and_then(|wanted| self.ci_labelled(wanted)) {
            return Some(ci);
        }
        let ran_order = |ci: CiId| self.ran.iter().position(|&r| r == ci);
        let user = self
            .cache
            .iter()
            .filter(|row| !row.prelude && (row.ran || row.ran_inlined))
            .max_by_key(|row| (row.defined, ran_order(row.ci), row.ci))
            .map(|row| row.ci);
        user.or_else(|| self.ran.last().copied())
    }

    fn emit(&mut self, effect: Effect) {
        if let Effect::Send(request) = &effect {
            self.in_flight.push_back(match request {
                Request::Run { source, settings, .. } => {
                    Pending::Run { source: source.clone(), inlining: settings.inlining }
                }
                Request::Inspect { ci } => Pending::Inspect(*ci),
                Request::DropNative { ci } => Pending::Drop(*ci),
            });
        }
        self.effects.push(effect);
    }

    /// The session is gone (stopped, crashed, retired, or the run failed): nothing to inspect.
    fn forget_session(&mut self) {
        self.session_alive = false;
        self.dropped_since_run = false;
        self.last_run = None;
    }

    fn clear_session_views(&mut self) {
        self.cache = Rc::default();
        self.ran = Rc::default();
        self.invalidations = Rc::default();
        self.selected = None;
        self.trail.clear();
        self.source_highlight = Rc::default();
        self.inspection = InspectView::Empty;
    }

    /// The CodeInstance with this label, preferring one that ran.
    fn ci_labelled(&self, label: &str) -> Option<CiId> {
        let ran = self.ran.iter().copied().find(|ci| self.row(*ci).is_some_and(|row| ci_label(row) == label));
        ran.or_else(|| self.cache.iter().find(|row| ci_label(row) == label).map(|row| row.ci))
    }

    fn restart_worker(&mut self) {
        self.in_flight.clear();
        self.worker = WorkerPhase::Starting;
        self.emit(Effect::RestartWorker);
    }

    fn start_run(&mut self) {
        if self.running() {
            // Loading a program while another runs: the old run's answer is no longer wanted.
            self.restart_worker();
            self.forget_session();
        } else if matches!(self.worker, WorkerPhase::Broken(_)) {
            self.restart_worker();
        }
        let keep_session = self.next_run_keeps_session();
        let settings = Settings { inlining: self.inlining, ..Settings::default() };
        self.run = RunView::Running;
        self.stdout = Rc::default();
        self.emit(Effect::Send(Request::Run { source: self.source.clone(), settings, keep_session }));
    }

    fn inspect(&mut self, ci: CiId) {
        self.selected = Some(ci);
        if self.session_alive {
            self.inspection = InspectView::Loading(ci);
            self.emit(Effect::Send(Request::Inspect { ci }));
        } else {
            self.inspection = InspectView::Failed(
                "No live session: run the program again to inspect its CodeInstances.".into(),
            );
        }
    }

    fn set_program(&mut self, source: String) {
        self.source = source;
        self.doc_version += 1;
        self.diagnostics = Rc::default();
        self.url_frozen = false;
    }

    /// A change the user made: the address bar and the draft follow the state from now on.
    fn touched(&mut self) {
        self.url_frozen = false;
        self.user_changed = true;
    }

    fn on_response(&mut self, response: Response) {
        if response == Response::Ready {
            self.worker = WorkerPhase::Ready;
            return;
        }
        if let Response::Output(chunk) = response {
            self.on_output(chunk);
            return;
        }
        let pending = self.in_flight.pop_front();
        match response {
            Response::Ready | Response::Output(_) => {}
            Response::Ran(report) => self.on_ran(pending, report),
            Response::Inspected(inspection) => {
                if Some(inspection.ci) == self.selected {
                    let previous = match &self.inspection {
                        InspectView::Shown(old) => {
                            old.passes.get(self.selected_pass).map(|pass| pass.name.clone())
                        }
                        _ => None,
                    };
                    let same_name =
                        previous.and_then(|name| inspection.passes.iter().position(|pass| pass.name == name));
                    let first_changed = inspection.passes.iter().position(|pass| pass.changed);
                    self.selected_pass = same_name.or(first_changed).unwrap_or(0);
                    self.inspection = InspectView::Shown(Rc::new(inspection));
                }
            }
            Response::Cache(rows) => {
                self.cache = Rc::new(rows);
                if let Some(Pending::Drop(ci)) = pending {
                    self.dropped_since_run = true;
                    // Its module is gone: the wat pane must say so.
                    if self.selected == Some(ci) {
                        self.inspect(ci);
                    }
                }
            }
            Response::Failed(message) => match pending {
                Some(Pending::Run { .. }) => {
                    self.run = RunView::Failed(message);
                    self.forget_session();
                    self.clear_session_views();
                }
                Some(Pending::Inspect(ci)) => {
                    if self.selected == Some(ci) {
                        self.inspection = InspectView::Failed(message);
                    }
                }
                Some(Pending::Drop(_)) => {
                    self.notice = Some(Notice::error(format!("Dropping native code failed: {message}")))
                }
                None => self.notice = Some(Notice::error(format!("The worker reported: {message}"))),
            },
        }
    }

    /// Output of the request being served, if that is a run (the worker answers in order).
    fn on_output(&mut self, chunk: OutputChunk) {
        if matches!(self.in_flight.front(), Some(Pending::Run { .. })) {
            Rc::make_mut(&mut self.stdout).append(chunk.skipped, &chunk.text);
        }
    }

    fn on_ran(&mut self, pending: Option<Pending>, mut report: RunReport) {
        // The trail leads to the selection; it is kept by label, since this run's CodeInstances
        // are not the last run's (those it does not have are dropped below).
        let labels: Vec<String> = if self.trail.is_empty() {
            std::mem::take(&mut self.wanted_trail)
        } else {
            self.trail.iter().filter_map(|ci| self.row(*ci).map(ci_label)).collect()
        };
        self.trail.clear();
        // What was not streamed (all of it from a worker that does not stream) follows what was.
        let rest = std::mem::take(&mut report.stdout);
        if !rest.is_empty() {
            Rc::make_mut(&mut self.stdout).append(0, &rest);
        }
        self.last_run = match pending {
            Some(Pending::Run { source, inlining }) => Some((source, inlining)),
            _ => None,
        };
        self.session_alive = !report.retire_worker;
        self.dropped_since_run = false;
        self.diagnostics = Rc::new(report.diagnostics.clone());
        self.cache = Rc::new(report.cache.clone());
        self.ran = Rc::new(report.ran.clone());
        self.invalidations = Rc::new(std::mem::take(&mut report.invalidations));
        let retire = report.retire_worker;
        self.run = RunView::Done(Rc::new(report));
        if retire {
            self.restart_worker();
            self.forget_session();
        }
        self.source_highlight = Rc::default();
        match self.default_selection() {
            Some(ci) => {
                self.wanted_label = self.row(ci).map(ci_label);
                self.trail = labels.iter().filter_map(|label| self.ci_labelled(label)).collect();
                self.inspect(ci);
            }
            None => {
                self.selected = None;
                self.inspection = InspectView::Empty;
            }
        }
    }

    fn on_crash(&mut self, message: String) {
        let was_running = self.running();
        if self.worker == WorkerPhase::Starting {
            // It never loaded; spawning it again would fail the same way until the user asks.
            let text = format!("The compiler worker failed to start: {message}");
            self.in_flight.clear();
            self.worker = WorkerPhase::Broken(message);
            if was_running {
                self.run = RunView::Failed(text.clone());
            }
            self.notice = Some(Notice::error(text));
        } else {
            // A panic leaves the worker's memory in an unknown state: start afresh.
            let text = format!("The compiler worker crashed ({message}); a fresh one was started.");
            self.restart_worker();
            if was_running {
                self.run = RunView::Failed(text.clone());
            }
            self.notice = Some(Notice::error(text));
        }
        self.forget_session();
        self.clear_session_views();
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.effects.clear();
        match action {
            Action::Edit(source) => {
                if source == next.source {
                    return self;
                }
                next.source = source;
                next.example = None;
                next.touched();
            }
            Action::LoadProgram { source, inlining, example } => {
                next.set_program(source);
                // Another program: the CodeInstance to show is its own, not the last one's.
                next.wanted_label = None;
                next.wanted_trail.clear();
                next.trail.clear();
                if let Some(inlining) = inlining {
                    next.inlining = inlining;
                }
                next.example = example;
                next.touched();
                next.start_run();
            }
            Action::Restore(share) => {
                next.set_program(share.source);
                next.inlining = share.inlining;
                next.panes = share.panes;
                next.wanted_label = share.ci;
                next.wanted_trail = share.trail;
                next.trail.clear();
                next.example = None;
                next.notice = None;
                next.start_run();
            }
            Action::SetInlining(inlining) => {
                next.inlining = inlining;
                next.touched();
            }
            Action::TogglePane(pane) => {
                if next.panes.contains(&pane) {
                    next.panes.retain(|open| *open != pane);
                } else {
                    next.panes.push(pane);
                    next.panes.sort();
                }
                next.touched();
            }
            Action::ToggleShowBase => next.show_base = !next.show_base,
            Action::Run => {
                if next.running() {
                    return self;
                }
                next.start_run();
            }
            Action::Stop => {
                if !next.running() {
                    return self;
                }
                next.restart_worker();
                next.run = RunView::Stopped;
                next.forget_session();
                next.clear_session_views();
            }
            Action::SelectCi(ci) => {
                next.wanted_label = next.row(ci).map(ci_label);
                next.trail.clear();
                next.touched();
                next.inspect(ci);
            }
            Action::Descend(ci) => {
                if next.row(ci).is_none() || next.selected == Some(ci) {
                    return self;
                }
                if let Some(current) = next.selected {
                    next.trail.push(current);
                }
                next.wanted_label = next.row(ci).map(ci_label);
                next.source_highlight = Rc::default();
                next.touched();
                next.inspect(ci);
            }
            Action::BackTo(index) => {
                let Some(&ci) = next.trail.get(index) else { return self };
                next.trail.truncate(index);
                next.wanted_label = next.row(ci).map(ci_label);
                next.source_highlight = Rc::default();
                next.touched();
                next.inspect(ci);
            }
            Action::HighlightSource(ranges) => {
                if ranges == next.source_highlight {
                    return self;
                }
                next.source_highlight = ranges;
            }
            Action::SelectSource(range) => {
                if range == next.source_selection {
                    return self;
                }
                next.source_selection = range;
            }
            Action::SelectPass(index) => {
                let count = match &next.inspection {
                    InspectView::Shown(inspection) => inspection.passes.len(),
                    _ => 0,
                };
                if index >= count || index == next.selected_pass {
                    return self;
                }
                next.selected_pass = index;
            }
            Action::DropNative(ci) => {
                if !next.session_alive || next.running() {
                    return self;
                }
                next.emit(Effect::Send(Request::DropNative { ci }));
            }
            Action::Worker(response) => next.on_response(response),
            Action::WorkerCrashed(message) => next.on_crash(message),
            Action::Notify(notice) => next.notice = notice,
        }
        if !next.effects.is_empty() {
            next.effects_seq += 1;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(ci: CiId, mi: &str, owner: &str, prelude: bool) -> CacheRow {
        CacheRow {
            ci,
            method_instance: mi.into(),
            owner: owner.into(),
            min_world: 1,
            max_world: None,
            rettype: "Int64".into(),
            native: true,
            module_size: Some(100),
            ran: true,
            ran_inlined: false,
            defined: ci,
            dropped: false,
            prelude,
        }
    }

    fn share(source: &str) -> ShareState {
        ShareState {
            source: source.into(),
            panes: Pane::ALL.to_vec(),
            ci: None,
            trail: vec![],
            inlining: Inlining::Heuristic,
        }
    }

    fn ready(source: &str) -> Rc<State> {
        Rc::new(State::new(share(source), None, false)).reduce(Action::Worker(Response::Ready))
    }

    fn sent(state: &State) -> Vec<Request> {
        state
            .effects
            .iter()
            .filter_map(|effect| match effect {
                Effect::Send(request) => Some(request.clone()),
                Effect::RestartWorker => None,
            })
            .collect()
    }

    fn report(cache: Vec<CacheRow>, ran: Vec<CiId>) -> RunReport {
        RunReport { success: true, cache, ran, ..RunReport::default() }
    }

    fn ran_program(source: &str) -> Rc<State> {
        let cache =
            vec![row(0, "+(::Int64, ::Int64)", "nothing", true), row(1, "f(::Int64)", "nothing", false)];
        ready(source).reduce(Action::Run).reduce(Action::Worker(Response::Ran(report(cache, vec![0, 1]))))
    }

    #[test]
    fn run_sends_a_fresh_session_and_shows_the_report() {
        let state = ready("f(1)").reduce(Action::Run);
        assert!(state.running());
        assert_eq!(
            sent(&state),
            vec![Request::Run { source: "f(1)".into(), settings: Settings::default(), keep_session: false }]
        );
        let state = state.reduce(Action::Worker(Response::Ran(report(vec![], vec![]))));
        assert!(!state.running());
        assert!(matches!(state.run, RunView::Done(_)));
    }

    #[test]
    fn a_report_s_invalidation_trees_are_kept_until_the_session_goes() {
        let tree = protocol::InvalidationTree { action: "inserting".into(), world: 7, ..Default::default() };
        let with_trees = RunReport { invalidations: vec![tree.clone()], ..report(vec![], vec![]) };
        let state = ready("x").reduce(Action::Run).reduce(Action::Worker(Response::Ran(with_trees)));
        assert_eq!(*state.invalidations, vec![tree]);
        // A run the worker could not serve leaves no session, so no trees.
        let state = state.reduce(Action::Run).reduce(Action::Worker(Response::Failed("gone".into())));
        assert!(state.invalidations.is_empty());
    }

    #[test]
    fn a_second_run_while_running_is_ignored() {
        let state = ready("x").reduce(Action::Run);
        let again = state.clone().reduce(Action::Run);
        assert!(Rc::ptr_eq(&state, &again));
    }

    #[test]
    fn the_user_code_defined_last_is_selected_even_when_it_was_inlined() {
        let mut inlined = row(2, "area(::Float64)", "nothing", false);
        (inlined.ran, inlined.ran_inlined) = (false, true);
        let never_ran = CacheRow { ran: false, ..row(3, "unused()", "nothing", false) };
        let cache = vec![
            row(0, "println(::String)", "nothing", true),
            row(1, "f(::Int64)", "nothing", false),
            inlined,
            never_ran,
        ];
        let state =
            ready("x").reduce(Action::Run).reduce(Action::Worker(Response::Ran(report(cache, vec![1, 0]))));
        assert_eq!(state.selected, Some(2));
        // Loading another program forgets the label, so its own code is shown.
        let state = state.reduce(Action::LoadProgram { source: "y".into(), inlining: None, example: None });
        let cache = vec![row(0, "area(::Float64)", "nothing", true), row(4, "g()", "nothing", false)];
        let state = state.reduce(Action::Worker(Response::Ran(report(cache, vec![0, 4]))));
        assert_eq!(state.selected, Some(4));
    }

    #[test]
    fn after_a_run_the_user_ci_is_selected_and_inspected() {
        let state = ran_program("f(1)");
        assert_eq!(state.selected, Some(1));
        assert_eq!(sent(&state), vec![Request::Inspect { ci: 1 }]);
        assert_eq!(state.wanted_label.as_deref(), Some("f(::Int64)"));
        assert_eq!(state.picker_entries(), vec![(1, "f(::Int64)".into()), (0, "+(::Int64, ::Int64)".into())]);
    }

    #[test]
    fn only_prelude_cis_select_the_last_that_ran() {
        let cache = vec![row(0, "a()", "nothing", true), row(1, "b()", "nothing", true)];
        let state =
            ready("1").reduce(Action::Run).reduce(Action::Worker(Response::Ran(report(cache, vec![1, 0]))));
        assert_eq!(state.selected, Some(0));
    }

    #[test]
    fn a_wanted_label_from_a_link_wins_and_owner_shows_in_labels() {
        let mut link = share("g()");
        link.ci = Some("g() (owner PluginOwner(:p))".into());
        let state = Rc::new(State::new(link, None, false)).reduce(Action::Run);
        let cache = vec![row(0, "g()", "nothing", false), row(1, "g()", "PluginOwner(:p)", false)];
        let state = state.reduce(Action::Worker(Response::Ran(report(cache, vec![0, 1]))));
        assert_eq!(state.selected, Some(1));
    }

    #[test]
    fn repeated_labels_show_their_worlds() {
        let mut old = row(0, "f(::Int64)", "nothing", false);
        old.max_world = Some(5);
        let state = ready("f").reduce(Action::Run);
        let state = state.reduce(Action::Worker(Response::Ran(report(
            vec![old, row(1, "f(::Int64)", "nothing", false)],
            vec![0, 1],
        ))));
        let labels: Vec<String> = state.picker_entries().into_iter().map(|(_, label)| label).collect();
        assert_eq!(labels, vec!["f(::Int64) [worlds 1:5]", "f(::Int64) [worlds 1:∞]"]);
    }

    #[test]
    fn inspection_answers_pair_with_requests_in_order() {
        let state = ran_program("f(1)");
        let inspection = Inspection { ci: 1, passes: vec![], ..Inspection::default() };
        let state = state.reduce(Action::Worker(Response::Inspected(inspection)));
        assert!(matches!(state.inspection, InspectView::Shown(_)));
        let state = state.reduce(Action::SelectCi(0)).reduce(Action::Worker(Response::Failed("no".into())));
        assert_eq!(state.inspection, InspectView::Failed("no".into()));
        assert!(matches!(state.run, RunView::Done(_)), "a failed inspection leaves the output alone");
    }

    #[test]
    fn a_failed_run_shows_the_message() {
        let state =
            ready("x").reduce(Action::Run).reduce(Action::Worker(Response::Failed("not built".into())));
        assert_eq!(state.run, RunView::Failed("not built".into()));
        assert!(!state.running());
    }

    #[test]
    fn stop_restarts_the_worker_and_says_stopped() {
        let state = ready("while true end").reduce(Action::Run).reduce(Action::Stop);
        assert_eq!(state.effects, vec![Effect::RestartWorker]);
        assert_eq!(state.run, RunView::Stopped);
        assert_eq!(state.worker, WorkerPhase::Starting);
        assert!(!state.running());
    }

    #[test]
    fn drop_then_rerun_of_the_same_program_keeps_the_session() {
        let state = ran_program("f(1)")
            .reduce(Action::Worker(Response::Inspected(Inspection { ci: 1, ..Inspection::default() })));
        assert!(!state.next_run_keeps_session());
        let state = state.reduce(Action::DropNative(0));
        assert_eq!(sent(&state), vec![Request::DropNative { ci: 0 }]);
        let mut rows = (*state.cache).clone();
        rows[0].native = false;
        rows[0].dropped = true;
        let state = state.reduce(Action::Worker(Response::Cache(rows)));
        assert!(state.next_run_keeps_session());
        assert!(!state.cache[0].native);
        let edited = state.clone().reduce(Action::Edit("f(2)".into()));
        assert!(!edited.next_run_keeps_session());
        let rerun = state.reduce(Action::Run);
        assert!(matches!(sent(&rerun)[..], [Request::Run { keep_session: true, .. }]));
    }

    #[test]
    fn dropping_the_selected_ci_reinspects_it() {
        let state = ran_program("f(1)")
            .reduce(Action::Worker(Response::Inspected(Inspection { ci: 1, ..Inspection::default() })));
        let state = state.reduce(Action::DropNative(1));
        let rows = (*state.cache).clone();
        let state = state.reduce(Action::Worker(Response::Cache(rows)));
        assert_eq!(sent(&state), vec![Request::Inspect { ci: 1 }]);
    }

    #[test]
    fn retire_worker_shows_the_report_then_restarts() {
        let state = ready("f()").reduce(Action::Run);
        let report =
            RunReport { retire_worker: true, stderr: "StackOverflowError".into(), ..RunReport::default() };
        let state = state.reduce(Action::Worker(Response::Ran(report)));
        assert!(matches!(&state.run, RunView::Done(report) if report.stderr == "StackOverflowError"));
        assert_eq!(state.effects, vec![Effect::RestartWorker]);
        assert!(!state.session_alive);
    }

    #[test]
    fn a_worker_that_never_loads_is_broken_until_the_next_run() {
        let state = Rc::new(State::new(share("x"), None, false)).reduce(Action::Run);
        let state = state.reduce(Action::WorkerCrashed("404".into()));
        assert!(matches!(state.worker, WorkerPhase::Broken(_)));
        assert!(matches!(state.run, RunView::Failed(_)));
        assert!(state.effects.is_empty());
        let state = state.reduce(Action::Run);
        assert_eq!(state.effects[0], Effect::RestartWorker);
    }

    #[test]
    fn a_crash_while_serving_restarts() {
        let state = ready("x").reduce(Action::Run).reduce(Action::WorkerCrashed("unreachable".into()));
        assert_eq!(state.effects, vec![Effect::RestartWorker]);
        assert!(matches!(state.run, RunView::Failed(_)));
    }

    #[test]
    fn loading_an_example_while_running_restarts_then_runs_it() {
        let state = ready("slow").reduce(Action::Run);
        let state = state.reduce(Action::LoadProgram {
            source: "fast".into(),
            inlining: Some(Inlining::Never),
            example: None,
        });
        assert_eq!(state.effects[0], Effect::RestartWorker);
        let settings = Settings { inlining: Inlining::Never, ..Settings::default() };
        assert_eq!(sent(&state), vec![Request::Run { source: "fast".into(), settings, keep_session: false }]);
        assert_eq!(state.doc_version, 1);
    }

    fn output(text: &str) -> Action {
        Action::Worker(Response::Output(OutputChunk { skipped: 0, text: text.into() }))
    }

    #[test]
    fn streamed_output_is_appended_and_the_report_adds_only_the_rest() {
        let state = ready("f()").reduce(Action::Run).reduce(output("one\n")).reduce(output("two\n"));
        assert_eq!(state.stdout.text, "one\ntwo\n");
        assert!(state.running() && state.run == RunView::Running);
        let report = RunReport { stdout: "three".into(), stderr: "ERROR: x".into(), ..RunReport::default() };
        let state = state.reduce(Action::Worker(Response::Ran(report)));
        assert_eq!(state.stdout.text, "one\ntwo\nthree");
        assert!(matches!(&state.run, RunView::Done(r) if r.stdout.is_empty() && r.stderr == "ERROR: x"));
        // The next run starts empty.
        let state = state.reduce(Action::Run);
        assert_eq!(*state.stdout, Stdout::default());
    }

    #[test]
    fn stop_keeps_what_was_shown_and_stale_output_is_ignored() {
        let state = ready("loop").reduce(Action::Run).reduce(output("tick\n")).reduce(Action::Stop);
        assert_eq!(state.run, RunView::Stopped);
        assert_eq!(state.stdout.text, "tick\n");
        let state = state.reduce(output("late\n"));
        assert_eq!(state.stdout.text, "tick\n");
    }

    #[test]
    fn the_page_shows_the_last_output_cap_bytes() {
        let line = "x".repeat(99) + "\n";
        let mut state = ready("spam").reduce(Action::Run);
        let chunk = line.repeat(OUTPUT_CAP / 100 / 4);
        for _ in 0..6 {
            state = state.reduce(output(&chunk));
        }
        let skipped = Action::Worker(Response::Output(OutputChunk { skipped: 1000, text: line.clone() }));
        let state = state.reduce(skipped);
        let total = 6 * chunk.len() as u64 + 1000 + line.len() as u64;
        assert!(state.stdout.text.len() <= OUTPUT_CAP && state.stdout.text.starts_with('x'));
        assert_eq!(state.stdout.dropped + state.stdout.text.len() as u64, total);
    }

    #[test]
    fn panes_toggle_in_layout_order() {
        let state = Rc::new(State::new(ShareState { panes: vec![Pane::Wat], ..share("") }, None, true));
        let state = state.reduce(Action::TogglePane(Pane::Output));
        assert_eq!(state.panes, vec![Pane::Output, Pane::Wat]);
        assert!(!state.url_frozen && state.user_changed);
        let state = state.reduce(Action::TogglePane(Pane::Wat));
        assert_eq!(state.panes, vec![Pane::Output]);
    }

    #[test]
    fn a_run_alone_is_not_a_user_change() {
        let state = ran_program("f(1)");
        assert!(!state.user_changed, "opening a link must not replace the draft");
        assert!(state.reduce(Action::Edit("f(2)".into())).user_changed);
    }

    #[test]
    fn effects_seq_moves_only_with_new_effects() {
        let state = ready("x");
        let seq = state.effects_seq;
        let state = state.reduce(Action::ToggleShowBase);
        assert_eq!(state.effects_seq, seq);
        let state = state.reduce(Action::Run);
        assert_eq!(state.effects_seq, seq + 1);
    }

    #[test]
    fn descending_builds_a_trail_that_leads_back_and_is_shared_by_label() {
        let cache = vec![
            row(0, "g(::Int64)", "nothing", false),
            row(1, "f(::Int64)", "nothing", false),
            row(2, "h(::Int64)", "nothing", false),
        ];
        let state = ready("g(1)")
            .reduce(Action::Run)
            .reduce(Action::Worker(Response::Ran(report(cache.clone(), vec![0, 1, 2]))));
        let state = state.reduce(Action::SelectCi(0)).reduce(Action::Descend(1)).reduce(Action::Descend(2));
        assert_eq!((state.trail.clone(), state.selected), (vec![0, 1], Some(2)));
        assert_eq!(sent(&state), vec![Request::Inspect { ci: 2 }]);
        let shared = state.share_state();
        assert_eq!(shared.ci.as_deref(), Some("h(::Int64)"));
        assert_eq!(shared.trail, vec!["g(::Int64)".to_string(), "f(::Int64)".to_string()]);
        // Descending into an unknown CodeInstance, or into the one shown, changes nothing.
        assert_eq!(state.clone().reduce(Action::Descend(9)), state);
        // Back to the first: the trail is cut there.
        let back = state.clone().reduce(Action::BackTo(0));
        assert_eq!((back.trail.clone(), back.selected), (vec![], Some(0)));
        assert_eq!(back.clone().reduce(Action::BackTo(0)), back, "nothing left to go back to");
        // A link opens on the same CodeInstance with the same trail, once its program ran again.
        let opened = Rc::new(State::new(shared, None, false)).reduce(Action::Run);
        let opened = opened.reduce(Action::Worker(Response::Ran(report(cache, vec![0, 1, 2]))));
        assert_eq!((opened.trail.clone(), opened.selected), (vec![0, 1], Some(2)));
        // Picking a CodeInstance starts afresh.
        assert!(opened.reduce(Action::SelectCi(1)).trail.is_empty());
    }

    #[test]
    fn source_highlights_and_selections_are_kept_until_they_change() {
        let state = ran_program("f(1)");
        let ranges = Rc::new(vec![SourceRange { from: 0, to: 4 }]);
        let state = state.reduce(Action::HighlightSource(ranges.clone()));
        assert_eq!(state.source_highlight, ranges);
        let again = state.clone().reduce(Action::HighlightSource(ranges));
        assert!(Rc::ptr_eq(&state, &again), "the same highlight is no new state");
        let state = state.reduce(Action::SelectSource(Some(SourceRange { from: 0, to: 4 })));
        assert_eq!(state.source_selection, Some(SourceRange { from: 0, to: 4 }));
        // A new run's IR is another: its highlight is cleared.
        let state = state.reduce(Action::Run).reduce(Action::Worker(Response::Ran(report(vec![], vec![]))));
        assert!(state.source_highlight.is_empty());
    }
}
