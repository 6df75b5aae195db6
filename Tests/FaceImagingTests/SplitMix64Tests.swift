import Testing

struct SplitMix64Tests {
    /// The reference outputs of SplitMix64 for seed 0 (Steele, Lea, Flood 2014; Vigna's splitmix64.c), so the
    /// seeded test images are the published generator's and not a look-alike with a mistyped constant.
    @Test func seedZeroGivesTheReferenceOutputs() {
        var generator = SplitMix64(seed: 0)
        #expect((0..<3).map { _ in generator.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }
}
