# Logical shifts of signed and unsigned integers, and an UndefVarError of a global shown
# with its module.
println(-8 >>> 60, " ", 16 >>> 2, " ", 0xff >>> 4, " ", -8 >> 1, " ", 1 << 3)
x = 5
x >>>= 1
println(x)
println(try undefined_x catch e; e end)
f() = (y = 1; try; z; catch e; e; end)
println(f())

#= expect
15 4 15 -4 8
2
UndefVarError(:undefined_x, Main)
UndefVarError(:z, Main)
=#
