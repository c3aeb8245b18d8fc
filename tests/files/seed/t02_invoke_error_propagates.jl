# T2 (Compiler/test/AbstractInterpreter.jl): an error thrown by the invoked CodeInstance
# propagates unchanged. Julia's test builds the foreign CodeInstance of
# `error(::Char, ::Char, ::Char, ::Char)` and calls `invoke(error, ci, "test"...)`; the subset
# has no `Char`, so this program invokes the foreign CodeInstance of `error(::String)` with a
# splatted one-element tuple. The first backtrace frame the test checks
# (`error(::Char, ::Char, ::Char, ::Char)`) is not shown: invokelab prints only the top-level frame.
struct InvokeOwner end
mi = method_instance(error, "test")
ci = Core.OptimizedGenerics.CompilerPlugins.typeinf(InvokeOwner(), mi, Compiler.SOURCE_MODE_ABI)
println(ci.owner === InvokeOwner())
println(ci.rettype)
println(ci.exctype)
args = ("test",)
invoke(error, ci, args...)
println("not reached")

#= expect
true
Union{}
ErrorException
--- stderr
ERROR: test
Stacktrace:
 [1] error(msg::String)
   @ Base prelude/base.jl:597
 [2] top-level scope
   @ t02_invoke_error_propagates.jl:14
=#
