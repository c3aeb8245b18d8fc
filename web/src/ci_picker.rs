//! The CodeInstance picker shared by the IR, pipeline and wat panes: the CodeInstances that ran
//! (the user's first), labelled by MethodInstance and owner. Choosing one asks the worker for its
//! inspection; the picker itself holds no state.

use protocol::CiId;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CiPickerProps {
    pub entries: Vec<(CiId, String)>,
    pub selected: Option<CiId>,
    pub on_select: Callback<CiId>,
}

#[function_component]
pub fn CiPicker(props: &CiPickerProps) -> Html {
    let onchange = crate::browser::on_select(props.on_select.clone(), |value| value.parse::<CiId>().ok());
    html! {
        <label class="field ci-picker">
            <span class="field-label">{ "CodeInstance" }</span>
            <select data-testid="ci-picker" onchange={onchange} disabled={props.entries.is_empty()}>
                if props.entries.is_empty() {
                    <option value="" selected=true>{ "(run the program first)" }</option>
                }
                { for props.entries.iter().map(|(ci, label)| html! {
                    <option value={ci.to_string()} selected={props.selected == Some(*ci)}>{ label.clone() }</option>
                }) }
            </select>
        </label>
    }
}
