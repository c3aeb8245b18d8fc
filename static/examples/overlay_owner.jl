# A compiler plugin with its own method table. GPU compilers swap Base functions for device
# versions with `Base.Experimental.@overlay`; in invokelab a cache owner can carry such a table.
# Code compiled for `PluginOwner(:newton; method_table=Newton)` sees the overlay methods first,
# in its own cache partition, while native code never does.
Base.Experimental.@MethodTable Newton

# Four steps of Newton's method from x/2: a deliberately rough square root.
newton(x, y, n) = n == 0 ? y : newton(x, (y + x / y) / 2, n - 1)
Base.Experimental.@overlay Newton sqrt(x::Float64) = newton(x, x / 2, 4)

diagonal(a, b) = sqrt(a * a + b * b)
rough = PluginOwner(:newton; method_table=Newton)

println("native: ", diagonal(3.0, 4.0))
println("plugin: ", with_new_compiler(diagonal, 3.0, 4.0; owner=rough))
println("native: ", diagonal(3.0, 4.0))

# Owners are compared with `===`: an equal token names the same partition, and a different
# setting (no inlining in the plugin's optimizer) names another one, with the same answers.
println(PluginOwner(:newton; method_table=Newton) === rough)
flat = PluginOwner(:newton; method_table=Newton, inlining=false)
println(flat === rough)
println("flat:   ", with_new_compiler(diagonal, 3.0, 4.0; owner=flat))

# One CodeInstance of `diagonal(::Float64, ::Float64)` per partition.
function owned(f, owner)
    n = 0
    for ci in code_instances(f)
        if ci.owner === owner
            n += 1
        end
    end
    return n
end
println(owned(diagonal, nothing), " ", owned(diagonal, rough), " ", owned(diagonal, flat))

#= expect
native: 5.0
plugin: 5.000012953048684
native: 5.0
true
false
flat:   5.000012953048684
1 1 1
=#
