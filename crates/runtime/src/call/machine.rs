//! The reference interpreter's engine (`ir::Machine` over the session): a top-level thunk, which
//! may define methods and types, or a CodeInstance's body, whose calls go back through the call
//! path (`call`); and the operations both engines share: globals, definitions, the step count.

use std::rc::Rc;

use ir::{Builtin, GlobalRef, LoweredProgram, MethodDef, RtValue, Span, TypeDef};
use types::{ConstValue, Field, MethodTableId, Ty};

use crate::code::OwnerId;
use crate::host::Host;
use crate::raise::{raise, throw_error_message, with_heap, with_roots, Thrown};

/// Reads a global binding: a constant, or the value a non-constant global holds.
pub fn global_get(host: &mut dyn Host, g: &GlobalRef) -> Result<RtValue, Thrown> {
    let session = host.session();
    if let Some(c) = session.world.resolve_const(g).cloned() {
        return super::constant(host, &c);
    }
    let resolved = session.world.resolve(g).map(|(module, _)| module);
    let key_module = resolved.unwrap_or_else(|| g.module.clone());
    if let Some(&addr) = session.globals.get(&(key_module, g.name.clone())) {
        return with_heap(host, |cx| Ok(cx.value_of(addr)));
    }
    let name = g.name.clone();
    let module = g.module.clone();
    Err(raise(host, |cx| crate::errors::undef_var_error(cx, &name, &module)))
}

pub fn global_set(host: &mut dyn Host, g: &GlobalRef, value: RtValue, constant: bool) -> Result<(), Thrown> {
    if constant {
        let c = with_heap(host, |cx| Ok(cx.const_of(value)))?;
        let defined = match c {
            Some(c) => host.session().world.redefine_const(&g.module, &g.name, c),
            // A mutable object: stored as a global's value is, typed for code that reads it.
            None => {
                let (addr, ty) = with_heap(host, |cx| Ok((cx.box_value(value)?, cx.type_of(value))))?;
                let session = host.session();
                let defined = session.world.set_const_object(&g.module, &g.name, ty);
                if defined.is_ok() {
                    session.globals.insert((g.module.clone(), g.name.clone()), addr);
                }
                defined
            }
        };
        return defined.map_err(|e| throw_error_message(host, &e.to_string()));
    }
    let session = host.session();
    if session.world.binding(&g.module, &g.name).is_some_and(|b| b.constant) {
        let message = format!(
            "invalid assignment to constant {}.{}. This redefinition may be permitted using the `const` keyword.",
            g.module, g.name
        );
        return Err(throw_error_message(host, &message));
    }
    let addr = with_heap(host, |cx| cx.box_value(value))?;
    let session = host.session();
    session.world.declare_global(&g.module, &g.name);
    session.globals.insert((g.module.clone(), g.name.clone()), addr);
    Ok(())
}

/// A type operand's value as a type (`x::Int64` evaluates `Int64`).
fn as_type(host: &mut dyn Host, v: RtValue) -> Result<Ty, Thrown> {
    let t = with_heap(host, |cx| Ok(cx.type_value(v)))?;
    match t {
        Some(t) => Ok(t),
        None => Err(throw_error_message(host, "invokelab: a type annotation must be a type")),
    }
}

/// Runs a `MethodDef`: creates the function if needed and adds the method in a new world.
pub fn define_method(
    host: &mut dyn Host,
    program: &LoweredProgram,
    def: &MethodDef,
    arg_types: &[RtValue],
    table: Option<RtValue>,
    span: Span,
) -> Result<(), Thrown> {
    let mut types = Vec::with_capacity(arg_types.len());
    for &t in arg_types {
        types.push(as_type(host, t)?);
    }
    // The `where` bounds come last (`ir::Machine::define_method`).
    let bounds = types.split_off(types.len().saturating_sub(def.type_params.len()));
    // A method of callable objects (a closure's): `#self#` has the first declared type.
    let self_type = match def.self_type {
        true if !types.is_empty() => Some(types.remove(0)),
        _ => None,
    };
    let table = match table {
        Some(v) => match with_heap(host, |cx| Ok(cx.const_of(v)))? {
            Some(ConstValue::MethodTable(t)) => t,
            _ => return Err(throw_error_message(host, "invokelab: @overlay needs a method table")),
        },
        None => MethodTableId(0),
    };
    let Some(lowered) = program.methods.get(def.body as usize) else {
        return Err(throw_error_message(host, "invokelab: method body missing"));
    };
    let session = host.session();
    let func_ty = match self_type {
        Some(t) => t,
        None => {
            // A builtin seen through `using` (`Core._which` from Base) is shadowed by a new
            // function of the defining module (`Base._which`), as an implicitly imported
            // binding is in Julia.
            let own_binding = session.world.binding(&def.name.module, &def.name.name).is_some();
            let resolved = match session.world.resolve_const(&def.name).cloned() {
                Some(ConstValue::Builtin(_)) if !own_binding => None,
                other => other,
            };
            match resolved {
                Some(ConstValue::Singleton(ty)) => ty,
                Some(ConstValue::Type(t)) => session.world.types.type_type(t),
                Some(_) => {
                    let name = def.name.name.clone();
                    return Err(throw_error_message(
                        host,
                        &format!("invalid method definition: `{name}` is not a function"),
                    ));
                }
                None => session.world.define_function(&def.name.module, &def.name.name),
            }
        }
    };
    let ssa = lower::construct_ssa(&lowered.body);
    session.world.add_method_where(
        world::NewMethod {
            name: lowered.name.clone(),
            module: def.name.module.clone(),
            func_ty,
            arg_types: types,
            is_vararg: def.is_vararg,
            source: Rc::new(ssa),
            lowered: Rc::new(lowered.body.clone()),
            inline: def.inline,
            table,
            span,
        },
        bounds,
    );
    Ok(())
}

/// Runs a `TypeDef`: defines an abstract or struct type and binds its name.
pub fn define_type(
    host: &mut dyn Host,
    def: &TypeDef,
    supertype: Option<RtValue>,
    field_types: &[Option<RtValue>],
) -> Result<(), Thrown> {
    let sup = match supertype {
        Some(v) => as_type(host, v)?,
        None => Ty::ANY,
    };
    let mut fields = Vec::new();
    if let Some(defs) = &def.fields {
        for ((name, _), t) in defs.iter().zip(field_types) {
            let ty = match t {
                Some(v) => as_type(host, *v)?,
                None => Ty::ANY,
            };
            fields.push(Field { name: name.clone(), ty });
        }
    }
    let session = host.session();
    let store = &mut session.world.types;
    let ty = match def.fields {
        None => store.define(&def.name.name, "", sup, types::DataKind::Abstract),
        Some(_) if def.closure => {
            let display = format!("var\"{}\"", def.name.name);
            store.define_closure(&display, fields.into_iter().map(|f| f.name).collect())
        }
        Some(_) => store.define_struct(&def.name.name, sup, def.mutable, fields),
    };
    if let Some(d) = store.def_of(ty) {
        if !def.params.is_empty() {
            store.set_param_names(d, def.params.clone());
        }
    }
    match session.world.set_const(&def.name.module, &def.name.name, ConstValue::Type(ty)) {
        Ok(()) => Ok(()),
        Err(_) => {
            let name = def.name.name.clone();
            Err(throw_error_message(host, &format!("invalid redefinition of constant {name}")))
        }
    }
}

/// Charges `amount` steps against the budget shared with generated code (the `STEPS_ADDR`
/// cell), as `ir::steps` says: past what is left, the budget becomes -1 and the step-limit
/// error is raised.
pub fn charge_steps(host: &mut dyn Host, amount: u64) -> Result<(), Thrown> {
    let (mem, session) = host.heap();
    if session.options.step_budget <= 0 {
        return Ok(());
    }
    let addr = codegen::abi::STEPS_ADDR as usize;
    let Some(cell) = mem.get_mut(addr..addr + 8) else { return Ok(()) };
    let left = i64::from_le_bytes(cell.try_into().unwrap_or([0; 8]));
    let after = match u64::try_from(left) {
        Ok(l) if l >= amount => (l - amount) as i64,
        _ => -1,
    };
    cell.copy_from_slice(&after.to_le_bytes());
    if after < 0 {
        let limit = session.options.step_budget;
        return Err(raise(host, |cx| crate::errors::step_limit_error(cx, limit)));
    }
    Ok(())
}

/// The interpreter's view of the runtime: a top-level thunk (which may define methods and
/// types) or a CodeInstance's body.
pub struct RtMachine<'a> {
    host: &'a mut dyn Host,
    program: Option<&'a LoweredProgram>,
    /// The CodeInstance whose body runs (`None` for a top-level thunk): its owner is the owner
    /// the body's dynamic calls dispatch within.
    ci: Option<types::CodeInstanceId>,
    /// Whether the body is top-level code (a thunk, interpreted or compiled), whose statements
    /// are where an uncaught error's `top-level scope` line points.
    toplevel: bool,
}

/// The machine for top-level thunks of `program`.
pub struct TopMachine;
/// The machine for CodeInstance bodies.
pub struct CallMachine;

impl TopMachine {
    #[allow(clippy::new_ret_no_self)]
    pub fn new<'a>(host: &'a mut dyn Host, program: &'a LoweredProgram) -> RtMachine<'a> {
        RtMachine { host, program: Some(program), ci: None, toplevel: true }
    }
}

impl CallMachine {
    #[allow(clippy::new_ret_no_self)]
    pub fn new(host: &mut dyn Host) -> RtMachine<'_> {
        RtMachine { host, program: None, ci: None, toplevel: false }
    }

    /// The machine for the body of `ci` (a compiled top-level thunk's too).
    pub fn for_code_instance(host: &mut dyn Host, ci: types::CodeInstanceId) -> RtMachine<'_> {
        let toplevel = host.session().is_thunk(ci);
        RtMachine { host, program: None, ci: Some(ci), toplevel }
    }
}

impl RtMachine<'_> {
    /// Remembers where a top-level statement is, so an error report names the line of the
    /// expression that failed (Julia's `top-level scope` frame), not just the statement's start.
    fn note(&mut self, span: Span) {
        if self.toplevel && span != Span::default() {
            self.host.session().toplevel_span = Some(span);
        }
    }

    /// The error just raised was raised at `span` of the running body, not inside an
    /// instruction (a branch's condition, a step charge): its stack trace starts there, as
    /// generated code passes that position to the import that raises.
    fn raised_here(&mut self, span: Span) {
        let ci = if self.toplevel { None } else { self.ci };
        let position = crate::session::Position { span, ci, ..Default::default() };
        let site = self.host.session().position_id(position);
        self.insert_site(site);
    }

    /// Puts `site` first in the backtrace of the exception raised last.
    fn insert_site(&mut self, site: u32) {
        if let Some(top) = self.host.session().exceptions.last_mut() {
            top.backtrace.insert(0, site);
            top.backtrace.truncate(crate::raise::MAX_BACKTRACE);
        }
    }

    /// The position id of `inst` of the running body (`session::Position`).
    fn position(&mut self, body: &ir::Body, inst: ir::Inst, frames: u32) -> u32 {
        let span = body.spans.get(inst).copied().unwrap_or_default();
        let inlined: Vec<(types::CodeInstanceId, Span)> =
            body.inline_chain(inst).map(|f| (f.callee, f.call_span)).collect();
        let ci = if self.toplevel { None } else { self.ci };
        let position = crate::session::Position { span, ci, inlined: inlined.into(), frames };
        self.host.session().position_id(position)
    }

    /// The cache owner of the running body (`nothing` at top level).
    fn owner(&mut self) -> OwnerId {
        match self.ci {
            Some(ci) => super::owner_of(self.host, ci),
            None => OwnerId::NATIVE,
        }
    }
}

impl ir::Machine for RtMachine<'_> {
    fn constant(&mut self, c: &ConstValue) -> RtValue {
        super::constant(self.host, c).unwrap_or(RtValue::Ref(0))
    }

    fn global_get(&mut self, g: &GlobalRef, _span: Span) -> Result<RtValue, Thrown> {
        global_get(self.host, g)
    }

    fn global_set(
        &mut self,
        g: &GlobalRef,
        value: RtValue,
        constant: bool,
        _span: Span,
    ) -> Result<(), Thrown> {
        with_roots(self.host, &[value], |host| global_set(host, g, value, constant))
    }

    fn declare_global(&mut self, g: &GlobalRef, _span: Span) -> Result<(), Thrown> {
        self.host.session().world.declare_global(&g.module, &g.name);
        Ok(())
    }

    fn call_builtin(&mut self, b: Builtin, args: &[RtValue], _span: Span) -> Result<RtValue, Thrown> {
        let owner = self.owner();
        super::with_caller_owner(self.host, owner, |host| super::call_builtin(host, b, args))
    }

    fn call_dynamic(&mut self, args: &[RtValue], _span: Span) -> Result<RtValue, Thrown> {
        let owner = self.owner();
        super::with_caller_owner(self.host, owner, |host| super::call_generic(host, args))
    }

    fn invoke(
        &mut self,
        ci: types::CodeInstanceId,
        args: &[RtValue],
        _span: Span,
    ) -> Result<RtValue, Thrown> {
        super::run_ci(self.host, ci, args)
    }

    fn new_struct(&mut self, ty: RtValue, fields: &[RtValue], _span: Span) -> Result<RtValue, Thrown> {
        let t = as_type(self.host, ty)?;
        with_roots(self.host, fields, |host| with_heap(host, |cx| cx.new_struct(t, fields).map(RtValue::Ref)))
    }

    fn as_builtin(&mut self, f: RtValue) -> Option<Builtin> {
        with_heap(self.host, |cx| Ok(cx.builtin_of(f))).ok().flatten()
    }

    fn as_type(&mut self, v: RtValue) -> Option<Ty> {
        with_heap(self.host, |cx| Ok(cx.type_value(v))).ok().flatten()
    }

    fn throw_divide_error(&mut self, _span: Span) -> Thrown {
        raise(self.host, crate::errors::divide_error)
    }

    fn throw_non_boolean(&mut self, cond: RtValue, span: Span) -> Thrown {
        self.note(span);
        let thrown = raise(self.host, |cx| crate::errors::bool_context_error(cx, cond));
        self.raised_here(span);
        thrown
    }

    fn throw_undef_local(&mut self, name: &str, span: Span) -> Thrown {
        self.note(span);
        raise(self.host, |cx| crate::errors::undef_var_error(cx, name, "local"))
    }

    fn throw_error(&mut self, message: &str, span: Span) -> Thrown {
        self.note(span);
        throw_error_message(self.host, message)
    }

    fn charge_steps(&mut self, amount: u64, span: Span) -> Result<(), Thrown> {
        let charged = charge_steps(self.host, amount);
        if charged.is_err() {
            self.note(span);
            self.raised_here(span);
        }
        charged
    }

    fn tracks_position(&self) -> bool {
        self.toplevel
    }

    fn note_position(&mut self, span: Span) {
        self.note(span);
    }

    fn enter_frames(&mut self, weight: u32, body: &ir::Body, inst: ir::Inst) -> Result<(), Thrown> {
        let site = self.position(body, inst, weight);
        super::enter_frames(self.host, weight)?;
        super::push_call_site(self.host, site);
        Ok(())
    }

    fn raised_at(&mut self, body: &ir::Body, inst: ir::Inst) {
        let site = self.position(body, inst, 0);
        self.insert_site(site);
    }

    fn leave_frames(&mut self, weight: u32) {
        super::leave_frames(self.host, weight)
    }

    fn push_frame(&mut self, roots: ir::FrameRoots) {
        self.host.session().frames.push(roots);
    }

    fn exception_depth(&mut self) -> u32 {
        crate::raise::exception_depth(self.host)
    }

    fn pop_exception(&mut self, depth: u32) {
        crate::raise::set_exception_depth(self.host, depth)
    }

    fn current_exception(&mut self, span: Span) -> Result<RtValue, Thrown> {
        match crate::raise::current_exception(self.host) {
            Some(exc) => Ok(exc),
            None => {
                Err(self.throw_error("interpreter: `the_exception` with no exception being handled", span))
            }
        }
    }

    fn catchable(&mut self, _thrown: &Thrown) -> bool {
        self.host.session().catchable()
    }

    fn pop_frame(&mut self) {
        self.host.session().frames.pop();
    }

    fn define_method(
        &mut self,
        def: &MethodDef,
        arg_types: &[RtValue],
        method_table: Option<RtValue>,
        span: Span,
    ) -> Result<(), Thrown> {
        let Some(program) = self.program else {
            return Err(throw_error_message(
                self.host,
                "invokelab: method definitions only run at top level",
            ));
        };
        define_method(self.host, program, def, arg_types, method_table, span)?;
        // The rest of the thunk runs in the newest world, as Julia's interpreter advances a
        // top-level thunk's world age after each statement (a closure defined at the start of
        // a statement is called later in it).
        let world = self.host.session().world.world_counter();
        crate::inline_cache::set_task_world(self.host, world);
        Ok(())
    }

    fn define_type(
        &mut self,
        def: &TypeDef,
        supertype: Option<RtValue>,
        field_types: &[Option<RtValue>],
        _span: Span,
    ) -> Result<(), Thrown> {
        define_type(self.host, def, supertype, field_types)
    }
}
