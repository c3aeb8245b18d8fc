# Char: literals, printing as Julia prints them (print raw, show quoted and escaped), code
# points and arithmetic, classification, and strings iterating by Char.
c = 'a'
println(c)
println(repr(c), " ", typeof(c), " ", c isa AbstractChar)
println(Int('a'), " ", Char(97), " ", 'a' + 1, " ", 'z' - 'a')
println('a' == 'a', " ", 'a' == Char(97), " ", 'a' < 'b', " ", 'é')
show('\n'); println()
show('\''); println()
println("char: $c and $('λ')")
println(['a', 'b'])
println(isdigit('7'), isletter('x'), isspace(' '), uppercase('q'), lowercase('Q'))
println(string('x', 'y', 1))
println(codepoint('A'))
v = Char[]
for c in ['h', 'e', 'l', 'l', 'o']
    push!(v, uppercase(c))
end
println(v, " ", length(v))
f(c::Char) = c + 1
println(map(f, ['a', 'b']))
x = 'q'
println(x === 'q', " ", Char(Int(x)) == x, " ", ('a', 'b'))
println(sort(['c', 'a', 'b']))
println(try Char(-1) catch e; e end)
println(("ab"...,))
for c in "hé!"
    print(c, ";")
end
println()
println(map(uppercase, collect("abc")))
count_vowels(s) = count(c -> c in ('a', 'e', 'i', 'o', 'u'), collect(s))
println(count_vowels("invokelab"))

#= expect
a
'a' Char true
97 a b 25
true true true é
'\n'
'\''
char: a and λ
['a', 'b']
truetruetrueQq
xy1
65
['H', 'E', 'L', 'L', 'O'] 5
['b', 'c']
true true ('a', 'b')
['a', 'b', 'c']
InexactError(:Char, Char, -1)
('a', 'b')
h;é;!;
['A', 'B', 'C']
4
=#
