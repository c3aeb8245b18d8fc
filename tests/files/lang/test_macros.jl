using Test
@test 1 + 1 == 2
@test_throws DomainError sqrt(-1.0)
@test_broken 1 == 2
@testset "arithmetic" showtiming = false begin
    @test 1 + 1 == 2
    @test isodd(3)
    x = 0.1 + 0.2
    @test x ≈ 0.3
    @test x ≈ 0.3 atol = 1e-12
    @test_throws BoundsError [1, 2][3]
    @test 1 < 2 <= 3
end
@testset "nested" showtiming = false begin
    @testset "inner $i" for i in 1:2
        @test i > 0
    end
    @testset begin
        @test true
    end
end
@testset "verbose" verbose = true showtiming = false begin
    @testset "a" begin
        @test true
    end
end
x = 3
@testset "failures" showtiming = false begin
    @test x == 2
    @test isodd(x + 1)
    @test 1 < x < 2
    @test_throws ArgumentError error("boom")
    @test_throws KeyError 1 + 1
    @test [1, 2] == [1, 3]
    @test sqrt(-1.0) > 0
    @test 1
    @test true
    @test_broken false
end
println("not reached")

#= expect
Test Summary: | Pass  Total  
arithmetic    |    6      6  
Test Summary: | Pass  Total  
nested        |    3      3  
Test Summary: | Pass  Total  
verbose       |    1      1  
  a           |    1      1  

failures: Test Failed at test_macros.jl:29
  Expression: x == 2
   Evaluated: 3 == 2
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:29

failures: Test Failed at test_macros.jl:30
  Expression: isodd(x + 1)
   Evaluated: isodd(4)
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:30

failures: Test Failed at test_macros.jl:31
  Expression: 1 < x < 2
   Evaluated: 1 < 3 < 2
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:31

failures: Test Failed at test_macros.jl:32
  Expression: error("boom")
    Expected: ArgumentError
      Thrown: ErrorException("boom")
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:32

failures: Test Failed at test_macros.jl:33
  Expression: 1 + 1
    Expected: KeyError
  No exception thrown
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:33

failures: Test Failed at test_macros.jl:34
  Expression: [1, 2] == [1, 3]
Stacktrace:
 [1] top-level scope
   @ test_macros.jl:34

failures: Error During Test at test_macros.jl:35
  Test threw exception
  Expression: sqrt(-1.0) > 0
  DomainError with -1.0:
  sqrt was called with a negative real argument but will only return a complex result if called with a complex argument. Try sqrt(Complex(x)).

failures: Error During Test at test_macros.jl:36
  Expression evaluated to non-Boolean
  Expression: 1
       Value: 1
Test Summary: | Pass  Fail  Error  Broken  Total  
failures      |    1     6      2       1     10  
--- stderr
ERROR: Some tests did not pass: 1 passed, 6 failed, 2 errored, 1 broken.
=#
