//! Prints the program a seed and size name (as a campaign reports them), and with `--run` each
//! configuration's output for it: `cargo run -p fuzz --example program -- SEED SIZE [--run]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).and_then(|a| a.parse::<u64>().ok());
    let (Some(seed), Some(size)) = (number(0), number(1)) else {
        eprintln!("usage: program SEED SIZE [--run]");
        std::process::exit(2);
    };
    let source = fuzz::generate(seed, size as usize).to_source();
    print!("{source}");
    if args.iter().any(|a| a == "--run") {
        let report = fuzz::check(&source, fuzz::Limits::default());
        println!("#= outputs\n{}=#", fuzz::render_outputs(&report));
        for failure in &report.failures {
            println!("# failure: {failure}");
        }
    }
}
