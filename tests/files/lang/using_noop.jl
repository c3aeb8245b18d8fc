using Base.Experimental
using CompilerDevTools
println("ok")

#= expect
ok
=#
