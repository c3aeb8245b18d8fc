//! The heap: raw access to the shared linear memory, the bump allocator that generated code
//! shares, and the Rust-side intern tables (`Objects`). It does not know what a box means
//! beyond its header; `objects` builds and reads boxes, and it never grows memory itself (the
//! session does, through `Host::grow_heap`, when an allocation answers `NeedsGrow`).
//!
//! Allocation goes through the collector's space (`gc`): a precise, non-moving mark-sweep
//! collector, so box addresses are stable and the runtime, the reference interpreter and
//! generated code can all hold raw addresses, as long as what they hold is rooted when a
//! collection may run (`raise::collect` names the roots).
//!
//! Reads and writes never panic: an address outside the memory reads as zero and a write to it
//! is dropped. Addresses come from the runtime and from generated code, so an out-of-range one
//! is an engine bug, and showing garbage is better than aborting the session.

use codegen::abi;
use rustc_hash::FxHashMap;
use types::{Ty, TypeStore};

/// Why an allocation did not succeed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HeapError {
    /// The memory slice is too small: grow it to at least `min_bytes` (then call
    /// `HeapCtx::sync_limit`) and retry the whole operation. Operations that answer this have
    /// changed nothing visible (what they allocated before is garbage for the next collection).
    NeedsGrow { min_bytes: usize },
    /// A collection is due: collect (with every root) and retry the whole operation, as for
    /// `NeedsGrow`.
    NeedsCollect,
    /// The live set does not fit in the heap's maximum size: the program raises
    /// `OutOfMemoryError`.
    OutOfMemory,
}

/// The reflective objects that live outside the heap and are boxed as a `u32` id
/// (layout in `codegen::abi`).
#[derive(serde::Serialize, serde::Deserialize, Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ObjectRef {
    Method(types::MethodId),
    MethodInstance(types::MethodInstanceId),
    CodeInstance(types::CodeInstanceId),
    MethodTable(types::MethodTableId),
}

impl ObjectRef {
    pub fn tag(self) -> Ty {
        match self {
            ObjectRef::Method(_) => Ty::METHOD,
            ObjectRef::MethodInstance(_) => Ty::METHOD_INSTANCE,
            ObjectRef::CodeInstance(_) => Ty::CODE_INSTANCE,
            ObjectRef::MethodTable(_) => Ty::METHOD_TABLE,
        }
    }

    pub fn id(self) -> u32 {
        match self {
            ObjectRef::Method(id) => id.0,
            ObjectRef::MethodInstance(id) => id.0,
            ObjectRef::CodeInstance(id) => id.0,
            ObjectRef::MethodTable(id) => id.0,
        }
    }
}

/// The Rust-side state of one heap: interned boxes (so `===` on them is address equality and
/// constants are materialized once), and what the session tells the runtime about names.
/// One `Objects` belongs to exactly one memory; a fresh memory needs a fresh `Objects`.
#[derive(serde::Serialize, serde::Deserialize, Clone, Debug)]
pub struct Objects {
    /// The heap never grows past this many bytes of memory.
    pub max_heap: usize,
    pub(crate) symbols: FxHashMap<String, u32>,
    pub(crate) strings: FxHashMap<String, u32>,
    pub(crate) type_boxes: FxHashMap<Ty, u32>,
    pub(crate) singletons: FxHashMap<Ty, u32>,
    pub(crate) builtin_boxes: FxHashMap<u32, u32>,
    pub(crate) object_boxes: FxHashMap<ObjectRef, u32>,
    pub(crate) bools: [u32; 2],
    /// Text `show` prints for a reflective object (set by the session, e.g.
    /// `CodeInstance for f(::Float64)`); without one, a placeholder with the id.
    pub(crate) labels: FxHashMap<ObjectRef, String>,
    /// Generic functions the builtins must name in errors they raise (`convert`), by name.
    pub(crate) functions: FxHashMap<String, Ty>,
    /// Boxes of constants embedded in generated code, by value (roots, made once).
    pub(crate) code_constants: FxHashMap<types::ConstValue, u32>,
    /// The inline caches of dynamic call sites in generated code (roots, never freed).
    pub(crate) call_caches: Vec<u32>,
    /// The allocation space and the collector's state.
    pub space: crate::gc::Space,
    /// Julia-written `show`: values of these types print by calling Julia
    /// (`crate::show_methods`), set by the session with the world counter it was read in.
    pub(crate) show_types: Vec<Ty>,
    /// Julia-written `print` (`SubString` prints its text, shows it quoted): values of these
    /// types print (not show) by calling Julia.
    pub(crate) print_types: Vec<Ty>,
    /// The exception types with a Julia-written `showerror` (what an uncaught one prints).
    pub(crate) showerror_types: Vec<Ty>,
    /// `Random.default_rng()`'s state (`crate::random`).
    pub(crate) rng: crate::random::Xoshiro,
    /// The exception types whose uncaught report has no stack trace (`show_methods`).
    pub(crate) backtrace_hidden_types: Vec<Ty>,
    pub(crate) show_types_world: u64,
    /// While the session prints with `show` methods: where the printer left out a value for
    /// Julia to show (byte offset in the output, the value's box, whether to `print` it rather
    /// than `show` it). `None` otherwise, and then the printer shows every value itself.
    pub(crate) show_holes: std::cell::RefCell<Option<Vec<(usize, u32, bool)>>>,
    /// The values Julia is showing now: the printer shows these itself (a `show` method that
    /// falls back to the default one for its own value must not come back to Julia).
    pub(crate) showing: Vec<u32>,
}

/// 256 MiB: far more than a playground program needs, small enough for a browser tab.
pub const DEFAULT_MAX_HEAP: usize = 256 << 20;

impl Default for Objects {
    fn default() -> Self {
        Objects::new(DEFAULT_MAX_HEAP)
    }
}

impl Objects {
    pub fn new(max_heap: usize) -> Objects {
        Objects {
            max_heap,
            symbols: FxHashMap::default(),
            strings: FxHashMap::default(),
            type_boxes: FxHashMap::default(),
            singletons: FxHashMap::default(),
            builtin_boxes: FxHashMap::default(),
            object_boxes: FxHashMap::default(),
            bools: [0, 0],
            labels: FxHashMap::default(),
            functions: FxHashMap::default(),
            code_constants: FxHashMap::default(),
            call_caches: Vec::new(),
            space: crate::gc::Space::default(),
            show_types: Vec::new(),
            print_types: Vec::new(),
            showerror_types: Vec::new(),
            backtrace_hidden_types: Vec::new(),
            rng: crate::random::Xoshiro::default(),
            show_types_world: 0,
            show_holes: std::cell::RefCell::new(None),
            showing: Vec::new(),
        }
    }

    /// Every box the intern tables hold, and the inline caches (roots of every collection).
    pub(crate) fn interned_roots(&self) -> impl Iterator<Item = u32> + '_ {
        (self.symbols.values())
            .chain(self.strings.values())
            .chain(self.type_boxes.values())
            .chain(self.singletons.values())
            .chain(self.builtin_boxes.values())
            .chain(self.object_boxes.values())
            .chain(self.code_constants.values())
            .chain(self.call_caches.iter())
            .chain(self.bools.iter())
            .copied()
    }

    /// Sets the text `show`/`print` use for a reflective object.
    pub fn set_label(&mut self, object: ObjectRef, text: String) {
        self.labels.insert(object, text);
    }

    pub fn label(&self, object: ObjectRef) -> Option<&str> {
        self.labels.get(&object).map(|s| s.as_str())
    }

    /// Tells the runtime the singleton type of a generic function it may need to name
    /// (currently `convert`, for the `Cannot convert` MethodError of vector stores).
    pub fn register_function(&mut self, name: &str, ty: Ty) {
        self.functions.insert(name.to_string(), ty);
    }

    pub fn function_type(&self, name: &str) -> Option<Ty> {
        self.functions.get(name).copied()
    }
}

/// Everything that reads or builds objects: the memory, the intern tables and the types.
pub struct HeapCtx<'a> {
    pub mem: &'a mut [u8],
    pub objects: &'a mut Objects,
    pub types: &'a mut TypeStore,
}

impl<'a> HeapCtx<'a> {
    pub fn new(mem: &'a mut [u8], objects: &'a mut Objects, types: &'a mut TypeStore) -> HeapCtx<'a> {
        HeapCtx { mem, objects, types }
    }

    /// Sets up the fixed cells of a fresh memory and lays out the shadow stack and the heap
    /// (`gc::Space::init`). The step budget cell is the session's.
    pub fn init(&mut self) -> Result<(), HeapError> {
        self.reserve(crate::gc::Space::min_len())?;
        // The two Bool boxes live at fixed addresses below the heap, so generated code boxes a
        // Bool with a `select` of two constants.
        abi::write_fixed_boxes(self.mem);
        self.objects.bools = [abi::FALSE_BOX_ADDR, abi::TRUE_BOX_ADDR];
        self.write_u32(abi::CALL_EPOCH_ADDR, abi::FIRST_CALL_EPOCH);
        let (space, mut mem) = self.space_and_memory();
        space.init(&mut mem);
        Ok(())
    }

    /// Takes in memory that grew (call after growing it), so generated code's inline bump
    /// path and `alloc` agree on where the heap ends.
    pub fn sync_limit(&mut self) {
        let (space, mut mem) = self.space_and_memory();
        space.take_memory(&mut mem);
    }

    /// The allocation space and the memory it manages, borrowed side by side.
    pub fn space_and_memory(&mut self) -> (&mut crate::gc::Space, RawMemory<'_>) {
        let max = self.objects.max_heap;
        (&mut self.objects.space, RawMemory { mem: &mut *self.mem, max })
    }

    /// Allocates `size` bytes (rounded up to 8) of zeroed memory. The caller writes a header
    /// before anything else can allocate (the collector reads the headers of what it marks, `gc`).
    pub fn alloc(&mut self, size: u32) -> Result<u32, HeapError> {
        let max = self.objects.max_heap;
        let (space, mut mem) = self.space_and_memory();
        space.alloc(&mut mem, size, max).map_err(|s| match s {
            crate::gc::Shortage::Collect => HeapError::NeedsCollect,
            crate::gc::Shortage::Grow(min_bytes) => HeapError::NeedsGrow { min_bytes },
            crate::gc::Shortage::Exhausted => HeapError::OutOfMemory,
        })
    }

    /// Asks for the memory to be at least `min_bytes` long (without allocating), within the
    /// heap's maximum: `NeedsGrow` if it is shorter, `OutOfMemory` past the maximum.
    pub fn reserve(&mut self, min_bytes: usize) -> Result<(), HeapError> {
        if min_bytes > self.objects.max_heap {
            return Err(HeapError::OutOfMemory);
        }
        if min_bytes > self.mem.len() {
            return Err(HeapError::NeedsGrow { min_bytes });
        }
        Ok(())
    }

    /// Objects allocated in the session so far.
    pub fn allocation_count(&mut self) -> u64 {
        let (space, mem) = self.space_and_memory();
        space.allocation_count(&mem)
    }

    /// Bytes allocated in the session so far.
    pub fn total_allocated(&mut self) -> u64 {
        let (space, mem) = self.space_and_memory();
        space.total_allocated(&mem)
    }

    /// Allocates a box with its header written.
    pub fn alloc_box(&mut self, tag: Ty, aux: u32, payload: u32) -> Result<u32, HeapError> {
        let p = self.alloc(abi::HEADER_SIZE + payload)?;
        let n = self.read_u32(abi::ALLOC_COUNT_ADDR).wrapping_add(1);
        self.write_u32(abi::ALLOC_COUNT_ADDR, n);
        self.write_u32(p + abi::TAG_OFFSET, tag.0);
        self.write_u32(p + abi::AUX_OFFSET, aux);
        Ok(p)
    }

    pub fn tag(&self, addr: u32) -> Ty {
        Ty(self.read_u32(addr + abi::TAG_OFFSET))
    }

    pub fn aux(&self, addr: u32) -> u32 {
        self.read_u32(addr + abi::AUX_OFFSET)
    }

    pub fn bytes(&self, addr: u32, len: u32) -> &[u8] {
        let start = addr as usize;
        let end = start.saturating_add(len as usize);
        self.mem.get(start..end).unwrap_or(&[])
    }

    pub fn write_bytes(&mut self, addr: u32, bytes: &[u8]) {
        let start = addr as usize;
        if let Some(dst) = self.mem.get_mut(start..start.saturating_add(bytes.len())) {
            dst.copy_from_slice(bytes);
        }
    }

    pub fn read_u32(&self, addr: u32) -> u32 {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.bytes(addr, 4).get(..4).unwrap_or(&[0; 4]));
        u32::from_le_bytes(b)
    }

    pub fn read_u64(&self, addr: u32) -> u64 {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.bytes(addr, 8).get(..8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(b)
    }

    pub fn write_u32(&mut self, addr: u32, v: u32) {
        self.write_bytes(addr, &v.to_le_bytes());
    }

    pub fn write_u64(&mut self, addr: u32, v: u64) {
        self.write_bytes(addr, &v.to_le_bytes());
    }
}

/// The memory alone, for the collector (which needs the types beside it, not inside).
pub struct RawMemory<'a> {
    pub mem: &'a mut [u8],
    /// The heap's maximum size.
    pub max: usize,
}

impl crate::gc::Memory for RawMemory<'_> {
    #[inline]
    fn read(&self, addr: u32) -> u32 {
        let a = addr as usize;
        match self.mem.get(a..a + 4) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => 0,
        }
    }

    fn write(&mut self, addr: u32, v: u32) {
        let a = addr as usize;
        if let Some(dst) = self.mem.get_mut(a..a + 4) {
            dst.copy_from_slice(&v.to_le_bytes());
        }
    }

    fn fill_zero(&mut self, from: u32, to: u32) {
        if let Some(dst) = self.mem.get_mut(from as usize..to as usize) {
            dst.fill(0);
        }
    }

    fn len(&self) -> usize {
        self.mem.len().min(self.max)
    }
}

/// A `Vec<u8>` heap with 1 MiB for objects, for unit tests.
#[cfg(test)]
pub(crate) fn with_heap<T>(f: impl FnOnce(&mut HeapCtx) -> T) -> T {
    let len = crate::gc::Space::min_len() + (1 << 20);
    let mut mem = vec![0u8; len];
    let mut objects = Objects::new(len);
    let mut types = TypeStore::new();
    let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
    cx.init().unwrap();
    f(&mut cx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_bumps_aligned_and_asks_to_grow() {
        let start = crate::gc::HEAP_BASE;
        let len = start as usize + 128;
        let mut mem = vec![0u8; len];
        let mut objects = Objects::new(len + 1024);
        let mut types = TypeStore::new();
        let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
        cx.init().unwrap();
        assert_eq!(cx.read_u32(abi::SHADOW_SP_ADDR), abi::HEAP_START);
        assert_eq!(cx.read_u32(abi::HEAP_LIMIT_ADDR), len as u32);
        assert_eq!(cx.alloc(3), Ok(start));
        assert_eq!(cx.alloc(8), Ok(start + 8));
        assert_eq!(cx.alloc(48), Ok(start + 16));
        assert_eq!(cx.alloc(80), Err(HeapError::NeedsGrow { min_bytes: len + 80 + 8 }));
        assert_eq!(cx.alloc(4000), Err(HeapError::NeedsCollect));
        cx.objects.space.collected = true;
        assert_eq!(cx.alloc(4000), Err(HeapError::OutOfMemory));
        assert_eq!(cx.total_allocated(), 64);
    }

    #[test]
    fn out_of_range_reads_are_zero() {
        let mut mem = vec![0u8; 64];
        let mut objects = Objects::default();
        let mut types = TypeStore::new();
        let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
        cx.write_u32(62, 7);
        assert_eq!(cx.read_u32(62), 0);
        assert_eq!(cx.read_u64(1000), 0);
    }
}
