//! The garbage collector's mechanism: the allocation space over the shared memory, and a
//! precise, non-moving mark-sweep collection of it from a set of roots. Which values are
//! roots is the session's business (`raise::collect`); this file knows only the heap.
//!
//! # Layout
//! The memory holds the fixed cells (`codegen::abi`), then the shadow stack (generated code's
//! GC frames, `SHADOW_BYTES`), the call-site stack (`abi::CALL_SITES_ADDR`), then the heap: `[start, end)`, where `end` is the memory's
//! length. Every object has a header (`abi`'s box layout; a vector's element storage is a
//! `Memory` object), from which the collector reads its size and its references. Free memory
//! is zero, so allocation hands out zeroed memory, as `abi` promises.
//!
//! # Allocation
//! Generated code bumps `HEAP_PTR` up to `HEAP_LIMIT` inline; `Space::alloc` (the `alloc`
//! import's and the runtime's path) moves on to the next free region when the current one is
//! exhausted, as Immix allocates into holes. `HEAP_LIMIT` is also where the next collection
//! is due, so the inline path reaches the runtime when it is (in GC-stress mode, at every
//! allocation). Collection is driven by allocation pressure: after a collection, the next one
//! comes after `max(MIN_INTERVAL, live bytes)` more bytes are allocated, so the heap stays
//! near twice the live set. The space only *asks* for a collection (`HeapError::NeedsCollect`);
//! the caller collects with every root and retries, as it grows the memory on `NeedsGrow`.
//!
//! # Collection
//! Mark: a worklist from the roots, a side bitmap with one bit per 8-byte granule. A root or
//! field that points into the heap but not at an object's header (freed memory reads as tag 0)
//! is a dangling reference (a box some code held without rooting it): it is counted, and the
//! session reports it as an internal error, which is how GC-stress runs find rooting bugs.
//! Sweep: the space between two marked objects is free; the sweep reads only the live objects
//! (finding the next one in the bitmap), zeroes each gap with one fill, and the gaps become
//! the free regions the allocator bumps through next.

use codegen::abi;
use types::{Ty, TypeStore};

/// Bytes of the shadow stack (generated code's GC frames and argument arrays): 256 Ki slots.
/// The call-site stack follows it (`abi::CALL_SITES_ADDR`), then the heap.
pub const SHADOW_BYTES: u32 = 1 << 20;
const _: () = assert!(abi::HEAP_START + SHADOW_BYTES == abi::CALL_SITES_ADDR);
/// Where the collected heap starts.
pub const HEAP_BASE: u32 = abi::CALL_SITES_ADDR + abi::CALL_SITES_BYTES;
/// The fewest bytes allocated between two collections.
pub const MIN_INTERVAL: u64 = 16 << 20;
/// Requests of at least this many bytes search every free region for a fit instead of taking
/// the next one (which would discard the smaller regions they skip until the next sweep).
const LARGE: u32 = 2048;
/// GC stress collects at every allocation for this many collections, then at every second
/// allocation for as many, then every fourth, and so on: every program still meets thousands
/// of collections at every point where it allocates, and a program that allocates a large
/// live set (where each collection costs as much as the set) still finishes.
pub const STRESS_ROUND: u64 = 4096;

/// How the collector reads an object with a given tag.
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Not a tag any object has (a dangling reference reads one).
    Invalid,
    /// 16 bytes, no references: numbers, Bools, types, builtins, reflective objects.
    Bits,
    /// `String`/`Symbol`: `aux` bytes of text; an inline cache of a dynamic call site: `aux`
    /// bytes of keys (its function key is a box the intern tables keep).
    Bytes,
    /// A `Vector`: 24 bytes, referencing its `Memory` through `data`.
    Vector,
    /// A vector's element storage: `aux` box addresses.
    Memory,
    /// Tuples, structs and singletons: `aux` box addresses.
    Fields,
}

fn kind_of(types: &TypeStore, tag: u32) -> Kind {
    match tag {
        abi::MEMORY_TAG => return Kind::Memory,
        abi::CALL_CACHE_TAG => return Kind::Bytes,
        0 => return Kind::Invalid,
        t if t as usize >= types.type_count() => return Kind::Invalid,
        _ => {}
    }
    match Ty(tag) {
        Ty::INT64 | Ty::UINT64 | Ty::FLOAT64 | Ty::BOOL => Kind::Bits,
        t if t.is_small_bits() => Kind::Bits,
        Ty::DATATYPE | Ty::UNION | Ty::UNIONALL | Ty::TYPEOFBOTTOM => Kind::Bits,
        Ty::INTRINSIC_FUNCTION | Ty::METHOD | Ty::METHOD_INSTANCE | Ty::CODE_INSTANCE => Kind::Bits,
        Ty::METHOD_TABLE => Kind::Bits,
        Ty::STRING | Ty::SYMBOL | Ty::INT128 | Ty::UINT128 => Kind::Bytes,
        t if types.vector_elem(t).is_some() => Kind::Vector,
        _ => Kind::Fields,
    }
}

fn align(n: u64) -> u64 {
    n.div_ceil(abi::BOX_ALIGN as u64) * abi::BOX_ALIGN as u64
}

/// The size in bytes of an object of `kind` with `aux` (0 for `Invalid`).
fn size_of(kind: Kind, aux: u32) -> u64 {
    let header = abi::HEADER_SIZE as u64;
    match kind {
        Kind::Invalid => 0,
        Kind::Bits => 16,
        Kind::Bytes => align(header + aux as u64),
        Kind::Vector => 24,
        Kind::Memory | Kind::Fields => align(header + 4 * aux as u64),
    }
}

/// What a collection did.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Collection {
    /// Bytes of the objects that survived.
    pub live: u64,
    /// Bytes of free space after it (what it freed and what was free before).
    pub free: u64,
    /// References to something that is not a live object's header (a rooting bug).
    pub dangling: u64,
    /// The first dangling reference found, with where it was found (0: a root).
    pub first_dangling: Option<(u32, u32)>,
}

/// The allocation space and the collector's counters; one per memory (it lives in `Objects`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug, Default)]
pub struct Space {
    /// First heap byte (after the shadow stack); 0 before `HeapCtx::init`.
    pub(crate) start: u32,
    /// End of the heap: the memory's length, as far as the space has taken it in.
    pub(crate) end: u32,
    /// The region being bumped through: `[region_start, region_end)`; `HEAP_PTR` is in it.
    region_start: u32,
    region_end: u32,
    /// Free regions ahead of the allocator, by address; `free[cursor..]` are unused.
    free: Vec<(u32, u32)>,
    cursor: usize,
    /// Bytes of regions finished since the last collection (the current one's are added by
    /// `allocated_since`).
    finished: u64,
    /// The highest address ever handed out: above it the heap's memory is still zero.
    high_water: u32,
    /// Bytes allocated in the whole session before the current region.
    total_before: u64,
    /// A collection is due when `allocated_since` reaches this.
    next_collection: u64,
    /// Collect at every allocation (`--gc-stress`); see `STRESS_ROUND`.
    pub stress: bool,
    /// Allocations that still go by before the next stress collection, and how many go by
    /// between two of them.
    stress_countdown: u64,
    stress_interval: u64,
    /// A collection ran for the operation being retried: do not ask again until it finishes.
    pub(crate) collected: bool,
    /// Bytes live after the last collection.
    pub live: u64,
    /// Bytes and objects the runtime allocated on its own account (the counters' own tuples,
    /// boxes made only to enter compiled code from interpreted code), which `@allocated` and
    /// `@time` leave out: Julia compiles the expression they time, and allocates none of them.
    pub uncounted_bytes: u64,
    pub uncounted_allocs: u64,
    /// `total_allocated` when the last collection ended.
    pub allocated_at_last_collection: u64,
    /// The allocation count cell's wraps, and its value when last read.
    count_high: u64,
    count_seen: u32,
    pub collections: u64,
    /// Nanoseconds spent collecting.
    pub gc_ns: u64,
    kinds: Vec<Kind>,
    marks: Vec<u64>,
}

/// Why `Space::alloc` did not hand out memory.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shortage {
    /// A collection is due (or no region fits and the memory cannot grow).
    Collect,
    /// No free region fits: the memory must grow to at least this many bytes.
    Grow(usize),
    /// Nothing fits even after a collection, and the memory is at its maximum.
    Exhausted,
}

/// The memory operations the space needs (implemented by `HeapCtx`).
pub trait Memory {
    fn read(&self, addr: u32) -> u32;
    fn write(&mut self, addr: u32, v: u32);
    fn fill_zero(&mut self, from: u32, to: u32);
    fn len(&self) -> usize;
}

impl Space {
    /// The memory's bytes that hold anything: the fixed cells, the stacks and the heap up to the
    /// highest address handed out (a closed region's end, or the bump pointer in the current
    /// one; above it the memory is still zero), and the length the space has taken in.
    pub(crate) fn used_bytes<M: Memory + ?Sized>(&self, mem: &M) -> (usize, usize) {
        let ptr = mem.read(abi::HEAP_PTR_ADDR).clamp(self.region_start, self.region_end);
        (self.high_water.max(ptr).max(self.start) as usize, self.end as usize)
    }

    /// Lays out a fresh memory: the shadow stack after the fixed cells, the heap after it.
    /// The memory must be at least `start + 8` bytes (`min_len`).
    pub fn init(&mut self, mem: &mut dyn Memory) {
        let shadow = abi::HEAP_START;
        mem.write(abi::SHADOW_SP_ADDR, shadow);
        mem.write(abi::SHADOW_LIMIT_ADDR, shadow + SHADOW_BYTES);
        self.start = HEAP_BASE;
        self.end = self.start;
        self.region_start = self.start;
        self.region_end = self.start;
        self.next_collection = MIN_INTERVAL;
        mem.write(abi::HEAP_PTR_ADDR, self.start);
        self.take_memory(mem);
    }

    /// The memory length `init` needs.
    pub fn min_len() -> usize {
        (HEAP_BASE + 64) as usize
    }

    /// Takes in memory that grew since the space last looked (a free region at the end).
    pub fn take_memory(&mut self, mem: &mut dyn Memory) {
        let len = mem.len().min(u32::MAX as usize & !7) as u32;
        if len <= self.end || self.start == 0 {
            return;
        }
        let (old, new) = (self.end, len);
        self.end = new;
        if self.region_end == old && mem.read(abi::HEAP_PTR_ADDR) <= old {
            // The region being bumped through ends where the memory did: it simply goes on.
            self.region_end = new;
        } else if let Some(last) = self.free[self.cursor..].last_mut().filter(|r| r.1 == old) {
            last.1 = new;
        } else {
            self.free.push((old, new));
        }
        self.set_limit(mem);
    }

    /// Bytes allocated since the last collection.
    pub fn allocated_since<M: Memory + ?Sized>(&self, mem: &M) -> u64 {
        self.finished + mem.read(abi::HEAP_PTR_ADDR).saturating_sub(self.region_start) as u64
    }

    /// Bytes allocated in the whole session (`@allocated`, `@time`).
    pub fn total_allocated(&self, mem: &dyn Memory) -> u64 {
        self.total_before + mem.read(abi::HEAP_PTR_ADDR).saturating_sub(self.region_start) as u64
    }

    /// Objects allocated in the whole session (`abi::ALLOC_COUNT_ADDR`, widened).
    pub fn allocation_count(&mut self, mem: &dyn Memory) -> u64 {
        let now = mem.read(abi::ALLOC_COUNT_ADDR);
        if now < self.count_seen {
            self.count_high += 1 << 32;
        }
        self.count_seen = now;
        self.count_high + now as u64
    }

    /// Writes `HEAP_LIMIT`: the end of the region, or earlier where a collection is due.
    pub fn set_limit<M: Memory + ?Sized>(&self, mem: &mut M) {
        let ptr = mem.read(abi::HEAP_PTR_ADDR);
        let limit = if self.stress && !self.collected {
            ptr
        } else if self.collected {
            self.region_end
        } else {
            let budget = self.next_collection.saturating_sub(self.allocated_since(mem));
            (ptr as u64 + budget).min(self.region_end as u64) as u32
        };
        mem.write(abi::HEAP_LIMIT_ADDR, limit.max(ptr));
    }

    /// Allocates `size` bytes (rounded up to 8) of zeroed memory, or says what must happen
    /// first. `max` is the heap's maximum size.
    pub fn alloc(&mut self, mem: &mut dyn Memory, size: u32, max: usize) -> Result<u32, Shortage> {
        if self.start == 0 {
            return Err(Shortage::Exhausted);
        }
        let size = align(size.max(1) as u64);
        if size > u32::MAX as u64 / 2 {
            return Err(Shortage::Exhausted);
        }
        let size = size as u32;
        if !self.collected && self.stress {
            if self.stress_countdown == 0 {
                return Err(Shortage::Collect);
            }
            self.stress_countdown -= 1;
        } else if !self.collected && self.allocated_since(mem) + size as u64 > self.next_collection {
            return Err(Shortage::Collect);
        }
        loop {
            let ptr = mem.read(abi::HEAP_PTR_ADDR);
            if ptr >= self.region_start && ptr as u64 + size as u64 <= self.region_end as u64 {
                mem.write(abi::HEAP_PTR_ADDR, ptr + size);
                self.set_limit(mem);
                return Ok(ptr);
            }
            if !self.next_region(mem, size) {
                let need = self.end as usize + size as usize + abi::HEADER_SIZE as usize;
                return Err(if need <= max && mem.len() < need {
                    Shortage::Grow(need)
                } else if !self.collected {
                    Shortage::Collect
                } else {
                    Shortage::Exhausted
                });
            }
        }
    }

    /// Closes the current region and starts the next free region that can hold `size` bytes;
    /// false if none can.
    fn next_region(&mut self, mem: &mut dyn Memory, size: u32) -> bool {
        let fits = |r: &(u32, u32)| r.1 - r.0 >= size;
        let Some(i) = self.free[self.cursor..].iter().position(fits).map(|i| self.cursor + i) else {
            return false;
        };
        self.close_region(mem);
        let (start, end) = if size >= LARGE && i != self.cursor {
            // Take the large request out of the region, leaving the rest free for later.
            let (start, end) = self.free[i];
            let rest = start + size;
            if rest < end {
                self.free[i] = (rest, end);
            } else {
                self.free.remove(i);
            }
            (start, start + size)
        } else {
            // Smaller regions skipped here stay free (as free regions) until the next sweep.
            self.cursor = i + 1;
            self.free[i]
        };
        self.region_start = start;
        self.region_end = end;
        mem.write(abi::HEAP_PTR_ADDR, start);
        true
    }

    /// Ends the current region: counts what was allocated in it. Its unused tail (zero) is
    /// free again after the next sweep.
    fn close_region<M: Memory + ?Sized>(&mut self, mem: &mut M) {
        let ptr = mem.read(abi::HEAP_PTR_ADDR).clamp(self.region_start, self.region_end);
        let used = (ptr - self.region_start) as u64;
        self.finished += used;
        self.total_before += used;
        self.high_water = self.high_water.max(ptr);
        self.region_start = ptr;
        self.region_end = ptr;
    }

    fn kind(&mut self, types: &TypeStore, tag: u32) -> Kind {
        if let Some(&k) = self.kinds.get(tag as usize) {
            return k;
        }
        if tag as usize >= types.type_count() {
            return kind_of(types, tag);
        }
        let from = self.kinds.len();
        self.kinds.extend((from..types.type_count()).map(|t| kind_of(types, t as u32)));
        self.kinds[tag as usize]
    }

    /// Whether `addr` may be an object of the heap (in range and aligned); other addresses a
    /// reference may hold are the fixed Bool boxes and 0.
    fn in_heap(&self, addr: u32) -> bool {
        addr >= self.start && addr < self.end && addr.is_multiple_of(abi::BOX_ALIGN)
    }

    fn granule(&self, addr: u32) -> usize {
        ((addr - self.start) / abi::BOX_ALIGN) as usize
    }

    fn is_marked(&self, addr: u32) -> bool {
        let g = self.granule(addr);
        self.marks[g / 64] & (1 << (g % 64)) != 0
    }

    fn set_mark(&mut self, addr: u32) {
        let g = self.granule(addr);
        self.marks[g / 64] |= 1 << (g % 64);
    }

    /// Collects: marks everything reachable from `roots`, frees the rest, and schedules the
    /// next collection. The shadow stack's live part is a root range the caller includes.
    pub fn collect<M: Memory>(
        &mut self,
        mem: &mut M,
        types: &TypeStore,
        roots: impl IntoIterator<Item = u32>,
    ) -> Collection {
        let mut report = Collection::default();
        if self.start == 0 {
            return report;
        }
        self.close_region(mem);
        self.finished = 0;
        let granules = ((self.end - self.start) / abi::BOX_ALIGN) as usize;
        self.marks.clear();
        self.marks.resize(granules.div_ceil(64), 0);
        // Mark.
        let mut work: Vec<(u32, u32)> = Vec::new();
        for r in roots {
            work.push((r, 0));
        }
        while let Some((addr, from)) = work.pop() {
            if !self.in_heap(addr) || self.is_marked(addr) {
                if addr != 0 && !self.in_heap(addr) && addr >= self.start {
                    report.note_dangling(addr, from);
                }
                continue;
            }
            let tag = mem.read(addr + abi::TAG_OFFSET);
            let aux = mem.read(addr + abi::AUX_OFFSET);
            let kind = self.kind(types, tag);
            if kind == Kind::Invalid {
                report.note_dangling(addr, from);
                continue;
            }
            self.set_mark(addr);
            match kind {
                Kind::Fields | Kind::Memory => {
                    let n = aux.min((self.end - addr) / 4);
                    for i in 0..n {
                        let field = mem.read(addr + abi::PAYLOAD_OFFSET + 4 * i);
                        if field != 0 {
                            work.push((field, addr));
                        }
                    }
                }
                Kind::Vector => {
                    let data = mem.read(addr + abi::VECTOR_DATA_OFFSET);
                    if data != 0 {
                        work.push((data - abi::HEADER_SIZE, addr));
                    }
                }
                _ => {}
            }
        }
        // Sweep: the space between two marked objects is free. Only the live objects are
        // read; the gaps are zeroed with one fill each, up to the highest address ever handed
        // out (above it the memory is still zero).
        self.free.clear();
        self.cursor = 0;
        let high = self.high_water.min(self.end);
        let mut addr = self.start;
        loop {
            let next = self.next_marked(addr);
            if next > addr {
                mem.fill_zero(addr, next.min(high).max(addr));
                self.free.push((addr, next));
                report.free += (next - addr) as u64;
            }
            if next >= self.end {
                break;
            }
            let tag = mem.read(next + abi::TAG_OFFSET);
            let aux = mem.read(next + abi::AUX_OFFSET);
            let size = size_of(self.kind(types, tag), aux).max(abi::BOX_ALIGN as u64);
            report.live += size;
            addr = (next as u64 + size).min(self.end as u64) as u32;
        }
        self.region_start = 0;
        self.region_end = 0;
        mem.write(abi::HEAP_PTR_ADDR, 0);
        self.live = report.live;
        self.allocated_at_last_collection = self.total_before;
        self.collections += 1;
        if self.stress {
            if self.collections.is_multiple_of(STRESS_ROUND) {
                self.stress_interval = (self.stress_interval * 2).max(2);
            }
            self.stress_countdown = self.stress_interval.saturating_sub(1);
        }
        self.next_collection = MIN_INTERVAL.max(report.live);
        self.set_limit(mem);
        report
    }

    /// The first marked object at or after `addr` (`end` if none), by the mark bitmap.
    fn next_marked(&self, addr: u32) -> u32 {
        let g = self.granule(addr);
        let mut word = g / 64;
        let mut bits = match self.marks.get(word) {
            Some(&w) => w & (u64::MAX << (g % 64)),
            None => return self.end,
        };
        loop {
            if bits != 0 {
                let granule = word * 64 + bits.trailing_zeros() as usize;
                return (self.start as u64 + granule as u64 * abi::BOX_ALIGN as u64).min(self.end as u64)
                    as u32;
            }
            word += 1;
            match self.marks.get(word) {
                Some(&w) => bits = w,
                None => return self.end,
            }
        }
    }
}

impl Collection {
    fn note_dangling(&mut self, addr: u32, from: u32) {
        self.dangling += 1;
        self.first_dangling.get_or_insert((addr, from));
    }
}

#[cfg(test)]
mod tests {
    use ir::RtValue;

    use super::*;
    use crate::heap::{with_heap, HeapCtx, RawMemory};

    /// Collects with `roots` (no shadow stack, no intern tables).
    fn collect(cx: &mut HeapCtx, roots: &[u32]) -> Collection {
        let mut raw = RawMemory { mem: &mut *cx.mem, max: cx.objects.max_heap };
        let report = cx.objects.space.collect(&mut raw, cx.types, roots.iter().copied());
        cx.objects.space.collected = false;
        report
    }

    #[test]
    fn keeps_what_roots_reach_and_frees_the_rest() {
        with_heap(|cx| {
            let kept = cx.new_string("kept").unwrap();
            let garbage = cx.new_string("garbage").unwrap();
            let tuple = cx.new_tuple(&[RtValue::Ref(kept), RtValue::Int(7)]).unwrap();
            let v = cx.new_vector(Ty::ANY).unwrap();
            for i in 0..5 {
                cx.vector_push(v, RtValue::Int(i)).unwrap();
            }
            let report = collect(cx, &[tuple, v]);
            assert_eq!(report.dangling, 0);
            // The tuple, its string and Int box, the vector, its storage (capacity 8) and five
            // Int boxes.
            assert_eq!(report.live, 16 + 16 + 16 + 24 + (8 + 8 * 4) + 5 * 16);
            assert!(report.free >= 16, "the unreachable string was freed");
            assert_eq!(cx.string_of(kept), "kept");
            assert_eq!(cx.vector_get(v, 4), Some(RtValue::Int(4)));
            // The freed string's memory is zero again (allocation returns zeroed memory) ...
            assert_eq!(cx.read_u32(garbage + abi::PAYLOAD_OFFSET), 0);
            // ... and is handed out again.
            let again = cx.new_string("again!").unwrap();
            assert!(again < v, "a free region below the live objects is reused: {again} vs {v}");
        });
    }

    #[test]
    fn a_reference_to_freed_memory_is_reported() {
        with_heap(|cx| {
            let a = cx.new_string("a").unwrap();
            let b = cx.new_tuple(&[RtValue::Ref(a)]).unwrap();
            assert_eq!(collect(cx, &[]).dangling, 0);
            // `b` was freed; a root still naming it is a rooting bug, and so is a field.
            let report = collect(cx, &[b]);
            assert_eq!(report.dangling, 1);
            assert_eq!(report.first_dangling, Some((b, 0)));
        });
    }

    #[test]
    fn collection_is_due_after_the_interval_and_every_allocation_under_stress() {
        with_heap(|cx| {
            cx.objects.space.next_collection = 64;
            assert!(cx.new_string(&"x".repeat(24)).is_ok());
            assert!(cx.new_string(&"x".repeat(24)).is_ok());
            assert_eq!(cx.new_string("x"), Err(crate::heap::HeapError::NeedsCollect));
            collect(cx, &[]);
            assert!(cx.new_string("x").is_ok(), "after a collection the interval starts again");
            let (space, mut mem) = cx.space_and_memory();
            space.stress = true;
            space.set_limit(&mut mem);
            assert_eq!(cx.new_string("x"), Err(crate::heap::HeapError::NeedsCollect));
            // Generated code's inline path reaches the runtime at every allocation.
            assert_eq!(cx.read_u32(abi::HEAP_LIMIT_ADDR), cx.read_u32(abi::HEAP_PTR_ADDR));
        });
    }

    #[test]
    fn large_requests_take_a_fitting_region_and_leave_the_small_ones() {
        with_heap(|cx| {
            // Live, dead, live, dead... so the sweep leaves 48-byte holes between live boxes.
            let mut live = vec![];
            for i in 0..64 {
                let s = cx.new_string(&"x".repeat(40)).unwrap();
                if i % 2 == 0 {
                    live.push(s);
                }
            }
            collect(cx, &live);
            let holes = cx.objects.space.free.len();
            assert!(holes > 30);
            let big = cx.alloc(4096).unwrap();
            assert!(big > *live.last().unwrap(), "no hole fits 4 KiB: it comes from the end");
            // A small request still goes to the first hole.
            let small = cx.alloc(16).unwrap();
            assert!(small < live[1]);
        });
    }
}
