# @code_warntype as Julia 1.12 prints it to a file: the MethodInstance and its method, Arguments,
# Locals (the join of what each variable is assigned), Body, and the unoptimized IR typing only
# used values; a type that is not concrete in capitals (red and yellow on a terminal).
f(a) = a > 1 ? 1 : 1.0
@code_warntype f(2)
@noinline pos(x) = x < 0 ? 0 : x
function g(x)
    y = pos(x)
    return sin(y * x + 1)
end
@code_warntype g(3.2)
h(v) = v[1]
@code_warntype h(Any[1, 2])

# A where method: its static parameters, and the method shown with its where clause.
firstof(v::Vector{T}) where {T} = v[1]
@code_warntype firstof([1, 2])
scale(x::T, k) where {T<:Real} = x * k
println(which(scale, (Float64, Int)))

#= expect
MethodInstance for f(::Int64)
  from f(a) @ Main code_warntype.jl:4
Arguments
  #self#::Core.Const(f)
  a::Int64
Body::UNION{FLOAT64, INT64}
1 ─ %1 = Main.:>::Core.Const(>)
│   %2 = (%1)(a, 1)::Bool
└──      goto #3 if not %2
2 ─      return 1
3 ─      return 1.0

MethodInstance for g(::Float64)
  from g(x) @ Main code_warntype.jl:7
Arguments
  #self#::Core.Const(g)
  x::Float64
Locals
  y::UNION{FLOAT64, INT64}
Body::Float64
1 ─ %1 = Main.pos::Core.Const(pos)
│   %2 = (%1)(x)::UNION{FLOAT64, INT64}
│   %3 = Main.sin::Core.Const(sin)
│   %4 = Main.:+::Core.Const(+)
│   %5 = Main.:*::Core.Const(*)
│   %6 = (%5)(%2, x)::Float64
│   %7 = (%4)(%6, 1)::Float64
│   %8 = (%3)(%7)::Float64
└──      return %8

MethodInstance for h(::Vector{Any})
  from h(v) @ Main code_warntype.jl:12
Arguments
  #self#::Core.Const(h)
  v::Vector{Any}
Body::ANY
1 ─ %1 = Base.getindex(v, 1)::ANY
└──      return %1

MethodInstance for firstof(::Vector{Int64})
  from firstof(v::Vector{T}) where T @ Main code_warntype.jl:16
Static Parameters
  T = Int64
Arguments
  #self#::Core.Const(firstof)
  v::Vector{Int64}
Body::Int64
1 ─ %1 = Base.getindex(v, 1)::Int64
└──      return %1

scale(x::T, k) where T<:Real @ Main code_warntype.jl:18
=#
