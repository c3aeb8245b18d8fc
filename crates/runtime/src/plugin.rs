//! The compiler-plugin API's builtin (SEMANTICS.md §3.1): `typeinf(owner, mi, mode)`, the
//! optimized generic through which a compiler switches interpreters (PR #56660). The rest of
//! the API lives where its concept does: `invoke(f, ci, args...)` with Julia's checks in
//! `call::invoke`, owner-aware dispatch in `call::dispatch`, curing and `drop_native_code!` in
//! `compile`.
//!
//! It does not decide what an owner stands for (`infer::interp_for_owner` and
//! `World::owner_settings` do).

use ir::RtValue;
use types::{CodeInstanceId, Ty};

use crate::compile;
use crate::heap::ObjectRef;
use crate::host::Host;
use crate::raise::{raise, throw_error_message, with_heap, Thrown};

/// `SOURCE_MODE_ABI` (Compiler/src/typeinfer.jl): the CodeInstance must be callable now.
pub const SOURCE_MODE_ABI: i64 = 1;

/// `Core._typeinf(owner, mi, source_mode)` (`Core.OptimizedGenerics.CompilerPlugins.typeinf`):
/// a CodeInstance of `mi` for `owner` valid in the task's world; with `SOURCE_MODE_ABI` it also
/// has optimized IR (its module is compiled lazily, on its first call).
pub fn typeinf(host: &mut dyn Host, args: &[RtValue]) -> Result<RtValue, Thrown> {
    let [owner, mi, mode] = args else {
        return Err(throw_error_message(host, "typeinf: expected (owner, mi, source_mode)"));
    };
    let Some(owner) = with_heap(host, |cx| Ok(cx.const_of(*owner)))? else {
        return Err(throw_error_message(host, "invokelab: a cache owner must be an immutable value"));
    };
    let mi = match with_heap(host, |cx| Ok(cx.object_of(*mi)))? {
        Some(ObjectRef::MethodInstance(mi)) => mi,
        _ => {
            let got = *mi;
            return Err(raise(host, |cx| crate::errors::type_error(cx, "typeinf", Ty::METHOD_INSTANCE, got)));
        }
    };
    let ci = compile::infer(host, &owner, mi)?;
    if matches!(mode, RtValue::Int(SOURCE_MODE_ABI)) {
        compile::optimize(host, ci)?;
    }
    code_instance_value(host, ci)
}

/// The boxed CodeInstance object.
pub fn code_instance_value(host: &mut dyn Host, ci: CodeInstanceId) -> Result<RtValue, Thrown> {
    with_heap(host, |cx| cx.object_box(ObjectRef::CodeInstance(ci)).map(RtValue::Ref))
}
