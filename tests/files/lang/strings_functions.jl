println(uppercase("hello"), " ", lowercase("HeLLo"), " ", uppercasefirst("julia"), " ", titlecase("the quick fox"))
println(startswith("julia", "ju"), " ", endswith("julia", "ia"), " ", startswith("julia", 'j'), " ", occursin("li", "julia"), " ", occursin('z', "julia"), " ", contains("julia", "ul"))
println(findfirst("li", "julia"), " ", findfirst('l', "julia"), " ", findlast('a', "banana"), " ", findfirst(isdigit, "ab1c"), " ", findfirst("zz", "julia") === nothing)
println(findall("an", "banana"), " ", count("a", "banana"), " ", count(c -> c == 'n', "banana"))
println(replace("hello world", "o" => "0"), " ", replace("banana", 'a' => 'o'), " ", replace("aaa", "a" => "b"; count=2), " ", replace("a-b_c", "-" => "+", "_" => "="))
println(replace("hello", "l" => uppercase))
println(split("a,b,,c", ","), " ", split("  one two   three "), " ", split("a,b,,c", ","; keepempty=false), " ", split("a.b.c", "."; limit=2))
println(join(["x", "y", "z"], ", "), " ", join([1, 2, 3]), " ", join(["a", "b", "c"], ", ", " and "))
println(strip("  pad  "), "|", lstrip("  pad  "), "|", rstrip("  pad  "), "|", strip("xxhixx", 'x'), "|", strip("[1]", ['[', ']']))
println(chomp("line\n"), "|", chop("julia"), "|", lpad("7", 3, '0'), "|", rpad("ab", 5, '.'), "|", lpad(42, 6), "|", rpad("abc", 2))
println(reverse("héllo"), " ", repeat("ab", 3), " ", "ab"^2, " ", 'x' * "yz", " ", "a" * 'b', " ", 'c'^3)
println(string(255, base=16), " ", string(-10, base=2), " ", string(7, pad=3), " ", string(5, base=2, pad=8), " ", bitstring(UInt8(5)))
println(parse(Int, "42"), " ", parse(Int, " -17 "), " ", parse(Int, "ff"; base=16), " ", parse(Int, "0b101"), " ", parse(UInt8, "200"), " ", parse(Float64, "2.5e3"), " ", parse(Float64, "-Inf"))
println(tryparse(Int, "12x"), " ", tryparse(Int, "12"), " ", tryparse(Float64, "1.5"), " ", tryparse(Float64, "abc"))
println("apple" < "banana", " ", "abc" < "abd", " ", "b" > "abc", " ", isless("a", "b"), " ", cmp("a", "b"), " ", cmp("b", "a"), " ", cmp("x", "x"))
println(sort(["pear", "apple", "fig"]), " ", sort(["b", "A", "a"]), " ", maximum(["x", "yy", "z"]))
words = split("the quick brown fox")
println(length(words), " ", map(length, words), " ", join(reverse(words), " "))
println("a" == SubString("xa", 2), " ", isempty(""), " ", isascii("abc"), " ", isascii("é"))
for bad in ("12a", "", "99999999999999999999", "1 2")
    try
        parse(Int, bad)
    catch e
        println(sprint(showerror, e))
    end
end
parse(Float64, "x")

#= expect
HELLO hello Julia The Quick Fox
true true true true false true
3:4 3 6 3 true
UnitRange{Int64}[2:3, 4:5] 3 2
hell0 w0rld bonono bba a+b=c
heLLo
SubString{String}["a", "b", "", "c"] SubString{String}["one", "two", "three"] SubString{String}["a", "b", "c"] SubString{String}["a", "b.c"]
x, y, z 123 a, b and c
pad|pad  |  pad|hi|1
line|juli|007|ab...|    42|abc
olléh ababab abab xyz ab ccc
ff -1010 007 00000101 00000101
42 -17 255 5 200 2500.0 -Inf
nothing 12 1.5 nothing
true true true true -1 1 0
["apple", "fig", "pear"] ["A", "a", "b"] z
4 [3, 5, 5, 3] fox brown quick the
true true true false
ArgumentError: invalid base 10 digit 'a' in "12a"
ArgumentError: input string is empty or only contains whitespace
OverflowError: overflow parsing "99999999999999999999"
ArgumentError: extra characters after whitespace in "1 2"
--- stderr
ERROR: ArgumentError: cannot parse "x" as Float64
Stacktrace:
 [1] parse(::Type{Float64}, s::String)
   @ Base prelude/strings.jl:643
 [2] top-level scope
   @ strings_functions.jl:27
=#
