#include "sim/random/stream_blocks.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define COACHSIM_PHILOX_AVX2 1
#endif

namespace sim::random {
namespace {

void blocks_one_at_a_time(StreamKey key, const std::uint32_t* agents, std::size_t n, PhiloxCounter* out,
                          std::uint32_t block) {
  for (std::size_t k = 0; k < n; ++k) {
    key.agent = agents[k];
    out[k] = philox4x32_10(counter_of(key, block), philox_key_of(key));
  }
}

#ifdef COACHSIM_PHILOX_AVX2
static_assert(sizeof(PhiloxCounter) == 16, "blocks are stored four words apiece");

// Eight blocks: lane l holds the counter {agents[l], step, purpose, block}; the key (the seed) is
// the same in every lane. A Philox round multiplies counter words 0 and 2 by 32-bit constants into
// 64-bit products; _mm256_mul_epu32 multiplies the even lanes, so the odd lanes are shifted down,
// multiplied, and the halves blended back into place. The blocks are transposed back to one per
// agent in registers.
__attribute__((target("avx2"))) void eight_blocks(const StreamKey& key, const std::uint32_t* agents,
                                                  std::uint32_t block, PhiloxCounter* out) {
  const PhiloxCounter shared = counter_of(key, block);
  const PhiloxKey seed = philox_key_of(key);
  __m256i c0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(agents));
  __m256i c1 = _mm256_set1_epi32(static_cast<int>(shared[1]));
  __m256i c2 = _mm256_set1_epi32(static_cast<int>(shared[2]));
  __m256i c3 = _mm256_set1_epi32(static_cast<int>(shared[3]));
  std::uint32_t k0 = seed[0], k1 = seed[1];
  const __m256i m0 = _mm256_set1_epi64x(detail::kPhiloxM0);
  const __m256i m1 = _mm256_set1_epi64x(detail::kPhiloxM1);
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += detail::kPhiloxW0;
      k1 += detail::kPhiloxW1;
    }
    const __m256i p0_even = _mm256_mul_epu32(c0, m0);
    const __m256i p0_odd = _mm256_mul_epu32(_mm256_srli_epi64(c0, 32), m0);
    const __m256i p1_even = _mm256_mul_epu32(c2, m1);
    const __m256i p1_odd = _mm256_mul_epu32(_mm256_srli_epi64(c2, 32), m1);
    const __m256i lo0 = _mm256_blend_epi32(p0_even, _mm256_slli_epi64(p0_odd, 32), 0xAA);
    const __m256i hi0 = _mm256_blend_epi32(_mm256_srli_epi64(p0_even, 32), p0_odd, 0xAA);
    const __m256i lo1 = _mm256_blend_epi32(p1_even, _mm256_slli_epi64(p1_odd, 32), 0xAA);
    const __m256i hi1 = _mm256_blend_epi32(_mm256_srli_epi64(p1_even, 32), p1_odd, 0xAA);
    c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, c1), _mm256_set1_epi32(static_cast<int>(k0)));
    c1 = lo1;
    c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, c3), _mm256_set1_epi32(static_cast<int>(k1)));
    c3 = lo0;
  }
  // Transpose: word w of lane l to out[l][w]. Within each 128-bit half, the unpacks put lanes
  // 0-1 (4-5) and 2-3 (6-7) side by side; the permutes then pair the halves' blocks in order.
  const __m256i t01_lo = _mm256_unpacklo_epi32(c0, c1), t01_hi = _mm256_unpackhi_epi32(c0, c1);
  const __m256i t23_lo = _mm256_unpacklo_epi32(c2, c3), t23_hi = _mm256_unpackhi_epi32(c2, c3);
  const __m256i b04 = _mm256_unpacklo_epi64(t01_lo, t23_lo), b15 = _mm256_unpackhi_epi64(t01_lo, t23_lo);
  const __m256i b26 = _mm256_unpacklo_epi64(t01_hi, t23_hi), b37 = _mm256_unpackhi_epi64(t01_hi, t23_hi);
  auto* to = reinterpret_cast<__m256i*>(out);
  _mm256_storeu_si256(to + 0, _mm256_permute2x128_si256(b04, b15, 0x20));
  _mm256_storeu_si256(to + 1, _mm256_permute2x128_si256(b26, b37, 0x20));
  _mm256_storeu_si256(to + 2, _mm256_permute2x128_si256(b04, b15, 0x31));
  _mm256_storeu_si256(to + 3, _mm256_permute2x128_si256(b26, b37, 0x31));
}

__attribute__((target("avx2"))) void blocks_in_lanes(const StreamKey& key, const std::uint32_t* agents,
                                                     std::size_t n, PhiloxCounter* out, std::uint32_t block) {
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) eight_blocks(key, agents + k, block, out + k);
  // Leave no 256-bit state behind: the rest of the program is SSE code, which runs at a fraction of
  // its speed while the upper halves are dirty (the compiler does not add this to a function whose
  // AVX2 comes from a target attribute).
  _mm256_zeroupper();
  blocks_one_at_a_time(key, agents + k, n - k, out + k, block);
}
#endif

}  // namespace

bool stream_blocks_vectorized() {
#ifdef COACHSIM_PHILOX_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
  return avx2;
#else
  return false;
#endif
}

void stream_blocks(const StreamKey& shared, const std::uint32_t* agents, std::size_t n, PhiloxCounter* out,
                   std::uint32_t block) {
  blocks_drawn() += n;
#ifdef COACHSIM_PHILOX_AVX2
  if (stream_blocks_vectorized()) {
    blocks_in_lanes(shared, agents, n, out, block);
    return;
  }
#endif
  blocks_one_at_a_time(shared, agents, n, out, block);
}

}  // namespace sim::random
