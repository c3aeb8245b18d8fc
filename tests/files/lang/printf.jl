# `@printf` and `@sprintf` (stdlib Printf): C's directives, numbers written as C writes them,
# `Inf` and `NaN` as Julia's Printf writes them, `%s` as `print` writes its argument.
using Printf
@printf("%.2f %d %s\n", 3.14159, 42, "hi")
s = @sprintf("%5.1f|%-4d|%03d|%+d|% d", 2.25, 7, 5, 3, 4)
println(s)
@printf("%e %g %x %X %o %#x %c %%\n", 12345.678, 0.0001, 255, 255, 8, 255, 'z')
@printf("[%8.3f] [%-8.2e] [%08.3f] [%s] [%.2s] [%5s] [%-5s]\n", pi, 1234.5, -3.14159, [1, 2], "hello", "ab", "ab")
@printf("%f %f %5.1f %d\n", Inf, NaN, -Inf, 3.0)
x = 0.1 + 0.2
println(@sprintf("%.17g", x), " ", @sprintf("%10.4f|", x), " ", @sprintf("%i", -12))
@printf(stdout, "to stdout %d\n", 1)
for (name, score) in [("ann", 9.5), ("bob", 10.25)]
    @printf("%-6s%6.2f\n", name, score)
end

#= expect
3.14 42 hi
  2.2|7   |005|+3| 4
1.234568e+04 0.0001 ff FF 10 0xff z %
[   3.142] [1.23e+03] [-003.142] [[1, 2]] [he] [   ab] [ab   ]
Inf NaN  -Inf 3
0.30000000000000004     0.3000| -12
to stdout 1
ann     9.50
bob    10.25
=#
