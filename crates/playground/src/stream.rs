//! The program's standard output, streamed to the page while it runs (README, "The
//! playground"). The session hands its `OutputSink` complete lines, or 8 KiB without a newline
//! (`runtime::OutputSink`); this sink batches them into `Response::Output` messages so that a
//! printing loop does not flood the page: a write is sent at once when the last message went
//! out at least `interval_ms` ago, else it is held and goes out with the next write that comes
//! late enough, or when the run ends (`OutputStream::finish`). The worker is single-threaded and
//! the run holds it, so nothing but a write (or the end) can send what is held.
//!
//! Memory is bounded: what is held is cut to its last `protocol::OUTPUT_CAP` bytes, and the
//! message says how many bytes were dropped before its text.

use std::sync::{Arc, Mutex};

use protocol::{keep_tail, OutputChunk, Response, OUTPUT_CAP};

/// Where messages go (the worker posts them to the page) and what time it is, in milliseconds.
/// Both are called from inside the run, synchronously.
pub type Post = Box<dyn FnMut(Response) + Send>;
pub type Clock = Box<dyn Fn() -> f64 + Send>;

/// The default time between two `Output` messages.
pub const INTERVAL_MS: f64 = 50.0;

/// A handle to the stream; clones share it. `Playground::with_output` installs it.
#[derive(Clone)]
pub struct OutputStream(Arc<Mutex<Batcher>>);

struct Batcher {
    post: Post,
    clock: Clock,
    interval_ms: f64,
    cap: usize,
    held: String,
    skipped: u64,
    /// When the last message went out (`None`: not yet in this run).
    last_post: Option<f64>,
}

impl Batcher {
    fn write(&mut self, text: &str) {
        self.held.push_str(text);
        self.skipped += keep_tail(&mut self.held, self.cap);
        let now = (self.clock)();
        if self.last_post.is_none_or(|last| now - last >= self.interval_ms) {
            self.send(now);
        }
    }

    fn send(&mut self, now: f64) {
        if self.held.is_empty() && self.skipped == 0 {
            return;
        }
        let chunk =
            OutputChunk { skipped: std::mem::take(&mut self.skipped), text: std::mem::take(&mut self.held) };
        (self.post)(Response::Output(chunk));
        self.last_post = Some(now);
    }
}

impl OutputStream {
    pub fn new(post: Post, clock: Clock) -> OutputStream {
        OutputStream::with_limits(post, clock, INTERVAL_MS, OUTPUT_CAP)
    }

    /// A stream with its own interval and cap (tests use small ones).
    pub fn with_limits(post: Post, clock: Clock, interval_ms: f64, cap: usize) -> OutputStream {
        let batcher =
            Batcher { post, clock, interval_ms, cap, held: String::new(), skipped: 0, last_post: None };
        OutputStream(Arc::new(Mutex::new(batcher)))
    }

    /// The sink a session writes to.
    pub fn sink(&self) -> runtime::OutputSink {
        runtime::OutputSink::new(Writer(self.clone()))
    }

    /// Writes `text` as the program's output would be (the rest of a warm run's last line).
    pub fn write(&self, text: &str) {
        if let Ok(mut batcher) = self.0.try_lock() {
            batcher.write(text);
        }
    }

    /// Sends what is held, at the end of a run, and starts the next run's interval afresh.
    pub fn finish(&self) {
        // `try_lock`: a stack overflow in the browser may have unwound through a write (the
        // worker is then retired; see `host-web`), leaving the lock held.
        if let Ok(mut batcher) = self.0.try_lock() {
            let now = (batcher.clock)();
            batcher.send(now);
            batcher.last_post = None;
        }
    }
}

struct Writer(OutputStream);

impl std::io::Write for Writer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        // The session writes whole strings (`Session::flush_stdout` cuts at line ends or
        // character boundaries of its `String`), so this is valid UTF-8.
        self.0.write(&String::from_utf8_lossy(bytes));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
