# T2 (Compiler/test/AbstractInterpreter.jl): an error thrown by the invoked CodeInstance
# propagates unchanged. As Julia's test does, this builds the foreign CodeInstance of
# `error(::Char, ::Char, ::Char, ::Char)` and calls `invoke(error, ci, "test"...)` (the string
# splats into four `Char`s), catching the error; then the same call uncaught, whose first
# backtrace frame is `error(::Char, ::Char, ::Char, ::Char)`.
struct InvokeOwner end
mi = method_instance(error, 't', 'e', 's', 't')
ci = Core.OptimizedGenerics.CompilerPlugins.typeinf(InvokeOwner(), mi, Compiler.SOURCE_MODE_ABI)
println(ci.owner === InvokeOwner())
println(ci.rettype)
println(ci.exctype)
result = try
    invoke(error, ci, "test"...)
catch e
    e
end
println(result isa ErrorException, " ", result.msg)
invoke(error, ci, "test"...)
println("not reached")

#= expect
true
Union{}
ErrorException
true test
--- stderr
ERROR: test
Stacktrace:
 [1] error(::Char, ::Char, ::Char, ::Char)
   @ Base prelude/base.jl:643
 [2] top-level scope
   @ t02_invoke_error_propagates.jl:18
=#
