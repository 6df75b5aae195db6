import ConformanceRunner
import Testing

struct ShuffledOrderTests {
    @Test(arguments: [0, 1, 2, 3, 5, 16, 17, 1000, 4097])
    func isAPermutationOfTheRange(count: Int) {
        let order = ShuffledOrder(count: count, seed: 99)
        let values = (0..<count).map { order[$0] }
        #expect(values.sorted() == Array(0..<count))
    }

    @Test func dependsOnTheSeedAndNothingElse() {
        let a = (0..<500).map { ShuffledOrder(count: 500, seed: 1)[$0] }
        let b = (0..<500).map { ShuffledOrder(count: 500, seed: 1)[$0] }
        let c = (0..<500).map { ShuffledOrder(count: 500, seed: 2)[$0] }
        #expect(a == b)
        #expect(a != c)
        #expect(a != Array(0..<500))
    }
}
