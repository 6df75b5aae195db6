import Foundation
import Testing

@testable import ConformanceReports

struct NormalDeviateTests {
    // Reference values: Python's statistics.NormalDist().inv_cdf (Wichura's AS241, ~1e-16 relative).
    @Test(
        "probit matches reference quantiles to about machine precision",
        arguments: [
            (0.5, 0.0),
            (0.975, 1.9599639845400536),
            (0.025, -1.9599639845400538),
            (0.84134474606854293, 1.0),
            (0.02425, -1.9729610513118845),
            (0.001, -3.090232306167813),
            (1e-6, -4.753424308822899),
            (1e-10, -6.361340902404056),
            (1e-300, -37.0470962993612),
            (0.999, 3.090232306167813),
            (0.9999999, 5.199337582290662),
        ])
    func matchesReference(p: Double, expected: Double) {
        let x = NormalDeviate.probit(p)
        #expect(abs(x - expected) <= 1e-12 * max(1, abs(expected)) + (p > 0.99 ? 1e-9 : 0), "probit(\(p)) = \(x)")
    }

    @Test("probit is odd around one half and increasing")
    func symmetricAndMonotone() {
        var previous = -Double.infinity
        for i in 1..<1000 {
            let p = Double(i) / 1000
            let x = NormalDeviate.probit(p)
            #expect(x > previous)
            previous = x
            #expect(abs(x + NormalDeviate.probit(1 - p)) < 1e-9)
        }
    }

    @Test("the ends are infinite and outside [0, 1] is NaN")
    func edges() {
        #expect(NormalDeviate.probit(0) == -.infinity)
        #expect(NormalDeviate.probit(1) == .infinity)
        #expect(NormalDeviate.probit(-0.1).isNaN)
        #expect(NormalDeviate.probit(1.1).isNaN)
        #expect(NormalDeviate.probit(.nan).isNaN)
    }
}
