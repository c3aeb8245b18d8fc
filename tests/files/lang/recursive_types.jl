# A struct's field type may mention the struct itself (a linked list, a tree): the name is
# bound before the field types are evaluated, as Julia's lowering does (`Core._typebody!`).
mutable struct Node
    value::Int
    next::Union{Node, Nothing}
end
n3 = Node(3, nothing)
n2 = Node(2, n3)
n1 = Node(1, n2)
function total(n)
    s = 0
    while n !== nothing
        s += n.value
        n = n.next
    end
    s
end
println(total(n1))
n3.next = Node(4, nothing)
println(total(n1))
println(fieldtype(Node, :next))
struct Tree
    left::Union{Tree, Nothing}
    right::Union{Tree, Nothing}
    label::String
end
t = Tree(Tree(nothing, nothing, "l"), nothing, "root")
println(t.left.label, " ", t.right === nothing)
println(n3.value)
println(n1)
println(t)

#= expect
6
10
Union{Nothing, Node}
l true
3
Node(1, Node(2, Node(3, Node(4, nothing))))
Tree(Tree(nothing, nothing, "l"), nothing, "root")
=#
