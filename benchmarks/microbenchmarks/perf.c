// The scalar kernels of JuliaLang/Microbenchmarks' c/perf.c (fib, parse_int, mandel,
// quicksort, pisum), with its timing rules: each benchmark is the best of NITER runs, fib is
// 1000 calls of fib(20), parse is 1000 parses of a random hex number (perf.c: 100,000,
// reported per 1000), mandel is mandelperf(), quicksort makes and sorts 5000 random doubles,
// pisum is pisum(). `invokelab bench --microbenchmarks` compiles this with `cc -O2` and prints
// `name nanoseconds` per benchmark. The random numbers come from a xorshift generator (perf.c
// uses dSFMT); only the timings are compared.
#include <complex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define NITER 5

static double clock_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t xorshift(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

int fib(int n) {
    return n < 2 ? n : fib(n-1) + fib(n-2);
}

long parse_int(const char *s, long base) {
    long n = 0;
    for (; *s; ++s) {
        char c = *s;
        long d = 0;
        if (c >= '0' && c <= '9') d = c-'0';
        else if (c >= 'A' && c <= 'Z') d = c-'A' + (int) 10;
        else if (c >= 'a' && c <= 'z') d = c-'a' + (int) 10;
        else exit(-1);

        if (base <= d) exit(-1);
        n = n*base + d;
    }
    return n;
}

double cabs2(double complex z) {
    return creal(z)*creal(z) + cimag(z)*cimag(z);
}

int mandel(double complex z) {
    int maxiter = 80;
    double complex c = z;
    for (int n = 0; n < maxiter; ++n) {
        if (cabs2(z) > 4.0) {
            return n;
        }
        z = z*z+c;
    }
    return maxiter;
}

int *mandelperf(void) {
    int *M = (int*) malloc(21*26*sizeof(int));
    for (int i = 0; i < 21; i++) {
        for (int j = 0; j < 26; j++) {
            M[26*i + j] = mandel((j-20)/10.0 + ((i-10)/10.0)*I);
        }
    }
    return M;
}

void quicksort(double *a, int lo, int hi) {
    int i = lo;
    int j = hi;
    while (i < hi) {
        double pivot = a[(lo+hi)/2];
        while (i <= j) {
            while (a[i] < pivot) {
                i = i + 1;
            }
            while (a[j] > pivot) {
                j = j - 1;
            }
            if (i <= j) {
                double t = a[i];
                a[i] = a[j];
                a[j] = t;
                i = i + 1;
                j = j - 1;
            }
        }
        if (lo < j) {
            quicksort(a, lo, j);
        }
        lo = i;
        j = hi;
    }
}

double pisum(void) {
    volatile double sum = 0.0;
    for (int j=0; j<500; ++j) {
        sum = 0.0;
        for (int k=1; k<=10000; ++k) {
            sum += 1.0/(k*k);
        }
    }
    return sum;
}

int main(void) {
    double t, tmin;
    volatile int fibarg = 20;
    volatile long sink = 0;

    tmin = 1e30;
    for (int i = 0; i < NITER; i++) {
        t = clock_now();
        for (int k = 0; k < 1000; k++) sink += fib(fibarg);
        t = clock_now() - t;
        if (t < tmin) tmin = t;
    }
    printf("fib %.0f\n", tmin);

    tmin = 1e30;
    char s[11];
    for (int i = 0; i < NITER; i++) {
        t = clock_now();
        for (int k = 0; k < 1000; k++) {
            uint32_t n = (uint32_t)(xorshift() >> 32);
            sprintf(s, "%x", n);
            uint32_t m = (uint32_t)parse_int(s, 16);
            if (m != n) exit(1);
        }
        t = clock_now() - t;
        if (t < tmin) tmin = t;
    }
    printf("parse_integers %.0f\n", tmin);

    tmin = 1e30;
    for (int i = 0; i < NITER; i++) {
        t = clock_now();
        int *M = mandelperf();
        t = clock_now() - t;
        int mandel_sum = 0;
        for (int k = 0; k < 21*26; k++) mandel_sum += M[k];
        if (mandel_sum != 14791) exit(2);
        free(M);
        if (t < tmin) tmin = t;
    }
    printf("mandelbrot %.0f\n", tmin);

    tmin = 1e30;
    for (int i = 0; i < NITER; i++) {
        t = clock_now();
        double *d = (double*) malloc(5000*sizeof(double));
        for (int k = 0; k < 5000; k++) d[k] = (double)(xorshift() >> 11) * 0x1.0p-53;
        quicksort(d, 0, 4999);
        free(d);
        t = clock_now() - t;
        if (t < tmin) tmin = t;
    }
    printf("quicksort %.0f\n", tmin);

    tmin = 1e30;
    for (int i = 0; i < NITER; i++) {
        t = clock_now();
        double p = pisum();
        t = clock_now() - t;
        if (p < 1.6448340718 || p > 1.6448340719) exit(3);
        if (t < tmin) tmin = t;
    }
    printf("pi_sum %.0f\n", tmin);
    return (int)(sink & 0);
}
