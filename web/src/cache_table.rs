//! The cache table: every CodeInstance of the session, grouped by owner (the native compiler,
//! `nothing`, first), with its world range, return type, native code and module size. Rows of
//! the prelude (Base) hide behind a toggle. Clicking a row selects that CodeInstance for the IR
//! and wat panes; a row with native code can drop it (`drop_native_code!`). Each row draws its
//! world range as a bar on one world axis, scaled to the worlds of the rows shown, so capped
//! CodeInstances and their successors line up. It sends nothing itself: it raises callbacks.

use protocol::{CacheRow, CiId};
use yew::prelude::*;

use crate::state::world_range;

#[derive(Properties, PartialEq)]
pub struct CacheTableProps {
    pub rows: std::rc::Rc<Vec<CacheRow>>,
    pub selected: Option<CiId>,
    pub show_base: bool,
    /// Whether drops are possible now (a live session, no run in progress).
    pub can_drop: bool,
    pub on_select: Callback<CiId>,
    pub on_drop: Callback<CiId>,
    pub on_toggle_base: Callback<()>,
}

/// Owners in the order the table shows them: `nothing` first, then by first appearance.
fn owners(rows: &[CacheRow]) -> Vec<&str> {
    let mut owners: Vec<&str> = Vec::new();
    if rows.iter().any(|row| row.owner == "nothing") {
        owners.push("nothing");
    }
    for row in rows {
        if !owners.contains(&row.owner.as_str()) {
            owners.push(&row.owner);
        }
    }
    owners
}

/// The worlds the axis spans: from the oldest `min_world` among `rows` to one past the newest
/// world any of them names (a capped `max_world`, or a `min_world`), so an uncapped range
/// (`∞`) still has room to show that it runs on.
pub fn world_axis<'a>(rows: impl Iterator<Item = &'a CacheRow>) -> Option<(u64, u64)> {
    let mut axis: Option<(u64, u64)> = None;
    for row in rows {
        let newest = row.max_world.unwrap_or(row.min_world).max(row.min_world);
        axis = Some(match axis {
            Some((lo, hi)) => (lo.min(row.min_world), hi.max(newest.saturating_add(1))),
            None => (row.min_world, newest.saturating_add(1)),
        });
    }
    axis
}

/// Where a row's bar starts and how wide it is, in percent of the axis. A capped range ends
/// after its `max_world` (it was valid in that world); an uncapped one runs to the end.
pub fn bar_extent(row: &CacheRow, (lo, hi): (u64, u64)) -> (f64, f64) {
    let span = hi.saturating_sub(lo).max(1) as f64;
    let start = row.min_world.saturating_sub(lo) as f64;
    let end = match row.max_world {
        Some(max) => (max.saturating_add(1).saturating_sub(lo) as f64).min(span),
        None => span,
    };
    let left = 100.0 * start / span;
    (left, (100.0 * end / span - left).max(0.0))
}

#[function_component]
pub fn CacheTable(props: &CacheTableProps) -> Html {
    let hidden = if props.show_base { 0 } else { props.rows.iter().filter(|row| row.prelude).count() };
    let toggle = {
        let on_toggle_base = props.on_toggle_base.clone();
        Callback::from(move |_: Event| on_toggle_base.emit(()))
    };
    let axis = world_axis(props.rows.iter().filter(|row| props.show_base || !row.prelude));
    let groups = owners(&props.rows).into_iter().map(|owner| {
        let rows: Vec<&CacheRow> =
            props.rows.iter().filter(|row| row.owner == owner && (props.show_base || !row.prelude)).collect();
        let total = props.rows.iter().filter(|row| row.owner == owner).count();
        let heading = if owner == "nothing" { "owner nothing (native compiler)".to_string() } else { format!("owner {owner}") };
        html! {
            <tbody data-owner={owner.to_string()}>
                <tr class="group"><th colspan="7" scope="rowgroup">{ heading }<small>{ format!(" — {total} CodeInstance(s)") }</small></th></tr>
                { for rows.into_iter().map(|row| row_view(props, row, axis)) }
            </tbody>
        }
    });
    html! {
        <div class="cache">
            <div class="cache-controls">
                <label class="check"><input type="checkbox" data-testid="show-base" checked={props.show_base} onchange={toggle} />{ " show Base" }</label>
                if hidden > 0 { <small>{ format!("{hidden} Base CodeInstance(s) hidden") }</small> }
            </div>
            <div class="table-scroll">
                <table class="cache-table" data-testid="cache-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "method instance" }</th>
                            <th scope="col">{ "owner" }</th>
                            <th scope="col">{ "worlds" }
                                if let Some((lo, hi)) = axis { <small class="world-axis-range">{ format!(" (axis {lo}–{hi})") }</small> }
                            </th>
                            <th scope="col">{ "return type" }</th>
                            <th scope="col">{ "native" }</th>
                            <th scope="col">{ "module size" }</th>
                            <th scope="col"><span class="visually-hidden">{ "actions" }</span></th>
                        </tr>
                    </thead>
                    { for groups }
                </table>
            </div>
            if props.rows.is_empty() { <p class="status-line">{ "The cache is empty until a run." }</p> }
        </div>
    }
}

fn row_view(props: &CacheTableProps, row: &CacheRow, axis: Option<(u64, u64)>) -> Html {
    let ci = row.ci;
    let (onclick, onkeydown) = crate::browser::on_activate(&props.on_select, ci);
    let drop = {
        let on_drop = props.on_drop.clone();
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            on_drop.emit(ci);
        })
    };
    let selected = props.selected == Some(ci);
    let native = if row.native {
        html! { "yes" }
    } else if row.dropped {
        html! { <>{ "no " }<span class="badge">{ "dropped" }</span></> }
    } else {
        html! { "no" }
    };
    let size = row.module_size.map(|bytes| format!("{bytes} B")).unwrap_or_else(|| "—".into());
    html! {
        <tr class={classes!("ci-row", selected.then_some("selected"), row.prelude.then_some("prelude"), (!row.ran).then_some("not-ran"))}
            data-ci={ci.to_string()} aria-selected={selected.to_string()} tabindex="0" onclick={onclick} onkeydown={onkeydown}>
            <td class="mono">{ row.method_instance.clone() }</td>
            <td class="mono">{ row.owner.clone() }</td>
            <td class="mono worlds">
                { world_range(row) }
                if let Some(axis) = axis { { world_bar(row, axis) } }
            </td>
            <td class="mono">{ row.rettype.clone() }</td>
            <td data-native={row.native.to_string()}>{ native }</td>
            <td class="num">{ size }</td>
            <td>
                if row.native {
                    <button class="small" data-testid="drop-native" onclick={drop} disabled={!props.can_drop}
                        title="drop_native_code!: remove its compiled module; the next call cures it">{ "drop native code" }</button>
                }
            </td>
        </tr>
    }
}

/// A row's world range on the axis: a bar from its `min_world` to its `max_world`, open-ended
/// when it is not capped.
/// It is an SVG whose coordinates are percents of the axis: geometry in attributes, since the
/// page's Content-Security-Policy allows no inline style.
fn world_bar(row: &CacheRow, axis: (u64, u64)) -> Html {
    let (left, width) = bar_extent(row, axis);
    // At least a sliver, so a one-world range stays visible.
    let width = width.max(0.8);
    let capped = row.max_world.is_some();
    html! {
        <svg class="world-axis" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
            <rect class={classes!("world-bar", if capped { "capped" } else { "open" })} data-testid="world-bar"
                x={format!("{left:.2}")} y="0" width={format!("{width:.2}")} height="6" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(owner: &str) -> CacheRow {
        CacheRow {
            ci: 0,
            method_instance: "f()".into(),
            owner: owner.into(),
            min_world: 0,
            max_world: None,
            rettype: "Nothing".into(),
            native: false,
            module_size: None,
            ran: false,
            ran_inlined: false,
            defined: 0,
            dropped: false,
            prelude: false,
        }
    }

    #[test]
    fn world_bars_share_one_axis() {
        let capped = CacheRow { min_world: 10, max_world: Some(14), ..row("nothing") };
        let successor = CacheRow { min_world: 15, max_world: None, ..row("nothing") };
        let axis = world_axis([&capped, &successor].into_iter());
        assert_eq!(axis, Some((10, 16)));
        let axis = axis.unwrap();
        // Worlds 10..=14 of 10..16: the first five sixths; the successor the last sixth, open.
        let (left, width) = bar_extent(&capped, axis);
        assert!((left - 0.0).abs() < 1e-9 && (width - 500.0 / 6.0).abs() < 1e-9, "{left} {width}");
        let (left, width) = bar_extent(&successor, axis);
        assert!((left - 500.0 / 6.0).abs() < 1e-9 && (width - 100.0 / 6.0).abs() < 1e-9, "{left} {width}");
        assert_eq!(world_axis(std::iter::empty()), None);
    }

    #[test]
    fn native_owner_comes_first() {
        let rows =
            [row("SplitCacheOwner(1)"), row("nothing"), row("PluginOwner(:p)"), row("SplitCacheOwner(1)")];
        assert_eq!(owners(&rows), vec!["nothing", "SplitCacheOwner(1)", "PluginOwner(:p)"]);
        assert!(owners(&[]).is_empty());
    }
}
