s = "abc"
println(s, " ", length(s))
x = 42
println("x = $x, x + 1 = $(x + 1)")
println(string(:sym), " ", :sym)
println("tab\tend", " quote\" ", "dollar\$")
println(repr("hi"), " ", repr(1.5), " ", repr(:s))
print("no newline")
print("\n")
println(string(1, 2.0, true, nothing))

#= expect
abc 3
x = 42, x + 1 = 43
sym sym
tab	end quote" dollar$
"hi" 1.5 :s
no newline
12.0truenothing
=#
