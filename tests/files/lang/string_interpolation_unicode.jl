# What follows `$(...)` in a string is text: non-ASCII characters, quotes, a non-breaking
# space, more interpolations.
x = 1
name = "Ana"
println("$(1)∀")
println("$(name)'s turn")
println("$(x) apples")
println("$((1 + 2) * (3))é$x∀$(x + 1)'")
println("$(string("(", ")"))∂ and $(x)$(x)")
println("""
    $(x)∀
    done ∎"""
)
println(length("$(x)∀$(x)"))

#= expect
1∀
Ana's turn
1 apples
9é1∀2'
()∂ and 11
1∀
done ∎
3
=#
