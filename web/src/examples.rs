//! The examples gallery: every program of static/examples, embedded at build time, with a title,
//! offered in a picker; choosing one loads it and runs it. It does not fetch anything: the files
//! are in the bundle, so the gallery works offline and from a link.

use protocol::Inlining;
use yew::prelude::*;

use crate::state::inlining_from_id;

pub struct Example {
    /// The file name without `.jl`.
    pub id: &'static str,
    pub title: &'static str,
    pub source: &'static str,
}

macro_rules! example {
    ($id:literal, $title:literal) => {
        Example {
            id: $id,
            title: $title,
            source: include_str!(concat!("../../static/examples/", $id, ".jl")),
        }
    };
}

/// The compiler-plugin examples first (the point of the playground), then the language tour.
pub const EXAMPLES: &[Example] = &[
    example!("invoke_codeinstance", "Invoking a CodeInstance"),
    example!("with_new_compiler", "with_new_compiler: another compiler's cache"),
    example!("overlay_owner", "An owner with an overlay method table"),
    example!("world_age", "World age and invalidation"),
    example!("curing", "Curing dropped native code"),
    example!("fib_loops", "Recursion and loops"),
    example!("dispatch_shapes", "Dispatch on shapes"),
    example!("type_unstable", "Type-unstable code"),
    example!("strings_vectors", "Strings, vectors and tuples"),
    example!("closures", "Closures and do blocks"),
    example!("exceptions", "Exceptions: try, catch, finally"),
    example!("julia_you_know", "Julia you know: Dict, comprehensions, @testset"),
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

/// The setting a file asks for in its leading comment block (`# inlining: heuristic`, the
/// file tests' header), so an example that only works one way loads with that setting.
pub fn header_inlining(source: &str) -> Option<Inlining> {
    source
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix('#')?.trim().strip_prefix("inlining:").map(str::trim))
        .and_then(inlining_from_id)
}

/// The first sentence of the leading comment, for the option's tooltip.
fn summary(source: &str) -> String {
    let comment: Vec<&str> = source
        .lines()
        .take_while(|line| line.starts_with('#'))
        .map(|line| line.trim_start_matches('#').trim())
        .filter(|line| !line.starts_with("inlining:"))
        .collect();
    let text = comment.join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text,
    }
}

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    /// The example currently loaded (unedited), shown as the picker's value.
    pub current: Option<AttrValue>,
    pub on_choose: Callback<&'static Example>,
}

#[function_component]
pub fn ExamplePicker(props: &ExamplesProps) -> Html {
    let onchange = crate::browser::on_select(props.on_choose.clone(), find);
    let current = props.current.as_deref().unwrap_or("");
    html! {
        <label class="field">
            <span class="field-label">{ "Examples" }</span>
            <select data-testid="examples" onchange={onchange} aria-label="Load an example">
                <option value="" disabled=true selected={current.is_empty()}>{ "Choose an example…" }</option>
                { for EXAMPLES.iter().map(|example| html! {
                    <option value={example.id} title={summary(example.source)} selected={current == example.id}>{ example.title }</option>
                }) }
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_file_is_in_the_gallery_once() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../static/examples");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|entry| {
                entry.ok()?.file_name().into_string().ok()?.strip_suffix(".jl").map(String::from)
            })
            .collect();
        files.sort();
        let mut ids: Vec<String> = EXAMPLES.iter().map(|example| example.id.to_string()).collect();
        ids.sort();
        assert_eq!(ids, files);
    }

    #[test]
    fn plugin_examples_come_first() {
        let first: Vec<&str> = EXAMPLES[..5].iter().map(|example| example.id).collect();
        for id in ["invoke_codeinstance", "with_new_compiler", "overlay_owner", "world_age", "curing"] {
            assert!(first.contains(&id), "{id}");
        }
    }

    #[test]
    fn headers_set_inlining() {
        assert_eq!(header_inlining("# inlining: never\n# text\nf()"), Some(Inlining::Never));
        assert_eq!(header_inlining("# text\n# inlining: always\n"), Some(Inlining::Always));
        assert_eq!(header_inlining("f()\n# inlining: never"), None);
        assert_eq!(
            find("with_new_compiler").map(|example| header_inlining(example.source)),
            Some(Some(Inlining::Heuristic))
        );
    }

    #[test]
    fn summaries_are_the_first_sentence() {
        assert_eq!(summary("# inlining: heuristic\n# One thing. Then more\n# lines.\nf()"), "One thing.");
    }
}
