//! The method and backedge indexes against a full scan: random signatures over types with the
//! awkward cases (a struct below a concrete type, types below `Type{Int64}` and `typeof(f)`,
//! unions, `Any`, `Union{}`, varargs, constructors, an overlay table), compared lookup by lookup
//! and invalidation by invalidation.

use std::rc::Rc;

use types::{CodeInstanceId, ConstValue, DataKind, Field, Lattice, MethodId, MethodTableId, Ty};

use crate::{Edge, NewMethod, World};

/// xorshift64: the same sequence on every run, no dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick(&mut self, pool: &[Ty]) -> Ty {
        pool[self.below(pool.len())]
    }
}

/// Function types and argument types to draw signatures from; the same ids in every world
/// built by this function (they are interned first, in a fixed order).
struct Pools {
    funcs: Vec<Ty>,
    args: Vec<Ty>,
    overlay: MethodTableId,
}

fn pools(w: &mut World) -> Pools {
    let f = w.define_function("Main", "f");
    let g = w.define_function("Main", "g");
    let h = w.define_function("Main", "h");
    let s = &mut w.types;
    let a = s.define("A", "", Ty::ANY, DataKind::Abstract);
    let s1 = s.define_struct("S1", a, false, vec![]);
    let s2 = s.define_struct("S2", a, false, vec![]);
    let below_int = s.define_struct("W", Ty::INT64, false, vec![]);
    let below_struct = s.define("B", "", s1, DataKind::Abstract);
    let c = s.define_struct("C", below_struct, false, vec![]);
    let p = s.define_struct("P", Ty::ANY, false, vec![Field { name: "x".into(), ty: Ty::ANY }]);
    let type_p = s.type_type(p);
    let type_int = s.type_type(Ty::INT64);
    let below_type_int = s.define("TI", "", type_int, DataKind::Abstract);
    let below_datatype = s.define_struct("DT2", Ty::DATATYPE, false, vec![]);
    let below_f = s.define_struct("SubF", f, false, vec![]);
    let f_or_g = s.union(&[f, g]);
    let int_or_string = s.union(&[Ty::INT64, Ty::STRING]);
    let vector_int = s.vector_of(Ty::INT64);
    let tuple_int = s.tuple(vec![Ty::INT64]);
    let funcs = vec![f, f, f, f, g, g, h, type_p, type_int, Ty::FUNCTION, Ty::ANY, f_or_g, below_f, Ty::TYPE];
    let args = vec![
        Ty::INT64,
        Ty::INT64,
        Ty::FLOAT64,
        Ty::BOOL,
        Ty::NUMBER,
        Ty::INTEGER,
        Ty::ANY,
        Ty::STRING,
        Ty::NOTHING,
        int_or_string,
        vector_int,
        Ty::VECTOR,
        type_int,
        Ty::TYPE,
        Ty::DATATYPE,
        Ty::UNIONALL,
        Ty::TUPLE,
        tuple_int,
        s1,
        s2,
        a,
        below_int,
        below_struct,
        c,
        p,
        type_p,
        Ty::BOTTOM,
        below_type_int,
        below_datatype,
    ];
    let overlay = w.new_method_table("Overlay");
    Pools { funcs, args, overlay }
}

fn random_method(w: &mut World, rng: &mut Rng, pools: &Pools) -> MethodId {
    let func_ty = rng.pick(&pools.funcs);
    let arity = rng.below(4);
    let arg_types: Vec<Ty> = (0..arity).map(|_| rng.pick(&pools.args)).collect();
    let body = Rc::new(ir::Body::new(vec![None; arity + 1]));
    w.add_method(NewMethod {
        name: "m".into(),
        module: "Main".into(),
        func_ty,
        is_vararg: arity > 0 && rng.below(5) == 0,
        arg_types,
        source: body.clone(),
        lowered: body,
        inline: None,
        table: if rng.below(5) == 0 { pools.overlay } else { MethodTableId(0) },
        span: ir::Span::default(),
    })
}

fn random_sig(w: &mut World, rng: &mut Rng, pools: &Pools) -> Ty {
    let mut elems = vec![rng.pick(&pools.funcs)];
    elems.extend((0..rng.below(4)).map(|_| rng.pick(&pools.args)));
    if rng.below(10) == 0 {
        let last = rng.pick(&pools.args);
        w.types.tuple_vararg(elems, last)
    } else {
        w.types.tuple(elems)
    }
}

/// What the lookups answer for `sig` in `table` at `world`, as text.
fn lookups(w: &mut World, table: MethodTableId, sig: Ty, world: u64) -> String {
    let matches = w.find_matches_uncached(table, sig, world);
    format!("{matches:?} {:?}", w.dispatch_uncached(table, sig, world))
}

#[test]
fn candidates_contain_every_method_a_lookup_can_select_in_insertion_order() {
    let mut w = World::new();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let pools = pools(&mut w);
    for _ in 0..300 {
        random_method(&mut w, &mut rng, &pools);
    }
    let mut narrowed = 0;
    for _ in 0..600 {
        let sig = random_sig(&mut w, &mut rng, &pools);
        for table in [MethodTableId(0), pools.overlay] {
            let candidates = w.candidate_methods(table, sig);
            assert!(candidates.windows(2).all(|p| p[0] < p[1]), "not in insertion order: {candidates:?}");
            for m in w.tables[table.index()].methods.clone() {
                let msig = w.method(m).sig;
                let meets = w.types.intersect(sig, msig) != Ty::BOTTOM
                    || w.types.issubtype(sig, msig)
                    || w.types.type_equal(sig, msig);
                assert!(
                    !meets || candidates.contains(&m),
                    "{} is missing {} from its candidates",
                    w.types.display(sig),
                    w.types.display(msig)
                );
            }
            if candidates.len() < w.tables[table.index()].methods.len() {
                narrowed += 1;
            }
        }
    }
    // Lookups of `g`, `h` and constructors with concrete arguments must be narrowed (those of
    // `f` scan: `SubF <: typeof(f)` lies below it; those of abstract functions scan).
    assert!(narrowed > 400, "only {narrowed} of 1200 lookups were narrowed");
}

#[test]
fn lookups_match_a_full_scan_in_every_world() {
    let mut w = World::new();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let pools = pools(&mut w);
    for _ in 0..200 {
        random_method(&mut w, &mut rng, &pools);
    }
    let newest = w.world_counter();
    let mut differing = 0;
    for _ in 0..300 {
        let sig = random_sig(&mut w, &mut rng, &pools);
        let table = if rng.below(3) == 0 { pools.overlay } else { MethodTableId(0) };
        for world in [1, 2 + rng.below(newest as usize - 1) as u64, newest] {
            w.scan_everything = false;
            let indexed = lookups(&mut w, table, sig, world);
            w.scan_everything = true;
            let scanned = lookups(&mut w, table, sig, world);
            assert_eq!(indexed, scanned, "{} in world {world}", w.types.display(sig));
            differing += usize::from(world > 1 && !indexed.starts_with("MatchResult { matches: [],"));
        }
    }
    assert!(differing > 100, "too few lookups found a method ({differing})");
}

/// `find_matches` answers from its cache what a fresh lookup answers, in the world asked
/// about, while methods keep being added (each in a new world).
#[test]
fn cached_lookups_answer_as_fresh_ones_as_methods_are_added() {
    let mut w = World::new();
    let mut rng = Rng(0x6a09_e667_f3bc_c908);
    let pools = pools(&mut w);
    let mut asked: Vec<(MethodTableId, Ty, u64)> = Vec::new();
    let mut hits = 0;
    for round in 0..40 {
        for _ in 0..5 {
            random_method(&mut w, &mut rng, &pools);
        }
        for _ in 0..20 {
            let sig = random_sig(&mut w, &mut rng, &pools);
            let table = if rng.below(3) == 0 { pools.overlay } else { MethodTableId(0) };
            asked.push((table, sig, w.world_counter()));
        }
        // Every lookup asked so far, again: the old worlds' answers came from the cache.
        for &(table, sig, world) in &asked {
            let made = w.lookups_made;
            let cached = w.find_matches(table, sig, world);
            hits += usize::from(w.lookups_made == made);
            assert_eq!(cached, w.find_matches_uncached(table, sig, world), "round {round}");
        }
    }
    // This world has few functions and keeps adding methods to them: most answers go stale.
    assert!(hits > 2_000, "the cache answered only {hits} of {} lookups", 20 * 20 * 41);
}

/// Builds the same random world twice, one that scans and one that uses its indexes: methods,
/// CodeInstances with dispatch, invoke and method-table edges on random signatures, then more
/// methods, each of which must invalidate the same CodeInstances in both.
#[test]
fn invalidation_matches_a_full_scan_and_examines_less() {
    let (mut indexed, mut scanned) = (World::new(), World::new());
    scanned.scan_everything = true;
    let mut checked = [0, 0];
    let mut invalidated = 0;
    let (mut rng_a, mut rng_b) = (Rng(0xdead_beef_cafe_f00d), Rng(0xdead_beef_cafe_f00d));
    let mut runs = [(&mut indexed, &mut rng_a), (&mut scanned, &mut rng_b)];
    let mut results: [Vec<Vec<CodeInstanceId>>; 2] = [vec![], vec![]];
    for (i, (w, rng)) in runs.iter_mut().enumerate() {
        let pools = pools(w);
        let methods: Vec<MethodId> = (0..120).map(|_| random_method(w, rng, &pools)).collect();
        for _ in 0..200 {
            let method = methods[rng.below(methods.len())];
            let spec = w.method(method).sig;
            let mi = w.specialize(method, spec);
            let mut ci = w.blank_ci(mi, ConstValue::nothing(), w.world_counter(), Lattice::ANY);
            for _ in 0..3 {
                let sig = random_sig(w, rng, &pools);
                let callee = methods[rng.below(methods.len())];
                let callee_sig = w.method(callee).sig;
                let callee_mi = w.specialize(callee, callee_sig);
                ci.edges.push(match rng.below(4) {
                    0 => Edge::MethodTable { sig },
                    1 => Edge::Invoke { sig, mi: callee_mi },
                    _ => Edge::Dispatch { sig, mi: callee_mi },
                });
            }
            w.insert_ci(ci);
        }
        for _ in 0..60 {
            random_method(w, rng, &pools);
            let mut capped = w.last_invalidation().invalidated.clone();
            capped.sort();
            results[i].push(capped);
            checked[i] += w.last_invalidation().checked_method_instances;
        }
    }
    for (a, b) in results[0].iter().zip(&results[1]) {
        assert_eq!(a, b);
        invalidated += a.len();
    }
    assert!(invalidated > 20, "the random edges invalidated too little ({invalidated})");
    assert!(
        checked[0] < checked[1],
        "the index examined {} MethodInstances, the scan {}",
        checked[0],
        checked[1]
    );
}
