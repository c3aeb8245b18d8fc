# A `show` method is Julia code: what it prints and throws happens where the value is shown,
# so `string` and `repr` of such a value are not removed or assumed not to throw.
struct Bad end
Base.show(io::IO, ::Bad) = error("cannot show")
struct Loud end
Base.show(io::IO, ::Loud) = (println("showing!"); print(io, "Loud"))
f() = try
    string(Bad())
catch e
    "caught: " * e.msg
end
println(f())
g() = (repr(Loud()); 1)
println(g())

#= expect
caught: cannot show
showing!
1
=#
