s = "héllo wörld"
println(s[1], " ", s[2], " ", s[end], " ", s[4:5], " ", length(s), " ", ncodeunits(s))
println(firstindex(s), " ", lastindex(s), " ", sizeof("é"), " ", codeunit(s, 2))
println(thisind(s, 3), " ", nextind(s, 2), " ", prevind(s, 4), " ", collect(eachindex("aé")))
for c in "aé!"
    print(c, ',')
end
println()
println(collect("abc"), " ", first("héllo", 2), " ", last("héllo", 3))
println(SubString(s, 1, 5), " ", typeof(SubString(s, 1, 5)), " ", repr(SubString(s, 7)))
try
    s[3]
catch e
    println(typeof(e), ": ", sprint(showerror, e))
end
try
    s[20]
catch e
    println(sprint(showerror, e))
end
try
    "abc"[2:7]
catch e
    println(sprint(showerror, e))
end
println(Symbol("abc"), " ", Symbol("x", 1), " ", string(:sym))
s[3]

#= expect
h é d ll 11 13
1 13 2 195
2 4 2 [1, 2]
a,é,!,
['a', 'b', 'c'] hé llo
héll SubString{String} " wörld"
StringIndexError: StringIndexError: invalid index [3], valid nearby indices [2]=>'é', [4]=>'l'
BoundsError: attempt to access 13-codeunit String at index [20]
BoundsError: attempt to access 3-codeunit String at index [2:7]
abc x1 sym
--- stderr
ERROR: StringIndexError: invalid index [3], valid nearby indices [2]=>'é', [4]=>'l'
Stacktrace:
 [1] string_index_err
   @ Base prelude/strings.jl:32 [inlined]
 [2] getindex(s::String, i::Int64)
   @ Base prelude/strings.jl:78
 [3] top-level scope
   @ strings_indexing.jl:27
=#
