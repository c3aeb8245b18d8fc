# A PluginOwner whose interpreter uses an overlay table: static and dynamic calls made by its
# code see the overlay; native code and other owners do not.
Base.Experimental.@MethodTable MyMT
Base.Experimental.@overlay MyMT mycos(x::Float64) = 42.0
mycos(x::Float64) = cos(x)
callcos(x) = mycos(x) + 1.0
dyncos(x) = mycos(Base.inferencebarrier(x)) + 1.0
owner = PluginOwner(:myplugin; method_table=MyMT)
println(callcos(0.0), " ", dyncos(0.0))
println(with_new_compiler(callcos, 0.0; owner=owner))
println(with_new_compiler(dyncos, 0.0; owner=owner))
println(callcos(0.0), " ", dyncos(0.0))
println(with_new_compiler(callcos, 0.0; owner=PluginOwner(:noinl; inlining=false)))
println(with_new_compiler(dyncos, 0.0))

#= expect
2.0 2.0
43.0
43.0
2.0 2.0
2.0
2.0
=#
