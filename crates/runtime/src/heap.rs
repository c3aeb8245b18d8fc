//! The heap: raw access to the shared linear memory, the bump allocator that generated code
//! shares, and the Rust-side intern tables (`Objects`). It does not know what a box means
//! beyond its header; `objects` builds and reads boxes, and it never grows memory itself (the
//! session does, through `Host::grow_heap`, when an allocation answers `NeedsGrow`).
//!
//! There is no garbage collector: every allocation lives until the session ends, and running
//! past the heap's maximum size is `OutOfMemoryError`. That keeps box addresses stable, so the
//! runtime, the reference interpreter and generated code can all hold raw addresses.
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
    /// changed nothing visible (at most they leaked the memory they allocated before).
    NeedsGrow { min_bytes: usize },
    /// The heap reached its maximum size: the program raises `OutOfMemoryError`.
    OutOfMemory,
}

/// The reflective objects that live outside the heap and are boxed as a `u32` id
/// (layout in `codegen::abi`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
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
#[derive(Debug)]
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
        }
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

/// Rounds `n` up to the box alignment.
pub fn align_up(n: u64) -> u64 {
    let a = abi::BOX_ALIGN as u64;
    n.div_ceil(a) * a
}

impl<'a> HeapCtx<'a> {
    pub fn new(mem: &'a mut [u8], objects: &'a mut Objects, types: &'a mut TypeStore) -> HeapCtx<'a> {
        HeapCtx { mem, objects, types }
    }

    /// Sets up the fixed cells of a fresh memory: the bump pointer at `HEAP_START` and the limit.
    /// The step budget cell is the session's.
    pub fn init(&mut self) {
        // The two Bool boxes live at fixed addresses below the heap, so generated code boxes a
        // Bool with a `select` of two constants.
        abi::write_fixed_boxes(self.mem);
        self.objects.bools = [abi::FALSE_BOX_ADDR, abi::TRUE_BOX_ADDR];
        self.write_u32(abi::HEAP_PTR_ADDR, abi::HEAP_START);
        self.sync_limit();
    }

    /// Writes the limit cell from the memory's current size (call after growing it), so
    /// generated code's inline bump path and `alloc` agree.
    pub fn sync_limit(&mut self) {
        let limit = self.mem.len().min(self.objects.max_heap).min(u32::MAX as usize) as u32;
        self.write_u32(abi::HEAP_LIMIT_ADDR, limit);
    }

    /// Allocates `size` bytes (rounded up to 8) from the shared bump pointer; zero-filled only
    /// if the memory was (wasm memory and fresh `Vec`s are).
    pub fn alloc(&mut self, size: u32) -> Result<u32, HeapError> {
        let ptr = align_up(self.read_u32(abi::HEAP_PTR_ADDR).max(abi::HEAP_START) as u64);
        let end = ptr + align_up(size as u64);
        if end as usize > self.objects.max_heap || end > u32::MAX as u64 {
            return Err(HeapError::OutOfMemory);
        }
        if end as usize > self.mem.len() {
            return Err(HeapError::NeedsGrow { min_bytes: end as usize });
        }
        self.write_u32(abi::HEAP_PTR_ADDR, end as u32);
        self.sync_limit();
        Ok(ptr as u32)
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

    /// Bytes allocated so far.
    #[cfg(test)]
    pub fn heap_used(&self) -> u32 {
        self.read_u32(abi::HEAP_PTR_ADDR).saturating_sub(abi::HEAP_START)
    }

    /// Allocates a box with its header written.
    pub fn alloc_box(&mut self, tag: Ty, aux: u32, payload: u32) -> Result<u32, HeapError> {
        let p = self.alloc(abi::HEADER_SIZE + payload)?;
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

/// A 1 MiB `Vec<u8>` heap for unit tests.
#[cfg(test)]
pub(crate) fn with_heap<T>(f: impl FnOnce(&mut HeapCtx) -> T) -> T {
    let mut mem = vec![0u8; 1 << 20];
    let mut objects = Objects::new(1 << 20);
    let mut types = TypeStore::new();
    let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
    cx.init();
    f(&mut cx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_bumps_aligned_and_asks_to_grow() {
        let mut mem = vec![0u8; 128];
        let mut objects = Objects::new(1024);
        let mut types = TypeStore::new();
        let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
        cx.init();
        assert_eq!(cx.read_u32(abi::HEAP_LIMIT_ADDR), 128);
        assert_eq!(cx.alloc(3), Ok(64));
        assert_eq!(cx.alloc(8), Ok(72));
        assert_eq!(cx.alloc(48), Ok(80));
        assert_eq!(cx.alloc(1), Err(HeapError::NeedsGrow { min_bytes: 136 }));
        assert_eq!(cx.alloc(2000), Err(HeapError::OutOfMemory));
        assert_eq!(cx.heap_used(), 64);
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
