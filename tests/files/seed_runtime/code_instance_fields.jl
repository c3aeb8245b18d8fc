# The fields of CodeInstance, MethodInstance and Method objects, and how they print.
mysin(x::Float64) = sin(x)
ci = code_instance(mysin, Float64)
println(ci)
println(repr(ci))
println(ci.def)
println(ci.def.def)
println(ci.owner === nothing, " ", ci.rettype, " ", ci.exctype isa Type)
println(typeof(ci.min_world), " ", ci.min_world <= Base.tls_world_age(), " ", ci.max_world)
mi = ci.def
println(mi.specTypes, " ", mi.cache === ci)
m = mi.def
println(m.name, " ", m.sig)
println(typeof(ci), " ", typeof(mi), " ", typeof(m))
println(string("ci: ", ci))
pair(x, y::Int) = x
println(which(pair, (Any, Int)))
println(method_instance(pair, 1.0, 2))

#= expect
CodeInstance for MethodInstance for mysin(::Float64)
CodeInstance for MethodInstance for mysin(::Float64)
MethodInstance for mysin(::Float64)
mysin(x::Float64) @ Main code_instance_fields.jl:2
true Float64 true
UInt64 true 18446744073709551615
Tuple{typeof(mysin), Float64} true
mysin Tuple{typeof(mysin), Float64}
Core.CodeInstance Core.MethodInstance Method
ci: CodeInstance for MethodInstance for mysin(::Float64)
pair(x, y::Int64) @ Main code_instance_fields.jl:16
MethodInstance for pair(::Float64, ::Int64)
=#
