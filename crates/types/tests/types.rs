//! Subtyping, unions and printing of the well-known types.

use types::{Lattice, Ty, TypeStore};

#[test]
fn well_known_types_print_like_julia() {
    let mut s = TypeStore::new();
    let v = s.vector_of(Ty::FLOAT64);
    let t = s.tuple(vec![Ty::INT64, Ty::FLOAT64]);
    let u = s.union(&[Ty::INT64, Ty::NOTHING]);
    let ty = s.type_type(Ty::INT64);
    let f = s.define_function("f", false);
    let printed: Vec<String> =
        [Ty::BOTTOM, Ty::ANY, v, t, u, ty, f, Ty::CODE_INSTANCE, Ty::TUPLE, Ty::EMPTY_TUPLE]
            .iter()
            .map(|&t| s.display(t))
            .collect();
    assert_eq!(
        printed,
        [
            "Union{}",
            "Any",
            "Vector{Float64}",
            "Tuple{Int64, Float64}",
            "Union{Nothing, Int64}",
            "Type{Int64}",
            "typeof(f)",
            "Core.CodeInstance",
            "Tuple",
            "Tuple{}"
        ]
    );
    assert_eq!(s.display(Ty::UNIT_RANGE_INT64), "UnitRange{Int64}");
    assert_eq!(s.display(Ty::STEP_RANGE_INT64), "StepRange{Int64, Int64}");
    assert_eq!(s.display(Ty::STEP_LIMIT_ERROR), "StepLimitError");
    assert_eq!(s.display(Ty::UNDEF_REF_ERROR), "UndefRefError");
}

#[test]
fn subtyping_follows_the_abstract_hierarchy() {
    let mut s = TypeStore::new();
    assert!(s.issubtype(Ty::INT64, Ty::SIGNED));
    assert!(s.issubtype(Ty::INT64, Ty::NUMBER));
    assert!(s.issubtype(Ty::BOOL, Ty::INTEGER));
    assert!(!s.issubtype(Ty::BOOL, Ty::SIGNED));
    assert!(s.issubtype(Ty::FLOAT64, Ty::REAL));
    assert!(!s.issubtype(Ty::REAL, Ty::FLOAT64));
    let vf = s.vector_of(Ty::FLOAT64);
    let va = s.vector_of(Ty::ANY);
    assert!(s.issubtype(vf, Ty::VECTOR));
    assert!(!s.issubtype(vf, va), "parameters are invariant");
    let t_if = s.tuple(vec![Ty::INT64, Ty::FLOAT64]);
    let t_rr = s.tuple(vec![Ty::REAL, Ty::REAL]);
    assert!(s.issubtype(t_if, t_rr));
    assert!(s.issubtype(t_if, Ty::TUPLE));
    let var = s.tuple_vararg(vec![Ty::INT64], Ty::REAL);
    assert!(s.issubtype(t_if, var));
    let ti = s.tuple(vec![Ty::INT64]);
    assert!(s.issubtype(ti, var));
    assert!(!s.issubtype(Ty::EMPTY_TUPLE, var));
    let type_int = s.type_type(Ty::INT64);
    assert!(s.issubtype(type_int, Ty::DATATYPE));
    assert!(s.issubtype(type_int, Ty::TYPE));
    assert!(s.issubtype(Ty::DATATYPE, Ty::TYPE));
    assert!(!s.issubtype(Ty::DATATYPE, type_int));
    let u = s.union(&[Ty::INT64, Ty::FLOAT64]);
    assert!(s.issubtype(u, Ty::REAL));
    assert!(s.issubtype(Ty::INT64, u));
}

#[test]
fn unions_simplify_and_intersect() {
    let mut s = TypeStore::new();
    assert_eq!(s.union(&[Ty::INT64, Ty::INTEGER]), Ty::INTEGER);
    assert_eq!(s.union(&[Ty::INT64, Ty::INT64]), Ty::INT64);
    assert_eq!(s.union(&[]), Ty::BOTTOM);
    let u = s.union(&[Ty::FLOAT64, Ty::INT64]);
    assert_eq!(s.display(u), "Union{Float64, Int64}");
    assert_eq!(s.intersect(Ty::REAL, Ty::INT64), Ty::INT64);
    assert_eq!(s.intersect(Ty::INT64, Ty::FLOAT64), Ty::BOTTOM);
    assert_eq!(s.intersect(u, Ty::SIGNED), Ty::INT64);
    let a = s.tuple(vec![Ty::INTEGER, Ty::ANY]);
    let b = s.tuple(vec![Ty::ANY, Ty::FLOAT64]);
    let expected = s.tuple(vec![Ty::INTEGER, Ty::FLOAT64]);
    assert_eq!(s.intersect(a, b), expected);
}

#[test]
fn lattice_join_widens_long_unions() {
    let mut s = TypeStore::new();
    let one = Lattice::Const(types::ConstValue::Int(1));
    let two = Lattice::Const(types::ConstValue::Int(2));
    assert_eq!(one.join(&two, &mut s), Lattice::Type(Ty::INT64));
    assert_eq!(one.join(&one, &mut s), one);
    assert!(Lattice::BOTTOM.less_equal(&one, &mut s));
    let mut acc = Lattice::BOTTOM;
    for t in [Ty::INT64, Ty::FLOAT64, Ty::STRING, Ty::NOTHING] {
        acc = acc.join(&Lattice::Type(t), &mut s);
    }
    assert_eq!(acc, Lattice::ANY);
    let small = Lattice::Type(Ty::INT64).join(&Lattice::Type(Ty::FLOAT64), &mut s);
    let widened = small.widen(&mut s);
    assert_eq!(s.display(widened), "Union{Float64, Int64}");
}

#[test]
fn specificity_of_unions_and_tuples_that_do_not_contain_each_other() {
    let mut s = TypeStore::new();
    let float_or_string = s.union(&[Ty::FLOAT64, Ty::STRING]);
    let int_or_string = s.union(&[Ty::INT64, Ty::STRING]);
    // Strict subtypes, as before.
    assert!(s.morespecific(Ty::INT64, Ty::NUMBER));
    assert!(!s.morespecific(Ty::NUMBER, Ty::INT64));
    assert!(!s.morespecific(Ty::INT64, Ty::INT64));
    // A union with a member more specific than the other type wins; the other way it loses.
    assert!(s.morespecific(float_or_string, Ty::NUMBER));
    assert!(!s.morespecific(Ty::NUMBER, float_or_string));
    // Neither union beats the other (Float64 and Int64 are unrelated).
    assert!(!s.morespecific(float_or_string, int_or_string));
    assert!(!s.morespecific(int_or_string, float_or_string));
    // Tuples compare element by element.
    let union_number = s.tuple(vec![float_or_string, Ty::NUMBER]);
    let number_number = s.tuple(vec![Ty::NUMBER, Ty::NUMBER]);
    let int_real = s.tuple(vec![Ty::INT64, Ty::REAL]);
    let real_int = s.tuple(vec![Ty::REAL, Ty::INT64]);
    assert!(s.morespecific(union_number, number_number));
    assert!(!s.morespecific(number_number, union_number));
    assert!(!s.morespecific(int_real, real_int));
    assert!(!s.morespecific(real_int, int_real));
    // An element that is less specific spoils the tuple.
    let union_int = s.tuple(vec![float_or_string, Ty::INT64]);
    let number_signed = s.tuple(vec![Ty::NUMBER, Ty::SIGNED]);
    let number_string = s.tuple(vec![Ty::NUMBER, Ty::STRING]);
    assert!(s.morespecific(union_int, number_signed));
    assert!(!s.morespecific(union_int, number_string));
}
