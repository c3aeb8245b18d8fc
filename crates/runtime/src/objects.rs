//! The object model over the heap: building and reading boxes with the layout of
//! `codegen::abi` (numbers, strings, symbols, tuples, structs, vectors, types, builtins and
//! reflective objects), materializing compile-time constants, and `===`.
//! It does not print (`show`) or raise language errors (`builtins`).

use codegen::abi;
use ir::{Builtin, RtValue};
use types::{BuiltinId, ConstValue, DataKind, Ty, TyKind};

use crate::heap::{HeapCtx, HeapError, ObjectRef};

type R<T> = Result<T, HeapError>;

/// Whether values of a box's tag hold a `Ty` payload (types used as values).
fn is_type_tag(tag: Ty) -> bool {
    matches!(tag, Ty::DATATYPE | Ty::UNION | Ty::UNIONALL | Ty::TYPEOFBOTTOM)
}

impl HeapCtx<'_> {
    // ----- bits values -----------------------------------------------------------------

    /// Boxes a value (bits values get a fresh box, Bools the interned one); a `Ref` is itself.
    pub fn box_value(&mut self, v: RtValue) -> R<u32> {
        match v {
            RtValue::Int(i) => self.box_bits(Ty::INT64, i as u64),
            RtValue::UInt(u) => self.box_bits(Ty::UINT64, u),
            RtValue::Float(f) => self.box_bits(Ty::FLOAT64, f.to_bits()),
            RtValue::Bool(b) => self.bool_box(b),
            RtValue::Bits(ty, bits) => self.box_bits(ty, bits),
            RtValue::Wide(ty, bits) => {
                // 16 bytes and no references: `aux` is the byte count, as for a string.
                let p = self.alloc_box(ty, 16, 16)?;
                self.write_u64(p + abi::PAYLOAD_OFFSET, bits as u64);
                self.write_u64(p + abi::PAYLOAD_OFFSET + 8, (bits >> 64) as u64);
                Ok(p)
            }
            RtValue::Ref(addr) => Ok(addr),
        }
    }

    fn box_bits(&mut self, tag: Ty, bits: u64) -> R<u32> {
        let p = self.alloc_box(tag, 0, 8)?;
        self.write_u64(p + abi::PAYLOAD_OFFSET, bits);
        Ok(p)
    }

    /// The interned box of `true` or `false`.
    pub fn bool_box(&mut self, b: bool) -> R<u32> {
        let i = b as usize;
        if self.objects.bools[i] == 0 {
            let p = self.alloc_box(Ty::BOOL, 0, 8)?;
            self.write_u32(p + abi::PAYLOAD_OFFSET, b as u32);
            self.objects.bools[i] = p;
        }
        Ok(self.objects.bools[i])
    }

    /// Reads a box: bits types unboxed, anything else `Ref(addr)`.
    pub fn value_of(&self, addr: u32) -> RtValue {
        let payload = addr + abi::PAYLOAD_OFFSET;
        match self.tag(addr) {
            Ty::INT64 => RtValue::Int(self.read_u64(payload) as i64),
            Ty::UINT64 => RtValue::UInt(self.read_u64(payload)),
            Ty::FLOAT64 => RtValue::Float(f64::from_bits(self.read_u64(payload))),
            Ty::BOOL => RtValue::Bool(self.read_u32(payload) != 0),
            tag if tag.is_small_bits() => RtValue::Bits(tag, self.read_u64(payload)),
            tag @ (Ty::INT128 | Ty::UINT128) => RtValue::Wide(
                tag,
                u128::from(self.read_u64(payload)) | (u128::from(self.read_u64(payload + 8)) << 64),
            ),
            _ => RtValue::Ref(addr),
        }
    }

    /// The concrete type of a value (`typeof`).
    pub fn type_of(&self, v: RtValue) -> Ty {
        match v {
            RtValue::Int(_) => Ty::INT64,
            RtValue::UInt(_) => Ty::UINT64,
            RtValue::Float(_) => Ty::FLOAT64,
            RtValue::Bool(_) => Ty::BOOL,
            RtValue::Bits(ty, _) | RtValue::Wide(ty, _) => ty,
            RtValue::Ref(addr) => self.tag(addr),
        }
    }

    /// `isa(v, t)`.
    pub fn isa(&self, v: RtValue, t: Ty) -> bool {
        let ty = self.type_of(v);
        if self.types.issubtype(ty, t) {
            return true;
        }
        // A type value `T` is also an instance of `Type{T}` (and of unions containing it).
        match self.type_value(v) {
            Some(tv) => self.types.union_members(t).into_iter().any(|m| self.types.type_param(m) == Some(tv)),
            None => false,
        }
    }

    // ----- strings and symbols ---------------------------------------------------------

    pub fn new_string(&mut self, s: &str) -> R<u32> {
        self.alloc_bytes_box(Ty::STRING, s.as_bytes())
    }

    fn alloc_bytes_box(&mut self, tag: Ty, bytes: &[u8]) -> R<u32> {
        let len = u32::try_from(bytes.len()).map_err(|_| HeapError::OutOfMemory)?;
        let p = self.alloc_box(tag, len, len)?;
        self.write_bytes(p + abi::PAYLOAD_OFFSET, bytes);
        Ok(p)
    }

    /// A string constant: one box per distinct text (strings are immutable).
    pub fn const_string(&mut self, s: &str) -> R<u32> {
        if let Some(&p) = self.objects.strings.get(s) {
            return Ok(p);
        }
        let p = self.new_string(s)?;
        self.objects.strings.insert(s.to_string(), p);
        Ok(p)
    }

    /// The bytes of a `String` or `Symbol` box.
    pub fn string_bytes(&self, addr: u32) -> &[u8] {
        self.bytes(addr + abi::PAYLOAD_OFFSET, self.aux(addr))
    }

    /// The text of a `String` or `Symbol` box (invalid UTF-8, which the subset cannot make,
    /// reads as the empty string).
    pub fn string_of(&self, addr: u32) -> &str {
        std::str::from_utf8(self.string_bytes(addr)).unwrap_or("")
    }

    /// The interned symbol `:name`.
    pub fn symbol(&mut self, name: &str) -> R<u32> {
        if let Some(&p) = self.objects.symbols.get(name) {
            return Ok(p);
        }
        let p = self.alloc_bytes_box(Ty::SYMBOL, name.as_bytes())?;
        self.objects.symbols.insert(name.to_string(), p);
        Ok(p)
    }

    // ----- tuples and structs ----------------------------------------------------------

    /// A tuple of these values; its type is the tuple of their types. `()` is a singleton.
    pub fn new_tuple(&mut self, fields: &[RtValue]) -> R<u32> {
        let elems = fields.iter().map(|&f| self.type_of(f)).collect();
        let ty = self.types.tuple(elems);
        self.new_struct(ty, fields)
    }

    /// An object of a struct or tuple type `ty` with these field values (not checked against
    /// the declared field types). Immutable types without fields give the interned singleton.
    pub fn new_struct(&mut self, ty: Ty, fields: &[RtValue]) -> R<u32> {
        if fields.is_empty() && self.types.is_singleton(ty) {
            return self.singleton(ty);
        }
        let mut boxes = Vec::with_capacity(fields.len());
        for &f in fields {
            boxes.push(self.box_value(f)?);
        }
        self.new_struct_boxed(ty, &boxes)
    }

    /// Like `new_struct` with the fields already boxed (0 = an undefined field, `#undef`).
    pub fn new_struct_boxed(&mut self, ty: Ty, boxes: &[u32]) -> R<u32> {
        let n = boxes.len() as u32;
        let p = self.alloc_box(ty, n, 4 * n)?;
        for (i, &b) in boxes.iter().enumerate() {
            self.write_u32(p + abi::PAYLOAD_OFFSET + 4 * i as u32, b);
        }
        Ok(p)
    }

    /// Number of fields of a tuple or struct object (0 for anything else).
    pub fn nfields(&self, v: RtValue) -> u32 {
        match v {
            RtValue::Ref(addr) if self.has_fields(self.tag(addr)) => self.aux(addr),
            _ => 0,
        }
    }

    /// Whether objects of this type store fields in the tuple/struct layout.
    pub fn has_fields(&self, ty: Ty) -> bool {
        match self.types.kind(ty) {
            TyKind::Tuple { .. } => true,
            TyKind::Data { def, .. } => matches!(self.types.datatype(*def).kind, DataKind::Struct { .. }),
            _ => false,
        }
    }

    /// The box address of field `i` (0-based); 0 if undefined or out of range.
    pub fn field_addr(&self, addr: u32, i: u32) -> u32 {
        if i >= self.aux(addr) {
            return 0;
        }
        self.read_u32(addr + abi::PAYLOAD_OFFSET + 4 * i)
    }

    /// Field `i` (0-based) of a tuple or struct; `None` if undefined or out of range.
    pub fn field(&self, addr: u32, i: u32) -> Option<RtValue> {
        match self.field_addr(addr, i) {
            0 => None,
            f => Some(self.value_of(f)),
        }
    }

    /// Stores field `i` (0-based; the caller checked the range and mutability).
    pub fn set_field(&mut self, addr: u32, i: u32, v: RtValue) -> R<()> {
        let b = self.box_value(v)?;
        self.write_u32(addr + abi::PAYLOAD_OFFSET + 4 * i, b);
        Ok(())
    }

    /// The index of the field named `name` of type `ty`.
    pub fn field_index(&self, ty: Ty, name: &str) -> Option<u32> {
        self.types.fields(ty).iter().position(|f| &*f.name == name).map(|i| i as u32)
    }

    // ----- vectors ---------------------------------------------------------------------

    /// An empty `Vector{elem}`.
    pub fn new_vector(&mut self, elem: Ty) -> R<u32> {
        let ty = self.types.vector_of(elem);
        let p = self.alloc_box(ty, 0, 16)?;
        self.write_u32(p + abi::VECTOR_LENGTH_OFFSET, 0);
        self.write_u32(p + abi::VECTOR_CAPACITY_OFFSET, 0);
        self.write_u32(p + abi::VECTOR_DATA_OFFSET, 0);
        Ok(p)
    }

    pub fn vector_length(&self, v: u32) -> u32 {
        self.read_u32(v + abi::VECTOR_LENGTH_OFFSET)
    }

    /// Element `i` (0-based), `None` out of bounds or undefined.
    pub fn vector_get(&self, v: u32, i: u32) -> Option<RtValue> {
        if i >= self.vector_length(v) {
            return None;
        }
        match self.read_u32(self.read_u32(v + abi::VECTOR_DATA_OFFSET) + 4 * i) {
            0 => None,
            b => Some(self.value_of(b)),
        }
    }

    /// Stores element `i` (0-based; the caller checked bounds).
    pub fn vector_set(&mut self, v: u32, i: u32, x: RtValue) -> R<()> {
        let b = self.box_value(x)?;
        let data = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
        self.write_u32(data + 4 * i, b);
        Ok(())
    }

    /// Appends an element, doubling the element storage (a `Memory`, `abi::MEMORY_TAG`) when
    /// it is full; the old storage becomes garbage. Nothing changes if an allocation fails.
    pub fn vector_push(&mut self, v: u32, x: RtValue) -> R<()> {
        let len = self.vector_length(v);
        let cap = self.read_u32(v + abi::VECTOR_CAPACITY_OFFSET);
        let b = self.box_value(x)?;
        if len == cap {
            self.vector_reallocate(v, cap.saturating_mul(2).max(4))?;
        }
        let data = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
        self.write_u32(data + 4 * len, b);
        self.write_u32(v + abi::VECTOR_LENGTH_OFFSET, len + 1);
        Ok(())
    }

    /// Moves the element storage (a `Memory`, `abi::MEMORY_TAG`) to a new one of `new_cap`
    /// slots holding the same elements; the old storage becomes garbage.
    fn vector_reallocate(&mut self, v: u32, new_cap: u32) -> R<()> {
        let len = self.vector_length(v);
        let bytes = new_cap.checked_mul(4).ok_or(HeapError::OutOfMemory)?;
        let data = self.alloc(bytes.checked_add(abi::HEADER_SIZE).ok_or(HeapError::OutOfMemory)?)?
            + abi::HEADER_SIZE;
        self.write_u32(data - abi::HEADER_SIZE + abi::TAG_OFFSET, abi::MEMORY_TAG);
        self.write_u32(data - abi::HEADER_SIZE + abi::AUX_OFFSET, new_cap);
        let old = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
        let old_bytes = self.bytes(old, 4 * len).to_vec();
        self.write_bytes(data, &old_bytes);
        self.write_u32(v + abi::VECTOR_DATA_OFFSET, data);
        self.write_u32(v + abi::VECTOR_CAPACITY_OFFSET, new_cap);
        Ok(())
    }

    /// Sets the length to `n`: growing leaves the new elements undefined (reallocating the
    /// storage to exactly `n` when it is too small), shrinking clears the dropped slots so the
    /// collector does not keep their values. Nothing changes if an allocation fails.
    pub fn vector_resize(&mut self, v: u32, n: u32) -> R<()> {
        let len = self.vector_length(v);
        let cap = self.read_u32(v + abi::VECTOR_CAPACITY_OFFSET);
        if n > cap {
            let new_cap = n.max(cap.saturating_mul(2)).max(4);
            self.vector_reallocate(v, new_cap)?;
            let data = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
            self.write_bytes(data + 4 * len, &vec![0; 4 * (new_cap - len) as usize]);
        } else {
            let data = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
            let (lo, hi) = (n.min(len), n.max(len));
            if hi > lo {
                self.write_bytes(data + 4 * lo, &vec![0; 4 * (hi - lo) as usize]);
            }
        }
        self.write_u32(v + abi::VECTOR_LENGTH_OFFSET, n);
        Ok(())
    }

    /// A new vector of `v`'s type with its element slots copied (undefined ones stay so).
    pub fn vector_copy(&mut self, v: u32) -> R<u32> {
        let elem = self.vector_elem_type(v).unwrap_or(Ty::ANY);
        let len = self.vector_length(v);
        let out = self.new_vector(elem)?;
        self.vector_resize(out, len)?;
        let (from, to) =
            (self.read_u32(v + abi::VECTOR_DATA_OFFSET), self.read_u32(out + abi::VECTOR_DATA_OFFSET));
        let slots = self.bytes(from, 4 * len).to_vec();
        self.write_bytes(to, &slots);
        Ok(out)
    }

    /// Moves `n` element slots from `from` to `to` (0-based, in bounds; may overlap).
    pub fn vector_move(&mut self, v: u32, to: u32, from: u32, n: u32) {
        let data = self.read_u32(v + abi::VECTOR_DATA_OFFSET);
        let slots = self.bytes(data + 4 * from, 4 * n).to_vec();
        self.write_bytes(data + 4 * to, &slots);
    }

    /// The element type of a vector object.
    pub fn vector_elem_type(&self, v: u32) -> Option<Ty> {
        self.types.vector_elem(self.tag(v))
    }

    // ----- types, singletons, builtins, reflective objects ------------------------------

    /// The interned box of the type `t` used as a value.
    pub fn type_box(&mut self, t: Ty) -> R<u32> {
        if let Some(&p) = self.objects.type_boxes.get(&t) {
            return Ok(p);
        }
        let tag = self.types.type_of_type(t);
        let p = self.alloc_box(tag, 0, 8)?;
        self.write_u32(p + abi::PAYLOAD_OFFSET, t.0);
        self.objects.type_boxes.insert(t, p);
        Ok(p)
    }

    /// The type a value stands for, if it is a type (`Int64`, `Union{}`, `Vector`).
    pub fn type_value(&self, v: RtValue) -> Option<Ty> {
        match v {
            RtValue::Ref(addr) if is_type_tag(self.tag(addr)) => {
                Some(Ty(self.read_u32(addr + abi::PAYLOAD_OFFSET)))
            }
            _ => None,
        }
    }

    /// The interned instance of a singleton type (`nothing`, a function, `()`).
    pub fn singleton(&mut self, ty: Ty) -> R<u32> {
        if let Some(&p) = self.objects.singletons.get(&ty) {
            return Ok(p);
        }
        let p = self.alloc_box(ty, 0, 0)?;
        self.objects.singletons.insert(ty, p);
        Ok(p)
    }

    pub fn nothing(&mut self) -> R<RtValue> {
        self.singleton(Ty::NOTHING).map(RtValue::Ref)
    }

    /// The interned box of a builtin or intrinsic function.
    pub fn builtin_box(&mut self, b: Builtin) -> R<u32> {
        let id = b.id().0;
        if let Some(&p) = self.objects.builtin_boxes.get(&id) {
            return Ok(p);
        }
        let p = self.alloc_box(Ty::INTRINSIC_FUNCTION, 0, 8)?;
        self.write_u32(p + abi::PAYLOAD_OFFSET, id);
        self.objects.builtin_boxes.insert(id, p);
        Ok(p)
    }

    pub fn builtin_of(&self, v: RtValue) -> Option<Builtin> {
        match v {
            RtValue::Ref(addr) if self.tag(addr) == Ty::INTRINSIC_FUNCTION => {
                Builtin::from_id(BuiltinId(self.read_u32(addr + abi::PAYLOAD_OFFSET)))
            }
            _ => None,
        }
    }

    /// The interned box of a method, method instance, code instance or method table.
    pub fn object_box(&mut self, object: ObjectRef) -> R<u32> {
        if let Some(&p) = self.objects.object_boxes.get(&object) {
            return Ok(p);
        }
        let p = self.alloc_box(object.tag(), 0, 8)?;
        self.write_u32(p + abi::PAYLOAD_OFFSET, object.id());
        self.objects.object_boxes.insert(object, p);
        Ok(p)
    }

    pub fn object_of(&self, v: RtValue) -> Option<ObjectRef> {
        let RtValue::Ref(addr) = v else { return None };
        let id = self.read_u32(addr + abi::PAYLOAD_OFFSET);
        match self.tag(addr) {
            Ty::METHOD => Some(ObjectRef::Method(types::MethodId(id))),
            Ty::METHOD_INSTANCE => Some(ObjectRef::MethodInstance(types::MethodInstanceId(id))),
            Ty::CODE_INSTANCE => Some(ObjectRef::CodeInstance(types::CodeInstanceId(id))),
            Ty::METHOD_TABLE => Some(ObjectRef::MethodTable(types::MethodTableId(id))),
            _ => None,
        }
    }

    // ----- inline caches of dynamic calls -----------------------------------------------

    /// A new inline cache for a dynamic call site of `nargs` arguments (`abi`, "Inline caches
    /// of dynamic calls"): zeroed, a root for the rest of the session, never freed. Made for
    /// code on the runtime's own account, so `@allocated` does not count it.
    pub fn new_call_cache(&mut self, nargs: u32) -> R<u32> {
        let payload = abi::call_cache_payload(nargs);
        let p = self.alloc(abi::HEADER_SIZE + payload)?;
        self.write_u32(p + abi::TAG_OFFSET, abi::CALL_CACHE_TAG);
        self.write_u32(p + abi::AUX_OFFSET, payload);
        self.objects.call_caches.push(p);
        self.objects.space.uncounted_bytes +=
            u64::from((abi::HEADER_SIZE + payload).next_multiple_of(abi::BOX_ALIGN));
        Ok(p)
    }

    /// An inline cache's key for argument `i` of a call (`abi`, "Inline caches of dynamic
    /// calls"): the address of the function's box when it is interned (a singleton or a type,
    /// never freed, so the address names its dispatch type for the session), the tag of any
    /// other argument's box unless it is a type (dispatch sees `Type{T}`, which the tag does not
    /// tell). `None` when the argument cannot be a key.
    pub fn call_cache_key(&self, i: usize, v: RtValue) -> Option<u32> {
        let RtValue::Ref(addr) = v else {
            return None;
        };
        let tag = self.tag(addr);
        if i > 0 {
            return (!is_type_tag(tag)).then_some(tag.0);
        }
        let interned = match self.type_value(v) {
            Some(t) => self.objects.type_boxes.get(&t),
            None => self.objects.singletons.get(&tag),
        };
        (interned == Some(&addr)).then_some(addr)
    }

    // ----- constants ---------------------------------------------------------------------

    /// Materializes a compile-time constant (interned where Julia's object is unique).
    pub fn constant(&mut self, c: &ConstValue) -> R<RtValue> {
        Ok(match c {
            ConstValue::Int(i) => RtValue::Int(*i),
            ConstValue::UInt(u) => RtValue::UInt(*u),
            ConstValue::Float(f) => RtValue::Float(f.0),
            ConstValue::Bool(b) => RtValue::Bool(*b),
            ConstValue::Bits(ty, bits) => RtValue::Bits(*ty, *bits),
            ConstValue::Wide(ty, bits) => RtValue::Wide(*ty, *bits),
            ConstValue::Str(s) => RtValue::Ref(self.const_string(s)?),
            ConstValue::Symbol(s) => RtValue::Ref(self.symbol(s)?),
            ConstValue::Tuple(elems) => {
                let vals = self.constants(elems)?;
                RtValue::Ref(self.new_tuple(&vals)?)
            }
            ConstValue::Type(t) => RtValue::Ref(self.type_box(*t)?),
            ConstValue::Singleton(ty) => RtValue::Ref(self.singleton(*ty)?),
            ConstValue::Struct { ty, fields } => {
                let vals = self.constants(fields)?;
                RtValue::Ref(self.new_struct(*ty, &vals)?)
            }
            ConstValue::Builtin(id) => match Builtin::from_id(*id) {
                Some(b) => RtValue::Ref(self.builtin_box(b)?),
                None => self.nothing()?,
            },
            ConstValue::Method(id) => RtValue::Ref(self.object_box(ObjectRef::Method(*id))?),
            ConstValue::MethodInstance(id) => RtValue::Ref(self.object_box(ObjectRef::MethodInstance(*id))?),
            ConstValue::CodeInstance(id) => RtValue::Ref(self.object_box(ObjectRef::CodeInstance(*id))?),
            ConstValue::MethodTable(id) => RtValue::Ref(self.object_box(ObjectRef::MethodTable(*id))?),
        })
    }

    /// A constant as a value that stays valid for the whole session: tuples and structs are
    /// built once and kept as roots (`Objects::code_constants`); everything else `constant`
    /// makes is interned or a bits value already. Code holds these without rooting them.
    pub fn lasting_constant(&mut self, c: &ConstValue) -> R<RtValue> {
        if !matches!(c, ConstValue::Tuple(_) | ConstValue::Struct { .. }) {
            return self.constant(c);
        }
        if let Some(&p) = self.objects.code_constants.get(c) {
            return Ok(RtValue::Ref(p));
        }
        let v = self.constant(c)?;
        if let RtValue::Ref(p) = v {
            self.objects.code_constants.insert(c.clone(), p);
        }
        Ok(v)
    }

    /// The box of a constant that generated code embeds: made once, a root for the session.
    pub fn constant_box(&mut self, c: &ConstValue) -> R<u32> {
        if let Some(&p) = self.objects.code_constants.get(c) {
            return Ok(p);
        }
        let v = self.lasting_constant(c)?;
        let p = self.box_value(v)?;
        self.objects.code_constants.insert(c.clone(), p);
        Ok(p)
    }

    fn constants(&mut self, cs: &[ConstValue]) -> R<Vec<RtValue>> {
        cs.iter().map(|c| self.constant(c)).collect()
    }

    /// The compile-time constant equal (`===`) to a value, for values that have one: bits,
    /// strings, symbols, types, singletons, builtins, reflective objects, and tuples and
    /// immutable structs of those. `None` for mutable objects and vectors (identity matters).
    pub fn const_of(&self, v: RtValue) -> Option<ConstValue> {
        let addr = match v {
            RtValue::Int(i) => return Some(ConstValue::Int(i)),
            RtValue::UInt(u) => return Some(ConstValue::UInt(u)),
            RtValue::Float(f) => return Some(ConstValue::float(f)),
            RtValue::Bool(b) => return Some(ConstValue::Bool(b)),
            RtValue::Bits(ty, bits) => return Some(ConstValue::Bits(ty, bits)),
            RtValue::Wide(ty, bits) => return Some(ConstValue::Wide(ty, bits)),
            RtValue::Ref(addr) => addr,
        };
        let tag = self.tag(addr);
        if let Some(t) = self.type_value(v) {
            return Some(ConstValue::Type(t));
        }
        if let Some(b) = self.builtin_of(v) {
            return Some(ConstValue::Builtin(b.id()));
        }
        if let Some(o) = self.object_of(v) {
            return Some(match o {
                ObjectRef::Method(id) => ConstValue::Method(id),
                ObjectRef::MethodInstance(id) => ConstValue::MethodInstance(id),
                ObjectRef::CodeInstance(id) => ConstValue::CodeInstance(id),
                ObjectRef::MethodTable(id) => ConstValue::MethodTable(id),
            });
        }
        match tag {
            Ty::STRING => return Some(ConstValue::Str(self.string_of(addr).into())),
            Ty::SYMBOL => return Some(ConstValue::Symbol(self.string_of(addr).into())),
            _ => {}
        }
        let is_tuple = matches!(self.types.kind(tag), TyKind::Tuple { .. });
        if self.types.is_singleton(tag) && !is_tuple {
            return Some(ConstValue::Singleton(tag));
        }
        let immutable_struct =
            self.types.def_data(tag).is_some_and(|d| d.kind == DataKind::Struct { mutable: false });
        if !is_tuple && !immutable_struct {
            return None;
        }
        let fields: Option<Vec<ConstValue>> =
            (0..self.aux(addr)).map(|i| self.field(addr, i).and_then(|f| self.const_of(f))).collect();
        let fields = fields?;
        Some(if is_tuple {
            ConstValue::Tuple(fields.into())
        } else {
            ConstValue::Struct { ty: tag, fields: fields.into() }
        })
    }

    // ----- egal --------------------------------------------------------------------------

    /// Julia's `===`: bits values by type and bits, strings and symbols by content, tuples and
    /// immutable structs field by field, everything else (mutable structs, vectors) by address.
    pub fn egal(&self, a: RtValue, b: RtValue) -> bool {
        match (a, b) {
            (RtValue::Int(x), RtValue::Int(y)) => x == y,
            (RtValue::UInt(x), RtValue::UInt(y)) => x == y,
            (RtValue::Float(x), RtValue::Float(y)) => x.to_bits() == y.to_bits(),
            (RtValue::Bool(x), RtValue::Bool(y)) => x == y,
            (RtValue::Bits(tx, x), RtValue::Bits(ty, y)) => tx == ty && x == y,
            (RtValue::Wide(tx, x), RtValue::Wide(ty, y)) => tx == ty && x == y,
            (RtValue::Ref(x), RtValue::Ref(y)) => self.egal_boxes(x, y),
            _ => false,
        }
    }

    fn egal_boxes(&self, x: u32, y: u32) -> bool {
        if x == y {
            return true;
        }
        let tag = self.tag(x);
        if tag != self.tag(y) {
            return false;
        }
        // A box of a bits type: its value (`value_of` unboxes exactly those).
        let value = self.value_of(x);
        if !matches!(value, RtValue::Ref(_)) {
            return self.egal(value, self.value_of(y));
        }
        match tag {
            Ty::STRING | Ty::SYMBOL => self.string_bytes(x) == self.string_bytes(y),
            _ if is_type_tag(tag)
                || tag == Ty::INTRINSIC_FUNCTION
                || self.object_of(RtValue::Ref(x)).is_some() =>
            {
                self.read_u32(x + abi::PAYLOAD_OFFSET) == self.read_u32(y + abi::PAYLOAD_OFFSET)
            }
            _ => {
                let immutable = match self.types.kind(tag) {
                    TyKind::Tuple { .. } => true,
                    _ => self
                        .types
                        .def_data(tag)
                        .is_some_and(|d| d.kind == DataKind::Struct { mutable: false }),
                };
                immutable
                    && self.aux(x) == self.aux(y)
                    && (0..self.aux(x)).all(|i| match (self.field_addr(x, i), self.field_addr(y, i)) {
                        (0, 0) => true,
                        (0, _) | (_, 0) => false,
                        (fx, fy) => self.egal_boxes(fx, fy),
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::with_heap;
    use types::{Field, F64};

    /// The function is keyed by its box only when the box is interned; other arguments by their
    /// tag, except types (dispatch sees `Type{T}`, which every type's tag hides).
    #[test]
    fn inline_cache_keys() {
        with_heap(|cx| {
            let f = cx.types.define_function("f", false);
            let f_box = cx.singleton(f).unwrap();
            let int_box = cx.box_value(RtValue::Int(3)).unwrap();
            let float64 = cx.type_box(Ty::FLOAT64).unwrap();
            assert_eq!(cx.call_cache_key(0, RtValue::Ref(f_box)), Some(f_box));
            assert_eq!(cx.call_cache_key(0, RtValue::Ref(float64)), Some(float64));
            assert_eq!(cx.call_cache_key(0, RtValue::Ref(int_box)), None, "not interned");
            assert_eq!(cx.call_cache_key(1, RtValue::Ref(int_box)), Some(Ty::INT64.0));
            assert_eq!(cx.call_cache_key(1, RtValue::Ref(f_box)), Some(f.0));
            assert_eq!(cx.call_cache_key(1, RtValue::Ref(float64)), None, "a type");
            assert_eq!(cx.call_cache_key(1, RtValue::Int(3)), None, "not a box");
            let cache = cx.new_call_cache(2).unwrap();
            assert_eq!(cx.read_u32(cache), abi::CALL_CACHE_TAG);
            assert_eq!(cx.aux(cache), abi::call_cache_payload(2));
            assert!(cx.objects.interned_roots().any(|r| r == cache), "a root for the session");
        });
    }

    #[test]
    fn bits_values_box_and_unbox() {
        with_heap(|cx| {
            for v in [RtValue::Int(-5), RtValue::UInt(7), RtValue::Float(-0.0), RtValue::Bool(true)] {
                let b = cx.box_value(v).unwrap();
                assert_eq!(b % 8, 0);
                assert!(cx.egal(cx.value_of(b), v));
            }
            assert_eq!(cx.bool_box(false).unwrap(), cx.bool_box(false).unwrap());
            assert_ne!(cx.box_value(RtValue::Int(1)).unwrap(), cx.box_value(RtValue::Int(1)).unwrap());
            let b = cx.box_value(RtValue::Float(1.5)).unwrap();
            assert_eq!(cx.tag(b), Ty::FLOAT64);
        });
    }

    #[test]
    fn strings_and_symbols() {
        with_heap(|cx| {
            let s = cx.new_string("héllo").unwrap();
            assert_eq!(cx.string_of(s), "héllo");
            assert_eq!(cx.aux(s), 6);
            assert_eq!(cx.symbol("x").unwrap(), cx.symbol("x").unwrap());
            assert_ne!(cx.symbol("x").unwrap(), cx.symbol("y").unwrap());
            let t = cx.new_string("héllo").unwrap();
            assert_ne!(s, t);
            assert!(cx.egal(RtValue::Ref(s), RtValue::Ref(t)));
        });
    }

    #[test]
    fn vectors_grow_by_doubling() {
        with_heap(|cx| {
            let v = cx.new_vector(Ty::INT64).unwrap();
            assert_eq!(cx.types.display(cx.tag(v)), "Vector{Int64}");
            for i in 0..100 {
                cx.vector_push(v, RtValue::Int(i)).unwrap();
            }
            assert_eq!(cx.vector_length(v), 100);
            assert_eq!(cx.read_u32(v + abi::VECTOR_CAPACITY_OFFSET), 128);
            assert_eq!(cx.vector_get(v, 99), Some(RtValue::Int(99)));
            assert_eq!(cx.vector_get(v, 100), None);
            cx.vector_set(v, 0, RtValue::Int(-1)).unwrap();
            assert_eq!(cx.vector_get(v, 0), Some(RtValue::Int(-1)));
            assert_eq!(cx.vector_get(v, 1), Some(RtValue::Int(1)));
        });
    }

    #[test]
    fn push_asks_to_grow_without_changing_the_vector() {
        let len = crate::gc::Space::min_len() + 256;
        let mut mem = vec![0u8; len];
        let mut objects = crate::heap::Objects::new(len + (1 << 16));
        let mut types = types::TypeStore::new();
        let mut cx = HeapCtx::new(&mut mem, &mut objects, &mut types);
        cx.init().unwrap();
        let v = cx.new_vector(Ty::INT64).unwrap();
        let mut pushed = 0;
        let err = loop {
            match cx.vector_push(v, RtValue::Int(pushed)) {
                Ok(()) => pushed += 1,
                Err(e) => break e,
            }
        };
        assert!(matches!(err, HeapError::NeedsGrow { min_bytes } if min_bytes > len));
        assert_eq!(cx.vector_length(v) as i64, pushed);
    }

    #[test]
    fn egal_follows_julia() {
        with_heap(|cx| {
            let p =
                cx.types.define_struct("P", Ty::ANY, false, vec![Field { name: "x".into(), ty: Ty::ANY }]);
            let m = cx.types.define_struct("M", Ty::ANY, true, vec![Field { name: "x".into(), ty: Ty::ANY }]);
            let one = [RtValue::Int(1)];
            let (p1, p2) = (cx.new_struct(p, &one).unwrap(), cx.new_struct(p, &one).unwrap());
            let (m1, m2) = (cx.new_struct(m, &one).unwrap(), cx.new_struct(m, &one).unwrap());
            let t1 = cx.new_tuple(&[RtValue::Float(f64::NAN), RtValue::Ref(m1)]).unwrap();
            let t2 = cx.new_tuple(&[RtValue::Float(f64::NAN), RtValue::Ref(m1)]).unwrap();
            let t3 = cx.new_tuple(&[RtValue::Float(f64::NAN), RtValue::Ref(m2)]).unwrap();
            let r = RtValue::Ref;
            assert!(cx.egal(r(p1), r(p2)));
            assert!(!cx.egal(r(m1), r(m2)));
            assert!(cx.egal(r(m1), r(m1)));
            assert!(cx.egal(r(t1), r(t2)));
            assert!(!cx.egal(r(t1), r(t3)));
            assert!(!cx.egal(RtValue::Int(1), RtValue::Float(1.0)));
            assert!(!cx.egal(RtValue::Float(0.0), RtValue::Float(-0.0)));
            assert!(cx.egal(RtValue::Float(f64::NAN), RtValue::Float(f64::NAN)));
            assert!(!cx.egal(RtValue::Int(1), RtValue::UInt(1)));
        });
    }

    #[test]
    fn constants_materialize_and_round_trip() {
        with_heap(|cx| {
            let p =
                cx.types.define_struct("P", Ty::ANY, false, vec![Field { name: "x".into(), ty: Ty::ANY }]);
            let consts = [
                ConstValue::Int(3),
                ConstValue::Float(F64(2.5)),
                ConstValue::Str("hi".into()),
                ConstValue::Symbol("s".into()),
                ConstValue::Tuple(vec![ConstValue::Int(1), ConstValue::Bool(false)].into()),
                ConstValue::Type(Ty::FLOAT64),
                ConstValue::nothing(),
                ConstValue::Struct { ty: p, fields: vec![ConstValue::UInt(9)].into() },
                ConstValue::Builtin(Builtin::Getfield.id()),
                ConstValue::CodeInstance(types::CodeInstanceId(4)),
                ConstValue::Tuple(vec![].into()),
            ];
            for c in &consts {
                let v = cx.constant(c).unwrap();
                assert_eq!(cx.const_of(v).as_ref(), Some(c), "{c:?}");
                let ty = c.type_of(cx.types);
                assert_eq!(cx.type_of(v), ty, "{c:?}");
                let again = cx.constant(c).unwrap();
                assert!(cx.egal(v, again));
            }
            let s1 = cx.constant(&consts[2]).unwrap();
            assert_eq!(s1, cx.constant(&consts[2]).unwrap());
            let v = cx.new_vector(Ty::ANY).unwrap();
            assert_eq!(cx.const_of(RtValue::Ref(v)), None);
        });
    }

    #[test]
    fn isa_knows_type_values() {
        with_heap(|cx| {
            let int = RtValue::Ref(cx.type_box(Ty::INT64).unwrap());
            let tt = cx.types.type_type(Ty::INT64);
            assert!(cx.isa(int, tt));
            assert!(cx.isa(int, Ty::DATATYPE));
            assert!(cx.isa(int, Ty::TYPE));
            assert!(!cx.isa(int, Ty::INT64));
            assert!(cx.isa(RtValue::Int(1), Ty::INTEGER));
            assert!(!cx.isa(RtValue::Bool(true), Ty::SIGNED));
        });
    }
}
